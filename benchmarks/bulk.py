"""Writing millions of generated rows fast: `executemany` on SQLite, `COPY` on PostgreSQL.

The ORM's `bulk_create` builds a model instance per row; at a few million rows that
alone takes minutes. These helpers take plain tuples in the order of `columns` (the
database column names of `model`), already converted to what the database stores.
"""

import datetime as dt
import json
from collections.abc import Iterable, Sequence
from itertools import islice
from typing import Any

from django.db import connection, models

BATCH = 50_000


def _sqlite_value(value: Any) -> Any:
    # What Django's SQLite backend itself writes: naive UTC text for datetimes, JSON text.
    if isinstance(value, dt.datetime):
        if value.tzinfo is not None:
            value = value.astimezone(dt.UTC).replace(tzinfo=None)
        return value.isoformat(sep=" ")
    if isinstance(value, dict | list):
        return json.dumps(value)
    return value


def _postgres_value(value: Any) -> Any:
    if isinstance(value, dict | list):
        return json.dumps(value)
    return value


def insert_rows(
    model: type[models.Model], columns: Sequence[str], rows: Iterable[Sequence[Any]]
) -> int:
    """Insert `rows` into `model`'s table inside the caller's transaction; returns how many."""
    table = model._meta.db_table
    quoted = ", ".join(connection.ops.quote_name(column) for column in columns)
    count = 0
    iterator = iter(rows)
    if connection.vendor == "postgresql":
        connection.ensure_connection()
        raw = connection.connection
        assert raw is not None  # noqa: S101 - an invariant of the benchmark data
        with raw.cursor() as cursor, cursor.copy(f"COPY {table} ({quoted}) FROM STDIN") as copy:
            for row in iterator:
                copy.write_row([_postgres_value(value) for value in row])
                count += 1
        return count
    placeholders = ", ".join("%s" for _ in columns)
    sql = f"INSERT INTO {table} ({quoted}) VALUES ({placeholders})"  # noqa: S608
    with connection.cursor() as cursor:
        while batch := list(islice(iterator, BATCH)):
            cursor.executemany(sql, [[_sqlite_value(value) for value in row] for row in batch])
            count += len(batch)
    return count


def reset_sequence(model: type[models.Model]) -> None:
    """After rows were written with explicit ids, let PostgreSQL's identity go on after them."""
    if connection.vendor != "postgresql":
        return
    table = model._meta.db_table
    pk = model._meta.pk
    assert pk is not None  # noqa: S101 - an invariant of the benchmark data
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT setval(pg_get_serial_sequence(%s, %s), "  # noqa: S608
            f"COALESCE((SELECT MAX({pk.column}) FROM {table}), 1))",
            [table, pk.column],
        )


def next_id(model: type[models.Model]) -> int:
    """The first free integer id of `model` (its table is only written by this process)."""
    found = model._default_manager.aggregate(top=models.Max("pk"))["top"]
    return int(found or 0) + 1


def refresh_statistics() -> None:
    """PostgreSQL: VACUUM ANALYZE after a bulk load (see benchmarks.generate)."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
