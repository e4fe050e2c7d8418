"""The success measures from plain inputs: exact figures, rounding, withholding."""

from datetime import date

from guild.core.disclosure import DEFAULT_THRESHOLD, SMALL
from guild.programmes.measures import (
    BENEFIT,
    EVENT_ATTENDANCE,
    GROUP_ATTENDANCE,
    NO_DATA,
    TOO_FEW,
    UNDERSTANDING,
    Answers,
    Inputs,
    Measure,
    ThemeCount,
    ranked_themes,
    success_measures,
)
from guild.programmes.rates import (
    ABSENT,
    EXCUSED,
    LATE,
    PRESENT,
    Mark,
    Rate,
    Window,
    participant_rate,
)


def _by_code(measures: list[Measure]) -> dict[str, Measure]:
    return {m.code: m for m in measures}


def _rates(count: int, attended: int, expected: int) -> list[Rate]:
    return [Rate(attended, expected)] * count


def test_the_seeds_figures_from_built_inputs() -> None:
    # 23 participants: 18 attended 8 of 10 events, 5 attended 9 of 10 -> 189/230 = 82.2%.
    inputs = Inputs(
        event_rates=_rates(18, 8, 10) + _rates(5, 9, 10),
        group_rates=_rates(20, 8, 10) + _rates(3, 8, 10),
        understanding=Answers(agree=162, respondents=180, invited=190),
        benefit=Answers(agree=171, respondents=180, invited=200),
    )
    measures = _by_code(success_measures(inputs))
    assert [m.code for m in success_measures(inputs)] == [
        EVENT_ATTENDANCE,
        UNDERSTANDING,
        GROUP_ATTENDANCE,
        BENEFIT,
    ]
    event = measures[EVENT_ATTENDANCE]
    assert (event.percent, event.n, event.whole, event.response_rate) == (82, 23, 230, None)
    understanding = measures[UNDERSTANDING]
    assert (understanding.percent, understanding.n, understanding.response_rate) == (90, 180, 95)
    assert measures[GROUP_ATTENDANCE].percent == 80
    benefit = measures[BENEFIT]
    assert (benefit.percent, benefit.n, benefit.response_rate) == (95, 180, 90)
    assert all(
        m.published and m.withheld is None and m.withheld_text is None for m in measures.values()
    )
    assert benefit.threshold == DEFAULT_THRESHOLD


def test_excused_sessions_are_not_expected_and_windows_bound_each_person() -> None:
    days = [date(2004, month, 10) for month in range(1, 11)]
    # Present, late, excused, absent, then present at the rest.
    first = participant_rate(
        Window(date(2004, 1, 1)),
        [Mark(days[0], PRESENT), Mark(days[1], LATE), Mark(days[2], EXCUSED), Mark(days[3], ABSENT)]
        + [Mark(day, PRESENT) for day in days[4:]],
    )
    assert first == Rate(8, 9)
    # Joined in April, left at the end of June: three sessions in the window; no mark on one.
    second = participant_rate(
        Window(date(2004, 4, 1), date(2004, 6, 30)),
        [Mark(day, ABSENT) for day in days[:3]]
        + [Mark(days[3], PRESENT), Mark(days[4], None), Mark(days[5], PRESENT)]
        + [Mark(day, ABSENT) for day in days[6:]],
    )
    assert second == Rate(2, 3)
    others = _rates(8, 9, 10)  # 72 of 80
    measure = _by_code(success_measures(Inputs(event_rates=[first, second, *others])))[
        EVENT_ATTENDANCE
    ]
    # (8 + 2 + 72) / (9 + 3 + 80) = 82 / 92 = 89.1%
    assert (measure.part, measure.whole, measure.n, measure.percent) == (82, 92, 10, 89)


def test_a_participant_expected_at_nothing_is_not_counted_in_n() -> None:
    rates = [*_rates(10, 1, 2), Rate(0, 0)]
    measure = _by_code(success_measures(Inputs(group_rates=rates)))[GROUP_ATTENDANCE]
    assert (measure.n, measure.percent) == (10, 50)


def test_percentages_round_half_up() -> None:
    # 25/200 = 12.5% -> 13 (half-even and float rounding would give 12); 163/200 = 81.5% -> 82.
    low = Answers(agree=25, respondents=200, invited=200)
    high = Answers(agree=163, respondents=200, invited=400)
    measures = _by_code(success_measures(Inputs(understanding=low, benefit=high)))
    assert measures[UNDERSTANDING].percent == 13
    assert measures[BENEFIT].percent == 82
    assert measures[BENEFIT].response_rate == 50
    # 1/8 of the seats: 12.5% -> 13.
    attendance = _by_code(success_measures(Inputs(event_rates=_rates(10, 1, 8))))
    assert attendance[EVENT_ATTENDANCE].percent == 13


def test_fewer_than_the_threshold_is_withheld_without_its_n() -> None:
    inputs = Inputs(
        event_rates=_rates(9, 5, 10),
        understanding=Answers(agree=9, respondents=9, invited=12),
        benefit=Answers(agree=0, respondents=0, invited=0),
    )
    measures = _by_code(success_measures(inputs))
    for code in (EVENT_ATTENDANCE, UNDERSTANDING):
        measure = measures[code]
        assert (measure.percent, measure.n, measure.response_rate) == (None, SMALL, None)
        assert measure.withheld == TOO_FEW
        assert measure.withheld_text == (
            "fewer than 10 people to count; a figure about so few is not shown."
        )
    assert measures[BENEFIT].withheld == NO_DATA
    assert measures[GROUP_ATTENDANCE].withheld == NO_DATA
    # At the threshold it is published.
    ten = _by_code(success_measures(Inputs(understanding=Answers(1, 10, 10))))[UNDERSTANDING]
    assert (ten.percent, ten.n, ten.response_rate) == (10, 10, 100)


def test_a_questionnaire_threshold_above_the_default_applies() -> None:
    measures = _by_code(success_measures(Inputs(understanding=Answers(10, 12, 12)), threshold=15))
    assert measures[UNDERSTANDING].withheld == TOO_FEW
    assert "fewer than 15 people" in str(measures[UNDERSTANDING].withheld_text)


def test_themes_are_ranked_by_tagged_comments_and_unused_ones_left_out() -> None:
    ranked = ranked_themes(
        [
            ThemeCount("Networking", "Réseautage", "participants", 3),
            ThemeCount("Workload", "Charge de travail", "participants", 7),
            ThemeCount("Confidence", "Confiance", "supervisors", 2),
            ThemeCount("Agenda", "Ordre du jour", "participants", 3),
            ThemeCount("Unused", "Inutilisé", "participants", 0),
        ]
    )
    names = {source: [t.name_en for t in themes] for source, themes in ranked.items()}
    assert names == {
        "participants": ["Workload", "Agenda", "Networking"],
        "supervisors": ["Confidence"],
    }
