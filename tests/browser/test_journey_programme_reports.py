"""Journey: the programme administrator goes from their home page through the menu to a
running intake and its success measures, checks each figure, its n and response rate,
downloads the PDF and reads the same figures in it with poppler and qpdf (pikepdf), opens
the evaluations page, opens an event's evaluation and the supervisors' feedback (its link
shown), then on the themes page adds a theme, tags a published comment with it and sees the
theme in the report, and records a recommendation on the programme evaluation report. Only
what the pages show is clicked; English and French; axe and 1280/390 px on every page."""

from pathlib import Path
from typing import Any

import pikepdf
import pytest

from guild.learning.tests.test_certificate_pdf import pdf_text
from guild.programmes.models import CommentTag, Intake, Theme
from guild.programmes.tests.conftest import intake, programme
from guild.programmes.tests.reports_data import COMMENTS, answered, built
from tests.browser.test_role_journeys import LANGUAGES, Journey, t

__all__ = ["built", "intake", "programme"]  # the fixtures

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

INTAKE = {"en": "Intake 1", "fr": "Cohorte 1"}
PROGRAMME = {"en": "IM Leadership Initiative", "fr": "Initiative de leadership en GI"}
# (result, n, response rate) as built by reports_data.answered.
FIGURES = {
    "event_attendance": ("91", "11", None),
    "understanding": ("90", "10", "91"),
    "group_attendance": ("91", "11", None),
    "benefit": ("90", "10", "100"),
}


def _text(locator: Any) -> str:
    return " ".join(locator.inner_text().replace("\xa0", " ").replace("\u202f", " ").split())


def _percent(language: str, value: str) -> str:
    return (t(language, "%(value)s%%") % {"value": value}).replace("\xa0", " ")


def _measures(journey: Journey, language: str) -> None:
    main = journey.page.locator("main")
    for code, (figure, n, rate) in FIGURES.items():
        row = main.locator(f"#measure-{code}")
        assert _text(row.locator(".measure-figure")) == _percent(language, figure)
        assert _text(row.locator(".measure-n")) == n
        shown = _text(row.locator(".measure-rate"))
        assert shown == (_percent(language, rate) if rate else t(language, "not a survey"))
    withheld = main.locator("#withheld")
    assert withheld.locator("li").count() == 6
    heading = main.locator("#withheld-heading")
    assert heading.inner_text() == t(language, "What is withheld and why")


def _pdf(journey: Journey, language: str, tmp_path: Path, intake: Intake) -> None:
    page = journey.page
    with page.expect_download() as waiting:
        page.locator("main").get_by_role(
            "link", name=t(language, "Download the report (PDF, English and French)")
        ).click()
    assert waiting.value.suggested_filename == f"success-measures-{intake.pk}.pdf"
    saved = tmp_path / f"measures-{language}.pdf"
    waiting.value.save_as(saved)
    text = " ".join(pdf_text(saved).replace("\xa0", " ").split())
    for other in ("en", "fr"):
        for code, (figure, n, rate) in FIGURES.items():
            shown = _percent(other, rate) if rate else t(other, "not a survey")
            assert f"{_percent(other, figure)} {n} {shown}" in text, (other, code)
        assert t(other, "What is withheld and why") in text
    with pikepdf.open(saved) as pdf:
        assert pdf.check_pdf_syntax() == []
        assert pdf.Root.MarkInfo.Marked is True


def _tag_a_comment(journey: Journey, language: str) -> None:
    page = journey.page
    main = page.locator("main")
    assert main.locator("#comment-list > li").count() == len(COMMENTS)
    # A theme refused without its names, then added.
    page.select_option("#id_source", "participants")
    journey.submit_refused(main.get_by_role("button", name=t(language, "Add the theme")))
    assert not Theme.objects.exists()
    page.select_option("#id_source", "participants")
    page.fill("#id_name_en", "Networking")
    page.fill("#id_name_fr", "Réseautage")
    journey.click(main.get_by_role("button", name=t(language, "Add the theme")))
    name = "Networking" if language == "en" else "Réseautage"
    comment = main.locator("#comment-list > li", has_text=COMMENTS[2])
    comment.get_by_label(name, exact=True).check()
    journey.click(comment.get_by_role("button", name=t(language, "Save the themes")))
    assert t(language, "The comment's themes are saved.") in _text(page.locator("body"))
    assert CommentTag.objects.count() == 1
    comment = main.locator("#comment-list > li", has_text=COMMENTS[2])
    assert comment.get_by_label(name, exact=True).is_checked()


@pytest.mark.parametrize("language", LANGUAGES)
def test_administrator_reads_the_success_measures_and_tags_comments(
    language: str,
    page: Any,
    live_server: Any,
    cast: Any,
    built: dict[str, Any],
    axe_source: str,
    tmp_path: Path,
) -> None:
    answered(built)
    intake = built["crew"].intake
    cast["admin"].user.preferred_language = language
    cast["admin"].user.save()
    journey = Journey(page, axe_source, language, "reports")
    journey.start(live_server, cast["admin"].user.email)
    main = page.locator("main")
    group = page.locator(f"gcds-nav-group[open-trigger='{t(language, 'Leadership programme')}']")
    group.locator("button").first.click()
    journey.click(group.get_by_role("link", name=t(language, "Programmes and intakes"), exact=True))
    journey.click(main.get_by_role("link", name=PROGRAMME[language], exact=True))
    journey.click(main.get_by_role("link", name=INTAKE[language], exact=True))
    journey.click(main.get_by_role("link", name=t(language, "Success measures"), exact=True))
    title = t(language, "Success measures — %(intake)s") % {"intake": INTAKE[language]}
    assert page.locator("h1").inner_text() == title
    _measures(journey, language)
    assert _text(main.locator("#themes-participants")) == t(language, "No theme yet.")
    _pdf(journey, language, tmp_path, intake)

    journey.click(main.get_by_role("link", name=t(language, "Evaluations and supervisor feedback")))
    event2 = built["sessions"][1]
    name = event2.name_en if language == "en" else event2.name_fr
    button = t(language, "Open the evaluation of %(name)s") % {"name": name}
    journey.click(main.get_by_role("button", name=button))
    event2.refresh_from_db()
    assert event2.evaluation is not None
    assert set(event2.evaluation.audience_members.all()) == {
        p.member for p in built["crew"].participants[:9]
    }

    journey.click(main.get_by_role("button", name=t(language, "Open the supervisors' feedback")))
    intake.refresh_from_db()
    feedback = intake.supervisor_feedback
    assert feedback is not None
    link = _text(main.locator("#feedback-link"))
    assert (
        link
        == f"{live_server.url}/{language}/questionnaires/{feedback.pk}/?key={feedback.link_token}"
    )

    journey.click(main.get_by_role("link", name=t(language, "Feedback themes"), exact=True))
    _tag_a_comment(journey, language)
    journey.click(main.get_by_role("link", name=t(language, "Success measures"), exact=True))
    themes = main.locator("#themes-participants li")
    assert themes.all_inner_texts() == ["Networking" if language == "en" else "Réseautage"]

    # The programme evaluation report: the intake's measures, and a recommendation recorded.
    journey.click(main.get_by_role("link", name=t(language, "Programme evaluation report")))
    compare = main.locator("#compare")
    assert _percent(language, "90") in _text(compare)
    record = main.get_by_role("button", name=t(language, "Record the recommendation"))
    journey.submit_refused(record)
    page.fill("#id_text_en", "Hold the group meetings in the week after each event.")
    page.fill("#id_text_fr", "Tenir les rencontres de groupe la semaine suivant chaque activité.")
    journey.click(main.get_by_role("button", name=t(language, "Record the recommendation")))
    shown = _text(main.locator("#recommendations"))
    assert shown == (
        "Hold the group meetings in the week after each event."
        if language == "en"
        else "Tenir les rencontres de groupe la semaine suivant chaque activité."
    )
    journey.finish()
