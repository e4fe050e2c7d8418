from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MentoringConfig(AppConfig):
    name = "guild.mentoring"
    label = "mentoring"
    verbose_name = _("Buddies and mentoring")
