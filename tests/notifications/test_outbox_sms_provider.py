"""SMS through Twilio's API (a fake Twilio on loopback): a 5xx is retried with a backoff and
the text goes once; a 4xx is final and shows as failed. The clock is pinned."""

from __future__ import annotations

import datetime as dt
import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, HTTPServer
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine
from twilio.http.http_client import TwilioHttpClient

from cases.models import EventKind, OutboxMessage, OutboxStatus
from cases.outbox import retry_delay
from cases.services import case_reply_publicly
from messaging.sms import services as sms_services
from messaging.sms.transport import TwilioSmsProvider
from notifications.outbox import deliver_outbox
from tests import factories

pytestmark = pytest.mark.django_db

SID = "AC" + "1" * 32


class _LoopbackClient(TwilioHttpClient):
    """Twilio's own HTTP client, pointed at the fake Twilio below instead of api.twilio.com."""

    def __init__(self, base: str) -> None:
        super().__init__()
        self.base = base

    def request(self, method: str, url: str, *args: Any, **kwargs: Any) -> Any:
        return super().request(
            method, url.replace("https://api.twilio.com", self.base), *args, **kwargs
        )


T0 = dt.datetime(2026, 12, 21, 10, 0, tzinfo=ZoneInfo("America/New_York"))


class _Twilio(BaseHTTPRequestHandler):
    statuses: list[int] = []  # answered in turn; 201 once they run out
    posts: list[str] = []

    def do_POST(self) -> None:
        self.rfile.read(int(self.headers["Content-Length"]))
        status = _Twilio.statuses.pop(0) if _Twilio.statuses else 201
        _Twilio.posts.append(str(status))
        if status == 201:
            body: dict[str, Any] = {"sid": "SM" + "e" * 32, "status": "queued"}
        else:
            body = {"code": 20500 if status >= 500 else 21211, "message": "nope", "status": status}
        raw = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(raw)))
        self.end_headers()
        self.wfile.write(raw)

    def log_message(self, *args: Any) -> None:
        pass


@pytest.fixture
def twilio(settings, monkeypatch) -> Iterator[type[_Twilio]]:
    _Twilio.statuses, _Twilio.posts = [], []
    server = HTTPServer(("127.0.0.1", 0), _Twilio)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.MESSAGING_TWILIO_ACCOUNT_SID = SID
    settings.MESSAGING_TWILIO_AUTH_TOKEN = "secret-token"
    settings.MESSAGING_TWILIO_FROM = "+15555550999"
    base = f"http://127.0.0.1:{server.server_address[1]}"
    monkeypatch.setattr(
        sms_services,
        "get_sms_provider",
        lambda: TwilioSmsProvider(http_client=_LoopbackClient(base)),
    )
    try:
        yield _Twilio
    finally:
        server.shutdown()
        server.server_close()


def test_a_provider_5xx_is_retried_and_the_text_goes_once(city, twilio, committed):
    twilio.statuses = [503]
    case = factories.make_case(city.pothole, resident=city.rosa, address="1 Elm")

    with time_machine.travel(T0, tick=False) as clock:
        with committed():
            case_reply_publicly(case=case, by=city.alice, body="Mañana pasamos.")
        row = OutboxMessage.objects.get(case=case)
        assert (row.status, row.attempts) == (OutboxStatus.PENDING, 1)

        clock.shift(retry_delay(1))
        assert deliver_outbox() == 1
        clock.shift(dt.timedelta(days=1))
        assert deliver_outbox() == 0

    assert twilio.posts == ["503", "201"]
    row.refresh_from_db()
    assert (row.status, row.provider_id) == (OutboxStatus.SENT, "SM" + "e" * 32)


def test_a_provider_4xx_is_final_and_shown_as_failed(city, twilio, committed):
    twilio.statuses = [400]
    case = factories.make_case(city.pothole, resident=city.rosa, address="1 Elm")

    with committed():
        case_reply_publicly(case=case, by=city.alice, body="Mañana pasamos.")

    row = OutboxMessage.objects.get(case=case)
    assert (row.status, row.attempts) == (OutboxStatus.FAILED, 1)
    assert "refused" in row.error
    assert case.events.get(kind=EventKind.DELIVERY).data["outcome"] == "failed"
    assert twilio.posts == ["400"]
