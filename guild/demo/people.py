"""The plan: generated members as plain data, department by department, supervisors
before their reports, with the role accounts' members placed in it. All randomness
goes through one seeded `random.Random`."""

import random
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from guild.demo.accounts import ACCOUNT_EMAILS, EXTRA_PROFILES
from guild.demo.charts import apportion, org_chart
from guild.demo.defaults import (
    COMMUNITY,
    DEFAULT_MEMBERS,
    DEFAULT_SEED,
    EMAIL_DOMAIN,
    MIN_MEMBERS,
    SECOND_COMMUNITY,
)
from guild.demo.distribution import (
    DEPARTMENT_WEIGHTS,
    FRENCH_SHARE,
    HOME_REGIONS,
    REGION_WEIGHTS,
    SECOND_LANGUAGE_WEIGHTS,
)
from guild.demo.names import FAMILY_NAMES, GIVEN_NAMES
from guild.demo.positions import (
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
