"""Reference data, in both official languages: communities and their work streams,
departments and agencies, regions, occupational groups and levels."""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from guild.core.bilingual import BilingualNameMixin, localize
from guild.organizations.domains import email_matches_domains, invalid_domains, parse_domains


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
    # Who is a member is decided here, not by the person: see docs/adr/0013.
    email_domains = models.TextField(
        _("accepted e-mail domains"),
        blank=True,
        help_text=_(
            "One domain per line. A person whose verified account e-mail is at one of these "
            "domains, or at a subdomain of one, joins at once. Anyone else who asks waits for "
            "approval."
        ),
    )
    approval_required = models.BooleanField(
        _("every request needs approval"),
        default=False,
        help_text=_(
            "When set, people from an accepted domain also wait for a programme administrator "
            "or a department coordinator to approve them."
        ),
    )

    objects = ReferenceQuerySet.as_manager()

    class Meta:
        verbose_name = _("community")
        verbose_name_plural = _("communities")
        ordering = ["code"]

    def clean(self) -> None:
        domains = parse_domains(self.email_domains)
        bad = invalid_domains(domains)
        if bad:
            raise ValidationError(
                {
                    "email_domains": _("These are not e-mail domains: %(domains)s.")
                    % {"domains": ", ".join(bad)}
                }
            )
        self.email_domains = "\n".join(domains)

    @property
    def email_domain_list(self) -> list[str]:
        return parse_domains(self.email_domains)

    def admits_at_once(self, verified_email: str | None) -> bool:
        """Whether a person whose verified account address is `verified_email` joins
        without anyone's approval."""
        return (
            not self.approval_required
            and bool(verified_email)
            and email_matches_domains(verified_email or "", self.email_domain_list)
        )


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
