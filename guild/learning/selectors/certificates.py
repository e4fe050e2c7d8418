"""Reads for certification: what a programme's rules may name, a member's facts (completed
courses with their days, validated levels, earlier certificates), their evaluated progress
with its explanation and recommendations, and certificates by holder or by public code."""

import base64
import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone

from guild.competencies.models import CurrentAssessment
from guild.competencies.selectors.frameworks import community_current_version
from guild.core.bilingual import localize
from guild.learning.models import (
    Certificate,
    CertificateStatus,
    CertificationProgramme,
    Completion,
    CompletionResult,
    Course,
    CourseCompetency,
)
from guild.learning.rules.definition import RulesCatalogue, RuleSet, parse_rules
from guild.learning.rules.evaluation import Evaluation, Facts, evaluate
from guild.learning.rules.explanation import Reason, reasons, sentences
from guild.learning.rules.recommendation import CourseOffer, recommend_for
from guild.learning.selectors.catalogue import framework_competencies, scale_levels
from guild.members.access import approved_memberships
from guild.members.models import Member
from guild.organizations.models import Community

RECOMMENDATIONS = 5


def rules_catalogue(community: Community) -> RulesCatalogue:
    """The course codes of the community's catalogue and the competencies and levels of its
    published framework: all that a programme's rules may refer to."""
    version, competencies = framework_competencies(community)
    levels = scale_levels(version)
    courses = Course.objects.filter(provider__community=community).values_list("code", flat=True)
    return RulesCatalogue(
        courses=frozenset(courses),
        competencies=frozenset(c.code for c in competencies),
        levels=levels or (1, 2, 3, 4),
    )


def programme_rules(programme: CertificationProgramme) -> RuleSet:
    return parse_rules(programme.rules)


def member_facts(member: Member, programme: CertificationProgramme) -> Facts:
    """The member's completed courses of the programme's community with their days, their
    validated level on each competency of its current framework, and the days their
    certificates of this programme were issued (revoked ones do not count)."""
    return members_facts([member], programme)[member.pk]


def members_facts(members: Sequence[Member], programme: CertificationProgramme) -> dict[int, Facts]:
    """`member_facts` of many members by id, in three queries whatever their number."""
    ids = [member.pk for member in members]
    completions: dict[int, list[tuple[str, date]]] = {pk: [] for pk in ids}
    for member_id, code, day in Completion.objects.filter(
        member_id__in=ids,
        result=CompletionResult.COMPLETED,
        course__provider__community_id=programme.community_id,
    ).values_list("member_id", "course__code", "completed_on"):
        completions[member_id].append((code, day))
    levels: dict[int, dict[str, int]] = {pk: {} for pk in ids}
    version = community_current_version(programme.community)
    if version is not None:
        for member_id, code, level in CurrentAssessment.objects.filter(
            member_id__in=ids, competency__version=version, validated_level__isnull=False
        ).values_list("member_id", "competency__code", "validated_level"):
            if level:
                levels[member_id][code] = level
    issued: dict[int, list[date]] = {pk: [] for pk in ids}
    for member_id, moment in (
        Certificate.objects.filter(member_id__in=ids, programme=programme)
        .exclude(status=CertificateStatus.REVOKED)
        .values_list("member_id", "issued_at")
    ):
        issued[member_id].append(timezone.localdate(moment))
    return {pk: Facts.of(completions[pk], levels[pk], issued[pk]) for pk in ids}


def active_certificate(member: Member, programme: CertificationProgramme) -> Certificate | None:
    return Certificate.objects.filter(
        member=member, programme=programme, status=CertificateStatus.ACTIVE
    ).first()


@dataclass(frozen=True)
class Progress:
    programme: CertificationProgramme
    evaluation: Evaluation
    reasons: list[Reason]
    sentences: list[str]
    recommendations: list[tuple[str, str, list[str]]]
    """(course code, course title, why) best first."""


@dataclass(frozen=True)
class ProgrammeTexts:
    """What every member's progress in one programme shares: the rules, the names of
    courses and competencies in one language, and the courses on offer. Read once per page."""

    rules: RuleSet
    language: str
    courses: dict[str, str]
    competencies: dict[str, str]
    offers: list[CourseOffer]


def programme_texts(programme: CertificationProgramme, language: str) -> ProgrammeTexts:
    community = programme.community
    courses = {
        course.code: localize(course, "title", language).text
        for course in Course.objects.filter(provider__community=community)
    }
    _version, competencies = framework_competencies(community)
    develops: dict[str, dict[str, int]] = {}
    for code, competency, level in CourseCompetency.objects.filter(
        course__provider__community=community, course__active=True
    ).values_list("course__code", "competency__code", "level"):
        develops.setdefault(code, {})[competency] = level
    active = Course.objects.filter(provider__community=community, active=True)
    return ProgrammeTexts(
        rules=programme_rules(programme),
        language=language,
        courses=courses,
        competencies={c.code: localize(c, "name", language).text for c in competencies},
        offers=[
            CourseOffer(code, develops.get(code, {}))
            for code in active.values_list("code", flat=True)
        ],
    )


def member_progress(
    member: Member,
    programme: CertificationProgramme,
    language: str,
    *,
    on: date | None = None,
    texts: ProgrammeTexts | None = None,
    facts: Facts | None = None,
) -> Progress:
    """Where the member stands, explained in `language`, with the courses that help most
    (`texts`: the programme's, when already read for other members)."""
    texts = texts or programme_texts(programme, language)
    rules = texts.rules
    facts = facts if facts is not None else member_facts(member, programme)
    evaluation = evaluate(rules, facts, on or timezone.localdate())
    names = {"courses": texts.courses, "competencies": texts.competencies}
    items = reasons(evaluation)
    best = recommend_for(evaluation, texts.offers, RECOMMENDATIONS)
    return Progress(
        programme=programme,
        evaluation=evaluation,
        reasons=items,
        sentences=sentences(rules, items, language, **names),
        recommendations=[
            (
                item.course,
                texts.courses.get(item.course, item.course),
                sentences(rules, item.reasons, language, **names),
            )
            for item in best
        ],
    )


def member_programmes(member: Member) -> QuerySet[CertificationProgramme]:
    """The active programmes of the communities the member belongs to."""
    communities = approved_memberships().filter(member=member).values("community_id")
    return CertificationProgramme.objects.filter(
        community_id__in=communities, active=True
    ).select_related("community")


def programme_members(programme: CertificationProgramme) -> QuerySet[Member]:
    """The active members of the programme's community, by name."""
    members = approved_memberships().filter(community_id=programme.community_id)
    return Member.objects.filter(pk__in=members.values("member_id"), is_active=True).order_by(
        "family_name", "given_name", "pk"
    )


def member_certificates(member: Member) -> QuerySet[Certificate]:
    return Certificate.objects.filter(member=member).select_related("programme__community")


def programme_certificates(
    programme: CertificationProgramme, members: list[Member]
) -> dict[int, list[Certificate]]:
    found: dict[int, list[Certificate]] = {}
    for certificate in Certificate.objects.filter(programme=programme, member__in=members):
        found.setdefault(certificate.member_id, []).append(certificate)
    return found


def certificate_by_code(code: str) -> Certificate | None:
    return (
        Certificate.objects.select_related("programme__community", "member")
        .filter(code=code)
        .first()
    )


def credential_payload(token: str) -> dict[str, Any]:
    """The credential a VC-JWT carries, read without checking it (for display and download;
    `signing.verify` says whether it is to be trusted)."""
    parts = token.split(".")
    if len(parts) != 3:
        return {}
    try:
        payload = json.loads(base64.urlsafe_b64decode(parts[1] + "=" * (-len(parts[1]) % 4)))
    except ValueError:
        return {}
    return payload if isinstance(payload, dict) else {}
