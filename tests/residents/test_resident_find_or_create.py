"""One way to find the resident behind contact details, whatever the channel."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from residents.models import Resident
from residents.services import normalise_phone, resident_find_or_create


def _find(**kwargs):
    base = {"full_name": "", "email": "", "phone": "", "channel": "email", "language": "en"}
    details: dict[str, object] = {**base, "fill_blanks": False}
    details.update(kwargs)
    return resident_find_or_create(**details)


def test_phone_numbers_compare_as_digits_with_an_optional_plus():
    assert normalise_phone("+1 (212) 555-0100") == "+12125550100"
    assert normalise_phone("212.555.0100") == "2125550100"


def test_no_details_no_resident(db):
    assert _find(full_name="  ") is None
    assert not Resident.objects.exists()


def test_a_stranger_with_someones_email_writes_nothing_into_their_record(city):
    # Issue 14 finding 4: a signed-out request with Rita's email and a new phone
    # number must not put that phone on Rita's record.
    rita = city.rita
    rita.phone = ""
    rita.save(update_fields=["phone"])

    found = _find(full_name="Someone Else", email=rita.email.upper(), phone="212 555 0199")

    rita.refresh_from_db()
    assert found == rita
    assert (rita.full_name, rita.phone) == ("Rita Moreno", "")
    assert not Resident.objects.filter(phone="2125550199").exists()


def test_a_known_caller_fills_blanks_only_when_asked_and_overwrites_nothing(city):
    rita = city.rita
    rita.phone = ""
    rita.save(update_fields=["phone"])

    _find(full_name="Someone Else", email=rita.email, phone="212 555 0199", fill_blanks=True)

    rita.refresh_from_db()
    assert (rita.full_name, rita.phone) == ("Rita Moreno", "2125550199")


def test_the_same_resident_is_found_by_email_whatever_its_case(db):
    ana = Resident.objects.create(full_name="Ana", email="Ana.Ruiz@Example.org")

    assert _find(email="ana.ruiz@example.ORG") == ana
    assert Resident.objects.count() == 1


def test_the_same_resident_is_found_by_phone_however_it_is_written(db):
    nia = _find(phone="+1 (212) 555-0101", channel="sms")

    assert _find(phone="+1 212.555.0101", match_first="phone") == nia
    assert _find(phone="+12125550101") == nia
    assert Resident.objects.count() == 1


def test_bad_contact_details_are_refused_by_field_and_nothing_is_saved(db):
    with pytest.raises(ValidationError) as caught:
        _find(full_name="x" * 201, email="not-an-email", phone="1" * 41)

    assert set(caught.value.message_dict) == {"full_name", "email", "phone"}
    assert not Resident.objects.exists()


def test_without_a_channel_a_new_resident_is_written_to_by_what_they_gave(db):
    assert _find(email="e@example.org", channel=None).preferred_channel == "email"
    assert _find(phone="2125550123", channel=None).preferred_channel == "sms"
    assert _find(full_name="Only A Name", channel=None).preferred_channel == "none"


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
