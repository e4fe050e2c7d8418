"""Pages through the real HTTP stack: forms, errors, languages, the home page per role."""

import pytest
from django.test import Client

from guild.accounts.tests.factories import UserFactory
from guild.core.models import AuditEvent
from guild.members.models import Member
from guild.organizations.models import Department, Region, WorkStream


def _profile_post(member: Member, **changes: object) -> dict:
    data = {
        "given_name": member.given_name,
        "family_name": member.family_name,
        "work_email": member.work_email,
        "department": member.department_id,
        "region": member.region_id,
        "position_title": member.position_title,
        "level": member.level_id or "",
        "first_official_language": "en",
        "consent_directory": "on",
    }
    data.update(changes)
    return data


@pytest.mark.django_db
def test_member_edits_their_profile(make_member, login) -> None:
    member = make_member()
    quebec = Region.objects.get(code="quebec")
    stream = WorkStream.objects.get(community__code="im", code="archives")
    client = login(member.user)
    response = client.post(
        "/en/me/profile/",
        _profile_post(member, region=quebec.pk, years_in_community="12", work_streams=[stream.pk]),
    )
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.region == quebec
    assert member.years_in_community == 12
    assert list(member.work_streams.all()) == [stream]
    assert member.consent_statistics is False
    assert AuditEvent.objects.latest("id").action == "member.update"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"years_in_community": "99"}, "Ensure this value is less than or equal to 60."),
        ({"department": "999999"}, "Select a valid choice."),
        ({"given_name": ""}, "This field is required."),
        ({"supervisor_email": "nobody@example.gc.ca"}, "No member uses this e-mail address."),
        ({"work_streams": ["999999"]}, "Select a valid choice."),
    ],
)
def test_invalid_profile_shows_the_error_summary_and_saves_nothing(
    make_member, login, changes, message
) -> None:
    member = make_member()
    before = Member.objects.filter(pk=member.pk).values().get()
    audit_before = AuditEvent.objects.count()
    response = login(member.user).post("/en/me/profile/", _profile_post(member, **changes))
    assert response.status_code == 400
    html = response.content.decode()
    assert "<gcds-error-summary" in html
    assert message in html
    assert 'aria-invalid="true"' in html
    assert Member.objects.filter(pk=member.pk).values().get() == before
    assert AuditEvent.objects.count() == audit_before


@pytest.mark.django_db
def test_duplicate_email_on_the_profile_page(make_member, login) -> None:
    make_member(work_email="taken@example.gc.ca")
    member = make_member()
    response = login(member.user).post(
        "/en/me/profile/", _profile_post(member, work_email="Taken@Example.gc.ca")
    )
    assert response.status_code == 400
    assert "Another member already uses this e-mail address." in response.content.decode()


@pytest.mark.django_db
def test_new_user_creates_their_profile(login, im, esdc) -> None:
    user = UserFactory.create(email="fresh@example.gc.ca")
    client = login(user)
    assert "You have no member profile yet." in client.get("/en/me/profile/").content.decode()
    response = client.post(
        "/en/me/profile/",
        {
            "given_name": "Fresh",
            "family_name": "Face",
            "work_email": "fresh@example.gc.ca",
            "department": esdc.pk,
            "region": Region.objects.get(code="north").pk,
            "first_official_language": "fr",
            "join_communities": [im.pk],
        },
    )
    assert response.status_code == 302
    member = Member.objects.get(user=user)
    assert (member.given_name, member.first_official_language) == ("Fresh", "fr")
    # example.gc.ca is no departmental domain: the request waits, membership does not follow.
    assert list(member.communities.all()) == []
    assert member.membership_requests.get().status == "pending"


@pytest.mark.django_db
def test_roster_profile_is_claimed_by_the_matching_account(make_member, login) -> None:
    roster = make_member(account=False, work_email="roster@example.gc.ca")
    user = UserFactory.create(email="roster@example.gc.ca")
    login(user).get("/en/me/profile/")
    roster.refresh_from_db()
    assert roster.user == user
    assert AuditEvent.objects.latest("id").action == "member.link_account"


@pytest.mark.django_db
def test_language_toggle_points_to_the_same_page_in_the_other_language(make_member, login) -> None:
    client = login(make_member().user)
    english = client.get("/en/members/?department=1").content.decode()
    assert 'lang="en"' in english
    assert "/fr/members/?department=1" in english
    french = client.get("/fr/members/").content.decode()
    assert 'lang="fr"' in french
    assert "/en/members/" in french


@pytest.mark.django_db
def test_error_pages_are_bilingual(make_member, login) -> None:
    client = login(make_member().user)
    english = client.get("/en/members/424242/")
    french = client.get("/fr/members/424242/")
    assert english.status_code == french.status_code == 404
    assert 'lang="fr"' in french.content.decode()
    assert english.content.decode() != french.content.decode()


@pytest.mark.django_db
def test_anonymous_home_invites_to_sign_in() -> None:
    html = Client().get("/en/").content.decode()
    assert "/en/accounts/login/" in html


@pytest.mark.django_db
def test_home_fits_each_role(cast, login, make_member, esdc, cra) -> None:
    # 15 members counted in ESDC and 13 in CRA: enough for the counts to show.
    for department in (esdc, cra):
        for _ in range(10):
            make_member(account=False, department=department)

    def home(person):
        return login(person).get("/en/").content.decode()

    assert "People who report to you" in home(cast["supervisor"].user)
    assert "People who report to you" not in home(cast["member"].user)
    coordinator = home(cast["coordinator"].user)
    assert "Members by region" in coordinator and "15 active members" in coordinator
    assert "Grant and remove roles" not in coordinator
    admin = home(cast["admin"].user)
    assert "Members by department or agency" in admin and "28 active members" in admin
    assert "Grant and remove roles" in admin
    assert "Members by department or agency" in home(cast["committee"].user)
    platform = home(cast["platform"])
    assert "Audit log" in platform
    assert "Create your profile" in platform


@pytest.mark.django_db
def test_small_groups_are_pooled_on_the_home_page(cast, login, make_member) -> None:
    admin = login(cast["admin"].user)
    # IM has 5 members in ESDC and 3 in CRA: a pool of 8 would leave each too narrow a
    # range, so nothing is shown, not even the total.
    html = admin.get("/en/").content.decode()
    assert "Members by department or agency" not in html
    assert "Too few members are counted here" in html
    assert "8 active members" not in html
    for code, count in (("tbs", 20), ("hc", 6)):
        for _ in range(count):
            make_member(account=False, department=Department.objects.get(code=code))
    # ESDC 5, CRA 3 and Health Canada 6 pooled as Other (14, room for all three); TBS 20.
    html = admin.get("/en/").content.decode()
    assert "34 active members" in html
    assert (
        '<th scope="row">Treasury Board of Canada Secretariat</th><td class="num">20</td>' in html
    )
    assert '<th scope="row">Other</th><td class="num">14</td>' in html
    assert '<th scope="row">Employment and Social Development Canada</th>' not in html
    assert '<th scope="row">Health Canada</th>' not in html
    assert "Groups of fewer than 10 people are not shown" in html


@pytest.mark.django_db
def test_audit_log_filters(cast, login) -> None:
    member = cast["member"]
    client = login(member.user)
    client.post("/en/me/profile/", _profile_post(member, years_in_community="9"))
    login(cast["other"].user).post(
        "/en/me/profile/", _profile_post(cast["other"], years_in_community="4")
    )
    admin = login(cast["platform"])
    mine = admin.get(f"/en/audit/?actor={member.user.email}&action=member.update")
    html = mine.content.decode()
    assert "1 event" in html
    assert "years_in_community" in html
    assert f"<td>{cast['other'].user.email}</td>" not in html
    assert "2 events" in admin.get("/en/audit/?action=member.update").content.decode()
    assert (
        "0 events" in admin.get("/en/audit/?action=member.update&since=2999-01-01").content.decode()
    )
