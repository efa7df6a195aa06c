"""Fixtures for the channel tests: a general-enquiry service and Rita's open case."""

from __future__ import annotations

import io
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from cases.models import Case
from catalogue.models import Service
from messaging.models import Direction, EmailMessageRecord
from tests import factories
from tests.conftest import City
from tests.messaging.twilio import fake_twilio

__all__ = ["fake_twilio"]  # a fixture for the SMS and WhatsApp transport tests

CORPUS = Path(__file__).parent / "email" / "corpus"
RITA_TRACKING = "7KQ3M-9XRT2"
RITA_ACK_ID = f"case-{RITA_TRACKING}-00000000000000000000000000000001@civicdesk.localhost"


@pytest.fixture(autouse=True)
def _media_in_tmp(settings: Any, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.MESSAGING_OUTBOX_DIR = tmp_path / "outbox"
    settings.MESSAGING_EMAIL_DOMAIN = ""
    settings.SITE_URL = "http://127.0.0.1:8000"


@pytest.fixture
def general(city: City) -> Service:
    return factories.make_service(
        city.public_works, code="general-enquiry", name="General enquiry", questions=False
    )


@pytest.fixture
def rita_case(city: City, general: Service) -> Case:
    """Rita's open pothole case, with a fixed tracking number the corpus replies quote,
    and the acknowledgement we sent her recorded under the Message-ID they answer."""
    case = factories.make_case(city.pothole, resident=city.rita, address="12 Oak Avenue")
    Case.objects.filter(pk=case.pk).update(tracking_number=RITA_TRACKING)
    case.refresh_from_db()
    EmailMessageRecord.objects.create(
        case=case,
        message_id=RITA_ACK_ID,
        direction=Direction.OUTBOUND,
        address=city.rita.email,
        subject=f"We received your request [#{RITA_TRACKING}]",
        created_at=case.created_at,
    )
    return case


@dataclass
class Run:
    code: int
    stdout: str
    stderr: str


@pytest.fixture
def ingest(
    monkeypatch: pytest.MonkeyPatch, django_capture_on_commit_callbacks: Any
) -> Callable[[bytes | str], Run]:
    """Feed a message (corpus file name or raw bytes) to `manage.py ingest_email` on stdin."""

    def run(message: bytes | str) -> Run:
        raw = (CORPUS / message).read_bytes() if isinstance(message, str) else message
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(raw)))
        out = io.StringIO()
        with django_capture_on_commit_callbacks(execute=True):
            try:
                call_command("ingest_email", stdout=out)
            except CommandError as exc:
                return Run(exc.returncode, out.getvalue(), str(exc))
        return Run(0, out.getvalue(), "")

    return run
