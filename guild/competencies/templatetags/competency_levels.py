from datetime import datetime
from typing import Any

from django import template
from django.utils.translation import pgettext

register = template.Library()


@register.filter
def level(value: int | None, names: dict[int, str]) -> str:
    """`{{ row.target|level:level_names }}`: "3 - Proficient", or "None" for no level."""
    if value is None:
        # Not gettext("None"): django.contrib.admin's "Aucun(e)" would win in French.
        return pgettext("competency level", "None")
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


@register.filter
def case_value(value: Any) -> str:
    """A kept CASE field as text: a list joined by commas, a link by its title and URI."""
    if isinstance(value, dict):
        return f"{value.get('title', '')} ({value.get('uri', '')})"
    if isinstance(value, list):
        return ", ".join(case_value(entry) for entry in value)
    return str(value)
