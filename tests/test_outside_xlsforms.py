"""Real XLSForms nobody here wrote (tests/fixtures/outside/SOURCES.md), read by Guild.

* Guild's bounded, streaming workbook reader gives exactly what pyxform's own reader
  gives, for every .xlsx and .xls workbook pyxform reads.
* Each form comes in with exactly what it holds — labels in every language, options,
  logic — and the review lists, cell by cell, what came in changed and what could not
  come in; a form Guild cannot use is refused with the exact reasons.
* Guild's export of every form it accepts (and of its own demo forms) converts with
  pyxform, and reads back to the same definition.
"""

from pathlib import Path

import pytest
from pyxform.errors import PyXFormError
from pyxform.xls2json_backends import xls_to_dict, xlsx_to_dict
from pyxform.xls2xform import convert

from guild.core.uploads import ReadBudget
from guild.questionnaires.definition.types import QuestionType, Text
from guild.questionnaires.definition.xlsform import definition_to_xlsform, reading_from_xlsform
from guild.questionnaires.definition.xlsform.sheets import read_workbook
from tests.outside_forms import (
    DEMO,
    KOBOCAT,
    OUTSIDE,
    PYXFORM,
    WORKBOOKS,
    english,
    form_notes,
    form_refusal,
    read_form,
    workbook_id,
)


def test_the_outside_workbooks_are_there() -> None:
    assert len(sorted(PYXFORM.glob("*.xlsx"))) == 24
    assert len(sorted(PYXFORM.glob("*.xls"))) == 5
    assert len(sorted(KOBOCAT.glob("*.xls*"))) == 17
    assert (KOBOCAT / "LICENSE").is_file()
    assert (PYXFORM / "LICENSE").is_file()


@pytest.mark.filterwarnings("ignore::UserWarning")
@pytest.mark.parametrize("path", WORKBOOKS, ids=workbook_id)
def test_the_streaming_reader_reads_what_pyxform_reads(path: Path) -> None:
    theirs_reader = xls_to_dict if path.suffix == ".xls" else xlsx_to_dict
    try:
        theirs = theirs_reader(str(path))
    except PyXFormError:
        # pyxform's own refusal: a header written twice
        assert path.name in ("duplicate_columns.xlsx", "enumerator_weekly.xls")
        return
    ours, letters = read_workbook(path.read_bytes(), ReadBudget())
    assert {name: getattr(ours, name) for name in theirs} == theirs
    assert set(letters) >= {name for name in theirs if name in ("survey", "choices", "settings")}


# -- forms Guild refuses ------------------------------------------------------------------


REFUSED = {
    "kobocat/gps.xls": [
        ("", "nothing_to_import", "Nothing in this form can come in to Guild; the reasons follow."),
        ("survey!A2", "unsupported_type", "Guild has no “geopoint” question: it cannot come in."),
    ],
    "kobocat/enumerator_weekly.xls": [
        (
            "",
            "unreadable_file",
            "pyxform cannot read this workbook either: Duplicate column header: label",
        )
    ],
    "pyxform/tutorial.xls": [
        ("", "nothing_to_import", "Nothing in this form can come in to Guild; the reasons follow."),
        (
            "survey!B2",
            "repeat_dropped",
            "Guild cannot repeat questions: this repeat and the 10 questions it holds cannot "
            "come in.",
        ),
    ],
    "pyxform/duplicate_columns.xlsx": [
        (
            "",
            "unreadable_file",
            "pyxform cannot read this workbook either: Duplicate column header: label",
        )
    ],
    "pyxform/bad_calc.xlsx": [
        ("", "nothing_to_import", "Nothing in this form can come in to Guild; the reasons follow."),
        (
            "survey!D2",
            "calculation_dropped",
            "Guild cannot read this at character 1: Unexpected 'because'. Put text in quotes "
            "and refer to questions as ${question_code}. The calculation cannot come in.",
        ),
    ],
    "pyxform/include_json.xlsx": [
        ("", "nothing_to_import", "Nothing in this form can come in to Guild; the reasons follow."),
        ("survey!A2", "unsupported_type", "Guild has no “include” question: it cannot come in."),
    ],
}


@pytest.mark.filterwarnings("ignore::UserWarning")
@pytest.mark.parametrize("name", sorted(REFUSED))
def test_forms_guild_cannot_use_are_refused_with_the_reasons(name: str) -> None:
    assert form_refusal(OUTSIDE / name) == REFUSED[name]


# -- pyxform's forms that come in, each with exactly what it holds (KoBoCAT's are in
# test_outside_kobocat_forms.py) ---------------------------------------------------------


def test_pyxform_xls_specify_other_and_calculate() -> None:
    other = read_form(PYXFORM / "specify_other.xls")
    assert [o.code for o in other.definition.question("sex").options] == [
        "male",
        "female",
        "other",
    ]
    assert form_notes(other) == (
        [("settings", "title_from_name"), ("survey!A2", "or_other_expanded")],
        [],
    )
    calculate = read_form(PYXFORM / "calculate.xls")
    assert [(q.code, q.type, q.calculation) for q in calculate.definition.questions] == [
        ("calculate_test", QuestionType.CALCULATE, "2+2"),
        ("calculate_test_output", QuestionType.NOTE, None),
        (
            "calculate_test_2",
            QuestionType.CALCULATE,
            "if(${calculate_test_output}=${calculate_test_output}, 'success', 'error')",
        ),
        ("calculate_test_2_output", QuestionType.NOTE, None),
    ]
    assert calculate.definition.question("calculate_test_output").label == english(
        "2+2 = ${calculate_test}"
    )
    assert form_notes(calculate) == ([], [])


def test_pyxform_xls_widgets() -> None:
    reading = read_form(PYXFORM / "widgets.xls")
    definition = reading.definition
    decimal = definition.question("my_decimal")
    assert (decimal.constraint, decimal.default) == (". > 10.51 and . < 18.39", "18.31")
    assert decimal.constraint_message == english("number must be between 10.51 and 18.39")
    selected = definition.question("my_select")
    assert selected.constraint == "not(selected(., 'c') and selected(., 'd'))"
    assert selected.default == "a c"
    assert definition.question("my_output").read_only is True
    assert definition.question("my_output").label == english("review widget. is your email still ?")
    assert form_notes(reading) == (
        [
            ("settings!2", "title_from_name"),
            ("survey!C10", "reference_removed"),
            ("survey!B16", "code_changed"),
            ("choices!C23", "label_from_name"),
            ("choices!C24", "label_from_name"),
        ],
        [
            ("survey!A6", "unsupported_type"),
            ("survey!A9", "unsupported_type"),
            ("survey!A11", "unsupported_type"),
            ("survey!A12", "unsupported_type"),
            ("survey!A13", "unsupported_type"),
            ("survey!A14", "unsupported_type"),
            ("survey!A15", "unsupported_type"),
            ("survey!A17", "unsupported_type"),
            ("survey!A18", "unsupported_type"),
            ("choices!D20", "media_dropped"),
            ("choices!D21", "media_dropped"),
            ("choices!D23", "media_dropped"),
            ("choices!D24", "media_dropped"),
        ],
    )
    assert reading.changed[1].message == (
        "The text refers to “my_trigger”, which cannot come in: the reference is left out "
        "of the text."
    )


def test_pyxform_xlsx_with_swahili_and_calculations() -> None:
    reading = read_form(PYXFORM / "UCL_Biomass_Plot_Form.xlsx")
    assert reading.languages == ("Swahili (sw)",)
    slope = reading.definition.question("slope")
    assert slope.label == Text("Slope (percent)", "", (("Swahili (sw)", "Asilimia ya Uteremko"),))
    radius = reading.definition.question("slope_radius")
    assert radius.type == QuestionType.CALCULATE
    assert radius.calculation == "round(15 div (sqrt(cos(atan(${slope} div 100)))),2)"


# -- every accepted form exports to an XLSForm pyxform converts --------------------------


def _accepted() -> list[Path]:
    refused = {OUTSIDE / name for name in REFUSED}
    return [path for path in WORKBOOKS if path not in refused] + sorted(DEMO.glob("*.xlsx"))


@pytest.mark.filterwarnings("ignore::UserWarning")
@pytest.mark.parametrize("path", _accepted(), ids=workbook_id)
def test_the_export_of_every_accepted_form_converts_with_pyxform_and_reads_back(
    path: Path,
) -> None:
    definition = read_form(path).definition
    content = definition_to_xlsform(definition)
    warnings: list[str] = []
    result = convert(xlsform=content, warnings=warnings, file_type=".xlsx", form_name="data")
    assert "<h:html" in result.xform
    again = reading_from_xlsform(content)
    assert again.definition == definition
    assert again.dropped == ()
