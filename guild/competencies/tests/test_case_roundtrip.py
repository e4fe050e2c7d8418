"""CASE JSON round trips: export then import gives the framework back."""

import json

from guild.competencies.case import (
    framework_from_case,
)
from guild.competencies.tests.builders import SCALE, package, small
from guild.demo.content import im_framework


def test_case_round_trip() -> None:
    assert framework_from_case(package()) == small()
    assert framework_from_case(json.loads(json.dumps(package()))) == small()


def test_import_follows_sequence_numbers_not_array_order() -> None:
    case = package()
    case["CFItems"].reverse()
    case["CFAssociations"].reverse()
    case["CFRubrics"].reverse()
    assert framework_from_case(case) == small()


def test_scale_taken_from_the_import_when_the_package_names_no_levels() -> None:
    case = package()
    case["CFRubrics"] = []
    framework = framework_from_case(case, levels_scale=SCALE)
    assert framework.levels_scale == SCALE
    assert [c.levels for f in framework.families for c in f.competencies] == [[], [], []]


def test_guild_packages_before_adr_15_are_still_read() -> None:
    """The demo's data file carries French in `extensions.fr`, as Guild wrote it before."""
    framework = im_framework()
    assert framework.title_fr == "Référentiel de compétences en gestion de l'information"
    assert framework.families[0].competencies[0].levels[0].indicators_fr
