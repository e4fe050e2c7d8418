"""Rewrite the response tables so their physical storage keeps no trace of the order in
which anonymous responses arrived (ADR 0010). Run it from cron, e.g. nightly while a
questionnaire is open, and once after it closes.

PostgreSQL stores rows in arrival order (`ctid`) and stamps each with the id of the
transaction that wrote it (`xmin`), and a response and its participation share that
transaction. One transaction first rewrites every row (they then share one `xmin`); then
CLUSTER reorders each table by its random primary key and drops the old row versions.
SQLite keys these tables by their random id (the rowid itself), so only the pages freed by
deleted drafts remain: VACUUM rebuilds the file without them.
"""

from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction

from guild.questionnaires.models import Answer, Participation, Response, ResponseDraft

# The no-op update of one column per table: each rewrite makes a new row version.
REWRITE = {
    Participation: "receipt",
    Response: "answers",
    Answer: "question",
}


class Command(BaseCommand):
    help = "Rewrite response storage so it keeps no arrival order (anonymity, ADR 0010)."

    def handle(self, *args: Any, **options: Any) -> None:
        if connection.in_atomic_block and connection.vendor == "sqlite":
            raise CommandError("VACUUM cannot run inside a transaction.")
        if connection.vendor == "postgresql":
            self._postgresql()
        elif connection.vendor == "sqlite":
            with connection.cursor() as cursor:
                cursor.execute("VACUUM")
        else:
            raise CommandError(f"Unsupported database: {connection.vendor}")
        self.stdout.write("Response storage rewritten.")

    def _postgresql(self) -> None:
        quote = connection.ops.quote_name
        with transaction.atomic(), connection.cursor() as cursor:
            for model, column in REWRITE.items():
                table, column_name = quote(model._meta.db_table), quote(column)
                sql = f"UPDATE {table} SET {column_name} = {column_name}"  # noqa: S608 - our names
                cursor.execute(sql)
        with connection.cursor() as cursor:
            for model in (*REWRITE, ResponseDraft):
                table = model._meta.db_table
                constraints = connection.introspection.get_constraints(cursor, table)
                primary = next(name for name, c in constraints.items() if c["primary_key"])
                cursor.execute(f"CLUSTER {quote(table)} USING {quote(primary)}")
