"""The issuer's public key, published for anyone verifying a Guild credential."""

from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from guild.learning.credentials.keys import issuer_key, jwks_document


@require_GET
@cache_control(public=True, max_age=3600)
def issuer_jwks(request: HttpRequest) -> JsonResponse:
    """The JWK Set at /.well-known/jwks.json; each key's `kid` is this address and its
    thumbprint, as the credentials' JOSE headers name it."""
    document = jwks_document([issuer_key()], request.build_absolute_uri(request.path))
    return JsonResponse(document, content_type="application/jwk-set+json")
