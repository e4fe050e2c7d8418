"""The three evaluation questionnaires are definitions the engine accepts, with the fixed
question codes the success measures read."""

from collections.abc import Callable
from typing import Any

import pytest

from guild.organizations.models import Community
from guild.programmes.evaluation_forms import (
    LIKERT_CODES,
    event_evaluation,
    group_evaluation,
    supervisor_feedback,
)
from guild.questionnaires.definition.json_codec import definition_from_json, definition_to_json
from guild.questionnaires.definition.services import questionnaire_create, version_publish
from guild.questionnaires.definition.types import Definition, QuestionType
from guild.questionnaires.definition.validate import untranslated_texts, validate_definition

FORMS: dict[str, Callable[[], Definition]] = {
    "event": event_evaluation,
    "group": group_evaluation,
    "supervisor": supervisor_feedback,
}


@pytest.mark.parametrize("name", FORMS)
def test_each_form_is_valid_translated_and_survives_json(name: str) -> None:
    definition = FORMS[name]()
    assert validate_definition(definition) == []
    assert untranslated_texts(definition) == 0
    assert definition_from_json(definition_to_json(definition)) == definition
    for question in definition.questions:
        assert question.label.en != question.label.fr


def test_the_fixed_question_codes_and_types() -> None:
    def shape(definition: Definition) -> list[tuple[str, QuestionType]]:
        return [(q.code, q.type) for q in definition.questions]

    assert shape(event_evaluation()) == [
        ("understanding", QuestionType.LIKERT),
        ("comments", QuestionType.LONG_TEXT),
    ]
    assert shape(group_evaluation()) == [
        ("benefit", QuestionType.LIKERT),
        ("comments", QuestionType.LONG_TEXT),
    ]
    assert shape(supervisor_feedback()) == [
        ("observed", QuestionType.LONG_TEXT),
        ("comments", QuestionType.LONG_TEXT),
    ]
    for definition, code in (
        (event_evaluation(), "understanding"),
        (group_evaluation(), "benefit"),
    ):
        assert tuple(o.code for o in definition.question(code).options) == LIKERT_CODES
    assert event_evaluation().question("understanding").label.en == (
        "This learning event improved my understanding of information management."
    )
    assert group_evaluation().question("benefit").label.en == (
        "Action learning is of benefit to my work and my leadership development."
    )
    assert supervisor_feedback().question("observed").label.en == (
        "What difference has the programme made to your employee's work?"
    )


@pytest.mark.parametrize("name", FORMS)
def test_the_engine_creates_and_publishes_each_form(
    name: str, cast: dict[str, Any], im: Community
) -> None:
    actor = cast["admin"].user
    questionnaire = questionnaire_create(
        actor=actor, community=im, slug=f"imli-{name}", definition=FORMS[name](), anonymous=True
    )
    version = version_publish(actor=actor, questionnaire=questionnaire)
    assert definition_from_json(version.definition) == FORMS[name]()
    questionnaire.refresh_from_db()
    assert questionnaire.title_fr == FORMS[name]().title.fr
