"""A member's competency pages and their supervisor's, through the real HTTP stack: who
gets which page, the self-assessment and validation forms, bad input saving nothing."""

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

from guild.competencies.models import Assessment, Competency, CurrentAssessment
from guild.competencies.selectors import member_gap_rows, reports_summary
from guild.competencies.services import assessment_self, assessment_supervise
from guild.competencies.views.team import is_pending
from guild.members.models import Member

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(cast: dict[str, Any], on_profile: Callable[[Member], Member], make_member: Any) -> Any:
    """The member and the private member (both Sam's reports) on the profile; another
    supervisor with a report of their own."""
    on_profile(cast["member"])
    on_profile(cast["private"])
    other_boss = make_member(given_name="Otto", family_name="Boss")
    make_member(given_name="Rae", family_name="Report", supervisor=other_boss)
    return {**cast, "other_boss": other_boss}


def _get(client: Client, path: str) -> Any:
    return client.get(f"/en{path}")


def test_anonymous_visitors_are_sent_to_sign_in(
    people: Any, competency: Callable[[str], Competency]
) -> None:
    member = people["member"]
    rid = competency("RIL-01").pk
    for path in (
        "/competencies/me/",
        "/competencies/me/assess/",
        f"/competencies/me/assess/{rid}/",
        "/competencies/me/history/",
        "/competencies/team/",
        f"/competencies/team/{member.pk}/",
        f"/competencies/team/{member.pk}/validate/{rid}/",
    ):
        response = _get(Client(), path)
        assert response.status_code == 302, path
        assert response["Location"].startswith("/en/accounts/login/"), path


def test_member_sees_levels_side_by_side_with_gaps_and_what_is_missing(
    people: Any, login: Any, competency: Callable[[str], Competency]
) -> None:
    member = people["member"]
    ril01 = competency("RIL-01")
    assessment_self(actor=member.user, member=member, competency=ril01, level=1)
    assessment_supervise(
        actor=people["supervisor"].user, member=member, competency=ril01, level=2, comment="ok"
    )

    response = _get(login(member.user), "/competencies/me/")

    assert response.status_code == 200
    html = response.content.decode()
    assert "Records manager, IS-04" in html
    gaps = response.context["gaps"]
    assert [
        (r.code, r.target, r.self_level, r.supervisor_level, r.validated, r.gap) for r in gaps.rows
    ] == [
        ("RIL-01", 3, 1, 2, 2, 1),
        ("RIL-02", 4, None, None, None, None),
        ("ACP-01", 2, None, None, None, None),
    ]
    # What is missing for RIL-01: the indicators of level 3 (validated 2, target 3).
    level3 = ril01.indicators.get(level=3).indicators_en
    assert "Level 3: Proficient" in html
    assert level3.splitlines()[0] in html
    assert "Assess the 2 competencies not assessed yet" in html


def test_member_without_profile_or_member_record_gets_a_page_saying_so(
    cast: dict[str, Any], login: Any, make_member: Any
) -> None:
    response = _get(login(cast["member"].user), "/competencies/me/")
    assert response.status_code == 200
    assert "Your position has no role profile yet" in response.content.decode()

    response = _get(login(cast["platform"]), "/competencies/me/")
    assert response.status_code == 200
    assert "You have no member profile yet." in response.content.decode()


def test_self_assessment_form_shows_each_level_with_its_indicators_and_saves(
    people: Any, login: Any, competency: Callable[[str], Competency]
) -> None:
    member = people["member"]
    ril02 = competency("RIL-02")
    client = login(member.user)
    path = f"/competencies/me/assess/{ril02.pk}/"

    page = _get(client, path)
    assert page.status_code == 200
    html = page.content.decode()
    for indicator in ril02.indicators.all():
        assert f'value="{indicator.level}"' in html
    assert "<legend>Your level" in html

    response = client.post(
        f"/en{path}",
        {
            "level": "3",
            "evidence": "Led the file plan review.",
            "links": "https://example.gc.ca/plan\n\nhttps://example.gc.ca/report",
        },
    )

    assert response.status_code == 302 and response["Location"] == "/en/competencies/me/"
    saved = Assessment.objects.get(member=member, competency=ril02)
    assert (saved.kind, saved.level, saved.evidence, saved.links, saved.author) == (
        "self",
        3,
        "Led the file plan review.",
        ["https://example.gc.ca/plan", "https://example.gc.ca/report"],
        member.user,
    )

    # A second assessment is a new record: the history is append-only.
    client.post(f"/en{path}", {"level": "4"})
    assert list(
        Assessment.objects.filter(member=member, competency=ril02)
        .order_by("id")
        .values_list("level", flat=True)
    ) == [3, 4]


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"level": "7"}, "level", "Choose a level from 1 to 4."),
        ({"level": "0"}, "level", "Choose a level from 1 to 4."),
        ({"level": "two"}, "level", "Choose a level from 1 to 4."),
        ({}, "level", "Choose a level."),
        (
            {"level": "2", "links": "https://example.gc.ca/a\njavascript:alert(1)"},
            "links",
            "Line 2 is not a web address starting with https:// or http://.",
        ),
    ],
)
def test_bad_self_assessment_shows_the_field_error_and_saves_nothing(
    people: Any,
    login: Any,
    competency: Callable[[str], Competency],
    data: dict[str, str],
    field: str,
    message: str,
) -> None:
    member = people["member"]
    path = f"/en/competencies/me/assess/{competency('RIL-01').pk}/"

    response = login(member.user).post(path, data)

    assert response.status_code == 400
    assert response.context["form"].errors[field] == [message]
    assert "gcds-error-summary" in response.content.decode()
    assert not Assessment.objects.exists() and not CurrentAssessment.objects.exists()


def test_competency_outside_the_members_profile_is_not_found(
    people: Any, login: Any, competency: Callable[[str], Competency]
) -> None:
    member = people["member"]
    outside = competency("RIL-03")
    client = login(member.user)

    assert _get(client, f"/competencies/me/assess/{outside.pk}/").status_code == 404
    assert (
        client.post(f"/en/competencies/me/assess/{outside.pk}/", {"level": "2"}).status_code == 404
    )
    assert not Assessment.objects.exists()


def test_assess_next_goes_to_the_first_competency_not_assessed(
    people: Any, login: Any, competency: Callable[[str], Competency]
) -> None:
    member = people["member"]
    client = login(member.user)
    assessment_self(actor=member.user, member=member, competency=competency("RIL-01"), level=2)

    response = _get(client, "/competencies/me/assess/")

    assert response["Location"] == f"/en/competencies/me/assess/{competency('RIL-02').pk}/?run=1"


def test_history_lists_every_assessment_with_who_and_when(
    people: Any, login: Any, competency: Callable[[str], Competency]
) -> None:
    member, boss = people["member"], people["supervisor"]
    ril01 = competency("RIL-01")
    assessment_self(actor=member.user, member=member, competency=ril01, level=2, evidence="Did it")
    assessment_supervise(actor=boss.user, member=member, competency=ril01, level=3, comment="More")

    response = _get(login(member.user), "/competencies/me/history/")

    assert response.status_code == 200
    items = response.context["page"].items
    assert [(a.kind, a.level, a.author) for a in items] == [
        ("supervisor", 3, boss.user),
        ("self", 2, member.user),
    ]
    html = response.content.decode()
    assert "2 assessments" in html and boss.user.email in html and "More" in html


def test_supervisor_sees_the_team_with_pending_validations(
    people: Any, login: Any, competency: Callable[[str], Competency]
) -> None:
    member, private = people["member"], people["private"]
    assessment_self(actor=member.user, member=member, competency=competency("RIL-01"), level=2)
    assessment_self(actor=member.user, member=member, competency=competency("RIL-02"), level=2)

    response = _get(login(people["supervisor"].user), "/competencies/team/")

    assert response.status_code == 200
    rows = {
        report.pk: (summary.pending, summary.to_assess)
        for report, summary in response.context["rows"]
    }
    assert rows == {member.pk: (2, 1), private.pk: (0, 3)}


def test_team_summary_counts_what_waits_in_a_fixed_number_of_queries(
    people: Any,
    login: Any,
    competency: Callable[[str], Competency],
    django_assert_num_queries: Any,
) -> None:
    member, private, boss = people["member"], people["private"], people["supervisor"]
    ril01, ril02, acp01 = competency("RIL-01"), competency("RIL-02"), competency("ACP-01")
    assessment_self(actor=member.user, member=member, competency=ril01, level=2)
    assessment_supervise(actor=boss.user, member=member, competency=ril01, level=3)
    assessment_self(actor=member.user, member=member, competency=ril02, level=2)
    assessment_supervise(actor=boss.user, member=member, competency=ril02, level=2)
    assessment_self(actor=member.user, member=member, competency=ril02, level=3)
    assessment_supervise(actor=boss.user, member=private, competency=acp01, level=1)

    with django_assert_num_queries(2):
        summaries = reports_summary([member, private, boss])

    assert {pk: (s.pending, s.to_assess) for pk, s in summaries.items()} == {
        member.pk: (1, 1),  # RIL-02 self-assessed again after the supervisor's word
        private.pk: (0, 2),
        boss.pk: (0, 0),
    }
    assert summaries[boss.pk].profile is None
    assert summaries[member.pk].profile is not None
    for report in (member, private):
        gaps = member_gap_rows(report)
        assert summaries[report.pk].pending == sum(is_pending(row) for row in gaps.rows)
        assert summaries[report.pk].to_assess == len(gaps.to_assess)


def test_supervisor_validates_a_report_and_the_validated_level_follows(
    people: Any, login: Any, competency: Callable[[str], Competency]
) -> None:
    member, boss = people["member"], people["supervisor"]
    ril01 = competency("RIL-01")
    assessment_self(actor=member.user, member=member, competency=ril01, level=2)
    client = login(boss.user)

    page = _get(client, f"/competencies/team/{member.pk}/")
    assert page.status_code == 200
    assert page.context["pending"] == {ril01.pk}
    assert f"/en/competencies/team/{member.pk}/validate/{ril01.pk}/" in page.content.decode()

    form = _get(client, f"/competencies/team/{member.pk}/validate/{ril01.pk}/")
    assert form.status_code == 200
    response = client.post(
        f"/en/competencies/team/{member.pk}/validate/{ril01.pk}/",
        {"level": "3", "comment": "Shown on the review."},
    )

    assert response.status_code == 302
    assert response["Location"] == f"/en/competencies/team/{member.pk}/"
    state = CurrentAssessment.objects.get(member=member, competency=ril01)
    assert (state.self_level, state.supervisor_level, state.validated_level) == (2, 3, 3)
    assert state.supervisor_assessment is not None
    assert state.supervisor_assessment.comment == "Shown on the review."


def test_bad_validation_shows_the_error_and_saves_nothing(
    people: Any, login: Any, competency: Callable[[str], Competency]
) -> None:
    member = people["member"]
    ril01 = competency("RIL-01")
    response = login(people["supervisor"].user).post(
        f"/en/competencies/team/{member.pk}/validate/{ril01.pk}/", {"level": "9"}
    )
    assert response.status_code == 400
    assert response.context["form"].errors["level"] == ["Choose a level from 1 to 4."]
    assert not Assessment.objects.exists()


def test_only_the_supervisor_reaches_a_reports_pages(
    people: Any, login: Any, competency: Callable[[str], Competency]
) -> None:
    member = people["member"]
    ril01 = competency("RIL-01")
    team_page = f"/competencies/team/{member.pk}/"
    validate = f"/competencies/team/{member.pk}/validate/{ril01.pk}/"
    expected = {
        "member": (200, 404, 404),  # their own levels, but nobody validates themself
        "other_boss": (404, 404, 404),
        "coordinator": (404, 404, 404),
        "admin": (404, 404, 404),
        "other": (404, 404, 404),
        "supervisor": (200, 200, 302),
    }
    for key, (team_status, form_status, post_status) in expected.items():
        client = login(people[key].user)
        assert _get(client, team_page).status_code == team_status, key
        assert _get(client, validate).status_code == form_status, key
        assert client.post(f"/en{validate}", {"level": "2"}).status_code == post_status, key
    assert list(Assessment.objects.values_list("author", "kind", "level")) == [
        (people["supervisor"].user.pk, "supervisor", 2)
    ]


def test_team_page_of_someone_without_reports(people: Any, login: Any) -> None:
    response = _get(login(people["other"].user), "/competencies/team/")
    assert response.status_code == 200
    assert "Nobody reports to you in Guild." in response.content.decode()
