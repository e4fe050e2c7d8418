"""A member's gaps against their role profile, their history, and what their
supervisor has to validate."""

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Count, F, Q, QuerySet

from guild.competencies.gaps import (
    member_gaps,
    missing_levels,
)
from guild.competencies.models import (
    Assessment,
    Competency,
    CurrentAssessment,
    LevelIndicator,
    MemberRoleProfile,
    ProficiencyLevel,
    RoleProfile,
    RoleProfileTarget,
)
from guild.competencies.selectors.profiles import member_role_profile
from guild.core.bilingual import localize
from guild.members.models import Member


@dataclass(frozen=True)
class MissingLevel:
    level: int
    name: str
    indicators: str


@dataclass(frozen=True)
class GapRow:
    """One competency of a member's profile: self, supervisor and validated levels side by
    side, the target, the gap and the behavioural indicators of the levels still to reach
    (`missing` is None when the competency is not assessed)."""

    competency_id: int
    code: str
    name: str
    family: str
    target: int
    self_level: int | None
    supervisor_level: int | None
    validated: int | None
    gap: int | None
    missing: list[MissingLevel] | None
    self_assessment: Assessment | None
    supervisor_assessment: Assessment | None


@dataclass(frozen=True)
class MemberGaps:
    member: Member
    profile: RoleProfile | None
    rows: list[GapRow] = field(default_factory=list)

    @property
    def to_assess(self) -> list[str]:
        return [row.code for row in self.rows if row.validated is None]


def member_gap_rows(member: Member) -> MemberGaps:
    """The member's gaps against their role profile, in the framework's order (five
    queries whatever the number of competencies)."""
    profile = member_role_profile(member)
    if profile is None:
        return MemberGaps(member, None)
    targets = list(
        RoleProfileTarget.objects.filter(profile=profile)
        .select_related("competency__family")
        .order_by("competency__family__order", "competency__order")
    )
    competency_ids = [target.competency_id for target in targets]
    current = {
        row.competency_id: row
        for row in CurrentAssessment.objects.filter(
            member=member, competency_id__in=competency_ids
        ).select_related("self_assessment__author", "supervisor_assessment__author")
    }
    indicators = {
        (indicator.competency_id, indicator.level): indicator
        for indicator in LevelIndicator.objects.filter(competency_id__in=competency_ids)
    }
    level_names = version_level_names(profile.version_id)
    gaps = member_gaps(
        {target.competency.code: target.target for target in targets},
        {
            target.competency.code: (
                current[target.competency_id].self_level,
                current[target.competency_id].supervisor_level,
            )
            for target in targets
            if target.competency_id in current
        },
    )
    rows = []
    for target, gap in zip(targets, gaps, strict=True):
        competency = target.competency
        state = current.get(competency.pk)
        missing = missing_levels(gap)
        rows.append(
            GapRow(
                competency_id=competency.pk,
                code=competency.code,
                name=localize(competency, "name").text,
                family=localize(competency.family, "name").text,
                target=target.target,
                self_level=gap.self_level,
                supervisor_level=gap.supervisor_level,
                validated=gap.validated,
                gap=gap.gap,
                missing=None
                if missing is None
                else [
                    MissingLevel(
                        level,
                        level_names.get(level, str(level)),
                        localize(indicators[(competency.pk, level)], "indicators").text
                        if (competency.pk, level) in indicators
                        else "",
                    )
                    for level in missing
                ],
                self_assessment=state.self_assessment if state else None,
                supervisor_assessment=state.supervisor_assessment if state else None,
            )
        )
    return MemberGaps(member, profile, rows)


@dataclass(frozen=True)
class ReportSummary:
    """A direct report's standing for their supervisor: their role profile, the levels
    waiting for validation (a self-assessment newer than the supervisor's last word) and
    the competencies of the profile with no validated level yet."""

    profile: RoleProfile | None
    pending: int
    to_assess: int


def reports_summary(members: Iterable[Member]) -> dict[int, ReportSummary]:
    """`ReportSummary` of each member, by member id, in two queries whatever their number."""
    ids = [member.pk for member in members]
    assignments = {
        row.member_id: row
        for row in MemberRoleProfile.objects.filter(member_id__in=ids)
        .select_related("profile")
        .annotate(targets=Count("profile__targets"))
    }
    newer_self = Q(self_assessment__isnull=False) & (
        Q(supervisor_assessment__isnull=True)
        | Q(self_assessment__created_at__gt=F("supervisor_assessment__created_at"))
        | Q(
            self_assessment__created_at=F("supervisor_assessment__created_at"),
            self_assessment_id__gt=F("supervisor_assessment_id"),
        )
    )
    counts = {
        row["member_id"]: row
        for row in CurrentAssessment.objects.filter(
            member_id__in=ids,
            competency__targets__profile_id=F("member__role_profile__profile_id"),
        )
        .values("member_id")
        .annotate(pending=Count("pk", filter=newer_self), validated=Count("validated_level"))
        .order_by()
    }
    summaries = {}
    for member_id in ids:
        assignment = assignments.get(member_id)
        row = counts.get(member_id, {"pending": 0, "validated": 0})
        targets = getattr(assignment, "targets", 0)
        summaries[member_id] = ReportSummary(
            profile=assignment.profile if assignment else None,
            pending=row["pending"],
            to_assess=targets - row["validated"],
        )
    return summaries


def version_level_names(version_id: int) -> dict[int, str]:
    """The names of the version's levels in the active language, lowest first."""
    return {
        level.level: localize(level, "name").text
        for level in ProficiencyLevel.objects.filter(version_id=version_id).order_by("level")
    }


def assessment_history(
    member: Member, competency: Competency | None = None
) -> QuerySet[Assessment]:
    """Every assessment of the member (of one competency), newest first, with who and when."""
    history = Assessment.objects.filter(member=member).select_related("author", "competency")
    if competency is not None:
        history = history.filter(competency=competency)
    return history.order_by("-created_at", "-id")


def current_assessments(member: Member) -> QuerySet[CurrentAssessment]:
    return CurrentAssessment.objects.filter(member=member).select_related(
        "competency", "self_assessment", "supervisor_assessment"
    )
