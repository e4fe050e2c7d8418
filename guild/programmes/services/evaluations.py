"""Opening the programme's evaluations in the questionnaire engine: after a formal learning
event or an action learning group meeting, for the participants who attended it, and once
per intake for the participants' supervisors, through a link. Every evaluation is
anonymous and publishes its results as snapshots under the disclosure rules (ADR 14)."""

from datetime import datetime, timedelta

from django.contrib.auth.models import AnonymousUser
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from guild.accounts.models import User
from guild.core.audit import audit_record
from guild.core.disclosure import MINIMUM_THRESHOLD
from guild.core.errors import ApplicationError, NotFound
from guild.members.models import Member
from guild.programmes.access import administers
from guild.programmes.evaluation_forms import (
    event_evaluation,
    group_evaluation,
    supervisor_feedback,
)
from guild.programmes.models import ATTENDED, Attendance, Intake, Session, SessionKind
from guild.questionnaires.definition.services import questionnaire_create, version_publish
from guild.questionnaires.models import (
    PENDING,
    Audience,
    Participation,
    Questionnaire,
    RefreshPoint,
    RefreshStatus,
)
from guild.questionnaires.results.snapshots import snapshots_take_due

OPEN_FOR = timedelta(days=14)
SUPERVISORS_OPEN_FOR = timedelta(days=30)
# A group meeting has five to seven participants: at the engine's default threshold (10) its
# evaluation would never publish. Its own snapshots use the lowest threshold the disclosure
# model allows; the success measure pools them and is itself published only from 10 (ADR 19).
GROUP_THRESHOLD = MINIMUM_THRESHOLD

Actor = User | AnonymousUser | None


def _free_slug(intake: Intake, base: str) -> str:
    """`base`, or with a number after it when a questionnaire of the community has it (one
    whose session or intake let go of it, say)."""
    taken = set(
        Questionnaire.objects.filter(
            community_id=intake.programme.community_id, slug__startswith=base[:50]
        ).values_list("slug", flat=True)
    )
    slug, number = base[:50], 1
    while slug in taken:
        number += 1
        slug = f"{base[:50]}-{number}"
    return slug


def check_administrator(actor: Actor, intake: Intake) -> None:
    if actor is not None and not administers(actor, intake.programme.community_id):
        raise NotFound()


@transaction.atomic
def evaluation_open(
    *, actor: Actor, session: Session, now: datetime | None = None
) -> Questionnaire:
    """Open the anonymous evaluation of a formal learning event or an action learning group
    meeting for the participants marked present or late at it: it opens now, closes in 14
    days, and publishes its results when it closes (if enough have answered)."""
    session = (
        Session.objects.select_for_update(of=("self",))
        .select_related("intake__programme")
        .get(pk=session.pk)
    )
    intake = session.intake
    check_administrator(actor, intake)
    if session.evaluation_id is not None:
        raise ApplicationError(
            _("This session's evaluation is already open."), code="evaluation_exists"
        )
    if session.kind not in (SessionKind.EVENT, SessionKind.GROUP):
        raise ApplicationError(
            _("Only formal learning events and group meetings are evaluated."),
            code="not_evaluated",
        )
    attended = Member.objects.filter(
        pk__in=Attendance.objects.filter(session=session, status__in=ATTENDED).values(
            "participant__member_id"
        )
    )
    members = list(attended)
    if not members:
        raise ApplicationError(
            _("Take the attendance first: the evaluation goes to those who attended."),
            code="no_attendance",
        )
    start = now or timezone.now()
    is_event = session.kind == SessionKind.EVENT
    questionnaire = questionnaire_create(
        actor=actor,
        community=intake.programme.community,
        slug=_free_slug(intake, f"{intake.programme.code}-{intake.pk}-session-{session.pk}"),
        definition=event_evaluation() if is_event else group_evaluation(),
        anonymous=True,
        audience=Audience.MEMBERS,
        audience_members=members,
        opens_at=start,
        closes_at=start + OPEN_FOR,
        threshold=None if is_event else GROUP_THRESHOLD,
        results_for_managers=True,
    )
    version_publish(actor=actor, questionnaire=questionnaire)
    session.evaluation = questionnaire
    session.save(update_fields=["evaluation", "updated_at"])
    audit_record(
        actor=actor,
        action="programmes.evaluation_open",
        obj=session,
        changes={"evaluation": [None, questionnaire.pk], "invited": len(members)},
    )
    return questionnaire


@transaction.atomic
def supervisor_feedback_open(
    *, actor: Actor, intake: Intake, now: datetime | None = None
) -> Questionnaire:
    """Open the supervisors' anonymous feedback questionnaire, answered through its link."""
    intake = (
        Intake.objects.select_for_update(of=("self",)).select_related("programme").get(pk=intake.pk)
    )
    check_administrator(actor, intake)
    if intake.supervisor_feedback_id is not None:
        raise ApplicationError(
            _("The supervisors' feedback questionnaire is already open."),
            code="feedback_exists",
        )
    start = now or timezone.now()
    questionnaire = questionnaire_create(
        actor=actor,
        community=intake.programme.community,
        slug=_free_slug(intake, f"{intake.programme.code}-{intake.pk}-supervisors"),
        definition=supervisor_feedback(),
        anonymous=True,
        audience=Audience.LINK,
        opens_at=start,
        closes_at=start + SUPERVISORS_OPEN_FOR,
        results_for_managers=True,
    )
    version_publish(actor=actor, questionnaire=questionnaire)
    intake.supervisor_feedback = questionnaire
    intake.save(update_fields=["supervisor_feedback"])
    audit_record(
        actor=actor,
        action="programmes.supervisor_feedback_open",
        obj=intake,
        changes={"supervisor_feedback": [None, questionnaire.pk]},
    )
    return questionnaire


def evaluations_publish_due(*, intake: Intake, now: datetime | None = None) -> int:
    """Take the results snapshots of the intake's evaluations that have come due (a refresh
    point reached, or closed with responses waiting), as the engine's results pages do
    before they are read and cron does every few minutes; how many were taken."""
    now = now or timezone.now()
    ours = Q(pk__in=Session.objects.filter(intake=intake).values("evaluation_id"))
    if intake.supervisor_feedback_id:
        ours |= Q(pk=intake.supervisor_feedback_id)
    due = RefreshPoint.objects.filter(status=RefreshStatus.WAITING, due_at__lte=now)
    waiting = Participation.objects.filter(snapshot=PENDING)
    candidates = Questionnaire.objects.filter(ours).filter(
        Q(pk__in=due.values("questionnaire_id"))
        | Q(closes_at__lte=now, pk__in=waiting.values("questionnaire_id"))
    )
    return sum(
        snapshots_take_due(questionnaire=questionnaire, now=now) is not None
        for questionnaire in candidates
    )
