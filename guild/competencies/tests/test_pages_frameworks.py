"""The framework pages: list, one version's content, CASE and CSV downloads that read back
unchanged, and the import page, which stores the file on a background job: the job's page
ends with a link to the draft, or lists each problem with its path and saves nothing."""

import json
from datetime import UTC
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import translation
from django.utils.html import escape

from guild.competencies.case import framework_from_case, framework_to_case, framework_to_csv
from guild.competencies.framework import with_identifiers
from guild.competencies.models import Competency, Framework, FrameworkVersion
from guild.competencies.tests.builders import UNKNOWN, package, small
from guild.core.models import Job
from guild.demo.content import im_framework

pytestmark = pytest.mark.django_db


def _get(client: Client, path: str) -> Any:
    return client.get(f"/en{path}")


def _upload(name: str, content: bytes, content_type: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type=content_type)


def test_framework_pages_per_role(
    cast: dict[str, Any], version: FrameworkVersion, login: Any
) -> None:
    framework = version.framework
    pages = (
        "/competencies/frameworks/",
        f"/competencies/frameworks/{framework.pk}/",
        f"/competencies/frameworks/versions/{version.pk}/case.json",
        f"/competencies/frameworks/versions/{version.pk}/framework.csv",
        "/competencies/frameworks/import/",
    )
    expected = {
        "member": (200, 200, 200, 200, 404),
        "coordinator": (200, 200, 200, 200, 404),
        "admin": (200, 200, 200, 200, 200),
    }
    for key, statuses in expected.items():
        client = login(cast[key].user)
        assert tuple(_get(client, path).status_code for path in pages) == statuses, key
    assert _get(login(cast["platform"]), "/competencies/frameworks/import/").status_code == 200
    for path in pages:
        response = Client().get(f"/en{path}")
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_framework_detail_shows_families_competencies_and_levels_in_the_language(
    cast: dict[str, Any], version: FrameworkVersion, login: Any
) -> None:
    client = login(cast["member"].user)
    path = f"/competencies/frameworks/{version.framework.pk}/"
    ril01 = Competency.objects.get(version=version, code="RIL-01")
    level2 = ril01.indicators.get(level=2)

    english = client.get(f"/en{path}").content.decode()
    french = client.get(f"/fr{path}").content.decode()

    assert "RIL-01 Classification and file plans" in english
    assert "2 - Working" in english
    assert level2.indicators_en.replace("'", "&#x27;") in english
    assert "RIL-01 Classification et plans de classification" in french
    assert "2 - Pratique" in french
    assert level2.indicators_fr.replace("'", "&#x27;") in french
    assert english.count('<h3 id="competency-') == 25


def test_case_and_csv_downloads_read_back_unchanged(
    cast: dict[str, Any], version: FrameworkVersion, login: Any
) -> None:
    client = login(cast["member"].user)
    case = _get(client, f"/competencies/frameworks/versions/{version.pk}/case.json")
    csv = _get(client, f"/competencies/frameworks/versions/{version.pk}/framework.csv")

    assert case["Content-Type"] == "application/json"
    assert 'filename="im-competencies-v1.json"' in case["Content-Disposition"]
    expected = with_identifiers(im_framework())
    assert json.loads(case.content) == framework_to_case(expected, changed_at=version.published_at)
    assert version.published_at is not None
    assert json.loads(case.content)["CFDocument"]["lastChangeDateTime"] == (
        version.published_at.astimezone(UTC).isoformat()
    )
    assert framework_from_case(json.loads(case.content)) == expected
    assert csv["Content-Type"] == "text/csv; charset=utf-8"
    assert csv.content.decode() == framework_to_csv(expected)


def _import_post(client: Client, data: dict[str, Any], on_commit: Any) -> Any:
    """POST the import form and run the queued job, as the worker would once the request
    has committed."""
    with on_commit(execute=True):
        return client.post("/en/competencies/frameworks/import/", data)


def _job_page(client: Client, response: Any, language: str = "en") -> Any:
    """The page of the job the import redirected to, with the job itself."""
    job = Job.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/en/jobs/{job.pk}/"
    page = client.get(f"/{language}/jobs/{job.pk}/")
    assert page.status_code == 200
    job.refresh_from_db()
    return page, job


def test_the_import_request_returns_before_the_file_is_read(
    cast: dict[str, Any], im: Any, login: Any, django_capture_on_commit_callbacks: Any
) -> None:
    client = login(cast["admin"].user)
    content = json.dumps(package()).encode()

    with django_capture_on_commit_callbacks() as queued:
        response = client.post(
            "/en/competencies/frameworks/import/",
            {
                "community": str(im.pk),
                "framework": "0",
                "file_format": "case",
                "file": _upload("f.json", content, "application/json"),
            },
        )

    job = Job.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/en/jobs/{job.pk}/"
    assert (job.kind, job.status, job.percent) == (
        "competencies.framework_import",
        Job.Status.QUEUED,
        0,
    )
    assert job.input_file.read() == content
    assert not Framework.objects.exists() and not FrameworkVersion.objects.exists()
    waiting = client.get(f"/en/jobs/{job.pk}/").content.decode()
    assert 'id="job-result"' not in waiting and "hx-trigger" in waiting
    assert len(queued) == 1

    queued[0]()

    job.refresh_from_db()
    version = FrameworkVersion.objects.get()
    assert (job.status, job.percent, version.number, version.status) == (
        Job.Status.SUCCEEDED,
        100,
        1,
        "draft",
    )
    assert not job.input_file  # the upload is not kept once read


def test_drafts_are_for_framework_managers(
    cast: dict[str, Any], im: Any, login: Any, django_capture_on_commit_callbacks: Any
) -> None:
    admin = login(cast["admin"].user)
    response = _import_post(
        admin,
        {
            "community": str(im.pk),
            "framework": "0",
            "file_format": "case",
            "file": _upload("f.json", json.dumps(package()).encode(), "application/json"),
        },
        django_capture_on_commit_callbacks,
    )
    page, job = _job_page(admin, response)
    draft = FrameworkVersion.objects.get()
    assert job.status == Job.Status.SUCCEEDED
    url = f"/en/competencies/frameworks/{draft.framework_id}/?version=1"
    assert (
        f'<a href="{escape(url)}">Version 1 was imported as a draft; check it, then publish it.</a>'
        in page.content.decode()
    )
    french = admin.get(f"/fr/jobs/{job.pk}/").content.decode()
    with translation.override("fr"):
        label = translation.gettext(
            "Version %(number)d was imported as a draft; check it, then publish it."
        ) % {"number": 1}
    french_url = url.replace("/en/", "/fr/", 1)
    assert f'<a href="{escape(french_url)}">{escape(label)}</a>' in french
    member = login(cast["member"].user)
    assert member.get(f"/en/jobs/{job.pk}/").status_code == 404
    assert _get(member, "/competencies/frameworks/").context["rows"] == []
    assert _get(member, f"/competencies/frameworks/{draft.framework_id}/").status_code == 404
    assert (
        _get(member, f"/competencies/frameworks/versions/{draft.pk}/case.json").status_code == 404
    )
    page = _get(admin, f"/competencies/frameworks/{draft.framework_id}/?version=1")
    assert page.status_code == 200 and "Publish this version" in page.content.decode()

    assert (
        member.post(f"/en/competencies/frameworks/versions/{draft.pk}/publish/").status_code == 404
    )
    published = admin.post(f"/en/competencies/frameworks/versions/{draft.pk}/publish/")

    assert published.status_code == 302
    draft.refresh_from_db()
    assert draft.is_published
    assert _get(member, f"/competencies/frameworks/{draft.framework_id}/").status_code == 200


def test_csv_import_needs_titles_and_creates_a_draft(
    cast: dict[str, Any], im: Any, login: Any, django_capture_on_commit_callbacks: Any
) -> None:
    client = login(cast["admin"].user)
    data = {
        "community": str(im.pk),
        "framework": "0",
        "file_format": "csv",
        "file": _upload("f.csv", framework_to_csv(small()).encode(), "text/csv"),
    }
    refused = client.post("/en/competencies/frameworks/import/", data)
    assert refused.status_code == 400
    assert refused.context["form"].errors == {
        "title_en": ["A CSV import needs the framework's title."],
        "title_fr": ["A CSV import needs the framework's title."],
    }
    assert not Framework.objects.exists() and not Job.objects.exists()

    data["file"] = _upload("f.csv", framework_to_csv(small()).encode(), "text/csv")
    data.update(title_en="Digital", title_fr="Numérique")
    response = _import_post(client, data, django_capture_on_commit_callbacks)

    page, job = _job_page(client, response)
    version = FrameworkVersion.objects.get()
    assert job.status == Job.Status.SUCCEEDED and not job.input_file
    assert (version.title_en, version.status, version.competencies.count()) == (
        "Digital",
        "draft",
        3,
    )
    assert page.context["outcome"]["link"]["url"] == (
        f"/en/competencies/frameworks/{version.framework_id}/?version=1"
    )


def test_every_form_error_shows_at_once_and_no_job_starts(
    cast: dict[str, Any], im: Any, it_community: Any, login: Any
) -> None:
    other = Framework.objects.create(
        community=it_community, code="other", name_en="Other", name_fr="Autre"
    )
    response = login(cast["platform"]).post(
        "/en/competencies/frameworks/import/",
        {
            "community": str(im.pk),
            "framework": str(other.pk),
            "file_format": "csv",
            "title_fr": "Numérique",
            "file": _upload("f.csv", b"x" * (5 * 1024 * 1024 + 1), "text/csv"),
        },
    )

    assert response.status_code == 400
    assert response.context["form"].errors == {
        "file": ["The file is larger than 5 MB."],
        "title_en": ["A CSV import needs the framework's title."],
        "framework": ["Choose a framework of this community."],
    }
    assert not Job.objects.exists()


def test_import_with_problems_lists_each_with_its_path_and_saves_nothing(
    cast: dict[str, Any], im: Any, login: Any, django_capture_on_commit_callbacks: Any
) -> None:
    case = package()
    case["CFAssociations"][1]["destinationNodeURI"]["identifier"] = UNKNOWN
    case["CFItems"][0]["identifier"] = case["CFItems"][1]["identifier"]
    client = login(cast["admin"].user)

    response = _import_post(
        client,
        {
            "community": str(im.pk),
            "framework": "0",
            "file_format": "case",
            "file": _upload("bad.json", json.dumps(case).encode(), "application/json"),
        },
        django_capture_on_commit_callbacks,
    )

    page, job = _job_page(client, response)
    assert job.status == Job.Status.FAILED and not job.input_file
    refusal = page.context["outcome"]["refusal"]
    paths = [problem["location"] for problem in refusal["problems"]]
    assert "$.CFAssociations[1].destinationNodeURI.identifier" in paths
    assert any(path.startswith("$.CFItems[") for path in paths)
    count = len(refusal["problems"])
    assert refusal["summary"] == (
        f"The framework has {count} problem{'s' if count > 1 else ''}; nothing was saved."
    )
    html = page.content.decode()
    assert 'id="import-problems"' in html
    assert "<code>$.CFAssociations[1].destinationNodeURI.identifier</code>" in html
    assert "nothing was saved" in html
    assert 'id="job-result"' not in html
    french = client.get(f"/fr/jobs/{job.pk}/")
    with translation.override("fr"):
        unknown = translation.gettext("refers to unknown item %(identifier)s") % {
            "identifier": UNKNOWN
        }
    assert (
        "$.CFAssociations[1].destinationNodeURI.identifier",
        unknown,
    ) in [(p["location"], p["message"]) for p in french.context["outcome"]["refusal"]["problems"]]
    assert escape(unknown) in french.content.decode()
    assert not Framework.objects.exists() and not FrameworkVersion.objects.exists()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"{not json", "The file is not JSON (line 1, column 2)."),
        (b"\xff\xfe\x00", "The file is not UTF-8 text."),
    ],
)
def test_unreadable_files_are_refused(
    cast: dict[str, Any],
    im: Any,
    login: Any,
    django_capture_on_commit_callbacks: Any,
    content: bytes,
    message: str,
) -> None:
    client = login(cast["admin"].user)
    response = _import_post(
        client,
        {
            "community": str(im.pk),
            "framework": "0",
            "file_format": "case",
            "file": _upload("bad.json", content, "application/json"),
        },
        django_capture_on_commit_callbacks,
    )
    page, job = _job_page(client, response)
    assert job.status == Job.Status.FAILED
    assert page.context["outcome"]["refusal"] == {
        "summary": message,
        "problems": [],
        "in_sheets": False,
    }
    assert f'<p id="job-refusal">{escape(message)}</p>' in page.content.decode()
    assert not Framework.objects.exists()
