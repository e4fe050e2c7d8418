"""Pools (a buddy pool of peers, or a mentoring pool of mentors and mentees) with the
coordinator's hard rules and weights, and the members who opted in with their preferences.

`PoolMembership.taken` counts the places a member's live pairs hold; the database refuses
`taken > capacity` (ADR 20), so no interleaving of approvals can over-fill a mentor, nor
give a mentee or a buddy two partners at once."""

from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from guild.core.bilingual import BilingualNameMixin
from guild.members.models import Member
from guild.organizations.models import Community

WEIGHT_RANGE = [MinValueValidator(Decimal(0)), MaxValueValidator(Decimal(1000))]
FORMATS = ("in_person", "virtual")
# Half-days of the working week: what "availability" is made of.
AVAILABILITY = tuple(
    f"{day}-{half}" for day in ("mon", "tue", "wed", "thu", "fri") for half in ("am", "pm")
)


class PoolKind(models.TextChoices):
    BUDDY = "buddy", _("Buddy pool")
    MENTORING = "mentoring", _("Mentoring pool")


class Side(models.TextChoices):
    BUDDY = "buddy", _("Buddy")
    MENTOR = "mentor", _("Mentor")
    MENTEE = "mentee", _("Mentee")


class Goal(models.TextChoices):
    CAREER = "career", _("Career growth")
    LEADERSHIP = "leadership", _("Leadership")
    TECHNICAL = "technical", _("Technical skills")
    NETWORK = "network", _("A wider network")
    LANGUAGE = "language", _("Second official language")
    NEW_ROLE = "new_role", _("Settling into a new role")
    BALANCE = "balance", _("Work-life balance")


class Pool(BilingualNameMixin, models.Model):
    community = models.ForeignKey(
        Community,
        verbose_name=_("community"),
        on_delete=models.PROTECT,
        related_name="mentoring_pools",
    )
    kind = models.CharField(_("kind"), max_length=10, choices=PoolKind.choices)
    name_en = models.CharField(_("name (English)"), max_length=200)
    name_fr = models.CharField(_("name (French)"), max_length=200)
    description_en = models.TextField(_("description (English)"), blank=True)
    description_fr = models.TextField(_("description (French)"), blank=True)
    is_open = models.BooleanField(_("open to opt-in"), default=True)
    allow_same_department = models.BooleanField(_("pair people of one department"), default=False)
    same_region = models.BooleanField(_("pair only people of one region"), default=False)
    min_gap = models.PositiveSmallIntegerField(
        _("smallest seniority gap"), default=1, validators=[MinValueValidator(1)]
    )
    max_gap = models.PositiveSmallIntegerField(_("largest seniority gap"), default=4)
    weight_competencies = models.DecimalField(
        _("weight: competencies"),
        max_digits=8,
        decimal_places=4,
        default=3,
        validators=WEIGHT_RANGE,
    )
    weight_goals = models.DecimalField(
        _("weight: goals"), max_digits=8, decimal_places=4, default=2, validators=WEIGHT_RANGE
    )
    weight_region = models.DecimalField(
        _("weight: region"), max_digits=8, decimal_places=4, default=1, validators=WEIGHT_RANGE
    )
    weight_format = models.DecimalField(
        _("weight: format"), max_digits=8, decimal_places=4, default=1, validators=WEIGHT_RANGE
    )
    weight_availability = models.DecimalField(
        _("weight: availability"),
        max_digits=8,
        decimal_places=4,
        default=1,
        validators=WEIGHT_RANGE,
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("mentoring pool")
        verbose_name_plural = _("mentoring pools")
        ordering = ["community", "name_en", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(min_gap__gte=1, max_gap__gte=F("min_gap")),
                name="mentoring_pool_gap_range",
            ),
        ]


class PoolMembership(models.Model):
    """A member who opted into a pool, on one side, with the preferences the matching reads.
    Codes are kept as sorted lists: competencies of the community's current framework,
    goals (`Goal`), languages ("en", "fr"), formats (`FORMATS`), half-days (`AVAILABILITY`)."""

    pool = models.ForeignKey(
        Pool, verbose_name=_("pool"), on_delete=models.CASCADE, related_name="memberships"
    )
    member = models.ForeignKey(
        Member, verbose_name=_("member"), on_delete=models.PROTECT, related_name="+"
    )
    side = models.CharField(_("side"), max_length=6, choices=Side.choices)
    capacity = models.PositiveSmallIntegerField(
        _("how many at once"), default=1, validators=[MinValueValidator(1), MaxValueValidator(3)]
    )
    taken = models.PositiveSmallIntegerField(_("places taken"), default=0, editable=False)
    goals = models.JSONField(_("goals"), default=list, blank=True)
    wants = models.JSONField(_("competencies to develop"), default=list, blank=True)
    offers = models.JSONField(_("competencies offered"), default=list, blank=True)
    languages = models.JSONField(_("official languages"), default=list)
    formats = models.JSONField(_("formats"), default=list, blank=True)
    availability = models.JSONField(_("availability"), default=list, blank=True)
    avoid = models.ManyToManyField(
        Member, verbose_name=_("people to avoid"), blank=True, related_name="+"
    )
    is_active = models.BooleanField(_("active"), default=True)
    rematch_requested_at = models.DateTimeField(_("rematch requested"), null=True, blank=True)
    joined_at = models.DateTimeField(_("opted in"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("pool membership")
        verbose_name_plural = _("pool memberships")
        ordering = ["pool", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["pool", "member"], name="uniq_pool_membership"),
            models.CheckConstraint(
                condition=Q(capacity__gte=1, capacity__lte=3), name="mentoring_capacity_1_to_3"
            ),
            models.CheckConstraint(
                condition=Q(capacity=1) | Q(side="mentor"), name="mentoring_one_place_unless_mentor"
            ),
            # The concurrency guarantee of ADR 20: places taken never exceed the capacity.
            models.CheckConstraint(
                condition=Q(taken__lte=F("capacity")), name="mentoring_taken_within_capacity"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.member} ({self.side})"
