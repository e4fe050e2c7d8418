"""Forms of the management pages: they parse input; the services decide what is valid."""

from typing import Any, cast

from django import forms
from django.db.models import QuerySet
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from guild.core.disclosure import MINIMUM_THRESHOLD
from guild.organizations.models import Community, Department
from guild.questionnaires.definition.formats import DefinitionFormat
from guild.questionnaires.models import Audience, Questionnaire

START_UPLOAD, START_BLANK = "upload", "blank"


def definition_format(upload: Any) -> str | None:
    """The format of an uploaded file, from its name."""
    name = (getattr(upload, "name", "") or "").lower()
    if name.endswith((".xlsx", ".xls")):
        return DefinitionFormat.XLSFORM
    if name.endswith(".json"):
        return DefinitionFormat.JSON
    return None


class DefinitionFileField(forms.FileField):
    def clean(self, data: Any, initial: Any = None) -> Any:
        upload = super().clean(data, initial)
        if upload and definition_format(upload) is None:
            raise forms.ValidationError(
                _("Upload an XLSForm workbook (.xlsx or .xls) or a JSON file (.json)."),
                code="format",
            )
        return upload


class QuestionnaireCreateForm(forms.Form):
    community = forms.ModelChoiceField(label=_("Community"), queryset=Community.objects.none())
    slug = forms.SlugField(
        label=_("Short name"),
        max_length=60,
        help_text=_("Lower-case letters, digits and hyphens, for example members-2025."),
    )
    start = forms.ChoiceField(
        label=_("Start from"),
        choices=[
            (START_UPLOAD, _("A file (XLSForm or JSON)")),
            (START_BLANK, _("A blank questionnaire")),
        ],
        widget=forms.RadioSelect,
        initial=START_UPLOAD,
    )
    file = DefinitionFileField(
        label=_("Definition file"),
        required=False,
        help_text=_("An XLSForm workbook (.xlsx or .xls) or a Guild JSON file (.json)."),
    )
    title_en = forms.CharField(
        label=_("Title in English"),
        max_length=200,
        required=False,
        help_text=_("For a blank questionnaire."),
    )
    title_fr = forms.CharField(
        label=_("Title in French"),
        max_length=200,
        required=False,
        help_text=_("For a blank questionnaire."),
    )
    anonymous = forms.BooleanField(
        label=_("Anonymous: answers are never tied to the person who gave them"),
        required=False,
        initial=True,
    )

    def __init__(self, *args: Any, communities: QuerySet[Community], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        community_field = cast(forms.ModelChoiceField, self.fields["community"])
        community_field.queryset = communities

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        # A file refused for its type already says so: "choose a file" would contradict it.
        if data.get("start") == START_UPLOAD and not data.get("file") and "file" not in self.errors:
            self.add_error("file", _("Choose a file to upload."))
        if data.get("start") == START_BLANK:
            for name in ("title_en", "title_fr"):
                if not data.get(name):
                    self.add_error(name, _("Give the title in both languages."))
        return data


class UploadForm(forms.Form):
    file = DefinitionFileField(
        label=_("Definition file"),
        help_text=_(
            "An XLSForm workbook (.xlsx or .xls) or a Guild JSON file (.json). It becomes the "
            "draft of the next version; published versions never change."
        ),
    )


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self) -> None:
        super().__init__(format="%Y-%m-%dT%H:%M")


class RefreshPointForm(forms.Form):
    due_at = forms.DateTimeField(
        label=_("Refresh the results at"),
        widget=DateTimeInput(),
        help_text=_(
            "Results are published then only if at least the threshold of new responses "
            "has arrived since the last publication; otherwise this refresh is skipped."
        ),
    )


class SettingsForm(forms.Form):
    slug = forms.SlugField(label=_("Short name"), max_length=60)
    audience = forms.ChoiceField(
        label=_("Who may answer"), choices=Audience.choices, widget=forms.RadioSelect
    )
    audience_departments = forms.ModelMultipleChoiceField(
        label=_("Departments in the audience"),
        queryset=Department.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("When only some departments may answer."),
    )
    audience_emails = forms.CharField(
        label=_("Members in the audience"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("When only a list of members may answer: their work e-mail, one a line."),
    )
    opens_at = forms.DateTimeField(
        label=_("Opens"), required=False, widget=DateTimeInput(), input_formats=["%Y-%m-%dT%H:%M"]
    )
    closes_at = forms.DateTimeField(
        label=_("Closes"), required=False, widget=DateTimeInput(), input_formats=["%Y-%m-%dT%H:%M"]
    )
    anonymous = forms.BooleanField(
        label=_("Anonymous: answers are never tied to the person who gave them"),
        required=False,
        help_text=_("Cannot change once the questionnaire is published and has responses."),
    )
    threshold = forms.IntegerField(
        label=_("Smallest group shown in results"),
        min_value=MINIMUM_THRESHOLD,
        max_value=1000,
        help_text=_("At least 5; 10 is usual."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        departments = cast(forms.ModelMultipleChoiceField, self.fields["audience_departments"])
        departments.queryset = Department.objects.active()

    def emails(self) -> list[str]:
        text = self.cleaned_data.get("audience_emails") or ""
        return [line.strip().lower() for line in text.splitlines() if line.strip()]

    @classmethod
    def initial_for(cls, questionnaire: Questionnaire) -> dict[str, Any]:
        return {
            "slug": questionnaire.slug,
            "audience": questionnaire.audience,
            "audience_departments": list(questionnaire.audience_departments.all()),
            "audience_emails": "\n".join(
                questionnaire.audience_members.order_by("work_email").values_list(
                    "work_email", flat=True
                )
            ),
            "opens_at": questionnaire.opens_at,
            "closes_at": questionnaire.closes_at,
            "anonymous": questionnaire.anonymous,
            "threshold": questionnaire.threshold,
        }


def translation_field(key: str, language: str) -> str:
    """The form field of a text's key in one language: ``sections[0].title`` and "fr" →
    ``sections-0-title-fr`` (names that need no escaping in HTML ids or CSS)."""
    return f"{key.replace('[', '-').replace(']', '').replace('.', '-')}-{language}"


class TranslationForm(forms.Form):
    """Every text of a draft, English and French side by side. `rows` gives each text's
    key, its place described for people (`where`) and its current English and French."""

    def __init__(self, *args: Any, rows: list[dict[str, Any]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.rows = rows
        languages = (("en", _("English")), ("fr", _("French")))
        for row in rows:
            for language, name in languages:
                self.fields[translation_field(row["key"], language)] = forms.CharField(
                    label=format_lazy("{name} — {where}", name=name, where=row["where"]),
                    required=False,
                    strip=True,
                    initial=row[language],
                    widget=forms.Textarea(attrs={"rows": 2, "cols": 40}),
                )

    def texts(self) -> dict[str, tuple[str, str]]:
        """(English, French) by key, for the texts the form was sent with."""
        return {
            row["key"]: (
                self.cleaned_data.get(translation_field(row["key"], "en"), ""),
                self.cleaned_data.get(translation_field(row["key"], "fr"), ""),
            )
            for row in self.rows
        }

    def field_map(self) -> dict[str, str]:
        """Problem locations (``sections[0].title.fr``) → field names."""
        return {
            f"{row['key']}.{language}": translation_field(row["key"], language)
            for row in self.rows
            for language in ("en", "fr")
        }

    def table(self) -> list[dict[str, Any]]:
        return [
            {
                **row,
                "en_field": self[translation_field(row["key"], "en")],
                "fr_field": self[translation_field(row["key"], "fr")],
            }
            for row in self.rows
        ]


class TranslationUploadForm(forms.Form):
    file = forms.FileField(
        label=_("Translated workbook"),
        help_text=_(
            "The workbook downloaded from this page (.xlsx), with the French column filled "
            "in. Only French texts change; the English column must stay as it was."
        ),
    )

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if not (getattr(upload, "name", "") or "").lower().endswith(".xlsx"):
            raise forms.ValidationError(_("Upload an Excel workbook (.xlsx)."), code="format")
        return upload
