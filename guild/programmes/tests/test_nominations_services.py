"""Nominating, consenting, endorsing and withdrawing through the services: every refusal
is exact, saves nothing and e-mails no one."""

import datetime

import pytest
from django.core import mail
from django.utils import timezone

from guild.core.errors import ApplicationError, NotFound, ProblemsError
from guild.core.models import AuditEvent
from guild.organizations.models import OccupationalLevel
from guild.programmes.models import Consent, Endorsement, Intake, Nomination, NominationEvent
from guild.programmes.selectors.nominations import nominations_waiting_for
from guild.programmes.services import nominations as service


def _nominate(cast, intake, who="member", by="coordinator", **kwargs):
    return service.nominate(
        actor=cast[by].user,
        intake=intake,
        member=cast[who],
        rationale=kwargs.pop("rationale", "Leads the records team."),
        **kwargs,
    )


def _refusal(cast, intake, **kwargs) -> dict[str, list[str]]:
    before = (Nomination.objects.count(), NominationEvent.objects.count(), len(mail.outbox))
    with pytest.raises(ProblemsError) as caught:
        _nominate(cast, intake, **kwargs)
    assert caught.value.code == "invalid_nomination"
    after = (Nomination.objects.count(), NominationEvent.objects.count(), len(mail.outbox))
    assert after == before
    return caught.value.fields


@pytest.mark.django_db
def test_a_coordinator_nominates_and_both_parties_are_emailed(
    cast, intake, django_capture_on_commit_callbacks
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        nomination = _nominate(cast, intake)
    assert nomination.department_id == cast["member"].department_id
    assert nomination.supervisor_id == cast["supervisor"].pk
    assert nomination.nominated_by_id == cast["coordinator"].user_id
    assert (nomination.consent, nomination.endorsement) == (Consent.PENDING, Endorsement.PENDING)
    assert [e.step for e in nomination.events.all()] == ["nominated"]
    assert AuditEvent.objects.filter(action="programmes.nomination_create").count() == 1
    to_nominee, to_supervisor = mail.outbox
    assert to_nominee.to == [cast["member"].work_email]
    assert to_nominee.subject == (
        "You are nominated to IM Leadership Initiative / "
        "Votre candidature est proposée au programme Initiative de leadership en GI"
    )
    assert "Intake 1" in to_nominee.body and "Cohorte 1" in to_nominee.body
    assert to_supervisor.to == [cast["supervisor"].work_email]
    assert "/en/programmes/endorse/" in to_supervisor.body
    assert "/fr/programmes/endorse/" in to_supervisor.body


@pytest.mark.django_db
def test_an_ineligible_member_is_refused(cast, intake) -> None:
    intake.eligible_levels.set(OccupationalLevel.objects.filter(code__in=["EX-01", "EX-02"]))
    fields = _refusal(cast, intake)
    assert fields == {
        "member": ["Mia Member is not eligible: this intake takes EX-01, EX-02 only."]
    }


@pytest.mark.django_db
def test_outside_the_window_is_refused(cast, intake) -> None:
    today = timezone.localdate()
    Intake.objects.filter(pk=intake.pk).update(
        nominations_open_on=today - datetime.timedelta(days=30),
        nominations_close_on=today - datetime.timedelta(days=1),
    )
    intake.refresh_from_db()
    fields = _refusal(cast, intake)
    assert list(fields) == ["intake"]
    assert fields["intake"][0].startswith("Nominations are accepted from ")


@pytest.mark.django_db
def test_over_the_department_quota_is_refused(cast, intake, make_member) -> None:
    Intake.objects.filter(pk=intake.pk).update(nominations_per_department=1)
    intake.refresh_from_db()
    _nominate(cast, intake, who="private")
    fields = _refusal(cast, intake)
    assert fields == {
        "member": [
            "Employment and Social Development Canada already has 1 open nominations, its quota."
        ]
    }


@pytest.mark.django_db
def test_every_problem_is_told_at_once(cast, intake) -> None:
    Intake.objects.filter(pk=intake.pk).update(nominations_per_department=1)
    intake.refresh_from_db()
    _nominate(cast, intake)
    fields = _refusal(cast, intake, rationale=" ")
    assert fields == {
        "member": [
            "Mia Member is already nominated to this intake.",
            "Employment and Social Development Canada already has 1 open nominations, its quota.",
        ],
        "rationale": ["Say why you nominate this member."],
    }


@pytest.mark.django_db
def test_another_departments_member_and_one_without_supervisor_are_refused(cast, intake) -> None:
    fields = _refusal(cast, intake, who="other")
    assert fields == {
        "member": [
            "Olu Other works in a department you do not coordinate; only their department's "
            "coordinator nominates them.",
            "Olu Other's profile names no supervisor, so no one could endorse the nomination. "
            "Ask them to add their supervisor to their profile first.",
        ]
    }


@pytest.mark.django_db
def test_someone_without_a_role_cannot_nominate(cast, intake) -> None:
    with pytest.raises(NotFound):
        _nominate(cast, intake, by="committee")
    assert not Nomination.objects.exists()


@pytest.mark.django_db
def test_history_is_for_administrators_of_past_intakes(cast, intake) -> None:
    fields = _refusal(cast, intake, historical=True)
    assert fields == {"historical": ["Only administrators enter nominations to load history."]}
    fields = _refusal(cast, intake, by="admin", historical=True)
    assert fields == {
        "historical": ["Only nominations of an intake whose call has closed are history."]
    }
    today = timezone.localdate()
    Intake.objects.filter(pk=intake.pk).update(
        nominations_open_on=today - datetime.timedelta(days=400),
        nominations_close_on=today - datetime.timedelta(days=300),
    )
    intake.refresh_from_db()
    nomination = _nominate(cast, intake, by="admin", historical=True)
    assert (nomination.consent, nomination.endorsement) == (Consent.GIVEN, Endorsement.ENDORSED)
    assert nomination.is_complete
    assert [e.step for e in nomination.events.all()] == ["nominated", "accepted", "endorsed"]
    assert mail.outbox == []


@pytest.mark.django_db
def test_the_nominee_accepts_once_and_nobody_else_may(cast, intake) -> None:
    nomination = _nominate(cast, intake)
    assert nominations_waiting_for(cast["member"].user) == [nomination]
    for other in ("supervisor", "coordinator", "admin"):
        with pytest.raises(NotFound):
            service.consent(actor=cast[other].user, nomination=nomination, accept=True)
    service.consent(actor=cast["member"].user, nomination=nomination, accept=True)
    nomination.refresh_from_db()
    assert nomination.consent == Consent.GIVEN
    assert nominations_waiting_for(cast["member"].user) == []
    with pytest.raises(ApplicationError) as caught:
        service.consent(actor=cast["member"].user, nomination=nomination, accept=False)
    assert caught.value.code == "already_answered"
    nomination.refresh_from_db()
    assert nomination.consent == Consent.GIVEN


@pytest.mark.django_db
def test_only_the_named_supervisor_endorses(cast, intake, make_member) -> None:
    nomination = _nominate(cast, intake)
    assert nominations_waiting_for(cast["supervisor"].user) == [nomination]
    someone_elses = make_member(given_name="Sol", family_name="Else")
    for actor in (someone_elses.user, cast["member"].user, cast["admin"].user):
        with pytest.raises(NotFound):
            service.endorse(actor=actor, nomination=nomination, endorse=True)
    service.endorse(
        actor=cast["supervisor"].user, nomination=nomination, endorse=True, note="Ready."
    )
    nomination.refresh_from_db()
    assert nomination.endorsement == Endorsement.ENDORSED
    assert nomination.endorsed_by_id == cast["supervisor"].pk
    assert nomination.events.last().note == "Ready."
    with pytest.raises(ApplicationError) as caught:
        service.endorse(actor=cast["supervisor"].user, nomination=nomination, endorse=False)
    assert caught.value.code == "already_decided"


@pytest.mark.django_db
def test_a_declined_nomination_waits_for_no_one(cast, intake) -> None:
    nomination = _nominate(cast, intake)
    service.consent(actor=cast["member"].user, nomination=nomination, accept=False)
    assert nominations_waiting_for(cast["supervisor"].user) == []
    with pytest.raises(ApplicationError) as caught:
        service.endorse(actor=cast["supervisor"].user, nomination=nomination, endorse=True)
    assert caught.value.code == "declined"


@pytest.mark.django_db
def test_withdrawal_needs_a_reason_and_the_right_person(cast, intake) -> None:
    nomination = _nominate(cast, intake)
    for actor in ("member", "supervisor", "committee"):
        with pytest.raises(NotFound):
            service.withdraw(actor=cast[actor].user, nomination=nomination, reason="No.")
    with pytest.raises(ProblemsError) as caught:
        service.withdraw(actor=cast["coordinator"].user, nomination=nomination, reason=" ")
    assert caught.value.fields == {"reason": ["Say why the nomination is withdrawn."]}
    service.withdraw(actor=cast["admin"].user, nomination=nomination, reason="Moved on.")
    nomination.refresh_from_db()
    assert nomination.is_withdrawn
    assert nomination.events.last().step == "withdrawn"
    assert nominations_waiting_for(cast["member"].user) == []
    # Once withdrawn, the member may be nominated again.
    again = _nominate(cast, intake)
    assert again.pk != nomination.pk
