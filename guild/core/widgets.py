from typing import Any

from django import forms
from django.forms.utils import flatatt
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe

_OPTIONS_HTML: dict[tuple[tuple[str, str], ...], str] = {}
_OPTIONS_HTML_MAX = 256


class FastSelect(forms.Select):
    """A <select> whose options are joined as strings and kept between requests. Django
    renders every option through the template engine, which made a filter form of ~180
    options cost more than 20 ms per request (docs/benchmarks.md); the markup is the same."""

    def render(
        self, name: str, value: Any, attrs: dict[str, Any] | None = None, renderer: Any = None
    ) -> SafeString:
        final_attrs = self.build_attrs(self.attrs, attrs)
        final_attrs["name"] = name
        values = value if isinstance(value, (list, tuple)) else [value]
        options = self._options_html()
        for chosen in {str(v) for v in values if v not in (None, "")}:
            marker = format_html(' value="{}"', chosen)
            options = options.replace(f"{marker}>", f"{marker} selected>", 1)
        # Every option and marker was escaped by format_html; str.replace lost the mark.
        return format_html(
            "<select{}>{}</select>",
            flatatt(final_attrs),
            mark_safe(options),  # noqa: S308
        )

    def _options_html(self) -> str:
        key = tuple((str(value), str(label)) for value, label in self.choices)
        html = _OPTIONS_HTML.get(key)
        if html is None:
            html = format_html_join("", '<option value="{}">{}</option>', key)
            if len(_OPTIONS_HTML) >= _OPTIONS_HTML_MAX:
                _OPTIONS_HTML.clear()
            _OPTIONS_HTML[key] = html
        return html
