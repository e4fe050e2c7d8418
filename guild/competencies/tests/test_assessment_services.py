"""Assessments: the member's own level with evidence, the supervisor's confirmation, the
validated-level rule, an append-only history, and every bad input refused unsaved."""

from collections.abc import Callable
from typing import Any

import pytest
from django.core.exceptions import ValidationError

from guild.competencies.models import Assessment, CurrentAssessment
from guild.competencies.selectors import assessment_history, member_gap_rows
from guild.competencies.services import assessment_self, assessment_supervise
from guild.core.errors import PermissionDenied
from guild.core.models import AuditEvent


def _state() -> tuple[int, int, int]:
    return (
        Assessment.objects.count(),
        CurrentAssessment.objects.count(),
        AuditEvent.objects.filter(action__startswith="assessment.").count(),
    )


@pytest.fixture
def mia(cast: dict[str, Any], on_profile: Callable[..., Any]) -> Any:
    return on_profile(cast["member"])


@pytest.mark.django_db
def test_self_assessment_then_supervisor_adjusts(
    mia: Any, cast: dict[str, Any], competency: Callable[[str], Any]
) -> None:
    ril = competency("RIL-01")
    mine = assessment_self(
        actor=mia.user,
        member=mia,
        competency=ril,
        level=2,
        evidence="Maintained the branch file plan.",
        links=["https://gcdocs.example.gc.ca/file-plan"],
    )
    state = CurrentAssessment.objects.get(member=mia, competency=ril)
    assert (state.self_level, state.supervisor_level, state.validated_level) == (2, None, 2)
    assert state.self_assessment == mine and state.self_at == mine.created_at
    supervisor = cast["supervisor"]
    theirs = assessment_supervise(
        actor=supervisor.user, member=mia, competency=ril, level=1, comment="Not yet on its own."
    )
    state.refresh_from_db()
    assert (state.self_level, state.supervisor_level, state.validated_level) == (2, 1, 1)
    assert state.supervisor_assessment == theirs
    assert theirs.author == supervisor.user and theirs.kind == "supervisor"
    event = AuditEvent.objects.get(action="assessment.supervisor")
    assert event.actor == supervisor.user
    assert event.changes == {
        "member": [None, mia.pk],
        "competency": [None, "RIL-01"],
        "level": [None, 1],
        "validated_level": [None, 1],
    }


@pytest.mark.django_db
def test_the_history_is_append_only(mia: Any, competency: Callable[[str], Any]) -> None:
    ril = competency("RIL-01")
    for level in (1, 3, 2):
        assessment_self(actor=mia.user, member=mia, competency=ril, level=level)
    history = list(assessment_history(mia, ril))
    assert [a.level for a in history] == [2, 3, 1]
    assert {a.author_id for a in history} == {mia.user.pk}
    assert CurrentAssessment.objects.get(member=mia, competency=ril).self_level == 2
    first = history[-1]
    first.level = 4
    with pytest.raises(ValueError, match="append-only"):
        first.save()
    with pytest.raises(ValueError, match="append-only"):
        first.delete()
    assert Assessment.objects.get(pk=first.pk).level == 1
    assert AuditEvent.objects.filter(action="assessment.self").count() == 3


@pytest.mark.django_db
def test_supervisor_level_wins_and_a_later_self_assessment_does_not_override_it(
    mia: Any, cast: dict[str, Any], competency: Callable[[str], Any]
) -> None:
    ril = competency("RIL-02")
    assessment_supervise(actor=cast["supervisor"].user, member=mia, competency=ril, level=3)
    assessment_self(actor=mia.user, member=mia, competency=ril, level=4)
    row = next(r for r in member_gap_rows(mia).rows if r.code == "RIL-02")
    assert (row.self_level, row.supervisor_level, row.validated, row.target, row.gap) == (
        4,
        3,
        3,
        4,
        1,
    )


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("kwargs", "field", "message"),
    [
        ({"level": 0}, "level", "Choose a level from 1 to 4."),
        ({"level": 5}, "level", "Choose a level from 1 to 4."),
        ({"level": True}, "level", "Choose a level from 1 to 4."),
        ({"links": ["javascript:alert(1)"]}, "links", "Not a web address: javascript:alert(1)"),
        ({"links": ["ftp://example.gc.ca/x"]}, "links", "Not a web address: ftp://example.gc.ca/x"),
        ({"links": ["https://e.gc.ca"] * 11}, "links", "Give at most 10 links."),
        ({"evidence": "x" * 5001}, "evidence", "Write at most 5000 characters."),
    ],
)
def test_bad_self_assessments_save_nothing(
    mia: Any, competency: Callable[[str], Any], kwargs: dict[str, Any], field: str, message: str
) -> None:
    arguments = {"level": 2, **kwargs}
    with pytest.raises(ValidationError) as raised:
        assessment_self(actor=mia.user, member=mia, competency=competency("RIL-01"), **arguments)
    assert message in raised.value.message_dict[field]
    assert _state() == (0, 0, 0)


@pytest.mark.django_db
def test_a_competency_outside_the_profile_framework_is_refused(
    mia: Any, admin_version: Any
) -> None:
    other = admin_version.competencies.get(code="DATA-1")
    with pytest.raises(ValidationError) as raised:
        assessment_self(actor=mia.user, member=mia, competency=other, level=2)
    assert raised.value.message_dict["competency"] == [
        "This competency is not in the framework of the member's role profile."
    ]
    assert _state() == (0, 0, 0)


@pytest.mark.django_db
def test_a_member_without_profile_cannot_assess(
    cast: dict[str, Any], version: Any, competency: Callable[[str], Any]
) -> None:
    other = cast["other"]
    with pytest.raises(ValidationError) as raised:
        assessment_self(actor=other.user, member=other, competency=competency("RIL-01"), level=2)
    assert raised.value.message_dict["competency"] == [
        "The member has no role profile yet: choose one first."
    ]
    assert _state() == (0, 0, 0)


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["supervisor", "coordinator", "admin", "other"])
def test_nobody_else_self_assesses_for_a_member(
    mia: Any, cast: dict[str, Any], competency: Callable[[str], Any], who: str
) -> None:
    with pytest.raises(PermissionDenied):
        assessment_self(actor=cast[who].user, member=mia, competency=competency("RIL-01"), level=2)
    assert _state() == (0, 0, 0)


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["member", "coordinator", "admin", "other", "grand"])
def test_only_the_direct_supervisor_validates(
    mia: Any,
    cast: dict[str, Any],
    make_member: Callable[..., Any],
    competency: Callable[[str], Any],
    who: str,
) -> None:
    grand = make_member(given_name="Gia", family_name="Grand")
    supervisor = cast["supervisor"]
    supervisor.supervisor = grand
    supervisor.save()
    actor = grand.user if who == "grand" else cast[who].user
    with pytest.raises(PermissionDenied) as raised:
        assessment_supervise(actor=actor, member=mia, competency=competency("RIL-01"), level=2)
    assert raised.value.message == "Only the member's supervisor can validate their assessments."
    assert _state() == (0, 0, 0)


@pytest.mark.django_db
def test_bad_supervisor_input_saves_nothing(
    mia: Any, cast: dict[str, Any], competency: Callable[[str], Any]
) -> None:
    with pytest.raises(ValidationError) as raised:
        assessment_supervise(
            actor=cast["supervisor"].user,
            member=mia,
            competency=competency("RIL-01"),
            level=7,
            comment="y" * 5001,
        )
    assert set(raised.value.message_dict) == {"level", "comment"}
    assert _state() == (0, 0, 0)
