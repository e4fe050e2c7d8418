"""Reads of questionnaire versions and the one loader of their parsed definitions."""

from collections.abc import Iterable

from guild.members.models import Member
from guild.questionnaires.definition.cache import published_definition
from guild.questionnaires.definition.json_codec import definition_from_json
from guild.questionnaires.definition.types import Definition
from guild.questionnaires.models import (
    Questionnaire,
    QuestionnaireVersion,
    Response,
    VersionStatus,
)


def latest_published_version(questionnaire: Questionnaire) -> QuestionnaireVersion | None:
    """The latest published version, without its definition's JSON: `version_definition`
    reads that only when the parse is not kept already."""
    version: QuestionnaireVersion | None = (
        QuestionnaireVersion.objects.filter(
            questionnaire=questionnaire, status=VersionStatus.PUBLISHED
        )
        .defer("definition")
        .order_by("-number")
        .first()
    )
    return version


def version_definition(version: QuestionnaireVersion) -> Definition:
    """The parsed definition of a version. Published versions never change, so their
    parse is kept for the life of the process (definition.cache)."""
    if version.status != VersionStatus.PUBLISHED:
        return definition_from_json(version.definition)
    return published_definition(version.pk, version.published_at, lambda: version.definition)


def draft_version(questionnaire: Questionnaire) -> QuestionnaireVersion | None:
    """The questionnaire's draft version (there is at most one)."""
    return questionnaire.versions.filter(status=VersionStatus.DRAFT).first()


def questionnaire_versions(questionnaire: Questionnaire) -> list[QuestionnaireVersion]:
    """Every version of the questionnaire, newest first."""
    return list(questionnaire.versions.order_by("-number"))


def version_by_number(questionnaire: Questionnaire, number: int) -> QuestionnaireVersion | None:
    return questionnaire.versions.filter(number=number).first()


def response_count(questionnaire: Questionnaire) -> int:
    """How many responses the questionnaire has, for its managers."""
    return Response.objects.filter(questionnaire=questionnaire).count()


def members_by_email(emails: Iterable[str]) -> list[Member]:
    """The members whose work e-mail is one of `emails`."""
    return list(Member.objects.filter(work_email__in=list(emails)))
