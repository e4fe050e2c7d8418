"""The linear-programming attack of ADR 14 on the leadership programme's success measures
(ADR 19): every figure an administrator can read about an intake's evaluations, taken from
the success measures page, the API and the PDF (the same figures, checked equal) and from
the evaluations page (each session's published responses), at two points in time, before
and after a second round of results snapshots, as equations; each hidden count's feasible
range computed exactly (guild/questionnaires/tests/lp_auditor.py and lp_ranges.py, HiGHS).

A group under the threshold is an action learning group (five to seven people) or one of
its meetings: no one can work out how many of them agreed. The criterion: every such
group's agree count keeps a feasible range at least the threshold wide, or as wide as it
can be (0 to the number of its answers). Events (the whole cohort, at least the threshold
of answers per snapshot) and the whole-cohort complement are published on purpose (ADR 19).
Attendance is left out: the register is the administrators' operational record, and only
its whole-cohort rate is published to others.
"""

import copy
import datetime
import re
from collections.abc import Callable
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

import pytest
from django.test import Client

from guild.core.disclosure import DEFAULT_THRESHOLD, SMALL
from guild.learning.tests.test_certificate_pdf import pdf_text
from guild.members.models import Member
from guild.organizations.models import Department
from guild.programmes.models import Intake, LearningGroup, Session, SessionKind
from guild.programmes.services.evaluations import evaluation_open
from guild.programmes.tests.conftest import intake, programme
from guild.programmes.tests.reports_data import answer, cohort, mark, publish, session
from guild.questionnaires.models import Answer
from guild.questionnaires.tests.lp_auditor import Key, Model
from guild.questionnaires.tests.lp_ranges import feasible_ranges

__all__ = ["intake", "programme"]  # the fixtures

pytestmark = pytest.mark.django_db

Figures = dict[str, tuple[int | None, int | None, int | None]]


def _agree(count: int, disagree: int, question: str) -> list[dict[str, str]]:
    return [{question: "agree"}] * count + [{question: "disagree"}] * disagree


def _read(client: Client, intake: Intake, tmp_path: Path) -> tuple[Figures, dict[int, int]]:
    """The measures as the API, the page and the PDF publish them (checked equal), and the
    published responses of each session's evaluation from the evaluations page."""
    body = client.get(f"/api/v1/programmes/intakes/{intake.pk}/success-measures").json()
    api: Figures = {
        m["code"]: (m["percent"], m["n"] if isinstance(m["n"], int) else None, m["response_rate"])
        for m in body["measures"]
    }
    html = client.get(f"/en/programmes/intakes/{intake.pk}/success-measures/").content.decode()
    page: Figures = {}
    for code in api:
        row = html[html.index(f'id="measure-{code}"') :]
        row = row[: row.index("</tr>")]
        found = [
            re.search(pattern, row)
            for pattern in (
                r'measure-figure">(\d+)%<',
                r'measure-n">(\d+)<',
                r'measure-rate">(\d+)%<',
            )
        ]
        figure, n, rate = (int(match.group(1)) if match else None for match in found)
        page[code] = (figure, n, rate)
    assert page == api
    saved = tmp_path / f"measures-{len(list(tmp_path.iterdir()))}.pdf"
    saved.write_bytes(
        client.get(f"/en/programmes/intakes/{intake.pk}/success-measures.pdf").content
    )
    text = " ".join(pdf_text(saved).split())
    for code, (figure, n, rate) in api.items():
        if figure is not None:
            assert f"{figure}% {n} {f'{rate}%' if rate is not None else 'not a survey'}" in text, (
                code
            )
    sessions = client.get(f"/en/programmes/intakes/{intake.pk}/evaluations/").content.decode()
    published = {
        int(questionnaire): int(count)
        for count, questionnaire in re.findall(
            r"(\d+) responses? published\.\s*<a href=\"/en/questionnaires/manage/(\d+)/", sessions
        )
    }
    return api, published


def _agreed(percent: int, n: int) -> int:
    """The agree count a reader works out from a published percentage and n."""
    found = [
        k
        for k in range(n + 1)
        if int((Decimal(100 * k) / n).quantize(Decimal(1), rounding=ROUND_HALF_UP)) == percent
    ]
    assert len(found) == 1
    return found[0]


@pytest.fixture
def scenario(
    intake: Intake,
    make_member: Callable[..., Member],
    esdc: Department,
    cra: Department,
    cast: dict[str, Any],
) -> dict[str, Any]:
    crew = cohort(intake, make_member, [esdc, cra], 23, group_size=6)
    start = intake.starts_on
    people = crew.participants
    events = [
        session(intake, SessionKind.EVENT, start + datetime.timedelta(days=30 * i), name=f"E{i}")
        for i in range(3)
    ]
    meetings: dict[int, list[Session]] = {}
    for group in crew.groups:
        meetings[group.pk] = [
            session(
                intake, SessionKind.GROUP, start + datetime.timedelta(days=30 * i + 10), group=group
            )
            for i in range(3)
        ]
    for each in [*events, *(m for ms in meetings.values() for m in ms)]:
        expected = [p for p in people if each.group_id in (None, p.group_id)]
        mark(each, dict.fromkeys(expected, "present"))
    return {"crew": crew, "events": events, "meetings": meetings, "admin": cast["admin"].user}


def _members(crew: Any, group: LearningGroup | None = None) -> list[Any]:
    return [p.member.user for p in crew.participants if group is None or p.group_id == group.pk]


def test_no_group_under_the_threshold_can_be_worked_out_from_the_published_measures(
    scenario: dict[str, Any], login: Any, cast: dict[str, Any], tmp_path: Path
) -> None:
    admin, crew = scenario["admin"], scenario["crew"]
    events, meetings = scenario["events"], scenario["meetings"]
    client = login(admin)
    evaluations: dict[int, Session] = {}
    # First publication: event 1 by 12, event 2 by 20; the first two meetings of each group
    # answered by all, two of each meeting not agreeing.
    event1 = evaluation_open(actor=admin, session=events[0])
    answer(event1, _members(crew)[:12], _agree(9, 3, "understanding"))
    event2 = evaluation_open(actor=admin, session=events[1])
    answer(event2, _members(crew)[:20], _agree(16, 4, "understanding"))
    evaluations |= {event1.pk: events[0], event2.pk: events[1]}
    for group in crew.groups:
        users = _members(crew, group)
        for meeting in meetings[group.pk][:2]:
            questionnaire = evaluation_open(actor=admin, session=meeting)
            answer(questionnaire, users, _agree(len(users) - 2, 2, "benefit"))
            evaluations[questionnaire.pk] = meeting
    for questionnaire_id in evaluations:
        meeting = evaluations[questionnaire_id]
        meeting.refresh_from_db()
        assert meeting.evaluation is not None
        assert publish(meeting.evaluation) is not None
    first, first_sessions = _read(client, crew.intake, tmp_path)
    # Second publication: ten more answers to event 1 (its second snapshot), and the third
    # meeting of each group.
    answer(event1, _members(crew)[12:22], _agree(7, 3, "understanding"))
    assert publish(event1) is not None
    for group in crew.groups:
        users = _members(crew, group)
        questionnaire = evaluation_open(actor=admin, session=meetings[group.pk][2])
        answer(questionnaire, users, _agree(len(users) - 2, 2, "benefit"))
        assert publish(questionnaire) is not None
        evaluations[questionnaire.pk] = meetings[group.pk][2]
    second, second_sessions = _read(client, crew.intake, tmp_path)
    # 25 of 32 answers agreed, from the 46 people the two events' evaluations went to; then
    # 32 of 42. Benefit: 30 of 46, then 45 of 69.
    assert (first["understanding"], second["understanding"]) == ((78, 32, 70), (76, 42, 91))
    assert (first["benefit"], second["benefit"]) == ((65, 46, 100), (65, 69, 100))

    model = Model()
    group_meetings: dict[Key, int] = {}
    for when, figures, published in ((1, first, first_sessions), (2, second, second_sessions)):
        for code in ("understanding", "benefit"):
            percent, n, _rate = figures[code]
            assert percent is not None and n is not None
            agreed = model.quantity(("agreed", code, when), _agreed(percent, n))
            answered = model.quantity(("answers", code, when), n)
            parts_agree, parts_not = [], []
            for questionnaire_id, count in published.items():
                meeting = evaluations[questionnaire_id]
                if (meeting.kind == SessionKind.EVENT) != (code == "understanding"):
                    continue
                a = model.quantity(("agree", meeting.pk, when), SMALL)
                d = model.quantity(("not", meeting.pk, when), SMALL)
                model.equation([a, d], model.quantity(("n", meeting.pk, when), count))
                parts_agree.append(a)
                parts_not.append(d)
                if meeting.kind == SessionKind.GROUP:
                    group_meetings[a] = count
            model.equation(parts_agree, agreed)
            model.equation([agreed, *parts_not], answered)
    # What stayed the same between the two readings, and what the second one added.
    for questionnaire_id, meeting in evaluations.items():
        if questionnaire_id in first_sessions and questionnaire_id in second_sessions:
            for side in ("agree", "not"):
                before, after = (side, meeting.pk, 1), (side, meeting.pk, 2)
                if first_sessions[questionnaire_id] == second_sessions[questionnaire_id]:
                    model.equation([before], after)
                else:
                    added = model.quantity((f"added {side}", meeting.pk), SMALL)
                    model.equation([before, added], after)
    # Each action learning group's agree count over its meetings, at each reading.
    for group in crew.groups:
        for when, published in ((1, first_sessions), (2, second_sessions)):
            mine = [q for q, s in evaluations.items() if s.group_id == group.pk and q in published]
            total = model.quantity(("group", group.pk, when), SMALL)
            model.equation([("agree", evaluations[q].pk, when) for q in mine], total)
            group_meetings[total] = sum(published[q] for q in mine)
    model.maybe_zero |= set(model.hidden)
    broken_down = copy.deepcopy(model)
    ranges = {found.key: found for found in feasible_ranges(model, hidden_at_least=0)}
    assert model.conflicts == []
    assert len(group_meetings) == 4 * 2 + 4 * 3 + 4 * 2  # meetings at each reading, groups
    for key, size in group_meetings.items():
        found = ranges[key]
        assert found.width >= min(size, DEFAULT_THRESHOLD) - 1e-6, (key, found, size)
        assert found.low == 0  # any of them may have agreed, or none

    # The audit has teeth: had the report published the measure by action learning group,
    # the last group's count would be the total less the others'.
    *others, last = crew.groups
    for group in others:
        count = Answer.objects.filter(
            questionnaire_id__in=[q for q, s in evaluations.items() if s.group_id == group.pk],
            choice="agree",
            snapshot__gt=0,
        ).count()
        broken_down.equation([("group", group.pk, 2)], count)
    leaked = {found.key: found for found in feasible_ranges(broken_down, hidden_at_least=0)}
    assert leaked[("group", last.pk, 2)].width == 0
