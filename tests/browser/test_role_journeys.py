"""One journey per capability, as each role does it: sign in, land on the home page, and
from there only click the links and buttons the page shows (no URL typed past sign-in, no
hand-built form data). Each runs in English and in French; every page on the way is checked
with axe and at 390 px (tests/browser/layout.py). Labels are looked up in the same
catalogue the server translates with, so the journeys click what a person reads; each
French run also checks a French label the catalogue holds."""

import csv
import io
import re
from pathlib import Path
from typing import Any

import pytest
from django.utils import translation

from guild.competencies.models import Assessment, AssessmentKind, Competency
from guild.competencies.services import assessment_self
from tests.browser.conftest import PASSWORD, axe_violations, describe_violations, login
from tests.browser.layout import layout_problem

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]

LANGUAGES = ["en", "fr"]
HOME = {"en": "Home", "fr": "Accueil"}


def t(language: str, message: str) -> str:
    with translation.override(language):
        return translation.gettext(message)


def nt(language: str, singular: str, plural: str, count: int) -> str:
    with translation.override(language):
        return translation.ngettext(singular, plural, count) % {"count": count}


class Journey:
    """The signed-in person's browser, checking every page it reaches."""

    def __init__(self, page: Any, axe_source: str, language: str, name: str) -> None:
        self.page = page
        self.axe_source = axe_source
        self.language = language
        self.name = name
        self.steps = 0
        self.overflows: list[str] = []

    def check(self) -> None:
        page = self.page
        assert page.get_attribute("html", "lang") == self.language, page.url
        violations = axe_violations(page, self.axe_source)
        assert not violations, f"{page.url}:\n{describe_violations(violations)}"
        self.steps += 1
        problem = layout_problem(page, f"{self.language}-{self.name}-{self.steps}")
        if problem:
            self.overflows.append(problem)

    def click(self, locator: Any) -> None:
        """Click a link or button that loads a new page, then check that page."""
        with self.page.expect_navigation() as navigation:
            locator.click()
        response = navigation.value
        assert response is not None and response.status == 200, (
            f"{response and response.status} {self.page.url}"
        )
        self.check()

    def submit_refused(self, button: Any) -> None:
        """Submit a form the server refuses (400), then check the page with its errors."""
        with self.page.expect_navigation() as navigation:
            button.click()
        response = navigation.value
        assert response is not None and response.status == 400, (
            f"{response and response.status} {self.page.url}"
        )
        self.check()

    def start(self, live_server: Any, email: str) -> None:
        login(self.page, live_server, email, PASSWORD, next=f"/{self.language}/")
        menu_home = self.page.locator("gcds-top-nav > gcds-nav-link:not([slot])").first
        assert menu_home.text_content().strip() == HOME[self.language]
        self.check()

    def finish(self) -> None:
        """The journey got through; now the pages that overflow a phone's width fail it."""
        assert not self.page.guild_problems, "\n".join(self.page.guild_problems)
        assert not self.overflows, "\n".join(self.overflows)


def french(page: Any, language: str, text: str) -> None:
    """In French, `text` (a French label) shows on the page."""
    if language == "fr":
        label = page.locator("main").get_by_text(text, exact=True).first
        assert label.is_visible(), f"{text!r} on {page.url}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_member_answers_a_waiting_questionnaire_to_its_receipt(
    language: str, page: Any, live_server: Any, cast: Any, axe_source: str
) -> None:
    journey = Journey(page, axe_source, language, "answer")
    journey.start(live_server, cast["member"].user.email)
    waiting = page.locator("section[aria-labelledby=waiting-heading]")
    started = waiting.locator("li", has=page.locator(".guild-tag"))
    assert started.count() == 1
    title = {"en": "Members survey", "fr": "Sondage des membres"}[language]
    journey.click(started.get_by_role("link", name=title))
    french(page, language, "Sondage des membres")

    journey.click(page.get_by_role("button", name=t(language, "Continue where I left off")))
    for _section in range(3):
        if page.locator("h1").inner_text() == t(language, "Check your answers"):
            break
        rows = page.locator("fieldset.guild-matrix-row")
        for index in range(rows.count()):
            rows.nth(index).locator("input[type=radio]").nth(1).check()
        nickname = page.get_by_label({"en": "Nickname", "fr": "Surnom"}[language])
        if nickname.count():
            nickname.fill("Mimi")
        journey.click(page.get_by_role("button", name=t(language, "Save and continue")))
    assert page.locator("h1").inner_text() == t(language, "Check your answers")
    assert page.get_by_text("Mimi", exact=True).count() == 1

    journey.click(page.get_by_role("button", name=t(language, "Submit my answers")))
    assert page.locator("h1").inner_text() == t(language, "Thank you: your answers are recorded")
    assert len(page.locator(".guild-review code").inner_text().strip()) >= 6
    journey.finish()


@pytest.mark.parametrize("language", LANGUAGES)
def test_member_assesses_competencies_one_after_another(
    language: str, page: Any, live_server: Any, cast: Any, axe_source: str
) -> None:
    member = cast["member"]
    journey = Journey(page, axe_source, language, "assess")
    journey.start(live_server, member.user.email)
    with translation.override(language):
        link_text = translation.ngettext(
            "Assess the %(counter)s competency of your role profile not assessed yet",
            "Assess the %(counter)s competencies of your role profile not assessed yet",
            2,
        ) % {"counter": 2}
    journey.click(page.get_by_role("link", name=link_text))

    chosen = {}
    for step, nth in ((1, 3), (2, 1)):
        with translation.override(language):
            expected = translation.gettext("%(step)s of %(steps)s") % {"step": step, "steps": 2}
        assert page.locator("#assess-step").inner_text() == expected
        heading = re.search(r"[A-Z]+-\d+", page.locator("h1").inner_text())
        assert heading, page.url
        code = heading.group()
        radio = page.locator("input[type=radio][name=level]").nth(nth)
        radio.check()
        chosen[code] = int(radio.get_attribute("value"))
        journey.click(page.get_by_role("button", name=t(language, "Save and next")))

    message = nt(
        language, "You assessed %(count)d competency.", "You assessed %(count)d competencies.", 2
    )
    assert page.get_by_text(message).count() == 1, page.url
    french(page, language, "Mes compétences")
    levels = dict(
        Assessment.objects.filter(member=member, kind=AssessmentKind.SELF)
        .exclude(competency__code="RIL-01")
        .values_list("competency__code", "level")
    )
    assert levels == chosen
    journey.finish()


@pytest.mark.parametrize("language", LANGUAGES)
def test_supervisor_validates_several_levels_in_one_form(
    language: str, page: Any, live_server: Any, cast: Any, axe_source: str
) -> None:
    member, private, supervisor = cast["member"], cast["private"], cast["supervisor"]
    version = cast["competency"].version
    waiting = [
        (member, "RIL-02", 3),
        (member, "ACP-01", 2),
        (private, "RIL-01", 1),
    ]
    for person, code, level in waiting:
        competency = Competency.objects.get(version=version, code=code)
        assessment_self(
            actor=person.user, member=person, competency=competency, level=level, evidence="Done"
        )
    journey = Journey(page, axe_source, language, "validate")
    journey.start(live_server, supervisor.user.email)
    french(page, language, "Valider les compétences de votre équipe")
    journey.click(page.get_by_role("link", name=t(language, "Validate your team's competencies")))
    with translation.override(language):
        validate_text = translation.ngettext(
            "Validate the %(counter)s waiting level in one form",
            "Validate the %(counter)s waiting levels in one form",
            3,
        ) % {"counter": 3}
    journey.click(page.get_by_role("link", name=validate_text))

    rows = page.locator("form table tbody tr")
    assert rows.count() == 3
    by_code = {}
    for index in range(3):
        row = rows.nth(index)
        code = row.locator("td").first.inner_text().split()[0]
        by_code[(row.locator("th").inner_text(), code)] = row
    mia = by_code[(member.full_name, "RIL-02")]
    mia.locator("input[type=checkbox]").check()
    mia.locator("select").select_option("2")  # overrides the member's 3
    mia.locator("textarea, input[type=text]").first.fill("Close: next year")
    by_code[(private.full_name, "RIL-01")].locator("input[type=checkbox]").check()
    journey.click(page.get_by_role("button", name=t(language, "Record the ticked levels")))
    recorded = nt(language, "%(count)d level was recorded.", "%(count)d levels were recorded.", 2)
    assert page.get_by_text(recorded).count() == 1, page.url

    given = set(
        Assessment.objects.filter(kind=AssessmentKind.SUPERVISOR).values_list(
            "member__given_name", "competency__code", "level", "comment"
        )
    )
    assert given == {
        ("Mia", "RIL-01", 2, "Agreed"),
        ("Mia", "RIL-02", 2, "Close: next year"),
        ("Pat", "RIL-01", 1, ""),
    }
    journey.finish()


@pytest.mark.parametrize("language", LANGUAGES)
def test_coordinator_opens_department_results_and_downloads_an_export(
    language: str, page: Any, live_server: Any, cast: Any, axe_source: str, tmp_path: Path
) -> None:
    esdc = cast["member"].department
    journey = Journey(page, axe_source, language, "coordinator")
    journey.start(live_server, cast["coordinator"].user.email)
    with translation.override(language):
        department_name = esdc.name_fr if language == "fr" else esdc.name_en
        results_text = translation.gettext("Results for %(department)s") % {
            "department": department_name
        }
    journey.click(page.get_by_role("link", name=results_text).first)
    assert "/results/department/" in page.url
    assert page.locator("h1").count() == 1
    journey.click(page.locator("gcds-breadcrumbs-item").first.locator("a"))

    journey.click(page.get_by_role("link", name=t(language, "See these members in the directory")))
    french(page, language, "Répertoire des membres")
    page.get_by_role("button", name=t(language, "Export these results (CSV)")).click()
    download_link = page.locator("#export-status a[download], #export-status a")
    download_link.first.wait_for(timeout=10_000)
    with page.expect_download() as info:
        download_link.first.click()
    target = tmp_path / "members.csv"
    info.value.save_as(target)
    raw = target.read_bytes()
    assert raw[:2] == b"id" or raw[:5] == b"\xef\xbb\xbfid", raw[:20]
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows, "the export has no rows"
    with translation.override(language):
        assert {row["department"] for row in rows} == {esdc.acronym}
    journey.finish()


@pytest.mark.parametrize("language", LANGUAGES)
def test_administrator_filters_the_audit_log_and_downloads_it(
    language: str, page: Any, live_server: Any, cast: Any, axe_source: str, tmp_path: Path
) -> None:
    journey = Journey(page, axe_source, language, "audit")
    journey.start(live_server, cast["platform"].email)
    group = page.locator(f"gcds-nav-group[open-trigger='{t(language, 'Management')}']")
    group.locator("button").first.click()
    journey.click(group.get_by_role("link", name=t(language, "Audit log")))
    french(page, language, "Journal de vérification")

    action = page.locator("select[name=action]")
    chosen = action.locator("option").nth(1).get_attribute("value")
    assert chosen
    action.select_option(chosen)
    journey.click(page.get_by_role("button", name=t(language, "Filter")))
    french(page, language, "Filtrer")
    shown = page.locator("table.guild-audit tbody tr td:nth-child(3)").all_inner_texts()
    assert shown and {text.replace("\u200b", "").strip() for text in shown} == {chosen}

    with page.expect_download() as info:
        page.get_by_role("link", name=t(language, "Download these events (CSV)")).click()
    target = tmp_path / "audit.csv"
    info.value.save_as(target)
    assert info.value.suggested_filename.startswith("guild-audit-")
    rows = list(csv.reader(io.StringIO(target.read_bytes().decode("utf-8-sig"))))
    assert rows[0][2] == t(language, "Action")
    assert len(rows) - 1 == len(shown)
    assert {row[2] for row in rows[1:]} == {chosen}
    journey.finish()
