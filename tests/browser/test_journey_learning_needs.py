"""Journey: the programme administrator opens the community's learning needs from their home
page, raises one competency's priority (a weight out of range is refused with its message,
nothing saved), sees the ranking follow, and downloads the workbook, which opens with the
same ranking. Only what the pages show is clicked (tests/browser/test_role_journeys.py);
English and French."""

import io
from pathlib import Path
from typing import Any

import pytest
from django.utils import translation
from openpyxl import load_workbook

from guild.competencies.models import Competency, CompetencySettings, LearningPriority
from guild.competencies.services import assessment_self, member_role_profile_set
from guild.members.models import Member
from guild.organizations.models import Community, Department
from tests.browser.test_role_journeys import LANGUAGES, Journey, french, t

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]


@pytest.fixture
def assessed(cast: dict[str, Any], make_member: Any) -> None:
    """Twelve more ESDC members on the cast's role profile (RIL-01 target 3): six at level 1
    (gap 2), six at level 3; with the cast's member (level 2), 13 assessed, 7 below, total
    gap 13. Threshold 5."""
    im = Community.objects.get(code="im")
    CompetencySettings.objects.update_or_create(community=im, defaults={"disclosure_threshold": 5})
    profile = cast["member"].role_profile.profile
    ril01 = Competency.objects.get(code="RIL-01", version=profile.version)
    esdc = Department.objects.get(code="esdc")
    for level in [1] * 6 + [3] * 6:
        member: Member = make_member(department=esdc)
        member_role_profile_set(actor=cast["admin"].user, member=member, profile=profile)
        assessment_self(actor=member.user, member=member, competency=ril01, level=level)


def _first_row(page: Any) -> list[str]:
    return [
        cell.strip()
        for cell in page.locator("#learning-needs tbody tr")
        .first.locator("td, th")
        .all_inner_texts()
    ]


@pytest.mark.parametrize("language", LANGUAGES)
def test_administrator_sets_priorities_and_downloads_the_learning_needs(
    language: str,
    page: Any,
    live_server: Any,
    cast: Any,
    assessed: None,
    axe_source: str,
    tmp_path: Path,
) -> None:
    im = Community.objects.get(code="im")
    with translation.override(language):
        name = im.name_fr if language == "fr" else im.name_en
        link = translation.gettext("Learning needs of the %(community)s") % {"community": name}
    journey = Journey(page, axe_source, language, "learning-needs")
    journey.start(live_server, cast["admin"].user.email)
    journey.click(page.get_by_role("link", name=link).first)
    french(page, language, t("fr", "Learning needs"))
    row = _first_row(page)
    assert row[:4] == ["1", row[1], "7", "13"] and row[1].startswith("RIL-01")
    assert row[5:] == ["13", "1", "13"]

    weight = page.locator("#id_weight-RIL-01")
    weight.fill("250")
    with page.expect_navigation() as refused:
        page.get_by_role("button", name=t(language, "Save the priorities")).click()
    assert refused.value is not None and refused.value.status == 400
    assert page.get_by_text(t(language, "Give a weight from 0 to 100.")).first.is_visible() or (
        page.locator(".gcds-error-message, gcds-error-summary").count() > 0
    )
    assert not LearningPriority.objects.exists()

    page.locator("#id_weight-RIL-01").fill("2.5")
    journey.click(page.get_by_role("button", name=t(language, "Save the priorities")))
    assert list(LearningPriority.objects.values_list("competency_code", "weight")) == [
        ("RIL-01", 2.5)
    ]
    row = _first_row(page)
    assert row[0] == "1" and row[1].startswith("RIL-01")
    assert row[6:] == (["2,50", "32,50"] if language == "fr" else ["2.50", "32.50"])

    download = page.get_by_role(
        "link", name=t(language, "Download XLSX (community and every department)")
    )
    with page.expect_download() as info:
        download.click()
    target = tmp_path / "needs.xlsx"
    info.value.save_as(target)
    workbook = load_workbook(io.BytesIO(target.read_bytes()), read_only=True)
    first_sheet = workbook[workbook.sheetnames[0]]
    values = [list(r) for r in first_sheet.iter_rows(values_only=True)]
    ranked = next(r for r in values if r and r[1] == "RIL-01")
    assert ranked[0] == 1 and 32.5 in ranked
    journey.finish()
