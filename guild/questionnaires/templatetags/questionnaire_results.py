"""Published figures in pages: counts, percentages and means, or the one mark of a hidden
value (templates/includes/suppressed.html), the same everywhere."""

from django import template
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe

from guild.core.bilingual import current_language
from guild.core.charts import format_count, format_number, format_percent
from guild.core.disclosure import Suppressed

register = template.Library()


def _hidden() -> SafeString:
    return mark_safe(render_to_string("includes/suppressed.html"))  # noqa: S308 - our template


@register.filter
def figure(value: object, decimals: int = 1) -> str:
    """A count (whole) or a mean (with ``decimals``); the suppressed mark if hidden."""
    if isinstance(value, Suppressed):
        return _hidden()
    if value is None:
        return "—"
    if isinstance(value, int):
        return format_count(value)
    if isinstance(value, float):
        return format_number(value, decimals)
    return str(value)


@register.filter
def percentage(value: object, decimals: int = 0) -> str:
    if isinstance(value, Suppressed):
        return _hidden()
    if value is None:
        return "—"
    if isinstance(value, (int, float)):
        return format_percent(float(value), decimals)
    return str(value)


@register.filter
def text(value: object) -> str:
    """A bilingual label (definition.Text) in the active language."""
    get = getattr(value, "get", None)
    return str(get(current_language())) if callable(get) else str(value or "")
