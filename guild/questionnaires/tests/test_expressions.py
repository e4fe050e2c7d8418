"""XLSForm expressions beyond show-if conditions: arithmetic, functions, constraints ("."),
choice filters (bare names), calculations and dates; each rule with exact values. The
show-if basics are in test_conditions.py, what is refused in test_expression_refusals.py,
the expressions of real public forms in test_outside_expressions.py."""

import datetime
import zoneinfo
from decimal import Decimal

import pytest
from django.conf import settings

from guild.questionnaires.definition.condition_tree import functions
from guild.questionnaires.definition.conditions import (
    Calculation,
    parse_calculation,
    parse_condition,
)

ANSWERS: dict[str, object] = {
    "n": 7,
    "neg": -7,
    "half": Decimal("2.5"),
    "dec": "2.50",  # a decimal question's answer is text
    "zero": 0,
    "text": "Hello World",
    "spaced": "  a   b  ",
    "multi": ["b", "a", "c"],
    "set": frozenset({"z", "y"}),
    "single": "yes",
    "empty": "",
    "dob": "1990-06-16",
    "start": "2024-02-28",
    "bad_date": "2023-02-29",
    "matrix": {"r1": "a"},
    "huge": 10**1000,
}


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(functions, "today", lambda: datetime.date(2024, 6, 15))


def value(source: str, answers: dict[str, object] | None = None) -> object:
    return parse_calculation(source).value(ANSWERS if answers is None else answers)


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        # arithmetic, precedence, exact decimals
        ("2+2", 4),
        ("1 + 2 * 3", 7),
        ("(1 + 2) * 3", 9),
        ("10 - 4 - 3", 3),
        ("2 * 3 div 4", Decimal("1.5")),
        ("7 div 2", Decimal("3.5")),
        ("1 div 3", Decimal("0.3333333333333333333333333333333333333333")),
        ("0.1 + 0.2", Decimal("0.3")),
        ("1.25 * 2", Decimal("2.5")),
        ("7 mod 3", 1),
        ("-7 mod 3", -1),
        ("7 mod -3", 1),
        ("5.5 mod 2", Decimal("1.5")),
        ("-${n}", -7),
        ("- -${n}", 7),
        ("--'3'", 3),
        ("-(1 + 2)", -3),
        ("3 - -2", 5),
        ("${n} * 2", 14),
        ("${half} * 2", 5),
        ("${dec} + 1", Decimal("3.5")),
        (".5 + 1.", Decimal("1.5")),
        ("${n}-1", 6),
        ("${n} div ${zero}", None),
        ("0 div 0", None),
        ("${n} mod 0", None),
        ("${missing} + 1", None),
        ("${empty} * 2", None),
        ("${text} + 1", None),
        ("${multi} + 1", None),
        ("${matrix} + 1", None),
        ("${huge} * 1", Decimal("1E+1000")),
        ("${huge} * ${huge} * ${huge} * ${huge} * ${huge} * ${huge} * ${huge}", Decimal("1E+7000")),
        ("'9' * 1", 9),
        ("' 12 ' + 0", 12),
        ("'1e3' + 0", None),
        ("true() + 1", 2),
        # comparisons and truth values as calculations
        ("${n} > 5", "true"),
        ("${n} = 8", "false"),
        ("true()", "true"),
        ("not(0)", "true"),
        ("boolean('')", "false"),
        ("boolean('false')", "true"),
        ("boolean-from-string('TRUE')", "true"),
        ("boolean-from-string('1')", "true"),
        ("boolean-from-string('yes')", "false"),
        # references as they are
        ("${text}", "Hello World"),
        ("${dec}", "2.50"),
        ("${n}", 7),
        ("${half}", Decimal("2.5")),
        ("${multi}", "b a c"),
        ("${set}", "y z"),
        ("${empty}", None),
        ("${missing}", None),
        ("${matrix}", None),
        # text functions
        ("concat(${text}, '!', 3, ' ', 2.50, ' ', true())", "Hello World!3 2.5 true"),
        ("concat(${missing}, 'x', ${n} div 0)", "x"),
        ("concat()", None),
        ("join(', ', 'a', ${n}, ${multi})", "a, 7, b a c"),
        ("string(${n} div 4)", "1.75"),
        ("string(1 div 3 * 0)", "0"),
        ("string-length(${text})", 11),
        ("string-length('héllo')", 5),
        ("string-length(${missing})", 0),
        ("substr(${text}, 0, 5)", "Hello"),
        ("substr(${text}, 6)", "World"),
        ("substr(${text}, -5)", "World"),
        ("substr(${text}, 3, 1)", None),
        ("substr(${text}, 100)", None),
        ("substr(${text}, 1.9, 3.9)", "el"),
        ("substr(${text}, 'x')", None),
        ("substring-before(${text}, ' ')", "Hello"),
        ("substring-after(${text}, ' ')", "World"),
        ("substring-after(${text}, 'x')", None),
        ("normalize-space(${spaced})", "a b"),
        ("translate('abcabc', 'ab', 'B')", "BcBc"),
        ("contains(${text}, 'lo W')", "true"),
        ("starts-with(${text}, 'hello')", "false"),
        ("ends-with(${text}, 'World')", "true"),
        # numbers
        ("number('4.5')", Decimal("4.5")),
        ("number('abc')", None),
        ("number(${missing})", None),
        ("number(true())", 1),
        ("int(3.9)", 3),
        ("int(-3.9)", -3),
        ("int('7.2')", 7),
        ("round(2.5)", 3),
        ("round(-2.5)", -2),
        ("round(-2.51)", -3),
        ("round(3.14159, 2)", Decimal("3.14")),
        ("round(2.675, 2)", Decimal("2.68")),
        ("round(1234.5678, -2)", 1200),
        ("round(1, 31)", None),
        ("round(${missing}, 2)", None),
        ("floor(-1.5)", -2),
        ("ceiling(1.2)", 2),
        ("abs(${neg})", 7),
        ("min(3, ${n}, 1.5)", Decimal("1.5")),
        ("max(3, ${n}, ${missing}, 'x')", 7),
        ("max(${missing})", None),
        ("pow(2, 10)", 1024),
        ("pow(2, -1)", Decimal("0.5")),
        ("pow(10, 100000)", None),
        ("pow(-8, 0.5)", None),
        ("sqrt(16)", 4),
        ("sqrt(2)", Decimal("1.414213562373095048801688724209698078570")),
        ("sqrt(-1)", None),
        ("exp10(3)", 1000),
        ("log10(1000)", 3),
        ("log(0)", None),
        ("round(exp(1), 5)", Decimal("2.71828")),
        ("round(pi(), 4)", Decimal("3.1416")),
        ("round(sin(pi() div 2), 10)", 1),
        ("round(cos(0), 3)", 1),
        ("round(atan2(1, 1) * 4, 6)", Decimal("3.141593")),
        ("acos(2)", None),
        # choices
        ("count-selected(${multi})", 3),
        ("count-selected(${set})", 2),
        ("count-selected(${single})", 1),
        ("count-selected(${missing})", 0),
        ("count-selected(${n})", None),
        ("selected-at(${multi}, 0)", "b"),
        ("selected-at(${multi}, 2)", "c"),
        ("selected-at(${multi}, 3)", None),
        ("selected-at(${multi}, -1)", None),
        ("selected-at(${set}, 0)", "y"),
        ("selected-at(${single}, 0)", "yes"),
        ("selected-at(${n}, 0)", None),
        # if, coalesce, once
        ("if(${n} > 5, 'big', 'small')", "big"),
        ("if(${missing}, 1, 2)", 2),
        ("if(${n} > 5, 15, 6 div 0)", 15),
        ("coalesce(${missing}, 'none')", "none"),
        ("coalesce(${empty}, ${n})", 7),
        ("coalesce(${n} div 0, 0)", 0),
        ("coalesce(${text}, 'none')", "Hello World"),
        ("coalesce(${missing}, ${empty})", None),
        ("once(${n} + 1)", 8),
        # dates
        ("today()", "2024-06-15"),
        ("date('2024-01-31')", "2024-01-31"),
        ("date('2024-01-31T10:30:00')", "2024-01-31"),
        ("date('2024-02-30')", None),
        ("date(0)", "1970-01-01"),
        ("date(19723.9)", "2024-01-01"),
        ("date(-1)", "1969-12-31"),
        ("date(10000000)", None),
        ("date(today() + 1)", "2024-06-16"),
        ("date(${start} + 1)", "2024-02-29"),
        ("today() - ${start}", 108),
        ("int((today() - ${dob}) div 365.25)", 33),
        ("today() - ${bad_date}", None),
        ("number('1970-01-02')", 1),
        ("string(today())", "2024-06-15"),
        ("format-date(${start}, '%e %b %Y (%a)')", "28 Feb 2024 (Wed)"),
        ("format-date(${start}, '%d/%m/%y %n %%')", "28/02/24 2 %"),
        ("format-date(today(), '%Y')", "2024"),
        ("format-date(19723, '%Y-%m-%d')", "2024-01-01"),
        ("format-date-time('2024-03-05T07:08:09.5', '%H:%M:%S.%3 %h')", "07:08:09.500 7"),
        ("format-date(${start}, '%H:%M %q')", "00:00 %q"),
        ("format-date(${bad_date}, '%Y')", None),
        ("format-date(${missing}, '%Y')", None),
    ],
)
def test_calculates(source: str, expected: object) -> None:
    result = value(source)
    assert result == expected
    assert type(result) is type(expected)


def test_number_limits() -> None:
    assert value("${huge} * " * 9 + "${huge}") is None  # 10**10000: beyond reach
    assert value("9" * 500 + " + 1") == Decimal("1E+500")  # rounded to 40 digits
    assert value("9" * 30 + " + 1") == 10**30
    assert value("0.1 * 3 = 0.3") == "true"
    assert parse_condition("${huge} = 1" + "0" * 980).evaluate(ANSWERS) is False
    assert parse_condition("${huge} > 1" + "0" * 980).evaluate(ANSWERS) is True
    assert parse_condition("${huge} = pow(10, 1000)").evaluate(ANSWERS) is True
    long_negative = "-" + "1234567890" * 5
    assert parse_condition(f"${{a}} = {long_negative}").evaluate({"a": int(long_negative)})
    assert parse_condition(f"-${{a}} = {long_negative}").evaluate({"a": -int(long_negative)})
    for huge, text in (
        (Decimal("1E+100000"), "1E+100000"),
        (Decimal("-1.0E-100000"), "-1E-100000"),
        (Decimal("9" * 2000), "9" * 2000),
    ):
        assert value("${a}", {"a": huge}) == huge
        assert value("concat(${a})", {"a": huge}) == text
    assert value("${a} * 10", {"a": Decimal("1E+100000")}) is None
    assert value("${a} * 10", {"a": Decimal("1E-100000")}) == 0  # below 10**-9999
    assert value("${a} * 1", {"a": Decimal("9" * 2000)}) == Decimal("1E+2000")
    assert parse_condition("${huge} + 1 = pow(10, 1000)").evaluate(ANSWERS) is True  # 40 digits


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        # a value where a truth value is needed: non-zero numbers, non-empty text
        ("0", False),
        ("1", True),
        ("0.0", False),
        ("'0'", True),
        ("''", False),
        ("${n}", True),
        ("${zero}", False),
        ("${multi}", True),
        ("${matrix}", False),
        ("${n} div 0", False),
        ("true() and not(false())", True),
        # arithmetic in comparisons
        ("${n} + 1 = 8", True),
        ("${n} * 2 > 13 and ${n} * 2 < 15", True),
        ("${n} mod 2 = 1", True),
        ("-${n} = ${neg}", True),
        ("${n} - 10 < 0", True),
        # not computable: every comparison false, but != '' true
        ("${missing} + 1 = 1", False),
        ("${missing} + 1 != 1", False),
        ("${missing} + 1 < 1", False),
        ("${missing} + 1 = ''", False),
        ("${missing} + 1 != ''", True),
        ("1 div 0 = 1 div 0", False),
        # truth values compared
        ("selected(${multi}, 'a') = true()", True),
        ("selected(${multi}, 'x') = false()", True),
        ("(${n} > 1) = (${n} > 2)", True),
        ("true() = 1", True),
        ("true() = 'x'", True),
        ("false() = ''", True),
        ("true() > false()", True),
        ("true() > 'x'", False),
        ("true() = ${missing}", False),
        ("true() = ${multi}", False),
        # dates: as text with each other, as days with numbers
        ("${dob} < today()", True),
        ("${start} > '2024-02-01'", True),
        ("today() = '2024-06-15'", True),
        ("today() > date('2030-01-01')", False),
        ("${start} < today() - 100", True),
        ("${start} > 19700", True),
        ("${start} = 19781", True),
        ("${bad_date} > 0", False),
        ("date(${start}) = ${start}", True),
        # functions as conditions
        ("string-length(${text}) > 10", True),
        ("contains(${text}, 'World') and not(starts-with(${text}, 'World'))", True),
        ("regex(${text}, 'Hello.*')", True),
        ("regex(${text}, 'World')", False),  # as in ODK, the whole text must match
        ("regex(${text}, '[A-Z][a-z]+ [A-Z][a-z]+')", True),
        ("regex(${n}, '[0-9]+')", True),
        ("regex(${missing}, '')", True),
        ("regex(${text}, ${single})", False),
        ("regex(${text}, concat('Hello', ' .*'))", True),
        ("regex(${text}, concat('(', 'x'))", False),  # a broken pattern from answers
        ("count-selected(${multi}) >= 2 and selected-at(${multi}, 0) = 'b'", True),
        ("selected(${multi}, selected-at(${multi}, 1))", True),
        ("if(${n} > 5, ${text} = 'Hello World', false())", True),
        ("coalesce(${missing}, ${n}) = 7", True),
        ("once(${n}) = 7", True),
        # typographic quotes, as spreadsheets type them
        ("${single} = \u2018yes\u2019", True),
        ("${single} = \u201cyes\u201d", True),
        ("${single} = \u2019yes\u2019", True),
        # whitespace between a function's name and its "("
        ("selected (${multi}, 'a')", True),
    ],
)
def test_conditions_over_the_new_grammar(source: str, expected: bool) -> None:
    assert parse_condition(source).evaluate(ANSWERS) is expected


@pytest.mark.parametrize(
    ("source", "current", "expected"),
    [
        (". <= ${n}", 7, True),
        (". <= ${n}", 8, False),
        (". <= ${n}", None, False),
        (". >= 0 and . <= 120", "35", True),
        (". >= 0 and . <= 120", "-1", False),
        (". != ''", "x", True),
        (". = ''", None, True),
        ("string-length(.) <= 5", "abcdef", False),
        ("regex(., '[0-9]{5}')", "12345", True),
        ("regex(., '[0-9]{5}')", "123456", False),
        ("not(selected(., 'yes') and selected (., 'no'))", ["yes", "no"], False),
        ("not(selected(., 'yes') and selected (., 'no'))", ["yes"], True),
        ("count-selected(.) <= 2", ["a", "b", "c"], False),
        (". > ${start}", "2024-03-01", True),
        (". < today()", "2024-06-15", False),
        (". = ${multi}", ["b", "a", "c"], False),  # choices are compared by selected()
    ],
)
def test_constraints_see_the_answer_as_dot(source: str, current: object, expected: bool) -> None:
    condition = parse_condition(source, known_codes=ANSWERS.keys(), allow_self=True)
    assert condition.evaluate(ANSWERS, current=current) is expected


@pytest.mark.parametrize(
    ("source", "names", "expected"),
    [
        ("state = ${single}", {"name": "on", "state": "yes"}, True),
        ("state = ${single}", {"name": "qc", "state": "no"}, False),
        ("state = ${single}", {"name": "qc"}, False),
        ("selected(${multi}, name)", {"name": "a"}, True),
        ("selected(${multi}, name)", {"name": "d"}, False),
        ("selected(${multi}, name)", {}, False),
        ("name != 'other' and size > ${n}", {"name": "x", "size": "10"}, True),
        ("name != 'other' and size > ${n}", {"name": "other", "size": "10"}, False),
        ("pastel=yes", {"name": "c", "pastel": "yes"}, False),
        ("date = ${start}", {"date": "2024-02-28"}, True),  # a name may be a function's
        ("contains(label_en, 'o')", {"label_en": "Ontario"}, True),
        ("selected(tags, 'x')", {"tags": "x"}, True),
    ],
)
def test_choice_filters_see_names(source: str, names: dict[str, str], expected: bool) -> None:
    condition = parse_condition(source, known_codes=ANSWERS.keys(), allow_names=True)
    assert condition.evaluate(ANSWERS, names=names) is expected


def test_references_of_every_kind_of_expression() -> None:
    condition = parse_condition(
        "selected(${b}, name) and . > ${a} + count-selected(${c}) and concat(${d}, x) != ''",
        allow_self=True,
        allow_names=True,
    )
    assert condition.references == frozenset({"a", "b", "c", "d"})
    calculation = parse_calculation("if(${a} > 1, ${b} * 2, coalesce(${c}, 0))")
    assert isinstance(calculation, Calculation)
    assert calculation.references == frozenset({"a", "b", "c"})
    assert calculation.source == "if(${a} > 1, ${b} * 2, coalesce(${c}, 0))"
    assert calculation == parse_calculation(calculation.source)
    assert parse_calculation("2 + 2").references == frozenset()


def test_references_may_hold_dots_and_hyphens() -> None:
    condition = parse_condition("${q-1.a} = 'x'", known_codes={"q-1.a"})
    assert condition.references == frozenset({"q-1.a"})
    assert condition.evaluate({"q-1.a": "x"}) is True


def test_today_is_read_at_each_evaluation(monkeypatch: pytest.MonkeyPatch) -> None:
    calculation = parse_calculation("today()")
    assert calculation.value({}) == "2024-06-15"
    monkeypatch.setattr(functions, "today", lambda: datetime.date(2025, 1, 2))
    assert calculation.value({}) == "2025-01-02"


def test_today_is_the_date_in_the_site_time_zone(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.undo()
    eastern = datetime.datetime.now(zoneinfo.ZoneInfo(settings.TIME_ZONE)).date()
    assert parse_calculation("today()").value({}) in (
        eastern.isoformat(),
        (eastern + datetime.timedelta(days=1)).isoformat(),  # midnight passed meanwhile
    )
    assert settings.TIME_ZONE == "America/Toronto"
