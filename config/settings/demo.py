"""The demo (`make demo`, bin/serve-demo): development settings with DEBUG off, so a
wrong address shows Guild's own bilingual error pages, never Django's debug page."""

from config.settings.dev import *  # noqa: F403
from config.settings.dev import env_bool

DEBUG = env_bool("DEBUG", False)
# runserver serves no static files with DEBUG off: WhiteNoise serves them, straight from
# the static folders, so the demo works with or without collectstatic.
WHITENOISE_USE_FINDERS = True
