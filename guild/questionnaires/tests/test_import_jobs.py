"""Definition uploads are parsed in a background job: the web request stores the file,
queues the job and redirects to its page; the draft, or every located problem in the
reader's language, appears there once the task has run."""

import json
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape

from guild.core.models import Job
from guild.organizations.models import Community
from guild.questionnaires.definition.json_codec import definition_from_json, definition_to_json
from guild.questionnaires.definition.services import questionnaire_create, version_publish
from guild.questionnaires.definition.xlsform import definition_to_xlsform
from guild.questionnaires.models import Questionnaire, QuestionnaireVersion
from guild.questionnaires.tests.test_definitions import small

pytestmark = pytest.mark.django_db


def test_the_request_returns_before_the_file_is_read(
    cast: dict[str, Any], im: Community, login: Any, django_capture_on_commit_callbacks: Any
) -> None:
    client = login(cast["admin"].user)

    # The workbook records when it was written: the same bytes are compared, not a new copy.
    workbook = definition_to_xlsform(small())
    with django_capture_on_commit_callbacks() as queued:
        response = client.post(
            reverse("questionnaires:manage_create"),
            {
                "community": im.pk,
                "slug": "pulse",
                "start": "upload",
                "file": SimpleUploadedFile("form.xlsx", workbook),
            },
        )

    job = Job.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("core:job_detail", args=[job.pk])
    assert (job.kind, job.status, job.percent) == (
        "questionnaires.definition_import",
        Job.Status.QUEUED,
        0,
    )
    assert job.input_file.read() == workbook  # stored as uploaded
    assert not Questionnaire.objects.exists()  # not read yet
    assert len(queued) == 1

    queued[0]()

    job.refresh_from_db()
    version = QuestionnaireVersion.objects.get()
    assert (job.status, job.percent, version.number) == (Job.Status.SUCCEEDED, 100, 1)
    assert definition_from_json(version.definition) == small()
    assert version.questionnaire.slug == "pulse" and version.questionnaire.anonymous is False
    assert not job.input_file  # the upload is not kept once read
    queued[0]()  # running it again changes nothing
    assert QuestionnaireVersion.objects.count() == 1


def test_the_job_page_shows_the_problems_in_the_readers_language(
    cast: dict[str, Any], im: Community, login: Any, django_capture_on_commit_callbacks: Any
) -> None:
    questionnaire = questionnaire_create(
        actor=cast["admin"].user, community=im, slug="pulse", definition=small()
    )
    version_publish(actor=cast["admin"].user, questionnaire=questionnaire)
    bad = definition_to_json(small())
    bad["sections"][0]["questions"][1]["maximum"] = "-1"
    client = login(cast["admin"].user)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("questionnaires:manage_upload", args=[questionnaire.pk]),
            {"file": SimpleUploadedFile("def.json", json.dumps(bad).encode())},
        )

    job = Job.objects.get()
    english = job.outcome["refusal"]["en"]
    french = job.outcome["refusal"]["fr"]
    assert [p["location"] for p in english["problems"]] == [
        p["location"] for p in french["problems"]
    ]
    assert "sections[0].questions[1].minimum" in [p["location"] for p in english["problems"]]
    with translation.override("fr"):
        expected = translation.gettext(
            "The questionnaire definition has %(count)d problem; nothing was saved."
        ) % {"count": 1}
    assert french["summary"] == expected != english["summary"]
    assert [p["message"] for p in french["problems"]] != [p["message"] for p in english["problems"]]
    page = client.get(f"/fr/jobs/{job.pk}/").content.decode()
    assert escape(french["problems"][0]["message"]) in page and escape(expected) in page
    assert escape(english["problems"][0]["message"]) not in page
    assert QuestionnaireVersion.objects.count() == 1
    assert response.status_code == 302


def test_another_users_job_page_is_not_found(
    cast: dict[str, Any], im: Community, login: Any, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        login(cast["admin"].user).post(
            reverse("questionnaires:manage_create"),
            {
                "community": im.pk,
                "slug": "pulse",
                "start": "upload",
                "file": SimpleUploadedFile("form.xlsx", definition_to_xlsform(small())),
            },
        )
    job = Job.objects.get()
    response = login(cast["member"].user).get(reverse("core:job_detail", args=[job.pk]))
    assert response.status_code == 404
