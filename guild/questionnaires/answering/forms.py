"""The form for one section of a questionnaire. It only parses what the browser sent
into raw answers; the answering service validates them (answers.validate_answers)."""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext

from guild.questionnaires.definition.types import Question, QuestionType

ORDINALS = {
    1: _("1st choice"),
    2: _("2nd choice"),
    3: _("3rd choice"),
}


def ordinal_label(position: int) -> str:
    if position in ORDINALS:
        return str(ORDINALS[position])
    return pgettext("ranking", "Choice %(position)s") % {"position": position}


@dataclass(frozen=True)
class QuestionFields:
    """A question and the names of the form fields that carry its answer."""

    question: Question
    names: tuple[str, ...]

    @property
    def error_field(self) -> str:
        return self.names[0]


def _choices(question: Question, language: str) -> list[tuple[str, str]]:
    return [(option.code, option.label.get(language)) for option in question.options]


class SectionForm(forms.Form):
    """One field per simple question; a matrix has one radio list per row (named
    `code__row`), a ranking one select per position (named `code__1`, `code__2`, …)."""

    def __init__(
        self,
        *args: Any,
        questions: Sequence[Question],
        language: str,
        answers: Mapping[str, Any] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.language = language
        self.question_fields: list[QuestionFields] = []
        answers = answers or {}
        for question in questions:
            names = self._add(question, language, answers.get(question.code))
            self.question_fields.append(QuestionFields(question, names))

    def _add(self, question: Question, language: str, value: Any) -> tuple[str, ...]:
        code = question.code
        label = question.label.get(language)
        help_text = question.help.get(language) if question.help else ""
        kind = question.type
        if kind in (QuestionType.SINGLE, QuestionType.LIKERT):
            self.fields[code] = forms.ChoiceField(
                label=label,
                help_text=help_text,
                required=False,
                choices=_choices(question, language),
                widget=forms.RadioSelect,
            )
            self.initial[code] = value
            return (code,)
        if kind == QuestionType.MULTIPLE:
            self.fields[code] = forms.MultipleChoiceField(
                label=label,
                help_text=help_text,
                required=False,
                choices=_choices(question, language),
                widget=forms.CheckboxSelectMultiple,
            )
            self.initial[code] = value or []
            return (code,)
        if kind == QuestionType.MATRIX:
            names = []
            chosen = value if isinstance(value, dict) else {}
            for row in question.rows:
                name = f"{code}__{row.code}"
                self.fields[name] = forms.ChoiceField(
                    label=row.label.get(language),
                    required=False,
                    choices=_choices(question, language),
                    widget=forms.RadioSelect,
                )
                self.initial[name] = chosen.get(row.code)
                names.append(name)
            return tuple(names)
        if kind == QuestionType.RANKING:
            names = []
            ranked = value if isinstance(value, list) else []
            empty: list[tuple[str, Any]] = [("", _("(none)"))]
            for position in range(1, len(question.options) + 1):
                name = f"{code}__{position}"
                self.fields[name] = forms.ChoiceField(
                    label=ordinal_label(position),
                    required=False,
                    choices=empty + _choices(question, language),
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
        """The answers given, as the service expects them; empty answers are left out.
        Call after is_valid()."""
        data = self.cleaned_data
        raw: dict[str, Any] = {}
        for item in self.question_fields:
            question = item.question
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
