"""The issuer's public key, published for anyone verifying a Guild credential."""

from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from guild.learning.credentials.keys import issuer_key, jwks_document
from guild.learning.services.certificates import jwks_url


@require_GET
@cache_control(public=True, max_age=3600)
def issuer_jwks(request: HttpRequest) -> JsonResponse:
    """The JWK Set at /.well-known/jwks.json; each key's `kid` is this address (at the
    platform's public URL, `GUILD_PUBLIC_URL`) and its thumbprint, as the credentials' JOSE
    headers name it."""
    document = jwks_document([issuer_key()], jwks_url())
    return JsonResponse(document, content_type="application/jwk-set+json")
