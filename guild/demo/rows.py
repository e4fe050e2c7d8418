"""Appending the demo's largest tables (answer rows, assessment history, current levels: a
few hundred thousand rows) with one `executemany` per batch.

`bulk_create` spends about 150 µs a row on this kind of machine building and compiling
model instances; this takes under 15 µs, which is what keeps `seed_demo` under a minute.
The statement is plain SQL with the driver's placeholders, the same on SQLite and
PostgreSQL; dates, decimals and JSON go through their field's `get_db_prep_save`. There
are no model instances, so no Python-side defaults: every column the table requires is
given."""

from collections.abc import Iterable, Sequence
from typing import Any

from django.db import connection
from django.db.models import Field, Model

BATCH = 5000


# Types the driver cannot take as Python gives them; the rest (numbers, text, booleans,
# None) pass through as they are, as `get_db_prep_save` would leave them.
CONVERTED = frozenset(
    {"DateTimeField", "DateField", "TimeField", "DurationField", "DecimalField", "JSONField"}
)


def _prepared(field: Field[Any, Any], cache: dict[Any, Any] | None, value: Any) -> Any:
    if cache is None:
        return value
    try:
        return cache[value]
    except KeyError:
        prepared = cache[value] = field.get_db_prep_save(value, connection)
        return prepared
    except TypeError:  # an unhashable value (a JSON list): not cached
        return field.get_db_prep_save(value, connection)


def insert_rows(model: type[Model], columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> int:
    """Insert `rows`, each a sequence of values in the order of `columns` (attribute names:
    ``member_id``, not ``member``); returns how many."""
    meta = model._meta
    fields: list[Field[Any, Any]] = []
    for name in columns:
        field = meta.get_field(name)
        if not isinstance(field, Field):
            raise TypeError(f"{name} is not a column of {meta.label}.")
        fields.append(field)
    quote = connection.ops.quote_name
    table = quote(meta.db_table)
    names = ", ".join(quote(field.column or field.attname) for field in fields)
    placeholders = ", ".join(["%s"] * len(fields))
    # Names from the model's own metadata, quoted; values only ever as parameters.
    sql = f"INSERT INTO {table} ({names}) VALUES ({placeholders})"  # noqa: S608
    # Values repeat a great deal (codes, dates, levels): each is prepared once per column.
    caches: list[dict[Any, Any] | None] = [
        {} if field.get_internal_type() in CONVERTED else None for field in fields
    ]
    count = 0
    batch: list[tuple[Any, ...]] = []
    with connection.cursor() as cursor:
        for row in rows:
            batch.append(
                tuple(
                    _prepared(field, cache, value)
                    for field, cache, value in zip(fields, caches, row, strict=True)
                )
            )
            if len(batch) == BATCH:
                cursor.executemany(sql, batch)
                count += len(batch)
                batch = []
        if batch:
            cursor.executemany(sql, batch)
            count += len(batch)
    return count
