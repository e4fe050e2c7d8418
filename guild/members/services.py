"""Every write of member data: validated, atomic and audited."""

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from guild.core.audit import audit_record, diff, snapshot
from guild.core.errors import PermissionDenied
from guild.core.jobs import job_create
from guild.core.models import Job
from guild.members.access import can_export_members, is_in_chain_above
from guild.members.models import PROFILE_FIELDS, Member
from guild.members.selectors import MemberFilters, members_changed
from guild.members.tasks import member_export_task
from guild.organizations.models import Community, WorkStream

AUDITED_FIELDS = [*PROFILE_FIELDS, "communities", "work_streams", "user", "is_active"]


def _validate(member: Member, communities: list[Community], work_streams: list[WorkStream]) -> None:
    errors: dict[str, list[str]] = {}
    if not communities:
        errors["communities"] = [_("Choose at least one community.")]
    community_ids = {c.pk for c in communities}
    if any(stream.community_id not in community_ids for stream in work_streams):
        errors["work_streams"] = [_("Choose work streams only from the communities you belong to.")]
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


@transaction.atomic
def member_create(
    *,
    actor: Any,
    communities: Iterable[Community],
    work_streams: Iterable[WorkStream] = (),
    user: Any = None,
    **fields: Any,
) -> Member:
    """Create a member profile (for `user` when given)."""
    unknown = set(fields) - set(PROFILE_FIELDS) - {"is_active"}
    if unknown:
        raise TypeError(f"Unknown member fields: {sorted(unknown)}")
    member = Member(user=user, **fields)
    communities, work_streams = list(communities), list(work_streams)
    _validate(member, communities, work_streams)
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
    return member


@transaction.atomic
def member_update(
    *,
    actor: Any,
    member: Member,
    communities: Iterable[Community] | None = None,
    work_streams: Iterable[WorkStream] | None = None,
    **fields: Any,
) -> Member:
    """Change a member's profile; records exactly which fields changed."""
    unknown = set(fields) - set(PROFILE_FIELDS)
    if unknown:
        raise TypeError(f"Unknown member fields: {sorted(unknown)}")
    member = Member.objects.select_for_update().get(pk=member.pk)
    before = snapshot(member, AUDITED_FIELDS)
    for name, value in fields.items():
        setattr(member, name, value)
    new_communities = (
        list(communities) if communities is not None else list(member.communities.all())
    )
    new_streams = (
        list(work_streams) if work_streams is not None else list(member.work_streams.all())
    )
    _validate(member, new_communities, new_streams)
    member.save()
    member.communities.set(new_communities)
    member.work_streams.set(new_streams)
    changes = diff(before, snapshot(member, AUDITED_FIELDS))
    if changes:
        transaction.on_commit(members_changed)
        audit_record(actor=actor, action="member.update", obj=member, changes=changes)
    return member


@transaction.atomic
def member_link_account(*, user: Any) -> Member | None:
    """Attach the unclaimed profile whose work e-mail is the user's verified address."""
    if Member.objects.filter(user=user).exists():
        return Member.objects.get(user=user)
    member = (
        Member.objects.select_for_update()
        .filter(user__isnull=True, work_email__iexact=user.email)
        .first()
    )
    if member is None:
        return None
    member.user = user
    member.save(update_fields=["user", "updated_at"])
    transaction.on_commit(members_changed)
    audit_record(
        actor=user, action="member.link_account", obj=member, changes={"user": [None, user.pk]}
    )
    return member


@transaction.atomic
def member_export_start(*, actor: Any, filters: MemberFilters) -> Job:
    """Queue a CSV export of the directory rows the actor can see with these filters."""
    if not can_export_members(actor):
        raise PermissionDenied()
    job = job_create(owner=actor, kind="members.export", params=filters.__dict__)
    transaction.on_commit(lambda: member_export_task.enqueue(job_id=str(job.id)))
    return job
