"""Writes of the cohort by the programme's administrators: the launch (participants from
the selected nominations, action learning groups formed by `grouping`), a late joiner,
a participant's window, and moving people between groups.

Group sizes: the launch forms groups of five to seven (see `grouping`). Afterwards a move
is refused when it would put more than seven people in a group, or take a group of five or
more below five; a group already outside 5 to 7 (after a late joiner, or a cohort of eight or
nine) may be brought back towards it. An empty group can be added to split one by hand.
"""

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count
from django.utils.translation import gettext as _

from guild.accounts.models import AnyUser, User
from guild.core.audit import audit_record, diff, snapshot
from guild.core.errors import ApplicationError, NotFound
from guild.programmes.access import administers
from guild.programmes.grouping import LARGEST, SMALLEST, Person, form_groups
from guild.programmes.models import (
    Intake,
    IntakeStage,
    LearningGroup,
    Nomination,
    NominationEvent,
    NominationStep,
    Outcome,
    Participant,
)
from guild.programmes.services.attendance import attendance_alerts_check

PARTICIPANT_FIELDS = ("joined_on", "left_on", "group")


def _administered(actor: AnyUser, intake: Intake) -> Intake:
    if not administers(actor, intake.programme.community_id):
        raise NotFound()
    return Intake.objects.select_for_update().get(pk=intake.pk)


def _group(intake: Intake, number: int) -> LearningGroup:
    return LearningGroup.objects.create(
        intake=intake, number=number, name_en=f"Group {number}", name_fr=f"Groupe {number}"
    )


@transaction.atomic
def cohort_launch(*, actor: AnyUser, intake: Intake) -> list[Participant]:
    """Launch the cohort at the end of the selection stage: a participant for each selected
    nomination, joining on the intake's first day, dealt into action learning groups; the
    intake is then under way. Refused a second time (nothing changes)."""
    locked = _administered(actor, intake)
    if locked.stage in (IntakeStage.RUNNING, IntakeStage.CLOSED) or (
        Participant.objects.filter(intake=locked).exists()
    ):
        raise ApplicationError(_("This cohort was already launched."), code="already_launched")
    if locked.stage != IntakeStage.SELECTING:
        raise ApplicationError(
            _("Launch the cohort after the selection: the intake is at the stage “%(stage)s”.")
            % {"stage": locked.get_stage_display()},
            code="not_selected_yet",
        )
    selected = list(
        Nomination.objects.filter(
            intake=locked, outcome=Outcome.SELECTED, withdrawn_at__isnull=True
        ).order_by("pk")
    )
    dealt = form_groups([Person(n.pk, n.department_id) for n in selected])
    by_nomination = {n.pk: n for n in selected}
    participants = []
    for number, members in enumerate(dealt, start=1):
        group = _group(locked, number)
        for nomination_id in members:
            nomination = by_nomination[nomination_id]
            participants.append(
                Participant(
                    intake=locked,
                    member_id=nomination.member_id,
                    nomination=nomination,
                    group=group,
                    joined_on=locked.starts_on,
                )
            )
    Participant.objects.bulk_create(participants)
    locked.stage = IntakeStage.RUNNING
    locked.save(update_fields=["stage"])
    intake.stage = locked.stage
    audit_record(
        actor=actor,
        action="programmes.cohort_launch",
        obj=locked,
        changes={"participants": len(participants), "groups": len(dealt)},
    )
    return participants


def _window_errors(
    intake: Intake, joined_on: datetime.date | None, left_on: datetime.date | None
) -> dict[str, list[Any]]:
    errors: dict[str, list[Any]] = {}
    dates = {
        "start": intake.starts_on.isoformat(),
        "end": intake.ends_on.isoformat(),
    }
    if joined_on is None:
        errors["joined_on"] = [_("Enter the day they joined.")]
    elif not intake.starts_on <= joined_on <= intake.ends_on:
        errors["joined_on"] = [_("The cohort runs from %(start)s to %(end)s.") % dates]
    if left_on is not None:
        if not intake.starts_on <= left_on <= intake.ends_on:
            errors["left_on"] = [_("The cohort runs from %(start)s to %(end)s.") % dates]
        elif joined_on is not None and left_on < joined_on:
            errors["left_on"] = [_("They cannot leave before they joined.")]
    return errors


def _fewest_colleagues(intake: Intake, department_id: int) -> LearningGroup | None:
    """The group a late joiner goes to: one with room, the fewest from their department,
    then the smallest."""
    groups = (
        LearningGroup.objects.filter(intake=intake)
        .annotate(size=Count("participants"))
        .filter(size__lt=LARGEST)
    )
    colleagues = dict(
        Participant.objects.filter(intake=intake, nomination__department_id=department_id)
        .values("group_id")
        .annotate(n=Count("pk"))
        .values_list("group_id", "n")
    )
    ranked = sorted(groups, key=lambda g: (colleagues.get(g.pk, 0), g.size, g.number))
    return ranked[0] if ranked else None


@transaction.atomic
def participant_add(
    *, actor: AnyUser, intake: Intake, nomination: Nomination, joined_on: datetime.date | None
) -> Participant:
    """A late joiner: a nomination of this intake on the waitlist (offered the seat), or
    selected or entered to load history but not yet in the cohort. They join a group with
    room that has the fewest of their colleagues, or none when every group is full."""
    locked = _administered(actor, intake)
    if nomination.intake_id != locked.pk:
        raise NotFound()
    if locked.stage != IntakeStage.RUNNING:
        raise ApplicationError(_("Launch the cohort first."), code="not_launched")
    errors = _window_errors(locked, joined_on, None)
    if nomination.is_withdrawn or not (
        nomination.outcome in (Outcome.WAITLISTED, Outcome.SELECTED) or nomination.historical
    ):
        errors["nomination"] = [
            _("Only a nomination on the waitlist, selected or entered to load history can join.")
        ]
    elif Participant.objects.filter(intake=locked, member_id=nomination.member_id).exists():
        errors["nomination"] = [
            _("%(name)s is already in the cohort.") % {"name": nomination.member}
        ]
    if errors or joined_on is None:
        raise ValidationError(errors)
    if nomination.outcome == Outcome.WAITLISTED:
        nomination.outcome = Outcome.SELECTED
        nomination.waitlist_rank = None
        nomination.save(update_fields=["outcome", "waitlist_rank"])
        NominationEvent.objects.create(
            nomination=nomination,
            step=NominationStep.PROMOTED,
            actor=actor if isinstance(actor, User) else None,
        )
    participant = Participant(
        intake=locked,
        member_id=nomination.member_id,
        nomination=nomination,
        joined_on=joined_on,
        group=_fewest_colleagues(locked, nomination.department_id),
    )
    participant.full_clean(validate_unique=False)
    participant.save()
    audit_record(
        actor=actor,
        action="programmes.participant_add",
        obj=participant,
        changes=snapshot(participant, PARTICIPANT_FIELDS),
    )
    return participant


@transaction.atomic
def participant_window(
    *,
    actor: AnyUser,
    participant: Participant,
    joined_on: datetime.date | None,
    left_on: datetime.date | None,
) -> Participant:
    """Change when a participant joined or left; sessions outside the window stop counting
    in their rate (their marks are kept), and the supervisor alert is checked again."""
    _administered(actor, participant.intake)
    errors = _window_errors(participant.intake, joined_on, left_on)
    if errors or joined_on is None:
        raise ValidationError(errors)
    before = snapshot(participant, PARTICIPANT_FIELDS)
    participant.joined_on = joined_on
    participant.left_on = left_on
    participant.save(update_fields=["joined_on", "left_on"])
    if changes := diff(before, snapshot(participant, PARTICIPANT_FIELDS)):
        audit_record(
            actor=actor, action="programmes.participant_window", obj=participant, changes=changes
        )
    attendance_alerts_check(participants=[participant])
    return participant


def _size(group: LearningGroup) -> int:
    return Participant.objects.filter(group=group).count()


@transaction.atomic
def participant_move(
    *, actor: AnyUser, participant: Participant, group: LearningGroup
) -> Participant:
    """Move a participant to another group of the same intake (see the module's rule on
    sizes)."""
    _administered(actor, participant.intake)
    if group.intake_id != participant.intake_id:
        raise NotFound()
    if group.pk == participant.group_id:
        return participant
    name = {"name": str(participant), "group": group.name, "largest": LARGEST}
    if _size(group) + 1 > LARGEST:
        raise ApplicationError(
            _("%(group)s already has %(largest)d people: %(name)s cannot join it.") % name,
            code="group_full",
        )
    if participant.group is not None:
        left = _size(participant.group)
        if left >= SMALLEST > left - 1:
            raise ApplicationError(
                _("%(group)s would have fewer than %(smallest)d people without %(name)s.")
                % {"group": participant.group.name, "name": str(participant), "smallest": SMALLEST},
                code="group_too_small",
            )
    before = snapshot(participant, PARTICIPANT_FIELDS)
    participant.group = group
    participant.save(update_fields=["group"])
    audit_record(
        actor=actor,
        action="programmes.participant_move",
        obj=participant,
        changes=diff(before, snapshot(participant, PARTICIPANT_FIELDS)),
    )
    return participant


@transaction.atomic
def group_add(*, actor: AnyUser, intake: Intake) -> LearningGroup:
    """An empty group, numbered after the others, to split a group by hand."""
    locked = _administered(actor, intake)
    if locked.stage != IntakeStage.RUNNING:
        raise ApplicationError(_("Launch the cohort first."), code="not_launched")
    last = LearningGroup.objects.filter(intake=locked).order_by("-number").first()
    group = _group(locked, (last.number if last else 0) + 1)
    audit_record(actor=actor, action="programmes.group_add", obj=group, changes={})
    return group
