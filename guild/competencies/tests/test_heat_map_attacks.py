"""Attacks on the competency heat maps and learning needs, written into the suite.

A population with small groups everywhere (departments x regions x role profiles), then
everything a programme administrator, a committee member and a coordinator can read: the
API heat maps by every grouping, community-wide and within every department, the learning
needs of the community and of every department, and the heat maps the pages render. The
attacks:

(a) no count published (assessed, below target, at target, not assessed) is between 1 and
    the threshold minus 1;
(b) an exact linear-programming audit (SciPy's HiGHS) over every published figure as an
    equation on the unknown counts of each department x region x role profile: every hidden
    figure keeps a feasible range at least the threshold wide;
(c) members who declined to be counted (and inactive members) change no figure.
"""

import random
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import numpy as np
import pytest
from django.test import Client
from django.utils import timezone
from scipy.optimize import linprog

from guild.accounts.models import Role, User
from guild.accounts.services import token_create
from guild.competencies.models import (
    CompetencySettings,
    CurrentAssessment,
    MemberRoleProfile,
    RoleProfile,
)
from guild.competencies.services import role_profile_create
from guild.members.models import Member
from guild.organizations.models import Community, Department, OccupationalLevel, Region, WorkStream

pytestmark = pytest.mark.django_db

THRESHOLD = 10
BASE = "/api/v1/competencies"
GROUPINGS = ("department", "region", "work_stream", "role_profile", "level")
CODES = ("RIL-01", "RIL-02", "ACP-01")
SCALE_LOW = 1


@dataclass(frozen=True)
class World:
    community: Community
    departments: list[Department]
    regions: list[Region]
    profiles: list[RoleProfile]
    readers: dict[str, Client]
    pages: Client  # the programme administrator, signed in
    targets: dict[tuple[int, str], int]  # (profile id, code) -> target


def _client(user: User) -> Client:
    _token, raw = token_create(user=user, name="attack")
    return Client(HTTP_AUTHORIZATION=f"Bearer {raw}")


def _populate(
    world: World, rng: random.Random, *, consent: bool = True, active: bool = True, size: int = 0
) -> list[Member]:
    """Members on profiles with current levels; `size` 0 draws a population with small
    groups, otherwise `size` members in random places."""
    now = timezone.now()
    made: list[Member] = []
    places = [(d, r, p) for d in world.departments for r in world.regions for p in world.profiles]
    counts = (
        {place: rng.choice([0, 0, 1, 2, 3, 5, 8, 12]) for place in places}
        if size == 0
        else {place: 0 for place in places}
    )
    for _ in range(size):
        counts[rng.choice(places)] += 1
    for (department, region, profile), count in counts.items():
        for _ in range(count):
            member = Member.objects.create(
                given_name="Given",
                family_name=f"Family{len(made)}",
                work_email=f"attack{rng.random()}@example.gc.ca",
                department=department,
                region=region,
                level=OccupationalLevel.objects.get(code="IS-04"),
                consent_statistics=consent,
                is_active=active,
            )
            member.communities.set([world.community])
            MemberRoleProfile.objects.create(member=member, profile=profile)
            for code in CODES:
                if (profile.pk, code) not in world.targets or rng.random() < 0.15:
                    continue  # not assessed on this one
                level = rng.randint(1, 4)
                CurrentAssessment.objects.create(
                    member=member,
                    competency=profile.targets.get(competency__code=code).competency,
                    self_level=level,
                    validated_level=level,
                    self_at=now,
                    updated_at=now,
                )
            made.append(member)
    return made


@pytest.fixture
def world(
    im: Community,
    cast: dict[str, Any],
    version: Any,
    grant: Callable[..., Any],
    login: Callable[..., Client],
) -> World:
    CompetencySettings.objects.create(community=im, disclosure_threshold=THRESHOLD)
    departments = list(Department.objects.order_by("code")[:3])
    regions = list(Region.objects.order_by("code")[:3])
    streams = list(WorkStream.objects.filter(community=im).order_by("code")[:2])
    profiles = [
        role_profile_create(
            actor=cast["admin"].user,
            community=im,
            version=version,
            name_en=f"Profile {k}",
            name_fr=f"Profil {k}",
            work_stream=streams[k % len(streams)],
            level=OccupationalLevel.objects.get(code=level),
            targets=targets,
        )
        for k, (level, targets) in enumerate(
            [
                ("IS-04", {"RIL-01": 3, "RIL-02": 4, "ACP-01": 2}),
                ("IS-05", {"RIL-01": 2, "RIL-02": 3}),
                ("IS-04", {"RIL-01": 4, "ACP-01": 3}),
            ]
        )
    ]
    targets = {
        (profile.pk, target.competency.code): target.target
        for profile in profiles
        for target in profile.targets.select_related("competency")
    }
    coordinator = cast["coordinator"]
    for department in departments:
        grant(coordinator.user, Role.DEPARTMENT_COORDINATOR, im, department)
    readers = {
        "admin": _client(cast["admin"].user),
        "committee": _client(cast["committee"].user),
        "coordinator": _client(coordinator.user),
    }
    return World(im, departments, regions, profiles, readers, login(cast["admin"].user), targets)


# Reading everything ------------------------------------------------------------------------

Key = tuple[Any, ...]


@dataclass
class Figures:
    """Every figure read: heat cells by (code, department or None, grouping, group or ""),
    learning needs by (code, department or None)."""

    cells: dict[Key, dict[str, Any]]
    needs: dict[Key, dict[str, Any]]
    pages: dict[Key, Any]


def _read(world: World) -> Figures:
    cells: dict[Key, dict[str, Any]] = {}
    needs: dict[Key, dict[str, Any]] = {}
    pages: dict[Key, Any] = {}
    community = world.community.pk
    scopes: list[Department | None] = [None, *world.departments]
    for reader in world.readers.values():
        for department in scopes:
            where = f"&department={department.pk}" if department else ""
            code_of = department.code if department else None
            for grouping in GROUPINGS:
                answer = reader.get(
                    f"{BASE}/heat-map?community={community}&group_by={grouping}{where}"
                )
                if answer.status_code == 404:
                    continue
                assert answer.status_code == 200, answer.content
                body = answer.json()
                for cell in [*body["cells"], *body["total"]]:
                    key = (cell["competency"], code_of, grouping, cell["group"])
                    assert cells.setdefault(key, cell) == cell, key  # one answer per figure
            answer = reader.get(f"{BASE}/learning-needs?community={community}{where}")
            if answer.status_code == 200:
                body = answer.json()
                for need in body["needs"]:
                    needs[(need["code"], code_of)] = need
                for code in body["hidden"]:
                    needs[(code, code_of)] = {"hidden": True}
    admin = world.pages
    for grouping in GROUPINGS:
        page = admin.get(f"/en/competencies/heat-map/?community={community}&by={grouping}")
        assert page.status_code == 200
        pages[(None, grouping)] = page.context["data"].heat_map
        for department in world.departments:
            page = admin.get(
                f"/en/competencies/department/?community={community}"
                f"&department={department.pk}&by={grouping}"
            )
            if grouping == "department":
                continue
            assert page.status_code == 200
            pages[(department.code, grouping)] = page.context["data"].heat_map
    for department in scopes:
        where = f"&department={department.pk}" if department else ""
        page = admin.get(f"/en/competencies/learning-needs/?community={community}{where}")
        assert page.status_code == 200
        assert "n excludes members who chose not to be counted." in page.content.decode()
        pages[(department.code if department else None, "needs")] = page.context["result"]
    return Figures(cells, needs, pages)


def _counts(figures: Figures) -> Iterator[tuple[Key, int]]:
    for key, cell in figures.cells.items():
        if isinstance(cell["n"], int):
            yield key, cell["n"]
            assert isinstance(cell["below"], int), key
            yield (*key, "below"), cell["below"]
            yield (*key, "at target"), cell["n"] - cell["below"]
    for key, need in figures.needs.items():
        if "hidden" not in need:
            for field in ("assessed", "below"):
                yield (*key, field), need[field]
            yield (*key, "at target"), need["assessed"] - need["below"]
            if isinstance(need["not_assessed"], int):
                yield (*key, "not assessed"), need["not_assessed"]


# The linear-programming auditor ------------------------------------------------------------


@dataclass(frozen=True)
class Audit:
    checked: int
    narrow: list[tuple[Key, str, float, float]]  # hidden figures with a range under threshold


def _members_of(world: World, key: Key) -> Callable[[Department, Region, RoleProfile], bool]:
    """Which department x region x role profile places a heat cell's figures add up."""
    _code, department, grouping, group = key

    def inside(d: Department, r: Region, p: RoleProfile) -> bool:
        if department is not None and d.code != department:
            return False
        if group == "":
            return True
        value = {
            "department": d.code,
            "region": r.code,
            "role_profile": str(p.pk),
            "work_stream": p.work_stream.code if p.work_stream else "",
            "level": p.level.code if p.level else "",
        }[grouping]
        return value == group

    return inside


def audit(world: World, figures: Figures) -> Audit:
    """For each competency, unknowns below[place], at_target[place] and total_gap[place] for
    every department x region x role profile with a target on it; every published figure
    is an equation; a hidden figure's n is at least 1 (a 0 is always published). Minimise
    and maximise every hidden figure."""
    narrow: list[tuple[Key, str, float, float]] = []
    checked = 0
    for code in CODES:
        places = [
            (d, r, p)
            for d in world.departments
            for r in world.regions
            for p in world.profiles
            if (p.pk, code) in world.targets
        ]
        size = len(places)
        below, at, gap = (np.arange(size) + k * size for k in range(3))
        rows: list[np.ndarray] = []
        values: list[float] = []
        upper: list[np.ndarray] = []
        bounds_b: list[float] = []
        hidden: list[tuple[Key, np.ndarray]] = []

        def vector(columns: list[np.ndarray], size: int = size) -> np.ndarray:
            row = np.zeros(3 * size)
            for column in columns:
                row[column] = 1
            return row

        for place_index, (_d, _r, p) in enumerate(places):
            # below <= gap <= (target - lowest level) x below
            most = world.targets[(p.pk, code)] - SCALE_LOW
            row = np.zeros(3 * size)
            row[below[place_index]], row[gap[place_index]] = 1, -1
            upper.append(row)
            bounds_b.append(0)
            row = np.zeros(3 * size)
            row[gap[place_index]], row[below[place_index]] = 1, -most
            upper.append(row)
            bounds_b.append(0)
        cell_keys = [key for key in figures.cells if key[0] == code]
        for key in cell_keys:
            cell = figures.cells[key]
            inside = _members_of(world, key)
            chosen = [i for i, place in enumerate(places) if inside(*place)]
            n_row = vector([below[chosen], at[chosen]])
            b_row = vector([below[chosen]])
            g_row = vector([gap[chosen]])
            if isinstance(cell["n"], int):
                rows += [n_row, b_row]
                values += [cell["n"], cell["below"]]
                if cell["n"]:
                    rows.append(g_row)
                    values.append(round(cell["mean_gap"] * cell["n"]))
            else:
                upper.append(-n_row)
                bounds_b.append(-1)
                hidden.append((key, n_row))
        for key, need in figures.needs.items():
            if key[0] != code or "hidden" in need:
                continue
            cell_key = (code, None, "department", key[1] or "")
            inside = _members_of(world, cell_key)
            chosen = [i for i, place in enumerate(places) if inside(*place)]
            rows += [vector([below[chosen], at[chosen]]), vector([below[chosen]])]
            values += [need["assessed"], need["below"]]
            rows.append(vector([gap[chosen]]))
            values.append(need["total_gap"])
        equations = np.array(rows) if rows else None
        for key, n_row in hidden:
            b_part = np.where(np.isin(np.arange(3 * size), below), n_row, 0)
            a_part = np.where(np.isin(np.arange(3 * size), at), n_row, 0)
            for what, objective in (("n", n_row), ("below", b_part), ("at target", a_part)):
                ends = []
                for sign in (1, -1):
                    found = linprog(
                        sign * objective,
                        A_ub=np.array(upper),
                        b_ub=np.array(bounds_b),
                        A_eq=equations,
                        b_eq=np.array(values) if rows else None,
                        bounds=(0, None),
                        method="highs",
                    )
                    assert found.status in (0, 3), found.message  # 3: unbounded
                    ends.append(np.inf if found.status == 3 else sign * found.fun)
                checked += 1
                if ends[1] - ends[0] < THRESHOLD - 1e-6:
                    narrow.append((key, what, ends[0], ends[1]))
    return Audit(checked, narrow)


# The attacks -------------------------------------------------------------------------------


@pytest.mark.parametrize("seed", [1, 2])
def test_no_published_count_is_small(world: World, seed: int) -> None:
    _populate(world, random.Random(seed))
    figures = _read(world)
    small = [(key, value) for key, value in _counts(figures) if 0 < value < THRESHOLD]
    assert small == []
    assert any(isinstance(cell["n"], int) and cell["n"] for cell in figures.cells.values())


@pytest.mark.parametrize("seed", [1, 2])
def test_linear_programming_recovers_no_hidden_figure(world: World, seed: int) -> None:
    _populate(world, random.Random(seed))
    figures = _read(world)
    result = audit(world, figures)
    assert result.checked > 0
    assert result.narrow == [], "\n".join(map(str, result.narrow))


def test_pages_show_what_the_api_answers(world: World) -> None:
    _populate(world, random.Random(3))
    figures = _read(world)
    for (department, grouping), heat_map in figures.pages.items():
        if grouping == "needs":
            continue
        for (group, code), cell in heat_map.cells.items():
            answer = figures.cells[(code, department, grouping, group)]
            n = answer["n"] if isinstance(answer["n"], int) else None
            assert (cell.n if isinstance(cell.n, int) else None) == n


def test_members_who_declined_change_no_figure(world: World) -> None:
    rng = random.Random(4)
    _populate(world, rng)
    before = _read(world)
    _populate(world, rng, consent=False, size=40)
    _populate(world, rng, active=False, size=15)
    after = _read(world)
    assert after.cells == before.cells
    assert after.needs == before.needs
