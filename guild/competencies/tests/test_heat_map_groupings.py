"""Heat maps by role profile and by occupational group-level (threshold 5): exact figures,
small groups hidden, and a group-level hidden wherever one of its role profiles is, so that
the two maps cannot be subtracted from each other."""

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

from guild.competencies.models import (
    Competency,
    CompetencySettings,
    MemberRoleProfile,
    RoleProfile,
)
from guild.competencies.selectors import heat_map_data
from guild.competencies.services import assessment_self, role_profile_create
from guild.core.disclosure import COMPLEMENTARY, SMALL
from guild.organizations.models import Community, Department, OccupationalLevel, WorkStream

pytestmark = pytest.mark.django_db


@pytest.fixture
def profiles(
    im: Community, cast: dict[str, Any], profile: RoleProfile, version: Any
) -> dict[str, RoleProfile]:
    """A: the IS-04 records manager (RIL-01 target 3); B: an IS-05 profile (target 2);
    C: another IS-04 profile (target 4)."""

    def make(name: str, level: str, target: int) -> RoleProfile:
        return role_profile_create(
            actor=cast["admin"].user,
            community=im,
            version=version,
            name_en=name,
            name_fr=f"{name} (fr)",
            work_stream=WorkStream.objects.get(community=im, code="records-management"),
            level=OccupationalLevel.objects.get(code=level),
            targets={"RIL-01": target},
        )

    return {"A": profile, "B": make("Analyst, IS-05", "IS-05", 2), "C": make("Lead", "IS-04", 4)}


# RIL-01 self-assessed levels by profile: A 14 people (7 below target 3, total gap 7), B 12
# (6 below target 2, total gap 6), C 2 (1 below target 4, total gap 1).
LEVELS = {"A": [2] * 7 + [3] * 7, "B": [1] * 6 + [2] * 6, "C": [3, 4]}


@pytest.fixture
def population(
    im: Community,
    make_member: Callable[..., Any],
    profiles: dict[str, RoleProfile],
    competency: Callable[[str], Competency],
    esdc: Department,
) -> None:
    _assess(im, make_member, profiles, competency("RIL-01"), esdc, LEVELS)


def _assess(
    im: Community,
    make_member: Callable[..., Any],
    profiles: dict[str, RoleProfile],
    ril: Competency,
    department: Department,
    levels: dict[str, list[int]],
) -> None:
    """With a threshold of 5, members of `department` on each profile self-assess RIL-01."""
    CompetencySettings.objects.create(community=im, disclosure_threshold=5)
    for key, found in levels.items():
        for level in found:
            member = make_member(department=department)
            MemberRoleProfile.objects.create(member=member, profile=profiles[key])
            assessment_self(actor=member.user, member=member, competency=ril, level=level)


def _figures(cell: Any) -> tuple[Any, ...]:
    return (cell.n, cell.below, cell.share_below, cell.mean_gap)


def test_heat_map_by_role_profile(
    im: Community, population: None, profiles: dict[str, RoleProfile]
) -> None:
    data = heat_map_data(community=im, group_by="role_profile")
    a, b, c = (str(profiles[key].pk) for key in "ABC")
    result = data.heat_map
    assert set(result.groups) == {a, b, c}
    assert _figures(result.cell(a, "RIL-01")) == (14, 7, 0.5, 0.5)
    assert _figures(result.cell(c, "RIL-01")) == (SMALL,) * 4
    # Else the community minus A and B gives C away: B, smallest in every figure, is hidden.
    assert _figures(result.cell(b, "RIL-01")) == (COMPLEMENTARY,) * 4
    assert _figures(result.community["RIL-01"]) == (28, 14, 0.5, 0.5)
    assert data.group_labels == {a: "Records manager, IS-04", b: "Analyst, IS-05", c: "Lead"}


def test_heat_map_by_level_hides_levels_holding_a_hidden_profile(
    im: Community, population: None
) -> None:
    data = heat_map_data(community=im, group_by="level")
    result = data.heat_map
    assert result.groups == ("IS-04", "IS-05")
    # IS-04 alone would be 16 people (A and C), IS-05 12 (B): both above the threshold, but
    # IS-04 minus A would give C away and IS-05 is B, hidden on the map by role profile.
    assert _figures(result.cell("IS-04", "RIL-01")) == (COMPLEMENTARY,) * 4
    assert _figures(result.cell("IS-05", "RIL-01")) == (COMPLEMENTARY,) * 4
    assert _figures(result.community["RIL-01"]) == (28, 14, 0.5, 0.5)
    assert data.group_labels == {"IS-04": "IS-04", "IS-05": "IS-05"}


def test_heat_map_by_level_shows_levels_whose_profiles_are_all_published(
    im: Community,
    make_member: Callable[..., Any],
    profiles: dict[str, RoleProfile],
    competency: Callable[[str], Competency],
    esdc: Department,
) -> None:
    levels = {"A": [1] * 5 + [3] * 6, "C": [2] * 6 + [4] * 5, "B": [1] * 5 + [2] * 7}
    _assess(im, make_member, profiles, competency("RIL-01"), esdc, levels)
    result = heat_map_data(community=im, group_by="level").heat_map
    # IS-04: A (11, target 3: 5 below, gaps 5 x 2) and C (11, target 4: 6 below, gaps 6 x 2).
    assert _figures(result.cell("IS-04", "RIL-01")) == (22, 11, 0.5, 1.0)
    # IS-05: B (12, target 2: 5 below, gaps 5 x 1).
    assert _figures(result.cell("IS-05", "RIL-01")) == (12, 5, 5 / 12, 5 / 12)
    coordinator = heat_map_data(community=im, group_by="level", department=esdc).heat_map
    assert _figures(coordinator.cell("IS-04", "RIL-01")) == (22, 11, 0.5, 1.0)
    assert _figures(coordinator.community["RIL-01"]) == (34, 16, 16 / 34, 27 / 34)


def test_department_heat_map_by_level_is_linked_the_same_way(
    im: Community, population: None, esdc: Department
) -> None:
    result = heat_map_data(community=im, group_by="level", department=esdc).heat_map
    assert _figures(result.cell("IS-04", "RIL-01")) == (COMPLEMENTARY,) * 4
    assert _figures(result.cell("IS-05", "RIL-01")) == (COMPLEMENTARY,) * 4
    assert _figures(result.community["RIL-01"]) == (28, 14, 0.5, 0.5)


def test_pages_offer_the_new_groupings(
    im: Community, cast: dict[str, Any], population: None, login: Any, esdc: Department
) -> None:
    admin: Client = login(cast["admin"].user)
    response = admin.get("/en/competencies/heat-map/?by=level")
    assert response.status_code == 200
    table = response.context["figures"][0].table
    assert list(table.headers) == ["Competency", "IS-04", "IS-05", "Whole community"]
    choices = dict(response.context["form"].fields["by"].choices)
    assert choices["role_profile"] == "Role profile" and choices["level"] == "Group and level"
    coordinator: Client = login(cast["coordinator"].user)
    page = coordinator.get(f"/en/competencies/department/?department={esdc.pk}&by=role_profile")
    assert page.status_code == 200
    # More groups than competencies: the table is turned, the role profiles down the side.
    headers = [row.header for row in page.context["figures"][0].table.rows]
    assert headers[0:3] == ["Records manager, IS-04", "Analyst, IS-05", "Lead"]
    api = admin.get(f"/api/v1/competencies/heat-map?community={im.pk}&group_by=level")
    assert api.status_code == 200
    assert api.json()["groups"] == {"IS-04": "IS-04", "IS-05": "IS-05"}
