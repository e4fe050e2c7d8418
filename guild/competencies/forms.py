"""Forms parse input; the services decide what is valid."""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.translation import gettext_lazy as _

from guild.competencies.models import LEVEL_MAX, LEVEL_MIN

MAX_LINKS = 10
MAX_FILE_BYTES = 5 * 1024 * 1024


@dataclass(frozen=True)
class LevelOption:
    """One level of the scale as the radios show it: number, name and indicators."""

    level: int
    name: str
    indicators: str


class LevelField(forms.TypedChoiceField):
    """A level of the proficiency scale, chosen with radios."""

    widget = forms.RadioSelect

    def __init__(self, *, options: Sequence[LevelOption], **kwargs: Any) -> None:
        super().__init__(
            coerce=int,
            choices=[(option.level, option.name) for option in options],
            error_messages={
                "required": _("Choose a level."),
                "invalid_choice": _("Choose a level from %(low)s to %(high)s.")
                % {"low": LEVEL_MIN, "high": LEVEL_MAX},
            },
            **kwargs,
        )
        self.options = list(options)


class EvidenceLinksField(forms.CharField):
    """Web addresses, one per line, as a list; blank lines are dropped."""

    widget = forms.Textarea(attrs={"rows": 3})

    def to_python(self, value: Any) -> list[str]:  # type: ignore[override]
        text = super().to_python(value) or ""
        return [line.strip() for line in text.splitlines() if line.strip()]

    def validate(self, value: Any) -> None:
        if self.required and not value:
            raise ValidationError(self.error_messages["required"], code="required")

    def run_validators(self, value: Any) -> None:
        if len(value) > MAX_LINKS:
            raise ValidationError(
                _("Give at most %(count)d links.") % {"count": MAX_LINKS}, code="too_many"
            )
        check = URLValidator(schemes=["http", "https"])
        errors = []
        for number, link in enumerate(value, start=1):
            try:
                check(link)
            except ValidationError:
                errors.append(
                    ValidationError(
                        _("Line %(line)d is not a web address starting with https:// or http://.")
                        % {"line": number},
                        code="invalid_link",
                    )
                )
        if errors:
            raise ValidationError(errors)

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, list | tuple):
            return "\n".join(value)
        return value


class SelfAssessmentForm(forms.Form):
    level = LevelField(label=_("Your level"), options=())
    evidence = forms.CharField(
        label=_("Evidence"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("What you did that shows this level: projects, tasks, training."),
    )
    links = EvidenceLinksField(
        label=_("Evidence links"),
        required=False,
        help_text=_("Web addresses of documents or work that show this level, one per line."),
    )

    def __init__(self, *args: Any, options: Sequence[LevelOption], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["level"] = LevelField(label=_("Your level"), options=options)


class SupervisorAssessmentForm(forms.Form):
    level = LevelField(label=_("Level you confirm"), options=())
    comment = forms.CharField(
        label=_("Comment"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Why you confirm or adjust the level; the member sees this comment."),
    )

    def __init__(self, *args: Any, options: Sequence[LevelOption], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["level"] = LevelField(label=_("Level you confirm"), options=options)


class PriorityForm(forms.Form):
    """One weight per competency code, named `weight-<code>`."""

    def __init__(
        self, *args: Any, competencies: Iterable[tuple[str, str, float]], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        for code, label, weight in competencies:
            self.fields[self.field_name(code)] = forms.FloatField(
                label=label,
                min_value=0,
                max_value=100,
                initial=weight,
                widget=forms.NumberInput(attrs={"step": "0.1", "min": 0, "max": 100}),
                error_messages={
                    "required": _("Give a weight from 0 to 100."),
                    "invalid": _("Give a weight from 0 to 100."),
                },
            )

    @staticmethod
    def field_name(code: str) -> str:
        return f"weight-{code}"

    def weights(self) -> dict[str, float]:
        prefix = "weight-"
        return {name[len(prefix) :]: value for name, value in self.cleaned_data.items()}


class FiguresForm(forms.Form):
    """Which figures a page shows: community, department and grouping, each from the
    choices the person may see; a field with one choice is not shown."""

    community = forms.TypedChoiceField(label=_("Community"), coerce=int, required=False)
    department = forms.TypedChoiceField(label=_("Department or agency"), coerce=int, required=False)
    by = forms.ChoiceField(label=_("Group members by"), required=False)

    def __init__(
        self,
        *args: Any,
        communities: Sequence[tuple[int, str]],
        departments: Sequence[tuple[int, str]] = (),
        groupings: Sequence[tuple[str, Any]] = (),
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        for name, choices in (
            ("community", communities),
            ("department", departments),
            ("by", groupings),
        ):
            field = self.fields[name]
            if len(choices) < 2:
                del self.fields[name]
                continue
            field.choices = list(choices)  # type: ignore[attr-defined]
        self.defaults = {
            "community": communities[0][0] if communities else None,
            "department": departments[0][0] if departments else None,
            "by": groupings[0][0] if groupings else None,
        }

    def choice(self, name: str) -> Any:
        """The chosen value, or the first choice when none (or a wrong one) was given."""
        if name in self.fields and self.is_bound:
            self.is_valid()
            if name not in self.errors and self.cleaned_data.get(name) not in (None, ""):
                return self.cleaned_data[name]
        return self.defaults[name]

    @property
    def has_choices(self) -> bool:
        return bool(self.fields)


class FrameworkImportForm(forms.Form):
    FORMAT_CASE = "case"
    FORMAT_CSV = "csv"
    NEW_FRAMEWORK = 0

    community = forms.TypedChoiceField(label=_("Community"), coerce=int)
    framework = forms.TypedChoiceField(
        label=_("Import as"),
        coerce=int,
        help_text=_("A new framework, or a new draft version of an existing one."),
    )
    file_format = forms.ChoiceField(
        label=_("File format"),
        choices=[
            (FORMAT_CASE, _("1EdTech CASE 1.0 or 1.1 package (JSON)")),
            (FORMAT_CSV, _("Spreadsheet (CSV, UTF-8): Guild's columns or OpenSALT's")),
        ],
        initial=FORMAT_CASE,
        widget=forms.RadioSelect,
    )
    file = forms.FileField(label=_("File"), help_text=_("At most 5 MB."))
    scale = forms.TypedChoiceField(
        label=_("Proficiency scale"),
        coerce=int,
        required=False,
        empty_value=None,
        help_text=_(
            "For items that bring no levels of their own: the scale of one of the "
            "community's frameworks."
        ),
    )
    title_en = forms.CharField(
        label=_("Title (English)"),
        required=False,
        max_length=255,
        help_text=_("For a CSV file, which does not carry the framework's title."),
    )
    title_fr = forms.CharField(
        label=_("Title (French)"),
        required=False,
        max_length=255,
        help_text=_("For a CSV file, which does not carry the framework's title."),
    )

    def __init__(
        self,
        *args: Any,
        communities: Sequence[tuple[int, str]],
        frameworks: Sequence[tuple[int, str]],
        scales: Sequence[tuple[int, str]] = (),
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["scale"].choices = [  # type: ignore[attr-defined]
            ("", _("The default scale (Awareness, Working, Proficient, Expert)")),
            *scales,
        ]
        self.fields["community"].choices = list(communities)  # type: ignore[attr-defined]
        self.fields["framework"].choices = [  # type: ignore[attr-defined]
            (self.NEW_FRAMEWORK, _("A new framework")),
            *frameworks,
        ]
        if len(communities) == 1:
            self.fields["community"].initial = communities[0][0]
            self.fields["community"].widget = forms.HiddenInput()

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_FILE_BYTES:
            raise ValidationError(_("The file is larger than 5 MB."), code="too_large")
        return upload

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("file_format") == self.FORMAT_CSV:
            for name in ("title_en", "title_fr"):
                if not data.get(name):
                    self.add_error(name, _("A CSV import needs the framework's title."))
        return data


class TranslationForm(forms.Form):
    """Every text of a draft version, English and French side by side (`rows` from
    `selectors.framework_texts`); fields `t<index>_en` / `t<index>_fr`."""

    def __init__(self, rows: Sequence[Any], *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.rows = list(rows)
        for index, row in enumerate(self.rows):
            for language, name, value in (
                ("en", _("English"), row.english),
                ("fr", _("French"), row.french),
            ):
                self.fields[f"t{index}_{language}"] = forms.CharField(
                    label=f"{row.what} ({name})",
                    required=False,
                    strip=False,
                    initial=value,
                    widget=forms.Textarea(
                        attrs={"rows": 2, "lang": language, "class": "guild-translation"}
                    ),
                )

    def texts(self) -> dict[str, tuple[str, str]]:
        return {
            row.key: (self.cleaned_data[f"t{index}_en"], self.cleaned_data[f"t{index}_fr"])
            for index, row in enumerate(self.rows)
        }

    def pairs(self) -> list[tuple[Any, Any, Any]]:
        return [
            (row, self[f"t{index}_en"], self[f"t{index}_fr"]) for index, row in enumerate(self.rows)
        ]

    def add_text_errors(self, errors: dict[str, list[str]]) -> None:
        """Errors keyed by text key, shown at the text's English field."""
        where = {row.key: f"t{index}_en" for index, row in enumerate(self.rows)}
        for key, messages in errors.items():
            for message in messages:
                self.add_error(where.get(key), message)
