"""Every write to bookings: book a slot, cancel a booking, find or record the resident.

How "no double booking" holds (see bookings/models.py for the schema side):

1. check_slot() refuses slots the rules do not offer (past, too soon, too far,
   closed day, not a slot boundary) before anything is written.
2. Inside one transaction booking_create locks the resource row with
   ``select_for_update`` (PostgreSQL: a row lock, so concurrent bookings of the
   same resource queue here; SQLite: the connection's IMMEDIATE transactions
   already take the database write lock), then looks for an overlapping active
   booking, then opens the case and inserts the booking.
3. The database has the last word: the partial unique index
   ``booking_one_active_per_slot`` (every database) and the exclusion
   constraint ``booking_no_overlap_active`` (PostgreSQL). If anything ever gets
   past 1–2, the insert fails with IntegrityError, the whole transaction (case
   included) rolls back, and the caller gets SlotTaken.
   tests/bookings/test_race.py races eight connections on PostgreSQL with and
   without step 2 to prove it.
"""

from __future__ import annotations

import datetime as dt
import secrets
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from accounts.models import User
from bookings.models import BookableResource, Booking, BookingStatus, FeeUnit
from bookings.selectors import (
    BookingError,
    active_bookings_overlapping,
    check_slot,
    hash_token,
)
from cases.lifecycle import allowed_next
from cases.models import Channel, Status
from cases.outbox import outbox_add_message
from cases.services import case_change_status, case_create
from core.languages import localised
from payments.models import Payment
from payments.selectors import payment_for
from payments.services import (
    pay_url,
    payment_expire,
    payment_refund,
    payment_start,
    register_purpose,
)
from residents.models import Resident
from residents.services import resident_find_or_create

__all__ = ["BookingError"]  # re-exported: the doors catch it from here


class SlotTaken(BookingError):
    def __init__(self) -> None:
        super().__init__(_("That slot was just taken — choose another."), "taken")


@dataclass(frozen=True)
class NewBooking:
    booking: Booking
    cancel_token: str  # shown once to the resident; only its hash is stored


def _lock_resource(resource: BookableResource) -> BookableResource:
    """Serialise bookings of one resource (a no-op on SQLite, whose writers already queue)."""
    return BookableResource.objects.select_for_update().get(pk=resource.pk)


def _slot_is_held(resource: BookableResource, start: dt.datetime, end: dt.datetime) -> bool:
    """The check half of check-then-insert, run under the resource lock."""
    return active_bookings_overlapping(resource, start, end)


def _describe(resource: BookableResource, start: dt.datetime, end: dt.datetime) -> str:
    zone = resource.jurisdiction.zone
    local_start, local_end = start.astimezone(zone), end.astimezone(zone)
    return _("Booking of %(resource)s on %(date)s, %(start)s–%(end)s.") % {
        "resource": resource.name,
        "date": date_format(local_start.date(), "DATE_FORMAT"),
        "start": local_start.strftime("%H:%M"),
        "end": local_end.strftime("%H:%M"),
    }


def booking_create(
    *,
    resource: BookableResource,
    start: dt.datetime,
    resident: Resident,
    address: str = "",
    channel: str = Channel.WEB,
    actor: User | None = None,
    non_resident: bool = False,
    now: dt.datetime | None = None,
) -> NewBooking:
    """Book the slot of `resource` starting at `start` for `resident`, opening its case.

    A booking with a fee is held for `payment_window_minutes` until paid (payments/);
    unpaid, it is released. The confirmation says which.

    `address` is where to go for visits (inspections); the resource's own
    address otherwise. Raises BookingError (SlotTaken when someone else holds the slot) with a
    specific message; nothing is saved then.
    """
    now = now or timezone.now()
    slot = check_slot(resource, start, now=now)
    token = secrets.token_urlsafe(32)
    try:
        with transaction.atomic():
            resource = _lock_resource(resource)
            if _slot_is_held(resource, slot.start, slot.end):
                raise SlotTaken()
            try:
                case = case_create(
                    service=resource.service,
                    channel=channel,
                    description=_describe(resource, slot.start, slot.end),
                    resident=resident,
                    address=address.strip()[:300] or resource.address,
                    actor=actor,
                    at=now,
                )
            except ValidationError as exc:
                raise BookingError(" ".join(exc.messages), "service") from None
            booking = Booking.objects.create(
                resource=resource,
                start=slot.start,
                end=slot.end,
                resident=resident,
                case=case,
                status=BookingStatus.ACTIVE,
                cancel_token_hash=hash_token(token),
                created_at=now,
                non_resident=non_resident,
                fee_cents=booking_fee(resource, slot.start, slot.end, non_resident=non_resident),
            )
            payment = _hold_for_payment(booking, now=now)
            _owe_confirmation(booking, token, at=now, payment=payment)
    except IntegrityError:
        # Only the one-active-booking-per-slot index can fail here (case_create retries
        # its own tracking-number collisions); the transaction has rolled back.
        if active_bookings_overlapping(resource, slot.start, slot.end):
            raise SlotTaken() from None
        raise
    return NewBooking(booking=booking, cancel_token=token)


def booking_fee(
    resource: BookableResource, start: dt.datetime, end: dt.datetime, *, non_resident: bool
) -> int:
    """The fee in cents: the resident or non-resident rate, per booking or per started hour."""
    rate = resource.fee_cents
    if non_resident and resource.non_resident_fee_cents:
        rate = resource.non_resident_fee_cents
    if resource.fee_unit == FeeUnit.HOUR:
        hours = -(-int((end - start).total_seconds()) // 3600)
        return rate * hours
    return rate


def _hold_for_payment(booking: Booking, *, now: dt.datetime) -> Payment | None:
    if not booking.fee_cents:
        return None
    booking.payment_due_by = now + dt.timedelta(minutes=booking.resource.payment_window_minutes)
    booking.save(update_fields=["payment_due_by"])
    language = booking.resident.preferred_language or "en"
    with translation.override(language):
        description = _("Booking %(reference)s: %(resource)s") % {
            "reference": booking.permit_reference,
            "resource": localised(booking.resource, language, "name"),
        }
    return payment_start(
        jurisdiction=booking.resource.jurisdiction,
        purpose="booking",
        object_id=booking.pk,
        case=booking.case,
        description=description,
        amount_cents=booking.fee_cents,
        payer_email=booking.resident.email,
        language=language,
        expires_at=booking.payment_due_by,
        now=now,
    )


def _owe_confirmation(
    booking: Booking, token: str, *, at: dt.datetime, payment: Payment | None = None
) -> None:
    """The confirmation with the cancel link, in the resident's language, through the case
    outbox (the only place the link is sent; the outbox forgets it once sent)."""
    language = booking.resident.preferred_language or "en"
    with translation.override(language):
        context = {
            "booking": booking,
            "zone": booking.resource.jurisdiction.zone,
            "cancel_url": settings.SITE_URL.rstrip("/") + reverse("bookings:cancel", args=[token]),
            "ics_url": settings.SITE_URL.rstrip("/") + reverse("bookings:ics", args=[token]),
            "pay_url": pay_url(payment) if payment is not None else "",
        }
        subject = _("Your booking %(number)s: %(resource)s") % {
            "number": booking.case.tracking_number,
            "resource": localised(booking.resource, language, "name"),
        }
        body = render_to_string("bookings/confirmation_email.txt", context)
    outbox_add_message(
        case=booking.case, kind="booking_confirmed", subject=subject, body=body, at=at
    )


def resident_for_contact(
    *, full_name: str, email: str, phone: str = "", language: str = "en"
) -> Resident:
    """The resident behind the public booking form's details, or a new one.

    Found by `residents.services.resident_find_or_create` like every other door (email
    first, case-insensitively). Nothing is written onto an existing record
    (`fill_blanks=False`): anyone can type anyone's email, and a phone number written
    onto someone else's record would route their texts to the typist.
    Raises ValidationError keyed by field.
    """
    resident = resident_find_or_create(
        full_name=full_name,
        email=email,
        phone=phone,
        language=language,
        match_first="email",
        fill_blanks=False,
    )
    if resident is None:
        raise ValidationError({"email": _("Enter your email address.")})
    return resident


def booking_create_for_contact(
    *,
    resource: BookableResource,
    start: dt.datetime,
    full_name: str,
    email: str,
    phone: str = "",
    address: str = "",
    language: str = "en",
    channel: str = Channel.WEB,
    non_resident: bool = False,
    now: dt.datetime | None = None,
) -> NewBooking:
    """The public form's booking: resident and booking saved together or not at all."""
    with transaction.atomic():
        resident = resident_for_contact(
            full_name=full_name, email=email, phone=phone, language=language
        )
        return booking_create(
            resource=resource,
            start=start,
            resident=resident,
            address=address,
            channel=channel,
            non_resident=non_resident,
            now=now,
        )


def _close_case_for_cancellation(
    booking: Booking, *, by: User | None, note: str, at: dt.datetime
) -> None:
    case = booking.case
    nexts = allowed_next(case.status)
    if Status.DECLINED in nexts:
        target = Status.DECLINED
    elif Status.CLOSED in nexts:
        target = Status.CLOSED
    else:
        return  # already closed or declined: the booking note is enough
    case_change_status(case=case, status=target, by=by, note=note, at=at)


def booking_cancel(
    *,
    booking: Booking,
    token: str | None = None,
    by: User | None = None,
    reason: str = "",
    now: dt.datetime | None = None,
) -> Booking:
    """Cancel a booking, freeing its slot, and close its case with a note.

    Either the resident's cancel token or a staff user allowed to cancel any
    booking (`bookings.cancel_any_booking`) is required. Residents cannot cancel
    once the booking has started; staff can.
    """
    now = now or timezone.now()
    by_staff = by is not None and by.has_perm("bookings.cancel_any_booking")
    by_resident = token is not None and secrets.compare_digest(
        hash_token(token), booking.cancel_token_hash
    )
    if not (by_staff or by_resident):
        if by is not None:
            raise BookingError(_("You are not allowed to cancel bookings."), "forbidden")
        raise BookingError(_("This cancellation link is not valid."), "forbidden")
    with transaction.atomic():
        booking = (
            Booking.objects.select_for_update()
            .select_related("case", "resource__jurisdiction")
            .get(pk=booking.pk)
        )
        if booking.status == BookingStatus.CANCELLED:
            raise BookingError(_("This booking was already cancelled."), "already_cancelled")
        if not by_staff and booking.start <= now:
            raise BookingError(
                _("This booking has already started and can no longer be cancelled online."),
                "started",
            )
        booking.status = BookingStatus.CANCELLED
        booking.cancelled_at = now
        booking.save(update_fields=["status", "cancelled_at"])
        who = _("by staff") if by_staff else _("by the resident")
        note = _("Booking cancelled %(who)s.") % {"who": who}
        if reason.strip():
            note = f"{note} {reason.strip()[:500]}"
        _close_case_for_cancellation(booking, by=by if by_staff else None, note=note, at=now)
        _refund_by_policy(booking, by_staff=by_staff, now=now)
    return booking


def _refund_by_policy(booking: Booking, *, by_staff: bool, now: dt.datetime) -> None:
    """Staff cancellations are refunded in full; residents' when early enough. An unpaid
    hold's payment is closed, so its link can no longer take money."""
    payment = payment_for("booking", booking.pk)
    if payment is None:
        return
    if booking.paid_at is None:
        payment_expire(payment=payment, at=now)
        return
    notice = dt.timedelta(hours=booking.resource.refund_until_hours)
    if by_staff or booking.start - now >= notice:
        with translation.override(booking.resident.preferred_language or "en"):
            reason = _("Booking cancelled.")
        payment_refund(payment=payment, amount_cents=payment.amount_cents, reason=reason, at=now)


def _booking_paid(payment: Payment) -> None:
    """Paid: the hold becomes a booking. Paid after it was released: the money goes back."""
    booking = Booking.objects.select_related("resource").get(pk=payment.object_id)
    Booking.objects.filter(pk=booking.pk).update(paid_at=payment.paid_at)
    if booking.status == BookingStatus.CANCELLED:
        with translation.override(payment.language):
            reason = _("Paid after the booking had been released.")
        transaction.on_commit(
            lambda: payment_refund(
                payment=payment, amount_cents=payment.amount_cents, reason=reason
            )
        )


def _booking_not_paid(payment: Payment) -> None:
    """Not paid in time: the slot is released and the case closed with a note."""
    with transaction.atomic():
        booking = (
            Booking.objects.select_for_update()
            .select_related("case", "resource__jurisdiction", "resident")
            .get(pk=payment.object_id)
        )
        if booking.status != BookingStatus.ACTIVE or booking.paid_at is not None:
            return
        now = timezone.now()
        booking.status = BookingStatus.CANCELLED
        booking.cancelled_at = now
        booking.save(update_fields=["status", "cancelled_at"])
        with translation.override(booking.resident.preferred_language or "en"):
            note = _("Booking released: the fee was not paid in time.")
        _close_case_for_cancellation(booking, by=None, note=note, at=now)


register_purpose("booking", on_paid=_booking_paid, on_expired=_booking_not_paid)


def _owe_reminder(booking: Booking, *, at: dt.datetime) -> None:
    language = booking.resident.preferred_language or "en"
    with translation.override(language):
        subject = _("Reminder: %(resource)s tomorrow (%(number)s)") % {
            "number": booking.case.tracking_number,
            "resource": localised(booking.resource, language, "name"),
        }
        body = render_to_string(
            "bookings/reminder_email.txt",
            {"booking": booking, "zone": booking.resource.jurisdiction.zone},
        )
    outbox_add_message(
        case=booking.case, kind="booking_reminder", subject=subject, body=body, at=at
    )


def send_booking_reminders(*, now: dt.datetime | None = None) -> int:
    """Owe each resident whose active booking starts tomorrow (local time) one reminder.

    Through the case outbox, so it goes by the resident's own channel and language.
    A conditional update claims each booking, so two runs (or two schedulers) never
    remind twice; a booking made today for tomorrow is reminded too.
    """
    now = now or timezone.now()
    candidates = (
        Booking.objects.filter(
            status=BookingStatus.ACTIVE,
            reminded_at__isnull=True,
            start__gt=now,
            start__lte=now + dt.timedelta(hours=48),
        )
        .select_related("resource__jurisdiction", "resident", "case")
        .order_by("start")
    )
    owed = 0
    for booking in candidates.iterator(chunk_size=500):
        zone = booking.resource.jurisdiction.zone
        tomorrow = timezone.localtime(now, zone).date() + dt.timedelta(days=1)
        if timezone.localtime(booking.start, zone).date() != tomorrow:
            continue
        with transaction.atomic():
            claimed = Booking.objects.filter(
                pk=booking.pk, status=BookingStatus.ACTIVE, reminded_at__isnull=True
            ).update(reminded_at=now)
            if claimed:
                _owe_reminder(booking, at=now)
                owed += 1
    return owed
