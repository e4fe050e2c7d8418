"""The audit log as people read it: names and labels instead of ids and codes.

An event's `changes` are `{field: [old, new]}`, or `{field: value}` for a value set once.
A field that is a relation of the event's model shows the related object's name; a field
with choices shows the choice's label. Models are found by label (`apps.get_model`), so
this module imports no app above `accounts`. Labels are read in one query per model and
page, whatever the number of events.
"""

import csv
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import models
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from guild.core.bilingual import localize
from guild.core.models import AuditEvent
from guild.core.selectors import AuditFilters, audit_event_list, audit_object_types
from guild.core.spreadsheet_safety import csv_row

NOTHING = "—"
_PAIR_LENGTH = 2


@dataclass(frozen=True)
class Change:
    field: str  # the field's label
    code: str  # the field's name, as stored
    old: str | None  # None: a value set once, with no "before"
    new: str


@dataclass(frozen=True)
class EventRow:
    event: AuditEvent
    object_type: str
    changes: list[Change]

    @property
    def action_parts(self) -> list[str]:
        """The action's dotted parts, for a line break after each dot."""
        return self.event.action.split(".")


def audit_events(*, filters: AuditFilters) -> QuerySet[AuditEvent]:
    """The events matching `filters`; the actor is matched exactly (it comes from a list)."""
    events = audit_event_list(filters=filters)
    if filters.actor:
        events = events.filter(actor_label=filters.actor)
    return events


def audit_actors() -> list[str]:
    return list(
        AuditEvent.objects.order_by("actor_label").values_list("actor_label", flat=True).distinct()
    )


def audit_object_type_choices() -> list[tuple[str, str]]:
    """(stored type, its name) of every type the log holds, by name."""
    choices = [(label, _capitalized(_type_name(label))) for label in audit_object_types()]
    return sorted(choices, key=lambda item: item[1])


def _capitalized(text: str) -> str:
    return text[:1].upper() + text[1:]


def _type_name(label: str) -> str:
    model = _model(label)
    return str(model._meta.verbose_name) if model else label


def _model(label: str) -> type[models.Model] | None:
    try:
        return apps.get_model(label)
    except (LookupError, ValueError):
        return None


def _field(model: type[models.Model] | None, name: str) -> models.Field | None:
    if model is None:
        return None
    try:
        field = model._meta.get_field(name)
    except FieldDoesNotExist:
        return None
    return field if isinstance(field, models.Field) else None


def _values(value: Any) -> list[Any]:
    return list(value) if isinstance(value, list) else [value]


def _name(obj: models.Model) -> str:
    for attribute in ("name", "title"):
        if hasattr(obj, f"{attribute}_en"):
            return localize(obj, attribute).text
    email = getattr(obj, "email", None)
    return str(email) if email else str(obj)


def _text(value: Any) -> str:
    if value is None or value == "" or value == []:
        return NOTHING
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    return str(value)


def _primary_key(model: type[models.Model], value: Any) -> Any | None:
    """`value` as `model`'s primary key, or None when it cannot be one."""
    if isinstance(value, bool) or not isinstance(value, (int, str)) or value == "":
        return None
    try:
        return model._meta.pk.to_python(value)
    except ValidationError:
        return None


class _Labels:
    """Names of the related objects the events mention, read in one query per model."""

    def __init__(self, events: Iterable[AuditEvent]) -> None:
        wanted: dict[type[models.Model], set[Any]] = defaultdict(set)
        for event in events:
            model = _model(event.object_type)
            for name, value in _changes(event):
                field = _field(model, name)
                if field is not None and field.is_relation and field.related_model:
                    for item in _values(value):
                        for pk in _values(item):
                            key = _primary_key(field.related_model, pk)
                            if key is not None:
                                wanted[field.related_model].add(key)
        self.names: dict[tuple[type[models.Model], str], str] = {}
        for related, pks in wanted.items():
            for pk, obj in related._default_manager.in_bulk(list(pks)).items():
                self.names[(related, str(pk))] = _name(obj)

    def show(self, field: models.Field | None, value: Any) -> str:
        if value is None or value == []:
            return NOTHING
        if isinstance(value, list):
            return ", ".join(self.show(field, item) for item in value)
        if field is not None and field.is_relation and field.related_model:
            related = field.related_model
            if _primary_key(related, value) is None:
                # Some events record the related object by its code, not its id.
                return _text(value)
            return self.names.get((related, str(value)), f"#{value}")
        if field is not None and field.choices:
            return _text(dict(field.flatchoices).get(value, value))
        return _text(value)


def _changes(event: AuditEvent) -> list[tuple[str, Any]]:
    changes = event.changes if isinstance(event.changes, dict) else {}
    return [(str(name), value) for name, value in changes.items()]


def _label(model: type[models.Model] | None, name: str) -> str:
    field = _field(model, name)
    text = str(field.verbose_name) if field is not None else name.replace("_", " ")
    return _capitalized(text)


def _is_pair(field: models.Field | None, value: Any) -> bool:
    """`[old, new]`, told apart from a many-to-many value of two ids set once."""
    if not isinstance(value, list) or len(value) != _PAIR_LENGTH:
        return False
    if field is not None and field.many_to_many:
        return all(item is None or isinstance(item, list) for item in value)
    return True


def event_rows(events: Iterable[AuditEvent]) -> list[EventRow]:
    events = list(events)
    labels = _Labels(events)
    rows = []
    for event in events:
        model = _model(event.object_type)
        changes = []
        for name, value in _changes(event):
            field = _field(model, name)
            if _is_pair(field, value):
                old: str | None = labels.show(field, value[0])
                new = labels.show(field, value[1])
            else:
                old, new = None, labels.show(field, value)
            changes.append(Change(_label(model, name), name, old, new))
        rows.append(EventRow(event, _capitalized(_type_name(event.object_type)), changes))
    return rows


class _Echo:
    def write(self, value: str) -> str:
        return value


def audit_csv_lines(events: QuerySet[AuditEvent], *, chunk: int = 1000) -> Iterator[str]:
    """The events as CSV lines, one per event, text cells made safe for spreadsheets."""
    writer = csv.writer(_Echo())
    yield writer.writerow(
        [
            _("Time (UTC)"),
            _("Actor"),
            _("Action"),
            _("Object type"),
            _("Object id"),
            _("Object"),
            _("Changed fields"),
        ]
    )
    batch: list[AuditEvent] = []
    for event in events.iterator(chunk_size=chunk):
        batch.append(event)
        if len(batch) == chunk:
            yield from _csv_batch(writer, batch)
            batch = []
    yield from _csv_batch(writer, batch)


def _csv_batch(writer: Any, events: list[AuditEvent]) -> Iterator[str]:
    for row in event_rows(events):
        event = row.event
        changes = "; ".join(
            f"{change.field}: {change.new}"
            if change.old is None
            else f"{change.field}: {change.old} → {change.new}"
            for change in row.changes
        )
        yield writer.writerow(
            csv_row(
                [
                    event.at.strftime("%Y-%m-%d %H:%M:%S"),
                    event.actor_label,
                    event.action,
                    row.object_type,
                    event.object_id,
                    event.object_label,
                    changes,
                ]
            )
        )
