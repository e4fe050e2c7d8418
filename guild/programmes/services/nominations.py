"""Every write to nominations, each with its history entry and audit record: a
coordinator nominates, the nominee accepts or declines, the named supervisor endorses or
not (signed in, or through the e-mailed link), and the nominator, the department's
coordinators or an administrator withdraw it.

A nomination is refused with every problem at once (`ProblemsError`) and nothing saved:
an ineligible or inactive member, one outside the programme's community or the actor's
departments, a closed call, a full department quota, a second open nomination, or no
supervisor to endorse it. Administrators may enter nominations of intakes whose call has
closed to load history, already accepted and endorsed; the quota does not apply to them,
since they record what was decided then."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from guild.accounts.models import AnyUser, signed_in
from guild.core.audit import audit_record
from guild.core.errors import ApplicationError, NotFound, Problem, ProblemsError
from guild.members.models import Member
from guild.programmes.access import (
    administers,
    can_withdraw,
    coordinated_departments,
    is_named_supervisor,
    is_nominee,
)
from guild.programmes.models import (
    Consent,
    Endorsement,
    Intake,
    IntakeStage,
    Nomination,
    NominationEvent,
    NominationStep,
)
from guild.programmes.services.nomination_notices import nomination_notify
from guild.programmes.services.nomination_rules import member_problems, window_problems

CLOSED_STAGES = (IntakeStage.RUNNING, IntakeStage.CLOSED)
RATIONALE_MAX = 4000


def _event(
    nomination: Nomination,
    step: str,
    actor: AnyUser | None,
    note: str = "",
    *,
    through_link: bool = False,
) -> None:
    NominationEvent.objects.create(
        nomination=nomination,
        step=step,
        actor=signed_in(actor),
        note=note,
        through_link=through_link,
    )


@transaction.atomic
def nominate(
    *,
    actor: AnyUser,
    intake: Intake,
    member: Member,
    rationale: str,
    historical: bool = False,
) -> Nomination:
    """Nominate `member` to `intake`, recording their department and supervisor now, and
    e-mail the nominee and the supervisor. `historical` (administrators, intakes whose
    call has closed) enters it already accepted and endorsed, and e-mails no one."""
    community_id = intake.programme.community_id
    if not (administers(actor, community_id) or coordinated_departments(actor, community_id)):
        raise NotFound()
    intake = (
        Intake.objects.select_for_update(of=("self",)).select_related("programme").get(pk=intake.pk)
    )
    member = Member.objects.select_related("department", "supervisor").get(pk=member.pk)
    rationale = rationale.strip()
    problems = window_problems(actor, intake, historical)
    problems += member_problems(actor, intake, member, historical)
    if not rationale:
        problems.append(Problem("rationale", _("Say why you nominate this member.")))
    elif len(rationale) > RATIONALE_MAX:
        problems.append(
            Problem("rationale", _("Keep the rationale under %(max)d characters.") % {"max": 4000})
        )
    if problems:
        raise ProblemsError(
            gettext_lazy("The nomination cannot be made."),
            code="invalid_nomination",
            problems=problems,
        )
    nomination = Nomination.objects.create(
        intake=intake,
        member=member,
        department=member.department,
        supervisor=member.supervisor,
        nominated_by=signed_in(actor),
        rationale=rationale,
        historical=historical,
        consent=Consent.GIVEN if historical else Consent.PENDING,
        endorsement=Endorsement.ENDORSED if historical else Endorsement.PENDING,
        endorsed_by=member.supervisor if historical else None,
    )
    _event(nomination, NominationStep.NOMINATED, actor)
    if historical:
        note = _("Entered to load history.")
        _event(nomination, NominationStep.ACCEPTED, actor, note)
        _event(nomination, NominationStep.ENDORSED, actor, note)
    audit_record(
        actor=actor,
        action="programmes.nomination_create",
        obj=nomination,
        changes={
            "intake": intake.pk,
            "member": member.pk,
            "department": member.department_id,
            "supervisor": member.supervisor_id,
            "historical": historical,
        },
    )
    if not historical:
        nomination_notify(nomination)
    return nomination


def _locked(nomination: Nomination) -> Nomination:
    return (
        Nomination.objects.select_for_update(of=("self",))
        .select_related("intake", "intake__programme", "member", "supervisor")
        .get(pk=nomination.pk)
    )


def _still_open(nomination: Nomination) -> None:
    if nomination.is_withdrawn:
        raise ApplicationError(_("This nomination was withdrawn."), code="withdrawn")
    if nomination.intake.stage in CLOSED_STAGES:
        raise ApplicationError(
            _("This intake's cohort is under way; its nominations are settled."),
            code="intake_closed",
        )


@transaction.atomic
def consent(*, actor: AnyUser, nomination: Nomination, accept: bool) -> Nomination:
    """The nominee accepts or declines, once."""
    if not is_nominee(actor, nomination):
        raise NotFound()
    nomination = _locked(nomination)
    _still_open(nomination)
    if nomination.consent != Consent.PENDING:
        raise ApplicationError(
            _("You already answered this nomination: %(answer)s.")
            % {"answer": nomination.get_consent_display()},
            code="already_answered",
        )
    nomination.consent = Consent.GIVEN if accept else Consent.DECLINED
    nomination.save(update_fields=["consent"])
    _event(nomination, NominationStep.ACCEPTED if accept else NominationStep.DECLINED, actor)
    audit_record(
        actor=actor,
        action="programmes.nomination_consent",
        obj=nomination,
        changes={"consent": [Consent.PENDING, nomination.consent]},
    )
    return nomination


def _decide(
    actor: AnyUser, nomination: Nomination, endorse: bool, note: str, through_link: bool
) -> Nomination:
    nomination = _locked(nomination)
    _still_open(nomination)
    if nomination.endorsement != Endorsement.PENDING:
        raise ApplicationError(
            _("The supervisor's decision is already recorded: %(decision)s.")
            % {"decision": nomination.get_endorsement_display()},
            code="already_decided",
        )
    if nomination.consent == Consent.DECLINED:
        raise ApplicationError(
            _("The nominee declined this nomination; there is nothing to endorse."),
            code="declined",
        )
    nomination.endorsement = Endorsement.ENDORSED if endorse else Endorsement.REFUSED
    nomination.endorsed_by = nomination.supervisor
    nomination.save(update_fields=["endorsement", "endorsed_by"])
    step = NominationStep.ENDORSED if endorse else NominationStep.REFUSED
    _event(nomination, step, actor, note.strip()[:2000], through_link=through_link)
    audit_record(
        actor=actor,
        action="programmes.nomination_endorse",
        obj=nomination,
        changes={
            "endorsement": [Endorsement.PENDING, nomination.endorsement],
            "through_link": through_link,
        },
    )
    return nomination


@transaction.atomic
def endorse(*, actor: AnyUser, nomination: Nomination, endorse: bool, note: str = "") -> Nomination:
    """The supervisor the nomination names endorses it or not, once."""
    if not is_named_supervisor(actor, nomination):
        raise NotFound()
    return _decide(actor, nomination, endorse, note, through_link=False)


@transaction.atomic
def endorse_through_link(
    *, nomination: Nomination, endorse: bool, note: str = "", actor: AnyUser | None = None
) -> Nomination:
    """The supervisor's decision through the e-mailed link: the caller has checked the
    link's token (`selectors.nomination_from_link`), which names this supervisor."""
    return _decide(actor, nomination, endorse, note, through_link=True)


@transaction.atomic
def withdraw(*, actor: AnyUser, nomination: Nomination, reason: str) -> Nomination:
    """The nominator, the department's coordinators or an administrator withdraw the
    nomination, saying why."""
    if not can_withdraw(actor, nomination):
        raise NotFound()
    nomination = _locked(nomination)
    reason = reason.strip()
    if nomination.is_withdrawn:
        raise ApplicationError(_("This nomination was withdrawn."), code="withdrawn")
    if not reason:
        raise ProblemsError(
            gettext_lazy("The nomination cannot be withdrawn."),
            code="invalid_withdrawal",
            problems=[Problem("reason", _("Say why the nomination is withdrawn."))],
        )
    _still_open(nomination)
    nomination.withdrawn_at = timezone.now()
    nomination.save(update_fields=["withdrawn_at"])
    _event(nomination, NominationStep.WITHDRAWN, actor, reason[:2000])
    audit_record(
        actor=actor,
        action="programmes.nomination_withdraw",
        obj=nomination,
        changes={"withdrawn_at": str(nomination.withdrawn_at), "reason": reason[:2000]},
    )
    return nomination
