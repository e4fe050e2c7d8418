"""The 2003-2004 IM Leadership Initiative intake as plain data: who attended which session
and who answered its evaluation how. Pure and deterministic (one seeded Random).

Built so that the success measures, computed from the rows this becomes, come to the
figures the programme reported on November 25, 2004: 82 % attendance at the formal
learning events (146 attended of 178 expected), 90 % of respondents found the events
improved their understanding of IM (108 of 120), 80 % attendance at the action learning
groups (140 of 175) and 95 % say action learning benefits their work (114 of 120). The
figures are never stored: they are what the marks and answers below add up to.

Twenty-three participants in four groups (6, 6, 6, 5), dealt round-robin from a list
ordered by department so that each group mixes departments. Participant `LATE_JOINER`
joined on December 1, 2003, participant `EARLY_LEAVER` left on March 31, 2004.

A group meeting's evaluation reaches at most six people; the engine publishes a
questionnaire's results only once at least the threshold (five) have answered. Meetings
where five answered are published (80 answers, 76 agree); at the others three or fewer
answered, and their answers stay withheld (40 answers, 38 agree): 95 % either way.
"""

import random
from dataclasses import dataclass, field
from datetime import date

PARTICIPANTS = 23
GROUPS = 4
LATE_JOINER = 4  # group 0
EARLY_LEAVER = 5  # group 1
LAUNCH_DAY = date(2003, 10, 22)
JOINED_LATE_ON = date(2003, 12, 1)
LEFT_EARLY_ON = date(2004, 3, 31)
# The monthly formal learning events, November 2003 to June 2004.
EVENT_DAYS = (
    date(2003, 11, 19),
    date(2003, 12, 10),
    date(2004, 1, 21),
    date(2004, 2, 18),
    date(2004, 3, 17),
    date(2004, 4, 21),
    date(2004, 5, 19),
    date(2004, 6, 16),
)
# The first Tuesday of each month; group g meets g days later in the week.
GROUP_DAYS = (
    date(2003, 11, 4),
    date(2003, 12, 2),
    date(2004, 1, 6),
    date(2004, 2, 3),
    date(2004, 3, 2),
    date(2004, 4, 6),
    date(2004, 5, 4),
    date(2004, 6, 1),
)

# The launch counts with the formal events where a reader pools them: 18 of 22 keeps 82 %
# either way (164 of 200).
LAUNCH_ATTENDED = 18
EVENT_ATTENDED = (18, 19, 18, 19, 18, 18, 18, 18)
EVENT_EXCUSED = (2, 5)  # one participant excused at each of these events
EVENT_RESPONDENTS = (15,) * 8
EVENT_AGREE = (14, 13, 14, 13, 14, 13, 14, 13)

# Per group, per meeting: attended; the meetings where one participant was excused.
GROUP_ATTENDED = (
    (5, 6, 5, 6, 3, 5, 3, 5),
    (5, 5, 4, 5, 5, 4, 4, 4),
    (6, 5, 5, 3, 5, 3, 5, 6),
    (4, 3, 4, 4, 3, 4, 3, 3),
)
# Who answered each meeting's evaluation: five where five or more came (published), fewer
# elsewhere (withheld).
GROUP_RESPONDENTS = (
    (5, 5, 5, 5, 3, 5, 3, 5),
    (5, 5, 3, 5, 5, 3, 3, 3),
    (5, 5, 5, 3, 5, 3, 5, 5),
    (3, 1, 3, 3, 1, 3, 1, 1),
)
GROUP_EXCUSED: tuple[tuple[int, ...], ...] = ((), (), (1, 4, 6), (2, 5))
# Non-agreeing answers: (group, meeting) pairs, one answer each.
GROUP_DISAGREE = ((0, 1), (1, 3), (2, 4), (0, 7), (3, 0), (1, 5))

SUPERVISOR_RESPONDENTS = 14
NOT_AGREE = ("neutral", "neutral", "disagree", "neutral", "strongly_disagree")


@dataclass(frozen=True)
class Answered:
    participant: int
    choice: str
    comment: int | None = None  # an index into the comment bank


@dataclass
class SessionPlan:
    day: date
    group: int | None  # None for a formal event
    marks: dict[int, str] = field(default_factory=dict)  # participant -> status
    answers: list[Answered] = field(default_factory=list)


@dataclass
class IntakePlan:
    groups: list[list[int]]
    launch: dict[int, str]  # participant -> status
    events: list[SessionPlan]
    meetings: list[SessionPlan]
    supervisor_comments: list[int]  # per answering supervisor, an index into the bank


def group_of(participant: int) -> int:
    return participant % GROUPS


def window(participant: int) -> tuple[date, date | None]:
    if participant == LATE_JOINER:
        return JOINED_LATE_ON, None
    if participant == EARLY_LEAVER:
        return LAUNCH_DAY, LEFT_EARLY_ON
    return LAUNCH_DAY, None


def _in_window(participant: int, day: date) -> bool:
    joined, left = window(participant)
    return joined <= day and (left is None or day <= left)


def _marks(rng: random.Random, expected: list[int], attended: int, excused: int) -> dict[int, str]:
    people = list(expected)
    rng.shuffle(people)
    marks = {p: "excused" for p in people[:excused]}
    present = people[excused : excused + attended]
    for p in present:
        marks[p] = "present"
    if len(present) > 3:  # one came late
        marks[present[0]] = "late"
    marks.update((p, "absent") for p in people[excused + attended :])
    if len(present) != attended:
        raise ValueError("More attended than were expected.")
    return dict(sorted(marks.items()))


def _answers(
    rng: random.Random,
    marks: dict[int, str],
    respondents: int,
    disagree: int,
    comments: list[int],
) -> list[Answered]:
    attended = [p for p, status in marks.items() if status in ("present", "late")]
    chosen = rng.sample(attended, respondents)
    answers = []
    for n, participant in enumerate(chosen):
        if n < disagree:
            choice = NOT_AGREE[rng.randrange(len(NOT_AGREE))]
        else:
            choice = "strongly_agree" if rng.random() < 0.45 else "agree"
        comment = comments.pop() if comments and rng.random() < 0.4 else None
        answers.append(Answered(participant, choice, comment))
    return answers


def _bank(rng: random.Random, size: int, times: int) -> list[int]:
    indexes = [i % size for i in range(times)]
    rng.shuffle(indexes)
    return indexes


def plan_intake(
    seed: int = 2003, *, event_comments: int = 10, group_comments: int = 10, supervisor: int = 14
) -> IntakePlan:
    """The plan; the comment counts are the sizes of the banks the comments are drawn
    from (participants' comments on events and on groups, supervisors' answers)."""
    rng = random.Random(seed)
    groups = [[p for p in range(PARTICIPANTS) if group_of(p) == g] for g in range(GROUPS)]
    event_bank = _bank(rng, event_comments, 60)
    group_bank = _bank(rng, group_comments, 60)
    events = []
    for n, day in enumerate(EVENT_DAYS):
        expected = [p for p in range(PARTICIPANTS) if _in_window(p, day)]
        excused = 1 if n in EVENT_EXCUSED else 0
        session = SessionPlan(day, None, _marks(rng, expected, EVENT_ATTENDED[n], excused))
        disagree = EVENT_RESPONDENTS[n] - EVENT_AGREE[n]
        session.answers = _answers(rng, session.marks, EVENT_RESPONDENTS[n], disagree, event_bank)
        events.append(session)
    meetings = []
    for g, members in enumerate(groups):
        for n, base in enumerate(GROUP_DAYS):
            day = date.fromordinal(base.toordinal() + g)
            expected = [p for p in members if _in_window(p, day)]
            excused = 1 if n in GROUP_EXCUSED[g] else 0
            attended = GROUP_ATTENDED[g][n]
            session = SessionPlan(day, g, _marks(rng, expected, attended, excused))
            respondents = GROUP_RESPONDENTS[g][n]
            disagree = GROUP_DISAGREE.count((g, n))
            session.answers = _answers(rng, session.marks, respondents, disagree, group_bank)
            meetings.append(session)
    launch = [p for p in range(PARTICIPANTS) if _in_window(p, LAUNCH_DAY)]
    return IntakePlan(
        groups=groups,
        launch=_marks(rng, launch, LAUNCH_ATTENDED, 0),
        events=events,
        meetings=meetings,
        supervisor_comments=_bank(rng, supervisor, SUPERVISOR_RESPONDENTS),
    )
