"""Writing the plan: members through the member service and role grants through the
role service (validated and audited), skipping members whose work e-mail exists."""

import random
from dataclasses import dataclass, field
from typing import Any

from allauth.account.models import EmailAddress
from django.db import transaction
from django.db.models.functions import Lower

from guild.accounts.models import Role, RoleAssignment, User
from guild.accounts.services import role_assign
from guild.competencies.demo import CompetencySeedResult, seed_competencies
from guild.members.models import Member
from guild.members.services import member_create, member_link_account
from guild.organizations.models import (
    Community,
    Department,
    OccupationalLevel,
    Region,
    WorkStream,
)
from guild.questionnaires.demo import QuestionnaireSeed, seed_questionnaires
from guild.reports.demo.accounts import ACCOUNT_EMAILS, DEMO_ACCOUNTS, DemoAccount
from guild.reports.demo.defaults import COMMUNITY, DEFAULT_MEMBERS, DEFAULT_SEED, DEMO_PASSWORD
from guild.reports.demo.people import PlannedMember, plan_demo


@dataclass
class References:
    """Reference rows by natural code, loaded once."""

    communities: dict[str, Community]
    departments: dict[str, Department]
    regions: dict[str, Region]
    levels: dict[str, OccupationalLevel]
    streams: dict[tuple[str, str], WorkStream]

    @classmethod
    def load(cls) -> "References":
        return cls(
            communities={c.code: c for c in Community.objects.all()},
            departments={d.code: d for d in Department.objects.all()},
            regions={r.code: r for r in Region.objects.all()},
            levels={lv.code: lv for lv in OccupationalLevel.objects.all()},
            streams={
                (s.community.code, s.code): s
                for s in WorkStream.objects.select_related("community")
            },
        )


@dataclass
class SeedResult:
    members_created: int = 0
    members_existing: int = 0
    users_created: int = 0
    roles_created: int = 0
    accounts: list[DemoAccount] = field(default_factory=list)
    competencies: CompetencySeedResult = field(default_factory=CompetencySeedResult)
    questionnaires: QuestionnaireSeed = field(default_factory=QuestionnaireSeed)


def _ensure_user(account: DemoAccount, profile: PlannedMember | None) -> tuple[User, bool]:
    user = User.objects.filter(email__iexact=account.email).first()
    created = user is None
    if user is None:
        admin = account.role == Role.PLATFORM_ADMINISTRATOR
        user = User.objects.create_user(
            account.email,
            DEMO_PASSWORD,
            first_name=profile.given_name if profile else "",
            last_name=profile.family_name if profile else "",
            preferred_language=profile.first_official_language if profile else "en",
            is_staff=admin,
            is_superuser=admin,
        )
    EmailAddress.objects.get_or_create(
        user=user, email=account.email, defaults={"verified": True, "primary": True}
    )
    return user, created


@transaction.atomic
def seed_demo(*, members: int = DEFAULT_MEMBERS, seed: int = DEFAULT_SEED) -> SeedResult:
    """Create the demo community and role accounts; existing members are left as they are."""
    plan = plan_demo(members, seed)
    refs = References.load()
    result = SeedResult(accounts=list(DEMO_ACCOUNTS))
    by_email = {p.work_email: p for p in plan}

    users: dict[str, User] = {}
    for account in DEMO_ACCOUNTS:
        user, created = _ensure_user(account, by_email.get(account.email))
        users[account.email] = user
        result.users_created += created

    emails = [p.work_email for p in plan]
    existing = {
        m.email_lower: m
        for m in Member.objects.annotate(email_lower=Lower("work_email")).filter(
            email_lower__in=emails
        )
    }
    created_members: dict[str, Member] = {}
    for planned in plan:
        email = planned.work_email
        if email in existing:
            result.members_existing += 1
            owner = users.get(email)
            if owner is not None and existing[email].user_id is None:
                member_link_account(user=owner)
            continue
        boss = plan[planned.supervisor].work_email if planned.supervisor is not None else None
        created_members[email] = member_create(
            actor=None,
            user=users.get(email),
            communities=[refs.communities[code] for code in planned.communities],
            work_streams=[refs.streams[key] for key in planned.work_streams],
            given_name=planned.given_name,
            family_name=planned.family_name,
            work_email=email,
            department=refs.departments[planned.department],
            region=refs.regions[planned.region],
            position_title=planned.position_title,
            level=refs.levels[planned.level],
            first_official_language=planned.first_official_language,
            second_language_reading=planned.second_language_reading,
            second_language_writing=planned.second_language_writing,
            second_language_oral=planned.second_language_oral,
            years_in_community=planned.years_in_community,
            supervisor=(existing.get(boss) or created_members.get(boss)) if boss else None,
            consent_directory=planned.consent_directory,
            consent_statistics=planned.consent_statistics,
        )
        result.members_created += 1

    # role_assign needs an actor allowed to grant: the platform administrator, a
    # superuser, grants every demo role (itself included), so each grant is audited.
    granter = users[ACCOUNT_EMAILS["platform"]]
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
        result.roles_created += 1

    community = refs.communities[COMMUNITY]
    result.competencies = seed_competencies(
        community=community,
        members=list(Member.objects.filter(work_email__in=emails, communities=community)),
        seed=seed,
    )
    result.questionnaires = seed_questionnaires(
        community,
        list(Member.objects.filter(work_email__in=emails, communities=community)),
        random.Random(seed),
        actor=granter,
        accounts={account.key: users[account.email] for account in DEMO_ACCOUNTS},
    )
    return result
