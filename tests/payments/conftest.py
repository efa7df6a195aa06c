"""Fixtures for payments: a shelter with a fee, a pinned clock, and a loopback stand-in
for Stripe's API (Stripe itself cannot be reached from tests)."""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
import threading
import time
import urllib.parse
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, HTTPServer
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.cache import cache

from tests.bookings.conftest import Places, make_resource
from tests.bookings.conftest import places as places

NY = ZoneInfo("America/New_York")
NOW = dt.datetime(2026, 12, 14, 10, 0, tzinfo=NY)  # a Monday
WEBHOOK_SECRET = "whsec_test_secret_for_civicdesk"


@pytest.fixture(autouse=True)
def _fresh_rate_limits() -> None:
    cache.clear()


@pytest.fixture
def clock() -> Iterator[Any]:
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


@pytest.fixture
def paid_shelter(places: Places) -> Any:
    return make_resource(
        places.shelter_service,
        "pavilion-paid",
        "Lakeside Pavilion",
        address="1 Lake Road",
        follows_office_calendar=False,
        lead_time_hours=0,
        horizon_days=60,
        fee_cents=7500,
        non_resident_fee_cents=12000,
        payment_window_minutes=30,
        refund_until_hours=48,
        rules=[(range(1, 8), 8, 20, 240)],
    )


@dataclass
class FakeStripe:
    """Answers the two calls we make (create a Checkout Session, create a Refund) and
    records each request's form fields, as Stripe's API would receive them."""

    url: str = ""
    requests: list[tuple[str, dict[str, list[str]]]] = field(default_factory=list)
    fail: bool = False


def _handler(fake: FakeStripe) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: Any) -> None:
            pass

        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length", 0))
            form = urllib.parse.parse_qs(self.rfile.read(length).decode())
            fake.requests.append((self.path, form))
            if fake.fail:
                body: dict[str, Any] = {"error": {"type": "api_error", "message": "down"}}
                self._send(500, body)
            elif self.path == "/v1/checkout/sessions":
                n = len(fake.requests)
                body = {
                    "id": f"cs_test_{n}",
                    "object": "checkout.session",
                    "url": f"https://checkout.stripe.com/c/pay/cs_test_{n}",
                }
                self._send(200, body)
            elif self.path == "/v1/refunds":
                self._send(200, {"id": f"re_test_{len(fake.requests)}", "object": "refund"})
            else:
                self._send(404, {"error": {"type": "invalid_request_error"}})

        def _send(self, status: int, body: dict[str, Any]) -> None:
            data = json.dumps(body).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.send_header("Request-Id", "req_test")
            self.end_headers()
            self.wfile.write(data)

    return Handler


@pytest.fixture
def stripe_api(settings: Any) -> Iterator[FakeStripe]:
    fake = FakeStripe()
    server = HTTPServer(("127.0.0.1", 0), _handler(fake))
    fake.url = f"http://127.0.0.1:{server.server_port}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.PAYMENTS_PROVIDER = "stripe"
    settings.PAYMENTS_STRIPE_SECRET_KEY = "sk_test_civicdesk"
    settings.PAYMENTS_STRIPE_WEBHOOK_SECRET = WEBHOOK_SECRET
    settings.PAYMENTS_STRIPE_API_BASE = fake.url
    try:
        yield fake
    finally:
        server.shutdown()


def stripe_signature(payload: bytes, *, at: int | None = None, secret: str = WEBHOOK_SECRET) -> str:
    """Stripe's webhook signature scheme: t=<unix time>,v1=HMAC-SHA256(secret, "t.payload")."""
    timestamp = int(time.time()) if at is None else at
    signed = f"{timestamp}.".encode() + payload
    digest = hmac.new(secret.encode(), signed, hashlib.sha256).hexdigest()
    return f"t={timestamp},v1={digest}"


def checkout_completed(session_id: str, *, amount: int, event_id: str = "evt_1") -> bytes:
    return json.dumps(
        {
            "id": event_id,
            "object": "event",
            "type": "checkout.session.completed",
            "data": {
                "object": {
                    "id": session_id,
                    "object": "checkout.session",
                    "payment_status": "paid",
                    "payment_intent": "pi_test_1",
                    "amount_total": amount,
                    "currency": "usd",
                }
            },
        }
    ).encode()
