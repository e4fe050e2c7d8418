"""Matching rounds (draft → proposed → published), the pairs they propose with their
reasons, the people they leave unmatched with theirs, and each pair's life: accepted by
both → active → completed or ended early; or declined, or excluded by the coordinator.

Reasons are stored without language (the engine's codes and parameters, JSON) and written
in the reader's language on display. A pair holds one place on each membership from its
approval until it ends (`holds_places`); `PoolMembership.taken` is the count (ADR 20)."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from guild.members.models import Member
from guild.mentoring.models.pools import Pool, PoolKind, PoolMembership


class RoundStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PROPOSED = "proposed", _("Proposed")
    PUBLISHED = "published", _("Published")


class Round(models.Model):
    pool = models.ForeignKey(
        Pool, verbose_name=_("pool"), on_delete=models.CASCADE, related_name="rounds"
    )
    number = models.PositiveIntegerField(_("number"))
    status = models.CharField(
        _("status"), max_length=10, choices=RoundStatus.choices, default=RoundStatus.DRAFT
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("run"), auto_now_add=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    people = models.PositiveIntegerField(_("people in the round"), default=0)
    pairs_count = models.PositiveIntegerField(_("pairs proposed"), default=0)
    unmatched_count = models.PositiveIntegerField(_("people unmatched"), default=0)
    total_score = models.DecimalField(_("total score"), max_digits=14, decimal_places=4, default=0)
    candidates = models.PositiveBigIntegerField(_("admissible pairs"), default=0)
    optimal = models.BooleanField(_("proved optimal"), default=False)

    class Meta:
        verbose_name = _("matching round")
        verbose_name_plural = _("matching rounds")
        ordering = ["pool", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["pool", "number"], name="uniq_round_number"),
            models.CheckConstraint(
                condition=Q(status="published", published_at__isnull=False)
                | (~Q(status="published") & Q(published_at__isnull=True)),
                name="round_published_at_iff_published",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.pool} #{self.number}"


class PairStatus(models.TextChoices):
    PROPOSED = "proposed", _("Proposed")
    ACTIVE = "active", _("Active")
    COMPLETED = "completed", _("Completed")
    ENDED = "ended", _("Ended early")
    DECLINED = "declined", _("Declined")
    EXCLUDED = "excluded", _("Excluded by the coordinator")


# The statuses of a pair that still holds its places.
LIVE = (PairStatus.PROPOSED, PairStatus.ACTIVE)


class Pair(models.Model):
    """Two members of a pool: in mentoring, `first` is the mentee and `second` the mentor;
    for buddies, `first` is the membership with the lower id (one order for one pair, so the
    database can refuse the same pair twice)."""

    pool = models.ForeignKey(
        Pool, verbose_name=_("pool"), on_delete=models.CASCADE, related_name="pairs"
    )
    round = models.ForeignKey(
        Round, verbose_name=_("round"), on_delete=models.CASCADE, related_name="pairs"
    )
    kind = models.CharField(_("kind"), max_length=10, choices=PoolKind.choices)
    first = models.ForeignKey(
        PoolMembership,
        verbose_name=_("mentee or buddy"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    second = models.ForeignKey(
        PoolMembership,
        verbose_name=_("mentor or buddy"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    score = models.DecimalField(_("score"), max_digits=12, decimal_places=4, default=0)
    reasons = models.JSONField(_("reasons"), default=list, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=PairStatus.choices, default=PairStatus.PROPOSED
    )
    holds_places = models.BooleanField(_("holds places"), default=False, editable=False)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    approved_at = models.DateTimeField(_("approved"), null=True, blank=True)
    first_accepted_at = models.DateTimeField(_("accepted by the mentee or buddy"), null=True)
    second_accepted_at = models.DateTimeField(_("accepted by the mentor or buddy"), null=True)
    declined_by = models.ForeignKey(
        Member, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    active_since = models.DateTimeField(_("active since"), null=True, blank=True)
    ended_at = models.DateTimeField(_("ended"), null=True, blank=True)
    end_reason = models.CharField(_("reason for ending"), max_length=500, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("pair")
        verbose_name_plural = _("pairs")
        ordering = ["round", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(first=F("second")), name="mentoring_pair_of_two_people"
            ),
            models.CheckConstraint(
                condition=Q(kind="mentoring") | Q(first__lt=F("second")),
                name="mentoring_buddies_in_canonical_order",
            ),
            # Never a pair already matched: once approved (told to its members), the same
            # two people are never approved together again in this pool.
            models.UniqueConstraint(
                fields=["pool", "first", "second"],
                condition=Q(approved_at__isnull=False),
                name="mentoring_never_the_same_pair_twice",
            ),
            models.CheckConstraint(
                condition=~Q(holds_places=True) | Q(status__in=LIVE, approved_at__isnull=False),
                name="mentoring_only_live_approved_pairs_hold_places",
            ),
            models.CheckConstraint(
                condition=~Q(status="active")
                | Q(first_accepted_at__isnull=False, second_accepted_at__isnull=False),
                name="mentoring_active_once_both_accepted",
            ),
        ]
        indexes = [models.Index(fields=["pool", "status"])]

    def __str__(self) -> str:
        return f"{self.first.member} + {self.second.member}"

    def membership_of(self, member_id: int | None) -> PoolMembership | None:
        """The pair's membership of `member_id`, or None when they are not in the pair."""
        for membership in (self.first, self.second):
            if member_id is not None and membership.member_id == member_id:
                return membership
        return None


class Unmatched(models.Model):
    """A person a round left without a partner, with why (the engine's reasons, or
    `excluded` when the coordinator excluded their pair); kept for the next round."""

    round = models.ForeignKey(
        Round, verbose_name=_("round"), on_delete=models.CASCADE, related_name="unmatched"
    )
    membership = models.ForeignKey(
        PoolMembership, verbose_name=_("member"), on_delete=models.CASCADE, related_name="+"
    )
    reasons = models.JSONField(_("reasons"), default=list)

    class Meta:
        verbose_name = _("unmatched person")
        verbose_name_plural = _("unmatched people")
        ordering = ["round", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["round", "membership"], name="uniq_unmatched")
        ]


class CheckIn(models.Model):
    pair = models.ForeignKey(
        Pair, verbose_name=_("pair"), on_delete=models.CASCADE, related_name="check_ins"
    )
    member = models.ForeignKey(
        Member, verbose_name=_("member"), on_delete=models.PROTECT, related_name="+"
    )
    at = models.DateTimeField(_("when"))
    note = models.TextField(_("note"), max_length=2000, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("check-in")
        verbose_name_plural = _("check-ins")
        ordering = ["pair", "-at", "-pk"]
