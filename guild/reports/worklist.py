"""A person's worklist: what waits for them, what they may look at, what they manage.

Each part comes from the owning app's selectors and access rules; this module only
gathers them, in a fixed number of queries whatever the data (no query per row).
"""

from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from guild.accounts.scopes import Scope, scope_for
from guild.competencies.selectors import reports_summary
from guild.core.models import Job
from guild.learning.models import CurriculumVersion
from guild.learning.selectors import approvals_waiting
from guild.learning.selectors.curricula import open_versions, versions_to_endorse
from guild.members.access import (
    approved_memberships,
    decides_any_membership,
    own_member_id,
)
from guild.members.models import Member
from guild.members.selectors import membership_requests_to_decide_count
from guild.organizations.models import Community, Department
from guild.programmes.models import Intake, Nomination, Participant, Session
from guild.programmes.selectors import worklist as programme_work
from guild.questionnaires.answering.selectors import OpenQuestionnaire, my_open_questionnaires
from guild.questionnaires.models import Questionnaire, QuestionnaireVersion, VersionStatus
from guild.questionnaires.results.selectors import department_page_codes

EXPORTS_KEPT = timedelta(days=7)
SHOWN = 10  # rows of a list on the home page; the rest is one click further


@dataclass(frozen=True)
class PendingReport:
    member: Member
    pending: int


@dataclass(frozen=True)
class ResultsLink:
    questionnaire: Questionnaire
    departments: list[Department]  # the coordinated departments with their own page


@dataclass(frozen=True)
class FiguresLink:
    community: Community
    department: Department | None  # None: the community-wide figures


@dataclass
class Worklist:
    questionnaires: list[OpenQuestionnaire] = field(default_factory=list)
    to_assess: int = 0
    has_role_profile: bool = False
    pending_reports: list[PendingReport] = field(default_factory=list)
    has_reports: bool = False
    requests_to_decide: int = 0
    enrolments_to_approve: int = 0
    exports: list[Job] = field(default_factory=list)
    results: list[ResultsLink] = field(default_factory=list)
    figures: list[FiguresLink] = field(default_factory=list)
    # Open curriculum versions the member has not spoken on; those the person manages.
    curricula_to_endorse: list[CurriculumVersion] = field(default_factory=list)
    curricula_open: list[CurriculumVersion] = field(default_factory=list)
    # The leadership programme: nominations to accept or endorse, intakes to review,
    # sessions whose attendance to take, the person's own cohorts, reports to read.
    nominations_waiting: list[Nomination] = field(default_factory=list)
    intakes_to_review: list[Intake] = field(default_factory=list)
    sessions_to_mark: list[Session] = field(default_factory=list)
    my_participations: list[Participant] = field(default_factory=list)
    report_intakes: list[Intake] = field(default_factory=list)

    @property
    def pending_validations(self) -> int:
        return sum(row.pending for row in self.pending_reports)

    @property
    def waiting(self) -> bool:
        return bool(
            self.questionnaires
            or self.to_assess
            or self.pending_reports
            or self.requests_to_decide
            or self.enrolments_to_approve
            or self.exports
            or self.curricula_to_endorse
            or self.curricula_open
            or self.nominations_waiting
            or self.intakes_to_review
            or self.sessions_to_mark
        )


def _member_communities(member_id: int | None) -> set[int]:
    if member_id is None:
        return set()
    return set(
        approved_memberships()
        .filter(member_id=member_id, member__is_active=True)
        .values_list("community_id", flat=True)
    )


def results_links(user: Any, scope: Scope | None = None) -> list[ResultsLink]:
    """Questionnaires with a published version whose results `user` may read, newest
    first, with the departments whose own page they may open (coordinators)."""
    scope = scope or scope_for(user)
    published = Exists(
        QuestionnaireVersion.objects.filter(
            questionnaire_id=OuterRef("pk"), status=VersionStatus.PUBLISHED
        )
    )
    questionnaires = Questionnaire.objects.select_related("community").filter(published)
    if not scope.platform_admin:
        communities = (
            set(scope.admin_communities)
            | set(scope.committee_communities)
            | {community for community, _department in scope.coordinated}
            | _member_communities(own_member_id(user))
        )
        questionnaires = questionnaires.filter(community_id__in=communities).exclude(
            Q(results_for_managers=True) & ~Q(community_id__in=scope.admin_communities)
        )
    rows = list(questionnaires.order_by("-created_at", "-pk")[:50])
    departments = {
        department.pk: department
        for department in Department.objects.filter(pk__in=scope.coordinated_departments)
    }
    links = []
    for questionnaire in rows:
        community = questionnaire.community_id
        full = scope.administers(community) or community in scope.committee_communities
        mine = (
            [] if full else [departments[d] for c, d in sorted(scope.coordinated) if c == community]
        )
        if mine:
            # Only departments the definition breaks results down by have their own page.
            pages = department_page_codes(questionnaire)
            mine = [department for department in mine if department.code in pages]
        links.append(ResultsLink(questionnaire, mine))
    return links


def figures_links(scope: Scope) -> list[FiguresLink]:
    """The competency heat maps `scope` opens: community-wide ones for programme
    administrators and committee members, a department's for its coordinators."""
    whole = set(scope.admin_communities) | set(scope.committee_communities)
    if scope.platform_admin:
        whole |= set(Community.objects.active().values_list("pk", flat=True))
    communities = {
        community.pk: community
        for community in Community.objects.filter(pk__in=whole | {c for c, _d in scope.coordinated})
    }
    departments = {
        department.pk: department
        for department in Department.objects.filter(pk__in=scope.coordinated_departments)
    }
    links = [FiguresLink(communities[c], None) for c in sorted(whole) if c in communities]
    links += [
        FiguresLink(communities[c], departments[d])
        for c, d in sorted(scope.coordinated)
        if c not in whole and c in communities and d in departments
    ]
    return links


def worklist(user: Any) -> Worklist:
    scope = scope_for(user)
    member_id = own_member_id(user)
    work = Worklist(questionnaires=my_open_questionnaires(user=user))
    if member_id is not None:
        member = Member.objects.get(pk=member_id)
        summary = reports_summary([member])[member_id]
        work.has_role_profile = summary.profile is not None
        work.to_assess = max(summary.to_assess, 0)
        reports = list(
            Member.objects.filter(supervisor_id=member_id, is_active=True).order_by(
                "family_name", "given_name"
            )
        )
        work.has_reports = bool(reports)
        summaries = reports_summary(reports)
        work.pending_reports = [
            PendingReport(report, summaries[report.pk].pending)
            for report in reports
            if summaries[report.pk].pending
        ]
        work.enrolments_to_approve = approvals_waiting(supervisor_id=member_id).count()
    if decides_any_membership(user):
        work.requests_to_decide = membership_requests_to_decide_count(user=user)
    work.exports = list(
        Job.objects.filter(
            owner_id=scope.user_id,
            status=Job.Status.SUCCEEDED,
            finished_at__gte=timezone.now() - EXPORTS_KEPT,
        )
        .filter(~Q(result_file=""))
        .order_by("-finished_at")[:SHOWN]
    )
    work.curricula_to_endorse = versions_to_endorse(member_id=member_id)
    managed = (
        Community.objects.active().values_list("pk", flat=True)
        if scope.platform_admin
        else scope.admin_communities
    )
    work.curricula_open = open_versions(community_ids=managed)
    work.nominations_waiting = programme_work.nominations_waiting_for(user)[:SHOWN]
    work.intakes_to_review = programme_work.intakes_to_review(user)[:SHOWN]
    work.sessions_to_mark = programme_work.sessions_to_mark(user)[:SHOWN]
    work.my_participations = programme_work.my_participations(user)[:SHOWN]
    work.report_intakes = programme_work.report_intakes(user)[:SHOWN]
    work.results = results_links(user, scope)
    work.figures = figures_links(scope)
    return work
