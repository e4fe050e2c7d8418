"""`python manage.py seed_demo [--members N] [--seed S]`: the demo IM community and one
sign-in per role. Deterministic and idempotent; the logic is in guild.demo.seeding."""

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from guild.demo.defaults import DEFAULT_MEMBERS, DEFAULT_SEED, DEMO_PASSWORD, DEMO_URL, MIN_MEMBERS
from guild.demo.seeding import seed_demo


class Command(BaseCommand):
    help = "Create a deterministic demo Information Management community and demo sign-ins."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--members",
            type=int,
            default=DEFAULT_MEMBERS,
            help=f"members in all (default {DEFAULT_MEMBERS}, at least {MIN_MEMBERS})",
        )
        parser.add_argument(
            "--seed", type=int, default=DEFAULT_SEED, help=f"random seed (default {DEFAULT_SEED})"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["members"] < MIN_MEMBERS:
            raise CommandError(f"--members must be at least {MIN_MEMBERS}.")
        started = time.monotonic()
        result = seed_demo(members=options["members"], seed=options["seed"])
        elapsed = time.monotonic() - started
        self.stdout.write(
            f"Members: {result.members_created} created, {result.members_existing} already "
            f"there. Accounts: {result.users_created} created. Roles: {result.roles_created} "
            f"granted. ({elapsed:.1f} s)"
        )
        rows = [("Role", "E-mail", "Password")]
        rows += [(a.label, a.email, DEMO_PASSWORD) for a in result.accounts]
        widths = [max(len(row[i]) for row in rows) for i in range(3)]
        self.stdout.write("")
        for n, row in enumerate(rows):
            line = "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True))
            self.stdout.write(line.rstrip())
            if n == 0:
                self.stdout.write("  ".join("-" * width for width in widths))
        self.stdout.write("")
        self.stdout.write(self.style.SUCCESS(f"Sign in at {DEMO_URL}"))
