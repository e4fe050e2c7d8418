"""CASE 1.0 JSON import errors: one test per kind, with the exact paths."""

import copy
import json

from guild.competencies.case import (
    framework_from_case,
)
from guild.competencies.tests.builders import (
    C1,
    C2,
    C3,
    F1,
    F2,
    FW,
    OLD,
    UNKNOWN,
    link,
    package,
    paths,
    problems,
    small,
)


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
