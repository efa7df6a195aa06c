"""Writes for area alerts: subscribe, confirm, unsubscribe, and the daily digests.

Digests are not about one case, so they do not go through the case outbox: the
daily task sends each one and only then moves `covered_until`, so a mail outage
is covered again by the next run and a digest is never sent twice for one window.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMultiAlternatives
from django.core.validators import validate_email
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from alerts.models import AreaAlert
from alerts.selectors import alerts_due, area_digest
from catalogue.models import Service
from organisations.models import Jurisdiction

log = logging.getLogger(__name__)

MAX_RADIUS_M = 5_000
MIN_RADIUS_M = 50
MAX_ALERTS_PER_EMAIL = 10
UNCONFIRMED_FOR = dt.timedelta(days=7)


def _link(name: str, token: str) -> str:
    return settings.SITE_URL + reverse(name, args=[token])


def _send(*, alert: AreaAlert, subject: str, template: str, context: dict[str, object]) -> None:
    with translation.override(alert.language):
        body = render_to_string(template, context)
    unsubscribe = _link("alerts:unsubscribe", alert.token)
    message = EmailMultiAlternatives(
        subject=subject,
        body=body,
        to=[alert.email],
        headers={
            "List-Unsubscribe": f"<{unsubscribe}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            "Auto-Submitted": "auto-generated",
        },
    )
    message.send()


@dataclass(frozen=True)
class AreaChoice:
    zipcode: str = ""
    lat: Decimal | None = None
    long: Decimal | None = None
    radius_m: int | None = None


def alert_subscribe(
    *,
    jurisdiction: Jurisdiction,
    email: str,
    language: str,
    area: AreaChoice,
    services: list[Service],
    now: dt.datetime | None = None,
) -> AreaAlert:
    """Record a subscription and email the link that confirms it (nothing is sent before)."""
    now = now or timezone.now()
    email = email.strip()
    try:
        validate_email(email)
    except ValidationError as exc:
        raise ValidationError(
            {"email": _("Enter an email address like name@example.com.")}
        ) from exc
    errors: dict[str, str] = {}
    if not area.zipcode and None in (area.lat, area.long, area.radius_m):
        errors["zipcode"] = _("Give a ZIP code, or a point on the map and a distance.")
    if area.radius_m is not None and not MIN_RADIUS_M <= area.radius_m <= MAX_RADIUS_M:
        errors["radius_m"] = _("Choose a distance between %(low)s and %(high)s metres.") % {
            "low": MIN_RADIUS_M,
            "high": MAX_RADIUS_M,
        }
    if any(service.jurisdiction_id != jurisdiction.pk for service in services):
        errors["services"] = _("Choose services from the list.")
    existing = AreaAlert.objects.filter(jurisdiction=jurisdiction, email__iexact=email).count()
    if existing >= MAX_ALERTS_PER_EMAIL:
        errors["email"] = _(
            "This address already has %(count)s area alerts. Unsubscribe from one first."
        ) % {"count": MAX_ALERTS_PER_EMAIL}
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        alert = AreaAlert.objects.create(
            jurisdiction=jurisdiction,
            email=email,
            language=language if language in {"en", "es"} else "en",
            zipcode=area.zipcode if area.zipcode else "",
            lat=None if area.zipcode else area.lat,
            long=None if area.zipcode else area.long,
            radius_m=None if area.zipcode else area.radius_m,
            created_at=now,
        )
        alert.services.set(services)
    with translation.override(alert.language):
        subject = _("Confirm your area alert from %(city)s") % {"city": jurisdiction.name}
    _send(
        alert=alert,
        subject=subject,
        template="alerts/email_confirm.txt",
        context={"alert": alert, "confirm_url": _link("alerts:confirm", alert.token)},
    )
    return alert


def alert_confirm(*, alert: AreaAlert, now: dt.datetime | None = None) -> AreaAlert:
    """The address is the subscriber's: digests start from now (no backlog)."""
    now = now or timezone.now()
    if alert.confirmed_at is None:
        alert.confirmed_at = now
        alert.covered_until = now
        alert.save(update_fields=["confirmed_at", "covered_until"])
    return alert


def alert_unsubscribe(*, alert: AreaAlert) -> None:
    """One click, no questions: the subscription and its address are gone."""
    alert.delete()


@dataclass(frozen=True)
class DigestRun:
    sent: int
    empty: int
    failed: int
    expired: int


def send_area_digests(*, now: dt.datetime | None = None) -> DigestRun:
    """Send each due alert its digest of the last day(s); skip empty ones silently."""
    now = now or timezone.now()
    expired, _by_model = AreaAlert.objects.filter(
        confirmed_at__isnull=True, created_at__lt=now - UNCONFIRMED_FOR
    ).delete()
    sent = empty = failed = 0
    for alert in alerts_due(now=now).iterator(chunk_size=500):
        since = alert.covered_until or alert.confirmed_at or now
        digest = area_digest(alert, since=since, until=now)
        if digest.is_empty:
            empty += 1
        else:
            with translation.override(alert.language):
                subject = _("New and resolved reports near you, %(city)s") % {
                    "city": alert.jurisdiction.name
                }
            try:
                _send(
                    alert=alert,
                    subject=subject,
                    template="alerts/email_digest.txt",
                    context={
                        "alert": alert,
                        "digest": digest,
                        "feed_url": _link("alerts:feed", alert.token),
                        "unsubscribe_url": _link("alerts:unsubscribe", alert.token),
                        "map_url": settings.SITE_URL + reverse("portal:home"),
                    },
                )
            except Exception:  # a mail outage: this window is sent by the next run
                log.warning("area alert %s: digest not sent, kept for the next run", alert.pk)
                failed += 1
                continue
            sent += 1
        AreaAlert.objects.filter(pk=alert.pk).update(covered_until=now)
    return DigestRun(sent=sent, empty=empty, failed=failed, expired=expired)
