"""Settings for the test suite: tasks run immediately, fast password hashing."""

import os

from config.settings.base import *  # noqa: F403
from config.settings.base import BASE_DIR, INSTALLED_APPS

DEBUG = False
# Tests seed and check the demo community (guild.demo), which production never installs.
INSTALLED_APPS = [*INSTALLED_APPS, "guild.demo"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Each pytest-xdist worker ("gw0", "gw1", …) writes its uploads to its own folder.
MEDIA_ROOT = BASE_DIR / "var" / "test-media" / os.environ.get("PYTEST_XDIST_WORKER", "main")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Tests sign in many times a minute; tests/test_sign_in.py checks the limits themselves.
ACCOUNT_RATE_LIMITS = False  # type: ignore[assignment]
# WhiteNoise warns about a missing STATIC_ROOT; tests serve from the finders instead.
STATIC_ROOT = BASE_DIR / "var" / "test-static"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
