"""Framework imports are read within bounds: deeply nested JSON, CSV files with too many
lines, and trailing blank lines, through the real import page (whose job reads the file once
the request has committed); nothing is saved when refused. Through the API the file is stored
on a job and read in the background: 202 at once, then the draft or the located problems when
polled."""

import json
import time
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import translation
from django.utils.translation import gettext

from guild.accounts.models import User
from guild.accounts.services import token_create
from guild.competencies.case import framework_to_csv
from guild.competencies.models import Framework, FrameworkVersion
from guild.competencies.tests.builders import column, csv_rows, package, small
from guild.core.models import Job
from guild.core.uploads import DEFAULT_LIMITS
from guild.organizations.models import Community

pytestmark = pytest.mark.django_db

URL = "/en/competencies/frameworks/import/"


def _post(
    client: Any, community: Community, content: bytes, file_format: str, on_commit: Any
) -> dict[str, Any]:
    """POST the import page and run its job, as the worker does once the request has
    committed; the outcome the job page then shows (a link or a refusal)."""
    with on_commit(execute=True):
        response = client.post(
            URL,
            {
                "community": str(community.pk),
                "framework": "0",
                "file_format": file_format,
                "title_en": "Digital",
                "title_fr": "Numérique",
                "file": SimpleUploadedFile("f.txt", content, content_type="text/plain"),
            },
        )
    job = Job.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/en/jobs/{job.pk}/"
    outcome: dict[str, Any] = client.get(response["Location"]).context["outcome"]
    return outcome


@pytest.mark.parametrize("opening", ["[", '{"a":'])
def test_200000_nested_brackets_are_refused_with_their_place(
    cast: dict[str, Any],
    im: Community,
    login: Any,
    django_capture_on_commit_callbacks: Any,
    opening: str,
) -> None:
    outcome = _post(
        login(cast["admin"].user),
        im,
        (opening * 200_000).encode(),
        "case",
        django_capture_on_commit_callbacks,
    )

    column = 64 * len(opening) + 1
    assert outcome["refusal"]["summary"] == (
        f"The file is nested more than 64 levels deep (line 1, column {column})."
    )
    assert outcome["refusal"]["problems"] == [] and "link" not in outcome
    assert not Framework.objects.exists()


def test_a_csv_over_the_line_limit_stops_there_and_saves_nothing(
    cast: dict[str, Any], im: Community, login: Any, django_capture_on_commit_callbacks: Any
) -> None:
    header = framework_to_csv(small()).split("\r\n")[0]
    lines = [header] + [
        f"F,Family,Famille,C-{n // 4},Name,Nom,,,{n % 4 + 1},Does,Fait,"
        for n in range(DEFAULT_LIMITS.max_rows + 40)
    ]

    started = time.monotonic()
    outcome = _post(
        login(cast["admin"].user),
        im,
        "\r\n".join(lines).encode(),
        "csv",
        django_capture_on_commit_callbacks,
    )

    assert time.monotonic() - started < 20
    limit = DEFAULT_LIMITS.max_rows
    assert [(p["location"], p["message"]) for p in outcome["refusal"]["problems"]] == [
        (f"row {limit + 1}", f"The file has more than {limit} lines.")
    ]
    assert not FrameworkVersion.objects.exists()


def test_trailing_blank_csv_lines_are_ignored(
    cast: dict[str, Any], im: Community, login: Any, django_capture_on_commit_callbacks: Any
) -> None:
    text = framework_to_csv(small()) + ",,,,,,,,,,,\r\n" * 100_000

    outcome = _post(
        login(cast["admin"].user), im, text.encode(), "csv", django_capture_on_commit_callbacks
    )

    version = FrameworkVersion.objects.get()
    assert version.competencies.count() == 3
    url = f"/en/competencies/frameworks/{version.framework_id}/?version=1"
    assert outcome["link"]["url"] == url


API = "/api/v1/competencies/frameworks/imports"


def _api(user: User, language: str = "en") -> Client:
    _token, raw = token_create(user=user, name="tests")
    return Client(HTTP_AUTHORIZATION=f"Bearer {raw}", HTTP_ACCEPT_LANGUAGE=language)


def _api_post(client: Client, community: Community, content: bytes, file_format: str) -> Any:
    return client.post(
        API,
        {
            "community_id": str(community.pk),
            "file_format": file_format,
            "title_en": "Digital",
            "title_fr": "Numérique",
            "file": SimpleUploadedFile("f.txt", content, content_type="text/plain"),
        },
    )


def test_the_api_answers_202_before_reading_the_file(
    cast: dict[str, Any], im: Community, django_capture_on_commit_callbacks: Any
) -> None:
    client = _api(cast["admin"].user)

    with django_capture_on_commit_callbacks() as queued:
        response = _api_post(client, im, json.dumps(package()).encode(), "case")

    assert response.status_code == 202
    body = response.json()
    job = Job.objects.get()
    assert body["id"] == str(job.pk)
    assert body["status_url"] == f"{API}/{job.pk}"
    assert (body["status"], body["version_id"], body["problems"]) == ("queued", None, [])
    assert not FrameworkVersion.objects.exists()  # not read yet

    queued[0]()

    polled = client.get(body["status_url"]).json()
    version = FrameworkVersion.objects.get()
    assert (polled["status"], polled["percent"]) == ("succeeded", 100)
    assert (polled["version_id"], polled["framework_id"]) == (version.pk, version.framework_id)
    assert version.status == "draft" and version.competencies.count() == 3
    stranger = _api(cast["member"].user).get(body["status_url"])
    assert stranger.status_code == 404


def test_api_problems_are_located_in_the_language_of_the_poll(
    cast: dict[str, Any], im: Community, django_capture_on_commit_callbacks: Any
) -> None:
    rows = csv_rows()
    rows[2][column("level")] = "9"
    text = "\r\n".join(",".join(f'"{cell}"' for cell in row) for row in rows) + "\r\n"
    user = cast["admin"].user

    with django_capture_on_commit_callbacks(execute=True):
        body = _api_post(_api(user), im, text.encode(), "csv").json()

    english = _api(user).get(body["status_url"]).json()
    french = _api(user, "fr").get(body["status_url"]).json()
    assert english["status"] == "failed"
    assert [(p["location"], p["message"]) for p in english["problems"]] == [
        ("row 3, column level", "level must be a whole number from 1 to 4, got '9'"),
        ("row 2, column level", "competency 'DATA-1' has no row for level 2"),
    ]
    with translation.override("fr"):
        assert [(p["location"], p["message"]) for p in french["problems"]] == [
            (
                gettext("row %(row)d, column %(column)s") % {"row": 3, "column": "level"},
                gettext("level must be a whole number from 1 to 4, got %(value)r") % {"value": "9"},
            ),
            (
                gettext("row %(row)d, column %(column)s") % {"row": 2, "column": "level"},
                gettext("competency %(code)r has no row for level %(levels)s")
                % {"code": "DATA-1", "levels": "2"},
            ),
        ]
    assert french["summary"] != english["summary"]
    assert not Framework.objects.exists()


def test_nested_brackets_through_the_api_are_refused_with_their_place(
    cast: dict[str, Any], im: Community, django_capture_on_commit_callbacks: Any
) -> None:
    client = _api(cast["admin"].user)

    with django_capture_on_commit_callbacks(execute=True):
        body = _api_post(client, im, b"[" * 200_000, "case").json()

    polled = client.get(body["status_url"]).json()
    assert (polled["status"], polled["problems"]) == ("failed", [])
    assert polled["summary"] == "The file is nested more than 64 levels deep (line 1, column 65)."
    assert not Framework.objects.exists()


def test_the_api_refuses_a_file_over_the_size_limit_before_storing_it(
    cast: dict[str, Any], im: Community
) -> None:
    response = _api_post(
        _api(cast["admin"].user), im, b" " * (DEFAULT_LIMITS.max_bytes + 1), "case"
    )

    assert response.status_code == 400
    assert response.json()["message"] == "The file is larger than 5 MB."
    assert not Job.objects.exists()


def test_the_api_needs_a_framework_manager(cast: dict[str, Any], im: Community) -> None:
    response = _api_post(_api(cast["member"].user), im, json.dumps(package()).encode(), "case")

    assert response.status_code == 404
    assert not Job.objects.exists()
