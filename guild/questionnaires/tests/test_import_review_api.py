"""The import review through the API: the person who started an import reads what it
brings in, what reading changed and what cannot come in (at sheet, row and column), and
decides once; anyone else, and any id that names nothing, gets a 404; a decision the
job's state no longer allows gets a 409; nothing is saved before the decision."""

from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import translation

from guild.accounts.models import User
from guild.accounts.services import token_create
from guild.core.models import Job
from guild.organizations.models import Community
from guild.questionnaires.definition.imports import questionnaire_import_start
from guild.questionnaires.definition.json_codec import definition_from_json
from guild.questionnaires.models import Questionnaire, QuestionnaireVersion

pytestmark = pytest.mark.django_db
CASCADE = (
    Path(__file__).resolve().parents[3]
    / "tests"
    / "fixtures"
    / "outside"
    / "kobocat"
    / "new_cascading_select.xls"
)
FOLLOWED = (
    "“king” here is the option of “county” that became “king_2”, the one whose columns "
    "agree with this row: the filter follows it."
)


def _api(user: User) -> Client:
    _token, raw = token_create(user=user, name="tests")
    return Client(HTTP_AUTHORIZATION=f"Bearer {raw}")


def _start(user: User, im: Community, capture: Any) -> Job:
    upload = SimpleUploadedFile("new_cascading_select.xls", CASCADE.read_bytes())
    with translation.override("en"), capture(execute=True):
        job = questionnaire_import_start(
            actor=user, upload=upload, format="xlsform", community=im, slug="cascade"
        )
    job.refresh_from_db()
    assert job.status == Job.Status.REVIEW
    return job


def test_the_owner_reads_the_review_at_its_cells(
    cast: dict[str, Any], im: Community, django_capture_on_commit_callbacks: Any
) -> None:
    admin = cast["admin"].user
    job = _start(admin, im, django_capture_on_commit_callbacks)
    api = _api(admin)

    body = api.get(f"/api/v1/questionnaires/imports/{job.pk}").json()

    assert {key: body[key] for key in ("id", "status", "file_name", "slug", "version_id")} == {
        "id": str(job.pk),
        "status": "review",
        "file_name": "new_cascading_select.xls",
        "slug": "cascade",
        "version_id": None,
    }
    assert body["summary"] == {
        "sections": 1,
        "questions": 3,
        "languages": [],
        "untranslated": 19,
        "changed": 3,
        "dropped": 0,
    }
    assert definition_from_json(body["definition"]).question("city").options[0].properties == (
        ("state", "texas"),
        ("county", "king_2"),
    )
    assert body["changed"][1:] == [
        {
            "location": f"choices!E{row}",
            "sheet": "choices",
            "row": row,
            "column": "county (E)",
            "message": FOLLOWED,
        }
        for row in (8, 9)
    ]
    assert body["dropped"] == []
    french = api.get(f"/api/v1/questionnaires/imports/{job.pk}", HTTP_ACCEPT_LANGUAGE="fr")
    assert french.json()["changed"][0]["message"].startswith(
        "Le choix « king » reçoit le code « king_2 »"
    )
    assert not Questionnaire.objects.exists()


def test_accepting_imports_what_was_reviewed_once(
    cast: dict[str, Any], im: Community, django_capture_on_commit_callbacks: Any
) -> None:
    admin = cast["admin"].user
    job = _start(admin, im, django_capture_on_commit_callbacks)
    api = _api(admin)
    candidate = job.outcome["review"]["candidate"]

    first = api.post(f"/api/v1/questionnaires/imports/{job.pk}/accept")
    again = api.post(f"/api/v1/questionnaires/imports/{job.pk}/accept")

    version = QuestionnaireVersion.objects.get()
    assert version.definition == candidate
    assert (first.status_code, again.status_code) == (200, 200)
    assert first.json() == again.json()
    assert {key: first.json()[key] for key in ("status", "version_id", "changed")} == {
        "status": "succeeded",
        "version_id": version.pk,
        "changed": [],
    }
    cancel = api.post(f"/api/v1/questionnaires/imports/{job.pk}/cancel")
    assert cancel.status_code == 409
    assert cancel.json() == {
        "code": "import_not_waiting",
        "message": "This import is not waiting for a decision: its status is “Finished”.",
        "fields": {},
    }
    assert QuestionnaireVersion.objects.count() == 1


def test_cancelling_saves_nothing_and_answers_the_same_twice(
    cast: dict[str, Any], im: Community, django_capture_on_commit_callbacks: Any
) -> None:
    admin = cast["admin"].user
    job = _start(admin, im, django_capture_on_commit_callbacks)
    api = _api(admin)

    first = api.post(f"/api/v1/questionnaires/imports/{job.pk}/cancel")
    again = api.post(f"/api/v1/questionnaires/imports/{job.pk}/cancel")
    accept = api.post(f"/api/v1/questionnaires/imports/{job.pk}/accept")

    assert (first.status_code, again.status_code, accept.status_code) == (200, 200, 409)
    assert first.json()["status"] == again.json()["status"] == "cancelled"
    assert accept.json()["message"] == (
        "This import is not waiting for a decision: its status is “Cancelled”."
    )
    assert not Questionnaire.objects.exists()


@pytest.mark.parametrize("action", ["", "/accept", "/cancel"])
def test_someone_else_or_a_tampered_id_gets_a_404_and_nothing_changes(
    cast: dict[str, Any], im: Community, django_capture_on_commit_callbacks: Any, action: str
) -> None:
    admin = cast["admin"].user
    job = _start(admin, im, django_capture_on_commit_callbacks)
    send = Client.get if not action else Client.post
    for user, job_id in (
        (cast["coordinator"].user, str(job.pk)),
        (cast["platform"], str(job.pk)),
        (admin, "not-a-job"),
        (admin, "00000000-0000-0000-0000-000000000000"),
    ):
        response = send(_api(user), f"/api/v1/questionnaires/imports/{job_id}{action}")
        assert response.status_code == 404
        assert response.json()["code"] == "not_found"
    job.refresh_from_db()
    assert job.status == Job.Status.REVIEW
    assert not Questionnaire.objects.exists()
