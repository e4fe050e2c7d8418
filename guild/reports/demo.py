"""A demo Information Management community: realistic, deterministic and idempotent.

`plan_community` turns (size, seed) into plain data (codes and e-mail addresses, no
database ids), so the same arguments always give the same people. `seed_demo` writes
the plan through the member and role services (validated and audited), skipping every
member whose work e-mail already exists, so running it twice creates nothing new.

The value pools here are also what `benchmarks.generate` draws from at scale.
"""

import random
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from allauth.account.models import EmailAddress
from django.db import transaction
from django.db.models.functions import Lower

from guild.accounts.models import Role, RoleAssignment, User
from guild.accounts.services import role_assign
from guild.members.models import Member
from guild.members.services import member_create, member_link_account
from guild.organizations.models import (
    Community,
    Department,
    OccupationalLevel,
    Region,
    WorkStream,
)

DEFAULT_MEMBERS = 600
DEFAULT_SEED = 2026
MIN_MEMBERS = 100
DEMO_PASSWORD = "guild-demo-2026"
DEMO_URL = "http://127.0.0.1:8000/"
COMMUNITY = "im"
SECOND_COMMUNITY = "it"
# Generated addresses live under a reserved test domain: no real inbox can receive them.
EMAIL_DOMAIN = "demo.guild.test"

# --- Value pools ----------------------------------------------------------------------

# Relative sizes of IM teams; every listed department gets at least one member.
DEPARTMENT_WEIGHTS: dict[str, int] = {
    "esdc": 12,
    "cra": 10,
    "pspc": 8,
    "dnd": 8,
    "statcan": 7,
    "lac": 7,
    "nrcan": 6,
    "ircc": 5,
    "hc": 5,
    "cbsa": 4,
    "gac": 4,
    "tbs": 4,
    "eccc": 4,
    "dfo": 4,
    "rcmp": 4,
    "ssc": 4,
    "ised": 3,
    "aafc": 3,
    "tc": 3,
    "jus": 3,
    "vac": 3,
    "csc": 3,
    "pc": 3,
    "phac": 3,
    "isc": 3,
    "cirnac": 2,
    "pch": 2,
    "fin": 2,
    "pco": 2,
    "psc": 2,
    "csps": 2,
    "cfia": 2,
    "nrc": 2,
    "irb": 1,
    "opc": 1,
    "ocol": 1,
    "acoa": 1,
    "ced": 1,
    "cannor": 1,
}

REGION_WEIGHTS: dict[str, int] = {
    "ncr": 55,
    "quebec": 10,
    "ontario": 9,
    "atlantic": 8,
    "prairies": 8,
    "bc": 6,
    "north": 2,
    "outside": 2,
}
# Regional agencies work where their region is.
HOME_REGIONS = {"acoa": "atlantic", "ced": "quebec", "cannor": "north"}
# Share of members whose first official language is French, by region (overall ~30 %).
FRENCH_SHARE = {
    "ncr": 0.32,
    "quebec": 0.88,
    "atlantic": 0.30,
    "ontario": 0.08,
    "prairies": 0.05,
    "bc": 0.04,
    "north": 0.10,
    "outside": 0.35,
}

# (name, "f" or "m")
GIVEN_NAMES: dict[str, Sequence[tuple[str, str]]] = {
    "en": [
        *[
            (name, "f")
            for name in [
                "Emily",
                "Sarah",
                "Jessica",
                "Ashley",
                "Megan",
                "Rachel",
                "Lauren",
                "Amanda",
                "Jennifer",
                "Stephanie",
                "Hannah",
                "Olivia",
                "Emma",
                "Grace",
                "Katherine",
                "Heather",
                "Melissa",
                "Laura",
                "Susan",
                "Karen",
                "Linda",
                "Patricia",
                "Priya",
                "Aisha",
                "Mei",
                "Fatima",
                "Siobhan",
                "Brianna",
            ]
        ],
        *[
            (name, "m")
            for name in [
                "Michael",
                "David",
                "James",
                "Robert",
                "John",
                "Daniel",
                "Matthew",
                "Andrew",
                "Ryan",
                "Kevin",
                "Brian",
                "Mark",
                "Jason",
                "Thomas",
                "Christopher",
                "Steven",
                "Paul",
                "Scott",
                "Justin",
                "Tyler",
                "Ethan",
                "Liam",
                "Noah",
                "Arjun",
                "Omar",
                "Wei",
                "Connor",
                "Graham",
            ]
        ],
    ],
    "fr": [
        *[
            (name, "f")
            for name in [
                "Marie",
                "Isabelle",
                "Nathalie",
                "Julie",
                "Sophie",
                "Catherine",
                "Geneviève",
                "Mélanie",
                "Valérie",
                "Stéphanie",
                "Annie",
                "Émilie",
                "Josée",
                "Chantal",
                "Sylvie",
                "Caroline",
                "Amélie",
                "Audrey",
                "Camille",
                "Chloé",
                "Léa",
                "Manon",
                "Marie-Ève",
                "Marie-Claude",
                "Véronique",
                "Nadia",
                "Karine",
            ]
        ],
        *[
            (name, "m")
            for name in [
                "Jean",
                "Pierre",
                "Luc",
                "Marc",
                "François",
                "Martin",
                "Simon",
                "Éric",
                "Stéphane",
                "Patrick",
                "Sébastien",
                "Mathieu",
                "Alexandre",
                "Guillaume",
                "Philippe",
                "Maxime",
                "Olivier",
                "Louis",
                "Gabriel",
                "Félix",
                "Jean-François",
                "Jean-Philippe",
                "Benoît",
                "Yves",
                "Denis",
                "Karim",
                "Samuel",
            ]
        ],
    ],
}
FAMILY_NAMES: dict[str, Sequence[str]] = {
    "en": [
        "Smith",
        "Brown",
        "Wilson",
        "MacDonald",
        "Taylor",
        "Campbell",
        "Anderson",
        "Johnson",
        "Thompson",
        "Stewart",
        "Robinson",
        "Clarke",
        "Walker",
        "Young",
        "Wright",
        "Scott",
        "Murray",
        "Mitchell",
        "Reid",
        "Ross",
        "Morrison",
        "Fraser",
        "Hughes",
        "Kelly",
        "O'Brien",
        "Sullivan",
        "Bennett",
        "MacLeod",
        "Singh",
        "Patel",
        "Nguyen",
        "Chen",
        "Wong",
        "Li",
        "Kim",
        "Ahmed",
        "Khan",
        "Cardinal",
        "Sinclair",
        "Gallant",
        "Hall",
        "Graham",
        "Ferguson",
        "Baker",
    ],
    "fr": [
        "Tremblay",
        "Gagnon",
        "Roy",
        "Côté",
        "Bouchard",
        "Gauthier",
        "Morin",
        "Lavoie",
        "Fortin",
        "Gagné",
        "Ouellet",
        "Pelletier",
        "Bélanger",
        "Lévesque",
        "Bergeron",
        "Leblanc",
        "Paquette",
        "Girard",
        "Simard",
        "Boucher",
        "Caron",
        "Beaulieu",
        "Cloutier",
        "Dubé",
        "Poirier",
        "Fournier",
        "Lapointe",
        "Leclerc",
        "Lefebvre",
        "Poulin",
        "Thibault",
        "St-Pierre",
        "Nadeau",
        "Martel",
        "Richard",
        "Cormier",
        "Arsenault",
        "Després",
        "Thériault",
        "Hébert",
    ],
}


@dataclass(frozen=True)
class JobProfile:
    """A position: its title in each language ("masculine|feminine" where French differs),
    its IM work streams, and the group-levels it is classified at."""

    weight: int
    title_en: str
    title_fr: str
    streams: tuple[str, ...]
    levels: tuple[str, ...]

    def title(self, language: str, gender: str) -> str:
        if language == "en":
            return self.title_en
        forms = self.title_fr.split("|")
        return forms[-1] if gender == "f" else forms[0]


# Tiers, top down: a director general in large teams, directors, managers, then teams
# of senior advisors and officers.
DG, DIRECTOR, MANAGER, SENIOR, OFFICER = "dg", "director", "manager", "senior", "officer"
DEPTH = {DG: 0, DIRECTOR: 1, MANAGER: 2, SENIOR: 3, OFFICER: 3}

PROFILES: dict[str, tuple[JobProfile, ...]] = {
    DG: (
        JobProfile(
            1,
            "Director General, Information Management",
            "Directeur général, Gestion de l'information|"
            "Directrice générale, Gestion de l'information",
            ("im-leadership", "policy-development"),
            ("EX-03",),
        ),
    ),
    DIRECTOR: (
        JobProfile(
            4,
            "Director, Information Management",
            "Directeur, Gestion de l'information|Directrice, Gestion de l'information",
            ("im-leadership",),
            ("EX-01", "EX-01", "EX-02"),
        ),
        JobProfile(
            1,
            "Director, Data and Information Governance",
            "Directeur, Gouvernance des données et de l'information|"
            "Directrice, Gouvernance des données et de l'information",
            ("im-leadership", "data-management"),
            ("EX-01", "EX-02"),
        ),
    ),
    MANAGER: (
        JobProfile(
            10,
            "Manager, Information Management",
            "Gestionnaire, Gestion de l'information",
            ("im-leadership", "records-management"),
            ("IS-06", "AS-07", "PM-06"),
        ),
        JobProfile(
            3,
            "Manager, Records Management",
            "Gestionnaire, Gestion des documents",
            ("im-leadership", "records-management"),
            ("AS-07", "IS-05", "IS-06"),
        ),
        JobProfile(
            3,
            "Manager, Access to Information and Privacy",
            "Gestionnaire, Accès à l'information et protection des renseignements personnels",
            ("im-leadership", "atip"),
            ("PM-06", "AS-07", "EC-06"),
        ),
        JobProfile(
            2,
            "Chief Librarian",
            "Bibliothécaire en chef",
            ("im-leadership", "library-services"),
            ("LS-05",),
        ),
        JobProfile(
            2,
            "Manager, Data Governance",
            "Gestionnaire, Gouvernance des données",
            ("im-leadership", "data-management"),
            ("EC-06", "IS-06"),
        ),
        JobProfile(
            1,
            "Manager, Web Content",
            "Gestionnaire, Contenu Web",
            ("im-leadership", "web-content-management"),
            ("IS-05", "IS-06"),
        ),
    ),
    SENIOR: (
        JobProfile(
            4,
            "Senior Records Management Advisor",
            "Conseiller principal en gestion des documents|"
            "Conseillère principale en gestion des documents",
            ("records-management", "policy-development"),
            ("AS-05", "AS-06", "IS-04", "IS-05"),
        ),
        JobProfile(
            4,
            "Senior ATIP Advisor",
            "Conseiller principal en AIPRP|Conseillère principale en AIPRP",
            ("atip",),
            ("PM-05", "PM-06", "AS-05", "AS-06"),
        ),
        JobProfile(
            2,
            "Senior Librarian",
            "Bibliothécaire principal|Bibliothécaire principale",
            ("library-services",),
            ("LS-03", "LS-04"),
        ),
        JobProfile(
            3,
            "Data Steward",
            "Intendant des données|Intendante des données",
            ("data-management",),
            ("IS-05", "EC-05", "EC-06"),
        ),
        JobProfile(
            3,
            "Information Architect",
            "Architecte de l'information",
            ("information-architecture",),
            ("IS-05",),
        ),
        JobProfile(
            4,
            "Senior IM Advisor",
            "Conseiller principal en GI|Conseillère principale en GI",
            ("knowledge-management", "policy-development"),
            ("IS-05", "AS-06"),
        ),
        JobProfile(
            2,
            "Senior Archivist",
            "Archiviste principal|Archiviste principale",
            ("archives",),
            ("IS-04", "IS-05", "LS-04"),
        ),
        JobProfile(
            2,
            "Senior IM Policy Analyst",
            "Analyste principal des politiques de GI|Analyste principale des politiques de GI",
            ("policy-development",),
            ("EC-05", "EC-06", "PM-05"),
        ),
    ),
    OFFICER: (
        JobProfile(
            14,
            "Records Management Officer",
            "Agent de gestion des documents|Agente de gestion des documents",
            ("records-management",),
            ("AS-02", "AS-03", "AS-04", "IS-02", "IS-03", "CR-05"),
        ),
        JobProfile(
            5,
            "Records Clerk",
            "Commis aux documents",
            ("records-management",),
            ("CR-04", "CR-05"),
        ),
        JobProfile(
            8,
            "Librarian",
            "Bibliothécaire",
            ("library-services",),
            ("LS-01", "LS-02", "LS-02", "LS-03"),
        ),
        JobProfile(
            2,
            "Library Technician",
            "Technicien de bibliothèque|Technicienne de bibliothèque",
            ("library-services",),
            ("CR-04", "CR-05", "AS-01"),
        ),
        JobProfile(
            5,
            "Archivist",
            "Archiviste",
            ("archives",),
            ("IS-03", "IS-04", "LS-02"),
        ),
        JobProfile(
            12,
            "ATIP Analyst",
            "Analyste de l'AIPRP",
            ("atip",),
            ("PM-02", "PM-03", "PM-04", "AS-02", "AS-03", "AS-04"),
        ),
        JobProfile(
            6,
            "Web Content Manager",
            "Gestionnaire de contenu Web",
            ("web-content-management",),
            ("IS-03", "IS-04"),
        ),
        JobProfile(
            4,
            "Web Content Officer",
            "Agent de contenu Web|Agente de contenu Web",
            ("web-content-management",),
            ("IS-02", "IS-03"),
        ),
        JobProfile(
            5,
            "Data Steward",
            "Intendant des données|Intendante des données",
            ("data-management",),
            ("IS-04", "EC-04", "EC-05"),
        ),
        JobProfile(
            4,
            "Data Management Analyst",
            "Analyste de la gestion des données",
            ("data-management",),
            ("EC-03", "EC-04", "IS-03"),
        ),
        JobProfile(
            3,
            "Information Architect",
            "Architecte de l'information",
            ("information-architecture",),
            ("IS-04", "IS-05"),
        ),
        JobProfile(
            10,
            "IM Advisor",
            "Conseiller en GI|Conseillère en GI",
            ("records-management", "knowledge-management"),
            ("IS-03", "IS-04", "AS-04", "AS-05"),
        ),
        JobProfile(
            4,
            "IM Business Analyst",
            "Analyste des activités de GI",
            ("im-business-analysis",),
            ("IS-03", "IS-04", "EC-04"),
        ),
        JobProfile(
            4,
            "IM Systems Analyst",
            "Analyste des systèmes de GI",
            ("im-systems-development",),
            ("IS-03", "IS-04", "AS-04"),
        ),
        JobProfile(
            3,
            "Knowledge Management Officer",
            "Agent de gestion des connaissances|Agente de gestion des connaissances",
            ("knowledge-management",),
            ("IS-02", "IS-03", "AS-03"),
        ),
        JobProfile(
            3,
            "IM Policy Analyst",
            "Analyste des politiques de GI",
            ("policy-development",),
            ("EC-03", "EC-04", "EC-05", "PM-04"),
        ),
        JobProfile(
            2,
            "IM Clerk",
            "Commis à la GI",
            ("records-management",),
            ("CR-04", "AS-01", "AS-02"),
        ),
    ),
}

# Members in these IM streams often belong to the IT community too, in its nearest stream.
IT_STREAM_FOR = {
    "im-systems-development": "application-development",
    "data-management": "data-analytics",
    "information-architecture": "enterprise-architecture",
    "web-content-management": "application-development",
    "im-business-analysis": "it-business-analysis",
}
IT_SHARE = 0.4

SECOND_LANGUAGE_WEIGHTS = {"X": 5, "A": 12, "B": 45, "C": 30, "E": 8}

# --- The plan -------------------------------------------------------------------------


@dataclass
class PlannedMember:
    """One member, as plain data. `supervisor` is the index of another planned member."""

    given_name: str
    family_name: str
    gender: str
    work_email: str
    department: str
    region: str
    tier: str
    position_title: str
    level: str
    first_official_language: str
    second_language_reading: str
    second_language_writing: str
    second_language_oral: str
    years_in_community: int
    consent_directory: bool
    consent_statistics: bool
    communities: tuple[str, ...]
    work_streams: tuple[tuple[str, str], ...]  # (community code, stream code)
    supervisor: int | None = None


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


def apportion(total: int, weights: dict[str, int], minimum: int = 0) -> dict[str, int]:
    """Split `total` by weight (largest remainder), giving each key at least `minimum`."""
    counts = dict.fromkeys(weights, minimum)
    rest = total - minimum * len(weights)
    if rest < 0:
        raise ValueError(f"{total} is too few to give {len(weights)} groups {minimum} each.")
    weight_sum = sum(weights.values())
    quotas = {key: rest * weight / weight_sum for key, weight in weights.items()}
    for key, quota in quotas.items():
        counts[key] += int(quota)
    left = total - sum(counts.values())
    by_remainder = sorted(weights, key=lambda key: (-(quotas[key] - int(quotas[key])), key))
    for key in by_remainder[:left]:
        counts[key] += 1
    return counts


def org_chart(size: int) -> list[tuple[str, int | None]]:
    """A department's positions, top down: (tier, index of its supervisor or None).
    Supervisors always come before their reports, so the chart has no cycles."""
    if size <= 0:
        return []
    if size < 5:
        return [(DIRECTOR, None)] + [(OFFICER, 0)] * (size - 1)
    chart: list[tuple[str, int | None]] = []
    if size >= 30:
        chart.append((DG, None))
        directors = max(2, round(size / 120))
        chart += [(DIRECTOR, 0)] * directors
        heads = list(range(1, directors + 1))
    else:
        chart.append((DIRECTOR, None))
        heads = [0]
    team_and_managers = size - len(chart)
    managers = max(1, round(team_and_managers / 9))
    first_manager = len(chart)
    chart += [(MANAGER, heads[i % len(heads)]) for i in range(managers)]
    team = size - len(chart)
    for i in range(team):
        tier = SENIOR if i % 4 == 3 else OFFICER
        chart.append((tier, first_manager + i % managers))
    return chart


def ascii_slug(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    plain = decomposed.encode("ascii", "ignore").decode().lower()
    return "".join(c for c in plain.replace(" ", "-") if c.isalnum() or c == "-")


class _Picker:
    """Seeded draws from the pools. All randomness of a plan goes through one Random."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self._emails: set[str] = set()

    def weighted(self, items: Sequence[Any], weights: Sequence[float]) -> Any:
        return self.rng.choices(items, weights=weights)[0]

    def profile(self, tier: str) -> JobProfile:
        profiles = PROFILES[tier]
        return self.weighted(profiles, [p.weight for p in profiles])

    def person(self, region: str) -> tuple[str, str, str, str]:
        language = "fr" if self.rng.random() < FRENCH_SHARE[region] else "en"
        other = "en" if language == "fr" else "fr"
        given_pool = GIVEN_NAMES[language if self.rng.random() < 0.85 else other]
        family_pool = FAMILY_NAMES[language if self.rng.random() < 0.8 else other]
        given, gender = self.rng.choice(given_pool)
        return given, self.rng.choice(family_pool), gender, language

    def email(self, given: str, family: str, department: str) -> str:
        local = f"{ascii_slug(given)}.{ascii_slug(family)}"
        domain = f"{department}.{EMAIL_DOMAIN}"
        candidate, n = f"{local}@{domain}", 1
        while candidate in self._emails:
            n += 1
            candidate = f"{local}{n}@{domain}"
        self._emails.add(candidate)
        return candidate

    def second_language(self, tier: str) -> tuple[str, str, str]:
        if tier in (DG, DIRECTOR):  # executives hold at least CBC
            return (
                self.rng.choice("CCE"),
                self.rng.choice("BCC"),
                self.rng.choice("CCE"),
            )
        if tier == MANAGER:
            return (
                self.rng.choice("BBCCE"),
                self.rng.choice("BBCCE"),
                self.rng.choice("BBCCE"),
            )
        if self.rng.random() < 0.2:
            return ("", "", "")
        levels, weights = list(SECOND_LANGUAGE_WEIGHTS), list(SECOND_LANGUAGE_WEIGHTS.values())
        return (
            self.weighted(levels, weights),
            self.weighted(levels, weights),
            self.weighted(levels, weights),
        )

    def years(self, tier: str) -> int:
        if tier in (DG, DIRECTOR):
            return self.rng.randint(15, 35)
        if tier == MANAGER:
            return self.rng.randint(8, 30)
        if tier == SENIOR:
            return self.rng.randint(5, 28)
        return min(35, int(self.rng.expovariate(1 / 7)))

    def member(
        self,
        *,
        department: str,
        region: str,
        tier: str,
        supervisor: int | None,
        profile: JobProfile | None = None,
        extra_communities: Iterable[str] = (),
    ) -> PlannedMember:
        given, family, gender, language = self.person(region)
        profile = profile or self.profile(tier)
        streams = list(profile.streams)
        if self.rng.random() < 0.25:  # a second interest
            extra = self.rng.choice(PROFILES[OFFICER]).streams[0]
            if extra not in streams:
                streams.append(extra)
        communities = [COMMUNITY, *extra_communities]
        work_streams = [(COMMUNITY, code) for code in streams]
        it_streams = [IT_STREAM_FOR[s] for s in streams if s in IT_STREAM_FOR]
        if it_streams and (SECOND_COMMUNITY in communities or self.rng.random() < IT_SHARE):
            if SECOND_COMMUNITY not in communities:
                communities.append(SECOND_COMMUNITY)
            work_streams.append((SECOND_COMMUNITY, it_streams[0]))
        reading, writing, oral = self.second_language(tier)
        title_language = language if self.rng.random() < 0.8 else "en"
        return PlannedMember(
            given_name=given,
            family_name=family,
            gender=gender,
            work_email=self.email(given, family, department),
            department=department,
            region=region,
            tier=tier,
            position_title=profile.title(title_language, gender),
            level=self.rng.choice(profile.levels),
            first_official_language=language,
            second_language_reading=reading,
            second_language_writing=writing,
            second_language_oral=oral,
            years_in_community=self.years(tier),
            consent_directory=self.rng.random() < 0.8,
            consent_statistics=self.rng.random() < 0.85,
            communities=tuple(communities),
            work_streams=tuple(work_streams),
            supervisor=supervisor,
        )


def _plan(picker: _Picker, size: int) -> list[PlannedMember]:
    sizes = apportion(size, DEPARTMENT_WEIGHTS, minimum=1)
    regions = [code for code, n in apportion(size, REGION_WEIGHTS).items() for _ in range(n)]
    picker.rng.shuffle(regions)
    plan: list[PlannedMember] = []
    for department in sorted(sizes):
        offset = len(plan)
        for tier, boss in org_chart(sizes[department]):
            region = regions[len(plan)]
            plan.append(
                picker.member(
                    department=department,
                    region=HOME_REGIONS.get(department, region),
                    tier=tier,
                    supervisor=None if boss is None else offset + boss,
                )
            )
    return plan


def plan_community(size: int, seed: int = DEFAULT_SEED) -> list[PlannedMember]:
    """`size` generated IM members, department by department, supervisors first."""
    return _plan(_Picker(seed), size)


def plan_demo(size: int = DEFAULT_MEMBERS, seed: int = DEFAULT_SEED) -> list[PlannedMember]:
    """The demo community: `size` members in all, including the role accounts' profiles.
    The supervisor and member accounts take places in ESDC's chart; the others get
    their own profile in their department, reporting to its head."""
    if size < MIN_MEMBERS:
        raise ValueError(f"The demo community needs at least {MIN_MEMBERS} members.")
    picker = _Picker(seed)
    plan = _plan(picker, size - len(EXTRA_PROFILES))
    reports: dict[int, list[int]] = {}
    for index, planned in enumerate(plan):
        if planned.supervisor is not None:
            reports.setdefault(planned.supervisor, []).append(index)
    esdc_managers = [i for i, p in enumerate(plan) if p.department == "esdc" and p.tier == MANAGER]
    manager = max(esdc_managers, key=lambda i: (len(reports.get(i, [])), -i))
    if len(reports.get(manager, [])) < 3:
        raise ValueError("ESDC is too small for a supervisor with three reports.")
    plan[manager].work_email = ACCOUNT_EMAILS["supervisor"]
    plan[reports[manager][0]].work_email = ACCOUNT_EMAILS["member"]
    heads = {p.department: i for i, p in enumerate(plan) if p.supervisor is None}
    for key, department, profile, communities in EXTRA_PROFILES:
        planned = picker.member(
            department=department,
            region="ncr",
            tier=SENIOR,
            supervisor=heads[department],
            profile=profile,
            extra_communities=communities,
        )
        planned.work_email = ACCOUNT_EMAILS[key]
        plan.append(planned)
    return plan


# --- Writing the plan -----------------------------------------------------------------


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
    return result
