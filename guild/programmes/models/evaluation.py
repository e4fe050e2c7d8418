"""What the programme learns from its evaluations: the themes an administrator tags free-text
comments with, and the recommendations recorded for the programme's final design."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from guild.core.bilingual import BilingualNameMixin
from guild.programmes.models.programme import Intake, Programme


class ThemeSource(models.TextChoices):
    PARTICIPANTS = "participants", _("Feedback from participants")
    SUPERVISORS = "supervisors", _("Feedback from supervisors")


class Theme(BilingualNameMixin, models.Model):
    intake = models.ForeignKey(
        Intake, verbose_name=_("intake"), on_delete=models.CASCADE, related_name="themes"
    )
    source = models.CharField(_("from"), max_length=12, choices=ThemeSource.choices)
    name_en = models.CharField(_("theme (English)"), max_length=200)
    name_fr = models.CharField(_("theme (French)"), max_length=200)

    class Meta:
        verbose_name = _("feedback theme")
        verbose_name_plural = _("feedback themes")
        ordering = ["intake", "source", "name_en"]
        constraints = [
            models.UniqueConstraint(fields=["intake", "source", "name_en"], name="uniq_theme_name")
        ]


class CommentTag(models.Model):
    """One free-text answer (a response's answer to one question) tagged with a theme. The
    answer is anonymous; the tag says nothing of who wrote it."""

    theme = models.ForeignKey(
        Theme, verbose_name=_("theme"), on_delete=models.CASCADE, related_name="tags"
    )
    response = models.ForeignKey(
        "questionnaires.Response", on_delete=models.CASCADE, related_name="+"
    )
    question = models.CharField(max_length=64)
    tagged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    tagged_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("tagged comment")
        verbose_name_plural = _("tagged comments")
        constraints = [
            models.UniqueConstraint(
                fields=["theme", "response", "question"], name="uniq_comment_tag"
            )
        ]


class Recommendation(models.Model):
    """A recommendation for the programme's final design, drawn from comparing intakes."""

    programme = models.ForeignKey(
        Programme,
        verbose_name=_("programme"),
        on_delete=models.CASCADE,
        related_name="recommendations",
    )
    intake = models.ForeignKey(
        Intake,
        verbose_name=_("intake"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="recommendations",
    )
    text_en = models.TextField(_("recommendation (English)"), max_length=4000)
    text_fr = models.TextField(_("recommendation (French)"), max_length=4000)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("recorded"), default=timezone.now)

    class Meta:
        verbose_name = _("recommendation")
        verbose_name_plural = _("recommendations")
        ordering = ["programme", "created_at", "pk"]
