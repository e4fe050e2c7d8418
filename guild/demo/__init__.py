"""A demo Information Management community: realistic, deterministic and idempotent.

`plan_community` turns (size, seed) into plain data (codes and e-mail addresses, no
database ids), so the same arguments always give the same people. `seed_demo` writes
the plan through the member and role services (validated and audited), skipping every
member whose work e-mail already exists, so running it twice creates nothing new.

The value pools here are also what `benchmarks.generate` draws from at scale.
"""

from guild.reports.demo.accounts import ACCOUNT_EMAILS, DEMO_ACCOUNTS, EXTRA_PROFILES, DemoAccount
from guild.reports.demo.charts import apportion, org_chart
from guild.reports.demo.defaults import (
    COMMUNITY,
    DEFAULT_MEMBERS,
    DEFAULT_SEED,
    DEMO_PASSWORD,
    DEMO_URL,
    EMAIL_DOMAIN,
    MIN_MEMBERS,
    SECOND_COMMUNITY,
)
from guild.reports.demo.distribution import (
    DEPARTMENT_WEIGHTS,
    FRENCH_SHARE,
    HOME_REGIONS,
    REGION_WEIGHTS,
    SECOND_LANGUAGE_WEIGHTS,
)
from guild.reports.demo.names import FAMILY_NAMES, GIVEN_NAMES
from guild.reports.demo.people import PlannedMember, ascii_slug, plan_community, plan_demo
from guild.reports.demo.positions import (
    DEPTH,
    DG,
    DIRECTOR,
    IT_SHARE,
    IT_STREAM_FOR,
    MANAGER,
    OFFICER,
    PROFILES,
    SENIOR,
    JobProfile,
)
from guild.reports.demo.seeding import References, SeedResult, seed_demo

__all__ = [
    "ACCOUNT_EMAILS",
    "COMMUNITY",
    "DEFAULT_MEMBERS",
    "DEFAULT_SEED",
    "DEMO_ACCOUNTS",
    "DEMO_PASSWORD",
    "DEMO_URL",
    "DEPARTMENT_WEIGHTS",
    "DEPTH",
    "DG",
    "DIRECTOR",
    "EMAIL_DOMAIN",
    "EXTRA_PROFILES",
    "FAMILY_NAMES",
    "FRENCH_SHARE",
    "GIVEN_NAMES",
    "HOME_REGIONS",
    "IT_SHARE",
    "IT_STREAM_FOR",
    "MANAGER",
    "MIN_MEMBERS",
    "OFFICER",
    "PROFILES",
    "REGION_WEIGHTS",
    "SECOND_COMMUNITY",
    "SECOND_LANGUAGE_WEIGHTS",
    "SENIOR",
    "DemoAccount",
    "JobProfile",
    "PlannedMember",
    "References",
    "SeedResult",
    "apportion",
    "ascii_slug",
    "org_chart",
    "plan_community",
    "plan_demo",
    "seed_demo",
]
