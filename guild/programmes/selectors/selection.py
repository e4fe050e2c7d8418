"""Reads for scoring and selection: the complete nominations of an intake with their totals,
what a reviewer has still to score, the optimiser's input, the latest proposal with its
reasons in the reader's language, and the waitlist.

Scores are the committee's and the administrators' to read: no page or endpoint shows
them to the nominee, the supervisor or the coordinators, and the nomination's history
(which they see) says only that a reviewer scored it, neither who nor how much.

A nomination's total is the sum over the intake's criteria of the criterion's weight times
the mean of the reviewers' values on it, exact to four places (half up). It has a total
once every criterion has at least one value; until then it is unscored (None)."""

from collections import Counter, defaultdict
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from django.db.models import Count, Q, QuerySet, Sum
from django.utils.translation import gettext as _

from guild.accounts.models import AnyUser
from guild.accounts.scopes import scope_for
from guild.core.bilingual import localize
from guild.programmes.models import (
    Consent,
    Endorsement,
    Intake,
    IntakeStage,
    Nomination,
    Outcome,
    Score,
    SelectionRun,
)
from guild.programmes.reasons import explanations_from, rules_from
from guild.programmes.selection import Explanation, Nominee, sentences
from guild.programmes.selection.rules import describe

UNRECORDED = "?"
"""The region or level of a nominee whose profile has none: a value of its own, which a
balance rule counts like any other (it never names it) and pages write "not recorded"."""
PLACES = Decimal("0.0001")


def complete_q(prefix: str = "") -> Q:
    """Ready for the reviewers: accepted, endorsed, not withdrawn (`Nomination.is_complete`)."""
    return Q(
        **{
            f"{prefix}withdrawn_at__isnull": True,
            f"{prefix}consent": Consent.GIVEN,
            f"{prefix}endorsement": Endorsement.ENDORSED,
        }
    )


def complete_nominations(intake: Intake) -> QuerySet[Nomination]:
    return (
        Nomination.objects.filter(complete_q(), intake=intake)
        .select_related(
            "member",
            "member__region",
            "member__level",
            "department",
            "supervisor",
            "nominated_by",
        )
        .order_by("pk")
    )


def as_total(value: Fraction) -> Decimal:
    """Four places at most, trailing zeros dropped (21.5, not 21.5000)."""
    exact = Decimal(value.numerator) / Decimal(value.denominator)
    rounded = exact.quantize(PLACES, rounding=ROUND_HALF_UP)
    if rounded == rounded.to_integral_value():
        return rounded.quantize(Decimal(1))
    return rounded.normalize()


def nomination_totals(intake: Intake) -> dict[int, Decimal | None]:
    """Every complete nomination's total, None when some criterion has no value yet."""
    weights = {c.pk: c.weight for c in intake.criteria.all()}
    sums: dict[int, dict[int, tuple[int, int]]] = defaultdict(dict)
    rows = (
        Score.objects.filter(complete_q("nomination__"), nomination__intake=intake)
        .filter(criterion_id__in=weights)
        .values("nomination_id", "criterion_id")
        .annotate(total=Sum("value"), n=Count("pk"))
    )
    for row in rows:
        sums[row["nomination_id"]][row["criterion_id"]] = (row["total"], row["n"])
    totals: dict[int, Decimal | None] = {}
    for nomination_id in complete_nominations(intake).values_list("pk", flat=True):
        scored = sums.get(nomination_id, {})
        if not weights or set(scored) != set(weights):
            totals[nomination_id] = None
            continue
        exact = sum(
            (Fraction(weights[c] * total, n) for c, (total, n) in scored.items()), Fraction(0)
        )
        totals[nomination_id] = as_total(exact)
    return totals


@dataclass(frozen=True)
class ReviewRow:
    nomination: Nomination
    scored_by_me: bool
    reviewers: int
    total: Decimal | None


def review_rows(user: AnyUser, intake: Intake) -> list[ReviewRow]:
    """The intake's complete nominations with the reader's own scoring status, the number
    of reviewers and the total so far."""
    criteria = intake.criteria.count()
    user_id = scope_for(user).user_id
    mine = Counter(
        Score.objects.filter(nomination__intake=intake, reviewer_id=user_id).values_list(
            "nomination_id", flat=True
        )
    )
    reviewers = dict(
        Score.objects.filter(nomination__intake=intake)
        .values("nomination_id")
        .annotate(n=Count("reviewer_id", distinct=True))
        .values_list("nomination_id", "n")
    )
    totals = nomination_totals(intake)
    return [
        ReviewRow(
            nomination,
            criteria > 0 and mine.get(nomination.pk, 0) >= criteria,
            reviewers.get(nomination.pk, 0),
            totals.get(nomination.pk),
        )
        for nomination in complete_nominations(intake).order_by(
            "member__family_name", "member__given_name", "pk"
        )
    ]


def my_scores(user: AnyUser, nomination: Nomination) -> dict[int, Score]:
    """The reader's own scores of the nomination, by criterion id."""
    user_id = scope_for(user).user_id
    return {
        score.criterion_id: score
        for score in Score.objects.filter(nomination=nomination, reviewer_id=user_id)
    }


def intakes_to_review(user: AnyUser) -> list[Intake]:
    """Intakes in selection waiting for `user` (committee, administrators): nominations to
    score or a cohort to confirm, or, once confirmed, a free seat (a selected nomination
    withdrawn) to offer to the waitlist. Each has `to_score`, the complete nominations the
    user has not scored yet (0 once confirmed), and `seat_free`."""
    scope = scope_for(user)
    if not scope.is_authenticated:
        return []
    intakes = Intake.objects.filter(stage=IntakeStage.SELECTING).select_related("programme")
    if not scope.platform_admin:
        communities = scope.admin_communities | scope.committee_communities
        intakes = intakes.filter(programme__community_id__in=communities)
    found = list(intakes.order_by("nominations_close_on", "pk"))
    if not found:
        return []
    scored = Score.objects.filter(reviewer_id=scope.user_id).values("nomination_id")
    unscored = Counter(
        Nomination.objects.filter(complete_q(), intake__in=found)
        .exclude(pk__in=scored)
        .values_list("intake_id", flat=True)
    )
    confirmed = set(
        SelectionRun.objects.filter(intake__in=found, confirmed_at__isnull=False).values_list(
            "intake_id", flat=True
        )
    )
    outcomes = Counter(
        Nomination.objects.filter(
            intake__in=confirmed,
            withdrawn_at__isnull=True,
            outcome__in=(Outcome.SELECTED, Outcome.WAITLISTED),
        ).values_list("intake_id", "outcome")
    )
    waiting = []
    for intake in found:
        done = intake.pk in confirmed
        intake.to_score = 0 if done else unscored.get(intake.pk, 0)  # type: ignore[attr-defined]
        intake.seat_free = (  # type: ignore[attr-defined]
            done
            and outcomes[(intake.pk, Outcome.SELECTED)] < intake.capacity
            and outcomes[(intake.pk, Outcome.WAITLISTED)] > 0
        )
        if not done or intake.seat_free:  # type: ignore[attr-defined]
            waiting.append(intake)
    return waiting


def level_code(nomination: Nomination) -> str:
    level = nomination.member.level
    return level.code if level is not None else UNRECORDED


def nominees(intake: Intake, totals: dict[int, Decimal | None]) -> list[Nominee]:
    """The optimiser's input: every complete nomination with its total (scored ones only),
    the department recorded when nominated, and the nominee's region, first official
    language and level from their profile."""
    return [
        Nominee(
            nomination.pk,
            total,
            nomination.department.code,
            nomination.member.region.code if nomination.member.region_id else UNRECORDED,
            nomination.member.first_official_language,
            level_code(nomination),
        )
        for nomination in complete_nominations(intake)
        if (total := totals.get(nomination.pk)) is not None
    ]


def labels(nominations: list[Nomination]) -> dict[str, str]:
    """Codes as people read them in the active language: departments by acronym, regions
    by name, the unrecorded value as words."""
    found = {UNRECORDED: _("not recorded")}
    for nomination in nominations:
        found[nomination.department.code] = nomination.department.acronym
        region = nomination.member.region
        found[region.code] = localize(region, "name").text
    return found


def latest_run(intake: Intake) -> SelectionRun | None:
    return SelectionRun.objects.filter(intake=intake).order_by("-run_at", "-pk").first()


def confirmed_run(intake: Intake) -> SelectionRun | None:
    return (
        SelectionRun.objects.filter(intake=intake, confirmed_at__isnull=False)
        .order_by("-confirmed_at", "-pk")
        .first()
    )


@dataclass(frozen=True)
class ProposalRow:
    nomination: Nomination
    explanation: Explanation
    reasons: list[str]


def proposal_rows(run: SelectionRun) -> list[ProposalRow]:
    """The run's nominees, the proposed first, each with their reasons in the active
    language. Nominations withdrawn since the run are left out."""
    by_id = {n.pk: n for n in complete_nominations(run.intake)}
    names = {pk: n.member.full_name for pk, n in by_id.items()}
    words = labels(list(by_id.values()))
    return [
        ProposalRow(by_id[e.nominee], e, sentences(e, names=names, labels=words))
        for e in explanations_from(run.explanations)
        if e.nominee in by_id
    ]


def run_rules(run: SelectionRun) -> list[str]:
    """The rules the run kept, as sentences in the active language."""
    words = labels(list(complete_nominations(run.intake)))
    return [describe(rule, words) for rule in rules_from(run.explanations)]


def waitlist(intake: Intake) -> list[Nomination]:
    return list(
        Nomination.objects.filter(
            intake=intake, outcome=Outcome.WAITLISTED, withdrawn_at__isnull=True
        )
        .select_related("member", "member__region", "member__level", "department")
        .order_by("waitlist_rank", "pk")
    )


def selected_count(intake: Intake) -> int:
    return Nomination.objects.filter(
        intake=intake, outcome=Outcome.SELECTED, withdrawn_at__isnull=True
    ).count()
