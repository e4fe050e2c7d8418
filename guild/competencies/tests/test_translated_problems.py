"""Import problems and API errors in the reader's language: every message (and the words of a
CSV location) goes through gettext when the problem is found, while JSON paths stay as they
are. A pseudo-translation shows the marking without depending on the French catalogue; the
pages under /fr/ show whatever the catalogue says."""

import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import translation
from django.utils.translation import trans_real

from guild.accounts.services import token_create
from guild.competencies.case import framework_from_case
from guild.competencies.case.problems import CaseImportError
from guild.competencies.framework import validate_framework
from guild.competencies.models import Framework
from guild.competencies.tests.builders import (
    UNKNOWN,
    column,
    csv_problems,
    csv_rows,
    package,
    small,
)


class _Pseudo:
    """A translation that wraps every message in « »: a message built without gettext shows
    up bare."""

    def gettext(self, message: str) -> str:
        return f"«{message}»"


# The thread-local that `translation.activate` sets; not in the type stubs.
_ACTIVE: Any = vars(trans_real)["_active"]


@contextmanager
def pseudo_translation() -> Iterator[None]:
    previous = getattr(_ACTIVE, "value", None)
    _ACTIVE.value = _Pseudo()
    try:
        yield
    finally:
        if previous is None:
            del _ACTIVE.value
        else:
            _ACTIVE.value = previous


def test_csv_problems_and_their_locations_are_marked_for_translation() -> None:
    rows = csv_rows()
    rows[2][column("level")] = "9"
    rows[3][column("family_name_en")] = ""
    with pseudo_translation():
        problems = csv_problems(rows)
    assert problems == [
        ("«row 3, column level»", "«level must be a whole number from 1 to 4, got '9'»"),
        ("«row 4, column family_name_en»", "«must not be blank»"),
        (
            "«row 4, column family_name_en»",
            "«differs from row 2 for family 'DATA': 'Data'»",
        ),
        ("«row 2, column level»", "«competency 'DATA-1' has no row for level 2»"),
    ]


def test_case_problems_keep_their_json_paths_and_mark_their_messages() -> None:
    case = package()
    case["CFAssociations"][1]["destinationNodeURI"]["identifier"] = UNKNOWN
    case["CFItems"][0]["CFItemType"] = 7
    with pseudo_translation(), pytest.raises(CaseImportError) as raised:
        framework_from_case(case)
    problems = [(p.path, p.message) for p in raised.value.problems]
    assert ("$.CFItems[0].CFItemType", "«expected a string, got «a number»»") in problems
    assert (
        "$.CFAssociations[1].destinationNodeURI.identifier",
        f"«refers to unknown item {UNKNOWN}»",
    ) in problems
    assert all(message.startswith("«") for _path, message in problems)


def test_model_rule_problems_are_marked() -> None:
    framework = small()
    framework.title_fr = " "
    framework.families[0].competencies[0].replaces = ["nope"]
    with pseudo_translation():
        problems = [(p.path, p.message) for p in validate_framework(framework)]
    assert problems == [
        ("title_fr", "«must not be blank»"),
        ("families[0].competencies[0].replaces[0]", "«malformed UUID 'nope'»"),
    ]


def _french(msgid: str, **values: Any) -> str:
    with translation.override("fr"):
        return translation.gettext(msgid) % values


def _job_problems(client: Client, response: Any) -> list[tuple[str, str]]:
    """The problems the page of the import's job lists, with their places."""
    assert response.status_code == 302 and "/jobs/" in response["Location"]
    page = client.get(response["Location"])
    return [(p["location"], p["message"]) for p in page.context["outcome"]["refusal"]["problems"]]


@pytest.mark.django_db
def test_the_import_page_in_french_shows_the_problems_in_french(
    cast: dict[str, Any], im: Any, login: Any, django_capture_on_commit_callbacks: Any
) -> None:
    rows = csv_rows()
    rows[2][column("level")] = "9"
    text = "\r\n".join(",".join(f'"{cell}"' for cell in row) for row in rows) + "\r\n"
    client = login(cast["admin"].user)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/fr/competencies/frameworks/import/",
            {
                "community": str(im.pk),
                "framework": "0",
                "file_format": "csv",
                "title_en": "Digital",
                "title_fr": "Numérique",
                "file": SimpleUploadedFile("bad.csv", text.encode(), content_type="text/csv"),
            },
        )
    assert _job_problems(client, response) == [
        (
            _french("row %(row)d, column %(column)s", row=3, column="level"),
            _french("level must be a whole number from 1 to 4, got %(value)r", value="9"),
        ),
        (
            _french("row %(row)d, column %(column)s", row=2, column="level"),
            _french(
                "competency %(code)r has no row for level %(levels)s", code="DATA-1", levels="2"
            ),
        ),
    ]
    assert not Framework.objects.exists()


@pytest.mark.django_db
def test_the_case_import_page_in_french_keeps_json_paths(
    cast: dict[str, Any], im: Any, login: Any, django_capture_on_commit_callbacks: Any
) -> None:
    case = package()
    case["CFAssociations"][1]["destinationNodeURI"]["identifier"] = UNKNOWN
    client = login(cast["admin"].user)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/fr/competencies/frameworks/import/",
            {
                "community": str(im.pk),
                "framework": "0",
                "file_format": "case",
                "file": SimpleUploadedFile(
                    "bad.json", json.dumps(case).encode(), content_type="application/json"
                ),
            },
        )
    assert (
        "$.CFAssociations[1].destinationNodeURI.identifier",
        _french("refers to unknown item %(identifier)s", identifier=UNKNOWN),
    ) in _job_problems(client, response)
    assert not Framework.objects.exists()


@pytest.mark.django_db
def test_api_errors_follow_the_requested_language(
    cast: dict[str, Any], on_profile: Callable[..., Any], competency: Callable[[str], Any]
) -> None:
    mia = on_profile(cast["member"])
    _token, raw = token_create(user=mia.user, name="tests")
    client = Client(HTTP_AUTHORIZATION=f"Bearer {raw}", HTTP_ACCEPT_LANGUAGE="fr")
    response = client.post(
        "/api/v1/competencies/me/assessments",
        {"competency_id": competency("RIL-01").pk, "level": 5},
        content_type="application/json",
    )
    assert response.status_code == 400
    body = response.json()
    with translation.override("en"):
        english = client.post(
            "/api/v1/competencies/me/assessments",
            {"competency_id": competency("RIL-01").pk, "level": 5},
            content_type="application/json",
            HTTP_ACCEPT_LANGUAGE="en",
        ).json()
    assert body["code"] == english["code"] == "invalid"
    assert set(body["fields"]) == {"level"}
    assert english["fields"]["level"] == ["Choose a level from 1 to 4."]
    with translation.override("fr"):
        french_message = translation.gettext(english["message"])
        french_level = translation.gettext("Choose a level from %(low)d to %(high)d.") % {
            "low": 1,
            "high": 4,
        }
    assert body["message"] == french_message
    assert body["fields"]["level"] == [french_level]
    assert french_level == "Choisissez un niveau de 1 à 4."
