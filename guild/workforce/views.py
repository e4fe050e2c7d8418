"""The workforce page, one of the results pages of a questionnaire (full results rights)."""

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from guild.core.bilingual import current_language
from guild.questionnaires.results.selectors import results_definition
from guild.questionnaires.results.views import results_frame, results_full_access
from guild.workforce.charts import workforce_figures
from guild.workforce.declaration import workforce_declaration
from guild.workforce.selectors import questionnaire_workforce


@login_required
def results_workforce(request: HttpRequest, questionnaire_id: int) -> HttpResponse:
    questionnaire, rights = results_full_access(request, questionnaire_id)
    definition, _version = results_definition(questionnaire)
    declared = workforce_declaration(definition) is not None
    workforce = questionnaire_workforce(questionnaire) if declared else None
    language = current_language()
    context: dict[str, Any] = {
        "declared": declared,
        "workforce": workforce,
        "figures": workforce_figures(workforce, language) if workforce is not None else [],
    }
    body = SafeString(render_to_string("workforce/results_body.html", context, request))
    return results_frame(
        request, questionnaire, rights, title=_("Workforce: eligibility to retire"), body=body
    )
