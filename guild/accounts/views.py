import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseBase, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from guild.accounts.access import access_audit_log, access_role_management
from guild.accounts.audit_log import (
    audit_actors,
    audit_csv_lines,
    audit_events,
    audit_object_type_choices,
    event_rows,
)
from guild.accounts.forms import (
    AuditFilterForm,
    RoleAssignForm,
    TokenCreateForm,
    grantable_roles,
)
from guild.accounts.selectors import role_assignment_list, token_list, user_by_email
from guild.accounts.services import role_assign, role_revoke, token_create, token_revoke
from guild.core.errors import ApplicationError
from guild.core.forms import apply_errors
from guild.core.pagination import paginate
from guild.core.selectors import AuditFilters, audit_actions


@login_required
def roles(request: HttpRequest) -> HttpResponse:
    access_role_management(request.user)
    form = RoleAssignForm(request.POST or None, actor=request.user)
    if request.method == "POST" and form.is_valid():
        user = user_by_email(form.cleaned_data["email"])
        if user is None:
            form.add_error("email", _("No account uses this e-mail address."))
        else:
            community, department = form.cleaned_data["community"], form.cleaned_data["department"]
            try:
                role_assign(
                    actor=request.user,
                    user=user,
                    role=form.cleaned_data["role"],
                    community_id=community.pk if community else None,
                    department_id=department.pk if department else None,
                )
            except (ApplicationError, ValidationError) as error:
                apply_errors(form, error)
            else:
                messages.success(request, _("The role was granted."))
                return redirect("accounts:roles")
    assignments = role_assignment_list(actor=request.user)
    page = paginate(assignments, request.GET.get("page"), 50)
    status = 400 if form.errors else 200
    grantable = grantable_roles(request.user)
    revocable = {assignment.pk for assignment in page.items if assignment.role in grantable}
    context = {"form": form, "page": page, "revocable": revocable}
    return render(request, "accounts/roles.html", context, status=status)


@login_required
@require_POST
def role_revoke_view(request: HttpRequest, assignment_id: int) -> HttpResponse:
    access_role_management(request.user)
    role_revoke(actor=request.user, assignment_id=assignment_id)
    messages.success(request, _("The role was removed."))
    return redirect("accounts:roles")


@login_required
def tokens(request: HttpRequest) -> HttpResponse:
    form = TokenCreateForm(request.POST or None)
    new_token = None
    if request.method == "POST" and form.is_valid():
        expires_on = form.cleaned_data["expires_on"]
        expires_at = (
            timezone.make_aware(datetime.datetime.combine(expires_on, datetime.time.max))
            if expires_on
            else None
        )
        try:
            _token, new_token = token_create(
                user=request.user,  # type: ignore[arg-type]
                name=form.cleaned_data["name"],
                expires_at=expires_at,
            )
        except ApplicationError as error:
            apply_errors(form, error, {"expires_at": "expires_on"})
        else:
            form = TokenCreateForm()
    context = {"form": form, "tokens": token_list(user=request.user), "new_token": new_token}  # type: ignore[arg-type]
    return render(request, "accounts/tokens.html", context, status=400 if form.errors else 200)


@login_required
@require_POST
def token_revoke_view(request: HttpRequest, token_id: int) -> HttpResponse:
    token_revoke(user=request.user, token_id=token_id)  # type: ignore[arg-type]
    messages.success(request, _("The token was revoked. Scripts using it can no longer sign in."))
    return redirect("accounts:tokens")


def _audit_filter_form(request: HttpRequest) -> AuditFilterForm:
    return AuditFilterForm(
        request.GET or None,
        actors=audit_actors(),
        actions=audit_actions(),
        object_types=audit_object_type_choices(),
    )


def _audit_filters(form: AuditFilterForm) -> AuditFilters:
    return AuditFilters(**form.cleaned_data) if form.is_valid() else AuditFilters()


@login_required
def audit_log(request: HttpRequest) -> HttpResponse:
    access_audit_log(request.user)
    form = _audit_filter_form(request)
    page = paginate(audit_events(filters=_audit_filters(form)), request.GET.get("page"), 50)
    context = {"form": form, "page": page, "rows": event_rows(page.items)}
    return render(request, "accounts/audit_log.html", context, status=400 if form.errors else 200)


@login_required
def audit_log_csv(request: HttpRequest) -> HttpResponseBase:
    """The events the filters select, every page of them, as CSV."""
    access_audit_log(request.user)
    form = _audit_filter_form(request)
    if form.is_bound and not form.is_valid():
        return audit_log(request)  # the log's page says what is wrong with the filters
    lines = audit_csv_lines(audit_events(filters=_audit_filters(form)))
    response = StreamingHttpResponse(lines, content_type="text/csv; charset=utf-8")
    stamp = timezone.now().strftime("%Y%m%d-%H%M")
    response["Content-Disposition"] = f'attachment; filename="guild-audit-{stamp}.csv"'
    return response
