"""The catalogue pages through the real HTTP stack: filters, forms with every error at
once, the import through its background job, downloads and the coverage report's door."""

import csv
import io
import re
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils.html import escape
from openpyxl import load_workbook

from guild.core.models import AuditEvent, Job
from guild.demo.learning import catalogue_file
from guild.learning.course_file import COLUMNS
from guild.learning.models import Course, Provider
from guild.learning.services import course_import
from guild.learning.tests.conftest import course_row, xlsx_file

pytestmark = pytest.mark.django_db


@pytest.fixture
def catalogue(cast: dict[str, Any], im: Any, version: Any) -> None:
    course_import(
        actor=cast["admin"].user, community=im, content=catalogue_file(), file_format="csv"
    )


def _titles(response: Any) -> list[str]:
    return [course.title_en for course in response.context["page"].items]


def test_the_catalogue_filters_by_competency_format_language_and_words(
    cast: dict[str, Any], im: Any, login: Any, catalogue: None
) -> None:
    client = login(cast["member"].user)
    everything = client.get("/en/learning/courses/")
    assert everything.status_code == 200
    assert everything.context["page"].count == 20  # the retired course is not listed
    assert _titles(client.get("/en/learning/courses/?competency=ACP-01")) == [
        "Access to information and privacy fundamentals",
        "Processing access to information requests",
    ]
    french_only = client.get("/en/learning/courses/?languages=fr")
    assert "Information sources and services" in _titles(french_only)
    assert "Organization of information" not in _titles(french_only)
    assert _titles(client.get("/en/learning/courses/?format=product&text=guide")) == [
        "Guide to disposition authorities",
        "Open government guidebook",
    ]
    # A member may not ask for the courses no longer offered.
    assert client.get("/en/learning/courses/?include_inactive=on").context["page"].count == 20
    admin = login(cast["admin"].user)
    assert admin.get("/en/learning/courses/?include_inactive=on").context["page"].count == 21


def test_the_community_select_shows_the_community_the_page_lists(
    cast: dict[str, Any], im: Any, login: Any, catalogue: None
) -> None:
    client = login(cast["member"].user)
    for address in ("/en/learning/courses/", "/en/learning/courses/?text=guide"):
        html = client.get(address).content.decode()
        selected = re.findall(r'<option value="(\d+)" selected>', html)
        assert selected == [str(im.pk)], address


def test_a_course_page_shows_its_competencies_in_french(
    cast: dict[str, Any], login: Any, catalogue: None
) -> None:
    course = Course.objects.get(code="i400")
    page = login(cast["member"].user).get(f"/fr/learning/courses/{course.pk}/")
    html = page.content.decode()
    assert "<h1>Diriger la gestion de l&#x27;information dans votre organisation</h1>" in html
    assert "LDS-01" in html and "LDS-02" in html
    retired = Course.objects.get(code="i099")
    assert login(cast["member"].user).get(f"/fr/learning/courses/{retired.pk}/").status_code == 404
    assert login(cast["admin"].user).get(f"/fr/learning/courses/{retired.pk}/").status_code == 200


def test_the_course_form_shows_every_error_at_once_and_saves(
    cast: dict[str, Any], im: Any, login: Any, catalogue: None
) -> None:
    client = login(cast["admin"].user)
    provider = Provider.objects.get(code="lac")
    bad = client.post(
        f"/en/learning/courses/new/?community={im.pk}",
        {
            "provider": "",
            "code": "no spaces",
            "title_en": "",
            "title_fr": "",
            "languages": "en",
            "format": "online",
            "cost": "-1",
            "level_RIL-01": "9",
        },
    )
    assert bad.status_code == 400
    assert set(bad.context["form"].errors) == {
        "provider",
        "code",
        "title_en",
        "title_fr",
        "cost",
        "level_RIL-01",
    }
    assert Course.objects.count() == 21
    good = client.post(
        f"/en/learning/courses/new/?community={im.pk}",
        {
            "provider": str(provider.pk),
            "code": "lkh-2",
            "title_en": "Collections in practice",
            "title_fr": "Les collections en pratique",
            "languages": "en-fr",
            "format": "blended",
            "duration_hours": "12",
            "cost": "0",
            "active": "on",
            "level_LKS-02": "2",
        },
    )
    course = Course.objects.get(code="lkh-2")
    assert good.status_code == 302 and good["Location"] == f"/en/learning/courses/{course.pk}/"
    assert list(course.mappings.values_list("competency__code", "level")) == [("LKS-02", 2)]
    edit = client.get(f"/en/learning/courses/{course.pk}/edit/")
    assert edit.context["form"]["level_LKS-02"].value() == "2"
    assert (
        login(cast["member"].user).get(f"/en/learning/courses/{course.pk}/edit/").status_code == 404
    )
    assert login(cast["committee"].user).get("/en/learning/courses/new/").status_code == 404


def test_a_provider_is_added_and_a_duplicate_code_refused(
    cast: dict[str, Any], im: Any, login: Any, catalogue: None
) -> None:
    client = login(cast["admin"].user)
    data = {"code": "csps", "name_en": "School", "name_fr": "École", "kind": "school", "url": ""}
    refused = client.post(f"/en/learning/providers/new/?community={im.pk}", data)
    assert refused.status_code == 400
    assert refused.context["form"].errors == {
        "__all__": ["Learning provider with this Community and Code already exists."]
    }
    added = client.post(f"/en/learning/providers/new/?community={im.pk}", {**data, "code": "arma"})
    assert added.status_code == 302
    assert Provider.objects.get(code="arma").name_fr == "École"


def _import(client: Any, name: str, content: bytes, capture: Any, community: Any) -> Job:
    with capture(execute=True):
        response = client.post(
            "/en/learning/courses/import/",
            {"community": str(community.pk), "file": SimpleUploadedFile(name, content)},
        )
    assert response.status_code == 302, response.content
    return Job.objects.get()


def test_an_import_runs_as_a_job_and_links_to_the_catalogue(
    cast: dict[str, Any], im: Any, version: Any, login: Any, django_capture_on_commit_callbacks: Any
) -> None:
    client = login(cast["admin"].user)
    job = _import(
        client, "courses.xlsx", xlsx_file([course_row()]), django_capture_on_commit_callbacks, im
    )
    assert job.status == Job.Status.SUCCEEDED
    page = client.get(f"/en/jobs/{job.pk}/")
    assert page.context["outcome"]["link"] == {
        "url": f"/en/learning/courses/?community={im.pk}",
        "label": "Imported. New courses: 1; updated: 0; new providers: 1. Open the catalogue.",
    }
    assert Course.objects.get().title_en == "Records management fundamentals"


def test_a_refused_import_lists_sheet_row_and_column_and_saves_nothing(
    cast: dict[str, Any], im: Any, version: Any, login: Any, django_capture_on_commit_callbacks: Any
) -> None:
    client = login(cast["admin"].user)
    content = xlsx_file([course_row(), course_row(competencies="NOPE-1:2", title_en="=1+1")])
    job = _import(client, "courses.xlsx", content, django_capture_on_commit_callbacks, im)
    assert job.status == Job.Status.FAILED
    page = client.get(f"/en/jobs/{job.pk}/")
    refusal = page.context["outcome"]["refusal"]
    assert refusal["in_sheets"] is True
    assert [(p["sheet"], p["row"], p["column"]) for p in refusal["problems"]] == [
        ("Courses", 3, "title_en"),
        ("Courses", 3, "competencies"),
        ("Courses", 3, "course"),
    ]
    html = page.content.decode()
    assert escape("“NOPE-1” is not a competency of the community's published framework.") in html
    assert not Course.objects.exists() and not Provider.objects.exists()


def test_a_file_of_another_kind_or_too_large_is_refused_on_the_form(
    cast: dict[str, Any], im: Any, version: Any, login: Any
) -> None:
    client = login(cast["admin"].user)
    wrong = client.post(
        "/en/learning/courses/import/",
        {"community": str(im.pk), "file": SimpleUploadedFile("courses.pdf", b"%PDF")},
    )
    assert wrong.status_code == 400
    assert wrong.context["form"].errors == {"file": ["Upload a .csv or .xlsx file."]}
    large = client.post(
        "/en/learning/courses/import/",
        {
            "community": str(im.pk),
            "file": SimpleUploadedFile("big.csv", b"a" * (5 * 1024 * 1024 + 1)),
        },
    )
    assert large.status_code == 400
    assert large.context["form"].errors == {"file": ["The file is larger than 5 MB."]}
    assert not Job.objects.exists()


def test_templates_and_exports_import_back_and_never_run_formulas(
    cast: dict[str, Any], im: Any, version: Any, login: Any
) -> None:
    admin = cast["admin"].user
    course_import(
        actor=admin,
        community=im,
        content=xlsx_file([course_row(title_en="'=cmd|' /C calc'!A0")]),
        file_format="xlsx",
    )
    client = login(admin)
    exported = client.get(f"/en/learning/courses/export.csv?community={im.pk}")
    rows = list(csv.reader(io.StringIO(exported.content.decode("utf-8-sig"))))
    assert rows[0] == list(COLUMNS)
    assert rows[1][COLUMNS.index("title_en")] == "''=cmd|' /C calc'!A0"
    workbook = load_workbook(
        io.BytesIO(client.get(f"/en/learning/courses/export.xlsx?community={im.pk}").content)
    )
    cell = workbook["Courses"]["G2"]
    assert (cell.value, cell.data_type, cell.quotePrefix) == ("'=cmd|' /C calc'!A0", "s", False)
    before = Course.objects.get()
    again = course_import(actor=admin, community=im, content=exported.content, file_format="csv")
    assert (again.courses_created, again.courses_updated) == (0, 1)
    assert Course.objects.get().title_en == before.title_en
    for name in ("template.csv", "template.xlsx"):
        response = client.get(f"/en/learning/courses/{name}")
        assert response.status_code == 200
    template = client.get("/en/learning/courses/template.csv").content
    result = course_import(actor=admin, community=im, content=template, file_format="csv")
    assert (result.courses_created, result.courses_updated, result.providers_created) == (0, 1, 0)


def test_the_coverage_report_is_for_those_who_read_community_needs(
    cast: dict[str, Any], im: Any, login: Any, catalogue: None
) -> None:
    for key, status in (("member", 404), ("coordinator", 404), ("committee", 200), ("admin", 200)):
        assert login(cast[key].user).get("/en/learning/coverage/").status_code == status, key
    page = login(cast["admin"].user).get("/fr/learning/coverage/")
    html = page.content.decode()
    assert 'id="coverage"' in html
    assert [r.competency.code for r in page.context["coverage"].uncovered] == [
        "LKS-02",
        "DWC-03",
        "LDS-04",
    ]


def test_the_administrators_home_and_menu_link_the_catalogue(
    cast: dict[str, Any], login: Any, catalogue: None
) -> None:
    html = login(cast["admin"].user).get("/en/").content.decode()
    assert (
        '<a href="/en/learning/courses/">Course catalogue: courses, providers and imports</a>'
        in html
    )
    assert '<a href="/en/learning/coverage/">Course coverage report</a>' in html
    member = login(cast["member"].user).get("/en/").content.decode()
    assert 'href="/en/learning/courses/">Course catalogue</gcds-nav-link>' in member
    assert "/en/learning/coverage/" not in member


def test_a_provider_and_a_course_are_edited_and_audited(
    cast: dict[str, Any], im: Any, login: Any, catalogue: None
) -> None:
    client = login(cast["admin"].user)
    provider = Provider.objects.get(code="dal")
    page = client.get(f"/en/learning/providers/{provider.pk}/edit/")
    assert page.context["form"]["name_en"].value() == provider.name_en
    saved = client.post(
        f"/en/learning/providers/{provider.pk}/edit/",
        {
            "code": "dal",
            "name_en": "Dalhousie University",
            "name_fr": "Université Dalhousie",
            "kind": "university",
            "url": "https://www.dal.ca/",
        },
    )
    assert saved.status_code == 302
    provider.refresh_from_db()
    assert (provider.name_en, provider.url) == ("Dalhousie University", "https://www.dal.ca/")
    assert AuditEvent.objects.get(action="learning.provider_update").changes == {
        "name_en": [
            "Dalhousie University, School of Information Management",
            "Dalhousie University",
        ],
        "name_fr": [
            "Université Dalhousie, École de gestion de l'information",
            "Université Dalhousie",
        ],
        "url": ["https://www.dal.ca/faculty/management/sim.html", "https://www.dal.ca/"],
    }
    assert (
        login(cast["member"].user).get(f"/en/learning/providers/{provider.pk}/edit/").status_code
        == 404
    )
    course = Course.objects.get(code="info-6600")
    form = client.get(f"/en/learning/courses/{course.pk}/edit/").context["form"]
    data = {name: "" if value is None else value for name, value in form.initial.items()}
    data.update({"active": "", "level_LKS-04": "2", "level_LKS-02": "1"})
    assert client.post(f"/en/learning/courses/{course.pk}/edit/", data).status_code == 302
    course.refresh_from_db()
    assert course.active is False
    assert sorted(course.mappings.values_list("competency__code", "level")) == [
        ("LKS-02", 1),
        ("LKS-04", 2),
    ]
