"""Add-to-calendar files (.ics, RFC 5545) for a booking, written with `icalendar`.

The event holds what the resident needs on the day: the place, the times in
UTC (calendars show them in the reader's own zone), the tracking number and
the permit reference. Nothing else about the resident goes into it.
"""

from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from bookings.models import Booking


def booking_ics(booking: Booking, *, now: dt.datetime) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", "-//CivicDesk//Bookings//EN")
    calendar.add("version", "2.0")
    calendar.add("method", "PUBLISH")
    event = Event()
    event.add("uid", f"booking-{booking.pk}@civicdesk")
    event.add("dtstamp", now.astimezone(dt.UTC))
    event.add("dtstart", booking.start.astimezone(dt.UTC))
    event.add("dtend", booking.end.astimezone(dt.UTC))
    event.add("summary", booking.resource.name)
    location = booking.case.address or booking.resource.address
    if location:
        event.add("location", location)
    event.add(
        "description",
        _("Tracking number %(number)s. Permit reference %(permit)s.")
        % {"number": booking.case.tracking_number, "permit": booking.permit_reference},
    )
    if not booking.is_active:
        event.add("status", "CANCELLED")
    calendar.add_component(event)
    ical: bytes = calendar.to_ical()  # icalendar is untyped
    return ical
