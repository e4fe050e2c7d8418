"""The demo's content files: what the IM Members Questionnaire's workbook declares survives
the XLSForm importer (conditions, quasi-identifiers, breakdowns, workforce roles and bands,
scales), and both files go through the same import jobs as a manager's upload."""

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from guild.competencies.framework import with_identifiers
from guild.competencies.models import FrameworkVersion
from guild.competencies.selectors import framework_version_content
from guild.competencies.services.framework_imports import framework_import_start
from guild.competencies.tests.case_schemas import case_errors
from guild.core.models import Job
from guild.demo.content import (
    FRAMEWORK_FILE,
    event_definition,
    framework_package,
    im_framework,
    members_definition,
    members_questionnaire_file,
)
from guild.organizations.models import Department, OccupationalGroup, Region
from guild.questionnaires.definition.imports import questionnaire_import_start
from guild.questionnaires.definition.json_codec import definition_from_json, definition_to_json
from guild.questionnaires.definition.scales import agree_scale
from guild.questionnaires.definition.types import (
    Breakdown,
    QuasiIdentifier,
    QuestionType,
    WorkforceRole,
    YearBand,
)
from guild.questionnaires.definition.validate import validate_definition
from guild.questionnaires.definition.xlsform import definition_from_xlsform, definition_to_xlsform
from guild.questionnaires.models import Questionnaire

NOMINAL, ORDERED = QuasiIdentifier.NOMINAL, QuasiIdentifier.ORDERED


def test_the_members_questionnaire_is_valid_and_uses_every_type() -> None:
    definition = members_definition()
    assert validate_definition(definition) == []
    assert (len(definition.sections), len(definition.questions)) == (8, 38)
    assert {q.type for q in definition.questions} == set(QuestionType)
    for question in definition.questions:
        assert question.label.en and question.label.fr and question.label.en != question.label.fr


def test_the_workbook_keeps_every_declaration() -> None:
    definition = members_definition()
    assert [(q.code, q.relevant) for q in definition.questions if q.relevant] == [
        ("training_priorities", "count-selected(${training_needs}) >= 2"),
        ("retire_within_5", "${career_intentions} = 'retire'"),
        ("retirement_year", "${retire_within_5} = 'yes'"),
    ]
    assert [(q.code, q.quasi_identifier) for q in definition.quasi_identifiers()] == [
        ("department", NOMINAL),
        ("region", NOMINAL),
        ("occupational_group", NOMINAL),
        ("level", ORDERED),
        ("age_band", ORDERED),
        ("service_years", ORDERED),
        ("im_years", ORDERED),
        ("joined_public_service", ORDERED),
        ("first_official_language", NOMINAL),
        ("second_language_levels", NOMINAL),
        ("supervises", NOMINAL),
    ]
    assert [(q.code, q.breakdown) for q in definition.questions if q.breakdown] == [
        ("department", Breakdown.DEPARTMENT),
        ("region", Breakdown.REGION),
        ("occupational_group", Breakdown.OTHER),
        ("age_band", Breakdown.OTHER),
        ("service_years", Breakdown.OTHER),
        ("im_years", Breakdown.OTHER),
        ("first_official_language", Breakdown.OTHER),
    ]
    roles = {role: q.code for role, q in definition.workforce_roles().items()}
    assert roles == {
        WorkforceRole.GROUP: "occupational_group",
        WorkforceRole.AGE: "age_band",
        WorkforceRole.SERVICE: "service_years",
    }
    ages = definition.question("age_band").options
    assert (ages[0].code, ages[0].band) == ("under_25", YearBand(16, 24))
    assert (ages[-1].code, ages[-1].band) == ("65_plus", YearBand(65, None))
    services = definition.question("service_years").options
    assert [o.band for o in services[:2]] == [YearBand(0, 1), YearBand(2, 4)]
    assert all(o.band is None for o in definition.question("im_years").options)
    scale = agree_scale()
    for code in ("leadership_interest", "vision_awareness", "community_views"):
        assert definition.question(code).options == scale, code
    retirement = definition.question("retirement_year")
    assert (retirement.type, retirement.minimum, retirement.maximum) == (
        QuestionType.YEAR,
        2025,
        2045,
    )


def test_the_definitions_round_trip_through_both_formats() -> None:
    for definition in (members_definition(), event_definition()):
        assert definition_from_xlsform(definition_to_xlsform(definition)) == definition
        assert definition_from_json(definition_to_json(definition)) == definition
    assert len(event_definition().questions) == 6


@pytest.mark.django_db
def test_the_reference_options_are_the_active_reference_data() -> None:
    definition = members_definition()

    def codes(code: str) -> list[str]:
        return [option.code for option in definition.question(code).options]

    assert codes("department") == list(
        Department.objects.filter(is_active=True).values_list("code", flat=True)
    )
    assert codes("region") == list(
        Region.objects.filter(is_active=True).values_list("code", flat=True)
    )
    assert codes("occupational_group") == list(
        OccupationalGroup.objects.filter(is_active=True).values_list("code", flat=True)
    )


@pytest.mark.django_db
def test_the_workbook_imports_through_the_upload_job(
    im: Any, cast: dict[str, Any], django_capture_on_commit_callbacks: Any
) -> None:
    upload = SimpleUploadedFile("im-members-questionnaire.xlsx", members_questionnaire_file())
    with django_capture_on_commit_callbacks(execute=True):
        job = questionnaire_import_start(
            actor=cast["admin"].user,
            upload=upload,
            format="xlsform",
            community=im,
            slug="imported",
        )
    job.refresh_from_db()
    assert job.status == Job.Status.SUCCEEDED, job.message
    questionnaire = Questionnaire.objects.get(community=im, slug="imported")
    (version,) = questionnaire.versions.all()
    assert definition_from_json(version.definition) == members_definition()


@pytest.mark.django_db
def test_the_framework_imports_through_the_upload_job(
    im: Any, cast: dict[str, Any], django_capture_on_commit_callbacks: Any
) -> None:
    upload = SimpleUploadedFile("im-framework.case.json", FRAMEWORK_FILE.read_bytes())
    with django_capture_on_commit_callbacks(execute=True):
        job = framework_import_start(
            actor=cast["admin"].user, community=im, upload=upload, file_format="case"
        )
    job.refresh_from_db()
    assert job.status == Job.Status.SUCCEEDED, job.message
    version = FrameworkVersion.objects.get(framework__community=im)
    assert framework_version_content(version) == with_identifiers(im_framework())


def test_the_framework_file_is_valid_case_1_0_and_1_1() -> None:
    assert case_errors(framework_package()) == {"1.0": [], "1.1": []}
