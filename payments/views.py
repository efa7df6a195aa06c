"""The payer's pages (pay, done, the demo provider's checkout) and the Stripe webhook.

Thin: the rules are payments.services. The payment's token in the address is the
payer's key (it is in their confirmation message); it shows only what is being paid
for and the amount.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from core.ratelimit import client_ip, hit
from payments.models import Payment, PaymentStatus
from payments.providers import ProviderError, WebhookRejected, provider
from payments.selectors import payment_by_token
from payments.services import (
    money,
    payment_checkout,
    payment_handle_notification,
    payment_mark_paid,
)

MAX_WEBHOOK_BYTES = 512 * 1024


def _payment_or_404(token: str) -> Payment:
    payment = payment_by_token(token)
    if payment is None:
        raise Http404(_("We could not find that payment."))
    return payment


def _page(
    request: HttpRequest, template: str, payment: Payment, status: int = 200, **extra: Any
) -> HttpResponse:
    context = {
        "payment": payment,
        "amount": money(payment.amount_cents, payment.currency),
        "refunded": money(payment.refunded_cents, payment.currency),
        "jurisdiction": payment.jurisdiction,
        "kiosk": False,
        "portal_ns": "portal",
        **extra,
    }
    response = render(request, template, context, status=status)
    response["Cache-Control"] = "private, no-store"
    return response


@require_http_methods(["GET", "POST"])
def pay(request: HttpRequest, token: str) -> HttpResponse:
    """What is owed, and a button to the provider's page."""
    payment = _payment_or_404(token)
    if request.method == "POST" and payment.status == PaymentStatus.PENDING:
        if not hit("payments-checkout", client_ip(request), limit=30, window_seconds=3600):
            return _page(
                request,
                "payments/pay.html",
                payment,
                status=429,
                problem=_("Too many attempts from your connection. Try again in an hour."),
            )
        if payment.expires_at <= timezone.now():
            return _page(
                request,
                "payments/pay.html",
                payment,
                status=409,
                problem=_("The time to pay has run out; nothing was charged."),
            )
        done = request.build_absolute_uri(reverse("payments:done", args=[payment.token]))
        back = request.build_absolute_uri(reverse("payments:pay", args=[payment.token]))
        try:
            url = payment_checkout(payment=payment, success_url=done, cancel_url=back)
        except ProviderError:
            return _page(
                request,
                "payments/pay.html",
                payment,
                status=502,
                problem=_(
                    "The payment service cannot be reached just now; nothing was charged. "
                    "Try again in a few minutes."
                ),
            )
        except ValidationError as exc:
            return _page(request, "payments/pay.html", payment, status=409, problem=exc.messages[0])
        return HttpResponseRedirect(url)
    return _page(request, "payments/pay.html", payment)


@require_GET
def done(request: HttpRequest, token: str) -> HttpResponse:
    """Back from the provider: paid, or still being confirmed (the webhook may lag)."""
    return _page(request, "payments/done.html", _payment_or_404(token))


@require_http_methods(["GET", "POST"])
def demo_checkout(request: HttpRequest, token: str) -> HttpResponse:
    """The demo provider's page: it takes no money, and only exists when it is the provider."""
    if provider().name != "demo":
        raise Http404
    payment = _payment_or_404(token)
    if request.method == "POST":
        if request.POST.get("action") == "pay" and payment.status == PaymentStatus.PENDING:
            payment_mark_paid(payment=payment, payment_id=f"demo_pi_{payment.token}")
            return HttpResponseRedirect(reverse("payments:done", args=[payment.token]))
        return HttpResponseRedirect(reverse("payments:pay", args=[payment.token]))
    return _page(request, "payments/demo_checkout.html", payment)


@csrf_exempt
@require_POST
def stripe_webhook(request: HttpRequest) -> HttpResponse:
    """Stripe's signed events: checked (signature, timestamp), then acted on once."""
    if settings.PAYMENTS_PROVIDER != "stripe":
        raise Http404
    payload = request.read(MAX_WEBHOOK_BYTES + 1)
    if len(payload) > MAX_WEBHOOK_BYTES:
        return HttpResponse("Too large", status=413, content_type="text/plain")
    try:
        notification = provider().parse_webhook(
            payload=payload, signature=request.headers.get("Stripe-Signature", "")
        )
    except WebhookRejected:
        return HttpResponse("Bad signature", status=400, content_type="text/plain")
    try:
        outcome = payment_handle_notification(notification=notification)
    except ValidationError:
        return HttpResponse("Amount mismatch", status=422, content_type="text/plain")
    return HttpResponse(outcome, content_type="text/plain")
