"""`python manage.py certification_checks`: check every member of each active certification
programme's community against its rules and issue the certificates now earned. Completions
recorded in Guild check at once; this catches what changes elsewhere (competency levels
validated, certificates reaching the end of their validity). Idempotent; run it daily."""

from typing import Any

from django.core.management.base import BaseCommand

from guild.learning.models import CertificationProgramme
from guild.learning.services.certificates import certification_check
from guild.members.models import Member


class Command(BaseCommand):
    help = "Issue the certificates members have earned since the last check."

    def handle(self, *args: Any, **options: Any) -> None:
        issued = 0
        for programme in CertificationProgramme.objects.filter(active=True):
            members = Member.objects.filter(communities=programme.community, is_active=True)
            for member in members.iterator(chunk_size=500):
                issued += certification_check(member=member, programme=programme) is not None
        self.stdout.write(f"Certificates issued: {issued}")
