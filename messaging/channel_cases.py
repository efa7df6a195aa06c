"""What every channel shares when a message arrives: which service, which resident, how many."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db.models import Q

from cases.models import Case
from catalogue.models import Service


def default_service() -> Service | None:
    """The general-enquiry service new channel messages open cases with.

    Configured by code (CIVICDESK_EMAIL_DEFAULT_SERVICE), else "general-enquiry".
    With several jurisdictions on one install, email can route per address
    (messaging.Mailbox); the other channels take the first such service.
    """
    services = Service.objects.filter(is_active=True).order_by("id")
    return (
        services.filter(service_code=settings.MESSAGING_EMAIL_DEFAULT_SERVICE).first()
        or services.filter(service_code="general-enquiry").first()
    )


def over_hourly_cap(*, channel: str, contact: Q, at: dt.datetime) -> bool:
    """True when this contact opened the hourly maximum of cases on this channel.

    Counted in the database, not a cache: an MTA pipe runs one process per message.
    """
    recent = Case.objects.filter(
        contact, channel=channel, created_at__gte=at - dt.timedelta(hours=1)
    ).count()
    return recent >= settings.MESSAGING_EMAIL_NEW_CASES_PER_HOUR
