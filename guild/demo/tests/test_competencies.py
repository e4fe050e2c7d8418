"""The demo's competency data: realistic shares, and a second run adds nothing."""

from typing import Any

import pytest

from guild.competencies.models import (
    Assessment,
    CurrentAssessment,
    Framework,
    LearningPriority,
    MemberRoleProfile,
    RoleProfile,
)
from guild.competencies.selectors import heat_map_data, learning_needs
from guild.demo.competencies import PROFILES, seed_competencies
from guild.members.models import Member


def _counts() -> tuple[int, ...]:
    return tuple(
        model.objects.count()
        for model in (
            Framework,
            RoleProfile,
            MemberRoleProfile,
            Assessment,
            CurrentAssessment,
            LearningPriority,
        )
    )


@pytest.mark.django_db
def test_seed_competencies(im: Any, make_member: Any, cast: dict[str, Any]) -> None:
    boss = make_member(account=False)
    members = [make_member(account=False, supervisor=boss) for _ in range(60)]
    result = seed_competencies(community=im, members=members, seed=7, actor=cast["admin"].user)
    assert result.profiles_created == len(PROFILES) == 8
    assigned = MemberRoleProfile.objects.count()
    assert 45 <= assigned <= 60
    assessed = CurrentAssessment.objects.values("member").distinct().count()
    assert 0.6 * assigned <= assessed <= 0.95 * assigned
    validated = CurrentAssessment.objects.filter(supervisor_level__isnull=False)
    assert 0.3 * assessed <= validated.values("member").distinct().count() <= 0.7 * assessed
    assert not CurrentAssessment.objects.filter(validated_level__isnull=True).exists()
    first = _counts()
    again = seed_competencies(community=im, members=members, seed=7, actor=cast["admin"].user)
    assert (again.profiles_created, again.members_assigned, again.assessments_created) == (0, 0, 0)
    assert _counts() == first
    assert heat_map_data(community=im).heat_map.community["RIL-01"].n != 0
    assert learning_needs(community=im).needs[0].score > 0
    assert Member.objects.count() == 61 + 8
