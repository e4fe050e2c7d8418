"""A supervisor's bulk validation: every level waiting for them across their direct
reports, confirmed (or adjusted, with a comment) in one form."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import ngettext

from guild.competencies.bulk_forms import BulkValidationForm
from guild.competencies.selectors.validations import pending_validations
from guild.competencies.services import Validation, assessments_supervise_many
from guild.competencies.views._common import own_member, posted
from guild.core.errors import NotFound, PermissionDenied
from guild.members.models import Member
from guild.members.selectors import member_reports


@login_required
def validate_many(request: HttpRequest) -> HttpResponse:
    supervisor = own_member(request)
    rows = pending_validations(supervisor)
    form = BulkValidationForm(posted(request), rows=rows)
    if request.method == "POST":
        _refuse_other_reports(request, supervisor, form)
        if form.is_valid():
            chosen = form.chosen()
            try:
                assessments_supervise_many(
                    actor=request.user,
                    validations=[
                        Validation(
                            member=row.member,
                            competency=row.competency,
                            level=level,
                            comment=comment,
                        )
                        for row, level, comment in chosen
                    ],
                )
            except PermissionDenied:
                raise NotFound() from None
            except ValidationError as error:
                _row_errors(form, error, [row.key for row, _level, _comment in chosen])
            else:
                messages.success(
                    request,
                    ngettext(
                        "%(count)d level was recorded.",
                        "%(count)d levels were recorded.",
                        len(chosen),
                    )
                    % {"count": len(chosen)},
                )
                return redirect("competencies:validate_many")
    return render(
        request,
        "competencies/validate_many.html",
        {"form": form, "rows": form.row_fields()},
        status=400 if form.errors else 200,
    )


def _refuse_other_reports(
    request: HttpRequest, supervisor: Member, form: BulkValidationForm
) -> None:
    """A ticked row for someone who does not report to the supervisor refuses the whole
    form before anything is saved; one of their reports' rows validated meanwhile (a
    second click, another tab) is left out."""
    stale = {
        name.split("-")[1]
        for name in request.POST
        if name.startswith("confirm-") and name not in form.fields
    }
    reports = {str(pk) for pk in member_reports(member=supervisor).values_list("pk", flat=True)}
    if stale - reports:
        raise NotFound()


def _row_errors(form: BulkValidationForm, error: ValidationError, keys: list[str]) -> None:
    """The service's `"<row>.<field>"` errors on the row's fields (its level for anything
    that is not the comment)."""
    for name, messages_ in error.message_dict.items():
        index, _dot, field = name.partition(".")
        key = keys[int(index)]
        target = f"comment-{key}" if field == "comment" else f"level-{key}"
        for message in messages_:
            form.add_error(target, message)
