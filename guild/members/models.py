from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

from guild.core.models import TimeStampedModel
from guild.organizations.models import (
    Community,
    Department,
    OccupationalLevel,
    Region,
    WorkStream,
)


class OfficialLanguage(models.TextChoices):
    ENGLISH = "en", _("English")
    FRENCH = "fr", _("French")


class SecondLanguageLevel(models.TextChoices):
    """Public Service Commission second language evaluation results."""

    NONE = "", _("Not assessed")
    X = "X", _("X (below A)")
    A = "A", _("A")
    B = "B", _("B")
    C = "C", _("C")
    E = "E", _("E (exempt from further testing)")


# The fields a member (or a platform administrator) may change on a profile.
PROFILE_FIELDS = [
    "given_name",
    "family_name",
    "work_email",
    "department",
    "region",
    "position_title",
    "level",
    "first_official_language",
    "second_language_reading",
    "second_language_writing",
    "second_language_oral",
    "years_in_community",
    "supervisor",
    "consent_directory",
    "consent_statistics",
]


class Member(TimeStampedModel):
    """A member of one or more communities. A profile may exist before its person
    signs in (rosters, imports); it is linked to the account whose e-mail it carries."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="member",
    )
    given_name = models.CharField(_("given name"), max_length=80)
    family_name = models.CharField(_("family name"), max_length=80)
    work_email = models.EmailField(_("work e-mail"), max_length=254)
    department = models.ForeignKey(
        Department,
        verbose_name=_("department or agency"),
        on_delete=models.PROTECT,
        related_name="members",
    )
    region = models.ForeignKey(
        Region, verbose_name=_("region"), on_delete=models.PROTECT, related_name="members"
    )
    communities = models.ManyToManyField(
        Community, verbose_name=_("communities"), related_name="members"
    )
    work_streams = models.ManyToManyField(
        WorkStream, verbose_name=_("work streams"), related_name="members", blank=True
    )
    position_title = models.CharField(_("position title"), max_length=160, blank=True)
    level = models.ForeignKey(
        OccupationalLevel,
        verbose_name=_("group and level"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="members",
    )
    first_official_language = models.CharField(
        _("first official language"),
        max_length=2,
        choices=OfficialLanguage.choices,
        default=OfficialLanguage.ENGLISH,
    )
    second_language_reading = models.CharField(
        _("second language: reading"),
        max_length=1,
        choices=SecondLanguageLevel.choices,
        blank=True,
    )
    second_language_writing = models.CharField(
        _("second language: writing"),
        max_length=1,
        choices=SecondLanguageLevel.choices,
        blank=True,
    )
    second_language_oral = models.CharField(
        _("second language: oral"),
        max_length=1,
        choices=SecondLanguageLevel.choices,
        blank=True,
    )
    years_in_community = models.PositiveSmallIntegerField(
        _("years in the community"), null=True, blank=True, validators=[MaxValueValidator(60)]
    )
    supervisor = models.ForeignKey(
        "self",
        verbose_name=_("supervisor"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="reports",
    )
    consent_directory = models.BooleanField(_("appear in the member directory"), default=False)
    consent_statistics = models.BooleanField(_("use my answers for statistics"), default=False)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("member")
        verbose_name_plural = _("members")
        ordering = ["family_name", "given_name", "id"]
        constraints = [
            models.UniqueConstraint(Lower("work_email"), name="uniq_member_work_email_ci"),
            models.CheckConstraint(
                condition=models.Q(years_in_community__lte=60),
                name="member_years_in_community_lte_60",
            ),
            models.CheckConstraint(
                condition=~models.Q(supervisor=models.F("id")), name="member_not_own_supervisor"
            ),
        ]
        indexes = [
            models.Index(fields=["department", "family_name", "given_name", "id"]),
            # Covers the directory's count: department, then who is visible to everyone.
            models.Index(fields=["department", "consent_directory", "is_active"]),
            models.Index(fields=["region", "family_name", "given_name", "id"]),
            models.Index(fields=["family_name", "given_name", "id"]),
            models.Index(fields=["consent_directory", "family_name", "given_name", "id"]),
        ]

    def __str__(self) -> str:
        return self.full_name

    @property
    def full_name(self) -> str:
        return f"{self.given_name} {self.family_name}".strip()


class MembershipStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for approval")
    APPROVED = "approved", _("Approved")
    REFUSED = "refused", _("Refused")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    # Not a request: the record of a removal by the community (who in `decided_by`, when
    # in `decided_at`, why in `note`). A later request of the same member waits for a person.
    REMOVED = "removed", _("Removed by the community")


# What a member is told of a request that waits (the profile page, the API).
WAITING = _("Your request waits for a programme administrator or a coordinator of your department.")
REMOVED_WAITING = _(
    "Your request waits for a coordinator or a programme administrator because this "
    "community removed you before: your e-mail address alone no longer lets you join."
)


class MembershipRequestQuerySet(models.QuerySet["MembershipRequest"]):
    def pending(self) -> "MembershipRequestQuerySet":
        return self.filter(status=MembershipStatus.PENDING)


class MembershipRequest(TimeStampedModel):
    """A member's request to join a community, and how it was decided. Approved
    membership itself is `Member.communities`; this keeps what is waiting and the history
    (see docs/adr/0013-community-membership.md)."""

    member = models.ForeignKey(
        Member,
        verbose_name=_("member"),
        on_delete=models.CASCADE,
        related_name="membership_requests",
    )
    community = models.ForeignKey(
        Community,
        verbose_name=_("community"),
        on_delete=models.CASCADE,
        related_name="membership_requests",
    )
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=MembershipStatus.choices,
        default=MembershipStatus.PENDING,
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # The verified account address the request was made with, as it was then.
    email = models.EmailField(_("account e-mail"), max_length=254, blank=True)
    email_verified = models.BooleanField(_("e-mail verified"), default=False)
    # Set when the accepted e-mail domain, not a person, approved the request.
    approved_by_domain = models.BooleanField(_("approved by e-mail domain"), default=False)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=500, blank=True)

    objects = MembershipRequestQuerySet.as_manager()

    class Meta:
        verbose_name = _("membership request")
        verbose_name_plural = _("membership requests")
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["member", "community"],
                condition=models.Q(status="pending"),
                name="uniq_pending_membership_request",
            ),
        ]
        indexes = [models.Index(fields=["community", "status", "created_at"])]

    def __str__(self) -> str:
        return f"{self.member} → {self.community.code} ({self.status})"
