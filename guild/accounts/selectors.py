from allauth.account.models import EmailAddress
from django.db.models import QuerySet

from guild.accounts.models import AnyUser, PersonalAccessToken, RoleAssignment, User, signed_in
from guild.accounts.scopes import scope_for


def role_assignment_list(*, actor: AnyUser) -> QuerySet[RoleAssignment]:
    """Assignments the actor may manage: all for platform administrators, those in the
    communities they administer for programme administrators, none otherwise."""
    scope = scope_for(actor)
    assignments = RoleAssignment.objects.select_related("user", "community", "department")
    if scope.platform_admin:
        return assignments
    return assignments.filter(community_id__in=scope.admin_communities)


def token_list(*, user: User) -> QuerySet[PersonalAccessToken]:
    return PersonalAccessToken.objects.filter(user=user, revoked_at__isnull=True)


def user_by_email(email: str) -> User | None:
    return User.objects.filter(email__iexact=(email or "").strip()).first()


def verified_account_email(user: AnyUser) -> str | None:
    """The account's own e-mail address if django-allauth has seen it confirmed, else None.
    Sign-up only proves an address once its confirmation link is followed (and in the
    development settings verification is optional), so nothing may trust `user.email`
    by itself; a profile's work e-mail is typed by the member and proves nothing."""
    account = signed_in(user)
    if account is None or not account.email:
        return None
    verified = EmailAddress.objects.filter(
        user_id=account.pk, email__iexact=account.email, verified=True
    ).exists()
    return str(account.email).lower() if verified else None
