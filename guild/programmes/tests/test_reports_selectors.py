"""The success measures read from real rows: the attendance register and answers submitted
through the questionnaire engine and published by snapshots, in a fixed number of queries."""

from typing import Any

from django.db import connection
from django.test.utils import CaptureQueriesContext

from guild.accounts.models import Role
from guild.core.disclosure import SMALL
from guild.members.models import Member
from guild.organizations.models import Department
from guild.programmes.measures import BENEFIT, EVENT_ATTENDANCE, GROUP_ATTENDANCE, UNDERSTANDING
from guild.programmes.models import Intake, Participant, SessionKind
from guild.programmes.rates import Rate, pooled_rate
from guild.programmes.selectors.cohort import cohort_rates
from guild.programmes.selectors.reports import participant_rates, report_intakes, success_measures
from guild.programmes.services.themes import comment_tag, theme_save
from guild.programmes.tests.reports_data import (
    Cohort,
    built,
    evaluate,
    mark,
    publish,
    session,
)
from guild.questionnaires.models import NOT_COUNTED, Response

AGREE = ["strongly_agree", "agree"]


__all__ = ["built"]


def _measures(intake: Intake) -> dict[str, Any]:
    return {m.code: m for m in success_measures(intake).measures}


def test_attendance_counted_in_sql_is_the_rate_of_the_cohort_pages(built: dict[str, Any]) -> None:
    crew: Cohort = built["crew"]
    rates = participant_rates(crew.intake)
    # Events: 11 of 11 expected (one excused), then 9 of 11 (the leaver had left): 20/22.
    assert pooled_rate(rates["event"]) == Rate(20, 22)
    measures = _measures(crew.intake)
    # The leaver was excused from the one event in their window: expected at none, not in n.
    assert (measures[EVENT_ATTENDANCE].percent, measures[EVENT_ATTENDANCE].n) == (91, 11)
    # Meetings: 5 of 6, and 5 of 5 (the leaver had left): 10/11.
    assert (measures[GROUP_ATTENDANCE].percent, measures[GROUP_ATTENDANCE].n) == (91, 11)

    # The launch counts with the events; a participant marked at another group's meeting
    # (moved between groups) is expected there.
    p = crew.participants
    launch = session(crew.intake, SessionKind.LAUNCH, crew.intake.starts_on, name="Launch")
    mark(launch, {x: ("absent" if x == p[3] else "present") for x in p})
    mark(built["sessions"][3], {p[5]: "present"})
    rates = participant_rates(crew.intake)
    pages = cohort_rates(crew.intake)
    by_page = [pages.by_participant[x.pk] for x in Participant.objects.filter(intake=crew.intake)]
    assert sorted(rates["event"], key=repr) == sorted((r.events for r in by_page), key=repr)
    assert sorted(rates["group"], key=repr) == sorted((r.groups for r in by_page), key=repr)
    assert pooled_rate(rates["event"]) == pages.pooled("events") == Rate(31, 34)
    assert pooled_rate(rates["group"]) == pages.pooled("groups") == Rate(11, 12)
    measures = _measures(crew.intake)
    assert (measures[EVENT_ATTENDANCE].percent, measures[EVENT_ATTENDANCE].n) == (91, 12)
    assert (measures[GROUP_ATTENDANCE].percent, measures[GROUP_ATTENDANCE].n) == (92, 11)


def test_only_published_answers_count(built: dict[str, Any]) -> None:
    crew: Cohort = built["crew"]
    admin = built["admin"]
    event1, event2, meeting1, meeting2 = built["sessions"]
    p = crew.participants
    first = evaluate(
        admin, event1, p[:11], AGREE * 4 + ["agree", "neutral"], question="understanding"
    )
    second = evaluate(admin, event2, p[:9], ["disagree"] * 9, question="understanding")
    group1 = evaluate(admin, meeting1, p[:5], ["agree"] * 4 + ["neutral"], question="benefit")
    group2 = evaluate(admin, meeting2, p[6:11], ["strongly_agree"] * 5, question="benefit")
    # Nothing is published yet: every answer measure is withheld.
    measures = _measures(crew.intake)
    assert measures[UNDERSTANDING].withheld == "no_data"
    assert measures[BENEFIT].withheld == "no_data"
    assert publish(first) is not None  # 10 responses: published
    assert publish(second) is None  # 9 responses, under the threshold of 10: never published
    assert publish(group1) is not None  # a group meeting's threshold is 5
    assert publish(group2) is not None
    measures = _measures(crew.intake)
    understanding = measures[UNDERSTANDING]
    # 9 agreed of the 10 published answers; event 1 went to the 11 who attended.
    assert (understanding.percent, understanding.n, understanding.invited) == (90, 10, 11)
    assert understanding.response_rate == 91
    benefit = measures[BENEFIT]
    assert (benefit.percent, benefit.n, benefit.invited, benefit.response_rate) == (90, 10, 10, 100)


def test_answers_of_members_not_counted_in_statistics_never_count(
    built: dict[str, Any],
) -> None:
    crew: Cohort = built["crew"]
    event1 = built["sessions"][0]
    p = crew.participants
    Member.objects.filter(pk=p[0].member_id).update(consent_statistics=False)
    questionnaire = evaluate(
        built["admin"], event1, p[:11], ["agree"] * 11, question="understanding"
    )
    assert Response.objects.filter(questionnaire=questionnaire, snapshot=NOT_COUNTED).count() == 1
    assert publish(questionnaire) is not None
    understanding = _measures(crew.intake)[UNDERSTANDING]
    assert (understanding.percent, understanding.n, understanding.invited) == (100, 10, 11)


def test_a_meetings_published_answers_wait_for_a_batch_of_the_threshold(
    built: dict[str, Any],
) -> None:
    crew: Cohort = built["crew"]
    meeting2 = built["sessions"][3]
    questionnaire = evaluate(
        built["admin"], meeting2, crew.participants[6:11], ["agree"] * 5, question="benefit"
    )
    assert publish(questionnaire) is not None
    # Five published answers are fewer than a batch (10): not counted yet, not even as n.
    benefit = _measures(crew.intake)[BENEFIT]
    assert (benefit.percent, benefit.n, benefit.response_rate, benefit.withheld) == (
        None,
        SMALL,
        None,
        "no_data",
    )


def test_a_fixed_number_of_queries_whatever_the_cohort(built: dict[str, Any]) -> None:
    crew: Cohort = built["crew"]
    theme = theme_save(
        actor=built["admin"], intake=crew.intake, source="participants", name_en="A", name_fr="A"
    )
    assert theme.pk
    with CaptureQueriesContext(connection) as queries:
        report = success_measures(crew.intake)
    assert len(queries) == 7
    assert report.themes == {}


def test_themes_are_listed_by_tagged_comments(built: dict[str, Any]) -> None:
    crew: Cohort = built["crew"]
    admin = built["admin"]
    event1 = built["sessions"][0]
    comments = [f"Comment {i}" for i in range(10)]
    questionnaire = evaluate(
        admin,
        event1,
        crew.participants,
        ["agree"] * 10,
        question="understanding",
        comments=comments,
    )
    publish(questionnaire)
    responses = list(Response.objects.filter(questionnaire=questionnaire).order_by("pk"))
    people = theme_save(
        actor=admin,
        intake=crew.intake,
        source="participants",
        name_en="Networking",
        name_fr="Réseautage",
    )
    time = theme_save(
        actor=admin, intake=crew.intake, source="participants", name_en="Time", name_fr="Temps"
    )
    theme_save(
        actor=admin,
        intake=crew.intake,
        source="participants",
        name_en="Unused",
        name_fr="Inutilisé",
    )
    for response in responses[:3]:
        comment_tag(actor=admin, theme=time, response_id=response.pk, question="comments")
    comment_tag(actor=admin, theme=people, response_id=responses[5].pk, question="comments")
    themes = success_measures(crew.intake).themes
    assert [t.name_en for t in themes["participants"]] == ["Time", "Networking"]
    assert [t.name_fr for t in themes["participants"]] == ["Temps", "Réseautage"]
    assert list(themes) == ["participants"]


def test_report_intakes_are_those_under_way_or_closed_of_the_readers_communities(
    built: dict[str, Any],
    cast: dict[str, Any],
    make_member: Any,
    grant: Any,
    it_community: Any,
    cra: Department,
) -> None:
    running = built["crew"].intake
    planned = Intake.objects.create(
        programme=running.programme,
        name_en="Intake 2",
        name_fr="Cohorte 2",
        nominations_open_on=running.nominations_open_on,
        nominations_close_on=running.nominations_close_on,
        starts_on=running.starts_on,
        ends_on=running.ends_on,
        capacity=20,
    )
    assert planned.stage == "planned"
    for reader in ("admin", "committee", "coordinator"):
        assert report_intakes(cast[reader].user) == [running]
    assert report_intakes(cast["platform"]) == [running]
    outsider = make_member(department=cra)
    grant(outsider.user, Role.PROGRAMME_ADMINISTRATOR, it_community)
    for user in (cast["member"].user, outsider.user, built["crew"].participants[0].member.user):
        assert report_intakes(user) == []
