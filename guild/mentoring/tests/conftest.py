"""Fixtures for the mentoring tests: the IM community's small competency framework, a
mentoring pool and a buddy pool made by the programme administrator."""

from typing import Any

import pytest

from guild.competencies.models import FrameworkVersion
from guild.mentoring.models import Pool
from guild.mentoring.tests.pools_setup import load_framework, make_pool
from guild.organizations.models import Community


@pytest.fixture
def framework(im: Community) -> FrameworkVersion:
    return load_framework(im)


@pytest.fixture
def pool(cast: dict[str, Any], im: Community, framework: FrameworkVersion) -> Pool:
    return make_pool(cast["admin"].user, im)


@pytest.fixture
def buddy_pool(cast: dict[str, Any], im: Community, framework: FrameworkVersion) -> Pool:
    return make_pool(cast["admin"].user, im, kind="buddy")
