"""Forms of the report pages: a feedback theme, the themes of one comment, and a
recommendation for the programme's final design."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from guild.programmes.models import Intake, Theme, ThemeSource


class ThemeForm(forms.Form):
    source = forms.ChoiceField(
        label=_("Feedback from"),
        choices=ThemeSource.choices,
        error_messages={"required": _("Choose whose feedback the theme is about.")},
    )
    name_en = forms.CharField(label=_("Theme (English)"), max_length=200, required=False)
    name_fr = forms.CharField(label=_("Theme (French)"), max_length=200, required=False)


class CommentThemesForm(forms.Form):
    """The themes one published comment is tagged with."""

    comment = forms.RegexField(regex=r"^\d+-[a-z_]+$", widget=forms.HiddenInput)
    themes = forms.MultipleChoiceField(
        label=_("Themes"), required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args: Any, themes: list[Theme], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["themes"].choices = [  # type: ignore[attr-defined]
            (str(theme.pk), theme.name) for theme in themes
        ]


class RecommendationForm(forms.Form):
    intake = forms.TypedChoiceField(
        label=_("Drawn from the intake"), required=False, coerce=int, empty_value=None
    )
    text_en = forms.CharField(
        label=_("Recommendation (English)"),
        max_length=4000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    text_fr = forms.CharField(
        label=_("Recommendation (French)"),
        max_length=4000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args: Any, intakes: list[Intake], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["intake"].choices = [  # type: ignore[attr-defined]
            ("", _("The whole programme")),
            *((intake.pk, intake.name) for intake in intakes),
        ]
