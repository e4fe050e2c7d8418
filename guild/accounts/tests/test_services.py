import datetime

import pytest
from django.utils import timezone

from guild.accounts.models import PersonalAccessToken, Role, RoleAssignment, User
from guild.accounts.scopes import scope_for
from guild.accounts.services import (
    role_assign,
    role_revoke,
    token_authenticate,
    token_create,
    token_revoke,
)
from guild.accounts.tests.factories import UserFactory
from guild.core.errors import ApplicationError, PermissionDenied
from guild.core.models import AuditEvent


@pytest.fixture
def platform(db, grant):
    user = UserFactory.create()
    grant(user, Role.PLATFORM_ADMINISTRATOR)
    return user


@pytest.mark.django_db
def test_assigning_a_coordinator_scopes_them_and_is_audited(platform, im, esdc) -> None:
    user = UserFactory.create()
    assignment = role_assign(
        actor=platform,
        user=user,
        role=Role.DEPARTMENT_COORDINATOR,
        community_id=im.pk,
        department_id=esdc.pk,
    )
    assert scope_for(user).coordinated == frozenset({(im.pk, esdc.pk)})
    event = AuditEvent.objects.get(action="role.assign")
    assert (event.actor, event.object_id) == (platform, str(assignment.pk))
    assert event.changes["role"] == [None, "department_coordinator"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("role", "community", "department", "fields"),
    [
        (Role.DEPARTMENT_COORDINATOR, True, False, {"department"}),
        (Role.DEPARTMENT_COORDINATOR, False, False, {"community", "department"}),
        (Role.PROGRAMME_ADMINISTRATOR, False, False, {"community"}),
        ("emperor", True, False, {"role"}),
    ],
)
def test_roles_need_their_scope(platform, im, esdc, role, community, department, fields) -> None:
    with pytest.raises(ApplicationError) as error:
        role_assign(
            actor=platform,
            user=UserFactory.create(),
            role=role,
            community_id=im.pk if community else None,
            department_id=esdc.pk if department else None,
        )
    assert set(error.value.fields) == fields
    assert RoleAssignment.objects.count() == 1  # the platform administrator's own


@pytest.mark.django_db
def test_the_same_role_twice_is_refused(platform, im) -> None:
    user = UserFactory.create()
    role_assign(actor=platform, user=user, role=Role.COMMITTEE_MEMBER, community_id=im.pk)
    with pytest.raises(ApplicationError) as error:
        role_assign(actor=platform, user=user, role=Role.COMMITTEE_MEMBER, community_id=im.pk)
    assert error.value.code == "duplicate_role"


@pytest.mark.django_db
def test_programme_administrators_grant_only_in_their_community(
    grant, im, it_community, esdc
) -> None:
    admin = UserFactory.create()
    grant(admin, Role.PROGRAMME_ADMINISTRATOR, im)
    user = UserFactory.create()
    role_assign(actor=admin, user=user, role=Role.COMMITTEE_MEMBER, community_id=im.pk)
    for role, community in [
        (Role.COMMITTEE_MEMBER, it_community),
        (Role.PROGRAMME_ADMINISTRATOR, im),
    ]:
        with pytest.raises(PermissionDenied):
            role_assign(actor=admin, user=user, role=role, community_id=community.pk)
    assert list(RoleAssignment.objects.filter(user=user).values_list("role", flat=True)) == [
        "committee_member"
    ]


@pytest.mark.django_db
def test_revoking_removes_the_scope(platform, im) -> None:
    user = UserFactory.create()
    assignment = role_assign(
        actor=platform, user=user, role=Role.PROGRAMME_ADMINISTRATOR, community_id=im.pk
    )
    assert scope_for(user).administers(im.pk)
    role_revoke(actor=platform, assignment_id=assignment.pk)
    # Scopes are cached per user object, i.e. per request: the next request sees the change.
    assert not scope_for(User.objects.get(pk=user.pk)).administers(im.pk)
    assert AuditEvent.objects.filter(action="role.revoke").count() == 1


@pytest.mark.django_db
def test_tokens_store_only_a_hash_and_expire() -> None:
    user = UserFactory.create()
    token, raw = token_create(user=user, name="nightly report")
    assert raw.startswith("gld_")
    assert token.token_hash != raw and raw not in token.token_hash
    assert token_authenticate(raw) == user
    token.refresh_from_db()
    assert token.last_used_at is not None
    PersonalAccessToken.objects.filter(pk=token.pk).update(
        expires_at=timezone.now() - datetime.timedelta(seconds=1)
    )
    assert token_authenticate(raw) is None


@pytest.mark.django_db
def test_token_validation_and_revocation() -> None:
    user = UserFactory.create()
    with pytest.raises(ApplicationError) as error:
        token_create(user=user, name="  ")
    assert "name" in error.value.fields
    with pytest.raises(ApplicationError) as error:
        token_create(user=user, name="old", expires_at=timezone.now())
    assert "expires_at" in error.value.fields
    assert PersonalAccessToken.objects.count() == 0
    token, raw = token_create(user=user, name="script")
    token_revoke(user=user, token_id=token.pk)
    assert token_authenticate(raw) is None
