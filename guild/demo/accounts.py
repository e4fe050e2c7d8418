"""The demo sign-ins, one per role, and the profiles of those whose member has no place
in a generated org chart."""

from dataclasses import dataclass

from guild.accounts.models import Role
from guild.demo.defaults import COMMUNITY, EMAIL_DOMAIN, SECOND_COMMUNITY
from guild.demo.positions import JobProfile


@dataclass(frozen=True)
class DemoAccount:
    key: str
    label: str
    email: str
    role: str | None = None
    community: str | None = None
    department: str | None = None


DEMO_ACCOUNTS = (
    DemoAccount("member", "Member", f"member@{EMAIL_DOMAIN}"),
    DemoAccount("supervisor", "Supervisor", f"supervisor@{EMAIL_DOMAIN}"),
    DemoAccount(
        "coordinator",
        "Department coordinator (ESDC, IM)",
        f"coordinator@{EMAIL_DOMAIN}",
        Role.DEPARTMENT_COORDINATOR,
        COMMUNITY,
        "esdc",
    ),
    DemoAccount(
        "admin",
        "Programme administrator (IM)",
        f"admin@{EMAIL_DOMAIN}",
        Role.PROGRAMME_ADMINISTRATOR,
        COMMUNITY,
    ),
    DemoAccount(
        "committee",
        "Committee member (IM)",
        f"committee@{EMAIL_DOMAIN}",
        Role.COMMITTEE_MEMBER,
        COMMUNITY,
    ),
    DemoAccount(
        "platform",
        "Platform administrator",
        f"platform@{EMAIL_DOMAIN}",
        Role.PLATFORM_ADMINISTRATOR,
    ),
)
ACCOUNT_EMAILS = {account.key: account.email for account in DEMO_ACCOUNTS}

# The role accounts without a place in a generated chart get their own profile:
# (key, department, title, level, streams, extra communities)
EXTRA_PROFILES = (
    (
        "coordinator",
        "esdc",
        JobProfile(
            1,
            "Departmental IM Coordinator",
            "Coordonnateur ministériel de la GI|Coordonnatrice ministérielle de la GI",
            ("im-leadership", "records-management"),
            ("AS-06",),
        ),
        (),
    ),
    (
        "admin",
        "tbs",
        JobProfile(
            1,
            "Programme Administrator, IM Community",
            "Administrateur de programme, Communauté de la GI|"
            "Administratrice de programme, Communauté de la GI",
            ("im-leadership", "policy-development"),
            ("EC-06",),
        ),
        (),
    ),
    (
        "committee",
        "lac",
        JobProfile(
            1,
            "Senior Archivist",
            "Archiviste principal|Archiviste principale",
            ("archives",),
            ("IS-05",),
        ),
        (),
    ),
    (
        "platform",
        "ssc",
        JobProfile(
            1,
            "Platform Administrator",
            "Administrateur de plateforme|Administratrice de plateforme",
            ("im-systems-development",),
            ("IT-04",),
        ),
        (SECOND_COMMUNITY,),
    ),
)
