"""Reference data, in both official languages: communities and their work streams,
departments and agencies, regions, occupational groups and levels."""

from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _

from guild.core.bilingual import BilingualNameMixin, localize


class ReferenceQuerySet(models.QuerySet):
    def active(self) -> "ReferenceQuerySet":
        return self.filter(is_active=True)


class Community(BilingualNameMixin, models.Model):
    code = models.SlugField(_("code"), max_length=20, unique=True)
    name_en = models.CharField(_("name (English)"), max_length=120)
    name_fr = models.CharField(_("name (French)"), max_length=120)
    description_en = models.TextField(_("description (English)"), blank=True)
    description_fr = models.TextField(_("description (French)"), blank=True)
    is_active = models.BooleanField(_("active"), default=True)

    objects = ReferenceQuerySet.as_manager()

    class Meta:
        verbose_name = _("community")
        verbose_name_plural = _("communities")
        ordering = ["code"]


class WorkStream(BilingualNameMixin, models.Model):
    community = models.ForeignKey(
        Community,
        verbose_name=_("community"),
        on_delete=models.PROTECT,
        related_name="work_streams",
    )
    code = models.SlugField(_("code"), max_length=40)
    name_en = models.CharField(_("name (English)"), max_length=120)
    name_fr = models.CharField(_("name (French)"), max_length=120)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    is_active = models.BooleanField(_("active"), default=True)

    objects = ReferenceQuerySet.as_manager()

    class Meta:
        verbose_name = _("work stream")
        verbose_name_plural = _("work streams")
        ordering = ["community__code", "order", "code"]
        constraints = [
            models.UniqueConstraint(fields=["community", "code"], name="uniq_workstream_code")
        ]


class Department(BilingualNameMixin, models.Model):
    """A federal department or agency (a "department" throughout Guild)."""

    code = models.SlugField(_("code"), max_length=20, unique=True)
    acronym_en = models.CharField(_("acronym (English)"), max_length=20)
    acronym_fr = models.CharField(_("acronym (French)"), max_length=20)
    name_en = models.CharField(_("name (English)"), max_length=200)
    name_fr = models.CharField(_("name (French)"), max_length=200)
    is_active = models.BooleanField(_("active"), default=True)

    objects = ReferenceQuerySet.as_manager()

    class Meta:
        verbose_name = _("department or agency")
        verbose_name_plural = _("departments and agencies")
        ordering = ["name_en"]

    @property
    def acronym(self) -> str:
        return localize(self, "acronym").text


class Region(BilingualNameMixin, models.Model):
    code = models.SlugField(_("code"), max_length=20, unique=True)
    name_en = models.CharField(_("name (English)"), max_length=120)
    name_fr = models.CharField(_("name (French)"), max_length=120)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    is_active = models.BooleanField(_("active"), default=True)

    objects = ReferenceQuerySet.as_manager()

    class Meta:
        verbose_name = _("region")
        verbose_name_plural = _("regions")
        ordering = ["order", "code"]


class OccupationalGroup(BilingualNameMixin, models.Model):
    code = models.CharField(_("code"), max_length=10, unique=True)
    name_en = models.CharField(_("name (English)"), max_length=160)
    name_fr = models.CharField(_("name (French)"), max_length=160)
    is_active = models.BooleanField(_("active"), default=True)

    objects = ReferenceQuerySet.as_manager()

    class Meta:
        verbose_name = _("occupational group")
        verbose_name_plural = _("occupational groups")
        ordering = ["code"]


class OccupationalLevel(models.Model):
    """A group and level, e.g. IS-04. Its code is how public servants write it."""

    group = models.ForeignKey(
        OccupationalGroup, verbose_name=_("group"), on_delete=models.PROTECT, related_name="levels"
    )
    level = models.PositiveSmallIntegerField(_("level"))
    code = models.CharField(_("code"), max_length=16, unique=True, editable=False)
    is_active = models.BooleanField(_("active"), default=True)

    objects = ReferenceQuerySet.as_manager()

    class Meta:
        verbose_name = _("group and level")
        verbose_name_plural = _("groups and levels")
        ordering = ["group__code", "level"]
        constraints = [models.UniqueConstraint(fields=["group", "level"], name="uniq_group_level")]

    def __str__(self) -> str:
        return self.code

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.code = f"{self.group.code}-{self.level:02d}"
        super().save(*args, **kwargs)
