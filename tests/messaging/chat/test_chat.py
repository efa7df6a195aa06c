"""Live chat over WebSockets (Django Channels): the first message opens a case,
staff replies reach the resident's socket, and a reload resumes the conversation."""

from __future__ import annotations

import pytest
from asgiref.sync import sync_to_async
from channels.testing import WebsocketCommunicator
from django.db import connections
from django.test import override_settings

from cases.models import Case, CaseEvent, Channel, EventKind
from messaging.chat.consumers import StaffChatConsumer
from messaging.chat.routing import websocket_application
from messaging.chat.services import chat_keep_as_case, chat_staff_reply
from messaging.models import ChatSession, StaffPresence

pytestmark = [pytest.mark.anyio, pytest.mark.django_db(transaction=True)]

ORIGIN = [(b"origin", b"http://testserver")]


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


@pytest.fixture(autouse=True)
async def _close_worker_thread_connections():
    """Consumers reach the database from asgiref's worker thread; close it after each test."""
    yield
    await sync_to_async(connections.close_all)()


def _connect(path: str = "/ws/messaging/chat/") -> WebsocketCommunicator:
    return WebsocketCommunicator(websocket_application(), path, headers=ORIGIN)


async def _start(name: str = "Rita Moreno", email: str = "rita@example.org"):
    chat = _connect()
    connected, _ = await chat.connect()
    assert connected
    await chat.send_json_to({"type": "start", "name": name, "email": email, "language": "en"})
    session = await chat.receive_json_from()
    assert session["type"] == "session"
    return chat, session["token"]


async def test_first_message_opens_a_chat_case_for_the_known_resident(city, general):
    chat, _token = await _start()

    await chat.send_json_to({"type": "message", "text": "Is the pool open on Sunday?"})
    received = await chat.receive_json_from()

    case = await sync_to_async(Case.objects.select_related("resident").get)()
    assert received == {"type": "received", "tracking_number": case.tracking_number}
    assert case.channel == Channel.CHAT
    assert case.description == "Is the pool open on Sunday?"
    assert case.resident_id == city.rita.pk
    await chat.disconnect()


async def test_later_messages_join_the_same_case(city, general):
    chat, _token = await _start()
    await chat.send_json_to({"type": "message", "text": "Is the pool open on Sunday?"})
    await chat.receive_json_from()

    await chat.send_json_to({"type": "message", "text": "And on Monday?"})
    await chat.receive_json_from()

    assert await sync_to_async(Case.objects.count)() == 1
    event = await sync_to_async(CaseEvent.objects.get)(kind=EventKind.RESIDENT_MESSAGE)
    assert event.body == "And on Monday?"
    await chat.disconnect()


async def test_staff_reply_reaches_the_residents_socket(city, general):
    chat, token = await _start()
    await chat.send_json_to({"type": "message", "text": "Is the pool open on Sunday?"})
    await chat.receive_json_from()
    session = await sync_to_async(ChatSession.objects.select_related("case").get)(token=token)

    await sync_to_async(chat_staff_reply)(
        session=session, by=city.alice, body="Yes, from 10 a.m. to 6 p.m."
    )

    message = await chat.receive_json_from()
    assert message == {
        "type": "message",
        "from": "staff",
        "text": "Yes, from 10 a.m. to 6 p.m.",
        "author": "Alice",
    }
    await chat.disconnect()


async def test_reload_resumes_with_the_transcript(city, general):
    chat, token = await _start()
    await chat.send_json_to({"type": "message", "text": "Is the pool open on Sunday?"})
    await chat.receive_json_from()
    session = await sync_to_async(ChatSession.objects.select_related("case").get)(token=token)
    await sync_to_async(chat_staff_reply)(session=session, by=city.alice, body="Yes.")
    await chat.receive_json_from()
    await chat.disconnect()

    again = _connect()
    await again.connect()
    await again.send_json_to({"type": "resume", "token": token})
    transcript = await again.receive_json_from()

    assert transcript == {
        "type": "transcript",
        "messages": [
            {"from": "resident", "text": "Is the pool open on Sunday?"},
            {"from": "staff", "text": "Yes."},
        ],
    }
    await again.disconnect()


async def test_unknown_token_and_message_before_start_are_refused(general):
    chat = _connect()
    await chat.connect()

    await chat.send_json_to({"type": "resume", "token": "guessed"})
    refused = await chat.receive_json_from()
    await chat.send_json_to({"type": "message", "text": "hello"})
    early = await chat.receive_json_from()

    assert refused == {"type": "error", "message": "This chat has ended. Start a new one."}
    assert early == {"type": "error", "message": "Start the chat first."}
    assert await sync_to_async(Case.objects.count)() == 0
    await chat.disconnect()


async def test_messages_are_rate_limited(general, settings):
    settings.MESSAGING_CHAT_MESSAGES_PER_MINUTE = 2
    chat, _token = await _start(email="")

    replies = []
    for n in range(3):
        await chat.send_json_to({"type": "message", "text": f"message {n}"})
        replies.append(await chat.receive_json_from())

    assert [r["type"] for r in replies] == ["received", "received", "error"]
    assert "too quickly" in replies[2]["message"]
    await chat.disconnect()


async def test_foreign_origin_is_refused(general):
    chat = WebsocketCommunicator(
        websocket_application(),
        "/ws/messaging/chat/",
        headers=[(b"origin", b"https://evil.example")],
    )

    connected, _ = await chat.connect()

    assert not connected


@override_settings(ALLOWED_HOSTS=["testserver"])
async def test_staff_socket_needs_a_logged_in_user(general):
    staff = _connect("/ws/messaging/staff/chat/")

    connected, code = await staff.connect()

    assert not connected
    assert code == 4403


def _staff_socket(user) -> WebsocketCommunicator:
    """The staff consumer with `user` already signed in (the session middleware is Django's)."""
    communicator = WebsocketCommunicator(StaffChatConsumer.as_asgi(), "/ws/messaging/staff/chat/")
    communicator.scope["user"] = user
    return communicator


async def test_presence_says_nobody_is_online_and_where_to_leave_a_request(general):
    chat = _connect()
    await chat.connect()

    await chat.send_json_to({"type": "presence"})
    presence = await chat.receive_json_from()

    assert presence == {
        "type": "presence",
        "staff_online": False,
        "request_url": "/services/general-enquiry/request/",
    }
    await chat.disconnect()


async def test_an_open_staff_panel_is_presence_until_it_closes(city, general):
    staff = _staff_socket(city.alice)
    connected, _ = await staff.connect()
    assert connected
    chat = _connect()
    await chat.connect()

    await chat.send_json_to({"type": "presence"})
    online = (await chat.receive_json_from())["staff_online"]
    await staff.send_json_to({"type": "heartbeat"})
    await staff.receive_nothing()
    await staff.disconnect()
    await chat.send_json_to({"type": "presence"})
    after = (await chat.receive_json_from())["staff_online"]

    assert (online, after) == (True, False)
    assert not await sync_to_async(StaffPresence.objects.exists)()
    await chat.disconnect()


async def test_staff_panels_hear_of_new_messages_only_on_cases_they_see(city, general):
    alice, bob = _staff_socket(city.alice), _staff_socket(city.bob)
    await alice.connect()
    await bob.connect()
    chat, token = await _start()

    await chat.send_json_to({"type": "message", "text": "Is the pool open on Sunday?"})
    received = await chat.receive_json_from()
    heard = await alice.receive_json_from()

    session = await sync_to_async(ChatSession.objects.get)(token=token)
    assert heard == {
        "type": "chat.new",
        "chat": session.pk,
        "tracking_number": received["tracking_number"],
        "name": "Rita Moreno",
        "text": "Is the pool open on Sunday?",
    }
    assert await bob.receive_nothing()  # Parks staff: a Public Works conversation
    for socket in (alice, bob, chat):
        await socket.disconnect()


async def test_a_reply_over_the_staff_socket_reaches_the_resident_and_every_panel(city, general):
    alice = _staff_socket(city.alice)
    await alice.connect()
    chat, _token = await _start()
    await chat.send_json_to({"type": "message", "text": "Is the pool open on Sunday?"})
    number = (await chat.receive_json_from())["tracking_number"]
    await alice.receive_json_from()  # chat.new

    await alice.send_json_to({"type": "reply", "tracking_number": number, "text": "Yes."})
    replies = [await alice.receive_json_from(), await alice.receive_json_from()]
    to_resident = await chat.receive_json_from()

    assert {r["type"] for r in replies} == {"sent", "chat.answered"}
    assert to_resident == {"type": "message", "from": "staff", "text": "Yes.", "author": "Alice"}
    await alice.disconnect()
    await chat.disconnect()


async def test_the_resident_is_told_when_staff_end_the_chat(city, general):
    chat, token = await _start()
    await chat.send_json_to({"type": "message", "text": "Is the pool open on Sunday?"})
    number = (await chat.receive_json_from())["tracking_number"]
    session = await sync_to_async(ChatSession.objects.select_related("case").get)(token=token)

    await sync_to_async(chat_keep_as_case)(session=session, by=city.alice)
    ended = await chat.receive_json_from()
    await chat.send_json_to({"type": "message", "text": "Hello?"})
    refused = await chat.receive_json_from()

    assert ended == {"type": "ended", "tracking_number": number}
    assert refused == {"type": "error", "message": "This chat has ended. Start a new one."}
    await chat.disconnect()


async def test_errors_come_in_the_language_the_widget_asked_for(general):
    chat = WebsocketCommunicator(
        websocket_application(), "/ws/messaging/chat/?lang=es", headers=ORIGIN
    )
    await chat.connect()

    await chat.send_json_to({"type": "message", "text": "hola"})
    early = await chat.receive_json_from()

    assert early["type"] == "error"
    assert early["message"] != "Start the chat first."
    await chat.disconnect()
