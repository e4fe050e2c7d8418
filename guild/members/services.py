"""Every write of member data: validated, atomic and audited."""

from collections.abc import Iterable
from enum import Enum
from typing import Any, Final

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from guild.accounts.models import AnyUser, signed_in
from guild.accounts.selectors import verified_account_email
from guild.core.audit import audit_record, diff, snapshot
from guild.core.errors import ApplicationError, NotFound, PermissionDenied
from guild.core.jobs import job_create
from guild.core.models import Job
from guild.members.access import (
    access_membership_for_removal,
    access_membership_request_for_decision,
    access_own_membership_request,
    can_export_members,
    is_in_chain_above,
    is_last_programme_administrator,
)
from guild.members.models import (
    PROFILE_FIELDS,
    Member,
    MembershipRequest,
    MembershipStatus,
)
from guild.members.selectors import MemberFilters, last_removal, members_changed
from guild.members.tasks import member_export_task
from guild.organizations.domains import email_domain
from guild.organizations.models import (
    Community,
    Department,
    OccupationalLevel,
    Region,
    WorkStream,
)

AUDITED_FIELDS = [*PROFILE_FIELDS, "communities", "work_streams", "user", "is_active"]


def _validate(member: Member, communities: list[Community], work_streams: list[WorkStream]) -> None:
    errors: dict[str, list[str]] = {}
    community_ids = {c.pk for c in communities}
    if any(stream.community_id not in community_ids for stream in work_streams):
        errors["work_streams"] = [
            _("Choose work streams only from the communities you are a member of.")
        ]
    if member.supervisor_id is not None:
        if member.pk and member.supervisor_id == member.pk:
            errors["supervisor"] = [_("You cannot be your own supervisor.")]
        elif member.pk and is_in_chain_above(member.pk, member.supervisor_id):
            errors["supervisor"] = [
                _("This supervisor reports to you; a reporting chain cannot loop.")
            ]
    email = (member.work_email or "").strip().lower()
    member.work_email = email
    if email and Member.objects.filter(work_email__iexact=email).exclude(pk=member.pk).exists():
        errors["work_email"] = [_("Another member already uses this e-mail address.")]
    # Field errors and relation errors are reported together, so one submission shows all.
    try:
        member.full_clean(validate_constraints=False)
    except ValidationError as error:
        for field, messages in error.message_dict.items():
            errors.setdefault(field, []).extend(m for m in messages if m not in errors[field])
    if errors:
        raise ValidationError(errors)


def _joining_at_once(
    user: AnyUser, join: list[Community], member: Member | None = None
) -> list[Community]:
    """The communities of `join` that admit `user` without approval, so a profile saved
    together with them may already choose their work streams."""
    email = verified_account_email(user)
    return [
        community
        for community in join
        if community.admits_at_once(email)
        and (member is None or last_removal(member=member, community=community) is None)
    ]


@transaction.atomic
def member_create(
    *,
    actor: AnyUser,
    communities: Iterable[Community] = (),
    join: Iterable[Community] = (),
    work_streams: Iterable[WorkStream] = (),
    user: AnyUser = None,
    **fields: Any,
) -> Member:
    """Create a member profile (for `user` when given).

    `communities` are approved memberships and are for trusted callers only (rosters, the
    demo, imports run by administrators). A person creating their own profile passes the
    communities they ask to `join`: each goes through `membership_request_create`."""
    unknown = set(fields) - set(PROFILE_FIELDS) - {"is_active"}
    if unknown:
        raise TypeError(f"Unknown member fields: {sorted(unknown)}")
    member = Member(user=signed_in(user), **fields)
    communities, join, work_streams = list(communities), list(join), list(work_streams)
    _validate(member, [*communities, *_joining_at_once(user, join)], work_streams)
    member.save()
    member.communities.set(communities)
    member.work_streams.set(work_streams)
    transaction.on_commit(members_changed)
    audit_record(
        actor=actor,
        action="member.create",
        obj=member,
        changes=diff({}, snapshot(member, AUDITED_FIELDS)),
    )
    for community in join:
        membership_request_create(actor=actor, member=member, community=community)
    return member


class Unchanged(Enum):
    """The default of every field of `member_update`: leave the field as it is (``None``
    is a value some fields take)."""

    UNCHANGED = "unchanged"


UNCHANGED: Final = Unchanged.UNCHANGED


@transaction.atomic
def member_update(
    *,
    actor: AnyUser,
    member: Member,
    join: Iterable[Community] = (),
    work_streams: Iterable[WorkStream] | None = None,
    given_name: str | Unchanged = UNCHANGED,
    family_name: str | Unchanged = UNCHANGED,
    work_email: str | Unchanged = UNCHANGED,
    department: Department | Unchanged = UNCHANGED,
    region: Region | Unchanged | None = UNCHANGED,
    position_title: str | Unchanged = UNCHANGED,
    level: OccupationalLevel | Unchanged | None = UNCHANGED,
    first_official_language: str | Unchanged = UNCHANGED,
    second_language_reading: str | Unchanged = UNCHANGED,
    second_language_writing: str | Unchanged = UNCHANGED,
    second_language_oral: str | Unchanged = UNCHANGED,
    years_in_community: int | Unchanged | None = UNCHANGED,
    supervisor: Member | Unchanged | None = UNCHANGED,
    consent_directory: bool | Unchanged = UNCHANGED,
    consent_statistics: bool | Unchanged = UNCHANGED,
) -> Member:
    """Change the profile fields given (the others are left as they are); records exactly
    which fields changed. Membership is not a profile field: `join` asks to join communities
    (`membership_request_create`); leaving is `membership_leave`."""
    fields: dict[str, object] = {
        "given_name": given_name,
        "family_name": family_name,
        "work_email": work_email,
        "department": department,
        "region": region,
        "position_title": position_title,
        "level": level,
        "first_official_language": first_official_language,
        "second_language_reading": second_language_reading,
        "second_language_writing": second_language_writing,
        "second_language_oral": second_language_oral,
        "years_in_community": years_in_community,
        "supervisor": supervisor,
        "consent_directory": consent_directory,
        "consent_statistics": consent_statistics,
    }
    member = Member.objects.select_for_update().get(pk=member.pk)
    before = snapshot(member, AUDITED_FIELDS)
    for name, value in fields.items():
        if value is not UNCHANGED:
            setattr(member, name, value)
    join = list(join)
    joining = _joining_at_once(member.user, join, member) if join else []
    new_streams = (
        list(work_streams) if work_streams is not None else list(member.work_streams.all())
    )
    _validate(member, [*member.communities.all(), *joining], new_streams)
    member.save()
    member.work_streams.set(new_streams)
    changes = diff(before, snapshot(member, AUDITED_FIELDS))
    if changes:
        transaction.on_commit(members_changed)
        audit_record(actor=actor, action="member.update", obj=member, changes=changes)
    for community in join:
        membership_request_create(actor=actor, member=member, community=community)
    return member


@transaction.atomic
def member_link_account(*, user: AnyUser) -> Member | None:
    """Attach the unclaimed profile whose work e-mail is the user's verified address."""
    account = signed_in(user)
    if account is None:
        return None
    if Member.objects.filter(user=account).exists():
        return Member.objects.get(user=account)
    # A roster profile carries approved memberships: only a confirmed address claims it
    # (verification is optional in the development settings).
    email = verified_account_email(account)
    if email is None:
        return None
    member = (
        Member.objects.select_for_update()
        .filter(user__isnull=True, work_email__iexact=email)
        .first()
    )
    if member is None:
        return None
    member.user = account
    member.save(update_fields=["user", "updated_at"])
    transaction.on_commit(members_changed)
    audit_record(
        actor=account,
        action="member.link_account",
        obj=member,
        changes={"user": [None, account.pk]},
    )
    return member


@transaction.atomic
def member_export_start(*, actor: AnyUser, filters: MemberFilters) -> Job:
    """Queue a CSV export of the directory rows the actor can see with these filters."""
    if not can_export_members(actor):
        raise PermissionDenied()
    job = job_create(owner=actor, kind="members.export", params=filters.__dict__)
    transaction.on_commit(lambda: member_export_task.enqueue(job_id=str(job.id)))
    return job


# ---------------------------------------------------------------------------------------
# Community membership: decided by the community (docs/adr/0013-community-membership.md).
# `Member.communities` holds approved membership and is written only here (and by
# `member_create` for trusted callers); leaving and removal end a membership the same way.


def _membership_changes(request: MembershipRequest, **extra: Any) -> dict[str, Any]:
    return {"member": request.member_id, "community": request.community_id, **extra}


@transaction.atomic
def membership_request_create(
    *, actor: AnyUser, member: Member, community: Community
) -> MembershipRequest:
    """Ask for `member` to join `community`; only the member's own account may ask.

    Joins at once (status approved, by domain) when the community admits the account's
    *verified* e-mail address, unless the community once removed the member
    (`membership_remove`); otherwise the request waits for a programme administrator
    or a coordinator of the member's department. Asking again while a request waits
    returns it, after checking the domain again (the address may have been confirmed
    since)."""
    if member.user_id is None or getattr(actor, "pk", None) != member.user_id:
        raise PermissionDenied(_("Only members themselves may ask to join a community."))
    member = Member.objects.select_for_update(of=("self",)).select_related("user").get(pk=member.pk)
    if not community.is_active:
        raise ValidationError({"community": [_("This community is not open to new members.")]})
    if member.communities.filter(pk=community.pk).exists():
        raise ValidationError({"community": [_("You are already a member of this community.")]})
    request = (
        MembershipRequest.objects.select_for_update()
        .pending()
        .filter(member=member, community=community)
        .first()
    )
    verified = verified_account_email(member.user)
    removal = last_removal(member=member, community=community)
    if removal is None and community.admits_at_once(verified):
        created = request is None
        if request is None:
            request = MembershipRequest(
                member=member, community=community, requested_by=signed_in(actor)
            )
        request.status = MembershipStatus.APPROVED
        request.approved_by_domain = True
        request.email = verified or ""
        request.email_verified = True
        request.decided_at = timezone.now()
        request.full_clean()
        request.save()
        member.communities.add(community)
        transaction.on_commit(members_changed)
        audit_record(
            actor=actor,
            action="membership.join",
            obj=request,
            changes=_membership_changes(
                request,
                status=[None if created else "pending", "approved"],
                email_domain=email_domain(verified or ""),
            ),
        )
        return request
    if request is not None:
        return request
    account_email = str(member.user.email or "").lower() if member.user else ""
    request = MembershipRequest(
        member=member,
        community=community,
        requested_by=signed_in(actor),
        email=account_email,
        email_verified=verified is not None,
    )
    request.full_clean()
    request.save()
    extra = {"after_removal": removal.pk} if removal is not None else {}
    audit_record(
        actor=actor,
        action="membership.request",
        obj=request,
        changes=_membership_changes(request, status=[None, "pending"], **extra),
    )
    return request


@transaction.atomic
def membership_request_decide(
    *, actor: AnyUser, request_id: Any, approve: bool, note: str = ""
) -> MembershipRequest:
    """Approve or refuse a waiting request. For the community's programme administrators
    (and platform administrators) and for coordinators of the member's department in that
    community; never the person who asked. Every decision is audited."""
    request = access_membership_request_for_decision(actor, request_id)
    request = (
        MembershipRequest.objects.select_for_update()
        .select_related("member", "community")
        .get(pk=request.pk)
    )
    if request.status != MembershipStatus.PENDING:
        raise ApplicationError(
            _("This request has already been decided or withdrawn."), code="already_decided"
        )
    request.status = MembershipStatus.APPROVED if approve else MembershipStatus.REFUSED
    request.decided_by = signed_in(actor)
    request.decided_at = timezone.now()
    request.note = (note or "").strip()
    request.full_clean()
    request.save()
    if approve:
        request.member.communities.add(request.community)
        transaction.on_commit(members_changed)
    audit_record(
        actor=actor,
        action="membership.approve" if approve else "membership.refuse",
        obj=request,
        changes=_membership_changes(request, status=["pending", request.status], note=request.note),
    )
    return request


@transaction.atomic
def membership_request_withdraw(*, actor: AnyUser, request_id: Any) -> MembershipRequest:
    """The member takes back one of their own waiting requests."""
    request = access_own_membership_request(actor, request_id)
    request = MembershipRequest.objects.select_for_update().get(pk=request.pk)
    if request.status != MembershipStatus.PENDING:
        raise ApplicationError(
            _("This request has already been decided or withdrawn."), code="already_decided"
        )
    request.status = MembershipStatus.WITHDRAWN
    request.decided_at = timezone.now()
    request.save(update_fields=["status", "decided_at", "updated_at"])
    audit_record(
        actor=actor,
        action="membership.withdraw",
        obj=request,
        changes=_membership_changes(request, status=["pending", "withdrawn"]),
    )
    return request


@transaction.atomic
def membership_leave(*, actor: AnyUser, member: Member, community_id: Any) -> None:
    """The member leaves a community they belong to, and its work streams with it."""
    if member.user_id is None or getattr(actor, "pk", None) != member.user_id:
        raise NotFound()
    member = Member.objects.select_for_update().get(pk=member.pk)
    pk = _int_or_none(community_id)
    community = member.communities.filter(pk=pk).first() if pk is not None else None
    if community is None:
        raise NotFound()
    _membership_end(actor=actor, member=member, community=community, action="membership.leave")


REMOVAL_REASON_MAX_LENGTH: Final = 500


@transaction.atomic
def membership_remove(*, actor: AnyUser, member: Member, community_id: Any, reason: str) -> bool:
    """Someone who manages the community's membership (`access.manages_membership`, the
    rule that decides requests) takes `member` out of it, for a reason kept in the audit
    record. The consequences are leaving's, by the same code. Returns False, changing
    nothing, when the member is no longer in the community. The last programme
    administrator of a community may not remove themself from it.

    The removal is kept as a membership record (status removed, by whom, when, why): a
    later request of the member to join this community waits for a person's decision,
    whatever its e-mail domain."""
    member, community = access_membership_for_removal(actor, member.pk, community_id)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": [_("Give the reason for removing this member.")]})
    if len(reason) > REMOVAL_REASON_MAX_LENGTH:
        raise ValidationError(
            {
                "reason": [
                    _("Keep the reason to %(limit)d characters or fewer.")
                    % {"limit": REMOVAL_REASON_MAX_LENGTH}
                ]
            }
        )
    member = Member.objects.select_for_update().get(pk=member.pk)
    if not member.communities.filter(pk=community.pk).exists():
        return False
    own = member.user_id is not None and member.user_id == getattr(actor, "pk", None)
    if own and is_last_programme_administrator(member.user_id, community.pk):
        raise ApplicationError(
            _(
                "You are the last programme administrator of this community: give the role "
                "to someone else before you remove yourself."
            ),
            code="last_administrator",
        )
    removal = MembershipRequest(
        member=member,
        community=community,
        status=MembershipStatus.REMOVED,
        decided_by=signed_in(actor),
        decided_at=timezone.now(),
        note=reason,
    )
    removal.full_clean()
    removal.save()
    _membership_end(
        actor=actor,
        member=member,
        community=community,
        action="membership.remove",
        reason=reason,
        removal=removal.pk,
    )
    return True


def _membership_end(
    *, actor: AnyUser, member: Member, community: Community, action: str, **extra: Any
) -> None:
    """Take a locked `member` out of `community` and of its work streams: what leaving
    does, and removal by an administrator does exactly the same."""
    streams = list(member.work_streams.filter(community=community).values_list("pk", flat=True))
    member.communities.remove(community)
    member.work_streams.remove(*streams)
    transaction.on_commit(members_changed)
    audit_record(
        actor=actor,
        action=action,
        obj=member,
        changes={
            "communities": [community.pk, None],
            "work_streams": [sorted(streams), []],
            **extra,
        },
    )


def _int_or_none(value: Any) -> int | None:
    try:
        pk = int(value)
    except (TypeError, ValueError):
        return None
    return pk if 0 < pk < 2**63 else None
