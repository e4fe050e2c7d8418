"""The home page is each role's worklist, and the top menu shows each role its sections."""

import re
from dataclasses import replace
from datetime import timedelta

import pytest
from django.core.files.base import ContentFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from guild.core.models import Job
from guild.members.models import MembershipRequest
from guild.programmes.models import Intake, IntakeStage, Programme
from guild.programmes.services.nominations import consent, nominate
from guild.questionnaires.tests.answering import make_questionnaire
from guild.questionnaires.tests.test_definitions import small


def _links(html: str) -> set[str]:
    return set(re.findall(r'href="(/[^"]*)"', html))


def _nav(html: str) -> str:
    return html[html.index("<gcds-top-nav") : html.index("</gcds-top-nav>")]


@pytest.mark.django_db
def test_a_member_sees_the_questionnaire_waiting_and_its_results(cast, login, im) -> None:
    questionnaire = make_questionnaire(im)
    html = login(cast["member"].user).get("/en/").content.decode()
    assert "Waiting for you" in html
    assert "1 questionnaire to answer" in html
    assert f'href="/en/questionnaires/{questionnaire.pk}/">Members survey</a>' in html
    assert f'href="/en/questionnaires/{questionnaire.pk}/results/"' in html
    # Nothing the member cannot open is offered.
    assert "/en/audit/" not in html
    assert "/en/roles/" not in html
    assert "What you manage" not in html


@pytest.mark.django_db
def test_home_in_french_says_what_waits(cast, login, im) -> None:
    make_questionnaire(im)
    html = login(cast["member"].user).get("/fr/").content.decode()
    assert '<html lang="fr">' in html
    assert "En attente de votre part" in html
    assert "1 questionnaire à remplir" in html
    assert "Sondage des membres" in html


@pytest.mark.django_db
def test_nothing_waiting_is_said_plainly(cast, login) -> None:
    html = login(cast["other"].user).get("/en/").content.decode()
    assert "Nothing is waiting for you right now." in html


@pytest.mark.django_db
def test_a_supervisor_sees_requests_and_a_coordinator_the_department_results(
    cast, login, im, esdc
) -> None:
    questionnaire = make_questionnaire(im)
    MembershipRequest.objects.create(member=cast["member"], community=im)
    html = login(cast["coordinator"].user).get("/en/").content.decode()
    assert "Decide 1 request to join" in html
    assert f"/en/questionnaires/{questionnaire.pk}/results/department/esdc/" in html
    assert f"/en/competencies/department/?community={im.pk}&amp;department={esdc.pk}" in html
    assert "What you manage" in html


@pytest.mark.django_db
def test_a_questionnaire_not_broken_down_by_department_offers_no_department_page(
    cast, login, im, esdc
) -> None:
    # Found by crawling the demo as its coordinator: the event evaluation (no department
    # question) linked to "Results for ESDC", which answered 404.
    plain = replace(
        small(),
        sections=tuple(
            replace(section, questions=tuple(replace(q, breakdown=None) for q in section.questions))
            for section in small().sections
        ),
    )
    questionnaire = make_questionnaire(im, anonymous=False, definition=plain)
    client = login(cast["coordinator"].user)
    department_page = f"/en/questionnaires/{questionnaire.pk}/results/department/esdc/"
    home = client.get("/en/").content.decode()
    assert f"/en/questionnaires/{questionnaire.pk}/results/" in home
    assert department_page not in home
    results = client.get(f"/en/questionnaires/{questionnaire.pk}/results/").content.decode()
    assert department_page not in results
    assert client.get(department_page).status_code == 404


@pytest.mark.django_db
def test_an_administrator_manages_from_home_and_menu(cast, login, im) -> None:
    html = login(cast["admin"].user).get("/en/").content.decode()
    for url in ("/en/questionnaires/manage/", "/en/roles/", "/en/competencies/frameworks/"):
        assert f'href="{url}"' in html
    assert f"/en/competencies/heat-map/?community={im.pk}" in html
    nav = _nav(html)
    assert 'open-trigger="Management"' in nav
    assert 'href="/en/questionnaires/manage/"' in nav
    assert 'href="/en/audit/"' not in nav


@pytest.mark.django_db
def test_the_menu_fits_each_role(cast, login) -> None:
    member_nav = _nav(login(cast["member"].user).get("/en/").content.decode())
    for label in ("Questionnaires", "Results", "Competencies", "Member directory", "My account"):
        assert label in member_nav
    assert "Management" not in member_nav
    assert "My team" not in member_nav
    assert "My team" in _nav(login(cast["supervisor"].user).get("/en/").content.decode())
    platform_nav = _nav(login(cast["platform"]).get("/en/").content.decode())
    assert 'href="/en/audit/"' in platform_nav
    assert 'href="/en/admin/"' in platform_nav
    french = _nav(login(cast["platform"]).get("/fr/").content.decode())
    assert "Journal de vérification" in french


@pytest.mark.django_db
def test_every_link_on_each_home_page_opens(cast, login, im) -> None:
    make_questionnaire(im)
    for person in ("member", "supervisor", "coordinator", "admin", "committee"):
        client = login(cast[person].user)
        html = client.get("/en/").content.decode()
        for url in sorted(_links(html)):
            if url.startswith(("/static/", "/en/accounts/logout")) or "/download/" in url:
                continue
            status = client.get(url).status_code
            assert status == 200, (person, url, status)


@pytest.mark.django_db
def test_a_finished_export_waits_on_the_home_page(cast, login) -> None:
    user = cast["admin"].user
    job = Job.objects.create(
        kind="questionnaire.export",
        owner=user,
        status=Job.Status.SUCCEEDED,
        result_name="survey.xlsx",
        finished_at=timezone.now(),
    )
    job.result_file.save("survey.xlsx", ContentFile(b"data"))
    Job.objects.create(
        kind="old",
        owner=user,
        status=Job.Status.SUCCEEDED,
        result_name="old.xlsx",
        finished_at=timezone.now() - timedelta(days=30),
    )
    html = login(user).get("/en/").content.decode()
    assert f'href="/en/jobs/{job.pk}/download/">survey.xlsx</a>' in html
    assert "old.xlsx" not in html


@pytest.mark.django_db
def test_the_home_page_queries_do_not_grow_with_the_data(cast, login, im, make_member) -> None:
    client = login(cast["supervisor"].user)

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/en/").status_code == 200
        return len(queries)

    count()  # the first request also refreshes the session
    before = count()
    for _ in range(5):
        make_questionnaire(im)
        make_member(supervisor=cast["supervisor"])
    assert count() == before


@pytest.mark.django_db
def test_results_page_lists_what_the_person_may_read(cast, login, im) -> None:
    questionnaire = make_questionnaire(im)
    html = login(cast["member"].user).get("/en/results/").content.decode()
    assert f'href="/en/questionnaires/{questionnaire.pk}/results/"' in html
    committee = login(cast["committee"].user).get("/fr/results/").content.decode()
    assert f"/fr/competencies/heat-map/?community={im.pk}" in committee
    assert Client().get("/en/results/").status_code == 302


@pytest.mark.django_db
def test_results_for_managers_are_listed_to_the_administrators_alone(cast, login, im) -> None:
    questionnaire = make_questionnaire(im)
    questionnaire.results_for_managers = True
    questionnaire.save(update_fields=["results_for_managers"])
    link = f'href="/en/questionnaires/{questionnaire.pk}/results/"'
    for who in ("member", "coordinator", "committee"):
        for page in ("/en/", "/en/results/"):
            assert link not in login(cast[who].user).get(page).content.decode(), (who, page)
    assert link in login(cast["admin"].user).get("/en/results/").content.decode()


def _open_intake(im):
    today = timezone.localdate()
    programme = Programme.objects.create(
        community=im,
        code="imli",
        name_en="IM Leadership Initiative",
        name_fr="Initiative de leadership en GI",
    )
    return Intake.objects.create(
        programme=programme,
        name_en="Intake 1",
        name_fr="Cohorte 1",
        stage=IntakeStage.NOMINATING,
        nominations_open_on=today - timedelta(days=1),
        nominations_close_on=today + timedelta(days=20),
        starts_on=today + timedelta(days=60),
        ends_on=today + timedelta(days=300),
        capacity=23,
    )


@pytest.mark.django_db
def test_nominations_wait_for_the_nominee_and_the_supervisor(cast, login, im) -> None:
    intake = _open_intake(im)
    nomination = nominate(
        actor=cast["coordinator"].user, intake=intake, member=cast["member"], rationale="Ready."
    )
    link = f'href="/en/programmes/nominations/{nomination.pk}/"'
    nominee = login(cast["member"].user).get("/en/").content.decode()
    assert f"{link}>Accept or decline your nomination to Intake 1</a>" in nominee
    supervisor = login(cast["supervisor"].user).get("/en/").content.decode()
    assert f"{link}>Endorse or not the nomination of Mia Member to Intake 1</a>" in supervisor
    french = login(cast["supervisor"].user).get("/fr/").content.decode()
    assert "Appuyer ou non la candidature de Mia Member à Cohorte 1" in french
    consent(actor=cast["member"].user, nomination=nomination, accept=False)
    assert "nominations-waiting" not in login(cast["supervisor"].user).get("/en/").content.decode()
    assert (
        "Nothing is waiting for you right now."
        in login(cast["member"].user).get("/en/").content.decode()
    )


@pytest.mark.django_db
def test_the_leadership_programme_is_in_the_menu_and_managed_from_home(cast, login) -> None:
    member = login(cast["member"].user).get("/en/").content.decode()
    assert 'open-trigger="Leadership programme"' in _nav(member)
    assert 'href="/en/programmes/"' in _nav(member)
    assert 'href="/en/programmes/nominations/mine/"' in _nav(member)
    assert "Leadership programme: intakes, nominations, selection and cohorts" not in member
    admin = login(cast["admin"].user).get("/en/").content.decode()
    assert (
        '<a href="/en/programmes/">Leadership programme: intakes, nominations, selection and '
        "cohorts</a>" in admin
    )
    assert 'open-trigger="Programme de leadership"' in _nav(
        login(cast["member"].user).get("/fr/").content.decode()
    )
