"""Audit records for writes of personal data. Services call `audit_record` inside their
transaction, so the record exists exactly when the write does."""

from collections.abc import Iterable, Mapping
from typing import Any

from django.db import models
from django.utils import timezone

from guild.core.models import AuditEvent


def _jsonable(value: Any) -> Any:
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, (list, tuple, set)):
        return sorted(_jsonable(v) for v in value)
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    return str(value)


def snapshot(instance: models.Model, fields: Iterable[str]) -> dict[str, Any]:
    """The current values of `fields`, JSON-ready; many-to-many fields become sorted ids."""
    values: dict[str, Any] = {}
    for name in fields:
        field = instance._meta.get_field(name)
        if field.many_to_many:
            values[name] = sorted(
                (instance.pk and getattr(instance, name).values_list("pk", flat=True)) or []
            )
        elif field.is_relation:
            values[name] = getattr(instance, f"{name}_id")
        else:
            values[name] = _jsonable(getattr(instance, name))
    return values


def diff(before: Mapping[str, Any], after: Mapping[str, Any]) -> dict[str, list[Any]]:
    """Fields whose values differ, as {field: [old, new]}."""
    return {
        name: [before.get(name), after.get(name)]
        for name in sorted(set(before) | set(after))
        if before.get(name) != after.get(name)
    }


def audit_record_each(*, actors: Iterable[Any], action: str, obj: models.Model) -> int:
    """One record of ``action`` on ``obj`` per actor, all stamped with the same time and
    written in the order given (callers shuffle when the order itself would tell)."""
    events = [
        AuditEvent(
            actor=actor,
            actor_label=getattr(actor, "email", ""),
            action=action,
            object_type=obj._meta.label_lower,
            object_id=str(obj.pk),
            object_label=str(obj)[:255],
            changes={},
        )
        for actor in actors
    ]
    created = AuditEvent.objects.bulk_create(events, batch_size=1000)
    # auto_now_add stamps each row as it is built; one time for all is the point here.
    AuditEvent.objects.filter(pk__in=[event.pk for event in created]).update(at=timezone.now())
    return len(events)


def audit_record(
    *,
    actor: Any,
    action: str,
    obj: models.Model,
    changes: Mapping[str, Any] | None = None,
) -> AuditEvent:
    actor_obj = actor if getattr(actor, "is_authenticated", False) else None
    return AuditEvent.objects.create(
        actor=actor_obj,
        actor_label=getattr(actor_obj, "email", "") if actor_obj else "system",
        action=action,
        object_type=obj._meta.label_lower,
        object_id=str(obj.pk),
        object_label=str(obj)[:255],
        changes=dict(changes or {}),
    )
