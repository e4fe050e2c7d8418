"""django-allauth hooks. Account writes made by allauth's own views (sign-up, password
changes, e-mail verification) are audited here, the one place they pass through."""

from typing import Any

from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.models import EmailAddress
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter
from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser
from django.db import transaction
from django.forms import BaseForm
from django.http import HttpRequest

from guild.core.audit import audit_record


class AccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request: HttpRequest) -> bool:
        return bool(getattr(settings, "GUILD_OPEN_SIGNUP", True))

    def save_user(
        self, request: HttpRequest, user: AbstractBaseUser, form: BaseForm, commit: bool = True
    ) -> AbstractBaseUser:
        with transaction.atomic():
            saved = super().save_user(request, user, form, commit)
            if commit:
                audit_record(
                    actor=saved,
                    action="user.sign_up",
                    obj=saved,
                    changes={"email": [None, getattr(saved, "email", "")]},
                )
        return saved

    def set_password(self, user: AbstractBaseUser, password: str) -> None:
        with transaction.atomic():
            super().set_password(user, password)
            # The value is never recorded, only that it changed.
            audit_record(
                actor=user,
                action="user.password_change",
                obj=user,
                changes={"password": ["***", "***"]},
            )

    def confirm_email(self, request: HttpRequest, email_address: EmailAddress) -> bool:
        with transaction.atomic():
            confirmed = super().confirm_email(request, email_address)
            if confirmed:
                audit_record(
                    actor=email_address.user,
                    action="user.email_verify",
                    obj=email_address,
                    changes={"verified": [False, True], "email": [None, email_address.email]},
                )
        return confirmed


class SocialAccountAdapter(DefaultSocialAccountAdapter):
    def is_open_for_signup(self, request: HttpRequest, sociallogin: Any) -> bool:
        return bool(settings.OIDC_PROVIDER_ID)
