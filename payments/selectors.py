"""Reads for payments: a payment by its token, a bill by reference, the day's reconciliation."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Q
from django.utils import timezone

from organisations.models import Jurisdiction
from payments.models import Bill, Payment, PaymentStatus


def payment_by_token(token: str) -> Payment | None:
    if not token or len(token) > 32:
        return None
    return Payment.objects.select_related("jurisdiction", "case").filter(token=token).first()


def payment_for(purpose: str, object_id: int) -> Payment | None:
    """The newest payment of one thing (a booking, a bill)."""
    return (
        Payment.objects.filter(purpose=purpose, object_id=object_id).order_by("-created_at").first()
    )


def unpaid_bill(jurisdiction: Jurisdiction, reference: str) -> Bill | None:
    reference = reference.strip().upper()
    if not reference or len(reference) > 40:
        return None
    return Bill.objects.filter(
        jurisdiction=jurisdiction, reference=reference, paid_at__isnull=True
    ).first()


@dataclass
class Reconciliation:
    """One local day of money in and out, for the finance office."""

    day: dt.date
    paid: list[Payment] = field(default_factory=list)
    refunded: list[Payment] = field(default_factory=list)
    stuck: list[Payment] = field(default_factory=list)  # paid without a receipt, or pending a day

    @property
    def paid_cents(self) -> int:
        return sum(p.amount_cents for p in self.paid)

    @property
    def refunded_cents(self) -> int:
        return sum(p.refunded_cents for p in self.refunded)

    @property
    def net_cents(self) -> int:
        return self.paid_cents - self.refunded_cents


def reconciliation(
    jurisdiction: Jurisdiction, day: dt.date, *, limit: int = 5000
) -> Reconciliation:
    zone = jurisdiction.zone
    start = dt.datetime.combine(day, dt.time(0), tzinfo=zone)
    end = dt.datetime.combine(day + dt.timedelta(days=1), dt.time(0), tzinfo=zone)
    base = Payment.objects.filter(jurisdiction=jurisdiction).order_by("pk")
    report = Reconciliation(day=day)
    report.paid = list(base.filter(paid_at__gte=start, paid_at__lt=end)[:limit])
    report.refunded = list(base.filter(refunded_at__gte=start, refunded_at__lt=end)[:limit])
    now = timezone.now()
    report.stuck = list(
        base.filter(
            Q(status=PaymentStatus.PAID, receipt_sent_at__isnull=True, paid_at__lt=end)
            | Q(status=PaymentStatus.PENDING, created_at__lt=min(end, now) - dt.timedelta(days=1))
        )[:limit]
    )
    return report
