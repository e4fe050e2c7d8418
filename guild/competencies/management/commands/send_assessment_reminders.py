"""`python manage.py send_assessment_reminders [--enqueue]`: remind members whose
self-assessment is older than their community's period. Idempotent; run it daily."""

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from guild.competencies.services import assessment_reminders_send
from guild.competencies.tasks import assessment_reminders_task


class Command(BaseCommand):
    help = "E-mail members whose competency self-assessment is older than the reminder period."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--enqueue", action="store_true", help="queue the work for a task worker"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["enqueue"]:
            assessment_reminders_task.enqueue()
            self.stdout.write("Queued.")
            return
        self.stdout.write(f"Reminders sent: {assessment_reminders_send()}")
