"""Options a list names alike (``king`` in two states): Guild numbers them apart and what
compares with the name follows, so cascading selects still offer the right options; what
cannot follow is said in the review at its cell."""

from collections.abc import Mapping
from pathlib import Path

from guild.questionnaires.answering.answers import offered
from guild.questionnaires.answering.page import page_options
from guild.questionnaires.tests.xlsform_workbooks import converts, notes, read, workbook

KOBOCAT = Path(__file__).parents[3] / "tests" / "fixtures" / "outside" / "kobocat"


def _offered(definition, code: str, answers: Mapping[str, object]) -> list[str]:
    question = definition.question(code)
    return [option.code for option in question.options if offered(question, option, answers)]


def test_the_kobocat_cascade_offers_the_cities_of_the_renamed_county() -> None:
    reading = read((KOBOCAT / "new_cascading_select.xls").read_bytes())
    definition = reading.definition
    texas = {"state": "texas", "county": "king_2"}
    washington = {"state": "washington", "county": "king"}
    assert _offered(definition, "county", {"state": "texas"}) == ["king_2", "cameron"]
    assert _offered(definition, "city", texas) == ["dumont", "finney"]
    assert _offered(definition, "city", washington) == ["seattle", "redmond"]
    city = definition.question("city")
    assert page_options(definition, [city], texas).offered == {"city": city.options[:2]}
    assert [(o.code, o.properties) for o in city.options[:2]] == [
        ("dumont", (("state", "texas"), ("county", "king_2"))),
        ("finney", (("state", "texas"), ("county", "king_2"))),
    ]
    changed, dropped = notes(reading)
    assert changed == [
        (
            "choices!B6",
            "option_code_changed",
            "The option “king” gets the code “king_2”: Guild option codes are unique in their "
            "list and made of letters, digits, “.”, “-” and “_”.",
        ),
        *[
            (
                f"choices!E{row}",
                "filter_value_followed",
                "“king” here is the option of “county” that became “king_2”, the one whose "
                "columns agree with this row: the filter follows it.",
            )
            for row in (8, 9)
        ],
    ]
    assert dropped == []
    again = read(converts(definition))
    assert again.definition == definition
    assert notes(again) == ([], [])


def _cascade(city_rows: list[list[str]], survey_extra: list[list[str]]) -> bytes:
    return workbook(
        [
            ["type", "name", "label", "choice_filter", "relevant", "constraint"],
            ["select_one states", "state", "State", "", "", ""],
            ["select_one counties", "county", "County", "state=${state}", "", ""],
            ["select_one cities", "city", "City", "county=${county}", "", ""],
            *survey_extra,
        ],
        [
            ["list_name", "name", "label", "state"],
            ["states", "wa", "Washington", ""],
            ["states", "tx", "Texas", ""],
            ["counties", "king", "King", "wa"],
            ["counties", "king", "King", "tx"],
            ["counties", "pierce", "Pierce", "wa"],
            ["cities", "seattle", "Seattle", "wa"],
            *city_rows,
        ],
    )


def test_conditions_comparing_with_the_shared_name_hold_for_every_option_that_bore_it() -> None:
    # cities lists no county column: the filter on "county" is read from a further column
    content = workbook(
        [
            ["type", "name", "label", "relevant", "constraint"],
            ["select_one counties", "county", "County", "", ""],
            ["text", "why", "Why King?", "${county} = 'king'", ""],
            ["text", "not_king", "Why not King?", "${county} != 'king'", ""],
            ["select_multiple counties", "visited", "Visited", "", ""],
            ["text", "king_visit", "Which?", "selected(${visited}, 'king')", ""],
            ["integer", "n", "How many?", "", ". > 0 or ${county} = 'king'"],
            ["text", "odd", "Odd", "string-length(${county}) > 0 and 'king' = 'king'", ""],
        ],
        [
            ["list_name", "name", "label", "state"],
            ["counties", "king", "King", "wa"],
            ["counties", "king", "King", "tx"],
            ["counties", "pierce", "Pierce", "wa"],
        ],
    )
    reading = read(content)
    definition = reading.definition
    assert definition.question("why").relevant == ("(${county} = 'king' or ${county} = 'king_2')")
    assert definition.question("not_king").relevant == (
        "(${county} != 'king' and ${county} != 'king_2')"
    )
    assert definition.question("king_visit").relevant == (
        "(selected(${visited}, 'king') or selected(${visited}, 'king_2'))"
    )
    assert definition.question("n").constraint == (
        ". > 0 or (${county} = 'king' or ${county} = 'king_2')"
    )
    changed, _dropped = notes(reading)
    assert changed[1] == (
        "survey!D8",
        "relevant_shared_option",
        "This compares “county” with “king”, a name several of its options had (“king”, "
        "“king_2”): only the option “king” matches here.",
    )
    assert [(location, code) for location, code, _message in changed] == [
        ("settings", "title_from_name"),
        ("survey!D8", "relevant_shared_option"),
        ("choices!B3", "option_code_changed"),
    ]
    again = read(converts(definition))
    assert again.definition == definition


def test_a_value_that_could_mean_several_options_is_said() -> None:
    content = _cascade([["cities", "somewhere", "Somewhere", ""]], [])
    # Somewhere names no state and no county: nothing to follow
    reading = read(content)
    assert _offered(reading.definition, "city", {"state": "tx", "county": "king_2"}) == []
    ambiguous = workbook(
        [
            ["type", "name", "label", "choice_filter"],
            ["select_one counties", "county", "County", ""],
            ["select_one cities", "city", "City", "county=${county}"],
        ],
        [
            ["list_name", "name", "label", "state", "county"],
            ["counties", "king", "King", "wa", ""],
            ["counties", "king", "King", "tx", ""],
            ["cities", "kent", "Kent", "", "king"],
            ["cities", "auburn", "Auburn", "", "king"],
        ],
    )
    reading = read(ambiguous)
    assert reading.definition.question("city").options[0].properties == (("county", "king"),)
    changed, _dropped = notes(reading)
    assert changed[2:] == [
        (
            "choices!E4",
            "filter_value_ambiguous",
            "“king” here could be any of the options “king”, “king_2” of “county”: this option "
            "is offered only when “king” is chosen.",
        ),
        (
            "choices!E5",
            "filter_value_ambiguous",
            "“king” here could be any of the options “king”, “king_2” of “county”: this option "
            "is offered only when “king” is chosen.",
        ),
    ]
