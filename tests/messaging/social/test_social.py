"""The social-media webhook (HMAC, replay window, schema) and private-first staff replies."""

from __future__ import annotations

import json
import time

import pytest

from cases.models import Case, CaseEvent, Channel, EventKind, Status
from cases.services import CaseError
from messaging.models import Direction, SocialMessageRecord, SocialThread
from messaging.social.inbound import sign
from messaging.social.services import ReplyMode, social_reply
from messaging.social.transport import ConsoleSocialProvider

pytestmark = pytest.mark.django_db

SECRET = "social-tool-shared-secret"
PATH = "/messaging/social/webhook/"


@pytest.fixture(autouse=True)
def _secret(settings):
    settings.MESSAGING_SOCIAL_SECRET = SECRET


_ids = iter(range(1, 10_000))


def _event(**overrides) -> dict:
    event = {
        "id": f"evt-{next(_ids)}",
        "platform": "mastodon",
        "kind": "post",
        "handle": "@RiverRita",
        "name": "Rita R.",
        "text": "@RivertonCity the playground swings on Elm Park are broken again",
        "url": "https://social.example/@RiverRita/1101",
    }
    event.update(overrides)
    return event


def _post(client, event: dict, *, secret: str = SECRET, timestamp: int | None = None):
    body = json.dumps(event).encode()
    stamp = str(timestamp if timestamp is not None else int(time.time()))
    return client.post(
        PATH,
        body,
        content_type="application/json",
        HTTP_X_CIVICDESK_TIMESTAMP=stamp,
        HTTP_X_CIVICDESK_SIGNATURE=sign(secret, stamp, body),
    )


def test_signed_public_post_opens_a_social_case_with_the_handle(client, general):
    response = _post(client, _event())

    assert response.status_code == 200
    case = Case.objects.get(channel=Channel.SOCIAL)
    assert response.json() == {"outcome": "new_case", "tracking_number": case.tracking_number}
    assert case.description.endswith("swings on Elm Park are broken again")
    thread = SocialThread.objects.get(case=case)
    assert (thread.platform, thread.handle, thread.origin) == ("mastodon", "RiverRita", "public")
    assert thread.post_url == "https://social.example/@RiverRita/1101"
    assert case.resident.full_name == "Rita R."


def test_wrong_secret_is_forbidden(client, general):
    response = _post(client, _event(), secret="guessed")

    assert response.status_code == 403
    assert response.json() == {"error": "The signature does not match."}
    assert not Case.objects.exists()


def test_old_timestamp_is_refused_as_a_replay(client, general):
    response = _post(client, _event(), timestamp=int(time.time()) - 3600)

    assert response.status_code == 403
    assert "replay" in response.json()["error"]


def test_signature_covers_the_timestamp(client, general):
    event = _event()
    body = json.dumps(event).encode()
    old = str(int(time.time()) - 3600)

    response = client.post(
        PATH,
        body,
        content_type="application/json",
        HTTP_X_CIVICDESK_TIMESTAMP=str(int(time.time())),
        HTTP_X_CIVICDESK_SIGNATURE=sign(SECRET, old, body),
    )

    assert response.status_code == 403


def test_replayed_event_inside_the_window_is_a_no_op(client, general):
    event = _event()

    _post(client, event)
    second = _post(client, event)

    assert second.json()["outcome"] == "duplicate"
    assert Case.objects.filter(channel=Channel.SOCIAL).count() == 1


def test_unconfigured_secret_refuses_everything(client, general, settings):
    settings.MESSAGING_SOCIAL_SECRET = ""

    assert _post(client, _event(), secret="").status_code == 403


def test_malformed_event_gets_a_specific_400(client, general):
    response = _post(client, _event(kind="story", text=""))

    assert response.status_code == 400
    error = response.json()["error"]
    assert "kind:" in error
    assert "text:" in error


def test_direct_message_from_the_same_handle_joins_the_open_case(client, general):
    _post(client, _event())
    case = Case.objects.get(channel=Channel.SOCIAL)

    response = _post(client, _event(kind="direct_message", text="It's the ones by the slide"))

    assert response.json()["outcome"] == "reply"
    event = CaseEvent.objects.get(case=case, kind=EventKind.RESIDENT_MESSAGE)
    assert event.body == "It's the ones by the slide"
    assert event.actor_label == "@RiverRita (mastodon)"


def test_new_conversation_after_closing_opens_a_new_case_for_the_same_resident(client, general):
    _post(client, _event())
    first = Case.objects.get(channel=Channel.SOCIAL)
    Case.objects.filter(pk=first.pk).update(status=Status.CLOSED)

    _post(client, _event(text="Now the fountain is leaking"))

    second = Case.objects.exclude(pk=first.pk).get(channel=Channel.SOCIAL)
    assert second.resident_id == first.resident_id


def _outbox(settings) -> list[dict]:
    path = settings.MESSAGING_OUTBOX_DIR / "social.jsonl"
    return [json.loads(line) for line in path.read_text().splitlines()]


def test_default_reply_to_a_public_post_goes_private_with_a_public_acknowledgement(
    client, general, city, settings
):
    _post(client, _event())
    case = Case.objects.get(channel=Channel.SOCIAL)

    reply = social_reply(
        case=case, by=city.alice, body="Sorry about that. Crews will fix the swings by Friday."
    )

    assert reply.summary == "Sent as a direct message, with a short public acknowledgement."
    private, public = _outbox(settings)
    assert private["visibility"] == "private"
    assert private["text"] == "Sorry about that. Crews will fix the swings by Friday."
    assert public["visibility"] == "public"
    assert public["in_reply_to"] == "https://social.example/@RiverRita/1101"
    assert public["text"].startswith("@RiverRita Thank you for telling us.")
    assert "Friday" not in public["text"]
    assert CaseEvent.objects.filter(case=case, kind=EventKind.PUBLIC_REPLY).count() == 1
    assert SocialMessageRecord.objects.filter(direction=Direction.OUTBOUND).count() == 2


def test_reply_to_a_direct_message_stays_private(client, general, city, settings):
    _post(client, _event(kind="direct_message", url=None))
    case = Case.objects.get(channel=Channel.SOCIAL)

    reply = social_reply(case=case, by=city.alice, body="We are on it.")

    assert reply.summary == "Sent as a direct message only."
    assert [m["visibility"] for m in _outbox(settings)] == ["private"]


def test_staff_can_choose_to_reply_publicly(client, general, city, settings):
    _post(client, _event())
    case = Case.objects.get(channel=Channel.SOCIAL)

    reply = social_reply(
        case=case, by=city.alice, body="Fixed today, thanks!", mode=ReplyMode.PUBLIC
    )

    assert reply.summary == "Posted publicly."
    [public] = _outbox(settings)
    assert public["text"] == "@RiverRita Fixed today, thanks!"


def test_reply_to_a_case_from_another_channel_is_refused(rita_case, city):
    with pytest.raises(CaseError, match="did not come from social media"):
        social_reply(case=rita_case, by=city.alice, body="Hi", provider=ConsoleSocialProvider())
