"""Account protection that an attacker cannot turn against the account's owner.

django-axes locks an account *per address* after a few failures. A password
spray from many addresses stays under that, so we also count failures for an
account across every address. Past ``CIVICDESK_ACCOUNT_FAILURE_LIMIT`` in the
cool-off window the account is *protected*: sign-in is refused from browsers
the owner has never signed in from, while a browser holding the owner's
known-device cookie (set on every successful sign-in) still gets in, so a
lock-out cannot be used to keep the real user out (OWASP's "device cookies").
The owner is told by email once, when protection starts; an administrator
lifts it with ``manage.py unlock_account`` or in the admin's access attempts.
"""

from __future__ import annotations

import logging
from datetime import timedelta
from typing import Any

from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in
from django.core import signing
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.core.mail import send_mail
from django.db.models import Sum
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _

logger = logging.getLogger(__name__)

DEVICE_COOKIE = "cd_known_device"
_DEVICE_SALT = "accounts.protection.known-device"
_DEVICE_MAX_AGE = 180 * 24 * 3600


def account_failures(username: str) -> int:
    """Failed sign-ins for this account, from every address, in the cool-off window."""
    since = timezone.now() - timedelta(hours=settings.AXES_COOLOFF_TIME)
    total = AccessAttempt.objects.filter(username=username, attempt_time__gte=since).aggregate(
        total=Sum("failures_since_start")
    )["total"]
    return int(total or 0)


def is_protected(username: str) -> bool:
    return account_failures(username) >= settings.ACCOUNT_FAILURE_LIMIT


def is_known_device(request: HttpRequest | None, user_pk: int) -> bool:
    if request is None:
        return False
    try:
        value = signing.loads(
            request.COOKIES.get(DEVICE_COOKIE, ""), salt=_DEVICE_SALT, max_age=_DEVICE_MAX_AGE
        )
    except signing.BadSignature:
        return False
    return isinstance(value, list) and user_pk in value


def _tell_owner_once(user: Any) -> None:
    if not user.email or not cache.add(f"account-protected:{user.pk}", 1, timeout=3600):
        return
    try:
        _send_owner_notice(user)
    except OSError:
        logger.exception("account protection notice for user id %s not sent", user.pk)
    logger.warning("account protection started for user id %s", user.pk)


def _send_owner_notice(user: Any) -> None:
    send_mail(
        _("Sign-in attempts on your CivicDesk account"),
        _(
            "Many wrong passwords were tried for your account %(username)s from several "
            "places. Sign-in is paused for browsers you have not used before; you can still "
            "sign in from a browser you used recently. If this was not you, change your "
            "password and tell your administrator."
        )
        % {"username": user.get_username()},
        None,
        [user.email],
    )


class AccountProtectionBackend:
    """Refuses a protected account from an unknown browser; authenticates nobody itself.

    Placed before ModelBackend so it can stop the chain (PermissionDenied); axes then
    counts the refusal as one more failure, as it should. No ``get_user``: it never
    holds a session, so ``force_login`` and the session layer skip it.
    """

    def authenticate(
        self, request: HttpRequest | None, username: str | None = None, **kwargs: Any
    ) -> None:
        if not username or not is_protected(username):
            return None
        user = get_user_model()._default_manager.filter(username=username).first()
        if user is None:
            return None
        if is_known_device(request, user.pk):
            return None
        _tell_owner_once(user)
        raise PermissionDenied("account protected: unknown device")


@receiver(user_logged_in)
def _remember_device(sender: Any, request: HttpRequest | None, user: Any, **kwargs: Any) -> None:
    if request is not None:
        request._known_device_user = user.pk  # type: ignore[attr-defined]


class KnownDeviceMiddleware:
    """Writes the known-device cookie after a successful sign-in (see _remember_device)."""

    def __init__(self, get_response: Any) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response: HttpResponse = self.get_response(request)
        user_pk = getattr(request, "_known_device_user", None)
        if user_pk is not None:
            try:
                known = signing.loads(
                    request.COOKIES.get(DEVICE_COOKIE, ""),
                    salt=_DEVICE_SALT,
                    max_age=_DEVICE_MAX_AGE,
                )
            except signing.BadSignature:
                known = []
            known = [*[pk for pk in known if pk != user_pk][-4:], user_pk]
            response.set_cookie(
                DEVICE_COOKIE,
                signing.dumps(known, salt=_DEVICE_SALT),
                max_age=_DEVICE_MAX_AGE,
                secure=settings.SESSION_COOKIE_SECURE,
                httponly=True,
                samesite="Lax",
            )
        return response
