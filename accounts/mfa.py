"""Staff two-step sign-in (TOTP and recovery codes, django-otp): the rules and the writes.

Who must use it: members of the roles in ``settings.MFA_REQUIRED_ROLES``
(administrators and department admins in production; superusers count as
administrators), and anyone who has set it up. Until such a user has proved a second factor in
this session, ``RequireSecondFactorMiddleware`` sends every staff page, the
Django admin included, to set-up or to the code prompt. See
docs/decisions/0008-staff-mfa-with-django-otp.md for why django-otp.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib.auth.signals import user_logged_in
from django.db import transaction
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django_otp import devices_for_user, user_has_device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

RECOVERY_CODES = 10
# Pages a user who still owes a second factor may open.
_OPEN_PREFIXES = ("/staff/mfa/", "/staff/login/", "/staff/logout/", "/static/", "/i18n/")


def must_use_second_factor(user: Any) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    if not (user.is_staff or user.is_superuser or user.groups.exists()):
        return False  # residents' accounts
    if user_has_device(user, confirmed=True):
        return True
    required = set(settings.MFA_REQUIRED_ROLES)
    if user.is_superuser:  # counts as an administrator
        return "administrator" in required
    return bool(required) and user.groups.filter(name__in=required).exists()


def _is_staff_path(path: str) -> bool:
    # The REST API authenticates with tokens, not sessions: not covered here.
    return path.startswith(("/staff/", "/admin/", "/notifications/", "/messaging/"))


SESSION_REQUIRED = "mfa_required"


@receiver(user_logged_in)
def _decide_at_sign_in(sender: Any, request: HttpRequest | None, user: Any, **kwargs: Any) -> None:
    # Decided once per session, so staff pages pay no query for it afterwards.
    if request is not None and hasattr(request, "session"):
        request.session[SESSION_REQUIRED] = must_use_second_factor(user)


def _required(request: HttpRequest, user: Any) -> bool:
    decided = request.session.get(SESSION_REQUIRED)
    if decided is None:  # a session from before this rule existed
        decided = must_use_second_factor(user)
        request.session[SESSION_REQUIRED] = decided
    return bool(decided)


class RequireSecondFactorMiddleware:
    """Staff pages wait until the second factor is proved (after OTPMiddleware)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        path = request.path
        user = getattr(request, "user", None)
        if (
            _is_staff_path(path)
            and not path.startswith(_OPEN_PREFIXES)
            and user is not None
            and user.is_authenticated
            and _required(request, user)
            and not user.is_verified()
        ):
            target = "accounts:mfa-verify" if user_has_device(user) else "accounts:mfa-setup"
            return HttpResponseRedirect(f"{reverse(target)}?next={path}")
        return self.get_response(request)


def totp_device_start(*, user: Any) -> TOTPDevice:
    """A new, unconfirmed authenticator for ``user`` (earlier unconfirmed ones are dropped)."""
    TOTPDevice.objects.filter(user=user, confirmed=False).delete()
    return TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=False)


@transaction.atomic
def totp_device_confirm(*, device: TOTPDevice, token: str) -> list[str] | None:
    """Confirm the authenticator with its first code; returns fresh recovery codes, or None."""
    if not device.verify_token(_digits(token)):
        return None
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    return recovery_codes_renew(user=device.user)


@transaction.atomic
def recovery_codes_renew(*, user: Any) -> list[str]:
    """Ten new single-use recovery codes; the old ones stop working."""
    device, _created = StaticDevice.objects.get_or_create(
        user=user, name="Recovery codes", defaults={"confirmed": True}
    )
    device.token_set.all().delete()
    codes = [f"{secrets.randbelow(10**10):010d}" for _ in range(RECOVERY_CODES)]
    StaticToken.objects.bulk_create([StaticToken(device=device, token=code) for code in codes])
    return codes


def second_factor_check(*, user: Any, token: str) -> Any:
    """The device that accepts ``token`` (an app code or a recovery code), or None.

    Each device throttles its own failures (django-otp), so guessing slows down.
    """
    token = _digits(token)
    if not token:
        return None
    for device in devices_for_user(user, confirmed=True, for_verify=True):
        if device.verify_is_allowed()[0] and device.verify_token(token):
            return device
    return None


def _digits(token: str) -> str:
    return "".join(ch for ch in (token or "") if ch.isdigit())[:12]
