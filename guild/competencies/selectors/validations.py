"""What waits for a supervisor's validation across all their direct reports."""

from dataclasses import dataclass

from django.db.models import F, Q

from guild.competencies.models import Assessment, Competency, CurrentAssessment
from guild.competencies.selectors.gap_rows import version_level_names
from guild.core.bilingual import localize
from guild.members.models import Member

# A self-assessment newer than the supervisor's last word (as `reports_summary` counts it).
NEWER_SELF = Q(self_assessment__isnull=False) & (
    Q(supervisor_assessment__isnull=True)
    | Q(self_assessment__created_at__gt=F("supervisor_assessment__created_at"))
    | Q(
        self_assessment__created_at=F("supervisor_assessment__created_at"),
        self_assessment_id__gt=F("supervisor_assessment_id"),
    )
)


@dataclass(frozen=True)
class PendingValidation:
    """One report's self-assessment waiting for the supervisor, with the scale to answer
    it: `levels` is each level's number and name, lowest first."""

    member: Member
    competency: Competency
    name: str
    target: int
    self_assessment: Assessment
    supervisor_level: int | None
    levels: list[tuple[int, str]]

    @property
    def key(self) -> str:
        return f"{self.member.pk}-{self.competency.pk}"


def pending_validations(supervisor: Member) -> list[PendingValidation]:
    """Every self-assessment of `supervisor`'s direct reports, on a competency of the
    report's role profile, that waits for validation: by report, then in the framework's
    order (one query, plus one per framework version for the level names)."""
    states = (
        CurrentAssessment.objects.filter(
            NEWER_SELF,
            member__supervisor=supervisor,
            competency__targets__profile_id=F("member__role_profile__profile_id"),
        )
        .select_related("member", "competency__family", "self_assessment")
        .annotate(target=F("competency__targets__target"))
        .order_by(
            "member__family_name",
            "member__given_name",
            "member_id",
            "competency__family__order",
            "competency__order",
        )
    )
    names: dict[int, list[tuple[int, str]]] = {}
    rows = []
    for state in states:
        if state.self_assessment is None:  # excluded by NEWER_SELF; narrows the type
            continue
        version_id = state.competency.version_id
        if version_id not in names:
            names[version_id] = list(version_level_names(version_id).items())
        rows.append(
            PendingValidation(
                member=state.member,
                competency=state.competency,
                name=localize(state.competency, "name").text,
                target=state.target,
                self_assessment=state.self_assessment,
                supervisor_level=state.supervisor_level,
                levels=names[version_id],
            )
        )
    return rows
