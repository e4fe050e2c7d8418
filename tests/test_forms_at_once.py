"""Forms report every problem in one round; irreversible actions ask first; the role form
offers only what the person may grant; the demo's error pages are Guild's own."""

import re

import pytest
from django.test import Client

from config.settings import demo as demo_settings
from guild.accounts.models import RoleAssignment
from guild.members.models import Member
from guild.questionnaires.tests.answering import make_questionnaire


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


def _field_errors(html: str) -> list[str]:
    return re.findall(r'class="gcds-error-message" id="id_([a-z_]+)_error"', html)


@pytest.mark.django_db
def test_three_bad_fields_are_reported_together(make_member, login) -> None:
    member = make_member()
    response = login(member.user).post(
        "/en/me/profile/",
        _profile_post(
            member,
            given_name="",
            years_in_community="99",
            supervisor_email="nobody@example.gc.ca",
        ),
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert sorted(_field_errors(html)) == ["given_name", "supervisor_email", "years_in_community"]
    assert "This field is required." in html
    assert "Ensure this value is less than or equal to 60." in html
    assert "No member uses this e-mail address." in html


@pytest.mark.django_db
def test_a_taken_address_is_reported_with_the_other_problems(make_member, login) -> None:
    make_member(work_email="taken@example.gc.ca")
    member = make_member()
    response = login(member.user).post(
        "/en/me/profile/",
        _profile_post(
            member, work_email="Taken@example.gc.ca", department="999999", region="999999"
        ),
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert sorted(_field_errors(html)) == ["department", "region", "work_email"]
    assert "Another member already uses this e-mail address." in html


@pytest.mark.django_db
def test_errors_together_in_french(make_member, login) -> None:
    member = make_member()
    response = login(member.user).post(
        "/fr/me/profile/",
        _profile_post(member, given_name="", years_in_community="99", supervisor_email="x@y.ca"),
    )
    assert response.status_code == 400
    assert len(_field_errors(response.content.decode())) == 3


@pytest.mark.django_db
def test_the_role_form_offers_only_grantable_roles(cast, login, im, it_community) -> None:
    admin_html = login(cast["admin"].user).get("/en/roles/").content.decode()
    role_select = admin_html[admin_html.index('name="role"') :]
    role_select = role_select[: role_select.index("</select>")]
    assert 'value="department_coordinator"' in role_select
    assert 'value="committee_member"' in role_select
    assert 'value="platform_administrator"' not in role_select
    assert 'value="programme_administrator"' not in role_select
    community_select = admin_html[admin_html.index('name="community"') :]
    community_select = community_select[: community_select.index("</select>")]
    assert f'value="{im.pk}"' in community_select
    assert f'value="{it_community.pk}"' not in community_select
    # Their own programme administrator role is not theirs to remove: no button for it.
    own = RoleAssignment.objects.get(user=cast["admin"].user)
    assert f'action="/en/roles/{own.pk}/revoke/"' not in admin_html
    assert "Only a platform administrator can remove this role." in admin_html
    platform_html = login(cast["platform"]).get("/en/roles/").content.decode()
    assert 'value="platform_administrator"' in platform_html
    assert f'action="/en/roles/{own.pk}/revoke/"' in platform_html


@pytest.mark.django_db
def test_removing_a_role_asks_first(cast, login, grant, im) -> None:
    assignment = RoleAssignment.objects.get(user=cast["committee"].user)
    html = login(cast["admin"].user).get("/en/roles/").content.decode()
    assert '<details class="guild-confirm">' in html
    assert f"Remove the role “Committee member” from {cast['committee'].user.email}?" in html
    assert f'action="/en/roles/{assignment.pk}/revoke/"' in html
    assert "Yes, remove the role" in html
    response = login(cast["admin"].user).post(f"/en/roles/{assignment.pk}/revoke/")
    assert response.status_code == 302
    assert not RoleAssignment.objects.filter(pk=assignment.pk).exists()


@pytest.mark.django_db
def test_publishing_a_questionnaire_asks_first(cast, login, im) -> None:
    questionnaire = make_questionnaire(im, published=False)
    html = login(cast["admin"].user).get(f"/en/questionnaires/manage/{questionnaire.pk}/")
    text = html.content.decode()
    assert '<details class="guild-confirm">' in text
    assert "Publish version 1? Members can answer it at once" in text
    assert f'action="/en/questionnaires/manage/{questionnaire.pk}/publish/"' in text


@pytest.mark.django_db
def test_a_wrong_address_shows_guilds_page_in_french(cast, login) -> None:
    response = login(cast["member"].user).get("/fr/cette-page-n-existe-pas/")
    assert response.status_code == 404
    html = response.content.decode()
    assert '<html lang="fr">' in html
    assert "Erreur 404" in html
    assert "URLconf" not in html
    english = Client().get("/en/no-such-page/").content.decode()
    assert "Error 404" in english


def test_the_pages_carry_a_favicon(db) -> None:
    html = Client().get("/en/").content.decode()
    assert '<link rel="icon" href="/static/favicon.svg" type="image/svg+xml">' in html


def test_the_demo_runs_with_debug_off() -> None:
    assert demo_settings.DEBUG is False
    assert demo_settings.WHITENOISE_USE_FINDERS is True
