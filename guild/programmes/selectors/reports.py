"""Reads for the success measures and the programme evaluation report.

The measures are read in a fixed number of queries whatever the cohort's size: three for
every participant's attended and expected sessions of each kind (the cohort pages' own
count, selectors.cohort over rates.py), one for the published answers to `understanding`
and `benefit`, one for the people the published evaluations were sent to, one for the
themes. Answers are read only where a results snapshot published them (`snapshot > 0`:
never pending, never NOT_COUNTED), so the measures move only when a snapshot is taken
(ADR 14, ADR 19)."""

from dataclasses import dataclass
from datetime import date

from django.db.models import (
    Count,
    DateField,
    Q,
    QuerySet,
    Value,
)

from guild.accounts.models import AnyUser
from guild.accounts.scopes import scope_for
from guild.programmes.evaluation_forms import AGREE, BENEFIT, UNDERSTANDING
from guild.programmes.measures import (
    Answers,
    Inputs,
    Measure,
    Publication,
    ThemeCount,
    in_batches,
    ranked_themes,
)
from guild.programmes.measures import success_measures as compute_measures
from guild.programmes.models import (
    Intake,
    IntakeStage,
    Programme,
    Recommendation,
    Session,
    SessionKind,
    Theme,
)
from guild.programmes.rates import Rate
from guild.programmes.selectors.cohort import cohort_rates
from guild.questionnaires.models import Answer, ResultsSnapshot

REPORTED_STAGES = (IntakeStage.RUNNING, IntakeStage.CLOSED)
# The launch counts with the formal events, as on the cohort pages (selectors.cohort).
EVENT_KINDS = (SessionKind.LAUNCH, SessionKind.EVENT)
OPEN_ENDED = Value(date.max, output_field=DateField())


def report_intakes(user: AnyUser) -> list[Intake]:
    """Intakes under way or closed whose success measures `user` may read: those of the
    communities they administer, sit on the committee of, or coordinate a department in."""
    scope = scope_for(user)
    if not scope.is_authenticated:
        return []
    intakes = Intake.objects.filter(stage__in=REPORTED_STAGES).select_related("programme")
    if not scope.platform_admin:
        communities = set(scope.admin_communities) | set(scope.committee_communities)
        communities |= {community for community, _department in scope.coordinated}
        intakes = intakes.filter(programme__community_id__in=communities)
    return list(intakes.order_by("programme__code", "-starts_on", "pk"))


def participant_rates(intake: Intake) -> dict[str, list[Rate]]:
    """Every participant's attendance rate at formal events (the launch with them) and at
    group meetings: the cohort pages' own count (selectors.cohort over rates.py), so the
    report and the pages cannot disagree."""
    by_participant = cohort_rates(intake).by_participant.values()
    return {
        "event": [rates.events for rates in by_participant],
        "group": [rates.groups for rates in by_participant],
    }


def _evaluations(intake: Intake) -> QuerySet[Session]:
    return Session.objects.filter(intake=intake, evaluation__isnull=False).order_by()


def published_answers(intake: Intake) -> dict[str, Answers]:
    """The published answers to `understanding` and `benefit` over the intake's evaluations,
    taken a batch of at least the threshold at a time in the order they were published
    (measures.in_batches), with how many people the counted evaluations were sent to."""
    evaluations = _evaluations(intake).values("evaluation_id")
    counts = (
        Answer.objects.filter(
            questionnaire_id__in=evaluations, question__in=(UNDERSTANDING, BENEFIT), snapshot__gt=0
        )
        .order_by()
        .values("questionnaire_id", "snapshot", "question")
        .annotate(n=Count("pk"), agree=Count("pk", filter=Q(choice__in=AGREE)))
    )
    taken = {
        (questionnaire, number): moment
        for questionnaire, number, moment in ResultsSnapshot.objects.filter(
            questionnaire_id__in=evaluations
        ).values_list("questionnaire_id", "number", "taken_at")
    }
    invited = dict(
        _evaluations(intake)
        .values("evaluation_id")
        .annotate(invited=Count("evaluation__audience_members"))
        .values_list("evaluation_id", "invited")
    )
    rows = sorted(
        counts,
        key=lambda row: (taken[row["questionnaire_id"], row["snapshot"]], row["questionnaire_id"]),
    )
    publications: dict[str, list[Publication]] = {UNDERSTANDING: [], BENEFIT: []}
    seen: set[int] = set()
    for row in rows:
        questionnaire = row["questionnaire_id"]
        first = questionnaire not in seen
        seen.add(questionnaire)
        publications[row["question"]].append(
            Publication(row["agree"], row["n"], invited.get(questionnaire, 0) if first else 0)
        )
    return {code: in_batches(found) for code, found in publications.items()}


def theme_counts(intake: Intake) -> list[ThemeCount]:
    themes = Theme.objects.filter(intake=intake).annotate(comments=Count("tags"))
    return [
        ThemeCount(theme.name_en, theme.name_fr, theme.source, theme.comments) for theme in themes
    ]


@dataclass(frozen=True)
class SuccessReport:
    intake: Intake
    measures: list[Measure]
    # Themes by source ("participants", "supervisors"), most tagged first.
    themes: dict[str, list[ThemeCount]]


def success_measures(intake: Intake) -> SuccessReport:
    """The intake's success measures and feedback themes, in seven queries."""
    rates = participant_rates(intake)
    answers = published_answers(intake)
    inputs = Inputs(
        event_rates=rates["event"],
        group_rates=rates["group"],
        understanding=answers[UNDERSTANDING],
        benefit=answers[BENEFIT],
    )
    return SuccessReport(intake, compute_measures(inputs), ranked_themes(theme_counts(intake)))


@dataclass(frozen=True)
class ProgrammeReport:
    programme: Programme
    intakes: list[SuccessReport]
    recommendations: list[Recommendation]

    @property
    def rows(self) -> list[tuple[Measure, list[Measure]]]:
        """Each measure with its value in every intake, for a side-by-side table."""
        if not self.intakes:
            return []
        columns = [item.measures for item in self.intakes]
        return [(row[0], list(row)) for row in zip(*columns, strict=True)]


def programme_report(programme: Programme) -> ProgrammeReport:
    """Each reported intake's measures side by side (oldest first) and the recommendations."""
    intakes = Intake.objects.filter(programme=programme, stage__in=REPORTED_STAGES).order_by(
        "starts_on", "pk"
    )
    recommendations = Recommendation.objects.filter(programme=programme).select_related("intake")
    return ProgrammeReport(
        programme, [success_measures(intake) for intake in intakes], list(recommendations)
    )
