"""An import whose file Guild reads with changes, or with parts it cannot keep, waits for
the person who started it: the job keeps the candidate definition and the located notes in
both languages, nothing is saved, and only that person (still a manager) accepts or
cancels, once."""

import uuid
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from guild.accounts.models import RoleAssignment
from guild.core.errors import NotFound
from guild.core.models import AuditEvent, Job
from guild.organizations.models import Community
from guild.questionnaires.definition.json_codec import definition_from_json, definition_to_json
from guild.questionnaires.definition.problems import Problem
from guild.questionnaires.definition.review import Reading
from guild.questionnaires.definition.services import (
    importing,
    questionnaire_create,
    questionnaire_import_accept,
    questionnaire_import_cancel,
)
from guild.questionnaires.definition.types import Text
from guild.questionnaires.definition.xlsform import reading_from_xlsform
from guild.questionnaires.models import Questionnaire, QuestionnaireVersion
from guild.questionnaires.tests.test_definitions import small

pytestmark = pytest.mark.django_db
OUTSIDE = Path(__file__).resolve().parents[3] / "tests" / "fixtures" / "outside" / "pyxform"


def _reading(content: bytes, format: str, *, file_name: str = "") -> Reading:
    # Notes are translated when the file is read, so they follow the active language;
    # existing messages stand in for the reader's own.
    return Reading(
        small(),
        changed=(
            Problem("or_other_expanded", _("Choose a community.")).at(
                sheet="survey", row=5, column="type", column_letter="A"
            ),
        ),
        dropped=(
            Problem("repeat_dropped", _("Choose at least one member.")).at(
                sheet="survey", row=9, column="type", column_letter="A"
            ),
            Problem("media_dropped", _("Choose at least one department.")).at(
                sheet="survey", row=12, column="media::image", column_letter="H"
            ),
        ),
        untranslated=0,
        languages=("Español (es)",),
    )


@pytest.fixture
def needs_review(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setattr(importing, "definition_read", _reading)
    yield


def _start_new(client: Any, im: Community, capture: Any) -> Job:
    with capture(execute=True):
        response = client.post(
            reverse("questionnaires:manage_create"),
            {
                "community": im.pk,
                "slug": "pulse",
                "start": "upload",
                "file": SimpleUploadedFile("form.xlsx", b"read by the stand-in reader"),
            },
        )
    job = Job.objects.get()
    assert response["Location"] == reverse("core:job_detail", args=[job.pk])
    return job


def test_a_reading_with_notes_waits_with_the_review_in_both_languages(
    cast: dict[str, Any],
    im: Community,
    login: Any,
    needs_review: None,
    django_capture_on_commit_callbacks: Any,
) -> None:
    client = login(cast["admin"].user)

    job = _start_new(client, im, django_capture_on_commit_callbacks)

    job.refresh_from_db()
    assert (job.status, job.percent, job.is_done) == (Job.Status.REVIEW, 100, True)
    assert not Questionnaire.objects.exists()
    assert not job.input_file
    review = job.outcome["review"]
    assert review["candidate"] == definition_to_json(small())
    assert review["summary"] == {
        "sections": 1,
        "questions": 2,
        "languages": ["Español (es)"],
        "untranslated": 0,
        "changed": 1,
        "dropped": 2,
    }
    url = reverse("questionnaires:manage_import_review", args=[job.pk])
    assert review["link"] == {
        "en": {"url": url, "label": "Review what the file brings in, and decide"},
        "fr": {
            "url": url.replace("/en/", "/fr/", 1),
            "label": "Examiner ce que le fichier apporte, et décider",
        },
    }
    assert review["notes"]["en"]["changed"] == [
        {
            "location": "survey!A5",
            "sheet": "survey",
            "row": 5,
            "column": "type (A)",
            "message": "Choose a community.",
        }
    ]
    assert [n["message"] for n in review["notes"]["fr"]["dropped"]] == [
        "Choisissez au moins un membre.",
        "Choisissez au moins un ministère.",
    ]
    assert review["notes"]["fr"]["dropped"][1]["column"] == "media::image (H)"

    page = client.get(reverse("core:job_detail", args=[job.pk]))
    assert page.status_code == 200
    assert "Waiting for your decision" in page.content.decode()
    assert f'href="{url}"' in page.content.decode()

    review_page = client.get(url)
    html = review_page.content.decode()
    assert review_page.status_code == 200
    assert "media::image (H)" in html and "Choose at least one department." in html
    assert "Español (es)" in html
    assert 'id="review-changed"' in html and 'id="review-dropped"' in html

    with translation.override("fr"):
        french = client.get(reverse("questionnaires:manage_import_review", args=[job.pk]))
    assert french.status_code == 200
    assert "Choisissez au moins un ministère." in french.content.decode()
    assert "Importer tel qu\u2019examiné" in french.content.decode()


def test_accepting_imports_as_a_clean_file_would_and_only_once(
    cast: dict[str, Any],
    im: Community,
    login: Any,
    needs_review: None,
    django_capture_on_commit_callbacks: Any,
) -> None:
    client = login(cast["admin"].user)
    job = _start_new(client, im, django_capture_on_commit_callbacks)
    accept = reverse("questionnaires:manage_import_accept", args=[job.pk])

    response = client.post(accept)

    version = QuestionnaireVersion.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse(
        "questionnaires:manage_detail", args=[version.questionnaire_id]
    )
    assert definition_from_json(version.definition) == small()
    assert (version.number, version.questionnaire.slug) == (1, "pulse")
    job.refresh_from_db()
    assert job.status == Job.Status.SUCCEEDED
    assert job.outcome["id"] == version.pk and job.outcome["reviewed"] is True
    assert job.outcome["link"]["en"]["label"] == "Open the draft of version 1"
    assert list(
        AuditEvent.objects.filter(actor=cast["admin"].user)
        .order_by("id")
        .values_list("action", flat=True)
    ) == ["questionnaire.create", "questionnaire_version.create"]

    again = client.post(accept)
    cancel = client.post(reverse("questionnaires:manage_import_cancel", args=[job.pk]))

    assert again["Location"] == reverse("core:job_detail", args=[job.pk])
    assert cancel["Location"] == reverse("core:job_detail", args=[job.pk])
    assert QuestionnaireVersion.objects.count() == 1
    job.refresh_from_db()
    assert job.status == Job.Status.SUCCEEDED
    assert client.get(reverse("questionnaires:manage_import_review", args=[job.pk]))[
        "Location"
    ] == reverse("core:job_detail", args=[job.pk])


def test_accepting_into_an_existing_questionnaire_replaces_its_draft(
    cast: dict[str, Any],
    im: Community,
    login: Any,
    needs_review: None,
    django_capture_on_commit_callbacks: Any,
) -> None:
    admin = cast["admin"].user
    questionnaire = questionnaire_create(
        actor=admin,
        community=im,
        slug="pulse",
        definition=replace(small(), title=Text("Old", "Ancien")),
    )
    client = login(admin)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("questionnaires:manage_upload", args=[questionnaire.pk]),
            {"file": SimpleUploadedFile("form.xlsx", b"read by the stand-in reader")},
        )
    job = Job.objects.get()
    assert job.status == Job.Status.REVIEW

    questionnaire_import_accept(actor=admin, job_id=job.pk)

    assert QuestionnaireVersion.objects.filter(questionnaire=questionnaire).count() == 1
    draft = QuestionnaireVersion.objects.get(questionnaire=questionnaire)
    assert definition_from_json(draft.definition) == small()
    assert AuditEvent.objects.filter(action="questionnaire_version.update_draft").count() == 1


def test_cancelling_saves_nothing_and_only_once(
    cast: dict[str, Any],
    im: Community,
    login: Any,
    needs_review: None,
    django_capture_on_commit_callbacks: Any,
) -> None:
    client = login(cast["admin"].user)
    job = _start_new(client, im, django_capture_on_commit_callbacks)

    response = client.post(reverse("questionnaires:manage_import_cancel", args=[job.pk]))

    assert response["Location"] == reverse("core:job_detail", args=[job.pk])
    job.refresh_from_db()
    assert (job.status, job.outcome) == (Job.Status.CANCELLED, {"cancelled": True})
    assert not Questionnaire.objects.exists()
    page = client.get(reverse("core:job_detail", args=[job.pk])).content.decode()
    assert "The import was cancelled; nothing was saved." in page

    client.post(reverse("questionnaires:manage_import_accept", args=[job.pk]))

    job.refresh_from_db()
    assert job.status == Job.Status.CANCELLED
    assert not Questionnaire.objects.exists()


def test_only_the_owner_who_still_manages_decides(
    cast: dict[str, Any],
    im: Community,
    login: Any,
    needs_review: None,
    django_capture_on_commit_callbacks: Any,
) -> None:
    job = _start_new(login(cast["admin"].user), im, django_capture_on_commit_callbacks)
    names = ("manage_import_review", "manage_import_accept", "manage_import_cancel")

    platform = login(cast["platform"])  # manages every community, but did not start it
    member = login(cast["member"].user)
    for client in (platform, member):
        assert client.get(reverse(f"questionnaires:{names[0]}", args=[job.pk])).status_code == 404
        for name in names[1:]:
            assert client.post(reverse(f"questionnaires:{name}", args=[job.pk])).status_code == 404
    owner = login(cast["admin"].user)
    tampered = uuid.uuid4()
    for name in names[1:]:
        assert owner.post(reverse(f"questionnaires:{name}", args=[tampered])).status_code == 404

    RoleAssignment.objects.filter(user=cast["admin"].user).delete()
    for name in names[1:]:
        assert owner.post(reverse(f"questionnaires:{name}", args=[job.pk])).status_code == 404

    job.refresh_from_db()
    assert job.status == Job.Status.REVIEW
    assert not Questionnaire.objects.exists()
    with pytest.raises(NotFound):
        questionnaire_import_cancel(actor=cast["admin"].user, job_id=job.pk)


def test_a_candidate_that_cannot_be_saved_is_refused_not_reviewed(
    cast: dict[str, Any],
    im: Community,
    login: Any,
    monkeypatch: pytest.MonkeyPatch,
    django_capture_on_commit_callbacks: Any,
) -> None:
    def broken(content: bytes, format: str, *, file_name: str = "") -> Reading:
        reading = _reading(content, format)
        section = small().sections[0]
        twice = replace(section, questions=section.questions * 2)
        return Reading(replace(small(), sections=(twice,)), changed=reading.changed)

    monkeypatch.setattr(importing, "definition_read", broken)

    job = _start_new(login(cast["admin"].user), im, django_capture_on_commit_callbacks)

    job.refresh_from_db()
    assert job.status == Job.Status.FAILED
    assert [p["message"] for p in job.outcome["refusal"]["en"]["problems"]][:1] == [
        "The code “dept” is used twice in this questionnaire."
    ]


def test_a_real_form_with_a_repeat_waits_then_comes_in_as_a_draft_to_translate(
    cast: dict[str, Any], im: Community, login: Any, django_capture_on_commit_callbacks: Any
) -> None:
    content = (OUTSIDE / "loop.xlsx").read_bytes()
    client = login(cast["admin"].user)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("questionnaires:manage_create"),
            {
                "community": im.pk,
                "slug": "toilets",
                "start": "upload",
                "file": SimpleUploadedFile("loop.xlsx", content),
            },
        )

    job = Job.objects.get()
    assert job.status == Job.Status.REVIEW
    assert job.outcome["review"]["summary"] == {
        "sections": 1,
        "questions": 2,
        "languages": [],
        "untranslated": 6,
        "changed": 2,
        "dropped": 1,
    }
    assert job.outcome["review"]["notes"]["en"]["dropped"] == [
        {
            "location": "survey!A3",
            "sheet": "survey",
            "row": 3,
            "column": "type (A)",
            "message": "Guild cannot repeat questions: this repeat and the 1 question it holds "
            "cannot come in.",
        }
    ]
    assert [n["location"] for n in job.outcome["review"]["notes"]["fr"]["changed"]] == [
        "settings",
        "survey!A2",
    ]
    assert not Questionnaire.objects.exists()

    client.post(reverse("questionnaires:manage_import_accept", args=[job.pk]))

    questionnaire = Questionnaire.objects.get()
    draft = questionnaire.versions.get()
    assert (
        definition_from_json(draft.definition)
        == reading_from_xlsform(content, file_name="loop.xlsx").definition
    )
    assert (questionnaire.slug, questionnaire.title_en, questionnaire.title_fr) == (
        "toilets",
        "loop",
        "loop",
    )
    response = client.post(reverse("questionnaires:manage_publish", args=[questionnaire.pk]))
    assert response.status_code == 302
    assert draft.__class__.objects.get(pk=draft.pk).status == "draft"
