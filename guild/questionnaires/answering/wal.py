"""Leaving no copy of deleted rows in SQLite's files (ADR 14).

An anonymous respondent's draft (who, and their answers) is deleted in the transaction
that writes the response. `PRAGMA secure_delete` (set on every connection in the
settings) overwrites the deleted row in the database file, but the write-ahead log still
holds the pages as they were before, draft included, until a checkpoint copies the log
into the database; a TRUNCATE checkpoint then empties the log file. PostgreSQL's WAL and
backups are another matter: see the ADR.
"""

from django.db import connection


def forget_deleted_rows() -> bool:
    """Checkpoint and truncate SQLite's write-ahead log; whether it was emptied (a reader
    still holding an old snapshot makes SQLite keep the log: the next call finishes it).
    Does nothing on other databases."""
    if connection.vendor != "sqlite":
        return True
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        busy, _log, _done = cursor.fetchone()
    return not busy
