"""The Twilio provider speaks Twilio's REST API (against a fake Twilio on loopback).

Twilio itself is a third party we cannot reach from tests; the official client
is pointed at a local HTTP server that answers like the Messages endpoint.
"""

from __future__ import annotations

import base64
import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, HTTPServer
from typing import Any
from urllib.parse import parse_qs

import pytest
from twilio.http.http_client import TwilioHttpClient

from messaging.sms.transport import ConsoleSmsProvider, TwilioSmsProvider, get_sms_provider

SID = "AC" + "1" * 32


class _FakeTwilio(BaseHTTPRequestHandler):
    requests: list[dict[str, Any]] = []

    def do_POST(self) -> None:
        length = int(self.headers["Content-Length"])
        form = parse_qs(self.rfile.read(length).decode())
        _FakeTwilio.requests.append(
            {"path": self.path, "form": form, "auth": self.headers["Authorization"]}
        )
        body = json.dumps({"sid": "SM" + "f" * 32, "status": "queued"}).encode()
        self.send_response(201)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: Any) -> None:
        pass


@pytest.fixture
def fake_twilio() -> Iterator[str]:
    _FakeTwilio.requests = []
    server = HTTPServer(("127.0.0.1", 0), _FakeTwilio)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


class _LoopbackClient(TwilioHttpClient):
    def __init__(self, base: str) -> None:
        super().__init__()
        self.base = base

    def request(self, method: str, url: str, *args: Any, **kwargs: Any) -> Any:
        return super().request(
            method, url.replace("https://api.twilio.com", self.base), *args, **kwargs
        )


def test_twilio_provider_posts_to_the_messages_endpoint(fake_twilio, settings):
    settings.MESSAGING_TWILIO_ACCOUNT_SID = SID
    settings.MESSAGING_TWILIO_AUTH_TOKEN = "secret-token"
    settings.MESSAGING_TWILIO_FROM = "+15555550999"
    provider = TwilioSmsProvider(http_client=_LoopbackClient(fake_twilio))

    message_id = provider.send(to="+15555550101", body="Your request is resolved.")

    assert message_id == "SM" + "f" * 32
    [request] = _FakeTwilio.requests
    assert request["path"] == f"/2010-04-01/Accounts/{SID}/Messages.json"
    assert request["form"] == {
        "To": ["+15555550101"],
        "From": ["+15555550999"],
        "Body": ["Your request is resolved."],
    }
    expected = base64.b64encode(f"{SID}:secret-token".encode()).decode()
    assert request["auth"] == f"Basic {expected}"


def test_provider_is_chosen_by_setting(settings):
    settings.MESSAGING_SMS_PROVIDER = "console"
    assert isinstance(get_sms_provider(), ConsoleSmsProvider)

    settings.MESSAGING_SMS_PROVIDER = "carrier-pigeon"
    with pytest.raises(ValueError, match="carrier-pigeon"):
        get_sms_provider()
