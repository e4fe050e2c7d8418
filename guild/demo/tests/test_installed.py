"""The demo app is installed for development, the demo and the tests, never in production:
there `seed_demo` does not exist."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
CODE = (
    "import django; django.setup(); from django.apps import apps; "
    "from django.core.management import get_commands; "
    "print(apps.is_installed('guild.demo'), 'seed_demo' in get_commands())"
)


@pytest.mark.parametrize(
    ("settings", "installed"),
    [
        ("config.settings.production", "False False"),
        ("config.settings.dev", "True True"),
        ("config.settings.demo", "True True"),
        ("config.settings.test", "True True"),
    ],
)
def test_only_development_demo_and_test_settings_install_the_demo(
    settings: str, installed: str
) -> None:
    environment = {k: v for k, v in os.environ.items() if k != "DEBUG"}
    environment.update(
        SECRET_KEY="x" * 50,
        GUILD_PUBLIC_URL="https://guild.example.ca",
        DJANGO_SETTINGS_MODULE=settings,
    )
    result = subprocess.run(
        [sys.executable, "-c", CODE],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == installed.split()
