"""CASE JSON import: what is refused (with the exact paths) and what producers' quirks are
read anyway. The package is Guild's export of the small framework (`builders.package`):
items F1, its French twin, C1, twin, C2, twin, F2, twin, C3, twin; associations: the five
isChildOf, C3's replacedBy, then the five twins' exactMatchOf; rubrics: C1, its twin, C2,
twin, C3, twin."""

import copy

from guild.competencies.case import framework_from_case
from guild.competencies.tests.builders import (
    C1,
    C3,
    F1,
    OLD,
    SCALE,
    UNKNOWN,
    package,
    paths,
    problems,
    small,
)

LEVELS_0 = "$.CFRubrics[0].CFRubricCriteria[0].CFRubricCriterionLevels"


def test_not_an_object() -> None:
    assert problems([]) == [("$", "expected an object, got an array")]


def test_missing_document() -> None:
    assert problems({"CFItems": []}) == [
        ("$.CFDocument", "required field is missing"),
        ("$.CFDocument", "the package names no proficiency levels: choose the scale to use"),
    ]


def test_missing_required_fields() -> None:
    case = package()
    del case["CFItems"][2]["fullStatement"]
    del case["CFAssociations"][0]["associationType"]
    del case["CFDocument"]["title"]
    assert problems(case) == [
        ("$.CFDocument.title", "required field is missing"),
        ("$.CFItems[2].fullStatement", "required field is missing"),
        ("$.CFAssociations[0].associationType", "required field is missing"),
    ]


def test_optional_fields_may_be_missing() -> None:
    case = package()
    for item in case["CFItems"]:
        for name in ("uri", "lastChangeDateTime", "CFItemType", "notes"):
            item.pop(name, None)
    del case["CFDocument"]["creator"]
    del case["CFDocument"]["version"]
    framework = framework_from_case(case)
    assert framework.version == ""
    assert [family.code for family in framework.families] == ["DATA", "SEC"]


def test_wrong_types() -> None:
    case = package()
    case["CFItems"][2]["fullStatement"] = 7
    case["CFAssociations"][1]["sequenceNumber"] = "first"
    case["CFRubrics"][0]["CFRubricCriteria"][0]["CFRubricCriterionLevels"][1]["score"] = "two"
    case["CFItems"] = case["CFItems"] + ["item"]
    assert problems(case) == [
        ("$.CFItems[2].fullStatement", "expected a string, got a number"),
        ("$.CFItems[10]", "expected an object, got a string"),
        ("$.CFAssociations[1].sequenceNumber", "expected a whole number, got 'first'"),
        (f"{LEVELS_0}[1].score", "expected a number, got a string"),
    ]


def test_numbers_as_strings_and_codes_as_numbers_are_read() -> None:
    case = package()
    case["CFAssociations"][1]["sequenceNumber"] = "2"
    case["CFAssociations"][2]["sequenceNumber"] = "1"
    for level in case["CFRubrics"][0]["CFRubricCriteria"][0]["CFRubricCriterionLevels"]:
        level["score"] = str(level["score"])
    case["CFItems"][0]["humanCodingScheme"] = 7
    case["CFItems"][2]["identifier"] = C1.upper()
    framework = framework_from_case(case)
    assert framework.families[0].code == "7"
    assert [c.code for c in framework.families[0].competencies] == ["DATA-2", "DATA-1"]


def test_blank_text_and_bad_timestamp() -> None:
    case = package()
    case["CFDocument"]["title"] = "  "
    case["CFItems"][4]["lastChangeDateTime"] = "yesterday"
    assert problems(case) == [
        ("$.CFDocument.title", "must not be blank"),
        ("$.CFItems[4].lastChangeDateTime", "not an ISO 8601 date-time: 'yesterday'"),
    ]


def test_unknown_association_type_and_language() -> None:
    case = package()
    case["CFAssociations"][5]["associationType"] = "isCousinOf"
    case["CFItems"][4]["language"] = "es"
    assert problems(case) == [
        (
            "$.CFItems[4].language",
            "unsupported language 'es': Guild frameworks are in English and French",
        ),
        ("$.CFAssociations[5].associationType", "unknown association type 'isCousinOf'"),
    ]


def test_duplicate_identifiers_ignore_case() -> None:
    case = package()
    case["CFAssociations"][3]["identifier"] = case["CFAssociations"][0]["identifier"].upper()
    case["CFRubrics"][2]["CFRubricCriteria"][0]["CFRubricCriterionLevels"][2]["identifier"] = F1
    first = case["CFAssociations"][0]["identifier"]
    assert problems(case) == [
        (
            "$.CFAssociations[3].identifier",
            f"duplicate identifier {first} (also at $.CFAssociations[0].identifier)",
        ),
        (
            "$.CFRubrics[2].CFRubricCriteria[0].CFRubricCriterionLevels[2].identifier",
            f"duplicate identifier {F1} (also at $.CFItems[0].identifier)",
        ),
    ]


def test_duplicate_codes() -> None:
    case = package()
    case["CFItems"][4]["humanCodingScheme"] = "DATA-1"
    assert problems(case) == [
        ("$.CFItems[4].humanCodingScheme", "duplicate code 'DATA-1' (also at $.CFItems[2])")
    ]


def test_dangling_references() -> None:
    case = package()
    case["CFAssociations"][1]["destinationNodeURI"]["identifier"] = UNKNOWN
    case["CFAssociations"][2]["originNodeURI"]["identifier"] = UNKNOWN
    case["CFRubrics"][4]["CFRubricCriteria"][0]["CFItemURI"]["identifier"] = UNKNOWN
    assert problems(case) == [
        (
            "$.CFAssociations[1].destinationNodeURI.identifier",
            f"refers to unknown item {UNKNOWN}",
        ),
        ("$.CFAssociations[2].originNodeURI.identifier", f"refers to unknown item {UNKNOWN}"),
        (
            "$.CFRubrics[4].CFRubricCriteria[0].CFItemURI.identifier",
            f"refers to unknown item {UNKNOWN}",
        ),
    ]


def test_child_of_cycle() -> None:
    case = package()
    case["CFAssociations"][0]["destinationNodeURI"] = copy.deepcopy(
        case["CFAssociations"][3]["originNodeURI"]
    )
    case["CFAssociations"][3]["destinationNodeURI"] = copy.deepcopy(
        case["CFAssociations"][0]["originNodeURI"]
    )
    assert problems(case) == [("$.CFAssociations[0]", "isChildOf cycle: 'DATA' → 'SEC' → 'DATA'")]


def test_a_replacement_of_itself_is_refused() -> None:
    case = package()
    case["CFAssociations"][5]["originNodeURI"]["identifier"] = C3
    assert problems(case) == [
        ("$.CFAssociations[5].originNodeURI.identifier", "a competency cannot replace itself")
    ]


def test_rubric_levels() -> None:
    case = package()
    levels = case["CFRubrics"][0]["CFRubricCriteria"][0]["CFRubricCriterionLevels"]
    levels[3]["score"] = 2
    del levels[0]["description"]
    assert problems(case) == [
        (f"{LEVELS_0}[0].description", "required field is missing"),
        (f"{LEVELS_0}[3].score", f"level 2 is given twice (also at {LEVELS_0}[1].score)"),
    ]


def test_level_names_must_agree() -> None:
    case = package()
    case["CFRubrics"][2]["CFRubricCriteria"][0]["CFRubricCriterionLevels"][1]["quality"] = "Mid"
    levels_2 = "$.CFRubrics[2].CFRubricCriteria[0].CFRubricCriterionLevels"
    assert problems(case) == [
        (
            f"{levels_2}[1].quality",
            f"level 2 is named 'Intermediate' at {LEVELS_0}[1].quality, not 'Mid'",
        )
    ]


def test_a_rubric_of_a_family_is_refused() -> None:
    case = package()
    case["CFRubrics"][0]["CFRubricCriteria"][0]["CFItemURI"]["identifier"] = F1
    assert paths(case) == ["$.CFRubrics[0].CFRubricCriteria[0].CFItemURI.identifier"]


def test_malformed_uuids() -> None:
    case = package()
    case["CFItems"][0]["identifier"] = "not-a-uuid"
    assert problems(case)[0] == ("$.CFItems[0].identifier", "malformed UUID 'not-a-uuid'")


def test_any_item_types_and_depth() -> None:
    case = package()
    case["CFItems"][2]["CFItemType"] = "Standard"
    case["CFItems"][0]["CFItemType"] = "Domain"
    # SEC sits inside DATA: three levels deep.
    case["CFAssociations"][3]["destinationNodeURI"] = copy.deepcopy(
        case["CFAssociations"][0]["originNodeURI"]
    )
    framework = framework_from_case(case)
    assert [(f.code, f.item_type, f.parent) for f in framework.families] == [
        ("DATA", "Domain", ""),
        ("SEC", "", F1),
    ]
    assert framework.families[0].competencies[0].item_type == "Standard"


def test_a_package_in_english_only_is_a_draft_to_translate() -> None:
    case = package()
    twins = {item["identifier"] for item in case["CFItems"] if item["language"] == "fr"}
    case["CFItems"] = [item for item in case["CFItems"] if item["identifier"] not in twins]
    case["CFAssociations"] = case["CFAssociations"][:6]
    case["CFRubrics"] = case["CFRubrics"][::2]
    for level in case["CFRubrics"][0]["CFRubricCriteria"][0]["CFRubricCriterionLevels"]:
        level.pop("quality")
    del case["CFDefinitions"]
    framework = framework_from_case(case)
    assert (framework.title_en, framework.title_fr) == ("Digital competencies", "")
    assert framework.families[0].competencies[0].name_fr == ""
    assert framework.levels_scale == [
        type(level)(level=level.level, name_en=level.name_en, name_fr="") for level in SCALE
    ]
    assert framework.families[1].competencies[0].replaces == [OLD]
    assert small().families[0].competencies[0].name_en == "Data literacy"
