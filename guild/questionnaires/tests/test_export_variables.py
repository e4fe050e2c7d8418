from decimal import Decimal

from guild.questionnaires.definition.types import (
    Definition,
    Option,
    Question,
    QuestionType,
    Section,
    Text,
)
from guild.questionnaires.exports.variables import (
    CODEBOOK_HEADER,
    Kind,
    RowBuilder,
    codebook_rows,
    export_variables,
    merged_questions,
    spss_names,
)
from guild.questionnaires.tests.export_fixtures import FULL_ANSWERS, export_definition

NAMES = [
    "version",
    "department",
    "skills__records",
    "skills__data",
    "vision",
    "lang__read",
    "lang__oral",
    "needs__a",
    "needs__b",
    "needs__c",
    "hours",
    "retire",
    "fte",
    "joined",
    "comment",
]


def test_one_column_per_variable_named_by_stable_codes() -> None:
    variables = export_variables(export_definition().questions, identified=False)
    assert [v.name for v in variables] == NAMES
    assert [v.spss_name for v in variables] == NAMES
    identified = export_variables(export_definition().questions, identified=True)
    assert [v.name for v in identified[:4]] == [
        "member_id",
        "member_name",
        "member_email",
        "version",
    ]


def test_a_row_holds_codes_flags_ranks_and_values() -> None:
    variables = export_variables(export_definition().questions, identified=False)
    row = RowBuilder(variables).values(FULL_ANSWERS, (2,))
    assert row == [
        2, "cra", 0, 1, "agree", "neutral", "agree", 2, None, 1,
        40, 2031, "0.75", "2004-09-13", "=SUM(A1) c'est ça",
    ]  # fmt: skip


def test_unanswered_questions_leave_every_column_empty() -> None:
    variables = export_variables(export_definition().questions, identified=False)
    row = RowBuilder(variables).values({"vision": "neutral"}, (1,))
    assert row == [1, None, None, None, "neutral"] + [None] * 10


def test_codebook_lists_every_value_label_in_both_languages() -> None:
    variables = export_variables(export_definition().questions[:2], identified=False)
    assert CODEBOOK_HEADER[:8] == (
        "code", "question", "type", "question_en", "question_fr",
        "option_code", "option_en", "option_fr",
    )  # fmt: skip
    assert codebook_rows(variables) == [
        ("version", "", "version", "Questionnaire version", "Version du questionnaire",
         "", "", "", "version", None),
        ("department", "department", "single", "Department", "Ministère",
         "esdc", "ESDC", "EDSC", "department", 1),
        ("department", "department", "single", "Department", "Ministère",
         "cra", "CRA", "ARC", "department", 2),
        ("skills__records", "skills", "multiple", "Skills: Records", "Compétences: Documents",
         "0", "Not selected", "Non sélectionné", "skills__records", 0),
        ("skills__records", "skills", "multiple", "Skills: Records", "Compétences: Documents",
         "1", "Selected", "Sélectionné", "skills__records", 1),
        ("skills__data", "skills", "multiple", "Skills: Data", "Compétences: Données",
         "0", "Not selected", "Non sélectionné", "skills__data", 0),
        ("skills__data", "skills", "multiple", "Skills: Data", "Compétences: Données",
         "1", "Selected", "Sélectionné", "skills__data", 1),
    ]  # fmt: skip


def test_spss_names_are_valid_unique_and_short() -> None:
    long = "q" + "x" * 70
    names = spss_names(["to", "Q1", "q1", "a-b", long, long + "__y", "ok."])
    assert names == {
        "to": "v_to",
        "Q1": "Q1",
        "q1": "q1_1",
        "a-b": "a_b",
        long: long[:60] + "_1",
        long + "__y": long[:60] + "_2",
        "ok.": "ok",
    }
    assert all(len(name) <= 64 for name in names.values())


def test_questions_of_older_versions_are_kept_after_the_latest() -> None:
    def version(*questions: Question) -> Definition:
        return Definition(
            Text("T", "T"), sections=(Section("s", Text("S", "S"), questions=questions),)
        )

    a_old = Option("a", Text("A old", "A ancien"))
    old = version(
        Question(
            "q1",
            QuestionType.SINGLE,
            Text("Old", "Ancien"),
            options=(a_old, Option("gone", Text("Gone", "Parti"))),
        ),
        Question("dropped", QuestionType.INTEGER, Text("Dropped", "Retirée"), minimum=Decimal(1)),
    )
    new = version(
        Question("q2", QuestionType.TEXT, Text("New", "Nouveau")),
        Question(
            "q1",
            QuestionType.SINGLE,
            Text("Q1", "Q1"),
            options=(Option("a", Text("A", "A")), Option("b", Text("B", "B"))),
        ),
    )
    merged = merged_questions([new, old])
    assert [q.code for q in merged] == ["q2", "q1", "dropped"]
    assert merged[1].label.en == "Q1"
    assert [(o.code, o.label.en) for o in merged[1].options] == [
        ("a", "A"),
        ("b", "B"),
        ("gone", "Gone"),
    ]
    variables = export_variables(merged, identified=False)
    assert [v.kind for v in variables] == [Kind.INTEGER, Kind.TEXT, Kind.CHOICE, Kind.INTEGER]
    assert variables[2].spss_code("gone") == 3
