"""One way to find the resident behind contact details, whatever the channel."""

from __future__ import annotations

import pytest
from django.db import connection

from residents.models import Resident
from residents.services import normalise_phone, resident_find_or_create


def _find(**kwargs):
    details = {"full_name": "", "email": "", "phone": "", "channel": "email", "language": "en"}
    details.update(kwargs)
    return resident_find_or_create(**details)


def test_phone_numbers_compare_as_digits_with_an_optional_plus():
    assert normalise_phone("+1 (212) 555-0100") == "+12125550100"
    assert normalise_phone("212.555.0100") == "2125550100"


def test_no_details_no_resident(db):
    assert _find(full_name="  ") is None
    assert not Resident.objects.exists()


def test_existing_details_are_kept_and_only_blanks_fill_in(city):
    rita = city.rita
    rita.phone = ""
    rita.save(update_fields=["phone"])

    found = _find(full_name="Someone Else", email=rita.email.upper(), phone="212 555 0199")

    rita.refresh_from_db()
    assert found == rita
    assert rita.full_name != "Someone Else"
    assert rita.phone == "2125550199"


def test_the_channel_decides_which_detail_wins(db):
    by_email = Resident.objects.create(full_name="A", email="a@example.org", phone="2125550999")
    by_phone = Resident.objects.create(full_name="B", phone="2125550100")

    assert _find(email="a@example.org", phone="212-555-0100") == by_email
    assert _find(email="a@example.org", phone="212-555-0100", match_first="phone") == by_phone


def test_unknown_details_make_a_new_resident_with_their_preferences(db):
    resident = _find(full_name="Nia", phone="+1 212 555 0101", channel="sms", language="es")

    assert resident is not None
    assert (resident.phone, resident.preferred_channel, resident.preferred_language) == (
        "+12125550101",
        "sms",
        "es",
    )


def test_email_lookup_ignores_case_and_reads_the_lower_email_index(city):
    assert _find(email="RITA@Example.ORG") == city.rita
    if connection.vendor != "postgresql":
        pytest.skip("the plan is PostgreSQL's")
    # email__iexact compiled to UPPER(email) on PostgreSQL, which no index answers
    # (1.2 s a lookup at 2.5M residents); email__lower uses resident_email_lower_idx.
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        plan = Resident.objects.filter(email__lower="rita@example.org").explain()
    assert "resident_email_lower_idx" in plan
