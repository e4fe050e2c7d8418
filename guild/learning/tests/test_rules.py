"""The certification rules engine, by hand: reading rules, evaluating members on given days
(window and validity boundaries included), explaining and recommending."""

import json
from datetime import date
from pathlib import Path

import pytest

from guild.competencies.case.parse import framework_from_case
from guild.learning.course_file import Catalogue, read_course_file
from guild.learning.models import CourseFormat, CourseLanguages, ProviderKind
from guild.learning.rules.definition import (
    ElectiveGroup,
    Renewal,
    RulesCatalogue,
    RulesError,
    parse_rules,
    serialize_rules,
)
from guild.learning.rules.evaluation import (
    Evaluation,
    Facts,
    Kind,
    RenewalState,
    RenewalStatus,
    Requirement,
    Status,
    anniversary,
    evaluate,
    window_start,
)
from guild.learning.rules.explanation import Reason, explain, reasons, sentences
from guild.learning.rules.recommendation import CourseOffer, Recommendation, recommend

DEMO = Path(__file__).resolve().parents[2] / "demo" / "data"
D = date.fromisoformat

CATALOGUE = RulesCatalogue(
    courses=frozenset({"a", "b", "e1", "e2", "e3", "cap", "x"}),
    competencies=frozenset({"RIL-01", "ACP-01", "LDS-01"}),
)
DATA = {
    "code": "im",
    "required": ["a", "b"],
    "electives": [
        {"code": "g", "name_en": "Privacy", "name_fr": "Vie privée", "choose": 2,
         "courses": ["e1", "e2", "e3"]},
    ],
    "capstone": "cap",
    "levels": {"RIL-01": 3, "ACP-01": 2},
    "window_years": 5,
    "validity_years": 3,
    "renewal": {"opens_days": 90, "courses": 1, "from": ["e1", "e2", "e3", "x"]},
}  # fmt: skip
RULES = parse_rules(DATA, CATALOGUE)
NAMES = {"a": "Records fundamentals", "b": "ATIP fundamentals", "e1": "PIA", "e2": "Requests"}
COMPETENCIES = {"RIL-01": "Classification and file plans", "ACP-01": "ATIP request processing"}


def test_parse_rules_reads_every_part() -> None:
    assert RULES.required == ("a", "b")
    assert RULES.electives == (
        ElectiveGroup("g", 2, ("e1", "e2", "e3"), name_en="Privacy", name_fr="Vie privée"),
    )
    assert RULES.capstone == "cap"
    assert RULES.levels == (("ACP-01", 2), ("RIL-01", 3))
    assert (RULES.window_years, RULES.validity_years) == (5, 3)
    assert RULES.renewal == Renewal(90, 1, ("e1", "e2", "e3", "x"))
    assert RULES.courses == ("a", "b", "e1", "e2", "e3", "cap")
    assert parse_rules(serialize_rules(RULES), CATALOGUE) == RULES
    assert parse_rules({"code": "only-levels", "levels": {"LDS-01": 4}}, CATALOGUE).levels == (
        ("LDS-01", 4),
    )


def test_parse_rules_lists_every_problem_with_its_path() -> None:
    data = {
        "code": "bad code!",
        "required": ["a", "nope", "a"],
        "electives": [
            {"code": "g", "choose": 4, "courses": ["e1", "e2", "a"]},
            {"code": "h", "choose": 1, "courses": []},
            "x",
        ],
        "capstone": "e1",
        "levels": {"RIL-01": 5, "XYZ-9": 2, "ACP-01": True},
        "window_years": 0,
        "validity_years": None,
        "renewal": {"opens_days": -1, "courses": 1, "every": 2},
        "colour": "blue",
    }
    with pytest.raises(RulesError) as refused:
        parse_rules(data, CATALOGUE)
    assert [(p.path, p.message) for p in refused.value.problems] == [
        ("$.colour", "Unknown field: the rules do not use it."),
        ("$.code", "Expected a code of 1 to 40 letters, digits, hyphens or underscores."),
        ("$.required[1]", "No course has the code nope."),
        ("$.required[2]", "The course a is already at $.required[0]: a course has one place."),
        ("$.electives[0].courses[2]",
         "The course a is already at $.required[0]: a course has one place."),
        ("$.electives[0].choose", "Expected a whole number from 1 to 3."),
        ("$.electives[1].courses", "An elective group needs at least one course."),
        ("$.electives[2]", "Expected an object with code, choose and courses."),
        ("$.capstone",
         "The course e1 is already at $.electives[0].courses[0]: a course has one place."),
        ("$.levels.RIL-01", "Expected a whole number from 1 to 4."),
        ("$.levels.XYZ-9", "No competency has the code XYZ-9."),
        ("$.levels.ACP-01", "Expected a whole number from 1 to 4."),
        ("$.window_years", "Expected a whole number from 1 to 100."),
        ("$.renewal.every", "Unknown field: the rules do not use it."),
        ("$.renewal", "A renewal needs a validity period (validity_years)."),
        ("$.renewal.opens_days", "Expected a whole number from 0 to 3650."),
    ]  # fmt: skip
    assert refused.value.code == "invalid_rules"
    assert refused.value.fields["$.window_years"] == ["Expected a whole number from 1 to 100."]
    assert isinstance(refused.value, ValueError)


@pytest.mark.parametrize(
    ("data", "problems"),
    [
        ([], [("$", "Expected an object describing the rules.")]),
        ({"code": "c"}, [("$", "The rules need at least one course or competency requirement.")]),
        ({"code": "c", "required": "a"}, [("$.required", "Expected a list of course codes.")]),
        (
            {"code": "c", "required": ["a"], "electives": {}, "levels": [], "name_en": 3},
            [
                ("$.electives", "Expected a list of elective groups."),
                ("$.levels", "Expected an object of competency codes and levels."),
                ("$.name_en", "Expected text."),
            ],
        ),
        (
            {"code": "c", "required": ["a"], "validity_years": 2,
             "renewal": {"courses": 2, "from": ["x", "x"]}},
            [
                ("$.renewal.from[1]", "The course x is listed twice."),
                ("$.renewal.courses", "Expected a whole number from 0 to 1."),
            ],
        ),
        (
            {"code": "c", "electives": [{"code": "g", "choose": 1, "courses": ["e1"]},
                                        {"code": "g", "choose": 1, "courses": ["e2"]}]},
            [("$.electives[1].code", "Two elective groups have the code g.")],
        ),
    ],
)  # fmt: skip
def test_parse_rules_refuses(data: object, problems: list[tuple[str, str]]) -> None:
    with pytest.raises(RulesError) as refused:
        parse_rules(data, CATALOGUE)
    assert [(p.path, p.message) for p in refused.value.problems] == problems


def test_a_member_part_way() -> None:
    facts = Facts.of(
        [("a", D("2024-01-10")), ("e1", D("2025-02-01")), ("e2", D("2019-03-03"))],
        {"RIL-01": 2},
    )
    evaluation = evaluate(RULES, facts, D("2026-06-01"))
    assert evaluation == Evaluation(
        rules="im",
        on=D("2026-06-01"),
        status=Status.PARTLY,
        requirements=(
            Requirement(Kind.COURSE, "a", Status.MET, 1, 1, (("a", D("2024-01-10")),)),
            Requirement(Kind.COURSE, "b", Status.MISSING, 0, 1, (), ("b",)),
            Requirement(
                Kind.ELECTIVES, "g", Status.PARTLY, 1, 2,
                counted=(("e1", D("2025-02-01")),),
                missing=("e2", "e3"),
                lapsed=(("e2", D("2019-03-03")),),
            ),
            Requirement(Kind.CAPSTONE, "cap", Status.MISSING, 0, 1, (), ("cap",)),
            Requirement(Kind.LEVEL, "ACP-01", Status.MISSING, 0, 2),
            Requirement(Kind.LEVEL, "RIL-01", Status.PARTLY, 2, 3),
        ),
        met_on=None,
        expires_on=None,
        window_starts=D("2021-06-02"),
        renewal=None,
    )  # fmt: skip
    assert explain(RULES, evaluation, "en", courses=NAMES, competencies=COMPETENCIES) == [
        "Required course Records fundamentals: done on 2024-01-10.",
        "Required course ATIP fundamentals: not done yet.",
        "Privacy: 1 of 2 electives done.",
        "Privacy: choose 1 more from Requests, e3.",
        "Requests was completed on 2019-03-03, before 2021-06-02: it no longer counts.",
        "Capstone cap: not done yet; it is taken after the other courses.",
        "ATIP request processing at level 2 needed, you have no validated level.",
        "Classification and file plans at level 3 needed, you have 2.",
    ]
    assert reasons(evaluation)[2:4] == [
        Reason("electives", {"group": "g", "done": 1, "needed": 2}),
        Reason("electives_choose", {"group": "g", "count": 1, "courses": ("e2", "e3")}),
    ]


COMPLETE = [
    ("a", D("2022-03-01")),
    ("b", D("2021-01-01")),
    ("b", D("2023-04-01")),
    ("e2", D("2024-02-01")),
    ("e1", D("2022-05-01")),
    ("e3", D("2023-01-15")),
    ("cap", D("2024-06-30")),
]


def test_a_member_who_met_everything() -> None:
    facts = Facts.of(COMPLETE, {"RIL-01": 3, "ACP-01": 4})
    evaluation = evaluate(RULES, facts, D("2026-06-01"))
    assert evaluation.status is Status.MET
    assert evaluation.requirements[1].counted == (("b", D("2023-04-01")),)
    assert evaluation.requirements[1].lapsed == ()
    assert evaluation.requirements[2].counted == (("e1", D("2022-05-01")), ("e3", D("2023-01-15")))
    assert (evaluation.met_on, evaluation.expires_on) == (D("2024-06-30"), D("2027-06-30"))
    assert explain(RULES, evaluation, "en", competencies=COMPETENCIES)[2:] == [
        "Privacy: 2 of 2 electives done.",
        "Capstone cap: done on 2024-06-30.",
        "ATIP request processing at level 2: met (you have 4).",
        "Classification and file plans at level 3: met (you have 3).",
        "All requirements met on 2024-06-30.",
        "A certificate issued then would expire on 2027-06-30.",
    ]
    assert explain(RULES, evaluation, "en")[4] == "ACP-01 at level 2: met (you have 4)."


def test_the_capstone_counts_only_when_taken_last() -> None:
    early = [*COMPLETE[:-1], ("cap", D("2023-01-01"))]
    evaluation = evaluate(RULES, Facts.of(early, {"RIL-01": 3, "ACP-01": 2}), D("2026-06-01"))
    assert evaluation.requirements[3] == Requirement(
        Kind.CAPSTONE, "cap", Status.PARTLY, 0, 1, (), ("cap",), (), too_early=D("2023-01-01")
    )
    assert evaluation.status is Status.PARTLY
    assert explain(RULES, evaluation, "en")[3] == (
        "Capstone cap: completed on 2023-01-01, before the other course requirements were met;"
        " it counts only when taken last."
    )
    # Taken again on the day the last other course was done, it counts.
    again = evaluate(
        RULES, Facts.of([*early, ("cap", D("2023-04-01"))], {"RIL-01": 3, "ACP-01": 2}),
        D("2026-06-01"),
    )  # fmt: skip
    assert again.met_on == D("2023-04-01")


@pytest.mark.parametrize(
    ("done", "years", "last_counting_day"),
    [
        ("2020-06-01", 5, "2025-05-31"),
        ("2020-02-29", 5, "2025-02-28"),  # anniversary 1 March in a common year
        ("2019-03-01", 5, "2024-02-29"),  # the leap day itself still counts
        ("2023-02-28", 5, "2028-02-27"),  # anniversary 28 February even in a leap year
        ("2024-02-29", 4, "2028-02-28"),  # anniversary 29 February in a leap year
        ("2024-12-31", 1, "2025-12-30"),
    ],
)
def test_the_window_boundary(done: str, years: int, last_counting_day: str) -> None:
    rules = parse_rules({"code": "w", "required": ["a"], "window_years": years})
    facts = Facts.of([("a", D(done))], {})
    last = D(last_counting_day)
    after = date.fromordinal(last.toordinal() + 1)
    assert evaluate(rules, facts, last).status is Status.MET
    missing = evaluate(rules, facts, after)
    assert missing.status is Status.MISSING
    assert missing.requirements[0].lapsed == (("a", D(done)),)
    assert anniversary(D(done), years) == after
    assert window_start(last, years) <= D(done) < window_start(after, years)


def test_window_start_and_anniversary_exactly() -> None:
    assert window_start(D("2025-02-28"), 5) == D("2020-02-29")
    assert window_start(D("2028-02-28"), 5) == D("2023-03-01")
    assert window_start(D("2024-02-28"), 4) == D("2020-02-29")
    assert window_start(D("2024-02-29"), 4) == D("2020-03-01")
    assert anniversary(D("2020-02-29"), 1) == D("2021-03-01")
    assert anniversary(D("2020-02-29"), 4) == D("2024-02-29")


def test_completions_after_the_day_and_without_window() -> None:
    rules = parse_rules({"code": "w", "required": ["a"]})
    facts = Facts.of([("a", D("1990-01-01")), ("a", D("2030-01-01"))], {})
    evaluation = evaluate(rules, facts, D("2026-01-01"))
    assert evaluation.requirements[0].counted == (("a", D("1990-01-01")),)
    assert (evaluation.window_starts, evaluation.expires_on) == (None, None)
    assert evaluate(rules, Facts.of([("a", D("2030-01-01"))]), D("2026-01-01")).status is (
        Status.MISSING
    )
    levels_only = parse_rules({"code": "l", "levels": {"RIL-01": 2}, "validity_years": 2})
    met = evaluate(levels_only, Facts.of(levels={"RIL-01": 2}), D("2026-01-01"))
    assert (met.met_on, met.expires_on) == (D("2026-01-01"), D("2028-01-01"))


@pytest.mark.parametrize(
    ("on", "state", "ready"),
    [
        ("2025-11-30", RenewalState.VALID, False),
        ("2025-12-01", RenewalState.DUE, True),
        ("2026-02-28", RenewalState.DUE, True),
        ("2026-03-01", RenewalState.EXPIRED, False),
    ],
)
def test_renewal(on: str, state: RenewalState, ready: bool) -> None:
    facts = Facts.of(
        [("e1", D("2023-03-01")), ("x", D("2024-01-01"))], {}, certificates=[D("2023-03-01")]
    )
    evaluation = evaluate(RULES, facts, D(on))
    assert evaluation.renewal == RenewalStatus(
        state, D("2023-03-01"), D("2026-03-01"), D("2025-12-01"), 1, 1, ready
    )
    assert evaluation.renewal.due is (state is not RenewalState.VALID)


def test_renewal_explained_and_counted_only_after_the_certificate() -> None:
    facts = Facts.of([("e1", D("2023-03-01"))], {}, certificates=[D("2020-01-01"), D("2023-03-01")])
    evaluation = evaluate(RULES, facts, D("2026-01-15"))
    assert evaluation.renewal is not None
    assert (evaluation.renewal.done, evaluation.renewal.ready) == (0, False)
    assert explain(RULES, evaluation, "en")[-2:] == [
        "Renewal is due: your certificate expires on 2026-03-01.",
        "0 of 1 continuing course completed since 2023-03-01.",
    ]
    expired = evaluate(RULES, facts, D("2026-03-01"))
    assert explain(RULES, expired, "en")[-1] == (
        "Your certificate expired on 2026-03-01: meet all the requirements again."
    )
    # A leap-day certificate valid one year expires on 1 March.
    one_year = parse_rules({"code": "r", "required": ["a"], "validity_years": 1})
    leap = Facts.of(certificates=[D("2024-02-29")])
    for on, state in [("2025-02-28", RenewalState.VALID), ("2025-03-01", RenewalState.EXPIRED)]:
        renewal = evaluate(one_year, leap, D(on)).renewal
        assert renewal is not None
        assert (renewal.state, renewal.expires_on, renewal.due_from) == (
            state,
            D("2025-03-01"),
            D("2025-03-01"),
        )


def test_recommend_orders_by_gaps_closed_then_code() -> None:
    facts = Facts.of([("a", D("2024-01-10")), ("e1", D("2025-02-01"))], {"RIL-01": 2})
    offers = [
        CourseOffer("y", {"ACP-01": 1}),
        CourseOffer("x", {"RIL-01": 2}),
        CourseOffer("cap"),
        CourseOffer("a", {"ACP-01": 4}),
        CourseOffer("e3"),
        CourseOffer("e2", {"RIL-01": 3}),
        CourseOffer("b", {"ACP-01": 2}),
    ]
    found = recommend(RULES, facts, offers, 10, on=D("2026-06-01"))
    assert found == [
        Recommendation("b", 2, 2, (
            Reason("closes_course", {"course": "b"}),
            Reason("closes_level", {"competency": "ACP-01", "level": 2, "needed": 2}),
        )),
        Recommendation("e2", 2, 1, (
            Reason("closes_elective", {"group": "g"}),
            Reason("closes_level", {"competency": "RIL-01", "level": 3, "needed": 3}),
        )),
        Recommendation("e3", 1, 0, (Reason("closes_elective", {"group": "g"}),)),
        Recommendation("y", 0, 1, (
            Reason("raises_level", {"competency": "ACP-01", "level": 1, "needed": 2}),
        )),
    ]  # fmt: skip
    assert [item.course for item in recommend(RULES, facts, offers, 2, on=D("2026-06-01"))] == [
        "b",
        "e2",
    ]
    assert sentences(RULES, found[0].reasons + found[3].reasons, "en", courses=NAMES) == [
        "Completes the required course ATIP fundamentals.",
        "Develops ACP-01 to level 2 (level 2 needed).",
        "Develops ACP-01 to level 1, towards the level 2 needed.",
    ]


def _demo_catalogue() -> tuple[RulesCatalogue, dict[str, dict[str, int]]]:
    framework = framework_from_case(
        json.loads((DEMO / "im-framework.case.json").read_text(encoding="utf-8"))
    )
    competencies = frozenset(c.code for f in framework.families for c in f.competencies)
    levels = tuple(level.level for level in framework.levels_scale)
    reading = read_course_file(
        (DEMO / "learning-catalogue.csv").read_bytes(),
        file_format="csv",
        catalogue=Catalogue(
            providers=frozenset(),
            competencies=competencies,
            levels=levels,
            kinds=frozenset(ProviderKind.values),
            formats=frozenset(CourseFormat.values),
            languages=frozenset(CourseLanguages.values),
        ),
    )
    active = {course.code: course.competencies for course in reading.courses if course.active}
    return RulesCatalogue(frozenset(active), competencies, levels), active


def test_the_demo_certificate_rules_parse_against_the_demo_catalogue_and_framework() -> None:
    catalogue, develops = _demo_catalogue()
    data = json.loads((DEMO / "im-certificate-rules.json").read_text(encoding="utf-8"))
    rules = parse_rules(data, catalogue)
    assert rules.required == ("i011", "t171", "i303")
    assert [(group.code, group.choose, len(group.courses)) for group in rules.electives] == [
        ("records-practice", 2, 4),
        ("access-privacy", 1, 4),
    ]
    assert (rules.capstone, rules.levels) == ("i400", (("ACP-01", 2), ("RIL-01", 2), ("RIL-03", 2)))
    assert "i099" not in catalogue.courses  # retired: rules may not ask for it
    offers = [CourseOffer(code, levels) for code, levels in sorted(develops.items())]
    best = recommend(
        rules, Facts.of([("i011", D("2026-01-05"))], {}), offers, 3, on=D("2026-06-01")
    )
    assert [(item.course, item.closes, item.levels) for item in best] == [
        ("i301", 2, 2),
        ("i303", 2, 2),
        ("t172", 2, 2),
    ]
