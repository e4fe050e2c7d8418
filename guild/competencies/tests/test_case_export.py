"""CASE JSON export of competency frameworks: exact shapes (French twins, ADR 15)."""

import uuid
from datetime import UTC, datetime, timedelta, timezone

import pytest

from guild.competencies.case import framework_from_case, framework_to_case
from guild.competencies.framework import FrameworkError
from guild.competencies.tests.builders import (
    C1,
    C2,
    C3,
    EPOCH,
    F1,
    F2,
    FW,
    OLD,
    package,
    small,
)


def twin(identifier: str) -> str:
    return str(uuid.uuid5(uuid.UUID(identifier), "translation:fr"))


GROUPING = str(uuid.uuid5(uuid.UUID(FW), "translation:fr"))


def test_package_layout() -> None:
    case = package()
    assert list(case) == ["CFDocument", "CFItems", "CFAssociations", "CFDefinitions", "CFRubrics"]
    assert [
        (item["identifier"], item["humanCodingScheme"], item["CFItemType"], item["language"])
        for item in case["CFItems"]
    ] == [
        (F1, "DATA", "Competency Family", "en"),
        (twin(F1), "DATA", "Competency Family", "fr"),
        (C1, "DATA-1", "Competency", "en"),
        (twin(C1), "DATA-1", "Competency", "fr"),
        (C2, "DATA-2", "Competency", "en"),
        (twin(C2), "DATA-2", "Competency", "fr"),
        (F2, "SEC", "Competency Family", "en"),
        (twin(F2), "SEC", "Competency Family", "fr"),
        (C3, "SEC-1", "Competency", "en"),
        (twin(C3), "SEC-1", "Competency", "fr"),
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
        *(("exactMatchOf", twin(node), node, None) for node in (F1, C1, C2, F2, C3)),
    ]
    assert [r["CFRubricCriteria"][0]["CFItemURI"]["identifier"] for r in case["CFRubrics"]] == [
        C1,
        twin(C1),
        C2,
        twin(C2),
        C3,
        twin(C3),
    ]


def test_document_and_translation_grouping() -> None:
    case = package()
    assert case["CFDocument"] == {
        "identifier": FW,
        "uri": f"urn:uuid:{FW}",
        "creator": "Guild",
        "title": "Digital competencies",
        "version": "2025.1",
        "language": "en",
        "lastChangeDateTime": EPOCH,
    }
    assert case["CFDefinitions"] == {
        "CFAssociationGroupings": [
            {
                "identifier": GROUPING,
                "uri": f"urn:uuid:{GROUPING}",
                "title": "Compétences numériques",
                "description": (
                    "Guild: the framework in French; each item's French twin is exactMatchOf "
                    "it (ADR 15)."
                ),
                "lastChangeDateTime": EPOCH,
            }
        ]
    }
    twin_link = case["CFAssociations"][6]["CFAssociationGroupingURI"]
    assert twin_link == {
        "title": "Compétences numériques",
        "identifier": GROUPING,
        "uri": f"urn:uuid:{GROUPING}",
    }


def test_competency_item_and_its_french_twin() -> None:
    english, french = package()["CFItems"][2:4]
    assert english == {
        "identifier": C1,
        "uri": f"urn:uuid:{C1}",
        "CFItemType": "Competency",
        "humanCodingScheme": "DATA-1",
        "fullStatement": "Data literacy",
        "notes": "Finds and interprets data.",
        "language": "en",
        "lastChangeDateTime": EPOCH,
    }
    assert french == {
        "identifier": twin(C1),
        "uri": f"urn:uuid:{twin(C1)}",
        "CFItemType": "Competency",
        "humanCodingScheme": "DATA-1",
        "fullStatement": "Littératie des données",
        "notes": "Trouve et interprète les données.",
        "language": "fr",
        "lastChangeDateTime": EPOCH,
    }


def test_empty_description_is_left_out_per_language() -> None:
    items = {(i["humanCodingScheme"], i["language"]): i for i in package()["CFItems"]}
    assert "notes" not in items[("SEC-1", "en")]
    assert items[("SEC-1", "fr")]["notes"] == "Seulement en français : « œuvre »"
    assert "notes" not in items[("DATA-2", "fr")]


def test_rubric_levels_in_both_languages() -> None:
    rubrics = package()["CFRubrics"]
    english = rubrics[0]["CFRubricCriteria"][0]["CFRubricCriterionLevels"]
    french = rubrics[1]["CFRubricCriteria"][0]["CFRubricCriterionLevels"]
    assert [(lv["score"], lv["quality"], lv["description"]) for lv in english] == [
        (1, "Basic", "DATA-1 at level 1"),
        (2, "Intermediate", "DATA-1 at level 2"),
        (3, "Advanced", "DATA-1 at level 3"),
        (4, "Expert", "DATA-1 at level 4"),
    ]
    assert [(lv["score"], lv["quality"], lv["description"]) for lv in french] == [
        (1, "Élémentaire", "DATA-1 au niveau 1"),
        (2, "Intermédiaire", "DATA-1 au niveau 2"),
        (3, "Avancé", "DATA-1 au niveau 3"),
        (4, "Expert", "DATA-1 au niveau 4"),
    ]


def test_changed_at_and_base_uri() -> None:
    moment = datetime(2026, 3, 4, 5, 6, 7, tzinfo=timezone(timedelta(hours=-5)))
    case = framework_to_case(small(), changed_at=moment, base_uri="https://guild.example/case/")
    stamps = {case["CFDocument"]["lastChangeDateTime"]}
    stamps |= {item["lastChangeDateTime"] for item in case["CFItems"]}
    stamps |= {a["lastChangeDateTime"] for a in case["CFAssociations"]}
    assert stamps == {"2026-03-04T10:06:07+00:00"}
    assert case["CFItems"][2]["uri"] == f"https://guild.example/case/CFItems/{C1}"
    assert framework_from_case(case) == small()
    with pytest.raises(ValueError, match="timezone-aware"):
        framework_to_case(small(), changed_at=datetime(2026, 1, 1))  # noqa: DTZ001


def test_a_framework_in_one_language_exports_no_twins() -> None:
    framework = small()
    framework.title_fr = ""
    for family in framework.families:
        family.name_fr = ""
        for competency in family.competencies:
            competency.name_fr = competency.description_fr = ""
    case = framework_to_case(framework, changed_at=datetime(2026, 1, 1, tzinfo=UTC))
    assert {item["language"] for item in case["CFItems"]} == {"en"}
    assert "CFDefinitions" not in case
    assert len(case["CFRubrics"]) == 3


def test_invalid_framework_is_not_exported() -> None:
    framework = small()
    framework.families[0].competencies[1].code = "DATA-1"
    with pytest.raises(FrameworkError) as raised:
        framework_to_case(framework)
    assert [str(problem) for problem in raised.value.problems] == [
        "families[0].competencies[1].code: duplicate code 'DATA-1' "
        "(also at families[0].competencies[0].code)"
    ]
