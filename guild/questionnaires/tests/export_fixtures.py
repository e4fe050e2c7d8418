"""A small definition using every question type, for the export tests."""

from decimal import Decimal

from guild.questionnaires.definition.types import (
    Breakdown,
    Definition,
    Option,
    Question,
    QuestionType,
    Section,
    Text,
)


def _o(code: str, en: str, fr: str) -> Option:
    return Option(code, Text(en, fr))


AGREE = (
    _o("disagree", "Disagree", "En désaccord"),
    _o("neutral", "Neutral", "Neutre"),
    _o("agree", "Agree", "D'accord"),
)


def export_definition() -> Definition:
    return Definition(
        title=Text("Export test", "Test d'exportation"),
        sections=(
            Section(
                code="about",
                title=Text("About you", "À votre sujet"),
                questions=(
                    Question(
                        "department",
                        QuestionType.SINGLE,
                        Text("Department", "Ministère"),
                        options=(_o("esdc", "ESDC", "EDSC"), _o("cra", "CRA", "ARC")),
                        breakdown=Breakdown.DEPARTMENT,
                    ),
                    Question(
                        "skills",
                        QuestionType.MULTIPLE,
                        Text("Skills", "Compétences"),
                        options=(
                            _o("records", "Records", "Documents"),
                            _o("data", "Data", "Données"),
                        ),
                    ),
                    Question(
                        "vision", QuestionType.LIKERT, Text("Vision", "Vision"), options=AGREE
                    ),
                    Question(
                        "lang",
                        QuestionType.MATRIX,
                        Text("Language", "Langue"),
                        options=AGREE,
                        rows=(_o("read", "Reading", "Lecture"), _o("oral", "Oral", "Oral")),
                    ),
                    Question(
                        "needs",
                        QuestionType.RANKING,
                        Text("Needs", "Besoins"),
                        options=(
                            _o("a", "Alpha", "Alpha"),
                            _o("b", "Beta", "Bêta"),
                            _o("c", "Gamma", "Gamma"),
                        ),
                    ),
                ),
            ),
            Section(
                code="numbers",
                title=Text("Numbers", "Nombres"),
                questions=(
                    Question(
                        "hours",
                        QuestionType.INTEGER,
                        Text("Hours", "Heures"),
                        minimum=Decimal(0),
                        maximum=Decimal(500),
                    ),
                    Question("retire", QuestionType.YEAR, Text("Retirement year", "Année")),
                    Question("fte", QuestionType.DECIMAL, Text("FTE", "ETP")),
                    Question("joined", QuestionType.DATE, Text("Joined", "Arrivée")),
                    Question("comment", QuestionType.LONG_TEXT, Text("Comments", "Commentaires")),
                ),
            ),
        ),
    )


FULL_ANSWERS = {
    "department": "cra",
    "skills": ["data"],
    "vision": "agree",
    "lang": {"read": "neutral", "oral": "agree"},
    "needs": ["c", "a"],
    "hours": 40,
    "retire": 2031,
    "fte": "0.75",
    "joined": "2004-09-13",
    "comment": "=SUM(A1) c'est ça",
}
