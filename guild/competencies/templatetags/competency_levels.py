from datetime import datetime
from typing import Any

from django import template
from django.utils.translation import gettext as _

register = template.Library()


@register.filter
def level(value: int | None, names: dict[int, str]) -> str:
    """`{{ row.target|level:level_names }}`: "3 - Proficient", or "None" for no level."""
    if value is None:
        return _("None")
    name = names.get(value)
    return f"{value} - {name}" if name else str(value)


@register.filter
def get(mapping: dict[Any, Any], key: Any) -> Any:
    return mapping.get(key)


@register.filter
def last_assessed(row: Any) -> datetime | None:
    """When the member or their supervisor last assessed the competency of a GapRow."""
    times = [
        assessment.created_at
        for assessment in (row.self_assessment, row.supervisor_assessment)
        if assessment is not None
    ]
    return max(times, default=None)
