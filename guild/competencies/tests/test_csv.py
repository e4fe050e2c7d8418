"""CSV export/import of competency frameworks: shape, round trips and import errors."""

import csv
import io

import pytest

from guild.competencies.case import (
    framework_from_csv,
    framework_to_csv,
)
from guild.competencies.framework import (
    FrameworkError,
    derive_identifier,
)
from guild.competencies.tests.builders import (
    C1,
    C3,
    CSV_HEADER,
    FW,
    SCALE,
    column,
    csv_problems,
    csv_rows,
    csv_view,
    from_csv,
    small,
)


def test_csv_shape() -> None:
    text = framework_to_csv(small())
    lines = text.split("\r\n")
    assert text.startswith(CSV_HEADER)
    assert len(lines) == 1 + 12 + 1 and lines[-1] == ""
    assert lines[1] == (
        "DATA,Data,Données,DATA-1,Data literacy,Littératie des données,"
        "Finds and interprets data.,Trouve et interprète les données.,1,"
        f"DATA-1 at level 1,DATA-1 au niveau 1,{C1}"
    )
    assert lines[12] == (
        "SEC,Security,Sécurité,SEC-1,Cyber hygiene,Cyberhygiène,,"
        "Seulement en français : « œuvre »,4,SEC-1 at level 4,SEC-1 au niveau 4,"
        f"{C3}"
    )


def test_csv_round_trip() -> None:
    assert from_csv(framework_to_csv(small())) == csv_view(small())
    with_bom = "\ufeff" + framework_to_csv(small()).replace("\r\n", "\n")
    assert from_csv(with_bom) == csv_view(small())


def test_csv_without_identifiers_derives_them() -> None:
    text = framework_to_csv(small()).replace(f",{C1}\r\n", ",\r\n")
    assert C1 not in text
    expected = csv_view(small())
    expected.families[0].competencies[0].identifier = derive_identifier(FW, "competency", "DATA-1")
    assert from_csv(text) == expected


def test_csv_columns_in_any_order() -> None:
    text = framework_to_csv(small())
    rows = list(csv.reader(io.StringIO(text, newline="")))
    shuffled = io.StringIO()
    csv.writer(shuffled).writerows([list(reversed(row)) for row in rows])
    assert from_csv(shuffled.getvalue()) == csv_view(small())


def test_csv_blank_required_cell() -> None:
    rows = csv_rows()
    rows[6][column("indicators_fr")] = " "  # row 7: DATA-2 level 2
    assert csv_problems(rows) == [("row 7, column indicators_fr", "must not be blank")]


def test_csv_level_out_of_range() -> None:
    rows = csv_rows()
    rows[2][column("level")] = "5"  # row 3: DATA-1 level 2
    assert csv_problems(rows) == [
        ("row 3, column level", "level must be a whole number from 1 to 4, got '5'"),
        ("row 2, column level", "competency 'DATA-1' has no row for level 2"),
    ]


def test_csv_repeated_level() -> None:
    rows = csv_rows()
    rows[3][column("level")] = "2"  # row 4: DATA-1 level 3
    assert csv_problems(rows) == [
        ("row 4, column level", "level 2 of competency 'DATA-1' is already given in row 3"),
        ("row 2, column level", "competency 'DATA-1' has no row for level 3"),
    ]


def test_csv_inconsistent_repeated_cells() -> None:
    rows = csv_rows()
    rows[4][column("family_name_fr")] = "Donnees"  # row 5
    rows[10][column("description_en")] = "Other"  # row 11: SEC-1 level 2
    assert csv_problems(rows) == [
        ("row 5, column family_name_fr", "differs from row 2 for family 'DATA': 'Données'"),
        ("row 11, column description_en", "differs from row 10 for competency 'SEC-1': ''"),
    ]


def test_csv_malformed_and_duplicate_identifiers() -> None:
    rows = csv_rows()
    for row in rows[1:5]:
        row[column("identifier")] = "c1"
    assert csv_problems(rows) == [
        ("row 2, column identifier", "malformed UUID 'c1'"),
        ("row 3, column identifier", "malformed UUID 'c1'"),
        ("row 4, column identifier", "malformed UUID 'c1'"),
        ("row 5, column identifier", "malformed UUID 'c1'"),
    ]
    rows = csv_rows()
    for row in rows[5:9]:
        row[column("identifier")] = C3
    assert csv_problems(rows) == [
        (
            "row 10, column identifier",
            f"identifier {C3} is already used by competency 'DATA-2' (row 6)",
        )
    ]


def test_csv_header_problems() -> None:
    rows = [[*row[:-2], row[-1]] for row in csv_rows()]
    rows[0][1] = "family_name"
    assert csv_problems(rows) == [
        ("row 1, column family_name", "unknown column"),
        ("row 1", "missing column 'family_name_en'"),
        ("row 1", "missing column 'indicators_fr'"),
    ]
    assert csv_problems("") == [("row 1", "missing header row")]


def test_csv_wrong_field_count() -> None:
    rows = csv_rows()
    rows[8].append("extra")
    assert csv_problems(rows) == [
        ("row 9", "expected 12 fields, found 13"),
        ("row 6, column level", "competency 'DATA-2' has no row for level 4"),
    ]


def test_csv_invalid_framework_arguments() -> None:
    with pytest.raises(FrameworkError) as raised:
        framework_from_csv(
            CSV_HEADER, identifier="x", title_en="T", title_fr="T", levels_scale=SCALE[:3]
        )
    assert [p.path for p in raised.value.problems] == ["identifier", "levels_scale"]
