"""Workforce roles declared in a questionnaire definition: JSON and XLSForm round trips,
the checks on bad declarations (translated, at the right place), and what the workforce
view reads from them."""

import io
from collections.abc import Sequence
from dataclasses import replace
from typing import Any

import pytest
from django.utils import translation
from openpyxl import Workbook, load_workbook

from guild.demo.content import members_definition
from guild.questionnaires.definition.json_codec import definition_from_json, definition_to_json
from guild.questionnaires.definition.problems import DefinitionError
from guild.questionnaires.definition.types import (
    Definition,
    Option,
    Question,
    QuestionType,
    Section,
    Text,
    WorkforceRole,
    YearBand,
)
from guild.questionnaires.definition.xlsform import definition_from_xlsform, definition_to_xlsform
from guild.workforce.declaration import workforce_declaration
from guild.workforce.retirement import Band


def _t(en: str) -> Text:
    return Text(en, f"{en} (fr)")


AGES = (
    Option("young", _t("Under 40"), YearBand(18, 39)),
    Option("older", _t("40 or more"), YearBand(40)),
    Option("unsaid", _t("Prefer not to say")),
)
SERVICES = (
    Option("new", _t("Less than 10"), YearBand(0, 9)),
    Option("long", _t("10 or more"), YearBand(10)),
)


def declared() -> Definition:
    """Roles on questions whose codes the workforce view has never heard of."""
    questions = (
        Question(
            "how_old",
            QuestionType.SINGLE,
            _t("Age"),
            options=AGES,
            workforce=WorkforceRole.AGE,
        ),
        Question(
            "tenure",
            QuestionType.SINGLE,
            _t("Service"),
            options=SERVICES,
            workforce=WorkforceRole.SERVICE,
        ),
        Question(
            "classification",
            QuestionType.SINGLE,
            _t("Group"),
            options=(Option("IS", _t("IS")), Option("CR", _t("CR"))),
            workforce=WorkforceRole.GROUP,
        ),
    )
    return Definition(_t("Survey"), sections=(Section("about", _t("About"), None, questions),))


def _question(definition: Definition, code: str, **changes: Any) -> Definition:
    section = definition.sections[0]
    questions = tuple(replace(q, **changes) if q.code == code else q for q in section.questions)
    return replace(definition, sections=(replace(section, questions=questions),))


def _json_problems(data: object) -> list[tuple[str, str]]:
    with translation.override("en"), pytest.raises(DefinitionError) as caught:
        definition_from_json(data)
    return [(p.location, p.code) for p in caught.value.problems]


# -- JSON ---------------------------------------------------------------------------------


def test_roles_and_bands_round_trip_through_json() -> None:
    definition = declared()
    data = definition_to_json(definition)
    age = data["sections"][0]["questions"][0]
    assert age["workforce"] == "age"
    assert age["options"] == [
        {
            "code": "young",
            "label": {"en": "Under 40", "fr": "Under 40 (fr)"},
            "band": {"low": 18, "high": 39},
        },
        {
            "code": "older",
            "label": {"en": "40 or more", "fr": "40 or more (fr)"},
            "band": {"low": 40, "high": None},
        },
        {"code": "unsaid", "label": {"en": "Prefer not to say", "fr": "Prefer not to say (fr)"}},
    ]
    assert [q["workforce"] for q in data["sections"][0]["questions"]] == ["age", "service", "group"]
    assert definition_from_json(data) == definition


def test_bad_json_declarations_are_refused_where_they_are() -> None:
    data = definition_to_json(declared())
    questions = data["sections"][0]["questions"]
    questions[0]["workforce"] = "retirement"
    questions[0]["options"][0]["band"] = {"low": "eighteen", "high": 39}
    questions[0]["options"][1]["band"] = [40]
    questions[1]["options"][0]["band"] = {"high": 9}
    assert _json_problems(data) == [
        ("sections[0].questions[0].workforce", "unknown_workforce_role"),
        ("sections[0].questions[0].options[0].band.low", "not_an_integer"),
        ("sections[0].questions[0].options[1].band", "not_an_object"),
        ("sections[0].questions[1].options[0].band.low", "missing"),
    ]


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        # a second age question
        (
            lambda d: _question(d, "tenure", workforce=WorkforceRole.AGE),
            [("sections[0].questions[1].workforce", "duplicate_workforce_role")],
        ),
        # a role on a question that is not single-choice
        (
            lambda d: _question(
                d, "classification", type=QuestionType.MULTIPLE, workforce=WorkforceRole.GROUP
            ),
            [("sections[0].questions[2].workforce", "workforce_not_single")],
        ),
        # an age question whose options say no years
        (
            lambda d: _question(d, "how_old", options=tuple(replace(o, band=None) for o in AGES)),
            [("sections[0].questions[0].workforce", "missing_bands")],
        ),
        # bands on a question that is not the age or service band
        (
            lambda d: _question(
                d, "classification", options=(Option("IS", _t("IS"), YearBand(0, 4)), AGES[2])
            ),
            [("sections[0].questions[2].options[0].band", "band_not_allowed")],
        ),
        # bands that end before they start, go past 150 years, or overlap
        (
            lambda d: _question(
                d,
                "how_old",
                options=(
                    Option("a", _t("A"), YearBand(30, 20)),
                    Option("b", _t("B"), YearBand(-1, 5)),
                    Option("c", _t("C"), YearBand(20, 200)),
                    Option("d", _t("D"), YearBand(20, 40)),
                    Option("e", _t("E"), YearBand(35)),
                ),
            ),
            [
                ("sections[0].questions[0].options[0].band.high", "invalid_band"),
                ("sections[0].questions[0].options[1].band.low", "invalid_band"),
                ("sections[0].questions[0].options[2].band.high", "invalid_band"),
                ("sections[0].questions[0].options[4].band", "bands_overlap"),
            ],
        ),
    ],
)
def test_bad_declarations_are_refused(change: Any, expected: list[tuple[str, str]]) -> None:
    assert _json_problems(definition_to_json(change(declared()))) == expected


# -- XLSForm ------------------------------------------------------------------------------


def test_roles_and_bands_round_trip_through_xlsform() -> None:
    definition = declared()
    content = definition_to_xlsform(definition)
    workbook = load_workbook(io.BytesIO(content))
    survey = [[c.value for c in row] for row in workbook["survey"].iter_rows()]
    role = survey[0].index("guild_workforce")
    assert [row[role] for row in survey if row[1] in ("how_old", "tenure", "classification")] == [
        "age",
        "service",
        "group",
    ]
    choices = [[c.value for c in row] for row in workbook["choices"].iter_rows()]
    assert choices[0][-2:] == ["guild_band_low", "guild_band_high"]
    assert [row[1:2] + row[-2:] for row in choices[1:4]] == [
        ["young", "18", "39"],
        ["older", "40", None],
        ["unsaid", None, None],
    ]
    assert definition_from_xlsform(content) == definition


def test_the_demo_questionnaire_declares_its_roles_and_keeps_them_through_both_formats() -> None:
    definition = members_definition()
    found = workforce_declaration(definition)
    assert found is not None
    assert (found.age.code, found.service.code) == ("age_band", "service_years")
    assert found.group is not None and found.group.code == "occupational_group"
    assert found.ages["under_25"] == Band("under_25", 16, 24)
    assert found.ages["65_plus"] == Band("65_plus", 65, None)
    assert found.services["under_2"] == Band("under_2", 0, 1)
    assert definition_from_json(definition_to_json(definition)) == definition
    assert definition_from_xlsform(definition_to_xlsform(definition)) == definition


def _workbook(survey: Sequence[Sequence[object]], choices: Sequence[Sequence[object]]) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "survey"
    for row in survey:
        sheet.append(row)
    choice_sheet = workbook.create_sheet("choices")
    for row in choices:
        choice_sheet.append(row)
    settings_sheet = workbook.create_sheet("settings")
    settings_sheet.append(["form_title", "guild_title_fr"])
    settings_sheet.append(["T", "T (fr)"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


SURVEY_HEAD = ["type", "name", "label::English (en)", "label::French (fr)", "guild_workforce"]
CHOICE_HEAD = [
    "list_name",
    "name",
    "label::English (en)",
    "label::French (fr)",
    "guild_band_low",
    "guild_band_high",
]


def test_an_xlsform_written_by_hand_declares_roles() -> None:
    content = _workbook(
        [
            SURVEY_HEAD,
            ["begin_group", "s", "S", "S (fr)"],
            ["select_one ages", "age_now", "Age", "Âge", "Age"],
            ["select_one years", "years", "Service", "Service (fr)", "service"],
            ["end_group"],
        ],
        [
            CHOICE_HEAD,
            ["ages", "u30", "Under 30", "Moins de 30", 0, 29],
            ["ages", "o30", "30+", "30+", 30, None],
            ["years", "u5", "Under 5", "Moins de 5", 0, 4.0],
            ["years", "o5", "5+", "5+", "5"],
        ],
    )
    definition = definition_from_xlsform(content)
    found = workforce_declaration(definition)
    assert found is not None
    assert (found.age.code, found.service.code, found.group) == ("age_now", "years", None)
    assert found.ages == {"u30": Band("u30", 0, 29), "o30": Band("o30", 30, None)}
    assert found.services == {"u5": Band("u5", 0, 4), "o5": Band("o5", 5, None)}


def test_xlsform_declaration_problems_name_the_cell() -> None:
    content = _workbook(
        [
            SURVEY_HEAD,
            ["begin_group", "s", "S", "S (fr)"],
            ["select_one ages", "age_now", "Age", "Âge", "age"],
            ["select_one years", "years", "Service", "Service (fr)", "tenure"],
            ["select_one groups", "grp", "Group", "Groupe", "group"],
            ["end_group"],
        ],
        [
            CHOICE_HEAD,
            ["ages", "u30", "Under 30", "Moins de 30", 0, "twenty-nine"],
            ["ages", "o30", "30+", "30+", None, 40],
            ["ages", "o40", "40+", "40+", 40, 30],
            ["years", "u5", "Under 5", "Moins de 5", 0, 4],
            ["years", "o5", "5+", "5+", 5],
            ["groups", "IS", "IS", "IS", 1, 2],
            ["groups", "CR", "CR", "CR"],
        ],
    )
    with translation.override("en"), pytest.raises(DefinitionError) as caught:
        definition_from_xlsform(content)
    found = [(p.sheet, p.row, p.column, p.column_letter, p.code) for p in caught.value.problems]
    assert found == [
        ("survey", 4, "guild_workforce", "E", "unknown_workforce_role"),
        ("choices", 2, "guild_band_high", "F", "not_an_integer"),
        ("choices", 3, "guild_band_low", "E", "missing_band_low"),
        ("choices", 4, "guild_band_high", "F", "invalid_band"),
        # "tenure" is no role, so its list may not have bands either
        ("choices", 5, "guild_band_low", "E", "band_not_allowed"),
        ("choices", 6, "guild_band_low", "E", "band_not_allowed"),
        ("choices", 7, "guild_band_low", "E", "band_not_allowed"),
    ]
    assert all(p.message for p in caught.value.problems)
