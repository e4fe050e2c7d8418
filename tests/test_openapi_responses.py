"""Every main GET endpoint of the API answers, for a signed-in administrator on a small
dataset, with a body that the committed OpenAPI document (openapi/schema.json) describes."""

import json
import uuid
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.utils import timezone
from jsonschema import Draft202012Validator

from guild.competencies.models import Competency, MemberRoleProfile
from guild.competencies.services import (
    assessment_self,
    framework_load_published,
    role_profile_create,
)
from guild.demo.content import im_framework
from guild.organizations.models import Community, OccupationalLevel, WorkStream
from guild.programmes.models import Intake, IntakeStage, Programme
from guild.questionnaires.definition.services import questionnaire_create, version_publish
from guild.questionnaires.tests.test_definitions import small

DOCUMENT = json.loads((Path(settings.BASE_DIR) / "openapi" / "schema.json").read_text())


def _validator(path: str, method: str, status: int) -> Draft202012Validator:
    responses = DOCUMENT["paths"][path][method]["responses"]
    assert str(status) in responses, f"{method.upper()} {path} answered an undocumented {status}"
    schema = responses[str(status)]["content"]["application/json"]["schema"]
    # "#/components/..." references resolve against the root: give it the components.
    return Draft202012Validator({**schema, "components": DOCUMENT["components"]})


@pytest.fixture
def dataset(cast: dict[str, Any], im: Community, esdc: Any) -> dict[str, Any]:
    admin = cast["admin"]
    version = framework_load_published(community=im, content=im_framework(), code="im-competencies")
    profile = role_profile_create(
        actor=admin.user,
        community=im,
        version=version,
        name_en="Records manager, IS-04",
        name_fr="Gestionnaire des documents, IS-04",
        work_stream=WorkStream.objects.get(community=im, code="records-management"),
        level=OccupationalLevel.objects.get(code="IS-04"),
        targets={"RIL-01": 3},
    )
    MemberRoleProfile.objects.create(member=admin, profile=profile)
    competency = Competency.objects.get(version=version, code="RIL-01")
    assessment_self(actor=admin.user, member=admin, competency=competency, level=2)
    questionnaire = questionnaire_create(
        actor=admin.user, community=im, slug="pulse", definition=small()
    )
    version_publish(actor=admin.user, questionnaire=questionnaire)
    programme = Programme.objects.create(
        community=im, code="imli", name_en="IM Leadership", name_fr="Leadership en GI"
    )
    today = timezone.localdate()
    intake = Intake.objects.create(
        programme=programme,
        name_en="Intake",
        name_fr="Cohorte",
        stage=IntakeStage.RUNNING,
        nominations_open_on=today,
        nominations_close_on=today,
        starts_on=today,
        ends_on=today,
        capacity=23,
    )
    return {
        "path": {
            "framework_id": version.framework_id,
            "version_id": version.pk,
            "member_id": admin.pk,
            "profile_id": profile.pk,
            "questionnaire_id": questionnaire.pk,
            "job_id": uuid.uuid4(),  # no such export: the error body is checked
            "course_id": 0,  # no such course: the error body is checked
            "certificate_id": 0,  # no such certificate: the error body is checked
            "code": "no-such-code",  # no such verification code: the error body is checked
            "intake_id": intake.pk,
            "nomination_id": 0,  # no such nomination: the error body is checked
            # Mentoring: none of these exist; the error bodies are checked.
            "membership_id": 0,
            "pair_id": 0,
            "pool_id": 0,
            "round_id": 0,
        },
        "query": {
            "community": im.pk,
            "department": esdc.pk,
            "rows": "dept",
            "columns": "dept",
        },
    }


@pytest.mark.django_db
def test_every_get_response_matches_the_committed_openapi_document(
    cast: dict[str, Any], dataset: dict[str, Any], login: Any
) -> None:
    client = login(cast["admin"].user)
    checked = []
    for path, operations in DOCUMENT["paths"].items():
        operation = operations.get("get")
        if operation is None:
            continue
        url, query = path, {}
        for parameter in operation.get("parameters", []):
            name, where = parameter["name"], parameter["in"]
            if where == "path":
                url = url.replace(f"{{{name}}}", str(dataset["path"][name]))
            elif where == "query" and parameter.get("required"):
                query[name] = dataset["query"][name]
        response = client.get(url, query)
        if not response["Content-Type"].startswith("application/json"):
            continue  # file downloads (CSV) are described as binary
        validator = _validator(path, "get", response.status_code)
        errors = [
            f"{'/'.join(map(str, e.absolute_path))}: {e.message}"
            for e in validator.iter_errors(response.json())
        ]
        assert errors == [], f"GET {url} ({response.status_code})"
        checked.append((path, response.status_code))
    statuses = dict(checked)
    assert statuses["/api/v1/reference/occupational-groups"] == 200
    assert statuses["/api/v1/members"] == 200
    assert statuses["/api/v1/competencies/frameworks/{framework_id}"] == 200
    assert statuses["/api/v1/questionnaires/{questionnaire_id}"] == 200
    assert statuses["/api/v1/learning/certification/progress"] == 200
    assert statuses["/api/v1/learning/certification/verify/{code}"] == 404
    assert sum(status == 200 for _path, status in checked) >= 20
