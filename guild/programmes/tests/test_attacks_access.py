"""Helper G's attacks: tampered ids on every page and endpoint, the e-mailed endorsement
link forged or reused, calendar tokens guessed, CSRF-less posts and over-long input. Each
must be refused (404 for what is not theirs, 4xx with a clear error for bad input), never
a 500, and nothing may leak: scores, other departments' nominations or rationales."""

import json
import uuid
from typing import Any

import pytest
from django.core import signing
from django.test import Client

from guild.accounts.services import token_create
from guild.programmes.models import Consent, Endorsement, Intake, Nomination, Score
from guild.programmes.selectors.nominations import LINK_SALT
from guild.programmes.tests.cohort_helpers import session
from guild.programmes.tests.selection_setup import score_everyone

pytestmark = pytest.mark.django_db
API = "/api/v1/programmes"


def _api(user: Any) -> Client:
    _token, raw = token_create(user=user, name="attacks")
    return Client(HTTP_AUTHORIZATION=f"Bearer {raw}")


def _intake_pages(intake: Intake) -> list[str]:
    return [
        f"/en/programmes/intakes/{intake.pk}/{page}/"
        for page in (
            "nominate",
            "nominations",
            "review",
            "selection",
            "waitlist",
            "cohort",
            "groups",
            "sessions",
            "evaluations",
            "themes",
            "edit",
        )
    ]


def test_a_plain_member_of_another_department_is_refused_everywhere(
    cast: dict[str, Any], intake: Intake, people: dict[str, Nomination], login: Any
) -> None:
    score_everyone(cast["committee"].user, people)
    client = login(cast["other"].user)
    for url in _intake_pages(intake):
        assert client.get(url).status_code == 404, url
        assert client.post(url, {}).status_code == 404, url
    alice = people["Alice"]
    for url in (
        f"/en/programmes/nominations/{alice.pk}/",
        f"/en/programmes/nominations/{alice.pk}/score/",
        f"/en/programmes/nominations/{alice.pk}/consent/",
        f"/en/programmes/nominations/{alice.pk}/endorse/",
        f"/en/programmes/nominations/{alice.pk}/withdraw/",
        f"/en/programmes/intakes/{intake.pk}/stage/",
        f"/en/programmes/{intake.programme_id}/intakes/new/",
    ):
        assert client.post(url, {"decision": "accept"}).status_code == 404, url
    for url in ("/en/programmes/nominations/abc/", "/en/programmes/intakes/999999/review/"):
        assert client.get(url).status_code == 404
    api = _api(cast["other"].user)
    for method, url in (
        ("get", f"/nominations/{alice.pk}/scores"),
        ("put", f"/nominations/{alice.pk}/scores"),
        ("post", f"/nominations/{alice.pk}/consent"),
        ("post", f"/nominations/{alice.pk}/endorse"),
        ("post", f"/nominations/{alice.pk}/withdraw"),
        ("post", f"/intakes/{intake.pk}/selection-runs"),
        ("post", f"/intakes/{intake.pk}/selection"),
        ("get", f"/intakes/{intake.pk}/cohort"),
        ("get", f"/intakes/{intake.pk}/success-measures"),
    ):
        if method == "get":
            response = api.get(API + url)
        else:
            response = getattr(api, method)(API + url, "{}", content_type="application/json")
        assert response.status_code in (404, 422), (url, response.status_code)
        assert "leads well" not in response.content.decode()
    assert Nomination.objects.filter(consent=Consent.DECLINED).count() == 0


def test_a_coordinator_sees_only_their_department_and_never_scores(
    cast: dict[str, Any], intake: Intake, people: dict[str, Nomination], login: Any
) -> None:
    score_everyone(cast["committee"].user, people)
    Score.objects.update(comment="SECRET reviewer note")
    client = login(cast["coordinator"].user)  # ESDC
    listing = client.get(f"/en/programmes/intakes/{intake.pk}/nominations/").content.decode()
    assert "Alice" in listing
    assert "Dev" not in listing and "Élise" not in listing and "Farid" not in listing
    assert "SECRET" not in listing
    dev = people["Dev"]  # CRA
    assert client.get(f"/en/programmes/nominations/{dev.pk}/").status_code == 404
    own = client.get(f"/en/programmes/nominations/{people['Alice'].pk}/").content.decode()
    assert "SECRET" not in own
    for page in ("review", "selection", "waitlist"):
        assert client.get(f"/en/programmes/intakes/{intake.pk}/{page}/").status_code == 404
    api = _api(cast["coordinator"].user)
    assert api.get(f"{API}/nominations/{people['Alice'].pk}/scores").status_code == 404
    assert (
        api.post(
            f"{API}/nominations/{dev.pk}/withdraw", {"reason": "x"}, content_type="application/json"
        ).status_code
        == 404
    )
    assert not Nomination.objects.get(pk=dev.pk).is_withdrawn


def test_a_nominee_never_sees_the_reviewers_scores(
    cast: dict[str, Any], intake: Intake, people: dict[str, Nomination], login: Any
) -> None:
    score_everyone(cast["committee"].user, people)
    Score.objects.update(comment="SECRET reviewer note")
    alice = people["Alice"]
    client = login(alice.member.user)
    page = client.get(f"/en/programmes/nominations/{alice.pk}/")
    assert page.status_code == 200
    assert "SECRET" not in page.content.decode()
    assert client.get(f"/en/programmes/nominations/{alice.pk}/score/").status_code == 404
    api = _api(alice.member.user)
    assert api.get(f"{API}/nominations/{alice.pk}/scores").status_code == 404
    assert "SECRET" not in api.get(f"{API}/nominations/mine").content.decode()


def _link(nomination_id: int, supervisor_id: int, salt: str = LINK_SALT) -> str:
    token = signing.TimestampSigner(salt=salt).sign_object({"n": nomination_id, "s": supervisor_id})
    return f"/en/programmes/endorse/{token}/"


def test_the_endorsement_link_cannot_be_forged_retargeted_or_reused(
    cast: dict[str, Any], intake: Intake, login: Any
) -> None:
    coordinator = _api(cast["coordinator"].user)
    made = coordinator.post(
        f"{API}/intakes/{intake.pk}/nominations",
        {"member_id": cast["member"].pk, "rationale": "Leads the records team."},
        content_type="application/json",
    )
    assert made.status_code == 201, made.content
    nomination = Nomination.objects.get(pk=made.json()["id"])
    supervisor = cast["supervisor"]
    genuine = _link(nomination.pk, supervisor.pk)
    anonymous = Client()
    # forged: another salt, a tampered payload, another supervisor, garbage
    token = genuine.split("/")[-2]
    _payload, rest = token.split(":", 1)
    tampered = signing.b64_encode(json.dumps({"n": nomination.pk, "s": cast["other"].pk}).encode())
    for url in (
        _link(nomination.pk, supervisor.pk, salt="something-else"),
        f"/en/programmes/endorse/{tampered.decode()}:{rest}/",
        _link(nomination.pk, cast["other"].pk),
        "/en/programmes/endorse/x/",
        "/en/programmes/endorse/" + "A" * 5000 + "/",
    ):
        response = anonymous.post(url, {"decision": "endorse"})
        assert response.status_code in (400, 404), (url[:60], response.status_code)
    nomination.refresh_from_db()
    assert nomination.endorsement == Endorsement.PENDING
    # genuine, then reused to flip the decision
    assert anonymous.post(genuine, {"decision": "endorse"}).status_code in (200, 302)
    again = anonymous.post(genuine, {"decision": "refuse"})
    assert again.status_code < 500
    nomination.refresh_from_db()
    assert nomination.endorsement == Endorsement.ENDORSED
    # a bad decision value is refused, not a 500
    fresh = _link(nomination.pk, supervisor.pk)
    assert anonymous.post(fresh, {"decision": "maybe"}).status_code < 500


def test_calendar_tokens_are_not_guessable(cast: dict[str, Any], intake: Intake) -> None:
    anonymous = Client()
    for _ in range(20):
        assert anonymous.get(f"/en/programmes/calendar/{uuid.uuid4()}.ics").status_code == 404
    assert anonymous.get("/en/programmes/calendar/1.ics").status_code == 404
    assert anonymous.get(f"{API}/me/calendar.ics").status_code in (401, 403, 404)


def test_posts_without_a_csrf_token_are_refused(
    cast: dict[str, Any], intake: Intake, people: dict[str, Nomination]
) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(cast["coordinator"].user)
    response = client.post(
        f"/en/programmes/intakes/{intake.pk}/nominate/",
        {"member": cast["private"].pk, "rationale": "x"},
    )
    assert response.status_code == 403
    alice = people["Alice"]
    response = client.post(f"/en/programmes/nominations/{alice.pk}/withdraw/", {"reason": "x"})
    assert response.status_code == 403
    assert not Nomination.objects.get(pk=alice.pk).is_withdrawn
    # the e-mailed link works without signing in, but not without the form's token
    alice.endorsement = Endorsement.PENDING
    alice.save(update_fields=["endorsement"])
    anonymous = Client(enforce_csrf_checks=True)
    assert alice.supervisor_id is not None
    link = _link(alice.pk, alice.supervisor_id)
    assert anonymous.post(link, {"decision": "refuse"}).status_code == 403
    alice.refresh_from_db()
    assert alice.endorsement == Endorsement.PENDING


def test_over_long_input_is_a_clear_4xx(
    cast: dict[str, Any], intake: Intake, people: dict[str, Nomination], login: Any
) -> None:
    huge = "x" * 1_000_000
    page = login(cast["coordinator"].user).post(
        f"/en/programmes/intakes/{intake.pk}/nominate/",
        {"member": cast["private"].pk, "rationale": huge},
    )
    assert page.status_code == 400
    api = _api(cast["coordinator"].user)
    response = api.post(
        f"{API}/intakes/{intake.pk}/nominations",
        {"member_id": cast["private"].pk, "rationale": huge},
        content_type="application/json",
    )
    assert 400 <= response.status_code < 500
    assert response.json()
    committee = _api(cast["committee"].user)
    criteria = list(intake.criteria.order_by("order"))
    response = committee.put(
        f"{API}/nominations/{people['Alice'].pk}/scores",
        {"scores": [{"criterion_id": c.pk, "value": 3, "comment": huge} for c in criteria]},
        content_type="application/json",
    )
    assert 400 <= response.status_code < 500, response.status_code
    response = committee.put(
        f"{API}/nominations/{people['Alice'].pk}/scores",
        {"scores": [{"criterion_id": c.pk, "value": 10**9} for c in criteria]},
        content_type="application/json",
    )
    assert 400 <= response.status_code < 500, response.status_code
    edit = login(cast["admin"].user).post(
        f"/en/programmes/intakes/{intake.pk}/edit/", {"capacity": 10**12, "name_en": huge}
    )
    assert edit.status_code == 400
    assert Nomination.objects.filter(member=cast["private"]).count() == 0


def test_ten_thousand_attendance_rows_are_a_clear_4xx(
    cast: dict[str, Any], intake: Intake, people: dict[str, Nomination]
) -> None:
    meeting = session(intake, intake.starts_on)
    api = _api(cast["admin"].user)
    rows = [{"participant": n, "status": "present"} for n in range(1, 10_001)]
    response = api.post(
        f"{API}/sessions/{meeting.pk}/attendance", rows, content_type="application/json"
    )
    assert 400 <= response.status_code < 500, response.status_code
    assert response.json()
    bad = api.post(
        f"{API}/sessions/{meeting.pk}/attendance",
        [{"participant": "1; drop", "status": "x" * 100000}],
        content_type="application/json",
    )
    assert 400 <= bad.status_code < 500


def test_cohort_pages_refuse_tampered_ids(
    cast: dict[str, Any], intake: Intake, make_member: Any, login: Any
) -> None:
    from guild.programmes.models import Participant
    from guild.programmes.services.cohort import cohort_launch
    from guild.programmes.tests.cohort_helpers import selected, started

    started(intake)
    selected(intake, make_member, 12, spread=6, supervisor=cast["supervisor"])
    cohort_launch(actor=cast["admin"].user, intake=intake)
    meeting = session(intake, intake.starts_on)
    person = Participant.objects.filter(intake=intake).first()
    assert person is not None
    for who in ("other", "member", "coordinator", "committee"):
        client = login(cast[who].user)
        for url in (
            f"/en/programmes/participants/{person.pk}/",
            f"/en/programmes/sessions/{meeting.pk}/attendance/",
        ):
            assert client.get(url).status_code == 404, (who, url)
            assert client.post(url, {}).status_code == 404, (who, url)
        api = _api(cast[who].user)
        marked = api.post(
            f"{API}/sessions/{meeting.pk}/attendance",
            [{"participant": person.pk, "status": "absent"}],
            content_type="application/json",
        )
        assert marked.status_code == 404, (who, marked.status_code)
    # the coordinator of another department cannot nominate a member outside it
    made = _api(cast["coordinator"].user).post(
        f"{API}/intakes/{intake.pk}/nominations",
        {"member_id": cast["other"].pk, "rationale": "Leads the records team."},
        content_type="application/json",
    )
    assert 400 <= made.status_code < 500
    assert not Nomination.objects.filter(member=cast["other"]).exists()
