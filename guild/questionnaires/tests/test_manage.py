"""Definition services, management access and pages."""

import json
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from guild.accounts.models import User
from guild.core.errors import ApplicationError, NotFound
from guild.core.models import AuditEvent, Job
from guild.organizations.models import Community
from guild.questionnaires.access import (
    access_questionnaire_for_manage,
    can_manage_community,
    managed_questionnaires,
)
from guild.questionnaires.definition.json_codec import definition_from_json, definition_to_json
from guild.questionnaires.definition.problems import DefinitionError
from guild.questionnaires.definition.services import (
    questionnaire_create,
    questionnaire_import,
    questionnaire_update_settings,
    results_publish,
    results_unpublish,
    version_new_draft,
    version_publish,
    version_update_draft,
)
from guild.questionnaires.definition.types import Text
from guild.questionnaires.definition.xlsform import definition_to_xlsform
from guild.questionnaires.models import (
    Questionnaire,
    QuestionnaireVersion,
    Response,
    VersionStatus,
)
from guild.questionnaires.tests.test_definitions import small

pytestmark = pytest.mark.django_db


def _create(actor: User, community: Community, slug: str = "pulse") -> Questionnaire:
    return questionnaire_create(actor=actor, community=community, slug=slug, definition=small())


def _renamed(title: str) -> Any:
    definition = small()
    return type(definition)(Text(title, f"{title} (fr)"), None, definition.sections)


def test_create_makes_draft_version_one_and_audits(cast: dict[str, Any], im: Community) -> None:
    admin = cast["admin"].user
    questionnaire = _create(admin, im)
    assert questionnaire.title_en == "Survey"
    assert list(questionnaire.versions.values_list("number", "status")) == [(1, "draft")]
    assert definition_from_json(questionnaire.versions.get().definition) == small()
    assert AuditEvent.objects.filter(
        action="questionnaire.create", object_id=str(questionnaire.pk), actor=admin
    ).exists()


def test_only_programme_and_platform_admins_manage(cast: dict[str, Any], im: Community) -> None:
    for name in ("member", "coordinator", "committee"):
        with pytest.raises(NotFound):
            _create(cast[name].user, im, slug=name)
    assert not Questionnaire.objects.exists()
    questionnaire = _create(cast["platform"], im)
    assert can_manage_community(cast["admin"].user, im.pk)
    assert access_questionnaire_for_manage(cast["admin"].user, questionnaire.pk) == questionnaire
    with pytest.raises(NotFound):
        access_questionnaire_for_manage(cast["coordinator"].user, questionnaire.pk)
    with pytest.raises(NotFound):
        access_questionnaire_for_manage(cast["admin"].user, "nope")
    assert list(managed_questionnaires(cast["member"].user)) == []


def test_settings_are_validated(cast: dict[str, Any], im: Community) -> None:
    admin = cast["admin"].user
    _create(admin, im)
    with pytest.raises(ValidationError) as caught:
        questionnaire_create(
            actor=admin, community=im, slug="pulse", definition=small(), threshold=4
        )
    assert set(caught.value.message_dict) == {"slug", "threshold"}
    assert Questionnaire.objects.count() == 1


def test_published_versions_never_change(cast: dict[str, Any], im: Community) -> None:
    admin = cast["admin"].user
    questionnaire = _create(admin, im)
    first = version_publish(actor=admin, questionnaire=questionnaire)
    frozen = dict(first.definition)
    assert first.status == VersionStatus.PUBLISHED and first.published_at is not None
    with pytest.raises(ApplicationError):
        version_publish(actor=admin, questionnaire=questionnaire, version=first)
    # Editing a published questionnaire makes version 2; version 1 stays as it was.
    second = version_update_draft(
        actor=admin, questionnaire=questionnaire, definition=_renamed("New")
    )
    assert (second.number, second.status) == (2, VersionStatus.DRAFT)
    first.refresh_from_db()
    assert first.definition == frozen and first.status == VersionStatus.PUBLISHED
    questionnaire.refresh_from_db()
    assert questionnaire.title_en == "Survey"
    version_publish(actor=admin, questionnaire=questionnaire)
    questionnaire.refresh_from_db()
    assert questionnaire.title_en == "New"
    third = version_new_draft(actor=admin, questionnaire=questionnaire)
    assert third.number == 3 and third.definition == second.definition
    assert version_new_draft(actor=admin, questionnaire=questionnaire) == third


def test_import_with_problems_saves_nothing(cast: dict[str, Any], im: Community) -> None:
    admin = cast["admin"].user
    questionnaire = _create(admin, im)
    before = list(QuestionnaireVersion.objects.values_list("pk", "definition"))
    events = AuditEvent.objects.count()
    bad = definition_to_json(small())
    bad["sections"][0]["questions"][0]["label"]["fr"] = "x" * 2001
    with pytest.raises(DefinitionError) as caught:
        questionnaire_import(
            actor=admin,
            questionnaire=questionnaire,
            content=json.dumps(bad).encode(),
            format="json",
        )
    assert [p.location for p in caught.value.problems] == ["sections[0].questions[0].label.fr"]
    with pytest.raises(DefinitionError):
        questionnaire_import(
            actor=admin, community=im, slug="other", content=b"garbage", format="xlsform"
        )
    assert list(QuestionnaireVersion.objects.values_list("pk", "definition")) == before
    assert Questionnaire.objects.count() == 1
    assert AuditEvent.objects.count() == events


def test_import_xlsform_replaces_the_draft(cast: dict[str, Any], im: Community) -> None:
    admin = cast["admin"].user
    version = questionnaire_import(
        actor=admin,
        community=im,
        slug="from-file",
        content=definition_to_xlsform(small()),
        format="xlsform",
    )
    assert version.number == 1
    again = questionnaire_import(
        actor=admin,
        questionnaire=version.questionnaire,
        content=definition_to_xlsform(_renamed("Renamed")),
        format="xlsform",
    )
    assert again.pk == version.pk
    assert again.definition["title"]["en"] == "Renamed"


def test_anonymity_locked_once_published_with_responses(
    cast: dict[str, Any], im: Community
) -> None:
    admin = cast["admin"].user
    questionnaire = _create(admin, im)
    questionnaire_update_settings(actor=admin, questionnaire=questionnaire, anonymous=False)
    version = version_publish(actor=admin, questionnaire=questionnaire)
    Response.objects.create(questionnaire=questionnaire, version=version, answers={})
    with pytest.raises(ValidationError) as caught:
        questionnaire_update_settings(actor=admin, questionnaire=questionnaire, anonymous=True)
    assert "anonymous" in caught.value.message_dict
    questionnaire.refresh_from_db()
    assert questionnaire.anonymous is False
    questionnaire_update_settings(actor=admin, questionnaire=questionnaire, threshold=12)
    assert Questionnaire.objects.get().threshold == 12


def test_results_publishing(cast: dict[str, Any], im: Community) -> None:
    admin = cast["admin"].user
    questionnaire = _create(admin, im)
    with pytest.raises(ApplicationError):
        results_publish(actor=admin, questionnaire=questionnaire)
    version_publish(actor=admin, questionnaire=questionnaire)
    assert results_publish(actor=admin, questionnaire=questionnaire).results_published
    assert not results_unpublish(actor=admin, questionnaire=questionnaire).results_published
    assert AuditEvent.objects.filter(action="questionnaire.results_publish").count() == 1


# -- pages ------------------------------------------------------------------------------


def test_pages_are_for_managers_only(cast: dict[str, Any], im: Community, login: Any) -> None:
    questionnaire = _create(cast["admin"].user, im)
    for name in ("member", "coordinator"):
        client = login(cast[name].user)
        assert client.get(reverse("questionnaires:manage_list")).status_code == 404
        url = reverse("questionnaires:manage_detail", args=[questionnaire.pk])
        assert client.get(url).status_code == 404
        publish = reverse("questionnaires:manage_publish", args=[questionnaire.pk])
        assert client.post(publish).status_code == 404
    assert QuestionnaireVersion.objects.get().status == VersionStatus.DRAFT


def test_create_upload_publish_and_download(
    cast: dict[str, Any], im: Community, login: Any, django_capture_on_commit_callbacks: Any
) -> None:
    client = login(cast["admin"].user)
    page = client.get(reverse("questionnaires:manage_create"))
    assert page.status_code == 200
    upload = SimpleUploadedFile("form.xlsx", definition_to_xlsform(small()))
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("questionnaires:manage_create"),
            {
                "community": im.pk,
                "slug": "pulse",
                "start": "upload",
                "file": upload,
                "anonymous": "on",
            },
        )
    questionnaire = Questionnaire.objects.get()
    job = Job.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("core:job_detail", args=[job.pk])
    job_page = client.get(response["Location"]).content.decode()
    detail_url = reverse("questionnaires:manage_detail", args=[questionnaire.pk])
    assert f'<a href="{detail_url}">Open the draft of version 1</a>' in job_page
    detail = client.get(detail_url)
    assert detail.status_code == 200
    assert "Department" in detail.content.decode()
    client.post(reverse("questionnaires:manage_publish", args=[questionnaire.pk]))
    assert QuestionnaireVersion.objects.get().status == VersionStatus.PUBLISHED
    download = client.get(
        reverse("questionnaires:manage_download", args=[questionnaire.pk, 1, "json"])
    )
    assert download.status_code == 200
    assert definition_from_json(json.loads(download.content)) == small()
    xlsx = client.get(
        reverse("questionnaires:manage_download", args=[questionnaire.pk, 1, "xlsform"])
    )
    assert xlsx["Content-Disposition"] == 'attachment; filename="pulse-v1.xlsx"'
    listing = client.get(reverse("questionnaires:manage_list"))
    assert "Survey" in listing.content.decode()


def test_upload_problems_are_listed_and_nothing_saved(
    cast: dict[str, Any], im: Community, login: Any, django_capture_on_commit_callbacks: Any
) -> None:
    questionnaire = _create(cast["admin"].user, im)
    version_publish(actor=cast["admin"].user, questionnaire=questionnaire)
    client = login(cast["admin"].user)
    bad = definition_to_json(small())
    bad["sections"][0]["questions"][1]["maximum"] = "-1"
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("questionnaires:manage_upload", args=[questionnaire.pk]),
            {"file": SimpleUploadedFile("def.json", json.dumps(bad).encode())},
        )
    assert response.status_code == 302
    job = Job.objects.get()
    assert job.status == Job.Status.FAILED and not job.input_file
    body = client.get(response["Location"]).content.decode()
    assert "import-problems" in body and "job-refusal" in body
    assert "sections[0].questions[1].minimum" in body
    assert QuestionnaireVersion.objects.count() == 1


def test_a_create_upload_with_a_short_name_in_use_is_refused_before_any_job(
    cast: dict[str, Any], im: Community, login: Any
) -> None:
    _create(cast["admin"].user, im)
    response = login(cast["admin"].user).post(
        reverse("questionnaires:manage_create"),
        {
            "community": im.pk,
            "slug": "pulse",
            "start": "upload",
            "file": SimpleUploadedFile("form.xlsx", definition_to_xlsform(small())),
        },
    )
    assert response.status_code == 400
    assert response.context["form"].errors["slug"] == [
        "Another questionnaire of this community uses this short name."
    ]
    assert not Job.objects.exists()


def test_blank_start_and_settings_page(
    cast: dict[str, Any], im: Community, login: Any, esdc: Any
) -> None:
    client = login(cast["admin"].user)
    response = client.post(
        reverse("questionnaires:manage_create"),
        {
            "community": im.pk,
            "slug": "blank",
            "start": "blank",
            "title_en": "Pulse",
            "title_fr": "Pouls",
        },
    )
    assert response.status_code == 302
    questionnaire = Questionnaire.objects.get()
    assert questionnaire.title_fr == "Pouls" and questionnaire.anonymous is False
    url = reverse("questionnaires:manage_detail", args=[questionnaire.pk])
    response = client.post(
        url,
        {
            "slug": "blank",
            "audience": "departments",
            "audience_departments": [esdc.pk],
            "threshold": "3",
        },
    )
    assert response.status_code == 400
    assert Questionnaire.objects.get().threshold == 10
    response = client.post(
        url,
        {
            "slug": "blank",
            "audience": "members",
            "audience_emails": cast["member"].work_email,
            "threshold": "15",
            "anonymous": "on",
        },
    )
    assert response.status_code == 302
    questionnaire.refresh_from_db()
    assert (questionnaire.audience, questionnaire.threshold, questionnaire.anonymous) == (
        "members",
        15,
        True,
    )
    assert list(questionnaire.audience_members.all()) == [cast["member"]]
