import os
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest
from django.contrib.sessions.models import Session
from django.utils import timezone

ROOT = Path(__file__).resolve().parent.parent


def _load_production(**env: str) -> subprocess.CompletedProcess[str]:
    environment = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "SECRET_KEY"}}
    environment.update(env, DJANGO_SETTINGS_MODULE="config.settings.production")
    return subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )


def test_production_refuses_the_default_secret() -> None:
    result = _load_production()
    assert result.returncode != 0
    assert "Set SECRET_KEY to a long random value in production." in result.stderr


def test_production_refuses_debug() -> None:
    result = _load_production(SECRET_KEY="x" * 50, DEBUG="1")
    assert result.returncode != 0
    assert "DEBUG must be off in production." in result.stderr


def test_production_refuses_to_start_without_its_public_https_address() -> None:
    for address in ("", "http://guild.example.ca"):
        result = _load_production(SECRET_KEY="x" * 50, GUILD_PUBLIC_URL=address)
        assert result.returncode != 0
        assert "Set GUILD_PUBLIC_URL to the platform's https:// address." in result.stderr


def test_production_starts_with_a_real_secret_and_secure_cookies() -> None:
    code = (
        "import django; django.setup(); from django.conf import settings as s; "
        "print(s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SECURE_HSTS_SECONDS)"
    )
    environment = {k: v for k, v in os.environ.items() if k != "DEBUG"}
    environment.update(
        SECRET_KEY="x" * 50,
        GUILD_PUBLIC_URL="https://guild.example.ca",
        DJANGO_SETTINGS_MODULE="config.settings.production",
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stdout.split() == ["True", "True", "31536000"]


@pytest.mark.django_db
def test_security_headers_on_pages(client) -> None:
    response = client.get("/en/")
    assert "default-src 'self'" in response["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"


@pytest.mark.django_db
def test_session_times_out_after_thirty_idle_minutes(make_member, login, settings) -> None:
    assert settings.SESSION_COOKIE_AGE == 1800
    client = login(make_member().user)
    key = client.session.session_key
    session = client.session
    session["_guild_refreshed"] = 0  # last refreshed long ago
    session.save()
    Session.objects.filter(pk=key).update(expire_date=timezone.now() + timedelta(minutes=5))
    client.get("/en/members/")
    expiry = Session.objects.get(pk=key).expire_date
    assert expiry > timezone.now() + timedelta(minutes=29)
    stamp = client.session["_guild_refreshed"]
    client.get("/en/members/")
    assert client.session["_guild_refreshed"] == stamp  # no write within the minute
    assert Session.objects.get(pk=key).expire_date == expiry
