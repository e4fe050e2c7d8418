"""The course scan: learning providers, their courses and learning products, and the
competencies each course develops, to a level of the community's framework scale."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from guild.competencies.models import Competency
from guild.competencies.models.frameworks import LEVEL_RANGE
from guild.core.bilingual import BilingualNameMixin, localize
from guild.organizations.models import Community

CODE_MAX = 40


class ProviderKind(models.TextChoices):
    SCHOOL = "school", _("School of public service")
    LIBRARY_ARCHIVES = "library-archives", _("National library and archives")
    UNIVERSITY = "university", _("University or college")
    DEPARTMENT = "department", _("Department or agency")
    OTHER = "other", _("Other provider")


class CourseFormat(models.TextChoices):
    CLASSROOM = "classroom", _("Classroom")
    ONLINE = "online", _("Online, with an instructor")
    BLENDED = "blended", _("Blended")
    SELF_PACED = "self-paced", _("Self-paced")
    PRODUCT = "product", _("Product or guide")


class CourseLanguages(models.TextChoices):
    ENGLISH = "en", _("English")
    FRENCH = "fr", _("French")
    BOTH = "en-fr", _("English and French")


class Provider(BilingualNameMixin, models.Model):
    """Who offers courses to the community: a school, an archive, a university, a department."""

    community = models.ForeignKey(
        Community,
        verbose_name=_("community"),
        on_delete=models.PROTECT,
        related_name="learning_providers",
    )
    # The key an import file names the provider by; never shown as its name.
    code = models.SlugField(_("code"), max_length=CODE_MAX)
    name_en = models.CharField(_("name (English)"), max_length=255)
    name_fr = models.CharField(_("name (French)"), max_length=255)
    kind = models.CharField(_("kind"), max_length=20, choices=ProviderKind.choices)
    url = models.URLField(_("website"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("learning provider")
        verbose_name_plural = _("learning providers")
        ordering = ["community_id", "name_en"]
        constraints = [
            models.UniqueConstraint(fields=["community", "code"], name="uniq_provider_code")
        ]


class Course(models.Model):
    """A course or learning product of a provider, as the scan found it."""

    provider = models.ForeignKey(
        Provider, verbose_name=_("provider"), on_delete=models.PROTECT, related_name="courses"
    )
    code = models.SlugField(_("code"), max_length=CODE_MAX)
    title_en = models.CharField(_("title (English)"), max_length=255)
    title_fr = models.CharField(_("title (French)"), max_length=255)
    summary_en = models.TextField(_("summary (English)"), blank=True)
    summary_fr = models.TextField(_("summary (French)"), blank=True)
    languages = models.CharField(_("offered in"), max_length=5, choices=CourseLanguages.choices)
    format = models.CharField(_("format"), max_length=12, choices=CourseFormat.choices)
    duration_hours = models.DecimalField(
        _("duration (hours)"), max_digits=6, decimal_places=1, null=True, blank=True
    )
    # In Canadian dollars; 0 is free, empty is not known.
    cost = models.DecimalField(
        _("cost (CAD)"), max_digits=9, decimal_places=2, null=True, blank=True
    )
    url = models.URLField(_("provider's page"), max_length=500, blank=True)
    active = models.BooleanField(_("offered now"), default=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("course")
        verbose_name_plural = _("courses")
        ordering = ["title_en", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["provider", "code"], name="uniq_course_code"),
            models.CheckConstraint(
                condition=Q(duration_hours__isnull=True) | Q(duration_hours__gte=0),
                name="course_duration_not_negative",
            ),
            models.CheckConstraint(
                condition=Q(cost__isnull=True) | Q(cost__gte=0),
                name="course_cost_not_negative",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def title(self) -> str:
        return localize(self, "title").text


class CourseCompetency(models.Model):
    """A competency a course develops, and the level of the scale it develops it to."""

    course = models.ForeignKey(
        Course, verbose_name=_("course"), on_delete=models.CASCADE, related_name="mappings"
    )
    competency = models.ForeignKey(
        Competency,
        verbose_name=_("competency"),
        on_delete=models.PROTECT,
        related_name="course_mappings",
    )
    level = models.PositiveSmallIntegerField(_("level"))

    class Meta:
        verbose_name = _("competency a course develops")
        verbose_name_plural = _("competencies courses develop")
        ordering = ["course_id", "competency__family__order", "competency__order"]
        constraints = [
            models.UniqueConstraint(fields=["course", "competency"], name="uniq_course_competency"),
            models.CheckConstraint(condition=LEVEL_RANGE, name="course_level_in_scale"),
        ]
