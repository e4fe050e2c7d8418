"""Shared builders for the CASE and CSV tests: a small bilingual framework with fixed
identifiers, its CASE package and CSV, and helpers that collect import problems."""

import csv
import io
from typing import Any

import pytest

from guild.competencies.case import (
    CSV_COLUMNS,
    CaseImportError,
    framework_from_case,
    framework_from_csv,
    framework_to_case,
    framework_to_csv,
)
from guild.competencies.framework import (
    Competency,
    Family,
    Framework,
    LevelDescriptor,
    ScaleLevel,
    derive_identifier,
    with_identifiers,
)

FW = "6f1c1f6e-3d2a-4a8e-9d37-2f0d2b7c5a10"
F1 = "f0000001-0000-4000-8000-000000000001"
C1 = "c0000001-0000-4000-8000-000000000001"
C2 = "c0000002-0000-4000-8000-000000000002"
F2 = "17c48117-e747-50af-a721-7e6d66d797f3"  # derived: family "SEC" of FW
C3 = "9df4d509-c68b-556e-ad6a-e72d2064fbde"  # derived: competency "SEC-1" of FW
OLD = "0e4b8f52-8a7c-4b1e-9c3d-5f6a7b8c9d0e"  # a competency of an earlier version
UNKNOWN = "99999999-9999-4999-8999-999999999999"
EPOCH = "1970-01-01T00:00:00+00:00"

SCALE = [
    ScaleLevel(level=1, name_en="Basic", name_fr="Élémentaire"),
    ScaleLevel(level=2, name_en="Intermediate", name_fr="Intermédiaire"),
    ScaleLevel(level=3, name_en="Advanced", name_fr="Avancé"),
    ScaleLevel(level=4, name_en="Expert", name_fr="Expert"),
]


def levels(code: str) -> list[LevelDescriptor]:
    return [
        LevelDescriptor(
            level=n, indicators_en=f"{code} at level {n}", indicators_fr=f"{code} au niveau {n}"
        )
        for n in (1, 2, 3, 4)
    ]


def small(*, derived: bool = False) -> Framework:
    """2 families, 3 competencies; with `derived`, the SEC family and competency have no
    identifier and get the derived ones (F2, C3)."""
    return Framework(
        identifier=FW,
        title_en="Digital competencies",
        title_fr="Compétences numériques",
        version="2025.1",
        levels_scale=SCALE,
        families=[
            Family(
                identifier=F1,
                code="DATA",
                name_en="Data",
                name_fr="Données",
                competencies=[
                    Competency(
                        identifier=C1,
                        code="DATA-1",
                        name_en="Data literacy",
                        name_fr="Littératie des données",
                        description_en="Finds and interprets data.",
                        description_fr="Trouve et interprète les données.",
                        levels=levels("DATA-1"),
                    ),
                    Competency(
                        identifier=C2,
                        code="DATA-2",
                        name_en="Analysis",
                        name_fr="Analyse",
                        levels=levels("DATA-2"),
                    ),
                ],
            ),
            Family(
                identifier="" if derived else F2,
                code="SEC",
                name_en="Security",
                name_fr="Sécurité",
                competencies=[
                    Competency(
                        identifier="" if derived else C3,
                        code="SEC-1",
                        name_en="Cyber hygiene",
                        name_fr="Cyberhygiène",
                        description_fr="Seulement en français : « œuvre »",
                        levels=levels("SEC-1"),
                        replaces=[OLD],
                    )
                ],
            ),
        ],
    )


def link(title: str, identifier: str) -> dict[str, str]:
    return {"title": title, "identifier": identifier, "uri": f"urn:uuid:{identifier}"}


DOCUMENT_LINK = link("Digital competencies", FW)


def package() -> dict[str, Any]:
    return framework_to_case(small())


def problems(data: object) -> list[tuple[str, str]]:
    with pytest.raises(CaseImportError) as raised:
        framework_from_case(data)
    return [(problem.path, problem.message) for problem in raised.value.problems]


def paths(data: object) -> list[str]:
    return [path for path, _ in problems(data)]


def french_first(value: Any) -> Any:
    """The same package written with French as the document's language."""
    if isinstance(value, list):
        return [french_first(entry) for entry in value]
    if not isinstance(value, dict):
        return value
    result = {key: french_first(entry) for key, entry in value.items()}
    if "language" in result:
        result["language"] = "fr"
    extensions = result.get("extensions")
    if isinstance(extensions, dict) and "fr" in extensions:
        french = extensions.pop("fr")
        english = {}
        for key in french:
            if key in result:
                english[key] = result[key]
            result[key] = french[key]
        for key in ("notes",):
            if key in result and key not in french:
                english[key] = result.pop(key)
        extensions["en"] = english
    return result


CSV_HEADER = (
    "family_code,family_name_en,family_name_fr,competency_code,competency_name_en,"
    "competency_name_fr,description_en,description_fr,level,indicators_en,indicators_fr,"
    "identifier\r\n"
)


def from_csv(text: str, framework: Framework | None = None) -> Framework:
    framework = framework or small()
    return framework_from_csv(
        text,
        identifier=framework.identifier,
        title_en=framework.title_en,
        title_fr=framework.title_fr,
        version=framework.version,
        levels_scale=framework.levels_scale,
    )


def csv_view(framework: Framework) -> Framework:
    """What a CSV carries: family identifiers derived from codes, no replacements, no
    empty families."""
    complete = with_identifiers(framework)
    complete.families = [family for family in complete.families if family.competencies]
    for family in complete.families:
        family.identifier = derive_identifier(framework.identifier, "family", family.code)
        family.competencies = [
            Competency(**{**vars(competency), "replaces": []}) for competency in family.competencies
        ]
    return complete


def csv_rows() -> list[list[str]]:
    return list(csv.reader(io.StringIO(framework_to_csv(small()), newline="")))


def csv_text(rows: list[list[str]]) -> str:
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerows(rows)
    return out.getvalue()


def csv_problems(rows: list[list[str]] | str) -> list[tuple[str, str]]:
    text = rows if isinstance(rows, str) else csv_text(rows)
    with pytest.raises(CaseImportError) as raised:
        from_csv(text)
    return [(problem.path, problem.message) for problem in raised.value.problems]


def column(name: str) -> int:
    return CSV_COLUMNS.index(name)
