"""The programmes list, a programme, an intake's hub with the steps each role may take,
and the administrators' intake form."""

import re

import pytest
from django.test import Client

from guild.programmes.models import Intake


def _steps(html: str) -> set[str]:
    part = html[
        html.index('id="intake-steps"') : html.index("</ul>", html.index('id="intake-steps"'))
    ]
    return set(re.findall(r'href="([^"]+)"', part))


@pytest.mark.django_db
def test_programmes_and_intake_pages_for_a_member(cast, intake, login) -> None:
    client = login(cast["member"].user)
    listing = client.get("/en/programmes/").content.decode()
    assert f'href="/en/programmes/intakes/{intake.pk}/">Intake 1</a>' in listing
    assert "Add an intake" not in listing
    programme = client.get(f"/en/programmes/{intake.programme_id}/").content.decode()
    assert "First phase" in programme
    hub = client.get(f"/en/programmes/intakes/{intake.pk}/").content.decode()
    assert _steps(hub) == {"/en/programmes/nominations/mine/"}
    assert "Leadership" in hub and "IM experience" in hub
    assert '<td class="numeric">3</td>' in hub
    assert "At most 3 nominations" in hub
    assert "At most 2 people" in hub


@pytest.mark.django_db
def test_the_hub_lists_each_roles_steps(cast, intake, login) -> None:
    hub = f"/en/programmes/intakes/{intake.pk}/"
    coordinator = _steps(login(cast["coordinator"].user).get(hub).content.decode())
    assert f"/en/programmes/intakes/{intake.pk}/nominate/" in coordinator
    assert f"/en/programmes/intakes/{intake.pk}/nominations/" in coordinator
    assert f"/en/programmes/intakes/{intake.pk}/edit/" not in coordinator
    committee = _steps(login(cast["committee"].user).get(hub).content.decode())
    assert f"/en/programmes/intakes/{intake.pk}/nominate/" not in committee
    assert f"/en/programmes/intakes/{intake.pk}/nominations/" in committee
    admin = login(cast["admin"].user).get(hub).content.decode()
    assert f"/en/programmes/intakes/{intake.pk}/edit/" in _steps(admin)
    assert "Move to the stage: Selection" in admin
    # Every step of this area offered opens (the other steps' pages have their own tests).
    ours = ("/nominate/", "/nominations/", "/edit/")
    for person in ("member", "coordinator", "committee", "admin"):
        client = login(cast[person].user)
        for url in _steps(client.get(hub).content.decode()):
            if url.endswith(ours):
                assert client.get(url).status_code == 200, (person, url)


@pytest.mark.django_db
def test_outsiders_and_tampered_ids_get_404(cast, intake, login, make_member, it_community) -> None:
    outsider = make_member(communities=[it_community])
    client = login(outsider.user)
    for url in (
        f"/en/programmes/intakes/{intake.pk}/",
        f"/en/programmes/{intake.programme_id}/",
        "/en/programmes/intakes/999999/",
        f"/en/programmes/intakes/{intake.pk}/edit/",
    ):
        assert client.get(url).status_code == 404, url
    assert "Intake 1" not in client.get("/en/programmes/").content.decode()
    assert (
        login(cast["coordinator"].user).get(f"/en/programmes/intakes/{intake.pk}/edit/").status_code
        == 404
    )
    assert Client().get(f"/en/programmes/intakes/{intake.pk}/").status_code == 302


@pytest.mark.django_db
def test_the_intake_form_shows_every_error_at_once(cast, programme, login) -> None:
    client = login(cast["admin"].user)
    url = f"/en/programmes/{programme.pk}/intakes/new/"
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "name_en": "Intake 2",
            "nominations_open_on": "2030-02-01",
            "nominations_close_on": "2030-01-01",
            "starts_on": "2030-03-01",
            "ends_on": "2030-12-01",
            "capacity": "abc",
            "min_departments": "0",
            "attendance_alert_below": "75",
            "criterion_1_name_en": "Leadership",
            "criterion_1_weight": "3",
            "balance_1_attribute": "language",
            "balance_1_value": "de",
            "balance_1_at_least": "2",
        },
    )
    assert response.status_code == 400
    form = response.context["form"]
    assert form.errors == {
        "name_fr": ["This field is required."],
        "capacity": ["Enter a whole number."],
        "nominations_close_on": ["The nominations cannot close before they open."],
        "criterion_1_name_fr": ["Give the criterion's name in French."],
        "balance_1_value": [
            "Give a region code (ncr), a language (en or fr) or a group and level (EX-01) "
            "that exists."
        ],
    }
    assert not Intake.objects.exists()


@pytest.mark.django_db
def test_an_administrator_creates_then_moves_an_intake(cast, programme, login) -> None:
    client = login(cast["admin"].user)
    response = client.post(
        f"/en/programmes/{programme.pk}/intakes/new/",
        {
            "name_en": "Intake 2",
            "name_fr": "Cohorte 2",
            "nominations_open_on": "2030-01-01",
            "nominations_close_on": "2030-02-01",
            "starts_on": "2030-03-01",
            "ends_on": "2030-12-01",
            "capacity": "23",
            "min_departments": "5",
            "attendance_alert_below": "75",
            "criterion_1_name_en": "Leadership",
            "criterion_1_name_fr": "Leadership",
            "criterion_1_weight": "3",
            "balance_1_attribute": "language",
            "balance_1_value": "fr",
            "balance_1_at_least": "5",
        },
    )
    intake = Intake.objects.get()
    assert response["Location"] == f"/en/programmes/intakes/{intake.pk}/"
    assert intake.criteria.get().max_score == 5
    assert intake.balance_rules.get().at_least == 5
    client.post(f"/en/programmes/intakes/{intake.pk}/stage/", {"stage": "nominating"})
    intake.refresh_from_db()
    assert intake.stage == "nominating"
    edit = client.get(f"/en/programmes/intakes/{intake.pk}/edit/").content.decode()
    assert 'value="Cohorte 2"' in edit
    assert (
        login(cast["coordinator"].user)
        .post(f"/en/programmes/intakes/{intake.pk}/stage/", {"stage": "selecting"})
        .status_code
        == 404
    )


@pytest.mark.django_db
def test_the_hub_in_french(cast, intake, login) -> None:
    html = (
        login(cast["coordinator"].user).get(f"/fr/programmes/intakes/{intake.pk}/").content.decode()
    )
    assert "<h1>Cohorte 1</h1>" in html
    assert "Proposer la candidature d'un membre" in html
    assert "Critères de sélection" in html
