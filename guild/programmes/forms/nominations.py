"""Forms of the nomination pages: the coordinator's choice of member with a rationale,
the nominee's and supervisor's answers, and a withdrawal's reason."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from guild.members.models import Member


class NominateForm(forms.Form):
    member = forms.TypedChoiceField(label=_("Member"), coerce=int)
    rationale = forms.CharField(
        label=_("Rationale for the nomination"),
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Why this member, for this programme: the reviewers read it."),
    )
    historical = forms.BooleanField(
        label=_("Entered to load history (already accepted and endorsed)"), required=False
    )

    def __init__(self, data: Any, *, members: list[Member], may_enter_history: bool) -> None:
        super().__init__(data)
        self.fields["member"].choices = [  # type: ignore[attr-defined]
            ("", _("Choose a member")),
            *(
                (
                    m.pk,
                    f"{m.full_name} — {m.department.acronym}"
                    + (f", {m.level.code}" if m.level else ""),
                )
                for m in members
            ),
        ]
        if not may_enter_history:
            del self.fields["historical"]


class ConsentForm(forms.Form):
    decision = forms.ChoiceField(choices=[("accept", "accept"), ("decline", "decline")])


class EndorseForm(forms.Form):
    decision = forms.ChoiceField(choices=[("endorse", "endorse"), ("refuse", "refuse")])
    note = forms.CharField(
        label=_("Note (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class WithdrawForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for withdrawing"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )
