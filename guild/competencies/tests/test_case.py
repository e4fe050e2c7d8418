"""CASE 1.0 JSON and CSV export/import of competency frameworks."""

import copy
import csv
import io
import json
import uuid
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

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
    FrameworkError,
    LevelDescriptor,
    ScaleLevel,
    derive_identifier,
    validate_framework,
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


# --------------------------------------------------------------------------------------------
# Export: exact shapes
# --------------------------------------------------------------------------------------------


def test_package_layout() -> None:
    case = package()
    assert list(case) == ["CFDocument", "CFItems", "CFAssociations", "CFRubrics"]
    assert [(item["humanCodingScheme"], item["CFItemType"]) for item in case["CFItems"]] == [
        ("DATA", "Competency Family"),
        ("DATA-1", "Competency"),
        ("DATA-2", "Competency"),
        ("SEC", "Competency Family"),
        ("SEC-1", "Competency"),
    ]
    assert [
        (
            a["associationType"],
            a["originNodeURI"]["identifier"],
            a["destinationNodeURI"]["identifier"],
            a.get("sequenceNumber"),
        )
        for a in case["CFAssociations"]
    ] == [
        ("isChildOf", F1, FW, 1),
        ("isChildOf", C1, F1, 1),
        ("isChildOf", C2, F1, 2),
        ("isChildOf", F2, FW, 2),
        ("isChildOf", C3, F2, 1),
        ("replacedBy", OLD, C3, None),
    ]
    assert [r["CFRubricCriteria"][0]["CFItemURI"]["identifier"] for r in case["CFRubrics"]] == [
        C1,
        C2,
        C3,
    ]


def test_document_shape() -> None:
    document = package()["CFDocument"]
    assert document == {
        "identifier": FW,
        "uri": f"urn:uuid:{FW}",
        "creator": "Guild",
        "title": "Digital competencies",
        "version": "2025.1",
        "language": "en",
        "lastChangeDateTime": EPOCH,
        "extensions": {
            "fr": {"title": "Compétences numériques"},
            "levelsScale": [
                {"score": 1, "quality": "Basic", "extensions": {"fr": {"quality": "Élémentaire"}}},
                {
                    "score": 2,
                    "quality": "Intermediate",
                    "extensions": {"fr": {"quality": "Intermédiaire"}},
                },
                {"score": 3, "quality": "Advanced", "extensions": {"fr": {"quality": "Avancé"}}},
                {"score": 4, "quality": "Expert", "extensions": {"fr": {"quality": "Expert"}}},
            ],
        },
    }


def test_competency_item_shape() -> None:
    item = package()["CFItems"][1]
    assert item == {
        "identifier": C1,
        "uri": f"urn:uuid:{C1}",
        "CFDocumentURI": DOCUMENT_LINK,
        "CFItemType": "Competency",
        "humanCodingScheme": "DATA-1",
        "fullStatement": "Data literacy",
        "notes": "Finds and interprets data.",
        "language": "en",
        "lastChangeDateTime": EPOCH,
        "extensions": {
            "fr": {
                "fullStatement": "Littératie des données",
                "notes": "Trouve et interprète les données.",
            }
        },
    }
    assert list(item) == [
        "identifier",
        "uri",
        "CFDocumentURI",
        "CFItemType",
        "humanCodingScheme",
        "fullStatement",
        "notes",
        "language",
        "lastChangeDateTime",
        "extensions",
    ]


def test_empty_description_is_left_out_per_language() -> None:
    items = package()["CFItems"]
    assert "notes" not in items[2] and "notes" not in items[2]["extensions"]["fr"]
    assert "notes" not in items[4]
    assert items[4]["extensions"]["fr"]["notes"] == "Seulement en français : « œuvre »"


def test_child_of_association_shape() -> None:
    association = package()["CFAssociations"][1]
    identifier = "4559e2b9-1feb-5ea2-9b97-0f975eaead74"  # uuid5(FW, "isChildOf:C1:F1")
    assert association == {
        "identifier": identifier,
        "uri": f"urn:uuid:{identifier}",
        "CFDocumentURI": DOCUMENT_LINK,
        "associationType": "isChildOf",
        "sequenceNumber": 1,
        "originNodeURI": link("Data literacy", C1),
        "destinationNodeURI": link("Data", F1),
        "lastChangeDateTime": EPOCH,
    }


def test_replaced_by_association_runs_from_the_old_item_to_the_new() -> None:
    association = package()["CFAssociations"][5]
    assert association["associationType"] == "replacedBy"
    assert "sequenceNumber" not in association
    assert association["originNodeURI"] == link(OLD, OLD)
    assert association["destinationNodeURI"] == link("Cyber hygiene", C3)


def test_rubric_shape() -> None:
    rubric = package()["CFRubrics"][0]
    rubric_id = "dcd77f06-4f87-57df-b8a2-7bf67a08d670"
    criterion_id = "bdb8ce27-4cdf-5935-8c1b-a012b3c1f338"
    level_id = "c914a7e1-64c5-501b-91b3-d5087b79ccd4"
    criterion = rubric["CFRubricCriteria"][0]
    assert {k: v for k, v in rubric.items() if k != "CFRubricCriteria"} == {
        "identifier": rubric_id,
        "uri": f"urn:uuid:{rubric_id}",
        "title": "Data literacy",
        "lastChangeDateTime": EPOCH,
        "extensions": {"fr": {"title": "Littératie des données"}},
    }
    assert {k: v for k, v in criterion.items() if k != "CFRubricCriterionLevels"} == {
        "identifier": criterion_id,
        "uri": f"urn:uuid:{criterion_id}",
        "rubricId": rubric_id,
        "CFItemURI": link("Data literacy", C1),
        "position": 1,
        "lastChangeDateTime": EPOCH,
    }
    assert [level["score"] for level in criterion["CFRubricCriterionLevels"]] == [1, 2, 3, 4]
    assert criterion["CFRubricCriterionLevels"][1] == {
        "identifier": level_id,
        "uri": f"urn:uuid:{level_id}",
        "rubricCriterionId": criterion_id,
        "position": 2,
        "score": 2,
        "quality": "Intermediate",
        "description": "DATA-1 at level 2",
        "lastChangeDateTime": EPOCH,
        "extensions": {"fr": {"quality": "Intermédiaire", "description": "DATA-1 au niveau 2"}},
    }


def test_missing_identifiers_are_derived_from_the_framework_and_code() -> None:
    assert derive_identifier(FW, "family", "SEC") == F2
    assert derive_identifier(FW, "competency", "SEC-1") == C3
    assert with_identifiers(small(derived=True)) == small()
    assert framework_to_case(small(derived=True)) == package()


def test_export_is_deterministic_and_json_serialisable() -> None:
    first = json.dumps(package(), ensure_ascii=False)
    assert first == json.dumps(package(), ensure_ascii=False)
    assert json.loads(json.dumps(package())) == package()


def test_changed_at_and_base_uri() -> None:
    moment = datetime(2025, 3, 1, 9, 30, tzinfo=timezone(timedelta(hours=-5)))
    case = framework_to_case(
        small(), changed_at=moment, base_uri="https://guild.example/ims/case/v1p0/"
    )
    assert case["CFDocument"]["lastChangeDateTime"] == "2025-03-01T14:30:00+00:00"
    assert case["CFItems"][1]["uri"] == f"https://guild.example/ims/case/v1p0/CFItems/{C1}"
    assert case["CFDocument"]["uri"] == f"https://guild.example/ims/case/v1p0/CFDocuments/{FW}"
    assert framework_from_case(case) == small()
    with pytest.raises(ValueError):
        framework_to_case(small(), changed_at=datetime(2025, 3, 1))
    assert datetime.fromisoformat(case["CFItems"][0]["lastChangeDateTime"]).tzinfo == UTC


def test_invalid_framework_is_not_exported() -> None:
    framework = small()
    framework.families[0].competencies[0].levels.pop()
    framework.families[1].name_fr = " "
    with pytest.raises(FrameworkError) as raised:
        framework_to_case(framework)
    assert [p.path for p in raised.value.problems] == [
        "families[0].competencies[0].levels",
        "families[1].name_fr",
    ]
    with pytest.raises(FrameworkError):
        framework_to_csv(framework)


# --------------------------------------------------------------------------------------------
# Round trips
# --------------------------------------------------------------------------------------------


def test_case_round_trip() -> None:
    assert framework_from_case(package()) == small()
    assert framework_from_case(json.loads(json.dumps(package()))) == small()


def test_import_follows_sequence_numbers_not_array_order() -> None:
    case = package()
    case["CFItems"].reverse()
    case["CFAssociations"].reverse()
    case["CFRubrics"].reverse()
    assert framework_from_case(case) == small()


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


def test_import_of_a_french_first_document() -> None:
    case = french_first(package())
    assert case["CFItems"][1]["fullStatement"] == "Littératie des données"
    assert case["CFItems"][1]["extensions"] == {
        "en": {"fullStatement": "Data literacy", "notes": "Finds and interprets data."}
    }
    assert framework_from_case(case) == small()


def test_scale_taken_from_rubric_levels_when_not_declared() -> None:
    case = package()
    del case["CFDocument"]["extensions"]["levelsScale"]
    assert framework_from_case(case) == small()


CSV_HEADER = (
    "family_code,family_name_en,family_name_fr,competency_code,competency_name_en,"
    "competency_name_fr,description_en,description_fr,level,indicators_en,indicators_fr,"
    "identifier\r\n"
)


def test_csv_shape() -> None:
    text = framework_to_csv(small())
    lines = text.split("\r\n")
    assert text.startswith(CSV_HEADER)
    assert len(lines) == 1 + 12 + 1 and lines[-1] == ""
    assert lines[1] == (
        "DATA,Data,Données,DATA-1,Data literacy,Littératie des données,"
        "Finds and interprets data.,Trouve et interprète les données.,1,"
        f"DATA-1 at level 1,DATA-1 au niveau 1,{C1}"
    )
    assert lines[12] == (
        "SEC,Security,Sécurité,SEC-1,Cyber hygiene,Cyberhygiène,,"
        "Seulement en français : « œuvre »,4,SEC-1 at level 4,SEC-1 au niveau 4,"
        f"{C3}"
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


def test_csv_round_trip() -> None:
    assert from_csv(framework_to_csv(small())) == csv_view(small())
    with_bom = "\ufeff" + framework_to_csv(small()).replace("\r\n", "\n")
    assert from_csv(with_bom) == csv_view(small())


def test_csv_without_identifiers_derives_them() -> None:
    text = framework_to_csv(small()).replace(f",{C1}\r\n", ",\r\n")
    assert C1 not in text
    expected = csv_view(small())
    expected.families[0].competencies[0].identifier = derive_identifier(FW, "competency", "DATA-1")
    assert from_csv(text) == expected


def test_csv_columns_in_any_order() -> None:
    text = framework_to_csv(small())
    rows = list(csv.reader(io.StringIO(text, newline="")))
    shuffled = io.StringIO()
    csv.writer(shuffled).writerows([list(reversed(row)) for row in rows])
    assert from_csv(shuffled.getvalue()) == csv_view(small())


# --------------------------------------------------------------------------------------------
# CASE import errors: one test per kind, with the exact paths
# --------------------------------------------------------------------------------------------


def test_not_an_object() -> None:
    assert problems([]) == [("$", "expected an object, got an array")]


def test_missing_document() -> None:
    assert problems({"CFItems": []}) == [("$.CFDocument", "required field is missing")]


def test_missing_required_fields() -> None:
    case = package()
    del case["CFItems"][1]["fullStatement"]
    del case["CFAssociations"][0]["lastChangeDateTime"]
    del case["CFDocument"]["creator"]
    assert problems(case) == [
        ("$.CFDocument.creator", "required field is missing"),
        ("$.CFItems[1].fullStatement", "required field is missing"),
        ("$.CFAssociations[0].lastChangeDateTime", "required field is missing"),
    ]


def test_wrong_types() -> None:
    case = package()
    case["CFItems"][0]["humanCodingScheme"] = 7
    case["CFAssociations"][1]["sequenceNumber"] = "first"
    case["CFRubrics"][0]["CFRubricCriteria"][0]["CFRubricCriterionLevels"][1]["score"] = "2"
    case["CFItems"][2]["extensions"] = ["fr"]
    assert problems(case) == [
        ("$.CFItems[0].humanCodingScheme", "expected a string, got a number"),
        ("$.CFItems[2].extensions", "expected an object, got an array"),
        ("$.CFAssociations[1].sequenceNumber", "expected a whole number, got 'first'"),
        (
            "$.CFRubrics[0].CFRubricCriteria[0].CFRubricCriterionLevels[1].score",
            "expected a number, got a string",
        ),
    ]


def test_blank_text_and_bad_timestamp() -> None:
    case = package()
    case["CFDocument"]["title"] = "  "
    case["CFItems"][3]["lastChangeDateTime"] = "yesterday"
    assert problems(case) == [
        ("$.CFDocument.title", "must not be blank"),
        ("$.CFItems[3].lastChangeDateTime", "not an ISO 8601 date-time: 'yesterday'"),
    ]


def test_missing_french() -> None:
    case = package()
    del case["CFItems"][1]["extensions"]
    del case["CFRubrics"][2]["CFRubricCriteria"][0]["CFRubricCriterionLevels"][0]["extensions"]
    assert paths(case) == [
        "$.CFItems[1].extensions.fr.fullStatement",
        "$.CFRubrics[2].CFRubricCriteria[0].CFRubricCriterionLevels[0].extensions.fr.description",
    ]


def test_unsupported_item_and_association_types() -> None:
    case = package()
    case["CFItems"][2]["CFItemType"] = "Standard"
    case["CFAssociations"][5]["associationType"] = "isRelatedTo"
    case["CFAssociations"][4]["associationType"] = "isCousinOf"
    assert problems(case) == [
        (
            "$.CFItems[2].CFItemType",
            "unsupported item type 'Standard': expected 'Competency Family' or 'Competency'",
        ),
        ("$.CFAssociations[4].associationType", "unknown association type 'isCousinOf'"),
        (
            "$.CFAssociations[5].associationType",
            "association type 'isRelatedTo' is not supported in Guild frameworks",
        ),
        ("$.CFItems[4]", "competency 'SEC-1' is not attached to a family"),
    ]


def test_duplicate_identifiers() -> None:
    case = package()
    case["CFAssociations"][3]["identifier"] = case["CFAssociations"][0]["identifier"]
    levels_path = "$.CFRubrics[1].CFRubricCriteria[0].CFRubricCriterionLevels"
    case["CFRubrics"][1]["CFRubricCriteria"][0]["CFRubricCriterionLevels"][2]["identifier"] = F1
    first = case["CFAssociations"][0]["identifier"]
    assert problems(case) == [
        (
            "$.CFAssociations[3].identifier",
            f"duplicate identifier {first} (also at $.CFAssociations[0].identifier)",
        ),
        (
            f"{levels_path}[2].identifier",
            f"duplicate identifier {F1} (also at $.CFItems[0].identifier)",
        ),
    ]


def test_duplicate_identifiers_ignore_case() -> None:
    case = package()
    case["CFAssociations"][3]["identifier"] = case["CFAssociations"][0]["identifier"].upper()
    assert paths(case) == ["$.CFAssociations[3].identifier"]


def test_duplicate_codes() -> None:
    case = package()
    case["CFItems"][2]["humanCodingScheme"] = "DATA-1"
    assert problems(case) == [
        (
            "$.CFItems[2].humanCodingScheme",
            "duplicate code 'DATA-1' (also at $.CFItems[1])",
        )
    ]


def test_dangling_references() -> None:
    case = package()
    case["CFAssociations"][1]["destinationNodeURI"]["identifier"] = UNKNOWN
    case["CFAssociations"][3]["originNodeURI"]["identifier"] = UNKNOWN
    case["CFAssociations"][5]["destinationNodeURI"]["identifier"] = UNKNOWN
    case["CFRubrics"][1]["CFRubricCriteria"][0]["CFItemURI"]["identifier"] = UNKNOWN
    case["CFItems"][4]["CFDocumentURI"]["identifier"] = UNKNOWN
    unknown = f"refers to unknown item {UNKNOWN}"
    assert problems(case) == [
        ("$.CFItems[4].CFDocumentURI.identifier", f"refers to unknown document {UNKNOWN}"),
        ("$.CFAssociations[1].destinationNodeURI.identifier", unknown),
        ("$.CFAssociations[3].originNodeURI.identifier", unknown),
        ("$.CFAssociations[5].destinationNodeURI.identifier", unknown),
        ("$.CFRubrics[1].CFRubricCriteria[0].CFItemURI.identifier", unknown),
        ("$.CFItems[2]", "competency 'DATA-2' has no CFRubric for its levels"),
    ]


def test_replaced_items_may_live_outside_the_package() -> None:
    case = package()
    assert OLD not in {item["identifier"] for item in case["CFItems"]}
    assert framework_from_case(case).families[1].competencies[0].replaces == [OLD]


def test_invalid_replacements() -> None:
    origin = "$.CFAssociations[5].originNodeURI.identifier"
    case = package()
    case["CFAssociations"][5]["originNodeURI"] = link("Data", F1)
    assert problems(case) == [(origin, "only a Competency can be replaced")]
    case = package()
    case["CFAssociations"][5]["originNodeURI"] = link("Cyber hygiene", C3)
    assert problems(case) == [(origin, "a competency cannot replace itself")]
    case = package()
    case["CFAssociations"][5]["destinationNodeURI"] = link("Security", F2)
    assert problems(case) == [
        (
            "$.CFAssociations[5].destinationNodeURI.identifier",
            "only a Competency can replace another",
        )
    ]
    case = package()
    case["CFAssociations"].append(case["CFAssociations"][5] | {"identifier": UNKNOWN})
    assert problems(case) == [("$.CFAssociations[6]", f"{OLD} is already replaced by {C3}")]


def test_child_of_cycle() -> None:
    case = package()
    case["CFAssociations"][1]["destinationNodeURI"] = link("Analysis", C2)
    case["CFAssociations"][2]["destinationNodeURI"] = link("Data literacy", C1)
    assert problems(case) == [
        ("$.CFAssociations[1]", "isChildOf cycle: 'DATA-1' → 'DATA-2' → 'DATA-1'"),
    ]


def test_child_of_cycle_through_a_family_and_a_self_loop() -> None:
    case = package()
    case["CFAssociations"][0]["destinationNodeURI"] = link("Data literacy", C1)
    case["CFAssociations"][4]["destinationNodeURI"] = link("Cyber hygiene", C3)
    assert problems(case) == [
        ("$.CFAssociations[0]", "isChildOf cycle: 'DATA' → 'DATA-1' → 'DATA'"),
        ("$.CFAssociations[4]", "isChildOf cycle: 'SEC-1' → 'SEC-1'"),
    ]


def test_wrong_parents() -> None:
    case = package()
    case["CFAssociations"][2]["destinationNodeURI"] = link("Digital", FW)
    case["CFAssociations"][3]["destinationNodeURI"] = link("Data", F1)
    assert problems(case) == [
        (
            "$.CFAssociations[2].destinationNodeURI.identifier",
            "a Competency must be a child of a Competency Family",
        ),
        (
            "$.CFAssociations[3].destinationNodeURI.identifier",
            "a Competency Family must be a child of the CFDocument",
        ),
    ]


def test_competency_not_attached_to_a_family() -> None:
    case = package()
    del case["CFAssociations"][2]
    assert problems(case) == [("$.CFItems[2]", "competency 'DATA-2' is not attached to a family")]


def test_competency_in_two_families() -> None:
    case = package()
    second = copy.deepcopy(case["CFAssociations"][1])
    second["identifier"] = UNKNOWN
    second["destinationNodeURI"] = link("Security", F2)
    case["CFAssociations"].append(second)
    assert problems(case) == [
        (
            "$.CFAssociations[6]",
            "competency 'DATA-1' is already a child of family 'DATA' ($.CFAssociations[1])",
        )
    ]


LEVELS_0 = "$.CFRubrics[0].CFRubricCriteria[0].CFRubricCriterionLevels"


def test_rubric_with_three_levels() -> None:
    case = package()
    del case["CFRubrics"][0]["CFRubricCriteria"][0]["CFRubricCriterionLevels"][3]
    assert problems(case) == [(LEVELS_0, "expected exactly 4 levels (scores 1 to 4), found 3")]


def test_rubric_levels_outside_one_to_four() -> None:
    case = package()
    levels_0 = case["CFRubrics"][0]["CFRubricCriteria"][0]["CFRubricCriterionLevels"]
    levels_0[3]["score"] = 5
    levels_0[0]["score"] = 0.5
    assert problems(case) == [
        (f"{LEVELS_0}[0].score", "level score must be a whole number from 1 to 4, got 0.5"),
        (f"{LEVELS_0}[3].score", "level score must be a whole number from 1 to 4, got 5"),
    ]


def test_rubric_with_a_repeated_level() -> None:
    case = package()
    levels_0 = case["CFRubrics"][0]["CFRubricCriteria"][0]["CFRubricCriterionLevels"]
    extra = copy.deepcopy(levels_0[1]) | {"identifier": UNKNOWN}
    levels_0.append(extra)
    assert problems(case) == [
        (LEVELS_0, "expected exactly 4 levels (scores 1 to 4), found 5"),
        (f"{LEVELS_0}[4].score", f"level 2 is given twice (also at {LEVELS_0}[1].score)"),
    ]


def test_competency_without_rubric() -> None:
    case = package()
    del case["CFRubrics"][2]
    assert problems(case) == [("$.CFItems[4]", "competency 'SEC-1' has no CFRubric for its levels")]


def test_level_names_must_match_the_scale() -> None:
    case = package()
    level = case["CFRubrics"][1]["CFRubricCriteria"][0]["CFRubricCriterionLevels"][2]
    level["extensions"]["fr"]["quality"] = "Très avancé"
    path = "$.CFRubrics[1].CFRubricCriteria[0].CFRubricCriterionLevels[2].extensions.fr.quality"
    assert problems(case) == [
        (
            path,
            "level 3 is named 'Avancé' at $.CFDocument.extensions.levelsScale, not 'Très avancé'",
        )
    ]


def test_malformed_uuids() -> None:
    case = package()
    case["CFAssociations"][0]["identifier"] = "not-a-uuid"
    case["CFItems"][0]["CFDocumentURI"]["identifier"] = "{" + FW + "}"
    case["CFAssociations"][1]["destinationNodeURI"]["identifier"] = F1.replace("-", "")
    assert problems(case) == [
        ("$.CFItems[0].CFDocumentURI.identifier", f"malformed UUID '{{{FW}}}'"),
        ("$.CFAssociations[0].identifier", "malformed UUID 'not-a-uuid'"),
        (
            "$.CFAssociations[1].destinationNodeURI.identifier",
            f"malformed UUID '{F1.replace('-', '')}'",
        ),
    ]


def test_upper_case_uuids_are_accepted_and_normalised() -> None:
    text = json.dumps(package()).replace(C1, C1.upper())
    assert framework_from_case(json.loads(text)) == small()


def test_all_problems_are_collected() -> None:
    case = package()
    del case["CFItems"][1]["fullStatement"]
    case["CFAssociations"][4]["destinationNodeURI"]["identifier"] = UNKNOWN
    del case["CFRubrics"][1]["CFRubricCriteria"][0]["CFRubricCriterionLevels"][0]
    case["CFAssociations"][0]["identifier"] = "bad"
    assert paths(case) == [
        "$.CFItems[1].fullStatement",
        "$.CFAssociations[0].identifier",
        "$.CFRubrics[1].CFRubricCriteria[0].CFRubricCriterionLevels",
        "$.CFAssociations[4].destinationNodeURI.identifier",
    ]


# --------------------------------------------------------------------------------------------
# CSV import errors
# --------------------------------------------------------------------------------------------


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


def test_csv_blank_required_cell() -> None:
    rows = csv_rows()
    rows[6][column("indicators_fr")] = " "  # row 7: DATA-2 level 2
    assert csv_problems(rows) == [("row 7, column indicators_fr", "must not be blank")]


def test_csv_level_out_of_range() -> None:
    rows = csv_rows()
    rows[2][column("level")] = "5"  # row 3: DATA-1 level 2
    assert csv_problems(rows) == [
        ("row 3, column level", "level must be a whole number from 1 to 4, got '5'"),
        ("row 2, column level", "competency 'DATA-1' has no row for level 2"),
    ]


def test_csv_repeated_level() -> None:
    rows = csv_rows()
    rows[3][column("level")] = "2"  # row 4: DATA-1 level 3
    assert csv_problems(rows) == [
        ("row 4, column level", "level 2 of competency 'DATA-1' is already given in row 3"),
        ("row 2, column level", "competency 'DATA-1' has no row for level 3"),
    ]


def test_csv_inconsistent_repeated_cells() -> None:
    rows = csv_rows()
    rows[4][column("family_name_fr")] = "Donnees"  # row 5
    rows[10][column("description_en")] = "Other"  # row 11: SEC-1 level 2
    assert csv_problems(rows) == [
        ("row 5, column family_name_fr", "differs from row 2 for family 'DATA': 'Données'"),
        ("row 11, column description_en", "differs from row 10 for competency 'SEC-1': ''"),
    ]


def test_csv_malformed_and_duplicate_identifiers() -> None:
    rows = csv_rows()
    for row in rows[1:5]:
        row[column("identifier")] = "c1"
    assert csv_problems(rows) == [
        ("row 2, column identifier", "malformed UUID 'c1'"),
        ("row 3, column identifier", "malformed UUID 'c1'"),
        ("row 4, column identifier", "malformed UUID 'c1'"),
        ("row 5, column identifier", "malformed UUID 'c1'"),
    ]
    rows = csv_rows()
    for row in rows[5:9]:
        row[column("identifier")] = C3
    assert csv_problems(rows) == [
        (
            "row 10, column identifier",
            f"identifier {C3} is already used by competency 'DATA-2' (row 6)",
        )
    ]


def test_csv_header_problems() -> None:
    rows = [[*row[:-2], row[-1]] for row in csv_rows()]
    rows[0][1] = "family_name"
    assert csv_problems(rows) == [
        ("row 1, column family_name", "unknown column"),
        ("row 1", "missing column 'family_name_en'"),
        ("row 1", "missing column 'indicators_fr'"),
    ]
    assert csv_problems("") == [("row 1", "missing header row")]


def test_csv_wrong_field_count() -> None:
    rows = csv_rows()
    rows[8].append("extra")
    assert csv_problems(rows) == [
        ("row 9", "expected 12 fields, found 13"),
        ("row 6, column level", "competency 'DATA-2' has no row for level 4"),
    ]


def test_csv_invalid_framework_arguments() -> None:
    with pytest.raises(FrameworkError) as raised:
        framework_from_csv(
            CSV_HEADER, identifier="x", title_en="T", title_fr="T", levels_scale=SCALE[:3]
        )
    assert [p.path for p in raised.value.problems] == ["identifier", "levels_scale"]


# --------------------------------------------------------------------------------------------
# Properties
# --------------------------------------------------------------------------------------------

FRENCH = "éèêëàâäçîïôöûùüÿœæÉÈÊÀÂÇÎÔŒÆ«»\u2019 "
UNUSUAL = '\u00a0\u2028\u2029\u200b\u200d\u202e\ufeff\r\n\t",;\x00🇨🇦👩🏽‍💻ǅﬁ\u0301'

characters = st.one_of(
    st.characters(codec="utf-8"),  # any code point but lone surrogates
    st.sampled_from(FRENCH),
    st.sampled_from(UNUSUAL),
)
any_text = st.text(characters, max_size=12)
texts = any_text.filter(lambda text: bool(text.strip()))


@st.composite
def frameworks(draw: st.DrawFn) -> Framework:
    sizes = draw(st.lists(st.integers(0, 3), max_size=3))
    count = len(sizes) + sum(sizes)
    pool = draw(st.lists(st.uuids(), min_size=count + 4, max_size=count + 4, unique=True))
    ids = [str(value) for value in pool]
    framework_id, old = ids[0], ids[1:4]
    fresh = iter(ids[4:])
    family_codes = draw(st.lists(texts, min_size=len(sizes), max_size=len(sizes), unique=True))
    competency_codes = iter(
        draw(st.lists(texts, min_size=sum(sizes), max_size=sum(sizes), unique=True))
    )
    families = []
    for code, size in zip(family_codes, sizes, strict=True):
        competencies = [
            Competency(
                identifier=next(fresh),
                code=next(competency_codes),
                name_en=draw(texts),
                name_fr=draw(texts),
                description_en=draw(any_text),
                description_fr=draw(any_text),
                levels=[
                    LevelDescriptor(level=n, indicators_en=draw(texts), indicators_fr=draw(texts))
                    for n in (1, 2, 3, 4)
                ],
                replaces=draw(st.lists(st.sampled_from(old), unique=True, max_size=2)),
            )
            for _ in range(size)
        ]
        families.append(
            Family(
                identifier=next(fresh),
                code=code,
                name_en=draw(texts),
                name_fr=draw(texts),
                competencies=competencies,
            )
        )
    return Framework(
        identifier=framework_id,
        title_en=draw(texts),
        title_fr=draw(texts),
        version=draw(any_text),
        families=families,
        levels_scale=[
            ScaleLevel(level=n, name_en=draw(texts), name_fr=draw(texts)) for n in (1, 2, 3, 4)
        ],
    )


PROPERTY = settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])


@PROPERTY
@given(frameworks())
def test_generated_frameworks_are_valid(framework: Framework) -> None:
    assert validate_framework(framework) == []


@PROPERTY
@given(frameworks())
def test_case_round_trip_property(framework: Framework) -> None:
    case = framework_to_case(framework)
    assert framework_from_case(case) == framework
    for ascii_only in (True, False):
        text = json.dumps(case, ensure_ascii=ascii_only)
        assert framework_from_case(json.loads(text)) == framework


@PROPERTY
@given(frameworks())
def test_french_first_round_trip_property(framework: Framework) -> None:
    assert framework_from_case(french_first(framework_to_case(framework))) == framework


@PROPERTY
@given(frameworks())
def test_csv_round_trip_property(framework: Framework) -> None:
    assert from_csv(framework_to_csv(framework), framework) == csv_view(framework)


@PROPERTY
@given(frameworks(), st.data())
def test_derived_identifiers_are_stable(framework: Framework, data: st.DataObject) -> None:
    for family in framework.families:
        family.identifier = ""
        for competency in family.competencies:
            competency.identifier = ""
    complete = with_identifiers(framework)
    assert framework_from_case(framework_to_case(framework)) == complete
    assert framework_to_case(framework) == framework_to_case(complete)
    assert uuid.UUID(complete.identifier)


def test_lone_surrogates_are_rejected() -> None:
    case = package()
    case["CFItems"][2]["fullStatement"] = json.loads('"Anal\\ud800ysis"')
    assert problems(case) == [
        ("$.CFItems[2].fullStatement", "not valid Unicode text (lone surrogate)")
    ]
    framework = small()
    framework.families[0].code = "\udfff"
    with pytest.raises(FrameworkError) as raised:
        framework_to_case(framework)
    assert [(p.path, p.message) for p in raised.value.problems] == [
        ("families[0].code", "not valid Unicode text (lone surrogate)")
    ]
    rows = csv_rows()
    rows[2][column("indicators_en")] = "\ud800"
    assert csv_problems(rows) == [
        ("row 3, column indicators_en", "not valid Unicode text (lone surrogate)")
    ]


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=5),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3)
    ),
    max_leaves=5,
)


def locations(value: Any, here: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [here]
    if isinstance(value, dict):
        for key, entry in value.items():
            found += locations(entry, (*here, key))
    elif isinstance(value, list):
        for index, entry in enumerate(value):
            found += locations(entry, (*here, index))
    return found


@PROPERTY
@given(st.data())
def test_any_damage_is_reported_not_crashed_on(data: st.DataObject) -> None:
    case: Any = package()
    for _ in range(data.draw(st.integers(1, 3))):
        where = data.draw(st.sampled_from(locations(case)))
        replacement = data.draw(json_values | st.sampled_from([UNKNOWN, F1, C1, C3, FW, "x"]))
        if not where:
            case = replacement
            continue
        parent = case
        for step in where[:-1]:
            parent = parent[step]
        if data.draw(st.booleans()) and isinstance(parent, dict):
            del parent[where[-1]]
        else:
            parent[where[-1]] = replacement
    try:
        framework = framework_from_case(case)
    except CaseImportError as error:
        assert error.problems
        assert all(problem.path.startswith("$") for problem in error.problems)
    else:
        assert validate_framework(framework) == []
        assert framework_from_case(framework_to_case(framework)) == framework
