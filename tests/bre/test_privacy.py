"""A person at a business who asks to be erased is erased from the BRE register too."""

from __future__ import annotations

import datetime as dt

import pytest

from bre import services
from bre.models import BusinessContact, Visit
from privacy.services import resident_erase, resident_export
from tests import factories
from tests.bre.conftest import NOW

pytestmark = pytest.mark.django_db


def test_erasure_removes_the_contact_and_their_name_from_visit_notes(bakery, bruno, instrument):
    services.contact_add(
        business=bakery, full_name="Ines Ortega", email="ines@bakery.example", by=bruno
    )
    visit, _flags = services.visit_record(
        business=bakery,
        officer=bruno,
        done_at=NOW - dt.timedelta(days=3),
        answers={"plans": "stay"},
        notes="Met Ines Ortega; ovens are old.",
        instrument=instrument,
        by=bruno,
    )
    ines = factories.make_resident(full_name="Ines Ortega", email="INES@bakery.example")

    assert "ines@bakery.example" in str(resident_export(resident=ines))
    resident_erase(resident=ines, by=None, reason="Erasure #9", at=NOW)

    assert not BusinessContact.objects.filter(business=bakery).exists()
    notes = Visit.objects.get(pk=visit.pk).notes
    assert "Ines" not in notes
    assert "ovens are old" in notes
