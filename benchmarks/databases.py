"""The performance suite's databases: the PostgreSQL server it measures when one answers,
and the SQLite file it starts afresh."""

from pathlib import Path
from typing import Any

from benchmarks.figures import HOST

PG_ADMIN_URL = f"postgresql://postgres@{HOST}:5432/postgres"
PG_NAME = "guild_bench"
PG_URL = f"postgres://postgres@{HOST}:5432/{PG_NAME}"


def postgres_admin() -> Any:
    import psycopg

    return psycopg.connect(PG_ADMIN_URL, connect_timeout=3, autocommit=True)


def postgres_version() -> str | None:
    try:
        with postgres_admin() as conn:
            row = conn.execute("SHOW server_version").fetchone()
            return str(row[0]) if row else "?"
    except Exception:
        return None


def postgres_reset(create: bool) -> None:
    with postgres_admin() as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {PG_NAME} WITH (FORCE)")
        if create:
            conn.execute(f"CREATE DATABASE {PG_NAME}")


def sqlite_reset(path: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
