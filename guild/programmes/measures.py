"""The programme's success measures, from plain inputs (a pure module: no ORM).

Four whole-cohort figures (ADR 19):

* **attendance at formal learning events** and **at action learning group meetings**: the
  cohort's pooled attendance rate (`rates.pooled_rate` of each participant's rate);
* **improved understanding**: (strongly agree + agree) ÷ the respondents to `understanding`,
  pooled over the intake's published event evaluations;
* **action learning benefits**: the same for `benefit` over the group meeting evaluations.

A measure is published only when its n (the participants counted, or the respondents) is
at least the disclosure threshold (`core.disclosure`); a withheld measure shows neither its
figure nor its n, which would be a count of fewer people than the threshold.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from django.utils.functional import Promise, lazy
from django.utils.translation import gettext_lazy as _

from guild.core.disclosure import DEFAULT_THRESHOLD, SMALL, Cell, Suppressed, check_threshold
from guild.core.disclosure import percent as disclosed_percent
from guild.programmes.rates import Rate, pooled_rate

EVENT_ATTENDANCE = "event_attendance"
GROUP_ATTENDANCE = "group_attendance"
UNDERSTANDING = "understanding"
BENEFIT = "benefit"
CODES = (EVENT_ATTENDANCE, UNDERSTANDING, GROUP_ATTENDANCE, BENEFIT)

# Why a measure is withheld.
NO_DATA = "no_data"
TOO_FEW = "too_few"

TITLES: dict[str, Promise] = {
    EVENT_ATTENDANCE: _("Attendance at formal learning events"),
    UNDERSTANDING: _("Learning events improved understanding of information management"),
    GROUP_ATTENDANCE: _("Attendance at action learning group meetings"),
    BENEFIT: _("Action learning benefits work and leadership development"),
}

DEFINITIONS: dict[str, Promise] = {
    EVENT_ATTENDANCE: _(
        "Formal learning events (the launch with them) attended, present or late, ÷ events "
        "expected, over every participant: an event counts for a participant once its "
        "attendance is taken, if it falls in their participation window and they were not "
        "excused. n is the number of participants counted."
    ),
    UNDERSTANDING: _(
        "Answers “strongly agree” or “agree” to “This learning event improved my understanding "
        "of information management.” ÷ everyone who answered it, over the published "
        "evaluations of every formal learning event. n is the number of answers."
    ),
    GROUP_ATTENDANCE: _(
        "Action learning group meetings attended (present or late) ÷ meetings expected, over "
        "every participant: a meeting of their group counts once its attendance is taken, if "
        "it falls in their participation window and they were not excused. n is the number of "
        "participants counted."
    ),
    BENEFIT: _(
        "Answers “strongly agree” or “agree” to “Action learning is of benefit to my work and "
        "my leadership development.” ÷ everyone who answered it, over the published "
        "evaluations of every action learning group meeting. n is the number of answers."
    ),
}

WITHHELD: dict[str, Promise] = {
    NO_DATA: _("nothing to count yet."),
    TOO_FEW: _("fewer than %(threshold)d people to count; a figure about so few is not shown."),
}

NOTES: tuple[Promise, ...] = (
    _(
        "Each measure is a single figure for the whole cohort. It is published only when it "
        "counts at least %(threshold)d people (participants, or answers); otherwise neither "
        "the figure nor its n is shown."
    ),
    _(
        "No measure is broken down by department, region, level, first official language, "
        "action learning group or single session: a cohort is about 23 people, so each of "
        "those groups has fewer than %(threshold)d and a figure about it could point to someone."
    ),
    _(
        "The evaluations are anonymous. Answers count only once their evaluation's results are "
        "published, and then in batches of at least %(threshold)d answers, so a measure never "
        "moves by the answers of one small session; answers still waiting for a full batch are "
        "not counted yet."
    ),
    _(
        "A share also tells its complement (if nine in ten agreed, one in ten did not); that "
        "names no one, since the answers are anonymous and never broken down."
    ),
    _(
        "A participant's own attendance rate is an operational record seen only by them, their "
        "supervisor and the programme's administrators; it is not in this report."
    ),
    _("Comments are not reproduced: only the themes found in them, without counts."),
)


def withheld_notes(threshold: int = DEFAULT_THRESHOLD) -> list[str]:
    """What the report does not publish and why, translated when rendered."""
    limit = check_threshold(threshold)
    return [_formatted(note, limit) for note in NOTES]


def _format(note: Promise, threshold: int) -> str:
    return str(note) % {"threshold": threshold} if "%(threshold)d" in str(note) else str(note)


_formatted = lazy(_format, str)


@dataclass(frozen=True)
class Answers:
    """The published answers to one agree-scale question, pooled over evaluations:
    how many agreed (strongly or not), how many answered, and how many people those
    evaluations were sent to."""

    agree: int
    respondents: int
    invited: int


@dataclass(frozen=True)
class Publication:
    """One results snapshot of one evaluation, as counted for one question: how many of
    the answers it published agreed, how many it published, and the people that evaluation
    was sent to (counted once per evaluation, with its first publication)."""

    agree: int
    answers: int
    invited: int = 0


def in_batches(publications: Iterable[Publication], threshold: int = DEFAULT_THRESHOLD) -> Answers:
    """The answers the measure counts: publications in the order they were taken, added in
    batches of at least `threshold` answers. An evaluation of a group meeting publishes
    from 5 responses (ADR 19); read before and after it, a pooled figure that took each
    publication at once would tell how its few attendees answered. Taken a batch of at
    least the threshold at a time, the measure moves only by that many answers, and the
    last answers wait for the next batch."""
    limit = check_threshold(threshold)
    agree = answers = invited = 0
    batch = Publication(0, 0, 0)
    for publication in publications:
        batch = Publication(
            batch.agree + publication.agree,
            batch.answers + publication.answers,
            batch.invited + publication.invited,
        )
        if batch.answers >= limit:
            agree, answers, invited = (
                agree + batch.agree,
                answers + batch.answers,
                invited + batch.invited,
            )
            batch = Publication(0, 0, 0)
    return Answers(agree, answers, invited)


@dataclass(frozen=True)
class Inputs:
    """Each participant's attendance rate at events and at group meetings, and the
    published answers to `understanding` and `benefit`."""

    event_rates: Sequence[Rate] = ()
    group_rates: Sequence[Rate] = ()
    understanding: Answers = Answers(0, 0, 0)
    benefit: Answers = Answers(0, 0, 0)


@dataclass(frozen=True)
class Measure:
    code: str
    # What is counted (attended, agreed) over what it is counted of (expected, answered).
    part: int
    whole: int
    # People counted: participants for attendance, answers for the evaluations.
    people: int
    invited: int | None
    threshold: int
    percent: int | None = field(init=False)
    n: Cell = field(init=False)

    def __post_init__(self) -> None:
        # The threshold applies to the people counted; hidden, n hides the share too.
        n: Cell = self.people if self.people >= self.threshold else SMALL
        share = disclosed_percent(self.part, n if isinstance(n, Suppressed) else self.whole)
        rounded = None if isinstance(share, Suppressed) else Rate(self.part, self.whole).percent
        object.__setattr__(self, "n", n)
        object.__setattr__(self, "percent", rounded)

    @property
    def published(self) -> bool:
        return self.percent is not None

    @property
    def withheld(self) -> str | None:
        if self.published:
            return None
        return NO_DATA if self.people == 0 else TOO_FEW

    @property
    def response_rate(self) -> int | None:
        """Answers ÷ people invited, as a whole percentage; for a published evaluation
        measure only."""
        if not self.published or not self.invited:
            return None
        return Rate(self.people, self.invited).percent

    @property
    def title(self) -> str:
        return str(TITLES[self.code])

    @property
    def definition(self) -> str:
        return str(DEFINITIONS[self.code])

    @property
    def withheld_text(self) -> str | None:
        reason = self.withheld
        if reason is None:
            return None
        return str(WITHHELD[reason]) % {"threshold": self.threshold}


def _attendance(code: str, rates: Iterable[Rate], threshold: int) -> Measure:
    counted = [rate for rate in rates if rate.expected]
    total = pooled_rate(counted)
    return Measure(code, total.attended, total.expected, len(counted), None, threshold)


def _answers(code: str, answers: Answers, threshold: int) -> Measure:
    return Measure(
        code, answers.agree, answers.respondents, answers.respondents, answers.invited, threshold
    )


def success_measures(inputs: Inputs, threshold: int = DEFAULT_THRESHOLD) -> list[Measure]:
    """The four measures, in the report's order."""
    limit = check_threshold(threshold)
    return [
        _attendance(EVENT_ATTENDANCE, inputs.event_rates, limit),
        _answers(UNDERSTANDING, inputs.understanding, limit),
        _attendance(GROUP_ATTENDANCE, inputs.group_rates, limit),
        _answers(BENEFIT, inputs.benefit, limit),
    ]


@dataclass(frozen=True)
class ThemeCount:
    name_en: str
    name_fr: str
    source: str
    comments: int


def ranked_themes(themes: Iterable[ThemeCount]) -> dict[str, list[ThemeCount]]:
    """Themes by source, most tagged first (ties by English name); themes no comment is
    tagged with are left out. The counts themselves are not published."""
    ranked: dict[str, list[ThemeCount]] = {}
    for theme in sorted(themes, key=lambda t: (-t.comments, t.name_en.casefold())):
        if theme.comments:
            ranked.setdefault(theme.source, []).append(theme)
    return ranked
