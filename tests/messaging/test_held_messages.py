"""Staff review of held messages: release into a case once, or discard."""

from __future__ import annotations

import pytest

from cases.models import CaseEvent, EventKind
from cases.services import CaseError
from messaging.held import held_message_discard, held_message_release
from messaging.models import HeldMessage, HeldStatus

pytestmark = pytest.mark.django_db


@pytest.fixture
def held(ingest, rita_case) -> HeldMessage:
    ingest("spoofed_reply.eml")
    return HeldMessage.objects.get()


def test_release_adds_the_message_to_the_case_and_says_who_checked_it(held, rita_case, city):
    event = held_message_release(held=held, by=city.alice)

    assert event.case_id == rita_case.pk
    assert event.kind == EventKind.RESIDENT_MESSAGE
    assert "mallory@example.net" in event.body
    assert "added by Alice after review" in event.actor_label
    held.refresh_from_db()
    assert held.status == HeldStatus.RELEASED
    assert held.reviewed_by == city.alice


def test_a_message_is_released_only_once(held, rita_case, city):
    held_message_release(held=held, by=city.alice)

    with pytest.raises(CaseError, match="already reviewed"):
        held_message_release(held=held, by=city.sam)
    assert CaseEvent.objects.filter(case=rita_case, kind=EventKind.RESIDENT_MESSAGE).count() == 1


def test_discarded_message_never_reaches_the_case(held, rita_case, city):
    held_message_discard(held=held, by=city.alice)

    held.refresh_from_db()
    assert held.status == HeldStatus.DISCARDED
    with pytest.raises(CaseError):
        held_message_release(held=held, by=city.alice)
    assert not CaseEvent.objects.filter(case=rita_case, kind=EventKind.RESIDENT_MESSAGE).exists()


def test_admin_lists_held_messages(admin_client, held):
    response = admin_client.get("/admin/messaging/heldmessage/")

    assert response.status_code == 200
    assert b"mallory@example.net" in response.content
