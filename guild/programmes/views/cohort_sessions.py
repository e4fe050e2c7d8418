"""Schedule pages: the intake's sessions with a session or a monthly series added, one
session, and its attendance register (one row per expected participant, "mark all
present", every refused line named at once)."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path
from django.utils import timezone
from django.utils.translation import gettext as _

from guild.core.errors import NotFound, ProblemsError
from guild.core.forms import apply_errors
from guild.programmes.access import access_intake, access_session, administers
from guild.programmes.forms.cohort import SeriesForm, SessionForm
from guild.programmes.models import AttendanceStatus, LearningGroup, Session
from guild.programmes.selectors.cohort import intake_groups, intake_sessions, session_register
from guild.programmes.services.attendance import attendance_mark_bulk
from guild.programmes.services.sessions import Series, session_save, session_series

MARK = "mark-"


def _group(intake: Any, group_id: int | None) -> LearningGroup | None:
    if group_id is None:
        return None
    group = LearningGroup.objects.filter(intake=intake, pk=group_id).first()
    if group is None:
        raise NotFound()
    return group


def _save_session(request: HttpRequest, intake: Any, form: SessionForm, session: Any) -> Any:
    data = dict(form.cleaned_data)
    data["group"] = _group(intake, data.get("group"))
    try:
        return session_save(actor=request.user, intake=intake, session=session, **data)
    except ValidationError as error:
        apply_errors(form, error)
        return None


@login_required
def sessions(request: HttpRequest, pk: int) -> HttpResponse:
    intake = access_intake(request.user, pk, to_change=True)
    choices = [(g.pk, g.name) for g in intake_groups(intake)]
    action = request.POST.get("action")
    form = SessionForm(request.POST if action == "session" else None, groups=choices, prefix="one")
    series_form = SeriesForm(request.POST if action == "series" else None, prefix="series")
    if action == "session" and form.is_valid():
        if _save_session(request, intake, form, None):
            messages.success(request, _("The session was added."))
            return redirect("programmes:sessions", intake.pk)
    elif action == "series" and series_form.is_valid():
        try:
            created = session_series(
                actor=request.user, intake=intake, series=Series(**series_form.cleaned_data)
            )
        except ValidationError as error:
            apply_errors(series_form, error)
        else:
            messages.success(request, _("Sessions added: %(count)d.") % {"count": len(created)})
            return redirect("programmes:sessions", intake.pk)
    context = {
        "intake": intake,
        "sessions": intake_sessions(intake),
        "form": form,
        "series_form": series_form,
        "now": timezone.now(),
    }
    status = 400 if form.errors or series_form.errors else 200
    return render(request, "programmes/cohort/sessions.html", context, status=status)


@login_required
def session(request: HttpRequest, pk: int) -> HttpResponse:
    found = access_session(request.user, pk)
    manages = administers(request.user, found.intake.programme.community_id)
    form = None
    if manages:
        choices = [(g.pk, g.name) for g in intake_groups(found.intake)]
        initial = {
            "kind": found.kind,
            "group": found.group_id,
            "name_en": found.name_en,
            "name_fr": found.name_fr,
            "starts_at": found.starts_at,
            "ends_at": found.ends_at,
            "location": found.location,
        }
        form = SessionForm(
            request.POST if request.method == "POST" else None, groups=choices, initial=initial
        )
        if (
            request.method == "POST"
            and form.is_valid()
            and _save_session(request, found.intake, form, found)
        ):
            messages.success(request, _("The session was saved."))
            return redirect("programmes:session", found.pk)
    elif request.method == "POST":
        raise NotFound()
    context = {"session": found, "intake": found.intake, "form": form, "manages": manages}
    status = 400 if form is not None and form.errors else 200
    return render(request, "programmes/cohort/session.html", context, status=status)


def _posted_marks(request: HttpRequest) -> dict[Any, str]:
    marks: dict[Any, str] = {}
    for key in request.POST:
        if key.startswith(MARK):
            raw = key[len(MARK) :]
            marks[int(raw) if raw.isdigit() else raw] = request.POST.get(key, "")
    return marks


@login_required
def attendance(request: HttpRequest, pk: int) -> HttpResponse:
    found: Session = access_session(request.user, pk, to_change=True)
    lines = session_register(found)
    chosen = {line.participant.pk: line.status for line in lines}
    problems: dict[str, list[str]] = {}
    message = ""
    status = 200
    if request.method == "POST":
        posted = _posted_marks(request)
        if request.POST.get("action") == "all-present":
            chosen = {key: AttendanceStatus.PRESENT.value for key in chosen}
            messages.info(
                request, _("Everyone is marked present: change those who were not, then save.")
            )
        else:
            chosen.update({k: v for k, v in posted.items() if isinstance(k, int)})
            try:
                saved = attendance_mark_bulk(actor=request.user, session=found, marks=posted)
            except ProblemsError as error:
                problems = error.fields
                message = str(error.message)
                status = 400
            else:
                messages.success(
                    request, _("Attendance saved: %(count)d marks.") % {"count": len(saved)}
                )
                return redirect("programmes:attendance", found.pk)
    rows = [
        {
            "participant": line.participant,
            "status": chosen.get(line.participant.pk),
            "errors": problems.get(f"marks.{line.participant.pk}", []),
        }
        for line in lines
    ]
    known = {f"marks.{line.participant.pk}" for line in lines}
    context = {
        "session": found,
        "intake": found.intake,
        "rows": rows,
        "statuses": AttendanceStatus.choices,
        "message": message,
        "other_problems": [m for k, ms in problems.items() if k not in known for m in ms],
        "future": found.starts_at > timezone.now(),
    }
    return render(request, "programmes/cohort/attendance.html", context, status=status)


urlpatterns: list[URLPattern] = [
    path("programmes/intakes/<int:pk>/sessions/", sessions, name="sessions"),
    path("programmes/sessions/<int:pk>/", session, name="session"),
    path("programmes/sessions/<int:pk>/attendance/", attendance, name="attendance"),
]
