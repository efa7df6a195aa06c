"""Privacy fixtures: Rosa with a pothole case full of personal data on every record."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import pytest
import time_machine

from cases.models import Case, Channel, Status
from cases.services import (
    case_add_internal_note,
    case_add_resident_message,
    case_change_status,
    case_reply_publicly,
)
from messaging.models import EmailMessageRecord, SmsMessageRecord
from notifications.models import StaffNotice
from tests.conftest import City
from tests.factories import make_case

T0 = dt.datetime(2024, 3, 4, 14, 0, tzinfo=dt.UTC)


@dataclass
class RosasCase:
    case: Case
    city: City


@pytest.fixture
def rosas_case(city: City) -> RosasCase:
    """A case of Rosa's with her name, email and phone in every place they can be."""
    with time_machine.travel(T0, tick=False):
        case = make_case(
            city.pothole,
            channel=Channel.WEB,
            resident=city.rosa,
            description="Pothole outside my house, call Rosa Díaz on +15555550101",
            address="12 Elm Street",
            zipcode="12345",
            lat="40.712345",
            long="-74.006789",
        )
    at = T0 + dt.timedelta(hours=1)
    case_reply_publicly(case=case, by=city.alice, body="Hola Rosa Díaz, lo vemos.", at=at)
    case_add_resident_message(case=case, body="Gracias, soy Rosa.", at=at)
    case_add_internal_note(
        case=case, by=city.alice, body="Rosa Díaz (rosa@example.org) called again.", at=at
    )
    EmailMessageRecord.objects.create(
        case=case,
        message_id="a@b",
        direction="in",
        address="rosa@example.org",
        subject="Bache",
        created_at=at,
    )
    SmsMessageRecord.objects.create(
        case=case,
        direction="in",
        phone="+15555550101",
        body="Soy Rosa, sigue el bache",
        created_at=at,
    )
    StaffNotice.objects.create(
        user=city.alice, case=case, kind="assigned", body="Rosa Díaz replied", created_at=at
    )
    # A published note that names her by mistake: public lists show it (Case.public_note).
    case_change_status(
        case=case,
        status=Status.RESOLVED,
        by=city.alice,
        at=at,
        note="Filled; thanks to Rosa Díaz for the report.",
        publish=True,
    )
    return RosasCase(case=case, city=city)


def everything_about(case: Case, *, with_resident: bool = True) -> str:
    """Every text we hold on the case and its records, as one string to search."""
    case.refresh_from_db()
    parts: list[Any] = [case.description, case.answers, case.address, case.public_note]
    parts += [(e.body, e.data, e.actor_label) for e in case.events.all()]
    parts += list(EmailMessageRecord.objects.filter(case=case).values_list("address", "subject"))
    parts += list(SmsMessageRecord.objects.filter(case=case).values_list("phone", "body"))
    parts += list(StaffNotice.objects.filter(case=case).values_list("body", flat=True))
    if with_resident and case.resident:
        parts += [case.resident.full_name, case.resident.email, case.resident.phone]
    return repr(parts)
