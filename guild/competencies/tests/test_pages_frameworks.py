"""The framework pages: list, one version's content, CASE and CSV downloads that read back
unchanged, and the import page that lists each problem with its path and saves nothing."""

import copy
import json
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from guild.competencies.case import framework_from_case, framework_to_case, framework_to_csv
from guild.competencies.framework import with_identifiers
from guild.competencies.im_framework import IM_FRAMEWORK
from guild.competencies.models import Competency, Framework, FrameworkVersion
from guild.competencies.tests.builders import UNKNOWN, package, small

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
    expected = with_identifiers(copy.deepcopy(IM_FRAMEWORK))
    assert json.loads(case.content) == framework_to_case(expected)
    assert framework_from_case(json.loads(case.content)) == expected
    assert csv["Content-Type"] == "text/csv; charset=utf-8"
    assert csv.content.decode() == framework_to_csv(expected)


def test_drafts_are_for_framework_managers(cast: dict[str, Any], im: Any, login: Any) -> None:
    admin = login(cast["admin"].user)
    response = admin.post(
        "/en/competencies/frameworks/import/",
        {
            "community": str(im.pk),
            "framework": "0",
            "file_format": "case",
            "file": _upload("f.json", json.dumps(package()).encode(), "application/json"),
        },
    )
    draft = FrameworkVersion.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/en/competencies/frameworks/{draft.framework_id}/?version=1"
    member = login(cast["member"].user)
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
    cast: dict[str, Any], im: Any, login: Any
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
    assert refused.context["form"].errors["title_en"] == [
        "A CSV import needs the framework's title."
    ]
    assert not Framework.objects.exists()

    data["file"] = _upload("f.csv", framework_to_csv(small()).encode(), "text/csv")
    data.update(title_en="Digital", title_fr="Numérique")
    response = client.post("/en/competencies/frameworks/import/", data)

    assert response.status_code == 302
    version = FrameworkVersion.objects.get()
    assert (version.title_en, version.status, version.competencies.count()) == (
        "Digital",
        "draft",
        3,
    )


def test_import_with_problems_lists_each_with_its_path_and_saves_nothing(
    cast: dict[str, Any], im: Any, login: Any
) -> None:
    case = package()
    case["CFAssociations"][1]["destinationNodeURI"]["identifier"] = UNKNOWN
    case["CFItems"][0]["identifier"] = case["CFItems"][1]["identifier"]

    response = login(cast["admin"].user).post(
        "/en/competencies/frameworks/import/",
        {
            "community": str(im.pk),
            "framework": "0",
            "file_format": "case",
            "file": _upload("bad.json", json.dumps(case).encode(), "application/json"),
        },
    )

    assert response.status_code == 400
    problems = response.context["problems"]
    paths = [path for path, _message in problems]
    assert "$.CFAssociations[1].destinationNodeURI.identifier" in paths
    assert any(path.startswith("$.CFItems[") for path in paths)
    html = response.content.decode()
    assert 'id="import-problems"' in html
    assert "<code>$.CFAssociations[1].destinationNodeURI.identifier</code>" in html
    assert "nothing was saved" in html
    assert not Framework.objects.exists() and not FrameworkVersion.objects.exists()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"{not json", "The file is not JSON (line 1, column 2)."),
        (b"\xff\xfe\x00", "The file is not UTF-8 text."),
    ],
)
def test_unreadable_files_are_refused(
    cast: dict[str, Any], im: Any, login: Any, content: bytes, message: str
) -> None:
    response = login(cast["admin"].user).post(
        "/en/competencies/frameworks/import/",
        {
            "community": str(im.pk),
            "framework": "0",
            "file_format": "case",
            "file": _upload("bad.json", content, "application/json"),
        },
    )
    assert response.status_code == 400
    assert response.context["form"].errors["file"] == [message]
    assert not Framework.objects.exists()
