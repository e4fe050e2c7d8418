"""The administrators' evaluation pages: open each session's evaluation and the
supervisors' feedback (with the link to send them), and tag published comments with
themes."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path, reverse
from django.utils.translation import gettext as _

from guild.core.errors import ApplicationError, NotFound
from guild.core.forms import apply_errors
from guild.programmes import access
from guild.programmes.forms.reports import CommentThemesForm, ThemeForm
from guild.programmes.models import Intake, Session, Theme
from guild.programmes.selectors.feedback import (
    EVALUATED,
    intake_themes,
    published_comments,
    session_evaluations,
    supervisor_feedback_state,
)
from guild.programmes.services.evaluations import (
    evaluation_open,
    evaluations_publish_due,
    supervisor_feedback_open,
)
from guild.programmes.services.themes import comment_tag, comment_untag, theme_save


def _feedback_link(request: HttpRequest, intake: Intake) -> str | None:
    questionnaire = intake.supervisor_feedback
    if questionnaire is None:
        return None
    start = reverse("questionnaires:answer_start", args=[questionnaire.pk])
    return request.build_absolute_uri(f"{start}?key={questionnaire.link_token}")


@login_required
def evaluations(request: HttpRequest, pk: int) -> HttpResponse:
    """Each event's and group meeting's evaluation; a POST opens one, or the supervisors'."""
    intake = access.access_intake(request.user, pk, to_change=True)
    if request.method == "POST":
        try:
            if request.POST.get("open") == "supervisors":
                supervisor_feedback_open(actor=request.user, intake=intake)
                messages.success(
                    request, _("The supervisors' feedback is open: send them its link.")
                )
            else:
                session = Session.objects.filter(
                    intake=intake, kind__in=EVALUATED, pk=_int(request.POST.get("session"))
                ).first()
                if session is None:
                    raise NotFound()
                evaluation_open(actor=request.user, session=session)
                messages.success(request, _("The evaluation is open to those who attended."))
        except ApplicationError as error:
            if isinstance(error, NotFound):
                raise
            messages.error(request, str(error.message))
        return redirect("programmes:evaluations", intake.pk)
    evaluations_publish_due(intake=intake)
    feedback, feedback_published = supervisor_feedback_state(intake)
    context = {
        "intake": intake,
        "programme": intake.programme,
        "sessions": session_evaluations(intake),
        "feedback": feedback,
        "feedback_published": feedback_published,
        "feedback_link": _feedback_link(request, intake),
    }
    return render(request, "programmes/reports/evaluations.html", context)


def _int(value: object) -> int:
    try:
        return int(str(value))
    except ValueError:
        raise NotFound() from None


def _tag(request: HttpRequest, intake: Intake, themes: dict[str, list[Theme]]) -> bool:
    """Set one comment's themes from the POST; False when the form is refused."""
    comments = {c.key: c for c in published_comments(intake)}
    comment = comments.get(str(request.POST.get("comment", "")))
    if comment is None:
        raise NotFound()
    form = CommentThemesForm(request.POST, themes=themes[comment.source])
    if not form.is_valid():
        return False
    chosen = {int(pk) for pk in form.cleaned_data["themes"]}
    for theme in themes[comment.source]:
        wanted, tagged = theme.pk in chosen, theme.pk in comment.tagged
        if wanted == tagged:
            continue
        change = comment_tag if wanted else comment_untag
        change(
            actor=request.user,
            theme=theme,
            response_id=comment.response_id,
            question=comment.question,
        )
    return True


@login_required
def themes(request: HttpRequest, pk: int) -> HttpResponse:
    """The published comments, each with its themes to tick; and a form to add a theme."""
    intake = access.access_intake(request.user, pk, to_change=True)
    evaluations_publish_due(intake=intake)
    by_source = intake_themes(intake)
    theme_form = ThemeForm()
    status = 200
    if request.method == "POST" and request.POST.get("action") == "theme":
        theme_form = ThemeForm(request.POST)
        if theme_form.is_valid():
            try:
                theme_save(actor=request.user, intake=intake, **theme_form.cleaned_data)
            except ValidationError as error:
                apply_errors(theme_form, error)
            else:
                messages.success(request, _("The theme is added."))
                return redirect("programmes:themes", intake.pk)
        status = 400
    elif request.method == "POST":
        if _tag(request, intake, by_source):
            messages.success(request, _("The comment's themes are saved."))
            return redirect(f"{reverse('programmes:themes', args=[intake.pk])}#comments")
        status = 400
    context = {
        "intake": intake,
        "programme": intake.programme,
        "comments": published_comments(intake),
        "themes": by_source,
        "theme_form": theme_form,
    }
    return render(request, "programmes/reports/themes.html", context, status=status)


urlpatterns: list[URLPattern] = [
    path("programmes/intakes/<int:pk>/evaluations/", evaluations, name="evaluations"),
    path("programmes/intakes/<int:pk>/themes/", themes, name="themes"),
]
