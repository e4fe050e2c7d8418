"""Local development and the demo: DEBUG on, e-mail printed to the console."""

from config.settings.base import *  # noqa: F403
from config.settings.base import INSTALLED_APPS, env, env_bool

DEBUG = env_bool("DEBUG", True)
ACCOUNT_EMAIL_VERIFICATION = env("ACCOUNT_EMAIL_VERIFICATION", "optional")
# The demo community (seed_demo) exists in development and the demo, never in production.
INSTALLED_APPS = [*INSTALLED_APPS, "guild.demo"]
