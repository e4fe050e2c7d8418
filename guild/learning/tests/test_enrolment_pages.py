"""Enrolment pages through the real HTTP stack: enrolling from the course page, My learning,
the supervisor's approvals, the roster's results, declarations and result imports; every
form shows all its errors at once; nobody reaches another's enrolment, tampered ids 404."""

import datetime
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from guild.learning.models import Completion, Enrolment, EnrolmentStatus, Offering
from guild.learning.services import completion_record, enrolment_create
from guild.learning.tests.conftest import make_course, make_offering

pytestmark = pytest.mark.django_db

YESTERDAY = timezone.localdate() - datetime.timedelta(days=1)


def test_a_member_enrols_from_the_course_page_and_finds_it_in_my_learning(
    cast: dict[str, Any], login: Any, offering: Offering
) -> None:
    client = login(cast["member"].user)
    page = client.get(f"/en/learning/courses/{offering.course_id}/")
    assert page.status_code == 200
    assert f'action="/en/learning/offerings/{offering.pk}/enrol/"' in page.content.decode()
    assert ">Enrol</button>" in page.content.decode()

    done = client.post(f"/en/learning/offerings/{offering.pk}/enrol/", follow=True)
    assert done.redirect_chain == [("/en/learning/mine/", 302)]
    assert "You are enrolled." in done.content.decode()
    [enrolment] = done.context["enrolments"]
    assert (enrolment.offering_id, enrolment.status) == (offering.pk, EnrolmentStatus.ENROLLED)

    twice = client.post(f"/en/learning/offerings/{offering.pk}/enrol/", follow=True)
    assert "You are already enrolled in this offering" in twice.content.decode()
    assert Enrolment.objects.count() == 1


def test_a_full_offering_offers_the_waitlist_and_my_learning_shows_the_position(
    cast: dict[str, Any], login: Any, course: Any
) -> None:
    offering = make_offering(cast["admin"].user, course, capacity=1)
    enrolment_create(actor=cast["private"].user, offering=offering)
    client = login(cast["member"].user)
    page = client.get(f"/en/learning/courses/{course.pk}/").content.decode()
    assert ">Join the waitlist</button>" in page
    assert "Full: 0 people on the waitlist" in page
    client.post(f"/en/learning/offerings/{offering.pk}/enrol/")
    mine = client.get("/en/learning/mine/").content.decode()
    assert "On the waitlist: number 1" in mine


def test_nobody_reaches_another_members_enrolment_and_tampered_ids_404(
    cast: dict[str, Any], login: Any, offering: Offering
) -> None:
    enrolment = enrolment_create(actor=cast["member"].user, offering=offering)
    other = login(cast["other"].user)
    for url in (
        f"/en/learning/enrolments/{enrolment.pk}/withdraw/",
        f"/en/learning/enrolments/{enrolment.pk}/decide/",
        "/en/learning/enrolments/999999/withdraw/",
        "/en/learning/offerings/999999/enrol/",
    ):
        assert other.post(url, {"decision": "approve"}).status_code == 404, url
    for url in (
        f"/en/learning/offerings/{offering.pk}/roster/",
        f"/en/learning/offerings/{offering.pk}/edit/",
        f"/en/learning/courses/{offering.course_id}/offerings/new/",
        "/en/learning/offerings/abc/",
        "/en/learning/results/import/",
    ):
        assert other.get(url).status_code == 404, url
    # The supervisor sees the enrolment but does not withdraw it.
    supervisor = login(cast["supervisor"].user)
    assert supervisor.post(f"/en/learning/enrolments/{enrolment.pk}/withdraw/").status_code == 404
    enrolment.refresh_from_db()
    assert enrolment.status == EnrolmentStatus.ENROLLED
    mine = other.get("/en/learning/mine/")
    assert mine.context["enrolments"] == []


def test_the_offering_form_shows_every_error_at_once(
    cast: dict[str, Any], login: Any, course: Any
) -> None:
    client = login(cast["admin"].user)
    response = client.post(
        f"/en/learning/courses/{course.pk}/offerings/new/",
        {
            "starts_on": "2026-05-02",
            "ends_on": "2026-05-01",
            "language": "de",
            "delivery": "online",
            "capacity": "0",
            "status": "open",
        },
    )
    assert response.status_code == 400
    assert response.context["form"].errors == {
        "language": ["Select a valid choice. de is not one of the available choices."],
        "capacity": ["Ensure this value is greater than or equal to 1."],
        "ends_on": ["The offering cannot end before it starts."],
    }
    assert not Offering.objects.exists()
    response = client.post(
        f"/en/learning/courses/{course.pk}/offerings/new/",
        {
            "starts_on": "2026-05-02",
            "ends_on": "2026-05-01",
            "language": "en",
            "delivery": "online",
            "capacity": "3",
            "status": "open",
        },
    )
    assert response.status_code == 400
    assert response.context["form"].errors == {
        "ends_on": ["The offering cannot end before it starts."]
    }
    assert not Offering.objects.exists()
    created = client.post(
        f"/en/learning/courses/{course.pk}/offerings/new/",
        {
            "starts_on": "2026-05-02",
            "ends_on": "2026-05-03",
            "language": "fr",
            "delivery": "online",
            "capacity": "3",
            "needs_approval": "on",
            "status": "open",
        },
    )
    offering = Offering.objects.get()
    assert created.url == f"/en/learning/offerings/{offering.pk}/"
    assert (offering.language, offering.capacity, offering.needs_approval) == ("fr", 3, True)


def test_the_supervisor_approves_from_the_home_worklist(
    cast: dict[str, Any], login: Any, course: Any
) -> None:
    offering = make_offering(cast["admin"].user, course, needs_approval=True)
    enrolment = enrolment_create(actor=cast["member"].user, offering=offering)
    client = login(cast["supervisor"].user)
    home = client.get("/en/").content.decode()
    assert 'href="/en/learning/approvals/">Approve or refuse 1 enrolment request</a>' in home
    page = client.get("/en/learning/approvals/")
    assert [e.pk for e in page.context["waiting"]] == [enrolment.pk]
    done = client.post(
        f"/en/learning/enrolments/{enrolment.pk}/decide/", {"decision": "approve"}, follow=True
    )
    assert "You approved Mia Member&#x27;s request." in done.content.decode()
    enrolment.refresh_from_db()
    assert enrolment.status == EnrolmentStatus.ENROLLED
    assert "Approve or refuse" not in client.get("/en/").content.decode()


def test_the_roster_records_results_with_every_error_at_once(
    cast: dict[str, Any], login: Any, offering: Offering
) -> None:
    first = enrolment_create(actor=cast["member"].user, offering=offering)
    enrolment_create(actor=cast["private"].user, offering=offering)
    waiting = enrolment_create(actor=cast["other"].user, offering=offering)
    client = login(cast["admin"].user)
    page = client.get(f"/en/learning/offerings/{offering.pk}/roster/")
    assert [e.pk for e in page.context["roster"].waitlist] == [waiting.pk]
    wrong = client.post(
        f"/en/learning/offerings/{offering.pk}/roster/",
        {"enrolments": [str(waiting.pk)], "completed_on": "soon", "result": "passed"},
    )
    assert wrong.status_code == 400
    assert set(wrong.context["form"].errors) == {"enrolments", "completed_on", "result"}
    assert not Completion.objects.exists()
    client.post(
        f"/en/learning/offerings/{offering.pk}/roster/",
        {
            "enrolments": [str(first.pk)],
            "completed_on": YESTERDAY.isoformat(),
            "result": "completed",
        },
    )
    completion = Completion.objects.get()
    assert (completion.enrolment_id, completion.source) == (first.pk, "administrator")


def test_a_member_declares_a_self_paced_course_with_every_error_at_once(
    cast: dict[str, Any], login: Any, im: Any
) -> None:
    guide = make_course(cast["admin"].user, im, code="g100", fmt="product")
    client = login(cast["member"].user)
    course_page = client.get(f"/en/learning/courses/{guide.pk}/").content.decode()
    assert "I completed this course" in course_page
    wrong = client.post(f"/en/learning/courses/{guide.pk}/declare/", {"proof_url": "x y"})
    assert wrong.status_code == 400
    assert set(wrong.context["form"].errors) == {"completed_on", "proof_url"}
    empty = client.post(
        f"/en/learning/courses/{guide.pk}/declare/", {"completed_on": YESTERDAY.isoformat()}
    )
    assert set(empty.context["form"].errors) == {"proof_note", "proof_url"}
    client.post(
        f"/en/learning/courses/{guide.pk}/declare/",
        {"completed_on": YESTERDAY.isoformat(), "proof_note": "Certificate 42"},
    )
    mine = client.get("/en/learning/mine/")
    [completion] = mine.context["completions"]
    assert (completion.course_id, completion.source, completion.proof_note) == (
        guide.pk,
        "self",
        "Certificate 42",
    )
    classroom = make_course(cast["admin"].user, im, code="c100")
    assert client.get(f"/en/learning/courses/{classroom.pk}/declare/").status_code == 404


def test_a_results_file_with_mistakes_lists_them_and_saves_nothing(
    cast: dict[str, Any], login: Any, offering: Offering, im: Any
) -> None:
    client = login(cast["admin"].user)
    content = f"email,course,date,result\nnobody@example.gc.ca,i500,{YESTERDAY},completed\n"
    response = client.post(
        "/en/learning/results/import/",
        {"community": im.pk, "file": SimpleUploadedFile("results.csv", content.encode())},
    )
    assert response.status_code == 400
    assert response.context["problems"][0]["location"] == "line 2, column email"
    assert "No member of the community has this e-mail." in response.content.decode()
    assert not Completion.objects.exists()
    good = f"email,course,date,result\n{cast['member'].work_email},i500,{YESTERDAY},completed\n"
    done = client.post(
        "/en/learning/results/import/",
        {"community": im.pk, "file": SimpleUploadedFile("results.csv", good.encode())},
        follow=True,
    )
    assert "Results imported. New: 1; replaced: 0." in done.content.decode()
    assert Completion.objects.get().source == "import"


def test_my_learning_is_on_the_home_page_and_in_the_menu(cast: dict[str, Any], login: Any) -> None:
    home = login(cast["member"].user).get("/en/").content.decode()
    assert home.count('href="/en/learning/mine/"') == 2


def test_the_offering_form_keeps_iso_dates_in_french(
    cast: dict[str, Any], login: Any, offering: Offering
) -> None:
    page = login(cast["admin"].user).get(f"/fr/learning/offerings/{offering.pk}/edit/")
    assert f'value="{offering.starts_on.isoformat()}"' in page.content.decode()
    assert f'value="{offering.ends_on.isoformat()}"' in page.content.decode()


def test_my_learning_reads_in_a_fixed_number_of_queries_and_hides_withdraw_once_done(
    cast: dict[str, Any],
    login: Any,
    course: Any,
    django_assert_max_num_queries: Any,
) -> None:
    admin = cast["admin"].user
    member = cast["member"]
    offerings = [make_offering(admin, course, capacity=1) for _ in range(4)]
    for offering in offerings:
        enrolment_create(actor=cast["private"].user, offering=offering)
        enrolment_create(actor=member.user, offering=offering)  # the waitlist
    client = login(member.user)
    client.get("/en/learning/mine/")
    with django_assert_max_num_queries(12):
        page = client.get("/en/learning/mine/").content.decode()
    assert page.count("On the waitlist: number 1") == 4
    assert page.count(">Withdraw</button>") == 4

    done = Enrolment.objects.filter(member=cast["private"], offering=offerings[0]).get()
    completion_record(
        actor=admin,
        offering=offerings[0],
        enrolments=[done],
        completed_on=YESTERDAY,
        result="completed",
    )
    private = login(cast["private"].user)
    assert private.get("/en/learning/mine/").content.decode().count(">Withdraw</button>") == 3
    course_page = private.get(f"/en/learning/courses/{course.pk}/").content.decode()
    assert course_page.count(">Withdraw</button>") == 3
