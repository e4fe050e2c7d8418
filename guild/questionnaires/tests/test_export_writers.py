import csv
import datetime as dt
import math
from pathlib import Path

import openpyxl
import pyreadstat

from guild.questionnaires.definition.types import (
    Definition,
    Option,
    Question,
    QuestionType,
    Section,
    Text,
)
from guild.questionnaires.exports.spss import write_sav
from guild.questionnaires.exports.variables import RowBuilder, codebook_rows, export_variables
from guild.questionnaires.exports.writers import write_csv, write_xlsx
from guild.questionnaires.tests.export_fixtures import FULL_ANSWERS, export_definition

PARTIAL = {"department": "esdc", "skills": [], "needs": ["b"], "comment": "-1 ok"}


def _rows(identified: bool = False) -> tuple[list, list[list]]:
    variables = export_variables(export_definition().questions, identified=identified)
    builder = RowBuilder(variables)
    lead = (7, "Ada Admin", "ada@example.gc.ca", 1) if identified else (1,)
    return variables, [builder.values(FULL_ANSWERS, lead), builder.values(PARTIAL, lead)]


def test_csv_has_a_bom_a_header_of_codes_and_no_formulas(tmp_path: Path) -> None:
    variables, rows = _rows()
    path = tmp_path / "r.csv"
    assert write_csv(path, variables, rows) == 2
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")
    with path.open(encoding="utf-8-sig", newline="") as handle:
        read = list(csv.reader(handle))
    assert read[0][:5] == ["version", "department", "skills__records", "skills__data", "vision"]
    assert read[1] == [
        "1", "cra", "0", "1", "agree", "neutral", "agree", "2", "", "1",
        "40", "2031", "0.75", "2004-09-13", "'=SUM(A1) c'est ça",
    ]  # fmt: skip
    assert read[2] == ["1", "esdc", "0", "0", "", "", "", "", "1", "", "", "", "", "", "'-1 ok"]


def test_xlsx_has_responses_and_an_exact_codebook(tmp_path: Path) -> None:
    variables, rows = _rows(identified=True)
    path = tmp_path / "r.xlsx"
    assert write_xlsx(path, variables, rows) == 2
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["responses", "codebook"]
    sheet = list(book["responses"].values)
    assert sheet[0][:6] == (
        "member_id", "member_name", "member_email", "version", "department", "skills__records",
    )  # fmt: skip
    assert sheet[1] == (
        7, "Ada Admin", "ada@example.gc.ca", 1, "cra", 0, 1, "agree", "neutral", "agree", 2,
        None, 1, 40, 2031, 0.75, dt.datetime(2004, 9, 13),  # noqa: DTZ001 - a sheet's dates are naive
        "=SUM(A1) c'est ça",
    )  # fmt: skip
    assert book["responses"].cell(2, 18).data_type == "s"  # text, never a formula
    codebook = list(book["codebook"].values)
    assert codebook[0] == (
        "code", "question", "type", "question_en", "question_fr",
        "option_code", "option_en", "option_fr", "spss_name", "spss_value",
    )  # fmt: skip
    # empty cells read back as None
    assert codebook[1:] == [
        tuple(v if v != "" else None for v in r) for r in codebook_rows(variables)
    ]
    assert codebook[5] == (
        "department", "department", "single", "Department", "Ministère",
        "esdc", "ESDC", "EDSC", "department", 1,
    )  # fmt: skip
    assert codebook[1] == (
        "member_id", None, "respondent", "Member number", "Numéro du membre",
        None, None, None, "member_id", None,
    )  # fmt: skip
    assert (
        "lang__oral", "lang", "matrix", "Language: Oral", "Langue: Oral",
        "agree", "Agree", "D'accord", "lang__oral", 3,
    ) in codebook  # fmt: skip


def test_sav_has_variable_labels_value_labels_and_typed_values(tmp_path: Path) -> None:
    variables, rows = _rows()
    path = tmp_path / "r.sav"
    assert write_sav(path, variables, iter(rows), expected=1, language="fr") == 2
    frame, meta = pyreadstat.read_sav(str(path))
    assert meta.column_names == [v.name for v in variables]
    assert meta.column_names_to_labels["lang__read"] == "Langue: Lecture"
    assert meta.column_names_to_labels["department"] == "Ministère"
    assert meta.variable_value_labels["department"] == {1.0: "EDSC", 2.0: "ARC"}
    assert meta.variable_value_labels["skills__data"] == {
        0.0: "Non sélectionné",
        1.0: "Sélectionné",
    }
    assert meta.variable_value_labels["vision"] == {
        1.0: "En désaccord",
        2.0: "Neutre",
        3.0: "D'accord",
    }
    assert "needs__a" not in meta.variable_value_labels
    assert meta.variable_measure["vision"] == "ordinal"
    assert meta.variable_measure["department"] == "nominal"
    first, second = frame.to_dict("records")
    assert {k: first[k] for k in ["department", "skills__records", "skills__data", "vision"]} == {
        "department": 2.0, "skills__records": 0.0, "skills__data": 1.0, "vision": 3.0,
    }  # fmt: skip
    assert (first["lang__read"], first["lang__oral"]) == (2.0, 3.0)
    assert (first["needs__a"], first["needs__c"]) == (2.0, 1.0) and math.isnan(first["needs__b"])
    assert (first["hours"], first["retire"], first["fte"]) == (40.0, 2031.0, 0.75)
    assert first["joined"] == dt.date(2004, 9, 13)
    assert first["comment"] == "=SUM(A1) c'est ça"
    assert second["department"] == 1.0 and math.isnan(second["vision"])
    assert second["skills__records"] == 0.0 and math.isnan(second["hours"])


def test_sav_names_long_codes_for_spss_and_notes_them(tmp_path: Path) -> None:
    code = "a" * 64
    definition = Definition(
        Text("T", "T"),
        sections=(
            Section(
                "s",
                Text("S", "S"),
                questions=(
                    Question(
                        code,
                        QuestionType.MULTIPLE,
                        Text("L" * 400, "L"),
                        options=(Option("yes", Text("Y", "O")), Option("no", Text("N", "N"))),
                    ),
                ),
            ),
        ),
    )
    variables = export_variables(definition.questions, identified=False)
    path = tmp_path / "long.sav"
    write_sav(
        path,
        variables,
        iter([RowBuilder(variables).values({code: ["no"]}, (1,))]),
        expected=1,
        language="en",
    )
    frame, meta = pyreadstat.read_sav(str(path))
    assert meta.column_names == ["version", "a" * 60 + "_1", "a" * 60 + "_2"]
    assert meta.column_names_to_labels["a" * 60 + "_1"] == "L" * 255
    assert meta.notes == [
        f"{'a' * 60}_1 =",
        f"{code}__yes",
        f"{'a' * 60}_2 =",
        f"{code}__no",
    ]
    assert frame.to_dict("records") == [
        {"version": 1.0, "a" * 60 + "_1": 0.0, "a" * 60 + "_2": 1.0}
    ]


def test_progress_is_reported_every_2000_rows(tmp_path: Path) -> None:
    variables = export_variables(export_definition().questions, identified=False)
    builder = RowBuilder(variables)
    rows = (builder.values({"hours": n}, (1,)) for n in range(4001))
    seen: list[int] = []
    assert write_csv(tmp_path / "p.csv", variables, rows, seen.append) == 4001
    assert seen == [2000, 4000]
    seen.clear()
    rows = (builder.values({"hours": n}, (1,)) for n in range(4001))
    # More rows than expected (responses that came in meanwhile): the columns grow.
    assert (
        write_sav(
            tmp_path / "p.sav", variables, rows, expected=10, language="en", progress=seen.append
        )
        == 4001
    )
    assert seen == [2000, 4000]
    frame, _meta = pyreadstat.read_sav(str(tmp_path / "p.sav"))
    assert frame["hours"].tolist() == [float(n) for n in range(4001)]
