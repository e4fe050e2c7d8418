"""The JSON API: each app contributes a router; auth and errors are set here once."""

from ninja import NinjaAPI

from guild.accounts.api_auth import API_AUTH
from guild.competencies.api import router as competencies_router
from guild.core.api_errors import install_error_handlers
from guild.learning.api import router as learning_router
from guild.learning.api_certificates import router as certification_router
from guild.learning.api_curricula import router as curricula_router
from guild.members.api import router as members_router
from guild.mentoring.api import router as mentoring_router
from guild.organizations.api import router as reference_router
from guild.programmes.api import router as programmes_router
from guild.questionnaires.api import router as questionnaires_router

api = NinjaAPI(
    title="Guild API",
    version="1.0.0",
    description=(
        "The Guild JSON API. Authenticate with a personal access token "
        "(`Authorization: Bearer gld_…`) or, from pages, the session cookie and CSRF token. "
        "Errors are JSON objects `{code, message, fields}` with a 4xx status."
    ),
    auth=API_AUTH,
    urls_namespace="api-1.0.0",
)
install_error_handlers(api)
api.add_router("/", members_router)
api.add_router("/reference", reference_router)
api.add_router("/competencies", competencies_router)
api.add_router("/questionnaires", questionnaires_router)
api.add_router("/learning", learning_router)
api.add_router("/learning/certification", certification_router)
api.add_router("/learning/curricula", curricula_router)
api.add_router("/programmes", programmes_router)
api.add_router("/mentoring", mentoring_router)
