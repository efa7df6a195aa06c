"""Forgotten passwords for staff and residents: limits, tokens and the staff form.

Django's reset machinery does the rest (signed, single-use tokens: a token
stops working once the password changes or the account signs in). On top:

- a limit per client address (the real one, core/clientaddr.py) on asking,
  answered with 429 whatever the address asked about;
- a limit per account (per email address asked about, known or not), past
  which nothing more is sent but the answer stays the same, so the form
  cannot be used to flood someone's inbox nor to learn who has an account;
- staff links last ``STAFF_PASSWORD_RESET_TIMEOUT`` (an hour), residents'
  Django's ``PASSWORD_RESET_TIMEOUT`` (three days, as their email says).

A reset never passes the second factor: staff who use one are still asked
for it at their next sign-in (accounts/mfa.py).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from typing import Any

from django import forms
from django.conf import settings
from django.contrib.auth.forms import PasswordResetForm, SetPasswordForm
from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.http import HttpRequest
from django.utils.http import base36_to_int
from django.utils.translation import gettext_lazy

from core.ratelimit import client_ip, hit


def is_staff_account(user: Any) -> bool:
    """Staff hold a role (an auth group) or admin rights; everyone else is a resident."""
    return bool(user.is_staff or user.is_superuser or user.groups.exists())


def address_may_ask(request: HttpRequest, *, scope: str) -> bool:
    """One more reset request from this client address (False past the hourly limit)."""
    limit = getattr(settings, "PASSWORD_RESETS_PER_ADDRESS", 5)
    return hit(f"{scope}-address", client_ip(request), limit=limit, window_seconds=3600)


def account_may_receive(email: str, *, scope: str) -> bool:
    """One more reset email to this address (False past the hourly limit).

    Counted for every address asked about, with or without an account, so the
    limit behaves the same either way.
    """
    limit = getattr(settings, "PASSWORD_RESETS_PER_ACCOUNT", 3)
    digest = hashlib.sha256(email.strip().casefold().encode()).hexdigest()
    return hit(f"{scope}-account", digest, limit=limit, window_seconds=3600)


class StaffTokenGenerator(PasswordResetTokenGenerator):
    """Django's tokens with their own salt and a shorter life for staff accounts."""

    key_salt = "accounts.password_reset.StaffTokenGenerator"

    def check_token(self, user: Any, token: str | None) -> bool:
        if not super().check_token(user, token):
            return False
        try:
            issued = base36_to_int(str(token).split("-", 1)[0])
        except ValueError:
            return False
        age = self._num_seconds(self._now()) - issued
        return age <= settings.STAFF_PASSWORD_RESET_TIMEOUT


staff_token_generator = StaffTokenGenerator()


class AccountLimitedResetForm(PasswordResetForm):
    """Django's reset form with our email field and the per-account limit."""

    scope = "password-reset"
    email = forms.EmailField(
        label=gettext_lazy("Email address of your account"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        error_messages={
            "required": gettext_lazy("Enter the email address of your account."),
            "invalid": gettext_lazy("Enter an email address like name@example.com."),
        },
    )

    def save(self, *args: Any, **kwargs: Any) -> None:
        # Past the limit nothing is sent, and the page says what it always says.
        if account_may_receive(self.cleaned_data["email"], scope=self.scope):
            super().save(*args, **kwargs)


class StaffPasswordResetForm(AccountLimitedResetForm):
    scope = "staff-password-reset"

    def get_users(self, email: str) -> Iterator[Any]:
        # Only staff accounts reset here; residents use the portal's page.
        return (user for user in super().get_users(email) if is_staff_account(user))


class NewPasswordForm(SetPasswordForm):  # type: ignore[type-arg]
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["new_password1"].label = gettext_lazy("New password")
        self.fields["new_password1"].help_text = gettext_lazy("At least 12 characters.")
        self.fields["new_password2"].label = gettext_lazy("New password again")
        self.fields["new_password2"].help_text = ""
