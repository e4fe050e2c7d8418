"""A supervisor's bulk validation through the real HTTP stack: every pending level of the
direct reports in one form, per-row override and comment, all errors at once, all or
nothing, audited per row, and nothing for another supervisor's reports."""

from collections.abc import Callable
from typing import Any

import pytest
from django.core.exceptions import ValidationError

from guild.competencies.models import Assessment, Competency, CurrentAssessment
from guild.competencies.services import (
    Validation,
    assessment_self,
    assessment_supervise,
    assessments_supervise_many,
)
from guild.core.errors import PermissionDenied
from guild.core.models import AuditEvent
from guild.members.models import Member

pytestmark = pytest.mark.django_db
PAGE = "/en/competencies/team/validate/"


@pytest.fixture
def waiting(
    cast: dict[str, Any],
    on_profile: Callable[[Member], Member],
    competency: Callable[[str], Competency],
    make_member: Any,
) -> dict[str, Any]:
    """Sam's reports: the member self-assessed RIL-01 (2) and RIL-02 (3), the private member
    ACP-01 (1); RIL-01 of the member was validated before and self-assessed again. Otto
    supervises Rae, who self-assessed RIL-01."""
    member, private, boss = cast["member"], cast["private"], cast["supervisor"]
    for person in (member, private):
        on_profile(person)
    ril01, ril02, acp01 = competency("RIL-01"), competency("RIL-02"), competency("ACP-01")
    assessment_self(actor=member.user, member=member, competency=ril01, level=1)
    assessment_supervise(actor=boss.user, member=member, competency=ril01, level=1)
    assessment_self(actor=member.user, member=member, competency=ril01, level=2, evidence="Plan")
    assessment_self(actor=member.user, member=member, competency=ril02, level=3)
    assessment_self(actor=private.user, member=private, competency=acp01, level=1)
    other_boss = make_member(given_name="Otto", family_name="Boss")
    rae = on_profile(make_member(given_name="Rae", family_name="Report", supervisor=other_boss))
    assessment_self(actor=rae.user, member=rae, competency=ril01, level=4)
    return {**cast, "ril01": ril01, "ril02": ril02, "acp01": acp01, "otto": other_boss, "rae": rae}


def _key(member: Member, competency: Competency) -> str:
    return f"{member.pk}-{competency.pk}"


def _levels() -> list[tuple[str, str, int | None, int | None, int | None]]:
    return sorted(
        CurrentAssessment.objects.values_list(
            "member__given_name",
            "competency__code",
            "self_level",
            "supervisor_level",
            "validated_level",
        )
    )


def test_team_page_links_to_the_form_with_every_pending_level(
    waiting: dict[str, Any], login: Any
) -> None:
    client = login(waiting["supervisor"].user)
    team = client.get("/en/competencies/team/").content.decode()
    assert f'href="{PAGE}">Validate the 3 waiting levels in one form</a>' in team

    page = client.get(PAGE)

    assert page.status_code == 200
    member, private = waiting["member"], waiting["private"]
    assert [
        (row.member.pk, row.competency.code, row.target, row.self_assessment.level)
        for row, *_fields in page.context["rows"]
    ] == [
        (member.pk, "RIL-01", 3, 2),
        (member.pk, "RIL-02", 4, 3),
        (private.pk, "ACP-01", 2, 1),
    ]
    html = page.content.decode()
    assert "3 levels wait for validation" in html
    assert "(your last level: 1)" in html
    key = _key(member, waiting["ril01"])
    assert '<option value="2" selected>2 - Working</option>' in html
    assert f'name="confirm-{key}"' in html and f'name="comment-{key}"' in html
    assert "Rae" not in html


def test_supervisor_confirms_and_overrides_many_levels_in_one_post(
    waiting: dict[str, Any], login: Any
) -> None:
    member, private, boss = waiting["member"], waiting["private"], waiting["supervisor"]
    ril01, ril02, acp01 = waiting["ril01"], waiting["ril02"], waiting["acp01"]
    before = AuditEvent.objects.count()

    response = login(boss.user).post(
        PAGE,
        {
            f"confirm-{_key(member, ril01)}": "on",
            f"level-{_key(member, ril01)}": "2",
            f"confirm-{_key(private, acp01)}": "on",
            f"level-{_key(private, acp01)}": "2",
            f"comment-{_key(private, acp01)}": "Seen on the file plan.",
            # Not ticked: keeps waiting whatever its level says.
            f"level-{_key(member, ril02)}": "4",
        },
        follow=True,
    )

    assert response.redirect_chain == [(PAGE, 302)]
    assert [str(m) for m in response.context["messages"]] == ["2 levels were recorded."]
    assert [row.key for row, *_f in response.context["rows"]] == [_key(member, ril02)]
    states = {
        (s.member_id, s.competency_id): (s.supervisor_level, s.validated_level)
        for s in CurrentAssessment.objects.all()
    }
    assert states[(member.pk, ril01.pk)] == (2, 2)
    assert states[(member.pk, ril02.pk)] == (None, 3)
    assert states[(private.pk, acp01.pk)] == (2, 2)
    comment = Assessment.objects.get(member=private, kind="supervisor").comment
    assert comment == "Seen on the file plan."
    events = list(AuditEvent.objects.order_by("id")[before:].values_list("action", "changes"))
    assert events == [
        (
            "assessment.supervisor",
            {
                "member": [None, member.pk],
                "competency": [None, "RIL-01"],
                "level": [1, 2],
                "validated_level": [None, 2],
            },
        ),
        (
            "assessment.supervisor",
            {
                "member": [None, private.pk],
                "competency": [None, "ACP-01"],
                "level": [None, 2],
                "validated_level": [None, 2],
            },
        ),
    ]


def test_every_bad_row_is_reported_at_once_and_nothing_is_saved(
    waiting: dict[str, Any], login: Any
) -> None:
    member, private = waiting["member"], waiting["private"]
    ril01, ril02, acp01 = waiting["ril01"], waiting["ril02"], waiting["acp01"]
    before = (_levels(), Assessment.objects.count(), AuditEvent.objects.count())

    response = login(waiting["supervisor"].user).post(
        PAGE,
        {
            f"confirm-{_key(member, ril01)}": "on",
            f"level-{_key(member, ril01)}": "9",
            f"confirm-{_key(member, ril02)}": "on",
            f"level-{_key(member, ril02)}": "3",
            f"comment-{_key(member, ril02)}": "x" * 4001,
            f"confirm-{_key(private, acp01)}": "on",
            f"level-{_key(private, acp01)}": "2",
        },
    )

    assert response.status_code == 400
    assert response.context["form"].errors == {
        f"level-{_key(member, ril01)}": ["Choose a level from 1 to 4."],
        f"comment-{_key(member, ril02)}": [
            "Ensure this value has at most 4000 characters (it has 4001)."
        ],
    }
    assert "gcds-error-summary" in response.content.decode()
    assert (_levels(), Assessment.objects.count(), AuditEvent.objects.count()) == before


def test_a_second_click_on_rows_already_recorded_records_nothing_again(
    waiting: dict[str, Any], login: Any
) -> None:
    member, ril01 = waiting["member"], waiting["ril01"]
    data = {f"confirm-{_key(member, ril01)}": "on", f"level-{_key(member, ril01)}": "2"}
    client = login(waiting["supervisor"].user)
    assert client.post(PAGE, data).status_code == 302
    count = Assessment.objects.count()

    again = client.post(PAGE, data)

    assert again.status_code == 400
    assert again.context["form"].non_field_errors() == [
        "Tick the levels to record: none is ticked."
    ]
    assert Assessment.objects.count() == count


def test_nothing_ticked_is_an_error(waiting: dict[str, Any], login: Any) -> None:
    response = login(waiting["supervisor"].user).post(PAGE, {})
    assert response.status_code == 400
    assert response.context["form"].non_field_errors() == [
        "Tick the levels to record: none is ticked."
    ]


def test_another_supervisors_report_is_refused_and_nothing_changes(
    waiting: dict[str, Any], login: Any
) -> None:
    member, rae, ril01 = waiting["member"], waiting["rae"], waiting["ril01"]
    before = (_levels(), Assessment.objects.count(), AuditEvent.objects.count())

    # Otto ticks Sam's report's row along with his own report's.
    response = login(waiting["otto"].user).post(
        PAGE,
        {
            f"confirm-{_key(rae, ril01)}": "on",
            f"level-{_key(rae, ril01)}": "4",
            f"confirm-{_key(member, ril01)}": "on",
            f"level-{_key(member, ril01)}": "4",
        },
    )

    assert response.status_code == 404
    assert (_levels(), Assessment.objects.count(), AuditEvent.objects.count()) == before
    # Otto's own page lists only Rae.
    page = login(waiting["otto"].user).get(PAGE)
    assert [row.member.pk for row, *_f in page.context["rows"]] == [rae.pk]


def test_the_service_is_all_or_nothing(waiting: dict[str, Any]) -> None:
    member, rae, ril01 = waiting["member"], waiting["rae"], waiting["ril01"]
    boss = waiting["supervisor"]
    before = (_levels(), Assessment.objects.count(), AuditEvent.objects.count())

    with pytest.raises(PermissionDenied):
        assessments_supervise_many(
            actor=boss.user,
            validations=[
                Validation(member=member, competency=ril01, level=2),
                Validation(member=rae, competency=ril01, level=2),
            ],
        )
    with pytest.raises(ValidationError) as raised:
        assessments_supervise_many(
            actor=boss.user,
            validations=[
                Validation(member=member, competency=ril01, level=2),
                Validation(member=member, competency=waiting["ril02"], level=5),
            ],
        )
    assert raised.value.message_dict == {"1.level": ["Choose a level from 1 to 4."]}
    assert (_levels(), Assessment.objects.count(), AuditEvent.objects.count()) == before


def test_nobody_waiting(cast: dict[str, Any], login: Any) -> None:
    page = login(cast["other"].user).get(PAGE)
    assert page.status_code == 200
    assert "Nothing waits for your validation." in page.content.decode()
