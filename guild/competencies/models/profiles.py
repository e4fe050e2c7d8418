"""Role profiles: target levels per competency, and the members they apply to."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from guild.competencies.models.frameworks import LEVEL_MAX, LEVEL_MIN, Competency, FrameworkVersion
from guild.core.bilingual import BilingualNameMixin
from guild.members.models import Member
from guild.organizations.models import Community, Department, OccupationalLevel, WorkStream


class RoleProfile(BilingualNameMixin, models.Model):
    """A named role with a target level per competency of one framework version. A
    department's adaptation names the profile it adapts and the department it is for."""

    community = models.ForeignKey(
        Community, verbose_name=_("community"), on_delete=models.PROTECT, related_name="+"
    )
    version = models.ForeignKey(
        FrameworkVersion,
        verbose_name=_("framework version"),
        on_delete=models.PROTECT,
        related_name="role_profiles",
    )
    name_en = models.CharField(_("name (English)"), max_length=160)
    name_fr = models.CharField(_("name (French)"), max_length=160)
    work_stream = models.ForeignKey(
        WorkStream, verbose_name=_("work stream"), on_delete=models.PROTECT, related_name="+"
    )
    level = models.ForeignKey(
        OccupationalLevel,
        verbose_name=_("group and level"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    department = models.ForeignKey(
        Department,
        verbose_name=_("department or agency"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    adapted_from = models.ForeignKey(
        "self",
        verbose_name=_("adapted from"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="adaptations",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("role profile")
        verbose_name_plural = _("role profiles")
        ordering = ["community_id", "name_en", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(adapted_from__isnull=True) | Q(department__isnull=False),
                name="role_profile_adaptation_has_department",
            ),
        ]


class RoleProfileTarget(models.Model):
    profile = models.ForeignKey(
        RoleProfile,
        verbose_name=_("role profile"),
        on_delete=models.CASCADE,
        related_name="targets",
    )
    competency = models.ForeignKey(
        Competency, verbose_name=_("competency"), on_delete=models.PROTECT, related_name="targets"
    )
    target = models.PositiveSmallIntegerField(_("target level"))

    class Meta:
        verbose_name = _("target level")
        verbose_name_plural = _("target levels")
        ordering = ["profile_id", "competency__family__order", "competency__order"]
        constraints = [
            models.UniqueConstraint(fields=["profile", "competency"], name="uniq_profile_target"),
            models.CheckConstraint(
                condition=Q(target__gte=LEVEL_MIN, target__lte=LEVEL_MAX),
                name="profile_target_in_scale",
            ),
        ]


class MemberRoleProfile(models.Model):
    """The role profile of a member's position."""

    member = models.OneToOneField(
        Member,
        verbose_name=_("member"),
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="role_profile",
    )
    profile = models.ForeignKey(
        RoleProfile,
        verbose_name=_("role profile"),
        on_delete=models.PROTECT,
        related_name="assignments",
    )
    assigned_at = models.DateTimeField(_("assigned"), auto_now=True)

    class Meta:
        verbose_name = _("member's role profile")
        verbose_name_plural = _("members' role profiles")
        indexes = [models.Index(fields=["profile", "member"])]

    def __str__(self) -> str:
        return f"{self.member_id} → {self.profile_id}"
