"""Publish questionnaire results that have come due: run from cron every few minutes."""

from typing import Any

from django.core.management.base import BaseCommand
from django.db.models import Q
from django.utils import timezone

from guild.questionnaires.models import (
    PENDING,
    Participation,
    Questionnaire,
    RefreshPoint,
    RefreshStatus,
)
from guild.questionnaires.results.snapshots import snapshots_take_due


class Command(BaseCommand):
    help = (
        "Take the results snapshots that are due: refresh points whose time has come and "
        "questionnaires that have closed."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        now = timezone.now()
        due = RefreshPoint.objects.filter(status=RefreshStatus.WAITING, due_at__lte=now)
        waiting = Participation.objects.filter(snapshot=PENDING)
        candidates = Questionnaire.objects.filter(
            Q(pk__in=due.values("questionnaire_id"))
            | Q(closes_at__lte=now, pk__in=waiting.values("questionnaire_id"))
        )
        taken = 0
        for questionnaire in candidates:
            if snapshots_take_due(questionnaire=questionnaire, now=now) is not None:
                taken += 1
        self.stdout.write(f"{taken} snapshot(s) taken.")
