"""The attendance register, taken by the programme's administrators, and the alert to a
participant's supervisor.

Marking is all or nothing: every line that cannot be taken is named at once (someone not in
this cohort, someone not expected at this session, a session not held yet) and nothing is
saved.

The alert: after marks are saved, each affected participant's rate over every session
they were expected at (formal events and group meetings together, `rates`) is compared
with the intake's threshold. Falling below it e-mails their supervisor once, and
`Participant.alerted_at` records it; when the rate is back at or above the threshold,
`alerted_at` is cleared, so a later fall alerts again. A participant whose profile names
no supervisor has no one to alert: nothing is recorded, so the alert goes out at the next
marking after a supervisor is named.
"""

from collections.abc import Iterable, Mapping
from typing import Any

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from guild.accounts.models import AnyUser
from guild.core.audit import audit_record
from guild.core.errors import NotFound, Problem, ProblemsError
from guild.members.models import Member
from guild.programmes import rates
from guild.programmes.access import administers
from guild.programmes.models import Attendance, Participant, Session, SessionKind
from guild.programmes.selectors.cohort import cohort_rates, rate_definition, session_day


def _line_problem(session: Session, participant: Participant, status: Any) -> str | None:
    name = {"name": str(participant)}
    if status not in rates.STATUSES:
        return _("%(name)s: choose present, late, absent or excused.") % name
    day = session_day(session)
    if not participant.in_window(day):
        return _(
            "%(name)s takes part from %(joined)s to %(left)s: this session is outside that."
        ) % {
            **name,
            "joined": participant.joined_on.isoformat(),
            "left": participant.left_on.isoformat() if participant.left_on else "—",
        }
    if session.kind == SessionKind.GROUP and participant.group_id != session.group_id:
        return _("%(name)s is not in this group, so is not expected at its meeting.") % name
    return None


def _problems(
    session: Session, marks: Mapping[Any, Any], participants: dict[int, Participant]
) -> list[Problem]:
    problems = []
    if not marks:
        problems.append(Problem("marks", _("Mark at least one participant.")))
    if session.starts_at > timezone.now():
        problems.append(
            Problem("session", _("This session has not started yet: take attendance after it."))
        )
    for key, status in marks.items():
        participant = participants.get(key)
        if participant is None:
            problems.append(
                Problem(
                    f"marks.{key}",
                    _("%(id)s is not a participant in this cohort.") % {"id": key},
                )
            )
            continue
        if message := _line_problem(session, participant, status):
            problems.append(Problem(f"marks.{key}", message))
    return problems


def _participants(session: Session, keys: Iterable[Any]) -> dict[int, Participant]:
    ids = set()
    for key in keys:
        if isinstance(key, int) and not isinstance(key, bool) and 0 < key < 2**63:
            ids.add(key)
    found = Participant.objects.filter(intake_id=session.intake_id, pk__in=ids).select_related(
        "member", "group"
    )
    return {p.pk: p for p in found}


@transaction.atomic
def attendance_mark_bulk(
    *, actor: AnyUser, session: Session, marks: Mapping[Any, Any]
) -> list[Attendance]:
    """Record `marks` ({participant id: status}) for `session`, replacing earlier marks of
    the same people; all or nothing. Then check each one's supervisor alert."""
    if not administers(actor, session.intake.programme.community_id):
        raise NotFound()
    participants = _participants(session, marks)
    if problems := _problems(session, marks, participants):
        raise ProblemsError(
            _("The attendance was not saved: correct the lines below."),
            code="attendance_refused",
            problems=problems,
        )
    existing = {a.participant_id: a for a in Attendance.objects.filter(session=session)}
    changes: dict[str, list[Any]] = {}
    saved = []
    recorder = actor if getattr(actor, "is_authenticated", False) else None
    for participant_id, status in marks.items():
        row = existing.get(participant_id)
        old = row.status if row else None
        if row is None:
            row = Attendance(session=session, participant_id=participant_id)
        row.status = status
        row.recorded_by = recorder  # type: ignore[assignment]
        row.save()
        saved.append(row)
        if old != status:
            changes[str(participant_id)] = [old, status]
    if changes:
        audit_record(actor=actor, action="programmes.attendance_mark", obj=session, changes=changes)
    attendance_alerts_check(participants=list(participants.values()))
    return saved


def _language(member: Member) -> str:
    if member.user is not None and member.user.preferred_language:
        return str(member.user.preferred_language)
    return member.first_official_language or settings.LANGUAGE_CODE


def _alert(participant: Participant, rate: rates.Rate, threshold: int) -> bool:
    """E-mail the participant's supervisor (after the commit); False when there is none."""
    supervisor = participant.member.supervisor
    if supervisor is None:
        return False
    with translation.override(_language(supervisor)):
        subject = _("Attendance of %(name)s in the leadership programme") % {
            "name": participant.member.full_name
        }
        body = _(
            "Hello %(supervisor)s,\n\n"
            "%(name)s's attendance in %(intake)s is %(percent)s%% (%(attended)d of %(expected)d "
            "sessions), below the programme's threshold of %(threshold)d%%.\n\n"
            "%(definition)s\n\nGuild"
        ) % {
            "supervisor": supervisor.given_name,
            "name": participant.member.full_name,
            "intake": participant.intake.name,
            "percent": rate.percent,
            "attended": rate.attended,
            "expected": rate.expected,
            "threshold": threshold,
            "definition": rate_definition(),
        }
    address = supervisor.work_email
    transaction.on_commit(lambda: send_mail(subject, body, None, [address]))
    return True


def attendance_alerts_check(*, participants: list[Participant]) -> list[Participant]:
    """Alert the supervisor of each participant newly below the threshold, clear the alert
    of those back above it; returns those alerted now."""
    if not participants:
        return []
    intake = participants[0].intake
    chosen = list(
        Participant.objects.filter(pk__in=[p.pk for p in participants]).select_related(
            "member", "member__supervisor", "member__supervisor__user", "intake"
        )
    )
    found = cohort_rates(intake, chosen)
    alerted = []
    now = timezone.now()
    for participant in chosen:
        rate = found.by_participant[participant.pk].overall
        low = rates.below(rate, intake.attendance_alert_below)
        if low and participant.alerted_at is None:
            if not _alert(participant, rate, intake.attendance_alert_below):
                continue
            participant.alerted_at = now
            participant.save(update_fields=["alerted_at"])
            alerted.append(participant)
        elif not low and participant.alerted_at is not None:
            participant.alerted_at = None
            participant.save(update_fields=["alerted_at"])
    return alerted
