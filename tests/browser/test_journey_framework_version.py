"""Journey: a programme administrator downloads the community's published competency
framework as CASE, edits the file, imports it through the file chooser as the next
version, publishes it after the confirmation and moves the community's role profiles to
it on the mapping page; the member then finds their levels under the new version. Only
what the pages show is clicked (tests/browser/test_role_journeys.py); English and
French."""

import json
from pathlib import Path
from typing import Any

import pytest
from django.utils import translation

from guild.competencies.models import (
    Assessment,
    AssessmentKind,
    FrameworkVersion,
    RoleProfile,
)
from guild.competencies.selectors.gap_rows import version_level_names
from tests.browser.test_role_journeys import LANGUAGES, Journey, french, t

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]

RENAMED = {
    "en": "Records and information lifecycle, revised",
    "fr": "Cycle de vie des documents et de l'information, révisé",
}


def edit_case_package(source: Path, target: Path) -> None:
    """What a framework's editor does to the exported file: a competency reworded and the
    version's label changed; every identifier stays, so the import is the next version."""
    package = json.loads(source.read_text(encoding="utf-8"))
    package["CFDocument"]["version"] = "2027"
    items = [item for item in package["CFItems"] if item.get("humanCodingScheme") == "RIL-01"]
    assert sorted(item["language"] for item in items) == ["en", "fr"]
    for item in items:
        item["fullStatement"] = RENAMED[item["language"]]
    target.write_text(json.dumps(package, ensure_ascii=False, indent=2), encoding="utf-8")


@pytest.mark.parametrize("language", LANGUAGES)
def test_administrator_imports_an_edited_framework_and_moves_the_community(
    language: str, page: Any, live_server: Any, cast: Any, axe_source: str, tmp_path: Path
) -> None:
    admin, member = cast["admin"], cast["member"]
    framework = cast["framework"]
    v1 = FrameworkVersion.objects.get(framework=framework, number=1)
    journey = Journey(page, axe_source, language, "framework-version")
    journey.start(live_server, admin.user.email)
    manage = page.locator("section[aria-labelledby=admin-heading]")
    journey.click(manage.get_by_role("link", name=t(language, "Manage competency frameworks")))
    french(page, language, "Référentiels de compétences")
    with translation.override(language):
        framework_name = framework.name_fr if language == "fr" else framework.name_en
    journey.click(page.locator("main table").get_by_role("link", name=framework_name))

    with page.expect_download() as info:
        page.get_by_role(
            "link", name=t(language, "Download as 1EdTech CASE 1.0 / 1.1 (JSON)")
        ).click()
    exported = tmp_path / info.value.suggested_filename
    info.value.save_as(exported)
    assert info.value.suggested_filename == f"{framework.code}-v1.json"
    edited = tmp_path / "im-framework-2027.json"
    edit_case_package(exported, edited)

    journey.click(page.locator("gcds-breadcrumbs-item").nth(1).locator("a"))
    journey.click(
        page.get_by_role("link", name=t(language, "Import a framework (CASE JSON or CSV)"))
    )
    import_as = page.get_by_label(t(language, "Import as"))
    options = import_as.locator("option").all_inner_texts()
    assert options[0] == t(language, "A new framework")
    assert len(options) == 2
    import_as.select_option(label=options[1])
    page.get_by_label(t(language, "1EdTech CASE 1.0 or 1.1 package (JSON)")).check()
    page.locator("input[type=file]").set_input_files(str(edited))
    journey.click(page.get_by_role("button", name=t(language, "Import"), exact=True))
    result = page.locator("#job-result a")
    result.wait_for(timeout=15_000)
    journey.check()
    journey.click(result)
    version_line = page.locator("main dl dd").nth(1).inner_text()
    assert version_line == f"2 (2027) — {t(language, 'draft, not published')}"
    assert page.get_by_text(RENAMED[language]).count() == 1
    v2 = FrameworkVersion.objects.get(framework=framework, number=2)
    assert not v2.is_published

    with translation.override(language):
        question = translation.gettext(
            "Publish this version? It can no longer change once published."
        )
    confirm = page.locator("details.guild-confirm")
    assert not page.get_by_text(question).is_visible()
    confirm.locator("summary").click()
    assert page.get_by_text(question).is_visible()
    journey.click(confirm.get_by_role("button", name=t(language, "Yes, publish")))
    assert (
        page.get_by_text(t(language, "The version was published; it can no longer change.")).count()
        == 1
    )
    v2.refresh_from_db()
    assert v2.is_published

    # The role profiles still use version 1 and offer the move.
    journey.click(page.locator("gcds-breadcrumbs-item").first.locator("a"))
    manage = page.locator("section[aria-labelledby=admin-heading]")
    journey.click(
        manage.get_by_role(
            "link", name=t(language, "Role profiles: targets and the members on them")
        )
    )
    with translation.override(language):
        move_label = translation.gettext("Move to version %(number)s") % {"number": 2}
    journey.click(page.locator("main table").get_by_role("link", name=move_label))
    rows = page.locator("main table tbody tr")
    assert rows.count() == v1.competencies.count()
    matched = {
        text.strip() for text in page.locator("main table tbody td:nth-child(3)").all_inner_texts()
    }
    assert matched == {t(language, "Unchanged")}
    with translation.override(language):
        carry = translation.ngettext(
            "The current levels of %(counter)s member carry over.",
            "The current levels of %(counter)s members carry over.",
            1,
        ) % {"counter": 1}
    assert carry in page.locator("main").inner_text()
    journey.click(page.locator("main form").get_by_role("button", name=move_label))
    with translation.override(language):
        moved = translation.gettext(
            "Moved to version %(number)s. Role profiles moved: %(profiles)d. Members "
            "whose levels carried over: %(members)d (levels: %(levels)d)."
        ) % {"number": 2, "profiles": 1, "members": 1, "levels": 1}
    assert page.get_by_text(moved).count() == 1, page.locator(".guild-messages").inner_text()
    assert set(RoleProfile.objects.values_list("version__number", flat=True)) == {2}
    assert set(
        Assessment.objects.filter(member=member, competency__version=v2).values_list(
            "competency__code", "kind", "level"
        )
    ) == {("RIL-01", AssessmentKind.SELF, 2), ("RIL-01", AssessmentKind.SUPERVISOR, 2)}

    # The member finds their validated level under the new version.
    with page.expect_navigation():
        page.get_by_role("button", name=t(language, "Sign out")).click()
    journey.start(live_server, member.user.email)
    journey.click(page.get_by_role("link", name=t(language, "My competencies")).last)
    assert page.locator("main p").first.inner_text().endswith("version 2).")
    ril01 = page.locator("main table tbody tr", has_text="RIL-01")
    assert RENAMED[language] in ril01.locator("th").inner_text()
    with translation.override(language):
        working = f"2 - {version_level_names(v2.pk)[2]}"
    # Target 3; self-assessed, supervisor's and validated levels 2 as on version 1; gap 1.
    cells = ril01.locator("td").all_inner_texts()
    assert [cell.strip() for cell in cells[1:5]] == [working, working, working, "1"], cells
    journey.finish()
