"""`questionnaire_import` called directly (the demo seeder, commands, tests) never imports
a file silently changed: a reading with notes is refused with them (`ReviewRequired`)
unless the caller says it accepts what the review shows (``reviewed=True``)."""

from pathlib import Path
from typing import Any

import pytest
from django.utils import translation

from guild.core.models import AuditEvent
from guild.organizations.models import Community
from guild.questionnaires.definition.json_codec import definition_from_json
from guild.questionnaires.definition.review import ReviewRequired
from guild.questionnaires.definition.services import questionnaire_import
from guild.questionnaires.models import Questionnaire, QuestionnaireVersion

pytestmark = pytest.mark.django_db
CASCADE = (
    Path(__file__).resolve().parents[3]
    / "tests"
    / "fixtures"
    / "outside"
    / "kobocat"
    / "new_cascading_select.xls"
)


def test_a_file_read_with_changes_is_refused_with_them_and_nothing_is_saved(
    cast: dict[str, Any], im: Community
) -> None:
    admin = cast["admin"].user
    events = AuditEvent.objects.count()
    with translation.override("en"), pytest.raises(ReviewRequired) as caught:
        questionnaire_import(
            actor=admin,
            community=im,
            slug="cascade",
            content=CASCADE.read_bytes(),
            format="xlsform",
        )
    error = caught.value
    assert (error.status, error.code) == (400, "review_required")
    assert error.message == (
        "Reading this file changes or leaves out 3 things; review them before importing. "
        "Nothing was saved."
    )
    assert error.fields == {
        "choices!B6": [
            "The option “king” gets the code “king_2”: Guild option codes are unique in "
            "their list and made of letters, digits, “.”, “-” and “_”."
        ],
        "choices!E8": [
            "“king” here is the option of “county” that became “king_2”, the one whose "
            "columns agree with this row: the filter follows it."
        ],
        "choices!E9": [
            "“king” here is the option of “county” that became “king_2”, the one whose "
            "columns agree with this row: the filter follows it."
        ],
    }
    assert [note.code for note in error.reading.changed] == [
        "option_code_changed",
        "filter_value_followed",
        "filter_value_followed",
    ]
    assert not Questionnaire.objects.exists()
    assert AuditEvent.objects.count() == events


def test_a_caller_that_accepts_the_review_imports_exactly_what_it_shows(
    cast: dict[str, Any], im: Community
) -> None:
    admin = cast["admin"].user
    with translation.override("en"), pytest.raises(ReviewRequired) as caught:
        questionnaire_import(
            actor=admin,
            community=im,
            slug="cascade",
            content=CASCADE.read_bytes(),
            format="xlsform",
        )
    version = questionnaire_import(
        actor=admin,
        community=im,
        slug="cascade",
        content=CASCADE.read_bytes(),
        format="xlsform",
        reviewed=True,
    )
    assert definition_from_json(version.definition) == caught.value.reading.definition
    assert list(QuestionnaireVersion.objects.values_list("number", "status")) == [(1, "draft")]
