"""Catalogue writes: one course at a time and from a file, all rows or none, audited."""

from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import ValidationError

from guild.core.errors import ApplicationError, NotFound
from guild.core.models import AuditEvent
from guild.demo.learning import catalogue_file
from guild.learning.course_file import CourseFileError
from guild.learning.models import Course, CourseCompetency, Provider
from guild.learning.services import course_import, course_save, provider_create
from guild.learning.tests.conftest import course_row, csv_file, xlsx_file

pytestmark = pytest.mark.django_db


def _provider(cast: dict[str, Any], im: Any) -> Provider:
    return provider_create(
        actor=cast["admin"].user,
        community=im,
        code="CSPS",
        name_en="Canada School of Public Service",
        name_fr="École de la fonction publique du Canada",
        kind="school",
        url="https://www.csps-efpc.gc.ca/",
    )


def test_a_course_is_saved_with_its_levels_and_audited(
    cast: dict[str, Any], im: Any, version: Any
) -> None:
    provider = _provider(cast, im)
    course = course_save(
        actor=cast["admin"].user,
        provider=provider,
        competencies={"RIL-01": 2, "ACP-01": 3},
        code="I011",
        title_en="Records management fundamentals",
        title_fr="Principes fondamentaux de la gestion des documents",
        languages="en-fr",
        format="online",
        duration_hours=Decimal("6"),
        cost=Decimal("0"),
        active=True,
    )
    assert provider.code == "csps"
    assert course.code == "i011"
    assert sorted(course.mappings.values_list("competency__code", "level")) == [
        ("ACP-01", 3),
        ("RIL-01", 2),
    ]
    event = AuditEvent.objects.get(action="learning.course_create")
    assert event.changes["competencies"] == ["ACP-01:3", "RIL-01:2"]
    course_save(
        actor=cast["admin"].user,
        provider=provider,
        course=course,
        competencies={"RIL-01": 3},
    )
    assert list(course.mappings.values_list("competency__code", "level")) == [("RIL-01", 3)]
    changed = AuditEvent.objects.get(action="learning.course_update")
    assert changed.changes == {"competencies": [["ACP-01:3", "RIL-01:2"], ["RIL-01:3"]]}


def test_every_error_of_a_course_comes_at_once_and_nothing_is_saved(
    cast: dict[str, Any], im: Any, version: Any
) -> None:
    provider = _provider(cast, im)
    with pytest.raises(ValidationError) as refused:
        course_save(
            actor=cast["admin"].user,
            provider=provider,
            competencies={"XYZ-01": 2, "RIL-01": 7},
            code="",
            title_en="",
            title_fr="Titre",
            languages="de",
            format="online",
        )
    errors = refused.value.message_dict
    assert set(errors) == {"code", "title_en", "languages", "competencies"}
    assert errors["competencies"] == [
        "“XYZ-01” is not a competency of the community's published framework.",
        "Level 7 of RIL-01 is not on the framework's scale (1 to 4).",
    ]
    assert not Course.objects.exists()


def test_only_the_communitys_administrators_change_the_catalogue(
    cast: dict[str, Any], im: Any, version: Any
) -> None:
    for key in ("member", "coordinator", "committee"):
        with pytest.raises(NotFound):
            provider_create(
                actor=cast[key].user, community=im, code="x", name_en="X", name_fr="X", kind="other"
            )
        with pytest.raises(NotFound):
            course_import(
                actor=cast[key].user, community=im, content=catalogue_file(), file_format="csv"
            )
    assert not Provider.objects.exists()


def test_the_demo_catalogue_imports_and_imports_again_unchanged(
    cast: dict[str, Any], im: Any, version: Any
) -> None:
    admin = cast["admin"].user
    first = course_import(actor=admin, community=im, content=catalogue_file(), file_format="csv")
    assert (first.providers_created, first.courses_created, first.courses_updated) == (5, 21, 0)
    assert Course.objects.filter(active=True).count() == 20
    assert CourseCompetency.objects.count() == 29
    again = course_import(actor=admin, community=im, content=catalogue_file(), file_format="csv")
    assert (again.providers_created, again.courses_created, again.courses_updated) == (0, 0, 21)
    assert CourseCompetency.objects.count() == 29
    i400 = Course.objects.get(code="i400")
    assert i400.title_fr == "Diriger la gestion de l'information dans votre organisation"
    assert sorted(i400.mappings.values_list("competency__code", "level")) == [
        ("LDS-01", 3),
        ("LDS-02", 3),
    ]


def test_a_file_with_one_wrong_row_saves_nothing(
    cast: dict[str, Any], im: Any, version: Any
) -> None:
    rows = [course_row(course=f"c{n}") for n in range(5)]
    rows.append(course_row(course="c9", competencies="RIL-01:9"))
    with pytest.raises(CourseFileError) as refused:
        course_import(
            actor=cast["admin"].user, community=im, content=xlsx_file(rows), file_format="xlsx"
        )
    assert [(p.sheet, p.row, p.column) for p in refused.value.problems] == [
        ("Courses", 7, "competencies")
    ]
    assert not Provider.objects.exists() and not Course.objects.exists()
    assert not AuditEvent.objects.filter(action__startswith="learning.").exists()


def test_a_model_rule_broken_in_the_file_is_located_and_rolls_back(
    cast: dict[str, Any], im: Any, version: Any
) -> None:
    long_url = "https://example.gc.ca/" + "a" * 480
    content = csv_file([course_row(), course_row(course="i2", url=long_url)])
    with pytest.raises(CourseFileError) as refused:
        course_import(actor=cast["admin"].user, community=im, content=content, file_format="csv")
    assert [(p.row, p.column) for p in refused.value.problems] == [(3, "url")]
    assert not Course.objects.exists()


def test_no_import_before_a_framework_is_published(cast: dict[str, Any], im: Any) -> None:
    with pytest.raises(ApplicationError) as refused:
        course_import(
            actor=cast["admin"].user, community=im, content=catalogue_file(), file_format="csv"
        )
    assert refused.value.code == "no_framework"
