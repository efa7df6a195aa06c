"""A real SMTP server on loopback (aiosmtpd) for tests of outgoing mail.

Loaded as a pytest plugin from tests/conftest.py: any test may ask for
`smtp_server` and read what it received from `smtp_server.envelopes`.
"""

from __future__ import annotations

import socket
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest
from aiosmtpd.controller import Controller


@dataclass
class Inbox:
    envelopes: list[tuple[str, list[str], bytes]] = field(default_factory=list)
    port: int = 0
    controller: Any = None

    def start(self) -> None:
        """(Re)start the server on the same port: the end of an outage."""
        self.controller = Controller(self, hostname="127.0.0.1", port=self.port)
        self.controller.start()

    def stop(self) -> None:
        """Stop the server: connections are refused until `start()`, as in an outage."""
        if self.controller is not None:
            self.controller.stop()
            self.controller = None

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.envelopes.append((envelope.mail_from, list(envelope.rcpt_tos), envelope.content))
        return "250 OK"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture
def smtp_server(settings: Any) -> Iterator[Inbox]:
    """A real SMTP server on 127.0.0.1, and the default mailer pointed at it."""
    port = _free_port()
    inbox = Inbox(port=port)
    inbox.start()
    settings.MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": port, "timeout": 5},
        }
    }
    try:
        yield inbox
    finally:
        inbox.stop()
