"""The one door to questionnaires. Missing and forbidden look the same (NotFound).

Managing a questionnaire (its definition, versions, settings, publishing results) is for
the programme administrators of its community and for platform administrators.
"""

import secrets
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils.translation import gettext as _

from guild.accounts.models import User
from guild.accounts.scopes import scope_for
from guild.core.errors import ApplicationError, NotFound
from guild.members.access import approved_memberships, is_community_member
from guild.members.models import Member
from guild.organizations.models import Community, Department
from guild.questionnaires.models import (
    Audience,
    Participation,
    Questionnaire,
    QuestionnaireVersion,
    ResponseDraft,
    VersionStatus,
)

# ---------------------------------------------------------------------------------------
# Management


def can_manage_community(user: User | AnonymousUser, community_id: int | None) -> bool:
    """Whether `user` may create and manage questionnaires of this community."""
    return scope_for(user).administers(community_id)


def manageable_communities(user: User | AnonymousUser) -> QuerySet[Community]:
    """The communities whose questionnaires `user` manages."""
    scope = scope_for(user)
    if scope.platform_admin:
        return Community.objects.all()
    return Community.objects.filter(pk__in=scope.admin_communities)


def managed_questionnaires(user: User | AnonymousUser) -> QuerySet[Questionnaire]:
    """The questionnaires `user` manages, filtered inside the query."""
    scope = scope_for(user)
    questionnaires = Questionnaire.objects.select_related("community")
    if scope.platform_admin:
        return questionnaires
    return questionnaires.filter(community_id__in=scope.admin_communities)


def access_questionnaire_for_manage(
    user: User | AnonymousUser, questionnaire_id: Any
) -> Questionnaire:
    """The questionnaire, if `user` may manage it; else NotFound."""
    try:
        pk = int(questionnaire_id)
    except (TypeError, ValueError):
        raise NotFound() from None
    questionnaire = managed_questionnaires(user).filter(pk=pk).first()
    if questionnaire is None:
        raise NotFound()
    return questionnaire


# ---------------------------------------------------------------------------------------------
# Answering: a signed-in person in the audience. Community: a member of the community;
# departments: a member whose profile department is listed; members: listed; link: anyone
# signed in who has the link's token (or already started with it).


def _answering_member(user: User | AnonymousUser) -> tuple[int, int] | None:
    """The user's active member profile as (member id, department id), once per user."""
    if not isinstance(user, User) or not user.is_authenticated:
        return None
    memo = vars(user)
    if "_guild_answering_member" not in memo:
        memo["_guild_answering_member"] = (
            Member.objects.filter(user_id=user.pk, is_active=True)
            .order_by()
            .values_list("pk", "department_id")
            .first()
        )
    found: tuple[int, int] | None = memo["_guild_answering_member"]
    return found


def _started(user: User, questionnaire: Questionnaire) -> bool:
    return (
        ResponseDraft.objects.filter(questionnaire=questionnaire, user_id=user.pk).exists()
        or Participation.objects.filter(questionnaire=questionnaire, user_id=user.pk).exists()
    )


def can_answer(
    user: User | AnonymousUser, questionnaire: Questionnaire, *, token: str | None = None
) -> bool:
    """Whether `user` is in the questionnaire's audience (open or not)."""
    if not isinstance(user, User) or not user.is_authenticated:
        return False
    if questionnaire.audience == Audience.LINK:
        if token and secrets.compare_digest(token.encode(), questionnaire.link_token.encode()):
            return True
        return _started(user, questionnaire)
    member = _answering_member(user)
    if member is None:
        return False
    member_id, department_id = member
    if questionnaire.audience == Audience.COMMUNITY:
        # Approved membership only: asking to join a community opens nothing (ADR 0013).
        return (
            approved_memberships()
            .filter(member_id=member_id, community_id=questionnaire.community_id)
            .exists()
        )
    if questionnaire.audience == Audience.DEPARTMENTS:
        return questionnaire.audience_departments.filter(pk=department_id).exists()
    if questionnaire.audience == Audience.MEMBERS:
        return questionnaire.audience_members.filter(pk=member_id).exists()
    return False


def answerable_questionnaires_q(user: User | AnonymousUser) -> Q:
    """The published questionnaires addressed to `user` (link audiences only once started),
    as a filter inside the query."""
    if not isinstance(user, User) or not user.is_authenticated:
        return Q(pk__in=[])
    published = Exists(
        QuestionnaireVersion.objects.filter(
            questionnaire_id=OuterRef("pk"), status=VersionStatus.PUBLISHED
        )
    )
    started = Q(
        Exists(ResponseDraft.objects.filter(questionnaire_id=OuterRef("pk"), user_id=user.pk))
    ) | Q(Exists(Participation.objects.filter(questionnaire_id=OuterRef("pk"), user_id=user.pk)))
    audience = Q(audience=Audience.LINK) & started
    member = _answering_member(user)
    if member is not None:
        member_id, department_id = member
        audience |= Q(audience=Audience.COMMUNITY) & Q(
            Exists(
                approved_memberships().filter(
                    member_id=member_id, community_id=OuterRef("community_id")
                )
            )
        )
        audience |= Q(audience=Audience.DEPARTMENTS) & Q(
            Exists(
                Questionnaire.audience_departments.through.objects.filter(
                    questionnaire_id=OuterRef("pk"), department_id=department_id
                )
            )
        )
        audience |= Q(audience=Audience.MEMBERS) & Q(
            Exists(
                Questionnaire.audience_members.through.objects.filter(
                    questionnaire_id=OuterRef("pk"), member_id=member_id
                )
            )
        )
    return Q(published) & audience


@dataclass(frozen=True)
class Respondent:
    """A signed-in person and a published questionnaire addressed to them or answered by
    them. `may_answer`: in its audience now (a link audience: with the token, or started)."""

    user: User
    questionnaire: Questionnaire
    may_answer: bool


def access_questionnaire_for_answering(
    user: User | AnonymousUser,
    questionnaire_id: Any,
    *,
    token: str | None = None,
    to_answer: bool = False,
) -> Respondent:
    """A published questionnaire `user` may answer or has answered, or NotFound. With
    `to_answer`, someone who took part but has left its audience since is refused
    (`not_in_audience`): they still read their receipt, but record nothing more."""
    try:
        pk = int(questionnaire_id)
    except (TypeError, ValueError):
        raise NotFound() from None
    questionnaire = Questionnaire.objects.select_related("community").filter(pk=pk).first()
    if questionnaire is None or not isinstance(user, User) or not user.is_authenticated:
        raise NotFound()
    published = QuestionnaireVersion.objects.filter(
        questionnaire=questionnaire, status=VersionStatus.PUBLISHED
    ).exists()
    if not published:
        raise NotFound()
    may_answer = can_answer(user, questionnaire, token=token)
    if not may_answer:
        if not Participation.objects.filter(questionnaire=questionnaire, user_id=user.pk).exists():
            raise NotFound()
        if to_answer:
            raise ApplicationError(
                _("This questionnaire is not addressed to you."), code="not_in_audience"
            )
    return Respondent(user=user, questionnaire=questionnaire, may_answer=may_answer)


# ---------------------------------------------------------------------------------------
# Exports: row-level files (one row per response, named ones for identified questionnaires)
# only for those who manage the questionnaire; frequency tables, suppressed as the results
# pages are, also for the community's committee.


@dataclass(frozen=True)
class ExportRights:
    rows: bool
    aggregate: bool


def can_export_rows(user: User | AnonymousUser, questionnaire: Questionnaire) -> bool:
    return scope_for(user).administers(questionnaire.community_id)


def can_export_aggregate(user: User | AnonymousUser, questionnaire: Questionnaire) -> bool:
    scope = scope_for(user)
    return (
        scope.administers(questionnaire.community_id)
        or questionnaire.community_id in scope.committee_communities
    )


def knows_questionnaire(user: User | AnonymousUser, questionnaire: Questionnaire) -> bool:
    """Whether `user` holds a role over the questionnaire's community, so refusing an
    export with "forbidden" rather than "not found" tells them nothing new."""
    scope = scope_for(user)
    community = questionnaire.community_id
    return (
        scope.administers(community)
        or community in scope.committee_communities
        or any(c == community for c, _ in scope.coordinated)
    )


def access_questionnaire_exports(
    user: User | AnonymousUser, questionnaire_id: Any
) -> tuple[Questionnaire, ExportRights]:
    """The questionnaire and what `user` may export from it; NotFound if nothing."""
    try:
        pk = int(questionnaire_id)
    except (TypeError, ValueError):
        raise NotFound() from None
    questionnaire = Questionnaire.objects.select_related("community").filter(pk=pk).first()
    if questionnaire is None:
        raise NotFound()
    rights = ExportRights(
        rows=can_export_rows(user, questionnaire),
        aggregate=can_export_aggregate(user, questionnaire),
    )
    if not (rights.rows or rights.aggregate):
        raise NotFound()
    return questionnaire, rights


# ---------------------------------------------------------------------------------------
# Results: programme administrators and committee members of the community, and platform
# administrators, see every page (all suppressed); department coordinators see the
# service-wide page and their department's; members of the community see the service-wide
# page; once results are published, anyone (signed in or not) reads the public page.


@dataclass(frozen=True)
class ResultsRights:
    full: bool
    departments: frozenset[str]  # department codes whose page the user may see

    def department(self, code: str) -> bool:
        return self.full or code in self.departments


def results_rights(
    user: User | AnonymousUser, questionnaire: Questionnaire
) -> ResultsRights | None:
    """What of the questionnaire's results `user` may see; None for nothing."""
    scope = scope_for(user)
    community = questionnaire.community_id
    if scope.administers(community):
        return ResultsRights(full=True, departments=frozenset())
    if questionnaire.results_for_managers:
        return None
    if community in scope.committee_communities:
        return ResultsRights(full=True, departments=frozenset())
    coordinated = [department for c, department in scope.coordinated if c == community]
    if coordinated:
        codes = Department.objects.filter(pk__in=coordinated).values_list("code", flat=True)
        return ResultsRights(full=False, departments=frozenset(codes))
    # One query for "an active, approved member of this community" (ADR 0013).
    if is_community_member(user, community):
        return ResultsRights(full=False, departments=frozenset())
    return None


def access_questionnaire_results(
    user: User | AnonymousUser, questionnaire_id: Any
) -> tuple[Questionnaire, ResultsRights]:
    """The questionnaire and what of its results `user` may see, or NotFound."""
    try:
        pk = int(questionnaire_id)
    except (TypeError, ValueError):
        raise NotFound() from None
    questionnaire = Questionnaire.objects.select_related("community").filter(pk=pk).first()
    if questionnaire is None:
        raise NotFound()
    rights = results_rights(user, questionnaire)
    if rights is None:
        raise NotFound()
    return questionnaire, rights


def access_published_results(token: Any) -> Questionnaire:
    """The questionnaire whose results are published under this results token (its own,
    never the answering link's), or NotFound."""
    if not isinstance(token, str) or not token or len(token) > 40:
        raise NotFound()
    questionnaire = (
        Questionnaire.objects.select_related("community")
        .filter(results_token=token, results_published=True)
        .first()
    )
    if questionnaire is None:
        raise NotFound()
    return questionnaire
