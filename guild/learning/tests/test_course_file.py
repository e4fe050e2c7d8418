"""Reading course files: every problem located by sheet, line and column; nothing returned
from a file with any wrong row."""

from collections.abc import Callable

import pytest

from guild.core.uploads import ReadBudget, UploadLimits
from guild.learning.course_file import (
    COLUMNS,
    Catalogue,
    CourseFileError,
    read_course_file,
)
from guild.learning.tests.conftest import course_row, csv_file, xlsx_file

CATALOGUE = Catalogue(
    providers=frozenset({"lac"}),
    competencies=frozenset({"RIL-01", "RIL-02", "ACP-01"}),
    levels=(1, 2, 3, 4),
    kinds=frozenset({"school", "library-archives", "university", "department", "other"}),
    formats=frozenset({"classroom", "online", "blended", "self-paced", "product"}),
    languages=frozenset({"en", "fr", "en-fr"}),
)


def _problems(
    content: bytes, file_format: str = "csv", budget: ReadBudget | None = None
) -> list[tuple[str | None, int | None, str | None, str]]:
    with pytest.raises(CourseFileError) as refused:
        read_course_file(content, file_format=file_format, catalogue=CATALOGUE, budget=budget)
    return [(p.sheet, p.row, p.column, p.message) for p in refused.value.problems]


@pytest.mark.parametrize(("build", "file_format"), [(csv_file, "csv"), (xlsx_file, "xlsx")])
def test_a_good_file_gives_its_providers_and_courses(
    build: Callable[..., bytes], file_format: str
) -> None:
    content = build(
        [
            course_row(),
            course_row(
                provider="csps",
                provider_name_en="",
                provider_name_fr="",
                provider_kind="",
                provider_url="",
                course="T171",
                competencies="acp-01:1",
                duration_hours="7.5",
                cost="1 250",
                active="no",
            ),
            course_row(
                provider="lac",
                provider_name_en="",
                provider_name_fr="",
                provider_kind="",
                provider_url="",
                course="rda",
                competencies="",
                format="product",
                cost="",
            ),
        ]
    )
    if file_format == "csv":
        content = content.replace(b"1 250", b"1250")
    else:
        content = xlsx_file(
            [
                course_row(),
                course_row(
                    provider_name_en=None,
                    provider_name_fr=None,
                    provider_kind=None,
                    provider_url=None,
                    course="T171",
                    competencies="acp-01:1",
                    duration_hours=7.5,
                    cost=1250,
                    active="no",
                ),
                course_row(
                    provider="lac",
                    provider_name_en=None,
                    provider_name_fr=None,
                    provider_kind=None,
                    provider_url=None,
                    course="rda",
                    competencies=None,
                    format="product",
                    cost=None,
                ),
            ]
        )
    reading = read_course_file(content, file_format=file_format, catalogue=CATALOGUE)
    assert [(p.code, p.name_fr, p.kind, p.row) for p in reading.providers] == [
        ("csps", "École de la fonction publique du Canada", "school", 2)
    ]
    assert [
        (c.provider, c.code, c.competencies, str(c.duration_hours), str(c.cost), c.active, c.row)
        for c in reading.courses
    ] == [
        ("csps", "i011", {"RIL-01": 2, "RIL-02": 3}, "6", "0", True, 2),
        ("csps", "t171", {"ACP-01": 1}, "7.5", "1250", False, 3),
        ("lac", "rda", {}, "6", "None", True, 4),
    ]


def test_wrong_headers_are_named() -> None:
    columns = [c for c in COLUMNS if c not in ("title_fr", "cost")] + ["titre", "titre"]
    assert _problems(csv_file([course_row()], columns)) == [
        (None, 1, "titre", "Unknown column “titre”; use the columns of the template."),
        (None, 1, "titre", "The column “titre” appears twice."),
        (None, 1, None, "Missing columns: title_fr, cost. Use the columns of the template."),
    ]


def test_every_wrong_cell_is_located_in_the_sheet() -> None:
    content = xlsx_file(
        [
            course_row(competencies="RIL-01:2; XYZ-99:1; ACP-01:5; RIL-01:3; records"),
            course_row(course="i012", languages="de", format="video", url="not a url"),
            course_row(course="i011", title_fr=None, duration_hours=-2, active="maybe"),
        ]
    )
    assert _problems(content, "xlsx") == [
        (
            "Courses",
            2,
            "competencies",
            "“XYZ-99” is not a competency of the community's published framework.",
        ),
        (
            "Courses",
            2,
            "competencies",
            "Level 5 of ACP-01 is not on the framework's scale (1 to 4).",
        ),
        ("Courses", 2, "competencies", "RIL-01 is listed twice."),
        (
            "Courses",
            2,
            "competencies",
            "“records” is not a competency code and a level, like RIL-01:3.",
        ),
        ("Courses", 3, "languages", "“de” is not one of: en, en-fr, fr."),
        (
            "Courses",
            3,
            "format",
            "“video” is not one of: blended, classroom, online, product, self-paced.",
        ),
        ("Courses", 3, "url", "“not a url” is not a web address."),
        ("Courses", 4, "title_fr", "This cell is required."),
        ("Courses", 4, "duration_hours", "“-2” is not a number from 0 to 99999.9."),
        ("Courses", 4, "active", "Write yes or no (“maybe”)."),
        ("Courses", 4, "course", "The course i011 of csps is already on line 2."),
    ]


def test_a_formula_cell_is_refused_where_it_is() -> None:
    content = xlsx_file([course_row(title_en='=HYPERLINK("http://evil.example","x")')])
    assert _problems(content, "xlsx") == [
        ("Courses", 2, "title_en", "A formula is not accepted here: type the value itself."),
    ]


def test_formula_text_in_csv_is_refused_unless_quoted() -> None:
    assert _problems(csv_file([course_row(title_en="=1+2")])) == [
        (None, 2, "title_en", "A formula is not accepted here: type the value itself."),
    ]
    quoted = read_course_file(
        csv_file([course_row(title_en="'=1+2")]), file_format="csv", catalogue=CATALOGUE
    )
    assert quoted.courses[0].title_en == "=1+2"


def test_a_new_provider_must_be_described_and_described_once() -> None:
    content = csv_file(
        [
            course_row(
                provider="uottawa",
                provider_name_en="",
                provider_name_fr="",
                provider_kind="",
                provider_url="",
            ),
            course_row(course="i2"),
            course_row(course="i3", provider_kind="university"),
        ]
    )
    assert _problems(content) == [
        (
            None,
            2,
            "provider_name_en",
            "The provider uottawa is new: describe it (names and kind) on this row.",
        ),
        (None, 4, "provider_kind", "Line 3 describes the provider csps differently."),
    ]


def test_a_file_over_the_row_limit_stops_where_it_is() -> None:
    rows = [course_row(course=f"c{n}") for n in range(10)]
    budget = ReadBudget(UploadLimits(max_rows=5))
    assert _problems(xlsx_file(rows), "xlsx", budget=budget) == [
        ("Courses", 6, None, "The sheet “Courses” has more than 5 rows."),
    ]
    assert _problems(csv_file(rows), budget=ReadBudget(UploadLimits(max_rows=5))) == [
        (None, 6, None, "The file has more than 5 lines."),
    ]


@pytest.mark.parametrize(
    ("content", "file_format", "message"),
    [
        (b"\xff\xfe\x00", "csv", "The file is not UTF-8 text."),
        (b"PK not a workbook", "xlsx", "The file is not an XLSX workbook that can be read."),
        (b"", "csv", "The file is empty: it needs the template's header row."),
        (",".join(COLUMNS).encode(), "csv", "The file has no course rows."),
    ],
)
def test_unreadable_and_empty_files_are_refused(
    content: bytes, file_format: str, message: str
) -> None:
    assert [p[3] for p in _problems(content, file_format)] == [message]
