from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemoConfig(AppConfig):
    """The demo community (`seed_demo`): installed by the development, demo and test
    settings only, never by production's."""

    name = "guild.demo"
    label = "demo"
    verbose_name = _("Demo")
