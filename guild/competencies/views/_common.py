"""What several competency pages share: the signed-in member and the levels of a scale."""

from typing import Any

from django.http import HttpRequest

from guild.competencies.forms import LevelOption
from guild.competencies.models import Competency, FrameworkVersion
from guild.competencies.selectors import version_level_names
from guild.core.bilingual import localize
from guild.core.errors import NotFound
from guild.members.models import Member
from guild.members.selectors import member_for_user


def own_member(request: HttpRequest) -> Member:
    """The signed-in person's member profile; pages for members only are not found
    without one."""
    member = member_for_user(request.user)
    if member is None:
        raise NotFound()
    return member


def level_names(version: FrameworkVersion) -> dict[int, str]:
    """The names of the version's levels in the active language, lowest first."""
    return version_level_names(version.pk)


def level_options(competency: Competency, names: dict[int, str]) -> list[LevelOption]:
    """Each level of the scale with the competency's behavioural indicators at that level;
    `competency.indicators` should be prefetched."""
    indicators = {
        item.level: localize(item, "indicators").text for item in competency.indicators.all()
    }
    return [
        LevelOption(level, f"{level} - {name}", indicators.get(level, ""))
        for level, name in sorted(names.items())
    ]


def posted(request: HttpRequest) -> Any:
    """The form data of a POST (even an empty one), None for any other method."""
    return request.POST if request.method == "POST" else None
