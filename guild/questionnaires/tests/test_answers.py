"""Answer validation, visibility, and the rows a response gives the Answer table."""

from decimal import Decimal
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from guild.demo.content import members_definition
from guild.questionnaires.answering.answers import (
    AnswerRow,
    answer_rows,
    breakdown_values,
    validate_answers,
    visible_questions,
)
from guild.questionnaires.definition.types import QuestionType

DEMO = members_definition()

FULL: dict[str, Any] = {
    "department": "esdc",
    "region": "quebec",
    "occupational_group": "IS",
    "level": "4",
    "age_band": "55_59",
    "service_years": "25_29",
    "joined_public_service": "1999-06-01",
    "second_language_levels": {"reading": "C", "writing": "B", "oral": "B"},
    "specialties": ["data", "records"],
    "im_time_share": "87,5",
    "team_size": "12",
    "training_hours": 40,
    "training_needs": ["ai", "data", "records"],
    "training_priorities": {"ai": "1", "data": "2", "records": ""},
    "career_intentions": "retire",
    "retire_within_5": "yes",
    "retirement_year": "2028",
    "vision_awareness": "agree",
    "community_views": {"belonging": "agree", "events": ""},
    "one_priority": "  More training  ",
}


def test_valid_answers_are_coerced_to_canonical_shapes() -> None:
    cleaned, errors = validate_answers(DEMO, FULL, complete=True)
    assert errors == {}
    assert cleaned == {
        "department": "esdc",
        "region": "quebec",
        "occupational_group": "IS",
        "level": "4",
        "age_band": "55_59",
        "service_years": "25_29",
        "joined_public_service": "1999-06-01",
        "second_language_levels": {"reading": "C", "writing": "B", "oral": "B"},
        "specialties": ["records", "data"],
        "im_time_share": "87.5",
        "im_focus": "mainly",  # worked out by the server from the share of time
        "team_size": 12,
        "training_hours": 40,
        "training_needs": ["records", "data", "ai"],
        "training_priorities": ["ai", "data"],
        "career_intentions": "retire",
        "retire_within_5": "yes",
        "retirement_year": 2028,
        "vision_awareness": "agree",
        "community_views": {"belonging": "agree"},
        "one_priority": "More training",
    }
    # Canonical answers validate to themselves.
    assert validate_answers(DEMO, cleaned, complete=True) == (cleaned, {})


def test_errors_have_stable_codes() -> None:
    raw = {
        "department": "nowhere",
        "region": ["quebec"],
        "team_size": "12.5",
        "training_hours": 501,
        "im_time_share": "abc",
        "joined_public_service": "2020-02-30",
        "one_priority": "x" * 201,
        "specialties": ["data", "data", "cooking"],
        "training_needs": ["ai"],
        "training_priorities": ["ai"],
        "second_language_levels": {"listening": "A"},
        "shoe_size": 9,
    }
    cleaned, errors = validate_answers(DEMO, raw, complete=False)
    assert {code: error.code for code, error in errors.items()} == {
        "shoe_size": "unknown_question",
        "department": "unknown_option",
        "region": "wrong_type",
        "second_language_levels": "unknown_row",
        "specialties": "unknown_option",
        "team_size": "wrong_type",
        "im_time_share": "wrong_type",
        "training_hours": "out_of_range",
        "training_priorities": "hidden_question",
        "joined_public_service": "wrong_type",
        "one_priority": "too_long",
    }
    assert cleaned == {"training_needs": ["ai"]}
    assert all(error.message for error in errors.values())


def test_required_only_when_complete_or_for_the_section() -> None:
    _, errors = validate_answers(DEMO, {}, complete=False)
    assert errors == {}
    _, errors = validate_answers(DEMO, {}, complete=False, section="position")
    assert set(errors) == {"department", "region"}
    _, errors = validate_answers(DEMO, {}, complete=True)
    assert set(errors) == {
        "department",
        "region",
        "specialties",
        "career_intentions",
        "vision_awareness",
    }
    assert {e.code for e in errors.values()} == {"required"}


def test_hidden_questions_are_refused_never_dropped() -> None:
    raw = {"career_intentions": "stay", "retire_within_5": "yes", "retirement_year": 2027}
    cleaned, errors = validate_answers(DEMO, raw, complete=False)
    assert cleaned == {"career_intentions": "stay"}
    assert errors["retire_within_5"].code == "hidden_question"
    assert errors["retirement_year"].code == "hidden_question"
    # An empty value for a hidden question is not an answer.
    cleaned, errors = validate_answers(
        DEMO, {"career_intentions": "stay", "retirement_year": ""}, complete=False
    )
    assert errors == {}


def test_ranking_duplicates_and_ranks() -> None:
    base = {"training_needs": ["ai", "data"]}
    _, errors = validate_answers(
        DEMO, {**base, "training_priorities": ["ai", "ai"]}, complete=False
    )
    assert errors["training_priorities"].code == "duplicate_option"
    _, errors = validate_answers(
        DEMO, {**base, "training_priorities": {"ai": "1", "data": "1"}}, complete=False
    )
    assert errors["training_priorities"].code == "duplicate_rank"
    _, errors = validate_answers(
        DEMO, {**base, "training_priorities": {"ai": "99"}}, complete=False
    )
    assert errors["training_priorities"].code == "out_of_range"


def test_visible_questions_follow_conditions() -> None:
    codes = [q.code for q in visible_questions(DEMO, {"career_intentions": "retire"})]
    assert "retire_within_5" in codes and "retirement_year" not in codes
    codes = [
        q.code
        for q in visible_questions(DEMO, {"career_intentions": "retire", "retire_within_5": "yes"})
    ]
    assert "retirement_year" in codes
    # An answer to a hidden question does not reveal what depends on it.
    codes = [
        q.code
        for q in visible_questions(DEMO, {"career_intentions": "stay", "retire_within_5": "yes"})
    ]
    assert "retirement_year" not in codes


def test_answer_rows_and_breakdowns() -> None:
    cleaned, _ = validate_answers(DEMO, FULL, complete=True)
    rows = answer_rows(DEMO, cleaned)
    assert AnswerRow("department", "", "esdc", None) in rows
    assert AnswerRow("specialties", "", "records", None) in rows
    assert AnswerRow("specialties", "", "data", None) in rows
    assert AnswerRow("second_language_levels", "oral", "B", None) in rows
    assert AnswerRow("training_priorities", "ai", "", 1.0) in rows
    assert AnswerRow("training_priorities", "data", "", 2.0) in rows
    assert AnswerRow("im_time_share", "", "", 87.5) in rows
    assert AnswerRow("retirement_year", "", "", 2028.0) in rows
    assert AnswerRow("joined_public_service", "", "", 1999.0) in rows
    assert not [row for row in rows if row.question == "one_priority"]
    assert len(rows) == 25
    assert breakdown_values(DEMO, cleaned) == ("esdc", "quebec")
    assert breakdown_values(DEMO, {}) == ("", "")


json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats()
    | st.text(max_size=20)
    | st.sampled_from(["esdc", "agree", "2028", "1.5", "2020-01-01", "A", "ai"]),
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(
            st.text(max_size=10) | st.sampled_from(["oral", "ai"]), children, max_size=4
        )
    ),
    max_leaves=10,
)
codes = st.sampled_from([q.code for q in DEMO.questions] + ["unknown", ""])
CALCULATED = {q.code for q in DEMO.questions if q.type == QuestionType.CALCULATE}


@settings(max_examples=400, suppress_health_check=[HealthCheck.too_slow])
@given(st.dictionaries(codes, json_values, max_size=12), st.booleans())
def test_validation_never_raises_and_its_output_is_valid(raw: dict, complete: bool) -> None:
    cleaned, errors = validate_answers(DEMO, raw, complete=complete)
    # A value sent to a calculation is refused, and the canonical answers keep the value
    # worked out instead; any other refused answer is left out of them.
    assert set(cleaned).isdisjoint(set(errors) - CALCULATED)
    again, again_errors = validate_answers(DEMO, cleaned, complete=False)
    assert again == cleaned
    assert all(e.code != "wrong_type" for e in again_errors.values())
    for row in answer_rows(DEMO, cleaned):
        assert DEMO.question(row.question).type != QuestionType.TEXT
    breakdown_values(DEMO, cleaned)


def test_decimal_and_year_edges() -> None:
    cleaned, errors = validate_answers(
        DEMO, {"im_time_share": 12.25, "training_hours": 3.0}, complete=False
    )
    assert errors == {}
    assert cleaned == {"im_time_share": "12.25", "im_focus": "partly", "training_hours": 3}
    _, errors = validate_answers(
        DEMO, {"im_time_share": float("nan"), "training_hours": True}, complete=False
    )
    assert {k: e.code for k, e in errors.items()} == {
        "im_time_share": "wrong_type",
        "training_hours": "wrong_type",
    }
    assert Decimal(str(cleaned["im_time_share"])) == Decimal("12.25")


def test_a_value_sent_to_a_calculation_is_refused_and_the_worked_out_one_kept() -> None:
    # Found by Hypothesis: the canonical answers hold the value worked out, not the one sent.
    raw = {"im_time_share": 0, "im_focus": False}
    cleaned, errors = validate_answers(DEMO, raw, complete=False)
    assert errors["im_focus"].code == "calculated"
    assert cleaned == {"im_time_share": "0", "im_focus": "partly"}
