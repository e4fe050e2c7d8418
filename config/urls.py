from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.http import HttpRequest, HttpResponse
from django.urls import include, path

from config.api import api
from guild.learning.credentials.views import issuer_jwks
from guild.reports.views import home


def healthz(request: HttpRequest) -> HttpResponse:
    """Liveness probe; also the trivial view the benchmarks compare against."""
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [
    path("api/v1/", api.urls),
    path("healthz", healthz, name="healthz"),
    # The issuer's public keys, at the address verifiers of Guild's credentials look for.
    path(".well-known/jwks.json", issuer_jwks, name="issuer-jwks"),
]
urlpatterns += i18n_patterns(
    path("", home, name="home"),
    path("", include("guild.reports.urls")),
    path("", include("guild.members.urls")),
    path("", include("guild.competencies.urls")),
    path("", include("guild.learning.urls")),
    path("", include("guild.learning.urls_certificates")),
    path("", include("guild.questionnaires.urls")),
    path("", include("guild.programmes.urls")),
    path("", include("guild.workforce.urls")),
    path("", include("guild.accounts.urls")),
    path("", include("guild.core.urls")),
    path("accounts/", include("allauth.urls")),
    path("admin/", admin.site.urls),
)

handler400 = "guild.core.views.bad_request"
handler403 = "guild.core.views.permission_denied"
handler404 = "guild.core.views.page_not_found"
handler500 = "guild.core.views.server_error"
