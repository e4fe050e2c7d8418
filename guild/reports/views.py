from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from guild.accounts.scopes import scope_for
from guild.reports.home import home_context
from guild.reports.worklist import figures_links, results_links, worklist


def home(request: HttpRequest) -> HttpResponse:
    if not request.user.is_authenticated:
        return render(request, "home/anonymous.html")
    context = home_context(request.user)
    context["work"] = worklist(request.user)
    return render(request, "reports/home.html", context)


@login_required
def results_index(request: HttpRequest) -> HttpResponse:
    """Every result the person may read: questionnaires' results and competency figures."""
    scope = scope_for(request.user)
    context = {
        "results": results_links(request.user, scope),
        "figures": figures_links(scope),
    }
    return render(request, "reports/results_index.html", context)
