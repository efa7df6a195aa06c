"""The booking confirmation email: the only place the resident's cancel link is sent.

Sent after the booking has committed; a mail failure is logged and never
undoes the booking (the confirmation page shows the same link).
"""

from __future__ import annotations

import logging

from django.core.mail import send_mail
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _

from bookings.services import NewBooking

log = logging.getLogger(__name__)


def send_booking_confirmation(new: NewBooking, request: HttpRequest) -> bool:
    booking = new.booking
    if not booking.resident.email:
        return False
    context = {
        "booking": booking,
        "zone": booking.resource.jurisdiction.zone,
        "cancel_url": request.build_absolute_uri(
            reverse("bookings:cancel", args=[new.cancel_token])
        ),
        "ics_url": request.build_absolute_uri(reverse("bookings:ics", args=[new.cancel_token])),
    }
    subject = _("Your booking %(number)s: %(resource)s") % {
        "number": booking.case.tracking_number,
        "resource": booking.resource.name,
    }
    try:
        send_mail(
            subject,
            render_to_string("bookings/confirmation_email.txt", context),
            None,
            [booking.resident.email],
        )
    except OSError:
        log.exception("Booking confirmation email for %s not sent", booking.case.tracking_number)
        return False
    return True
