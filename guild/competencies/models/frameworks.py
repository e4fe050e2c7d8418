"""Frameworks in versions: families, competencies, proficiency levels, indicators and the
associations a CASE package carries beside its tree."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from guild.core.bilingual import BilingualNameMixin
from guild.organizations.models import Community

LEVEL_MIN = 1
LEVEL_MAX = 4
LEVEL_RANGE = Q(level__gte=LEVEL_MIN, level__lte=LEVEL_MAX)
NAME_MAX = 2000


class Framework(BilingualNameMixin, models.Model):
    """A competency framework of a community: the series its versions belong to."""

    community = models.ForeignKey(
        Community,
        verbose_name=_("community"),
        on_delete=models.PROTECT,
        related_name="competency_frameworks",
    )
    code = models.SlugField(_("code"), max_length=40)
    name_en = models.CharField(_("name (English)"), max_length=255)
    name_fr = models.CharField(_("name (French)"), max_length=255)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("competency framework")
        verbose_name_plural = _("competency frameworks")
        ordering = ["community__code", "code"]
        constraints = [
            models.UniqueConstraint(fields=["community", "code"], name="uniq_framework_code")
        ]


class FrameworkVersion(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")

    framework = models.ForeignKey(
        Framework, verbose_name=_("framework"), on_delete=models.CASCADE, related_name="versions"
    )
    number = models.PositiveSmallIntegerField(_("number"))
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    identifier = models.UUIDField(_("CASE identifier"), unique=True)
    label = models.CharField(_("version label"), max_length=40, blank=True)
    title_en = models.CharField(_("title (English)"), max_length=255)
    title_fr = models.CharField(_("title (French)"), max_length=255)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    # Fields of the CASE document Guild does not model, kept as found and written back.
    case_fields = models.JSONField(_("other CASE fields"), default=dict, blank=True)
    # The package's own CFDefinitions (`pure.Framework.definitions`), by collection.
    case_definitions = models.JSONField(_("CASE definitions"), default=dict, blank=True)

    class Meta:
        verbose_name = _("framework version")
        verbose_name_plural = _("framework versions")
        ordering = ["framework_id", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["framework", "number"], name="uniq_framework_version"),
            models.CheckConstraint(
                condition=Q(status="draft", published_at__isnull=True)
                | Q(status="published", published_at__isnull=False),
                name="framework_version_published_at_iff_published",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title_en} v{self.number}"

    @property
    def is_published(self) -> bool:
        return self.status == self.Status.PUBLISHED


class ProficiencyLevel(BilingualNameMixin, models.Model):
    version = models.ForeignKey(
        FrameworkVersion,
        verbose_name=_("framework version"),
        on_delete=models.CASCADE,
        related_name="levels",
    )
    level = models.PositiveSmallIntegerField(_("level"))
    name_en = models.CharField(_("name (English)"), max_length=120)
    name_fr = models.CharField(_("name (French)"), max_length=120)

    class Meta:
        verbose_name = _("proficiency level")
        verbose_name_plural = _("proficiency levels")
        ordering = ["version_id", "level"]
        constraints = [
            models.UniqueConstraint(fields=["version", "level"], name="uniq_proficiency_level"),
            models.CheckConstraint(condition=LEVEL_RANGE, name="proficiency_level_in_scale"),
        ]


class Family(BilingualNameMixin, models.Model):
    version = models.ForeignKey(
        FrameworkVersion,
        verbose_name=_("framework version"),
        on_delete=models.CASCADE,
        related_name="families",
    )
    identifier = models.UUIDField(_("CASE identifier"))
    code = models.CharField(_("code"), max_length=40)
    # CASE statements run long: a name holds a whole `fullStatement`.
    name_en = models.CharField(_("name (English)"), max_length=NAME_MAX)
    name_fr = models.CharField(_("name (French)"), max_length=NAME_MAX, blank=True)
    order = models.PositiveSmallIntegerField(_("order"))
    parent = models.ForeignKey(
        "self",
        verbose_name=_("within family"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="subfamilies",
    )
    item_type = models.CharField(_("CASE item type"), max_length=120, blank=True)
    # Fields of the CASE item Guild does not model, kept as found and written back on export.
    case_fields = models.JSONField(_("other CASE fields"), default=dict, blank=True)
    # The `sequenceNumber` its import gave, when Guild's own numbering would not say it.
    sequence = models.IntegerField(_("sequence number"), null=True, blank=True)

    class Meta:
        verbose_name = _("competency family")
        verbose_name_plural = _("competency families")
        ordering = ["version_id", "order"]
        constraints = [
            models.UniqueConstraint(fields=["version", "code"], name="uniq_family_code"),
            models.UniqueConstraint(fields=["version", "identifier"], name="uniq_family_id"),
        ]


class Competency(BilingualNameMixin, models.Model):
    version = models.ForeignKey(
        FrameworkVersion,
        verbose_name=_("framework version"),
        on_delete=models.CASCADE,
        related_name="competencies",
    )
    family = models.ForeignKey(
        Family, verbose_name=_("family"), on_delete=models.CASCADE, related_name="competencies"
    )
    identifier = models.UUIDField(_("CASE identifier"))
    code = models.CharField(_("code"), max_length=40)
    name_en = models.CharField(_("name (English)"), max_length=NAME_MAX)
    name_fr = models.CharField(_("name (French)"), max_length=NAME_MAX, blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    description_fr = models.TextField(_("description (French)"), blank=True)
    order = models.PositiveSmallIntegerField(_("order"))
    # CASE identifiers, in order, of the competencies of earlier versions (or of another
    # framework) that this one replaces; resolved by `selectors.competency_replaced`.
    replaces = models.JSONField(_("replaces"), default=list, blank=True)
    item_type = models.CharField(_("CASE item type"), max_length=120, blank=True)
    # Fields of the CASE item Guild does not model, kept as found and written back on export.
    case_fields = models.JSONField(_("other CASE fields"), default=dict, blank=True)
    # The `sequenceNumber` its import gave, when Guild's own numbering would not say it.
    sequence = models.IntegerField(_("sequence number"), null=True, blank=True)

    class Meta:
        verbose_name = _("competency")
        verbose_name_plural = _("competencies")
        ordering = ["version_id", "family__order", "order"]
        constraints = [
            models.UniqueConstraint(fields=["version", "code"], name="uniq_competency_code"),
            models.UniqueConstraint(fields=["version", "identifier"], name="uniq_competency_id"),
        ]


class FrameworkAssociation(models.Model):
    """A CASE association its version's families and competencies do not say, kept as
    imported; either end may lie outside Guild, so ends are CASE links, not keys."""

    version = models.ForeignKey(
        FrameworkVersion,
        verbose_name=_("framework version"),
        on_delete=models.CASCADE,
        related_name="associations",
    )
    identifier = models.UUIDField(_("CASE identifier"))
    association_type = models.CharField(_("association type"), max_length=120)
    origin_identifier = models.CharField(_("origin identifier"), max_length=255)
    origin_title = models.TextField(_("origin title"), blank=True)
    origin_uri = models.TextField(_("origin URI"), blank=True)
    destination_identifier = models.CharField(_("destination identifier"), max_length=255)
    destination_title = models.TextField(_("destination title"), blank=True)
    destination_uri = models.TextField(_("destination URI"), blank=True)
    sequence = models.IntegerField(_("sequence number"), null=True, blank=True)
    # Its CFAssociationGroupingURI; no grouping when the identifier is empty.
    grouping_identifier = models.CharField(_("grouping identifier"), max_length=255, blank=True)
    grouping_title = models.TextField(_("grouping title"), blank=True)
    grouping_uri = models.TextField(_("grouping URI"), blank=True)
    order = models.PositiveIntegerField(_("order"))

    class Meta:
        verbose_name = _("framework association")
        verbose_name_plural = _("framework associations")
        ordering = ["version_id", "order"]
        constraints = [
            models.UniqueConstraint(
                fields=["version", "identifier"], name="uniq_framework_association_id"
            )
        ]


class LevelIndicator(models.Model):
    """What a competency looks like at one level: its behavioural indicators."""

    competency = models.ForeignKey(
        Competency,
        verbose_name=_("competency"),
        on_delete=models.CASCADE,
        related_name="indicators",
    )
    level = models.PositiveSmallIntegerField(_("level"))
    indicators_en = models.TextField(_("indicators (English)"))
    indicators_fr = models.TextField(_("indicators (French)"))

    class Meta:
        verbose_name = _("level indicator")
        verbose_name_plural = _("level indicators")
        ordering = ["competency_id", "level"]
        constraints = [
            models.UniqueConstraint(fields=["competency", "level"], name="uniq_level_indicator"),
            models.CheckConstraint(condition=LEVEL_RANGE, name="level_indicator_in_scale"),
        ]
