"""Payment providers: one interface, a Stripe implementation and a demo one.

The resident always pays on the provider's page; we only create the checkout,
read the provider's signed notifications, and ask for refunds. The demo provider
(the default, for `make demo` and development) is a page of our own that says it
takes no money, so every flow can be tried without an account anywhere.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, Protocol

from django.conf import settings
from django.urls import reverse

from payments.models import Payment


@dataclass(frozen=True)
class Checkout:
    url: str
    session_id: str


@dataclass(frozen=True)
class Notification:
    """A verified provider event, reduced to what we act on."""

    event_id: str
    kind: str  # "paid", "expired", or "ignored"
    session_id: str = ""
    payment_id: str = ""
    amount_cents: int = 0
    currency: str = ""


class WebhookRejected(ValueError):
    """The notification's signature or timestamp is wrong: it is not from the provider."""


class ProviderError(RuntimeError):
    """The provider refused or could not be reached; nothing was charged or refunded."""


class PaymentProvider(Protocol):
    name: str

    def start_checkout(
        self, payment: Payment, *, success_url: str, cancel_url: str
    ) -> Checkout: ...

    def refund(self, payment: Payment, *, amount_cents: int) -> str: ...

    def parse_webhook(self, *, payload: bytes, signature: str) -> Notification: ...


class DemoProvider:
    """Takes no money: its checkout is /payments/demo/<token>/ with Pay and Cancel."""

    name = "demo"

    def start_checkout(self, payment: Payment, *, success_url: str, cancel_url: str) -> Checkout:
        session = f"demo_{payment.token}"
        return Checkout(
            url=reverse("payments:demo_checkout", args=[payment.token]), session_id=session
        )

    def refund(self, payment: Payment, *, amount_cents: int) -> str:
        return f"demo_refund_{payment.token}_{amount_cents}"

    def parse_webhook(self, *, payload: bytes, signature: str) -> Notification:
        raise WebhookRejected("The demo provider sends no webhooks.")


class StripeProvider:
    """Stripe Checkout (hosted page) and its signed webhooks, through the `stripe` package."""

    name = "stripe"

    def __init__(self) -> None:
        options: dict[str, Any] = {"max_network_retries": 2}
        if settings.PAYMENTS_STRIPE_API_BASE:  # a loopback stand-in in tests
            options["base_addresses"] = {"api": settings.PAYMENTS_STRIPE_API_BASE}
        import stripe

        self._stripe = stripe
        self._client = stripe.StripeClient(settings.PAYMENTS_STRIPE_SECRET_KEY, **options)

    def start_checkout(self, payment: Payment, *, success_url: str, cancel_url: str) -> Checkout:
        expires = max(payment.expires_at, payment.created_at + dt.timedelta(minutes=31))
        params: dict[str, Any] = {
            "mode": "payment",
            "line_items": [
                {
                    "quantity": 1,
                    "price_data": {
                        "currency": payment.currency,
                        "unit_amount": payment.amount_cents,
                        "product_data": {"name": payment.description},
                    },
                }
            ],
            "success_url": success_url,
            "cancel_url": cancel_url,
            "client_reference_id": payment.token,
            "metadata": {"payment": payment.token, "purpose": payment.purpose},
            "locale": payment.language if payment.language in {"en", "es"} else "auto",
            "expires_at": int(expires.timestamp()),
        }
        if payment.payer_email:
            params["customer_email"] = payment.payer_email
        try:
            session = self._client.v1.checkout.sessions.create(
                params=params,  # type: ignore[arg-type]
                options={"idempotency_key": f"checkout-{payment.token}"},
            )
        except self._stripe.StripeError as exc:
            raise ProviderError(str(exc)) from exc
        return Checkout(url=str(session.url), session_id=str(session.id))

    def refund(self, payment: Payment, *, amount_cents: int) -> str:
        try:
            refund = self._client.v1.refunds.create(
                params={"payment_intent": payment.provider_payment_id, "amount": amount_cents},
                options={"idempotency_key": f"refund-{payment.token}-{amount_cents}"},
            )
        except self._stripe.StripeError as exc:
            raise ProviderError(str(exc)) from exc
        return str(refund.id)

    def parse_webhook(self, *, payload: bytes, signature: str) -> Notification:
        try:
            event = self._stripe.Webhook.construct_event(  # type: ignore[no-untyped-call]
                payload, signature, settings.PAYMENTS_STRIPE_WEBHOOK_SECRET
            )
        except (ValueError, self._stripe.SignatureVerificationError) as exc:
            raise WebhookRejected(str(exc)) from exc
        obj = event["data"]["object"]
        kind = "ignored"
        if (
            event["type"]
            in {
                "checkout.session.completed",
                "checkout.session.async_payment_succeeded",
            }
            and obj.get("payment_status") == "paid"
        ):
            kind = "paid"
        elif event["type"] == "checkout.session.expired":
            kind = "expired"
        return Notification(
            event_id=str(event["id"]),
            kind=kind,
            session_id=str(obj.get("id", "")),
            payment_id=str(obj.get("payment_intent") or ""),
            amount_cents=int(obj.get("amount_total") or 0),
            currency=str(obj.get("currency") or ""),
        )


def provider() -> PaymentProvider:
    """The configured provider (CIVICDESK_PAYMENTS_PROVIDER: demo or stripe)."""
    if settings.PAYMENTS_PROVIDER == "stripe":
        return StripeProvider()
    return DemoProvider()
