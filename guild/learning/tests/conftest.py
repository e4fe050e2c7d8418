"""Fixtures for the learning tests: the IM framework published in the IM community, and
course files built cell by cell."""

import csv
import datetime
import io
from collections.abc import Callable, Sequence
from typing import Any

import pytest
from django.utils import timezone
from openpyxl import Workbook

from guild.competencies.models import FrameworkVersion
from guild.competencies.services import framework_load_published
from guild.demo.content import im_framework
from guild.learning.course_file import COLUMNS
from guild.learning.course_sheets import EXAMPLE
from guild.learning.models import Provider
from guild.learning.services import course_save, offering_save, provider_create
from guild.organizations.models import Community

Row = dict[str, Any]


@pytest.fixture
def version(im: Community) -> FrameworkVersion:
    return framework_load_published(community=im, content=im_framework(), code="im-competencies")


def course_row(**cells: Any) -> Row:
    """A valid row of a new provider's course (the template's example, developing RIL-02 to
    level 3); `cells` replace the defaults."""
    return {**EXAMPLE, "competencies": "RIL-01:2; RIL-02:3", **cells}


def csv_file(rows: Sequence[Row], columns: Sequence[str] = COLUMNS) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(columns)
    for row in rows:
        writer.writerow([row.get(name, "") for name in columns])
    return buffer.getvalue().encode("utf-8")


def xlsx_file(rows: Sequence[Row], columns: Sequence[str] = COLUMNS) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "Courses"
    sheet.append(list(columns))
    for row in rows:
        sheet.append([row.get(name) for name in columns])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


@pytest.fixture
def make_row() -> Callable[..., Row]:
    return course_row


def make_course(
    admin: Any, community: Community, *, code: str = "i500", fmt: str = "classroom"
) -> Any:
    """A course of a new provider (or the existing one) of `community`, developing nothing."""
    provider = Provider.objects.filter(community=community, code="csps").first() or provider_create(
        actor=admin,
        community=community,
        code="csps",
        name_en="Canada School of Public Service",
        name_fr="École de la fonction publique du Canada",
        kind="school",
    )
    return course_save(
        actor=admin,
        provider=provider,
        competencies={},
        code=code,
        title_en=f"IM Leadership Course {code}",
        title_fr=f"Cours de leadership en GI {code}",
        languages="en-fr",
        format=fmt,
        active=True,
    )


def make_offering(admin: Any, course: Any, **fields: Any) -> Any:
    today = timezone.localdate()
    values = {
        "starts_on": today + datetime.timedelta(days=30),
        "ends_on": today + datetime.timedelta(days=31),
        "language": "en",
        "capacity": 2,
        **fields,
    }
    return offering_save(actor=admin, course=course, **values)


@pytest.fixture
def course(cast: dict[str, Any], im: Community) -> Any:
    return make_course(cast["admin"].user, im)


@pytest.fixture
def offering(cast: dict[str, Any], course: Any) -> Any:
    return make_offering(cast["admin"].user, course)
