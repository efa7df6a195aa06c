"""A fake Twilio on loopback for the SMS and WhatsApp transports.

Twilio itself is a third party we cannot reach from tests; the official client is
pointed at a local HTTP server that answers like the Messages endpoint and keeps
every request it got.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, HTTPServer
from typing import Any
from urllib.parse import parse_qs

import pytest
from twilio.http.http_client import TwilioHttpClient

SID = "AC" + "1" * 32
MESSAGE_SID = "SM" + "f" * 32


@dataclass
class FakeTwilio:
    base: str
    requests: list[dict[str, Any]] = field(default_factory=list)

    def client(self) -> TwilioHttpClient:
        return LoopbackClient(self.base)


class LoopbackClient(TwilioHttpClient):
    def __init__(self, base: str) -> None:
        super().__init__()
        self.base = base

    def request(self, method: str, url: str, *args: Any, **kwargs: Any) -> Any:
        return super().request(
            method, url.replace("https://api.twilio.com", self.base), *args, **kwargs
        )


@pytest.fixture
def fake_twilio() -> Iterator[FakeTwilio]:
    seen: list[dict[str, Any]] = []

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            length = int(self.headers["Content-Length"])
            form = parse_qs(self.rfile.read(length).decode())
            seen.append({"path": self.path, "form": form, "auth": self.headers["Authorization"]})
            body = json.dumps({"sid": MESSAGE_SID, "status": "queued"}).encode()
            self.send_response(201)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: Any) -> None:
            pass

    server = HTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield FakeTwilio(f"http://127.0.0.1:{server.server_address[1]}", seen)
    finally:
        server.shutdown()
        server.server_close()
