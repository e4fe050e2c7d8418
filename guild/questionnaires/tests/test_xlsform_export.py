"""XLSForm export: every field of a definition exported, converted by pyxform and read
back to the same definition; references to questions no longer there left out."""

import io
from decimal import Decimal

from openpyxl import load_workbook

from guild.questionnaires.definition.types import (
    Definition,
    Option,
    Question,
    QuestionType,
    Section,
    Text,
)
from guild.questionnaires.tests.xlsform_workbooks import converts, notes, read


def test_every_field_is_exported_converts_and_reads_back() -> None:
    spanish = "Español (es)"
    definition = Definition(
        title=Text("Survey", "Sondage"),
        sections=(
            Section(
                "main",
                Text("Main", "Principal", ((spanish, "Principal"),)),
                None,
                (
                    Question(
                        "intro",
                        QuestionType.NOTE,
                        Text("Hello", "Bonjour", ((spanish, "Hola"),)),
                        help=Text("Read me", "Lisez-moi"),
                    ),
                    Question(
                        "province",
                        QuestionType.SINGLE,
                        Text("Province", "Province"),
                        required=True,
                        required_message=Text("Needed", "Requis", ((spanish, "Necesario"),)),
                        options=(
                            Option("on", Text("Ontario", "Ontario")),
                            Option("qc", Text("Quebec", "Québec")),
                        ),
                        default="on",
                    ),
                    Question(
                        "city",
                        QuestionType.SINGLE,
                        Text("City in ${province}", "Ville"),
                        options=(
                            Option("ott", Text("Ottawa", "Ottawa"), properties=(("prov", "on"),)),
                            Option(
                                "mtl", Text("Montreal", "Montréal"), properties=(("prov", "qc"),)
                            ),
                        ),
                        choice_filter="prov = ${province}",
                    ),
                    Question(
                        "staff",
                        QuestionType.INTEGER,
                        Text("Staff", "Personnel"),
                        minimum=Decimal(0),
                        maximum=Decimal(500),
                        constraint=". != 13 or ${province} = 'qc'",
                        constraint_message=Text("Not 13", "Pas 13"),
                        relevant="${province} = 'on'",
                    ),
                    Question(
                        "double",
                        QuestionType.CALCULATE,
                        Text("double", ""),
                        calculation="${staff} * 2",
                    ),
                    Question(
                        "shown",
                        QuestionType.TEXT,
                        Text("Twice: ${double}", "Double : ${double}"),
                        read_only=True,
                        default="none",
                        relevant="${double} > 10",
                    ),
                ),
            ),
        ),
    )
    content = converts(definition)
    reading = read(content)
    assert reading.definition == definition
    assert reading.languages == (spanish,)
    assert notes(reading) == ([], [])
    survey = load_workbook(io.BytesIO(content))["survey"]
    assert [cell.value for cell in survey[1]] == [
        "type",
        "name",
        "label::English (en)",
        "label::French (fr)",
        f"label::{spanish}",
        "hint::English (en)",
        "hint::French (fr)",
        f"hint::{spanish}",
        "constraint_message::English (en)",
        "constraint_message::French (fr)",
        f"constraint_message::{spanish}",
        "required_message::English (en)",
        "required_message::French (fr)",
        f"required_message::{spanish}",
        "required",
        "relevant",
        "constraint",
        "default",
        "read_only",
        "calculation",
        "choice_filter",
        "appearance",
        "guild_breakdown",
        "guild_quasi_identifier",
        "guild_workforce",
    ]
    choices = load_workbook(io.BytesIO(content))["choices"]
    assert [cell.value for cell in choices[1]][-1] == "prov"


def test_the_export_leaves_out_references_to_questions_no_longer_there() -> None:
    definition = Definition(
        title=Text("T", "T"),
        sections=(
            Section(
                "s",
                Text("S", "S"),
                None,
                (Question("q", QuestionType.TEXT, Text("About ${gone}", "Sur ${gone}")),),
            ),
        ),
    )
    again = read(converts(definition)).definition
    assert again.question("q").label == Text("About", "Sur")
