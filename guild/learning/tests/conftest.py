"""Fixtures for the learning tests: the IM framework published in the IM community, and
course files built cell by cell."""

import csv
import io
from collections.abc import Callable, Sequence
from typing import Any

import pytest
from openpyxl import Workbook

from guild.competencies.models import FrameworkVersion
from guild.competencies.services import framework_load_published
from guild.demo.content import im_framework
from guild.learning.course_file import COLUMNS
from guild.learning.course_sheets import EXAMPLE
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
