"""CASE 1.0 JSON round trips: export then import gives the framework back."""

import json

from guild.competencies.case import (
    framework_from_case,
)
from guild.competencies.tests.builders import (
    french_first,
    package,
    small,
)


def test_case_round_trip() -> None:
    assert framework_from_case(package()) == small()
    assert framework_from_case(json.loads(json.dumps(package()))) == small()


def test_import_follows_sequence_numbers_not_array_order() -> None:
    case = package()
    case["CFItems"].reverse()
    case["CFAssociations"].reverse()
    case["CFRubrics"].reverse()
    assert framework_from_case(case) == small()


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
