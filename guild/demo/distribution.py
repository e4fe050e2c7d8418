"""How the generated community spreads: over departments and regions, between the
official languages, and over second-language levels. Pure data."""

# Relative sizes of IM teams; every listed department gets at least one member.
DEPARTMENT_WEIGHTS: dict[str, int] = {
    "esdc": 12,
    "cra": 10,
    "pspc": 8,
    "dnd": 8,
    "statcan": 7,
    "lac": 7,
    "nrcan": 6,
    "ircc": 5,
    "hc": 5,
    "cbsa": 4,
    "gac": 4,
    "tbs": 4,
    "eccc": 4,
    "dfo": 4,
    "rcmp": 4,
    "ssc": 4,
    "ised": 3,
    "aafc": 3,
    "tc": 3,
    "jus": 3,
    "vac": 3,
    "csc": 3,
    "pc": 3,
    "phac": 3,
    "isc": 3,
    "cirnac": 2,
    "pch": 2,
    "fin": 2,
    "pco": 2,
    "psc": 2,
    "csps": 2,
    "cfia": 2,
    "nrc": 2,
    "irb": 1,
    "opc": 1,
    "ocol": 1,
    "acoa": 1,
    "ced": 1,
    "cannor": 1,
}

REGION_WEIGHTS: dict[str, int] = {
    "ncr": 55,
    "quebec": 10,
    "ontario": 9,
    "atlantic": 8,
    "prairies": 8,
    "bc": 6,
    "north": 2,
    "outside": 2,
}
# Regional agencies work where their region is.
HOME_REGIONS = {"acoa": "atlantic", "ced": "quebec", "cannor": "north"}
# Share of members whose first official language is French, by region (overall ~30 %).
FRENCH_SHARE = {
    "ncr": 0.32,
    "quebec": 0.88,
    "atlantic": 0.30,
    "ontario": 0.08,
    "prairies": 0.05,
    "bc": 0.04,
    "north": 0.10,
    "outside": 0.35,
}

SECOND_LANGUAGE_WEIGHTS = {"X": 5, "A": 12, "B": 45, "C": 30, "E": 8}
