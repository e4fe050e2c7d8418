"""The form for one section of a questionnaire. It only parses what the browser sent
into raw answers; the answering service validates them (answers.validate_answers).

Texts show `${code}` references with the answers given so far (`values`); on the page,
references to a question of the same page follow what the person types (`live_text`). A note is text
with no field; a read-only question is a disabled field showing its value, which the form
never reads back. A choice filter's options are those the view says are offered; when the
filter depends on a question of the same page, every option is rendered with the values
of that question for which it is offered (`data-offered-for`), and
static/js/choice-filter.js hides the others as the person answers (the service checks the
choice on submission whatever the browser did).
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django import forms
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext

from guild.questionnaires.answering.coercion import ranking_slots
from guild.questionnaires.answering.page import OptionFilter
from guild.questionnaires.definition.labels import render_references, split_references
from guild.questionnaires.definition.types import Option, Question, QuestionType, Text

ORDINALS = {
    1: _("1st choice"),
    2: _("2nd choice"),
    3: _("3rd choice"),
}


def ordinal_label(position: int) -> str:
    if position in ORDINALS:
        return str(ORDINALS[position])
    return pgettext("ranking", "Choice %(position)s") % {"position": position}


# The questions whose answer on the page is one field a script can read as text: the
# value typed, or the labels of the options chosen (as `page.display_answer` shows them).
LIVE_TYPES = frozenset(
    {
        QuestionType.SINGLE,
        QuestionType.LIKERT,
        QuestionType.MULTIPLE,
        QuestionType.INTEGER,
        QuestionType.YEAR,
        QuestionType.DECIMAL,
        QuestionType.DATE,
        QuestionType.TEXT,
        QuestionType.LONG_TEXT,
    }
)


@dataclass(frozen=True)
class QuestionFields:
    """A question and the names of the form fields that carry its answer (none for a
    note)."""

    question: Question
    names: tuple[str, ...]

    @property
    def error_field(self) -> str | None:
        return self.names[0] if self.names else None


class _FilteredRadios(forms.RadioSelect):
    option_attrs: Mapping[str, Mapping[str, str]] = {}

    def create_option(self, *args: Any, **kwargs: Any) -> dict[str, Any]:
        option = super().create_option(*args, **kwargs)
        option["attrs"].update(self.option_attrs.get(str(option["value"]), {}))
        return option


class _FilteredCheckboxes(forms.CheckboxSelectMultiple):
    option_attrs: Mapping[str, Mapping[str, str]] = {}

    def create_option(self, *args: Any, **kwargs: Any) -> dict[str, Any]:
        option = super().create_option(*args, **kwargs)
        option["attrs"].update(self.option_attrs.get(str(option["value"]), {}))
        return option


def _option_attrs(option_filter: OptionFilter | None) -> dict[str, dict[str, str]]:
    if option_filter is None:
        return {}
    attrs: dict[str, dict[str, str]] = {}
    for code, values in option_filter.offered_for.items():
        attrs[code] = {
            "data-filter-by": option_filter.controller,
            "data-offered-for": " ".join(values),
            "data-offered-unanswered": "true" if code in option_filter.unanswered else "false",
        }
    return attrs


class SectionForm(forms.Form):
    """One field per simple question; a matrix has one radio list per row (named
    `code__row`), a ranking one select per position (named `code__1`, `code__2`, …)."""

    def __init__(
        self,
        *args: Any,
        questions: Sequence[Question],
        language: str,
        answers: Mapping[str, Any] | None = None,
        values: Mapping[str, str] | None = None,
        offered: Mapping[str, tuple[Option, ...]] | None = None,
        option_filters: Mapping[str, OptionFilter] | None = None,
        defaults: Mapping[str, Any] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.language = language
        self.values = values or {}
        self.offered = offered or {}
        self.option_filters = option_filters or {}
        self.question_fields: list[QuestionFields] = []
        self.live_codes = frozenset(q.code for q in questions if q.type in LIVE_TYPES)
        self.has_live_references = False
        answers = answers or {}
        defaults = defaults or {}
        for question in questions:
            if question.type == QuestionType.CALCULATE:
                continue
            value = answers.get(question.code, defaults.get(question.code))
            names = self._add(question, language, value)
            if question.read_only:
                for name in names:
                    self.fields[name].disabled = True
            self.question_fields.append(QuestionFields(question, names))

    def text(self, text: Text | None) -> str:
        """`text` in the page's language, its references shown with the answers so far."""
        return render_references(text.get(self.language), self.values) if text else ""

    def live_text(self, text: Text | None) -> str:
        """`text` as HTML, as `text()` shows it, with each reference to a question of this
        page whose answer a script can read (`LIVE_TYPES`) in a `data-guild-ref` span:
        static/js/answer-references.js puts what the person types or chooses there.
        Without the script the saved answer stays."""
        if not text:
            return ""
        pieces = []
        for position, part in enumerate(split_references(text.get(self.language))):
            value = self.values.get(part, "") if position % 2 else part
            if position % 2 and part in self.live_codes:
                self.has_live_references = True
                pieces.append(format_html('<span data-guild-ref="{}">{}</span>', part, value))
            else:
                pieces.append(conditional_escape(value))
        return mark_safe("".join(pieces))  # noqa: S308 - every piece is escaped above

    def _choices(self, question: Question) -> list[tuple[str, str]]:
        options = self.offered.get(question.code, question.options)
        return [(option.code, self.text(option.label)) for option in options]

    def _add(self, question: Question, language: str, value: Any) -> tuple[str, ...]:
        code = question.code
        label = self.text(question.label)
        help_text = self.text(question.help)
        kind = question.type
        if kind == QuestionType.NOTE:
            return ()
        if kind in (QuestionType.SINGLE, QuestionType.LIKERT):
            radios = _FilteredRadios()
            radios.option_attrs = _option_attrs(self.option_filters.get(code))
            self.fields[code] = forms.ChoiceField(
                label=label,
                help_text=help_text,
                required=False,
                choices=self._choices(question),
                widget=radios,
            )
            self.initial[code] = value
            return (code,)
        if kind == QuestionType.MULTIPLE:
            boxes = _FilteredCheckboxes()
            boxes.option_attrs = _option_attrs(self.option_filters.get(code))
            self.fields[code] = forms.MultipleChoiceField(
                label=label,
                help_text=help_text,
                required=False,
                choices=self._choices(question),
                widget=boxes,
            )
            self.initial[code] = value or []
            return (code,)
        if kind == QuestionType.MATRIX:
            names = []
            chosen = value if isinstance(value, dict) else {}
            for row in question.rows:
                name = f"{code}__{row.code}"
                self.fields[name] = forms.ChoiceField(
                    label=self.text(row.label),
                    required=False,
                    choices=self._choices(question),
                    widget=forms.RadioSelect,
                )
                self.initial[name] = chosen.get(row.code)
                names.append(name)
            return tuple(names)
        if kind == QuestionType.RANKING:
            names = []
            ranked = value if isinstance(value, list) else []
            empty: list[tuple[str, Any]] = [("", _("(none)"))]
            for position in range(1, ranking_slots(question) + 1):
                name = f"{code}__{position}"
                self.fields[name] = forms.ChoiceField(
                    label=ordinal_label(position),
                    required=False,
                    choices=empty + self._choices(question),
                )
                self.initial[name] = ranked[position - 1] if position <= len(ranked) else ""
                names.append(name)
            return tuple(names)
        self.fields[code] = forms.CharField(
            label=label,
            help_text=help_text,
            required=False,
            strip=True,
            widget=self._input(question),
        )
        self.initial[code] = "" if value is None else str(value)
        return (code,)

    @staticmethod
    def _input(question: Question) -> forms.Widget:
        kind = question.type
        attrs: dict[str, Any] = {}
        if kind in (QuestionType.INTEGER, QuestionType.YEAR, QuestionType.DECIMAL):
            if question.minimum is not None:
                attrs["min"] = str(question.minimum)
            if question.maximum is not None:
                attrs["max"] = str(question.maximum)
            attrs["step"] = "any" if kind == QuestionType.DECIMAL else "1"
            if kind == QuestionType.DECIMAL:
                attrs["inputmode"] = "decimal"
            return forms.NumberInput(attrs=attrs)
        if kind == QuestionType.DATE:
            return forms.DateInput(attrs={"type": "date"})
        attrs["maxlength"] = question.text_limit
        if kind == QuestionType.LONG_TEXT:
            return forms.Textarea(attrs={**attrs, "rows": 6})
        return forms.TextInput(attrs=attrs)

    def raw_answers(self) -> dict[str, Any]:
        """The answers given, as the service expects them; empty answers, notes and
        read-only questions are left out. Call after is_valid()."""
        data = self.cleaned_data
        raw: dict[str, Any] = {}
        for item in self.question_fields:
            question = item.question
            if not item.names or question.read_only:
                continue
            if question.type == QuestionType.MATRIX:
                rows = {name.split("__", 1)[1]: data[name] for name in item.names if data.get(name)}
                if rows:
                    raw[question.code] = rows
            elif question.type == QuestionType.RANKING:
                ranked = [data[name] for name in item.names if data.get(name)]
                if ranked:
                    raw[question.code] = ranked
            else:
                value = data.get(question.code)
                if value not in (None, "", []):
                    raw[question.code] = value
        return raw

    def add_answer_errors(self, errors: Mapping[str, Sequence[str]]) -> None:
        """Put the service's errors (keyed by question code) on the question's first field."""
        names = {item.question.code: item.error_field for item in self.question_fields}
        for code, messages in errors.items():
            for message in messages:
                self.add_error(names.get(code), message)
