"""Payments: what a resident owes for a booking or a bill, and what the provider said.

No card data ever reaches CivicDesk: the resident pays on the provider's own page
(Stripe Checkout, or the demo provider's page in `make demo`); we keep the amount,
the status and the provider's ids. A payment belongs to a *purpose* ("booking",
"bill") that another app registers (payments/services.register_purpose), so this
app knows nothing of bookings.
"""

from __future__ import annotations

import secrets

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


def new_token() -> str:
    return secrets.token_urlsafe(18)


class PaymentStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for payment")
    PAID = "paid", _("Paid")
    REFUNDED = "refunded", _("Refunded")
    EXPIRED = "expired", _("Not paid in time")


class Payment(models.Model):
    jurisdiction = models.ForeignKey(
        "organisations.Jurisdiction", on_delete=models.PROTECT, related_name="payments"
    )
    token = models.CharField(max_length=32, unique=True, default=new_token)
    purpose = models.CharField(max_length=20)
    object_id = models.PositiveBigIntegerField()
    case = models.ForeignKey(
        "cases.Case", null=True, blank=True, on_delete=models.PROTECT, related_name="payments"
    )
    # Written by us (what is being paid for), shown to the payer and the provider.
    description = models.CharField(max_length=200)
    amount_cents = models.PositiveIntegerField()
    currency = models.CharField(max_length=3, default="usd")
    payer_email = models.EmailField(max_length=254, blank=True)
    language = models.CharField(max_length=8, default="en")
    provider = models.CharField(max_length=20)
    provider_session_id = models.CharField(max_length=200, blank=True)
    provider_payment_id = models.CharField(max_length=200, blank=True)
    status = models.CharField(
        max_length=10, choices=PaymentStatus.choices, default=PaymentStatus.PENDING
    )
    created_at = models.DateTimeField()
    expires_at = models.DateTimeField()
    paid_at = models.DateTimeField(null=True, blank=True)
    refunded_cents = models.PositiveIntegerField(default=0)
    refunded_at = models.DateTimeField(null=True, blank=True)
    receipt_sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [
            models.Index(fields=["purpose", "object_id"], name="payment_purpose_idx"),
            models.Index(
                fields=["expires_at"], name="payment_pending_idx", condition=Q(status="pending")
            ),
            models.Index(fields=["jurisdiction", "paid_at"], name="payment_paid_idx"),
            models.Index(fields=["jurisdiction", "refunded_at"], name="payment_refunded_idx"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["provider", "provider_session_id"],
                condition=~Q(provider_session_id=""),
                name="payment_one_per_session",
            ),
            models.CheckConstraint(
                condition=Q(refunded_cents__lte=models.F("amount_cents")),
                name="payment_refund_not_above_amount",
            ),
        ]

    def __str__(self) -> str:
        return f"payment {self.token} ({self.status})"


class ProviderEvent(models.Model):
    """Each provider event handled once: a replayed webhook finds its id here."""

    provider = models.CharField(max_length=20)
    event_id = models.CharField(max_length=200)
    kind = models.CharField(max_length=80)
    received_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["provider", "event_id"], name="provider_event_once")
        ]

    def __str__(self) -> str:
        return f"{self.provider} {self.event_id}"


class Bill(models.Model):
    """A bill the city issued (a tax instalment, a fine, a permit fee) payable by reference."""

    jurisdiction = models.ForeignKey(
        "organisations.Jurisdiction", on_delete=models.PROTECT, related_name="bills"
    )
    reference = models.CharField(max_length=40)
    description = models.CharField(max_length=200)
    amount_cents = models.PositiveIntegerField()
    due_on = models.DateField(null=True, blank=True)
    created_at = models.DateTimeField()
    paid_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["jurisdiction", "reference"], name="bill_reference_once"
            )
        ]

    def __str__(self) -> str:
        return self.reference
