"""Writes for payments: start, check out, mark paid (once), refund, expire, receipts.

Other apps register a *purpose* with what to do when its payment is paid or
expires (bookings confirms or releases the slot); this app never imports them. Two
purposes are its own: "bill", and "request" (a request for a catalogue service with a
fee, held until paid: docs/decisions/0016-service-fees.md), since cases cannot import
payments.
Everything a provider tells us arrives through `payment_handle_notification`,
which records each provider event once, so a replayed webhook changes nothing.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from calendars.formatting import promised_day
from cases.models import Case, Status
from cases.outbox import outbox_add_message
from cases.services import case_change_status, case_record_payment, case_release_payment_hold
from catalogue.models import Service
from core.languages import localised
from organisations.models import Jurisdiction
from payments.models import Bill, Payment, PaymentStatus, ProviderEvent
from payments.providers import Notification, provider

log = logging.getLogger(__name__)

MAX_AMOUNT_CENTS = 10_000_000  # $100,000: anything above is a typo, not a park shelter


@dataclass(frozen=True)
class Purpose:
    on_paid: Callable[[Payment], None]
    on_expired: Callable[[Payment], None]


_PURPOSES: dict[str, Purpose] = {}


def register_purpose(
    name: str, *, on_paid: Callable[[Payment], None], on_expired: Callable[[Payment], None]
) -> None:
    _PURPOSES[name] = Purpose(on_paid=on_paid, on_expired=on_expired)


def money(cents: int, currency: str = "usd") -> str:
    symbol = "$" if currency.lower() == "usd" else f"{currency.upper()} "
    return f"{symbol}{cents // 100:,}.{cents % 100:02d}"


def _timeline(payment: Payment, body: str, *, at: dt.datetime, data: dict[str, object]) -> None:
    if payment.case_id is not None:
        case_record_payment(
            case_id=payment.case_id, provider=payment.provider, body=body, data=data, at=at
        )


def payment_start(
    *,
    jurisdiction: Jurisdiction,
    purpose: str,
    object_id: int,
    description: str,
    amount_cents: int,
    payer_email: str = "",
    language: str = "en",
    case: Case | None = None,
    expires_at: dt.datetime | None = None,
    now: dt.datetime | None = None,
) -> Payment:
    """Record what is owed. Nothing is charged until the payer checks out."""
    now = now or timezone.now()
    if purpose not in _PURPOSES:
        raise ValidationError(f"Unknown payment purpose {purpose!r}")
    if not 0 < amount_cents <= MAX_AMOUNT_CENTS:
        raise ValidationError({"amount_cents": _("The amount must be between $0.01 and $100,000.")})
    return Payment.objects.create(
        jurisdiction=jurisdiction,
        purpose=purpose,
        object_id=object_id,
        case=case,
        description=description[:200],
        amount_cents=amount_cents,
        payer_email=payer_email[:254],
        language=language if language in {"en", "es"} else "en",
        provider=provider().name,
        created_at=now,
        expires_at=expires_at or now + dt.timedelta(days=settings.PAYMENTS_BILL_CHECKOUT_DAYS),
    )


def payment_checkout(*, payment: Payment, success_url: str, cancel_url: str) -> str:
    """The provider's page for this payment (ProviderError when it cannot be reached)."""
    if payment.status != PaymentStatus.PENDING:
        raise ValidationError(_("This payment is no longer waiting to be paid."))
    chosen = provider()
    checkout = chosen.start_checkout(payment, success_url=success_url, cancel_url=cancel_url)
    Payment.objects.filter(pk=payment.pk).update(
        provider=chosen.name, provider_session_id=checkout.session_id
    )
    return checkout.url


def _send_receipt(payment: Payment, *, at: dt.datetime) -> None:
    with translation.override(payment.language):
        subject = _("Receipt: %(amount)s paid to %(city)s") % {
            "amount": money(payment.amount_cents, payment.currency),
            "city": payment.jurisdiction.name,
        }
        body = render_to_string(
            "payments/receipt_email.txt",
            {"payment": payment, "amount": money(payment.amount_cents, payment.currency)},
        )
    if payment.case_id is not None and payment.case is not None and payment.case.resident_id:
        outbox_add_message(
            case=payment.case, kind="payment_receipt", subject=subject, body=body, at=at
        )
    elif payment.payer_email:
        # A bill has no case and no resident record: the receipt goes to the address given.
        try:
            EmailMessage(subject=subject, body=body, to=[payment.payer_email]).send()
        except Exception:  # reported by the reconciliation (paid, no receipt)
            log.warning("payment %s: receipt not sent", payment.pk)
            return
    else:
        return
    Payment.objects.filter(pk=payment.pk).update(receipt_sent_at=at)


def payment_mark_paid(
    *,
    payment: Payment,
    payment_id: str = "",
    amount_cents: int | None = None,
    at: dt.datetime | None = None,
) -> bool:
    """The provider says it is paid: mark it once, tell its purpose, send the receipt.

    False when nothing changed (already paid). A payment that had expired is still
    marked paid (the money is real) and its purpose decides what that means.
    """
    at = at or timezone.now()
    with transaction.atomic():
        # Lock the payment row only: its case is optional (an outer join PostgreSQL will
        # not lock).
        payment = (
            Payment.objects.select_for_update(of=("self",))
            .select_related("jurisdiction", "case")
            .get(pk=payment.pk)
        )
        if payment.status in {PaymentStatus.PAID, PaymentStatus.REFUNDED}:
            return False
        if amount_cents is not None and amount_cents != payment.amount_cents:
            log.error("payment %s: provider amount %s differs", payment.pk, amount_cents)
            raise ValidationError("The amount paid does not match the amount owed.")
        payment.status = PaymentStatus.PAID
        payment.paid_at = at
        payment.provider_payment_id = payment_id[:200]
        payment.save(update_fields=["status", "paid_at", "provider_payment_id"])
        _timeline(
            payment,
            _("Payment received: %(amount)s.") % {"amount": money(payment.amount_cents)},
            at=at,
            data={"payment": payment.token, "amount_cents": payment.amount_cents},
        )
        _PURPOSES[payment.purpose].on_paid(payment)
        _send_receipt(payment, at=at)
    return True


def payment_expire(*, payment: Payment, at: dt.datetime | None = None) -> bool:
    at = at or timezone.now()
    with transaction.atomic():
        payment = Payment.objects.select_for_update().get(pk=payment.pk)
        if payment.status != PaymentStatus.PENDING:
            return False
        payment.status = PaymentStatus.EXPIRED
        payment.save(update_fields=["status"])
        _PURPOSES[payment.purpose].on_expired(payment)
    return True


def expire_unpaid(*, now: dt.datetime | None = None) -> int:
    """Pending payments past their time: expired, and their purpose told (slots freed)."""
    now = now or timezone.now()
    due = Payment.objects.filter(status=PaymentStatus.PENDING, expires_at__lte=now).order_by("pk")
    return sum(payment_expire(payment=payment, at=now) for payment in due[:500])


def payment_refund(
    *, payment: Payment, amount_cents: int, reason: str, at: dt.datetime | None = None
) -> bool:
    """Give money back through the provider; False when there is nothing to refund."""
    at = at or timezone.now()
    with transaction.atomic():
        payment = Payment.objects.select_for_update().get(pk=payment.pk)
        refundable = payment.amount_cents - payment.refunded_cents
        amount_cents = min(amount_cents, refundable)
        if payment.status != PaymentStatus.PAID or amount_cents <= 0:
            return False
        refund_id = provider().refund(payment, amount_cents=amount_cents)
        payment.refunded_cents += amount_cents
        payment.refunded_at = at
        if payment.refunded_cents == payment.amount_cents:
            payment.status = PaymentStatus.REFUNDED
        payment.save(update_fields=["refunded_cents", "refunded_at", "status"])
        _timeline(
            payment,
            _("Refunded: %(amount)s. %(reason)s")
            % {"amount": money(amount_cents), "reason": reason},
            at=at,
            data={"payment": payment.token, "refund": refund_id, "amount_cents": amount_cents},
        )
    return True


def payment_handle_notification(
    *, notification: Notification, at: dt.datetime | None = None
) -> str:
    """Act on a verified provider event exactly once; returns what was done."""
    at = at or timezone.now()
    chosen = provider().name
    try:
        with transaction.atomic():
            ProviderEvent.objects.create(
                provider=chosen,
                event_id=notification.event_id[:200],
                kind=notification.kind,
                received_at=at,
            )
    except IntegrityError:
        return "replayed"
    if notification.kind == "ignored":
        return "ignored"
    payment = Payment.objects.filter(
        provider=chosen, provider_session_id=notification.session_id
    ).first()
    if payment is None:
        log.warning("%s event %s: no payment for its session", chosen, notification.event_id)
        return "unknown"
    if notification.kind == "paid":
        changed = payment_mark_paid(
            payment=payment,
            payment_id=notification.payment_id,
            amount_cents=notification.amount_cents,
            at=at,
        )
        return "paid" if changed else "already"
    return "expired" if payment_expire(payment=payment, at=at) else "already"


# --- Bills: pay a reference number ------------------------------------------------------


def _bill_paid(payment: Payment) -> None:
    Bill.objects.filter(pk=payment.object_id, paid_at__isnull=True).update(paid_at=payment.paid_at)


register_purpose("bill", on_paid=_bill_paid, on_expired=lambda payment: None)


def bill_payment_start(
    *, bill: Bill, payer_email: str, language: str, now: dt.datetime | None = None
) -> Payment:
    """A payment for an unpaid bill; an open one for the same bill is reused."""
    now = now or timezone.now()
    if bill.paid_at is not None:
        raise ValidationError(_("This bill is already paid."))
    open_payment = Payment.objects.filter(
        purpose="bill", object_id=bill.pk, status=PaymentStatus.PENDING, expires_at__gt=now
    ).first()
    if open_payment is not None:
        if payer_email and open_payment.payer_email != payer_email:
            Payment.objects.filter(pk=open_payment.pk).update(payer_email=payer_email[:254])
            open_payment.payer_email = payer_email[:254]
        return open_payment
    return payment_start(
        jurisdiction=bill.jurisdiction,
        purpose="bill",
        object_id=bill.pk,
        description=f"{bill.description} ({bill.reference})",
        amount_cents=bill.amount_cents,
        payer_email=payer_email,
        language=language,
        now=now,
    )


def pay_url(payment: Payment) -> str:
    return settings.SITE_URL.rstrip("/") + reverse("payments:pay", args=[payment.token])


# --- Requests for a service with a fee (docs/decisions/0016-service-fees.md) -----------


def request_fee(service: Service, *, non_resident: bool) -> int:
    """What a request for `service` costs, in cents (0: free)."""
    return service.fee_for(non_resident=non_resident)


def request_hold_until(
    service: Service, *, non_resident: bool, now: dt.datetime
) -> dt.datetime | None:
    """When an unpaid request for `service` is cancelled; None when it is free."""
    if not request_fee(service, non_resident=non_resident):
        return None
    return now + dt.timedelta(minutes=service.payment_window_minutes)


def request_payment_start(
    *, case: Case, non_resident: bool, now: dt.datetime | None = None
) -> Payment | None:
    """Owe the fee of a case filed with `held_for_payment_until`, and tell the resident
    how to pay (through the case outbox, in their language). None when it is free."""
    now = now or timezone.now()
    service = case.service
    amount = request_fee(service, non_resident=non_resident)
    if not amount:
        return None
    resident = case.resident
    language = (resident.preferred_language if resident else "") or "en"
    with translation.override(language):
        description = _("Request %(number)s: %(service)s") % {
            "number": case.tracking_number,
            "service": localised(service, language, "name"),
        }
    payment = payment_start(
        jurisdiction=service.jurisdiction,
        purpose="request",
        object_id=case.pk,
        case=case,
        description=description,
        amount_cents=amount,
        payer_email=resident.email if resident else "",
        language=language,
        expires_at=now + dt.timedelta(minutes=service.payment_window_minutes),
        now=now,
    )
    with translation.override(language):
        due = timezone.localtime(payment.expires_at, service.jurisdiction.zone)
        subject = _("Pay for your request %(number)s") % {"number": case.tracking_number}
        body = _(
            "Your request %(number)s (%(service)s) costs %(amount)s. It goes to the team when "
            "it is paid. Pay here by %(time)s on %(day)s:\n\n%(url)s\n\nIf it is not paid by "
            "then, the request is cancelled and nothing is charged."
        ) % {
            "number": case.tracking_number,
            "service": localised(service, language, "name"),
            "amount": money(amount),
            "time": due.strftime("%H:%M"),
            "day": promised_day(
                payment.expires_at, jurisdiction=service.jurisdiction, language=language
            ),
            "url": pay_url(payment),
        }
    outbox_add_message(case=case, kind="payment_due", subject=subject, body=body, at=now)
    return payment


def _request_language(payment: Payment) -> str:
    return payment.language if payment.language in {"en", "es"} else "en"


def _request_paid(payment: Payment) -> None:
    """Paid: the case goes to its team. Paid after it was cancelled: the money goes back."""
    case = Case.objects.get(pk=payment.object_id)
    with translation.override(_request_language(payment)):
        note = _("Payment received: %(amount)s. Your request is now with the team.") % {
            "amount": money(payment.amount_cents)
        }
        reason = _("Paid after the request had been cancelled.")
    if case_release_payment_hold(case=case, note=note, at=payment.paid_at):
        return
    if case.status == Status.DECLINED:
        transaction.on_commit(
            lambda: payment_refund(
                payment=payment, amount_cents=payment.amount_cents, reason=reason
            )
        )


def _request_not_paid(payment: Payment) -> None:
    """Not paid in time: the request is declined, and the resident told why."""
    case = Case.objects.get(pk=payment.object_id)
    if not case.awaits_payment:
        return
    with translation.override(_request_language(payment)):
        note = _(
            "We have cancelled this request because its fee of %(amount)s was not paid in "
            "time. Nothing was charged. You are welcome to send a new request."
        ) % {"amount": money(payment.amount_cents)}
    case_change_status(case=case, status=Status.DECLINED, by=None, note=note)


register_purpose("request", on_paid=_request_paid, on_expired=_request_not_paid)
