"""OpenID Connect sign-in (GCKey / CanadaLogin or a departmental provider) is off until
settings name a provider, and then appears on the sign-in page."""

import pytest
from django.test import Client, override_settings

from guild.accounts.models import User
from guild.accounts.tests.factories import PASSWORD
from guild.core.models import AuditEvent

PROVIDERS = {
    "openid_connect": {
        "APPS": [
            {
                "provider_id": "gckey",
                "name": "GCKey",
                "client_id": "guild",
                "secret": "not-a-real-secret",
                "settings": {"server_url": "https://login.example.gc.ca"},
            }
        ],
        "OAUTH_PKCE_ENABLED": True,
    }
}


@pytest.mark.django_db
def test_no_provider_means_no_oidc_sign_in() -> None:
    client = Client()
    assert "GCKey" not in client.get("/en/accounts/login/").content.decode()
    assert client.get("/en/accounts/oidc/gckey/login/").status_code == 404


@pytest.mark.django_db
@override_settings(SOCIALACCOUNT_PROVIDERS=PROVIDERS, OIDC_PROVIDER_ID="gckey")
def test_configured_provider_is_offered() -> None:
    client = Client()
    assert "GCKey" in client.get("/en/accounts/login/").content.decode()
    assert client.get("/en/accounts/oidc/gckey/login/").status_code == 200


@pytest.mark.django_db
@override_settings(ACCOUNT_RATE_LIMITS={"login_failed": "3/m/ip"})
def test_repeated_failed_sign_ins_are_slowed_down(make_member) -> None:
    member = make_member()
    client = Client()
    for _ in range(3):
        client.post("/en/accounts/login/", {"login": member.user.email, "password": "wrong"})
    blocked = client.post("/en/accounts/login/", {"login": member.user.email, "password": PASSWORD})
    assert blocked.status_code == 200
    assert "Too many failed login attempts. Try again later." in blocked.content.decode()
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_sign_in_with_email_and_password(make_member) -> None:
    member = make_member()
    response = Client().post(
        "/en/accounts/login/", {"login": member.user.email, "password": PASSWORD}
    )
    assert response.status_code == 302
    assert response["Location"] == "/en/"


@pytest.mark.django_db
def test_sign_up_requires_e_mail_verification(mailoutbox) -> None:
    client = Client()
    response = client.post(
        "/en/accounts/signup/",
        {
            "email": "new.person@example.gc.ca",
            "password1": "a-long-enough-password-2026",
            "password2": "a-long-enough-password-2026",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == "/en/accounts/confirm-email/"
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == ["new.person@example.gc.ca"]
    assert client.get("/en/members/").status_code == 302


@pytest.mark.django_db
def test_sign_up_with_a_taken_e_mail_creates_no_second_account(make_member, mailoutbox) -> None:
    # allauth does not reveal which addresses have accounts: the page answers as for a new
    # address and the owner of the existing account is told by e-mail instead.
    member = make_member()
    users_before = User.objects.count()
    response = Client().post(
        "/en/accounts/signup/",
        {
            "email": member.user.email.upper(),
            "password1": "a-long-enough-password-2026",
            "password2": "a-long-enough-password-2026",
        },
    )
    assert response.status_code == 302
    assert User.objects.count() == users_before
    assert [message.to for message in mailoutbox] == [[member.user.email]]


@pytest.mark.django_db
def test_account_writes_are_audited(mailoutbox) -> None:
    client = Client()
    client.post(
        "/en/accounts/signup/",
        {
            "email": "audited@example.gc.ca",
            "password1": "a-long-enough-password-2026",
            "password2": "a-long-enough-password-2026",
        },
    )
    user = User.objects.get(email="audited@example.gc.ca")
    signup = AuditEvent.objects.get(action="user.sign_up")
    assert (signup.actor, signup.changes) == (user, {"email": [None, "audited@example.gc.ca"]})
    link = next(line for line in mailoutbox[0].body.splitlines() if "/confirm-email/" in line)
    client.post(link[link.index("/en/") :].strip())
    assert AuditEvent.objects.get(action="user.email_verify").actor == user
    client.force_login(user)
    client.post(
        "/en/accounts/password/change/",
        {
            "oldpassword": "a-long-enough-password-2026",
            "password1": "another-long-password-2027",
            "password2": "another-long-password-2027",
        },
    )
    change = AuditEvent.objects.get(action="user.password_change")
    assert change.changes == {"password": ["***", "***"]}
