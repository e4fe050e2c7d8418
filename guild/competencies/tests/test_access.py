"""Who sees a member's assessments and gaps, and whose heat maps."""

from collections.abc import Callable
from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser

from guild.competencies.access import (
    access_framework_version,
    access_heat_map,
    access_member_competencies,
    is_direct_supervisor,
)
from guild.competencies.services import framework_import_case
from guild.competencies.tests.builders import package
from guild.core.errors import NotFound


def _user(cast: dict[str, Any], who: str, grand: Any) -> Any:
    if who == "anonymous":
        return AnonymousUser()
    if who == "platform":
        return cast["platform"]
    if who == "grand":
        return grand.user
    return cast[who].user


@pytest.fixture
def grand(cast: dict[str, Any], make_member: Callable[..., Any]) -> Any:
    top = make_member(given_name="Gia", family_name="Grand")
    supervisor = cast["supervisor"]
    supervisor.supervisor = top
    supervisor.save()
    return top


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("who", "sees"),
    [
        ("member", True),
        ("supervisor", True),
        ("grand", True),
        ("other", False),
        ("coordinator", False),
        ("admin", False),
        ("committee", False),
        ("platform", True),
        ("anonymous", False),
    ],
)
def test_member_assessments_are_seen_by_the_member_and_their_supervisors(
    cast: dict[str, Any], grand: Any, who: str, sees: bool
) -> None:
    mia = cast["member"]
    user = _user(cast, who, grand)
    if sees:
        assert access_member_competencies(user, mia.pk) == mia
    else:
        with pytest.raises(NotFound):
            access_member_competencies(user, mia.pk)
    assert is_direct_supervisor(user, mia) == (who == "supervisor")


@pytest.mark.django_db
def test_missing_and_malformed_members_look_forbidden(cast: dict[str, Any]) -> None:
    for value in (999999, "abc", None):
        with pytest.raises(NotFound):
            access_member_competencies(cast["platform"], value)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("who", "community", "own_department", "other_department"),
    [
        ("coordinator", False, True, False),
        ("admin", True, True, True),
        ("committee", True, True, True),
        ("platform", True, True, True),
        ("member", False, False, False),
        ("supervisor", False, False, False),
        ("anonymous", False, False, False),
    ],
)
def test_heat_map_access(
    cast: dict[str, Any],
    grand: Any,
    im: Any,
    esdc: Any,
    cra: Any,
    who: str,
    community: bool,
    own_department: bool,
    other_department: bool,
) -> None:
    user = _user(cast, who, grand)
    for department, allowed in ((None, community), (esdc, own_department), (cra, other_department)):
        department_id = department.pk if department else None
        if allowed:
            access_heat_map(user, im.pk, department_id)
        else:
            with pytest.raises(NotFound):
                access_heat_map(user, im.pk, department_id)


@pytest.mark.django_db
def test_draft_versions_are_only_for_framework_managers(cast: dict[str, Any], im: Any) -> None:
    draft = framework_import_case(actor=cast["admin"].user, community=im, data=package())
    assert access_framework_version(cast["admin"].user, draft.pk) == draft
    assert access_framework_version(cast["platform"], draft.pk) == draft
    for who in ("member", "coordinator", "committee"):
        with pytest.raises(NotFound):
            access_framework_version(cast[who].user, draft.pk)
