import hashlib
import secrets
from typing import TypeAlias

from django.conf import settings
from django.contrib.auth.models import AbstractUser, AnonymousUser, BaseUserManager
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def _create_user(self, email: str, password: str | None, **extra: object) -> "User":
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email: str, password: str | None = None, **extra: object) -> "User":
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra)

    def create_superuser(self, email: str, password: str | None = None, **extra: object) -> "User":
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra)


class User(AbstractUser):
    """An account. The e-mail address is the sign-in; there is no username."""

    username = None  # type: ignore[assignment]
    email = models.EmailField(_("e-mail address"), unique=True)
    preferred_language = models.CharField(
        _("preferred language"), max_length=2, choices=settings.LANGUAGES, default="en"
    )

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = []

    objects = UserManager()  # type: ignore[assignment,misc]

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["email"]

    def __str__(self) -> str:
        return self.email


AnyUser: TypeAlias = User | AnonymousUser | None
"""Whoever asks: a signed-in user, the anonymous visitor of a page, or no one (a command)."""


def signed_in(user: AnyUser) -> User | None:
    """The user if signed in; None for the anonymous visitor and for no one."""
    return user if isinstance(user, User) and user.is_authenticated else None


class Role(models.TextChoices):
    """Assigned roles. "Member" and "supervisor" are not assigned: a member is anyone
    with a profile, a supervisor anyone whose profile others name as their supervisor."""

    DEPARTMENT_COORDINATOR = "department_coordinator", _("Department coordinator")
    PROGRAMME_ADMINISTRATOR = "programme_administrator", _("Programme administrator")
    COMMITTEE_MEMBER = "committee_member", _("Committee member")
    PLATFORM_ADMINISTRATOR = "platform_administrator", _("Platform administrator")


COMMUNITY_ROLES = {Role.PROGRAMME_ADMINISTRATOR, Role.COMMITTEE_MEMBER}
DEPARTMENT_ROLES = {Role.DEPARTMENT_COORDINATOR}


class RoleAssignment(models.Model):
    user = models.ForeignKey(
        User, verbose_name=_("user"), on_delete=models.CASCADE, related_name="role_assignments"
    )
    role = models.CharField(_("role"), max_length=32, choices=Role.choices)
    community = models.ForeignKey(
        "organizations.Community",
        verbose_name=_("community"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    department = models.ForeignKey(
        "organizations.Department",
        verbose_name=_("department"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    granted_by = models.ForeignKey(
        User,
        verbose_name=_("granted by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    granted_at = models.DateTimeField(_("granted"), auto_now_add=True)

    class Meta:
        verbose_name = _("role assignment")
        verbose_name_plural = _("role assignments")
        ordering = ["user__email", "role"]
        constraints = [
            models.CheckConstraint(
                name="role_scope_matches_role",
                condition=(
                    Q(
                        role="department_coordinator",
                        community__isnull=False,
                        department__isnull=False,
                    )
                    | Q(
                        role__in=["programme_administrator", "committee_member"],
                        community__isnull=False,
                        department__isnull=True,
                    )
                    | Q(
                        role="platform_administrator",
                        community__isnull=True,
                        department__isnull=True,
                    )
                ),
            ),
            models.UniqueConstraint(
                fields=["user", "role", "community", "department"],
                condition=Q(department__isnull=False),
                name="uniq_role_department",
            ),
            models.UniqueConstraint(
                fields=["user", "role", "community"],
                condition=Q(department__isnull=True, community__isnull=False),
                name="uniq_role_community",
            ),
            models.UniqueConstraint(
                fields=["user", "role"],
                condition=Q(community__isnull=True),
                name="uniq_role_platform",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.get_role_display()}"


def _hash_token(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


class PersonalAccessTokenQuerySet(models.QuerySet["PersonalAccessToken"]):
    def usable(self) -> "PersonalAccessTokenQuerySet":
        return self.filter(revoked_at__isnull=True).filter(
            Q(expires_at__isnull=True) | Q(expires_at__gt=timezone.now())
        )


class PersonalAccessToken(models.Model):
    """A bearer token for scripts. Only its SHA-256 is stored; the raw value is shown once."""

    PREFIX = "gld_"

    user = models.ForeignKey(
        User, verbose_name=_("user"), on_delete=models.CASCADE, related_name="access_tokens"
    )
    name = models.CharField(_("name"), max_length=80)
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    hint = models.CharField(_("starts with"), max_length=12, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    expires_at = models.DateTimeField(_("expires"), null=True, blank=True)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    objects = PersonalAccessTokenQuerySet.as_manager()

    class Meta:
        verbose_name = _("personal access token")
        verbose_name_plural = _("personal access tokens")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.name} ({self.hint}…)"

    @classmethod
    def new_raw_value(cls) -> str:
        return cls.PREFIX + secrets.token_urlsafe(32)

    @staticmethod
    def hash(raw: str) -> str:
        return _hash_token(raw)
