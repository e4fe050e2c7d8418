"""`python manage.py certification_checks`: check every member of each active certification
programme's community against its rules and issue the certificates now earned. Completions
recorded in Guild check at once; this catches what changes elsewhere (competency levels
validated, certificates reaching the end of their validity). Idempotent; run it daily."""

from typing import Any

from django.core.management.base import BaseCommand

from guild.learning.models import CertificationProgramme
from guild.learning.services.certificates import certification_check_members
from guild.members.models import Member


class Command(BaseCommand):
    help = "Issue the certificates members have earned since the last check."

    def handle(self, *args: Any, **options: Any) -> None:
        programmes = CertificationProgramme.objects.filter(active=True)
        members = Member.objects.filter(
            is_active=True, communities__in=programmes.values("community")
        ).distinct()
        issued = certification_check_members(members=list(members))
        self.stdout.write(f"Certificates issued: {len(issued)}")
