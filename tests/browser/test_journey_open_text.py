"""Journey: a programme administrator reads the answers to a text question of an identified
questionnaire. From the home page: Manage questionnaires, the identified questionnaire,
"Read the answers" beside its comments question, a filter, and the filtered answers
downloaded as CSV and read back. Only what the pages show is clicked
(tests/browser/test_role_journeys.py); English and French, axe and 390 px on every page."""

import csv
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from django.utils import translation

from guild.core.models import AuditEvent
from guild.questionnaires.models import QuestionnaireVersion, Response
from guild.questionnaires.tests.answering import COMPLETE
from tests.browser.test_role_journeys import LANGUAGES, Journey, french, t

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]

FORMULA = "=SUM(A1:A9) more training"
# (given name, family name, comment, last changed): newest first on the page.
WRITERS = [
    (
        "Émile",
        "Nelligan",
        "L\u2019équipe de GI est formidable",
        datetime(2026, 11, 3, 15, 0, tzinfo=UTC),
    ),
    ("Grace", "Hopper", FORMULA, datetime(2026, 11, 2, 15, 0, tzinfo=UTC)),
    ("Ada", "Lovelace", "Plus de formation, SVP", datetime(2026, 11, 1, 15, 0, tzinfo=UTC)),
]


@pytest.fixture
def commented(cast: dict[str, Any], make_member: Any) -> Any:
    """The cast's identified questionnaire (Olu Other answered "Fine."), with three more
    people's comments, as the submit service stores identified responses."""
    questionnaire = cast["identified_questionnaire"]
    version = QuestionnaireVersion.objects.get(questionnaire=questionnaire, number=1)
    for given, family, comment, when in WRITERS:
        member = make_member(given_name=given, family_name=family)
        Response.objects.create(
            questionnaire=questionnaire,
            version=version,
            respondent=member.user,
            answers={**COMPLETE, "comments": comment},
            submitted_at=when,
            updated_at=when,
        )
    return questionnaire


@pytest.mark.parametrize("language", LANGUAGES)
def test_administrator_reads_filters_and_downloads_the_answers_to_a_text_question(
    language: str,
    page: Any,
    live_server: Any,
    cast: Any,
    commented: Any,
    axe_source: str,
    tmp_path: Path,
) -> None:
    admin = cast["admin"].user
    journey = Journey(page, axe_source, language, "open-text")
    journey.start(live_server, admin.email)
    manage = page.locator("section[aria-labelledby=admin-heading]")
    journey.click(manage.get_by_role("link", name=t(language, "Manage questionnaires")))

    # The one identified questionnaire: "No" in the Anonymous column.
    rows = page.locator("main table tbody tr")
    identified = [
        rows.nth(i)
        for i in range(rows.count())
        if rows.nth(i).locator("td").nth(2).inner_text() == t(language, "No")
    ]
    assert len(identified) == 1
    journey.click(identified[0].get_by_role("link"))

    label = {"en": "Comments", "fr": "Commentaires"}[language]
    read = f"{t(language, 'Read the answers')} {t(language, 'to “%(label)s”') % {'label': label}}"
    # One link per text question: the nickname's and the comments'.
    assert page.locator("main a[href*='/results/text/']").count() == 2
    journey.click(page.get_by_role("link", name=read, exact=True))
    french(page, language, "Sondage des membres")
    heading = t(language, "Answers to “%(label)s”") % {"label": label}
    assert page.locator("h1").inner_text() == heading
    with translation.override(language):
        count = translation.ngettext("%(counter)s answer.", "%(counter)s answers.", 4)
    assert page.get_by_role("status").inner_text() == count % {"counter": 4}
    answers = page.locator("li.guild-open-text__answer")
    # Olu Other answered as the cast was made, today: the newest.
    assert [answers.nth(i).locator("strong").inner_text() for i in range(4)] == [
        "Olu Other",
        "Émile Nelligan",
        "Grace Hopper",
        "Ada Lovelace",
    ]
    assert answers.nth(2).locator(".guild-open-text__text").inner_text() == FORMULA

    page.get_by_label(t(language, "Show only answers containing")).fill("ÉQUIPE")
    journey.click(page.get_by_role("button", name=t(language, "Filter")))
    assert answers.count() == 1
    assert answers.first.locator(".guild-open-text__text").inner_text() == WRITERS[0][2]

    with page.expect_download() as info:
        page.get_by_role("link", name=t(language, "Download these answers (CSV)")).click()
    assert info.value.suggested_filename == "identified-comments.csv"
    target = tmp_path / "answers.csv"
    info.value.save_as(target)
    with target.open(encoding="utf-8", newline="") as handle:
        rows_read = list(csv.reader(handle))
    assert rows_read == [
        [t(language, "Respondent"), t(language, "Answered on (UTC)"), t(language, "Answer")],
        ["Émile Nelligan", "2026-11-03T15:00:00+00:00", WRITERS[0][2]],
    ]

    # Both reads and the download are in the audit log, with what was asked.
    events = AuditEvent.objects.filter(
        actor=admin, action__startswith="questionnaire.open_text"
    ).order_by("at", "pk")
    assert [(e.action, e.changes) for e in events] == [
        ("questionnaire.open_text_read", {"question": "comments", "page": 1, "filter": ""}),
        ("questionnaire.open_text_read", {"question": "comments", "page": 1, "filter": "ÉQUIPE"}),
        (
            "questionnaire.open_text_export",
            {"question": "comments", "filter": "ÉQUIPE", "rows": 1},
        ),
    ]
    journey.finish()
