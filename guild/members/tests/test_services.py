import inspect
from typing import Any

import pytest
from django.core.exceptions import ValidationError

from guild.accounts.tests.factories import UserFactory
from guild.core.models import AuditEvent
from guild.members.models import PROFILE_FIELDS, Member
from guild.members.services import member_create, member_update
from guild.organizations.models import OccupationalLevel, Region, WorkStream


def _state(member: Member) -> dict[str, Any]:
    member.refresh_from_db()
    return {
        "fields": {
            f.name: getattr(member, f.attname)
            for f in Member._meta.concrete_fields
            if f.name != "updated_at"
        },
        "communities": sorted(member.communities.values_list("pk", flat=True)),
        "streams": sorted(member.work_streams.values_list("pk", flat=True)),
        "audit": AuditEvent.objects.count(),
    }


@pytest.mark.django_db
def test_create_records_every_field_in_the_audit_log(im, esdc) -> None:
    user = UserFactory.create(email="new@example.gc.ca")
    stream = WorkStream.objects.get(community=im, code="records-management")
    member = member_create(
        actor=user,
        user=user,
        communities=[im],
        work_streams=[stream],
        given_name="Nadia",
        family_name="Nouvelle",
        work_email="New@Example.gc.ca",
        department=esdc,
        region=Region.objects.get(code="quebec"),
    )
    assert member.work_email == "new@example.gc.ca"
    event = AuditEvent.objects.get(action="member.create")
    assert event.actor == user
    assert event.object_id == str(member.pk)
    assert event.changes["given_name"] == [None, "Nadia"]
    assert event.changes["department"] == [None, esdc.pk]
    assert event.changes["communities"] == [None, [im.pk]]
    assert event.changes["work_streams"] == [None, [stream.pk]]


@pytest.mark.django_db
def test_update_audits_only_the_fields_that_changed(make_member) -> None:
    member = make_member(years_in_community=3)
    before = AuditEvent.objects.count()
    member_update(
        actor=member.user, member=member, years_in_community=4, position_title=member.position_title
    )
    assert AuditEvent.objects.count() == before + 1
    event = AuditEvent.objects.latest("id")
    assert event.action == "member.update"
    assert event.changes == {"years_in_community": [3, 4]}


@pytest.mark.django_db
def test_update_without_change_writes_no_audit_row(make_member) -> None:
    member = make_member()
    before = AuditEvent.objects.count()
    member_update(actor=member.user, member=member, given_name=member.given_name)
    assert AuditEvent.objects.count() == before


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"years_in_community": 61}, "years_in_community"),
        ({"given_name": ""}, "given_name"),
        ({"work_email": "not-an-email"}, "work_email"),
        ({"first_official_language": "de"}, "first_official_language"),
        ({"second_language_oral": "Z"}, "second_language_oral"),
        ({"position_title": "x" * 161}, "position_title"),
    ],
)
def test_invalid_profile_data_is_refused_and_nothing_changes(make_member, changes, field) -> None:
    member = make_member()
    before = _state(member)
    with pytest.raises(ValidationError) as error:
        member_update(actor=member.user, member=member, **changes)
    assert field in error.value.message_dict
    assert _state(member) == before


@pytest.mark.django_db
def test_duplicate_work_email_is_refused_whatever_the_case(make_member) -> None:
    first = make_member(work_email="taken@example.gc.ca")
    second = make_member()
    before = _state(second)
    with pytest.raises(ValidationError) as error:
        member_update(actor=second.user, member=second, work_email="TAKEN@example.gc.ca")
    assert error.value.message_dict["work_email"] == [
        "Another member already uses this e-mail address."
    ]
    assert _state(second) == before
    assert first.work_email == "taken@example.gc.ca"


@pytest.mark.django_db
def test_supervisor_chain_cannot_loop(make_member) -> None:
    boss = make_member()
    report = make_member(supervisor=boss)
    before = _state(boss)
    with pytest.raises(ValidationError) as error:
        member_update(actor=boss.user, member=boss, supervisor=report)
    assert "supervisor" in error.value.message_dict
    with pytest.raises(ValidationError):
        member_update(actor=boss.user, member=boss, supervisor=boss)
    assert _state(boss) == before


@pytest.mark.django_db
def test_work_streams_must_belong_to_the_members_communities(make_member, it_community) -> None:
    member = make_member()
    it_stream = WorkStream.objects.filter(community=it_community).first()
    assert it_stream is not None
    before = _state(member)
    with pytest.raises(ValidationError) as error:
        member_update(actor=member.user, member=member, work_streams=[it_stream])
    assert "work_streams" in error.value.message_dict
    assert _state(member) == before


@pytest.mark.django_db
def test_a_profile_update_cannot_set_communities(make_member, it_community) -> None:
    """Membership is decided by the community, not written with the profile."""
    member = make_member()
    before = _state(member)
    with pytest.raises(TypeError):
        member_update(  # type: ignore[call-arg]  # the refused keyword is the point
            actor=member.user, member=member, communities=[it_community]
        )
    assert _state(member) == before


@pytest.mark.django_db
def test_changing_level_records_old_and_new_ids(make_member) -> None:
    member = make_member()
    old = member.level_id
    new = OccupationalLevel.objects.get(code="IS-05")
    member_update(actor=member.user, member=member, level=new)
    assert AuditEvent.objects.latest("id").changes == {"level": [old, new.pk]}


@pytest.mark.django_db
def test_every_problem_is_reported_at_once(make_member) -> None:
    member = make_member()
    before = _state(member)
    it_stream = WorkStream.objects.filter(community__code="it").first()
    assert it_stream is not None
    with pytest.raises(ValidationError) as error:
        member_update(
            actor=member.user, member=member, years_in_community=99, work_streams=[it_stream]
        )
    assert set(error.value.message_dict) == {"years_in_community", "work_streams"}
    assert _state(member) == before


def test_a_profile_update_takes_every_profile_field_by_name_and_nothing_else() -> None:
    parameters = set(inspect.signature(member_update).parameters)
    assert parameters - {"actor", "member", "join", "work_streams"} == set(PROFILE_FIELDS)
