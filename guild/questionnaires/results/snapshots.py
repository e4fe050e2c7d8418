"""Publishing results: snapshots and the refresh points an administrator schedules.

Results are a publication, not a live view (ADR 14). A snapshot marks every response
recorded since the previous one as published; pages, the API and exports of figures read
only published responses, so they change only when a snapshot is taken. A snapshot is
taken at a refresh point that has come due, and when the questionnaire closes, and only
when at least the threshold of new responses has arrived since the previous one: the
difference between two snapshots is itself a group of at least the threshold, never one
person. Participation in an anonymous questionnaire enters the audit log when the
snapshot that publishes it is taken, stamped with that time.
"""

import random
from datetime import datetime

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from guild.accounts.models import User
from guild.core.audit import audit_record, audit_record_each
from guild.core.errors import ApplicationError, NotFound
from guild.questionnaires.answering.wal import forget_deleted_rows
from guild.questionnaires.definition.types import QuestionType
from guild.questionnaires.models import (
    PENDING,
    Answer,
    Participation,
    Questionnaire,
    RefreshPoint,
    RefreshStatus,
    Response,
    ResultsSnapshot,
    SnapshotReason,
)
from guild.questionnaires.results.selectors import results_definition
from guild.questionnaires.results.statistics import results_changed
from guild.questionnaires.results.statistics.tally import tally_snapshot

MAX_REFRESH_POINTS = 50


def snapshot_latest(questionnaire: Questionnaire) -> ResultsSnapshot | None:
    return ResultsSnapshot.objects.filter(questionnaire=questionnaire).order_by("-number").first()


def pending_count(questionnaire: Questionnaire) -> int:
    """Responses recorded and counted but not yet published."""
    return Response.objects.filter(questionnaire=questionnaire, snapshot=PENDING).count()


def _record_participations(questionnaire: Questionnaire, number: int | None) -> None:
    """Audit who took part since the last snapshot, all at this moment and in no order."""
    pending = list(
        Participation.objects.filter(questionnaire=questionnaire, snapshot=PENDING).select_related(
            "user"
        )
    )
    if not pending:
        return
    if questionnaire.anonymous:
        random.SystemRandom().shuffle(pending)
        audit_record_each(
            actors=[p.user for p in pending], action="questionnaire.participate", obj=questionnaire
        )
    Participation.objects.filter(pk__in=[p.pk for p in pending]).update(
        snapshot=number if number is not None else -1
    )


def _answered_questions(questionnaire: Questionnaire) -> tuple[list[str], list[str]]:
    """The multiple-choice and the text questions of the results, whose n is a count of
    its own (`statistics.extras`)."""
    try:
        definition, _version = results_definition(questionnaire)
    except NotFound:
        return [], []
    questions = definition.questions
    multiple = [q.code for q in questions if q.type == QuestionType.MULTIPLE]
    texts = [q.code for q in questions if q.type in (QuestionType.TEXT, QuestionType.LONG_TEXT)]
    return multiple, texts


@transaction.atomic
def snapshot_take(
    *, questionnaire: Questionnaire, reason: str, now: datetime | None = None
) -> ResultsSnapshot | None:
    """Publish the responses recorded since the previous snapshot, if there are at least
    the threshold of them; ``None`` (nothing changes) otherwise."""
    questionnaire = Questionnaire.objects.select_for_update().get(pk=questionnaire.pk)
    added = pending_count(questionnaire)
    if added < questionnaire.threshold:
        return None
    latest = snapshot_latest(questionnaire)
    number = latest.number + 1 if latest else 1
    multiple, texts = _answered_questions(questionnaire)
    tally_snapshot(
        questionnaire_id=questionnaire.pk,
        number=number,
        previous=latest.number if latest else None,
        multiple=multiple,
        texts=texts,
    )
    Answer.objects.filter(questionnaire=questionnaire, retired=True).delete()
    Answer.objects.filter(questionnaire=questionnaire, snapshot=PENDING).update(snapshot=number)
    Response.objects.filter(questionnaire=questionnaire, snapshot=PENDING).update(snapshot=number)
    _record_participations(questionnaire, number)
    snapshot = ResultsSnapshot.objects.create(
        questionnaire=questionnaire,
        number=number,
        taken_at=now or timezone.now(),
        respondents=Response.objects.filter(questionnaire=questionnaire, snapshot__gt=0).count(),
        added=added,
        reason=reason,
    )
    transaction.on_commit(lambda: results_changed(questionnaire.pk))
    return snapshot


def snapshots_take_due(
    *, questionnaire: Questionnaire, now: datetime | None = None
) -> ResultsSnapshot | None:
    """Take what is due: each refresh point whose time has come (a point with too few new
    responses is skipped, never kept waiting, so its timing tells nothing), then the
    closing snapshot once the questionnaire has closed. Idempotent; cheap when nothing is
    due. Run from cron (`questionnaire_snapshots`) and before results are read."""
    now = now or timezone.now()
    taken = None
    due = RefreshPoint.objects.filter(
        questionnaire=questionnaire, status=RefreshStatus.WAITING, due_at__lte=now
    ).order_by("due_at")
    for point in due:
        with transaction.atomic():
            snapshot = snapshot_take(
                questionnaire=questionnaire, reason=SnapshotReason.SCHEDULED, now=now
            )
            point.status = RefreshStatus.TAKEN if snapshot else RefreshStatus.SKIPPED
            point.snapshot = snapshot
            point.save(update_fields=["status", "snapshot"])
            taken = snapshot or taken
    closed = questionnaire.closes_at is not None and questionnaire.closes_at <= now
    if closed and (
        Response.objects.filter(questionnaire=questionnaire, snapshot=PENDING).exists()
        or Participation.objects.filter(questionnaire=questionnaire, snapshot=PENDING).exists()
    ):
        with transaction.atomic():
            snapshot = snapshot_take(
                questionnaire=questionnaire, reason=SnapshotReason.CLOSING, now=now
            )
            if snapshot is None:
                # Fewer than the threshold came after the last snapshot: they are never
                # published, but who took part is still recorded.
                _record_participations(questionnaire, None)
            taken = snapshot or taken
    if taken is not None:
        transaction.on_commit(forget_deleted_rows)
    return taken


def refresh_point_add(
    *, user: User | AnonymousUser, questionnaire: Questionnaire, due_at: datetime
) -> RefreshPoint:
    """Schedule a refresh of the results during collection."""
    errors: dict[str, list[str]] = {}
    if due_at <= timezone.now():
        errors["due_at"] = [_("Choose a time in the future.")]
    elif questionnaire.closes_at and due_at >= questionnaire.closes_at:
        errors["due_at"] = [
            _("Choose a time before the questionnaire closes: results are refreshed at closing.")
        ]
    elif RefreshPoint.objects.filter(questionnaire=questionnaire, due_at=due_at).exists():
        errors["due_at"] = [_("A refresh is already scheduled at that time.")]
    if errors:
        raise ValidationError(errors)
    if (
        RefreshPoint.objects.filter(
            questionnaire=questionnaire, status=RefreshStatus.WAITING
        ).count()
        >= MAX_REFRESH_POINTS
    ):
        raise ApplicationError(
            _("At most %(count)d refreshes can be waiting at once.")
            % {"count": MAX_REFRESH_POINTS},
            code="too_many_refresh_points",
        )
    with transaction.atomic():
        creator = user if isinstance(user, User) else None
        point = RefreshPoint(questionnaire=questionnaire, due_at=due_at, created_by=creator)
        point.full_clean()
        point.save()
        audit_record(
            actor=user,
            action="questionnaire.refresh_point_add",
            obj=questionnaire,
            changes={"due_at": [None, due_at.isoformat()]},
        )
    return point


@transaction.atomic
def refresh_point_remove(
    *, user: User | AnonymousUser, questionnaire: Questionnaire, point_id: int
) -> None:
    """Cancel a refresh that has not happened yet."""
    point = RefreshPoint.objects.filter(
        questionnaire=questionnaire, pk=point_id, status=RefreshStatus.WAITING
    ).first()
    if point is None:
        raise ApplicationError(_("That refresh has already happened."), code="refresh_point_done")
    due_at = point.due_at
    point.delete()
    audit_record(
        actor=user,
        action="questionnaire.refresh_point_remove",
        obj=questionnaire,
        changes={"due_at": [due_at.isoformat(), None]},
    )
