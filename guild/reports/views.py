from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from guild.reports.home import home_context


def home(request: HttpRequest) -> HttpResponse:
    if not request.user.is_authenticated:
        return render(request, "home/anonymous.html")
    return render(request, "reports/home.html", home_context(request.user))
