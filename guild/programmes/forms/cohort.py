"""Forms of the cohort pages: they parse and show errors; the services hold the rules."""

from collections.abc import Sequence
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from guild.programmes.models import SessionKind
from guild.programmes.services.sessions import MOST_MONTHS

Choices = Sequence[tuple[Any, str]]


class DateInput(forms.DateInput):
    input_type = "date"


class TimeInput(forms.TimeInput):
    input_type = "time"


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self) -> None:
        super().__init__(format="%Y-%m-%dT%H:%M")


def _date(label: Any, *, required: bool = True) -> forms.DateField:
    return forms.DateField(label=label, required=required, widget=DateInput())


class WindowForm(forms.Form):
    joined_on = _date(_("Joined on"))
    left_on = _date(_("Left on"), required=False)


class ParticipantAddForm(forms.Form):
    nomination = forms.TypedChoiceField(label=_("Nomination"), coerce=int)
    joined_on = _date(_("Joins on"))

    def __init__(self, data: Any, *, nominations: Choices, **kwargs: Any) -> None:
        super().__init__(data, **kwargs)
        self.fields["nomination"].choices = list(nominations)  # type: ignore[attr-defined]


class MoveForm(forms.Form):
    participant = forms.TypedChoiceField(label=_("Participant"), coerce=int)
    group = forms.TypedChoiceField(label=_("Move to"), coerce=int)

    def __init__(self, data: Any, *, participants: Choices, groups: Choices) -> None:
        super().__init__(data)
        self.fields["participant"].choices = list(participants)  # type: ignore[attr-defined]
        self.fields["group"].choices = list(groups)  # type: ignore[attr-defined]


class SessionForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=SessionKind.choices)
    group = forms.TypedChoiceField(
        label=_("Group (for a group meeting)"), coerce=int, required=False, empty_value=None
    )
    name_en = forms.CharField(label=_("Title (English)"), max_length=200)
    name_fr = forms.CharField(label=_("Title (French)"), max_length=200)
    starts_at = forms.DateTimeField(label=_("Starts"), widget=DateTimeInput())
    ends_at = forms.DateTimeField(label=_("Ends"), widget=DateTimeInput())
    location = forms.CharField(label=_("Location"), max_length=200, required=False)

    def __init__(self, data: Any, *, groups: Choices, **kwargs: Any) -> None:
        super().__init__(data, **kwargs)
        self.fields["group"].choices = [("", _("None")), *groups]  # type: ignore[attr-defined]


class SeriesForm(forms.Form):
    first_day = _date(_("Day of the first event"))
    months = forms.IntegerField(
        label=_("For how many months"), min_value=1, max_value=MOST_MONTHS, initial=10
    )
    event_starts = forms.TimeField(label=_("Events start at"), widget=TimeInput(), initial="09:00")
    event_ends = forms.TimeField(label=_("Events end at"), widget=TimeInput(), initial="16:30")
    name_en = forms.CharField(
        label=_("Title of the events (English)"),
        max_length=190,
        initial="Learning event",
        help_text=_("Each event's number is added after it."),
    )
    name_fr = forms.CharField(
        label=_("Title of the events (French)"),
        max_length=190,
        initial="Activité d'apprentissage",
    )
    location = forms.CharField(label=_("Location of the events"), max_length=200, required=False)
    meeting_after_days = forms.IntegerField(
        label=_("Group meetings, days after each event"), min_value=0, max_value=27, initial=14
    )
    meeting_starts = forms.TimeField(
        label=_("Group meetings start at"),
        widget=TimeInput(),
        required=False,
        initial="13:00",
        help_text=_("Leave both times empty for events only."),
    )
    meeting_ends = forms.TimeField(
        label=_("Group meetings end at"), widget=TimeInput(), required=False, initial="16:00"
    )
    meeting_location = forms.CharField(
        label=_("Location of the group meetings"), max_length=200, required=False
    )
