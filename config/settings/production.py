"""Production: refuses to start with DEBUG on or the development secret."""

from django.core.exceptions import ImproperlyConfigured

from config.settings.base import *  # noqa: F403
from config.settings.base import (
    DEBUG,
    GUILD_PUBLIC_URL,
    INSECURE_DEFAULT_SECRET,
    SECRET_KEY,
    env,
    env_bool,
)

if DEBUG:
    raise ImproperlyConfigured("DEBUG must be off in production.")
if not SECRET_KEY or SECRET_KEY == INSECURE_DEFAULT_SECRET or len(SECRET_KEY) < 40:
    raise ImproperlyConfigured("Set SECRET_KEY to a long random value in production.")
# Credentials carry the platform's address for good: never a development default.
if not env("GUILD_PUBLIC_URL") or not GUILD_PUBLIC_URL.startswith("https://"):
    raise ImproperlyConfigured("Set GUILD_PUBLIC_URL to the platform's https:// address.")

SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_HSTS_SECONDS = 31536000
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# Credentials are signed with the issuer key from GUILD_ISSUER_KEY (an Ed25519 private JWK);
# production never generates one (guild/learning/credentials/keys.py).
GUILD_ISSUER_KEY_REQUIRED = True
