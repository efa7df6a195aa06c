"""Public booking pages: parse, call a selector or service, render. No JavaScript needed.

Bad input never raises: an unknown resource or token is a 404 page, a slot
that cannot be booked re-shows the form with the specific reason and other
free times to choose from (400, or 409 when someone else holds the slot).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from bookings.forms import BookingForm, CancelForm
from bookings.ics import booking_ics
from bookings.models import BookableResource
from bookings.selectors import (
    Slot,
    active_bookings_overlapping,
    bookable_resources,
    booking_by_token,
    calendar_days,
    check_slot,
    free_slots,
    last_bookable_day,
    parse_slot_key,
    resource_by_slug,
)
from bookings.services import BookingError, SlotTaken, booking_cancel, booking_create_for_contact
from core.ratelimit import client_ip, hit
from payments.selectors import payment_for

CALENDAR_DAYS = 14
ALTERNATIVES = 6


def _ns(request: HttpRequest) -> str:
    """The URL namespace of these pages: the web's, or the kiosk's (portal/urls.py)."""
    return "portal:kiosk:bookings" if getattr(request, "kiosk", False) else "bookings"


def _render(
    request: HttpRequest, template: str, context: dict[str, Any], status: int = 200
) -> HttpResponse:
    kiosk = getattr(request, "kiosk", False)
    context.update(
        kiosk=kiosk,
        bookings_ns=_ns(request),
        portal_ns="portal:kiosk" if kiosk else "portal",
        kiosk_idle_seconds=getattr(settings, "PORTAL_KIOSK_IDLE_SECONDS", 90),
    )
    return render(request, template, context, status=status)


def _resource_or_404(slug: str) -> BookableResource:
    resource = resource_by_slug(slug)
    if resource is None:
        raise Http404(_("There is no bookable place or service at this address."))
    return resource


def _rate_limited(request: HttpRequest, scope: str) -> bool:
    return not hit(
        scope,
        client_ip(request),
        limit=settings.PORTAL_SUBMISSIONS_PER_HOUR,
        window_seconds=3600,
    )


def resource_list(request: HttpRequest) -> HttpResponse:
    resources = list(bookable_resources().prefetch_related("service__translations"))
    jurisdiction = resources[0].jurisdiction if resources else None
    return _render(
        request,
        "bookings/resource_list.html",
        {"resources": resources, "jurisdiction": jurisdiction},
    )


def resource_calendar(request: HttpRequest, slug: str) -> HttpResponse:
    resource = _resource_or_404(slug)
    now = timezone.now()
    today = now.astimezone(resource.jurisdiction.zone).date()
    last = last_bookable_day(resource, now)
    try:
        from_date = dt.date.fromisoformat(request.GET.get("from", ""))
    except ValueError:
        from_date = today
    from_date = min(max(from_date, today), last)
    days = calendar_days(resource, from_date, CALENDAR_DAYS, now=now)
    later = from_date + dt.timedelta(days=CALENDAR_DAYS)
    earlier = max(today, from_date - dt.timedelta(days=CALENDAR_DAYS))
    return _render(
        request,
        "bookings/calendar.html",
        {
            "resource": resource,
            "jurisdiction": resource.jurisdiction,
            "days": days,
            "has_free": any(slot.is_free for day in days for slot in day.slots),
            "previous_from": earlier.isoformat() if from_date > today else None,
            "next_from": later.isoformat() if later <= last else None,
        },
    )


def _alternatives(resource: BookableResource, around: dt.datetime | None) -> list[Slot]:
    now = timezone.now()
    zone = resource.jurisdiction.zone
    start_day = max(around or now, now).astimezone(zone).date()
    return free_slots(resource, start_day, 14, now=now)[:ALTERNATIVES]


@require_http_methods(["GET", "POST"])
def book(request: HttpRequest, slug: str) -> HttpResponse:
    resource = _resource_or_404(slug)
    problem: BookingError | None = None
    slot = None
    status = 200

    if request.method == "POST":
        if _rate_limited(request, "bookings-create"):
            return _render(
                request, "bookings/rate_limited.html", {"resource": resource}, status=429
            )
        form = BookingForm(
            request.POST,
            asks_for_address=resource.asks_for_address,
            non_resident_rate=bool(resource.non_resident_fee_cents),
        )
        start = parse_slot_key(resource, request.POST.get("start", ""))
    else:
        form = BookingForm(
            initial={"start": request.GET.get("start", "")},
            asks_for_address=resource.asks_for_address,
            non_resident_rate=bool(resource.non_resident_fee_cents),
        )
        start = parse_slot_key(resource, request.GET.get("start", ""))

    if start is None:
        problem = BookingError(
            _("That is not a slot we offer; choose one from the calendar."), "bad"
        )
    else:
        try:
            slot = check_slot(resource, start)
            if request.method == "GET" and active_bookings_overlapping(
                resource, slot.start, slot.end
            ):
                raise SlotTaken()
        except BookingError as exc:
            problem, slot = exc, None

    if request.method == "POST" and form.is_valid() and slot is not None:
        try:
            new = booking_create_for_contact(
                resource=resource,
                start=slot.start,
                full_name=form.cleaned_data["full_name"],
                email=form.cleaned_data["email"],
                phone=form.cleaned_data["phone"],
                address=form.cleaned_data.get("address", ""),
                language=get_language() or "en",
                non_resident=bool(form.cleaned_data.get("non_resident")),
            )
        except BookingError as exc:
            problem, slot = exc, None
        else:  # the confirmation goes through the case outbox (bookings.services)
            if getattr(request, "kiosk", False):
                # No redirect to a page whose address holds the cancel token: the kiosk's
                # history must not let the next person cancel this booking.
                return _confirmation(request, new.booking, new.cancel_token)
            return redirect("bookings:confirmed", token=new.cancel_token)

    if problem is not None:
        status = 409 if problem.code == "taken" else 400
    elif request.method == "POST":
        status = 400  # the form had errors
    return _render(
        request,
        "bookings/book.html",
        {
            "resource": resource,
            "jurisdiction": resource.jurisdiction,
            "form": form,
            "slot": slot,
            "problem": problem,
            "alternatives": _alternatives(resource, start) if problem else [],
        },
        status=status,
    )


def confirmed(request: HttpRequest, token: str) -> HttpResponse:
    booking = booking_by_token(token)
    if booking is None:
        raise Http404(_("We could not find that booking."))
    return _confirmation(request, booking, token)


def _confirmation(request: HttpRequest, booking: Any, token: str) -> HttpResponse:
    cancel_url = request.build_absolute_uri(reverse("bookings:cancel", args=[token]))
    return _render(
        request,
        "bookings/confirmed.html",
        {
            "booking": booking,
            "cancel_url": cancel_url,
            "ics_url": reverse("bookings:ics", args=[token]),
            "payment": payment_for("booking", booking.pk) if booking.fee_cents else None,
            "zone": booking.resource.jurisdiction.zone,
            "jurisdiction": booking.resource.jurisdiction,
        },
    )


def booking_calendar_file(request: HttpRequest, token: str) -> HttpResponse:
    """The booking as an .ics file to add to the resident's own calendar."""
    booking = booking_by_token(token)
    if booking is None:
        raise Http404(_("We could not find that booking."))
    response = HttpResponse(
        booking_ics(booking, now=timezone.now()), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = (
        f'attachment; filename="booking-{booking.case.tracking_number}.ics"'
    )
    response["Cache-Control"] = "private, no-store"
    return response


@require_http_methods(["GET", "POST"])
def cancel(request: HttpRequest, token: str) -> HttpResponse:
    booking = booking_by_token(token)
    if booking is None:
        raise Http404(_("We could not find that booking."))
    problem = None
    status = 200
    if request.method == "POST":
        if _rate_limited(request, "bookings-cancel"):
            return _render(
                request, "bookings/rate_limited.html", {"resource": booking.resource}, status=429
            )
        if CancelForm(request.POST).is_valid():
            try:
                booking = booking_cancel(booking=booking, token=token)
            except BookingError as exc:
                problem, status = exc, 400
            else:
                return _render(
                    request,
                    "bookings/cancelled.html",
                    {
                        "booking": booking,
                        "zone": booking.resource.jurisdiction.zone,
                        "jurisdiction": booking.resource.jurisdiction,
                    },
                )
    return _render(
        request,
        "bookings/cancel.html",
        {
            "booking": booking,
            "problem": problem,
            "zone": booking.resource.jurisdiction.zone,
            "jurisdiction": booking.resource.jurisdiction,
        },
        status=status,
    )
