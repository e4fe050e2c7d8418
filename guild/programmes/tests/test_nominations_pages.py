"""The nomination pages as each party sees them, and the supervisor's e-mailed link:
tampered ids and wrong roles are 404, a forged, expired or used link decides nothing."""

import re
import time
from datetime import timedelta
from unittest import mock

import pytest
from django.core import mail, signing
from django.test import Client
from django.utils import timezone

from guild.programmes.models import Consent, Endorsement, Intake, Nomination
from guild.programmes.selectors.nominations import LINK_SALT, endorse_link_token
from guild.programmes.services import nominations as service


@pytest.fixture
def nomination(cast, intake) -> Nomination:
    return service.nominate(
        actor=cast["coordinator"].user,
        intake=intake,
        member=cast["member"],
        rationale="Leads the records team.",
    )


def _link(nomination: Nomination) -> str:
    return f"/en/programmes/endorse/{endorse_link_token(nomination)}/"


@pytest.mark.django_db
def test_a_coordinator_nominates_from_the_page(cast, intake, login, make_member, cra) -> None:
    make_member(department=cra, given_name="Cee", family_name="Raa")
    client = login(cast["coordinator"].user)
    page = client.get(f"/en/programmes/intakes/{intake.pk}/nominate/").content.decode()
    # Only members of the coordinator's department are offered.
    assert "Mia Member — ESDC, IS-04" in page
    assert "Raa" not in page
    assert "Entered to load history" not in page
    response = client.post(
        f"/en/programmes/intakes/{intake.pk}/nominate/",
        {"member": cast["member"].pk, "rationale": "Leads the records team."},
    )
    nomination = Nomination.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/en/programmes/nominations/{nomination.pk}/"
    detail = client.get(response["Location"]).content.decode()
    assert "Mia Member is nominated." in detail
    assert "Waiting for the nominee" in detail and "Waiting for the supervisor" in detail


@pytest.mark.django_db
def test_the_nominate_form_shows_every_error_and_saves_nothing(cast, intake, login) -> None:
    client = login(cast["coordinator"].user)
    response = client.post(
        f"/en/programmes/intakes/{intake.pk}/nominate/", {"member": cast["other"].pk}
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "Select a valid choice." in html
    assert "This field is required." in html
    assert not Nomination.objects.exists()


@pytest.mark.django_db
def test_who_reaches_the_nominate_page(cast, intake, login) -> None:
    url = f"/en/programmes/intakes/{intake.pk}/nominate/"
    for person in ("member", "supervisor", "committee"):
        assert login(cast[person].user).get(url).status_code == 404
    assert login(cast["admin"].user).get(url).status_code == 200
    assert (
        login(cast["coordinator"].user).get("/en/programmes/intakes/999999/nominate/").status_code
        == 404
    )
    assert Client().get(url).status_code == 302


@pytest.mark.django_db
def test_the_nominee_accepts_and_the_supervisor_endorses_on_the_page(
    cast, login, nomination
) -> None:
    url = f"/en/programmes/nominations/{nomination.pk}/"
    nominee = login(cast["member"].user)
    page = nominee.get(url).content.decode()
    assert "Accept the nomination" in page
    assert "Endorse the nomination" not in page
    assert "Withdraw the nomination" not in page
    nominee.post(f"{url}consent/", {"decision": "accept"})
    supervisor = login(cast["supervisor"].user)
    page = supervisor.get(url).content.decode()
    assert "Endorse the nomination" in page and "Accept the nomination" not in page
    response = supervisor.post(f"{url}endorse/", {"decision": "endorse", "note": "Ready."})
    assert response.status_code == 302
    nomination.refresh_from_db()
    assert (nomination.consent, nomination.endorsement) == (Consent.GIVEN, Endorsement.ENDORSED)
    page = supervisor.get(url).content.decode()
    assert "You endorsed the nomination of Mia Member." in page
    assert "Ready." in page


@pytest.mark.django_db
def test_wrong_people_get_404_and_change_nothing(cast, login, nomination, make_member) -> None:
    url = f"/en/programmes/nominations/{nomination.pk}/"
    stranger = make_member(given_name="Sol", family_name="Else")
    for person in (login(cast["other"].user), login(stranger.user)):
        assert person.get(url).status_code == 404
        assert person.post(f"{url}consent/", {"decision": "accept"}).status_code == 404
        assert person.post(f"{url}endorse/", {"decision": "endorse"}).status_code == 404
        assert person.post(f"{url}withdraw/", {"reason": "x"}).status_code == 404
    coordinator = login(cast["coordinator"].user)
    assert coordinator.post(f"{url}consent/", {"decision": "accept"}).status_code == 404
    assert coordinator.post(f"{url}endorse/", {"decision": "endorse"}).status_code == 404
    nominee = login(cast["member"].user)
    assert nominee.post(f"{url}endorse/", {"decision": "endorse"}).status_code == 404
    assert nominee.post(f"{url}consent/", {"decision": "maybe"}).status_code == 404
    assert nominee.get("/en/programmes/nominations/999999/").status_code == 404
    nomination.refresh_from_db()
    assert (nomination.consent, nomination.endorsement) == (Consent.PENDING, Endorsement.PENDING)
    assert nomination.events.count() == 1


@pytest.mark.django_db
def test_the_coordinator_withdraws_with_a_reason(cast, login, nomination) -> None:
    url = f"/en/programmes/nominations/{nomination.pk}/"
    client = login(cast["coordinator"].user)
    page = client.get(url).content.decode()
    assert "Withdraw the nomination" in page
    response = client.post(f"{url}withdraw/", {"reason": ""}, follow=True)
    assert "Say why the nomination is withdrawn." in response.content.decode()
    nomination.refresh_from_db()
    assert not nomination.is_withdrawn
    client.post(f"{url}withdraw/", {"reason": "Changed jobs."})
    nomination.refresh_from_db()
    assert nomination.is_withdrawn
    assert "Changed jobs." in client.get(url).content.decode()


@pytest.mark.django_db
def test_the_intake_list_shows_each_role_its_part(cast, intake, login, nomination) -> None:
    url = f"/en/programmes/intakes/{intake.pk}/nominations/"
    for person in ("coordinator", "committee", "admin"):
        html = login(cast[person].user).get(url).content.decode()
        assert f'href="/en/programmes/nominations/{nomination.pk}/">Mia Member</a>' in html
    for person in ("member", "supervisor"):
        assert login(cast[person].user).get(url).status_code == 404


@pytest.mark.django_db
def test_my_nominations_lists_each_part(cast, login, nomination) -> None:
    html = login(cast["member"].user).get("/en/programmes/nominations/mine/").content.decode()
    nominee_part = html[html.index('id="mine-nominee"') : html.index('id="mine-supervisor"')]
    assert "Mia Member to Intake 1" in nominee_part
    html = login(cast["supervisor"].user).get("/en/programmes/nominations/mine/").content.decode()
    supervisor_part = html[html.index('id="mine-supervisor"') : html.index('id="mine-nominator"')]
    assert "Mia Member to Intake 1" in supervisor_part
    html = login(cast["coordinator"].user).get("/fr/programmes/nominations/mine/").content.decode()
    assert "Candidatures que vous avez proposées" in html
    assert "Mia Member à Cohorte 1" in html


@pytest.mark.django_db
def test_the_emailed_link_endorses_without_signing_in_once(
    cast, intake, login, django_capture_on_commit_callbacks
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        nomination = service.nominate(
            actor=cast["coordinator"].user,
            intake=intake,
            member=cast["member"],
            rationale="Leads the records team.",
        )
    found = re.search(r"http://\S+(/en/programmes/endorse/\S+/)", str(mail.outbox[1].body))
    assert found is not None
    link = found.group(1)
    anonymous = Client()
    page = anonymous.get(link).content.decode()
    assert "Endorse the nomination of Mia Member" in page
    assert "Leads the records team." in page
    response = anonymous.post(link, {"decision": "endorse", "note": "Yes."}, follow=True)
    assert "You endorsed the nomination of Mia Member." in response.content.decode()
    nomination.refresh_from_db()
    assert nomination.endorsement == Endorsement.ENDORSED
    event = nomination.events.last()
    assert event is not None
    assert (event.step, event.through_link, event.actor) == ("endorsed", True, None)
    # A used link cannot change the decision.
    again = anonymous.post(link, {"decision": "refuse"}, follow=True).content.decode()
    assert "The supervisor&#x27;s decision is already recorded" in again
    assert "There is nothing left to decide through this link" in again
    nomination.refresh_from_db()
    assert nomination.endorsement == Endorsement.ENDORSED


@pytest.mark.django_db
def test_forged_tampered_and_expired_links_decide_nothing(cast, nomination) -> None:
    anonymous = Client()
    token = endorse_link_token(nomination)
    forged = signing.TimestampSigner(salt="another").sign_object(
        {"n": nomination.pk, "s": nomination.supervisor_id}
    )
    wrong_supervisor = signing.TimestampSigner(salt=LINK_SALT).sign_object(
        {"n": nomination.pk, "s": cast["other"].pk}
    )
    for bad in (token[:-2] + "xx", forged, wrong_supervisor, "nothing"):
        response = anonymous.get(f"/en/programmes/endorse/{bad}/")
        assert response.status_code == 404
        assert "This link does not work" in response.content.decode()
        assert (
            anonymous.post(f"/en/programmes/endorse/{bad}/", {"decision": "endorse"}).status_code
            == 404
        )
    link = _link(nomination)
    later = time.time() + timedelta(days=31).total_seconds()
    with mock.patch("django.core.signing.time.time", return_value=later):
        expired = anonymous.post(link, {"decision": "endorse"})
    assert expired.status_code == 404
    nomination.refresh_from_db()
    assert nomination.endorsement == Endorsement.PENDING


@pytest.mark.django_db
def test_the_link_page_in_french(nomination) -> None:
    html = (
        Client().get(f"/fr/programmes/endorse/{endorse_link_token(nomination)}/").content.decode()
    )
    assert "Appuyer la candidature de Mia Member" in html
    assert "Ne pas appuyer la candidature" in html


@pytest.mark.django_db
def test_an_administrator_enters_history_from_the_hub(cast, intake, login) -> None:
    today = timezone.localdate()
    Intake.objects.filter(pk=intake.pk).update(
        stage="closed",
        nominations_open_on=today - timedelta(days=400),
        nominations_close_on=today - timedelta(days=300),
    )
    client = login(cast["admin"].user)
    hub = client.get(f"/en/programmes/intakes/{intake.pk}/").content.decode()
    assert "Enter a nomination to load history" in hub
    coordinator_hub = login(cast["coordinator"].user).get(f"/en/programmes/intakes/{intake.pk}/")
    assert "/nominate/" not in coordinator_hub.content.decode()
    url = f"/en/programmes/intakes/{intake.pk}/nominate/"
    refused = client.post(url, {"member": cast["other"].pk, "rationale": "Was there."})
    assert refused.status_code == 400
    assert "Nominations are accepted from " in refused.content.decode()
    client.post(url, {"member": cast["other"].pk, "rationale": "Was there.", "historical": "on"})
    nomination = Nomination.objects.get()
    assert (nomination.member_id, nomination.historical, nomination.is_complete) == (
        cast["other"].pk,
        True,
        True,
    )
