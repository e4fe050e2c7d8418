"""Seeding the demo: the sign-ins, the members in bulk, the role grants through the role
service (validated and audited), then the competency and questionnaire data loaded from
the data files through the apps' own importers."""

import random
from dataclasses import dataclass, field
from typing import Any

from allauth.account.models import EmailAddress
from django.contrib.auth.hashers import make_password
from django.db import transaction

from guild.accounts.models import Role, RoleAssignment, User
from guild.accounts.services import role_assign
from guild.demo.accounts import ACCOUNT_EMAILS, DEMO_ACCOUNTS, DemoAccount
from guild.demo.competencies import CompetencySeedResult, seed_competencies
from guild.demo.defaults import COMMUNITY, DEFAULT_MEMBERS, DEFAULT_SEED, DEMO_PASSWORD
from guild.demo.leadership import LeadershipSeed, seed_leadership
from guild.demo.learning import seed_learning
from guild.demo.members import References, members_write
from guild.demo.people import PlannedMember, plan_demo
from guild.demo.questionnaires import QuestionnaireSeed, seed_questionnaires
from guild.members.models import Member


@dataclass
class SeedResult:
    members_created: int = 0
    members_existing: int = 0
    users_created: int = 0
    roles_created: int = 0
    accounts: list[DemoAccount] = field(default_factory=list)
    competencies: CompetencySeedResult = field(default_factory=CompetencySeedResult)
    questionnaires: QuestionnaireSeed = field(default_factory=QuestionnaireSeed)
    courses_created: int = 0
    leadership: LeadershipSeed = field(default_factory=LeadershipSeed)


def _ensure_user(
    account: DemoAccount, profile: PlannedMember | None, password: str
) -> tuple[User, bool]:
    user = User.objects.filter(email__iexact=account.email).first()
    created = user is None
    if user is None:
        admin = account.role == Role.PLATFORM_ADMINISTRATOR
        user = User.objects.create_user(
            account.email,
            None,
            first_name=profile.given_name if profile else "",
            last_name=profile.family_name if profile else "",
            preferred_language=profile.first_official_language if profile else "en",
            is_staff=admin,
            is_superuser=admin,
        )
        # One hash for the six sign-ins: hashing is slow by design, and they share the
        # published demo password anyway.
        user.password = password
        user.save(update_fields=["password"])
    EmailAddress.objects.get_or_create(
        user=user, email=account.email, defaults={"verified": True, "primary": True}
    )
    return user, created


def _grant_roles(users: dict[str, User], refs: References) -> int:
    # role_assign needs an actor allowed to grant: the platform administrator, a
    # superuser, grants every demo role (itself included), so each grant is audited.
    granter = users[ACCOUNT_EMAILS["platform"]]
    granted = 0
    for account in DEMO_ACCOUNTS:
        if account.role is None:
            continue
        community_id = refs.communities[account.community].pk if account.community else None
        department_id = refs.departments[account.department].pk if account.department else None
        user = users[account.email]
        scope: dict[str, Any] = {"community_id": community_id, "department_id": department_id}
        if RoleAssignment.objects.filter(user=user, role=account.role, **scope).exists():
            continue
        role_assign(
            actor=granter,
            user=user,
            role=account.role,
            community_id=community_id,
            department_id=department_id,
        )
        granted += 1
    return granted


@transaction.atomic
def seed_demo(*, members: int = DEFAULT_MEMBERS, seed: int = DEFAULT_SEED) -> SeedResult:
    """Create the demo community and role accounts; existing members are left as they are."""
    plan = plan_demo(members, seed)
    refs = References.load()
    result = SeedResult(accounts=list(DEMO_ACCOUNTS))
    by_email = {p.work_email: p for p in plan}
    password = make_password(DEMO_PASSWORD)
    users: dict[str, User] = {}
    for account in DEMO_ACCOUNTS:
        user, created = _ensure_user(account, by_email.get(account.email), password)
        users[account.email] = user
        result.users_created += created

    written = members_write(plan, refs, users)
    result.members_created, result.members_existing = written.created, written.existing
    result.roles_created = _grant_roles(users, refs)

    community = refs.communities[COMMUNITY]
    emails = [p.work_email for p in plan]
    seeded = list(Member.objects.filter(work_email__in=emails, communities=community))
    # Fresh objects: a user's scope is computed once per object, before its role existed.
    admin = User.objects.get(pk=users[ACCOUNT_EMAILS["admin"]].pk)
    result.competencies = seed_competencies(
        community=community, members=seeded, seed=seed, actor=admin
    )
    result.courses_created = seed_learning(community=community, actor=admin)
    result.questionnaires = seed_questionnaires(
        community,
        seeded,
        random.Random(seed),
        actor=admin,
        accounts={account.key: users[account.email] for account in DEMO_ACCOUNTS},
    )
    result.leadership = seed_leadership(
        community=community,
        admin=admin,
        reviewer=users[ACCOUNT_EMAILS["committee"]],
        password=password,
    )
    return result
