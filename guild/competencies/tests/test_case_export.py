"""CASE JSON export of competency frameworks: exact shapes (French twins, ADR 15)."""

import uuid
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

import pytest

from guild.competencies.case import framework_from_case, framework_to_case
from guild.competencies.framework import FrameworkError
from guild.competencies.tests.builders import (
    C1,
    C2,
    C3,
    DOCUMENT_LINK,
    EPOCH,
    F1,
    F2,
    FW,
    OLD,
    package,
    small,
)
from guild.competencies.tests.case_schemas import case_errors


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


def placed(case: dict[str, Any]) -> list[tuple[str, str, int | None]]:
    """Each isChildOf: child, parent and sequenceNumber."""
    return [
        (
            a["originNodeURI"]["identifier"],
            a["destinationNodeURI"]["identifier"],
            a.get("sequenceNumber"),
        )
        for a in case["CFAssociations"]
        if a["associationType"] == "isChildOf"
    ]


def test_sequence_numbers_and_the_order_they_give_are_kept() -> None:
    case = package()
    associations = case["CFAssociations"]
    # SEC placed inside DATA, between its two competencies, which come in reverse order.
    associations[1]["sequenceNumber"] = 30  # C1 under F1
    associations[2]["sequenceNumber"] = 10  # C2 under F1
    associations[3]["destinationNodeURI"] = {
        "title": "Data",
        "identifier": F1,
        "uri": f"urn:uuid:{F1}",
    }
    associations[3]["sequenceNumber"] = 20  # F2 under F1
    framework = framework_from_case(case)
    data, security = framework.families
    assert [(c.code, c.sequence) for c in data.competencies] == [("DATA-2", 10), ("DATA-1", 30)]
    assert (data.sequence, security.parent, security.sequence) == (None, F1, 20)
    assert [(c.code, c.sequence) for c in security.competencies] == [("SEC-1", None)]
    exported = framework_to_case(framework)
    assert placed(exported) == [(F1, FW, 1), (C2, F1, 10), (C1, F1, 30), (F2, F1, 20), (C3, F2, 1)]
    assert framework_from_case(exported) == framework


def test_a_child_without_a_sequence_number_comes_last_and_is_written_without() -> None:
    case = package()
    del case["CFAssociations"][1]["sequenceNumber"]  # C1 under F1; C2 keeps 2
    framework = framework_from_case(case)
    assert [(c.code, c.sequence) for c in framework.families[0].competencies] == [
        ("DATA-2", 2),
        ("DATA-1", None),
    ]
    exported = framework_to_case(framework)
    assert placed(exported) == [(F1, FW, 1), (C2, F1, 2), (C1, F1, None), (F2, FW, 2), (C3, F2, 1)]
    assert framework_from_case(exported) == framework


def test_guild_order_is_not_kept_as_sequence_numbers() -> None:
    framework = framework_from_case(package())
    assert {c.sequence for f in framework.families for c in f.competencies} == {None}
    assert {f.sequence for f in framework.families} == {None}


def test_competencies_at_the_top_gather_in_a_family_placed_first() -> None:
    case = package()
    associations = case["CFAssociations"]
    associations[0]["sequenceNumber"] = 5  # F1 under the document
    associations[3]["sequenceNumber"] = 7  # F2 under the document
    associations[4]["destinationNodeURI"] = dict(DOCUMENT_LINK)  # C3 at the top, after the families
    associations[4]["sequenceNumber"] = 9
    framework = framework_from_case(case)
    top, data, security = framework.families
    assert (top.code, top.sequence, [(c.code, c.sequence) for c in top.competencies]) == (
        "0",
        5,
        [("SEC-1", None)],
    )
    assert (data.sequence, security.sequence, security.competencies) == (5, 7, [])
    exported = framework_to_case(framework)
    assert placed(exported) == [
        (top.identifier, FW, 5),
        (C3, top.identifier, 1),
        (F1, FW, 5),
        (C1, F1, 1),
        (C2, F1, 2),
        (F2, FW, 7),
    ]
    assert framework_from_case(exported) == framework


def test_case_1_1_writes_its_own_fields_and_1_0_leaves_them_out() -> None:
    case = package()
    case["CFDocument"]["frameworkType"] = "Occupational"
    case["CFDocument"]["subject"] = ["Digital"]
    case["CFDocument"]["caseVersion"] = "1.1"
    case["CFItems"][2]["subject"] = ["Data"]
    framework = framework_from_case(case)
    assert framework.kept == {"frameworkType": "Occupational", "subject": ["Digital"]}
    assert framework.families[0].competencies[0].kept == {"subject": ["Data"]}
    old = framework_to_case(framework)
    assert case_errors(old) == {"1.0": [], "1.1": []}
    assert old["CFDocument"] == {
        "identifier": FW,
        "uri": f"urn:uuid:{FW}",
        "creator": "Guild",
        "title": "Digital competencies",
        "version": "2025.1",
        "subject": ["Digital"],
        "language": "en",
        "lastChangeDateTime": EPOCH,
    }
    assert "subject" not in old["CFItems"][2]
    new = framework_to_case(framework, case_version="1.1")
    assert case_errors(new)["1.1"] == []
    assert new["CFDocument"] == {
        "identifier": FW,
        "uri": f"urn:uuid:{FW}",
        "creator": "Guild",
        "title": "Digital competencies",
        "version": "2025.1",
        "frameworkType": "Occupational",
        "subject": ["Digital"],
        "caseVersion": "1.1",
        "language": "en",
        "lastChangeDateTime": EPOCH,
    }
    assert new["CFItems"][2]["subject"] == ["Data"]
    assert framework_from_case(new) == framework
    with pytest.raises(ValueError, match="case_version"):
        framework_to_case(framework, case_version="2.0")
