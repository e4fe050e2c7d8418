"""Reads for certification: what a programme's rules may name, a member's facts (completed
courses with their days, validated levels, earlier certificates), their evaluated progress
with its explanation and recommendations, and certificates by holder or by public code."""

import base64
import json
from collections.abc import Collection, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.conf import settings
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.urls import reverse
from django.utils import timezone, translation

from guild.competencies.models import CurrentAssessment, FrameworkVersion
from guild.competencies.selectors.frameworks import community_current_version
from guild.core.bilingual import localize
from guild.learning.certificate_pdf import CertificateSheet
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
    version = community_current_version(programme.community)
    return _facts([member.pk for member in members], programme, version)


def _facts(
    ids: Sequence[int],
    programme: CertificationProgramme,
    version: FrameworkVersion | None,
    competencies: Collection[str] | None = None,
    span: tuple[int, int] | None = None,
) -> dict[int, Facts]:
    """`members_facts` of the members `ids`, with the levels of `version` (on
    `competencies` only, when given). With `span`, the ids from the first to the last are
    read and others' rows dropped: much cheaper than sending every id with every query."""
    within: dict[str, Any] = {"member_id__in": ids}
    if span is not None:
        # The range lets PostgreSQL read the member index; the subquery keeps SQLite
        # (without statistics) from starting from the courses instead.
        first, last = span
        within = {
            "member_id__in": Member.objects.filter(pk__gte=first, pk__lte=last).values("pk"),
            "member_id__gte": first,
            "member_id__lte": last,
        }
    # Grouped by course as read (the days of a course in any order): at 100,000 members,
    # regrouping pairs through `Facts.of` took a fifth of the daily check's time.
    completions: dict[int, dict[str, list[date]]] = {pk: {} for pk in ids}
    for member_id, code, day in (
        Completion.objects.filter(
            result=CompletionResult.COMPLETED,
            course__provider__community_id=programme.community_id,
            **within,
        )
        .order_by()  # in any order: no sort of every row read
        .values_list("member_id", "course__code", "completed_on")
    ):
        courses = completions.get(member_id)
        if courses is None:
            continue
        days = courses.get(code)
        if days is None:
            courses[code] = [day]
        else:
            days.append(day)
    levels: dict[int, dict[str, int]] = {pk: {} for pk in ids}
    if version is not None:
        current = CurrentAssessment.objects.filter(
            competency__version=version, validated_level__isnull=False, **within
        )
        if competencies is not None:
            current = current.filter(competency__code__in=competencies)
        for member_id, code, level in current.values_list(
            "member_id", "competency__code", "validated_level"
        ):
            if level and member_id in levels:
                levels[member_id][code] = level
    issued: dict[int, list[date]] = {pk: [] for pk in ids}
    # The programme is checked here rather than in SQL: given both, SQLite (without
    # statistics) reads every certificate of the programme for each batch of members.
    for member_id, programme_id, moment in (
        Certificate.objects.filter(**within)
        .exclude(status=CertificateStatus.REVOKED)
        .order_by()
        .values_list("member_id", "programme_id", "issued_at")
    ):
        if programme_id == programme.pk and member_id in issued:
            issued[member_id].append(timezone.localdate(moment))
    return {pk: Facts(completions[pk], levels[pk], tuple(sorted(issued[pk]))) for pk in ids}


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


# A member's standing in a programme, as the administrator's list filters it.
CERTIFIED = "certified"
IN_PROGRESS = "in_progress"
NOT_STARTED = "none"
SEARCH_WORDS = 5


@dataclass(frozen=True)
class ProgrammeMemberFilters:
    """`q`: words each found in the name or e-mail; `status`: CERTIFIED (a valid certificate
    of the programme), IN_PROGRESS (none, but a course of its rules completed), NOT_STARTED
    (neither) or "" for everyone."""

    q: str = ""
    department: int | None = None
    status: str = ""


def programme_members(
    programme: CertificationProgramme, filters: ProgrammeMemberFilters | None = None
) -> QuerySet[Member]:
    """The active members of the programme's community that `filters` keep, by name, with
    their department; the standing is tested inside the query, before counting."""
    filters = filters or ProgrammeMemberFilters()
    members = approved_memberships().filter(community_id=programme.community_id)
    found = Member.objects.filter(pk__in=members.values("member_id"), is_active=True)
    for word in filters.q.split()[:SEARCH_WORDS]:
        found = found.filter(
            Q(given_name__icontains=word)
            | Q(family_name__icontains=word)
            | Q(work_email__icontains=word)
        )
    if filters.department is not None:
        found = found.filter(department_id=filters.department)
    if filters.status in (CERTIFIED, IN_PROGRESS, NOT_STARTED):
        certified = Exists(
            Certificate.objects.filter(
                member_id=OuterRef("pk"), programme=programme, status=CertificateStatus.ACTIVE
            ).filter(Q(valid_until__isnull=True) | Q(valid_until__gt=timezone.now()))
        )
        if filters.status == CERTIFIED:
            found = found.filter(certified)
        else:
            courses = Completion.objects.filter(
                member_id=OuterRef("pk"),
                result=CompletionResult.COMPLETED,
                course__provider__community_id=programme.community_id,
            )
            named = programme_rules(programme).courses
            started = Exists(courses.filter(course__code__in=named) if named else courses)
            found = found.filter(~certified, started if filters.status == IN_PROGRESS else ~started)
    return found.select_related("department").order_by("family_name", "given_name", "pk")


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


EVALUATION_BATCH = 500


def programme_evaluations(
    programme: CertificationProgramme, *, on: date | None = None
) -> Iterator[tuple[int, Evaluation]]:
    """(member id, evaluation on `on`, today by default) for every active member of the
    programme's community, by id: what the daily check reads and evaluates, without issuing
    anything; the facts of `EVALUATION_BATCH` members at a time."""
    day = on or timezone.localdate()
    rules = programme_rules(programme)
    version = community_current_version(programme.community)
    # Only the levels the rules ask for: an evaluation reads no other.
    competencies = [code for code, _level in rules.levels]
    members = approved_memberships().filter(
        community_id=programme.community_id, member__is_active=True
    )
    ids = list(members.order_by("member_id").values_list("member_id", flat=True))
    for start in range(0, len(ids), EVALUATION_BATCH):
        batch = ids[start : start + EVALUATION_BATCH]
        facts = _facts(batch, programme, version, competencies, (batch[0], batch[-1]))
        for pk in batch:
            yield pk, evaluate(rules, facts[pk], day)


def certificate_verify_url(code: str) -> str:
    """The verification page's absolute address without a language prefix, as the bilingual
    PDF prints it: the site sends each reader on to the page in their browser's language."""
    with translation.override("en"):
        path = reverse("certificates:verify", kwargs={"code": code})
    base = str(getattr(settings, "GUILD_PUBLIC_URL", "http://localhost:8000")).rstrip("/")
    return base + path.removeprefix("/en")


def certificate_sheet(certificate: Certificate) -> CertificateSheet:
    """What the certificate's PDF shows: the holder and programme as certified (its frozen
    snapshot), the community that issues it, and its status now."""
    programme = certificate.programme
    community = programme.community
    snapshot = certificate.snapshot if isinstance(certificate.snapshot, dict) else {}
    certified = snapshot.get("programme") or {}
    status = certificate.current_status
    status_on = {
        CertificateStatus.REVOKED.value: certificate.revoked_at,
        CertificateStatus.EXPIRED.value: certificate.valid_until,
    }.get(status)
    return CertificateSheet(
        holder=str(snapshot.get("holder") or certificate.member.full_name),
        programme_en=str(certified.get("name_en") or localize(programme, "name", "en").text),
        programme_fr=str(certified.get("name_fr") or localize(programme, "name", "fr").text),
        issuer_en=localize(community, "name", "en").text,
        issuer_fr=localize(community, "name", "fr").text,
        code=certificate.code,
        issued_on=timezone.localdate(certificate.issued_at),
        valid_until=(
            timezone.localdate(certificate.valid_until) if certificate.valid_until else None
        ),
        status=status,
        status_on=timezone.localdate(status_on) if status_on else None,
        verify_url=certificate_verify_url(certificate.code),
    )
