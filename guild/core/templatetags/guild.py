from typing import Any

from django import template
from django.utils.html import format_html

from guild.core.bilingual import current_language, localize

register = template.Library()


@register.filter
def tr(obj: Any, field: str) -> str:
    """`{{ department|tr:"name" }}`: the field in the active language, with the
    fallback's language marked so screen readers pronounce it correctly."""
    if obj is None:
        return ""
    value = localize(obj, field)
    if value.is_fallback and value.language != current_language():
        return format_html('<span lang="{}">{}</span>', value.language, value.text)
    return value.text


@register.simple_tag(takes_context=True)
def query_with(context: Any, **kwargs: Any) -> str:
    """The current query string with some parameters replaced (for pagination links)."""
    params = context["request"].GET.copy()
    for key, value in kwargs.items():
        if value in (None, ""):
            params.pop(key, None)
        else:
            params[key] = value
    encoded = params.urlencode()
    return f"?{encoded}" if encoded else "?"
