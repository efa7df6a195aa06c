"""Live chat in real browsers: a resident on the portal, a member of staff in the panel.

The server is daphne (the same ASGI application `manage.py runserver` serves) in a
thread of this process, so it shares the test database on SQLite (in-memory,
shared cache) and on PostgreSQL alike; tests use `transactional_db` so what they
write is committed and visible to it. Kept in its own module: Playwright's sync
API holds an event loop in this thread (see tests/browser.py).
"""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Iterator
from typing import Any

import pytest
from django.core.cache import cache
from django.db import connections
from django.test import Client

from cases.models import CaseEvent, EventKind, Status
from messaging.models import ChatSession, StaffPresence
from tests.browser import axe_violations, save_screenshot

pytestmark = pytest.mark.browser


@pytest.fixture(scope="session")
def chat_server(django_db_setup: Any) -> Iterator[str]:
    """daphne serving civicdesk's ASGI routes (plus static files) on a free loopback port.

    Twisted's reactor runs once per process, so the server lives for the session.
    """
    import daphne.server  # installs the asyncio reactor before anything imports another
    from channels.routing import ProtocolTypeRouter
    from django.contrib.staticfiles.handlers import ASGIStaticFilesHandler
    from django.core.asgi import get_asgi_application
    from twisted.internet import reactor

    from messaging.chat.routing import websocket_application

    # Server threads open their own connections: never keep them past a request,
    # so the test database can be flushed and dropped under them.
    connections["default"].settings_dict["CONN_MAX_AGE"] = 0
    application = ProtocolTypeRouter(
        {
            "http": ASGIStaticFilesHandler(get_asgi_application()),
            "websocket": websocket_application(),
        }
    )
    server = daphne.server.Server(
        application=application,
        endpoints=["tcp:port=0:interface=127.0.0.1"],
        signal_handlers=False,
        verbosity=0,
    )
    thread = threading.Thread(target=server.run, name="daphne", daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.listening_addresses:
        if time.monotonic() > deadline:
            raise RuntimeError("daphne did not start listening")
        time.sleep(0.05)
    host, port = server.listening_addresses[0]
    yield f"http://{host}:{port}"
    reactor.callFromThread(reactor.stop)  # type: ignore[attr-defined,misc]
    thread.join(timeout=10)


@pytest.fixture
def live_chat(transactional_db: None, city: Any, general: Any, settings: Any) -> Any:
    cache.clear()  # the chat-start rate limit counts per client address
    settings.MESSAGING_CHAT_PRESENCE_SECONDS = 90
    return city


def offline(page: Any) -> Any:
    page.route(re.compile(r"^https?://(?!127\.0\.0\.1|localhost).*"), lambda route: route.abort())
    return page


def assert_accessible(page: Any) -> None:
    violations = axe_violations(page)
    assert violations == [], [(v["id"], [n["target"] for n in v["nodes"]]) for v in violations]


def signed_in_context(chromium: Any, base: str, user: Any) -> Any:
    """A second browser with `user`'s session cookie (force_login: no sign-in form)."""
    client = Client()
    client.force_login(user)
    context = chromium.new_context(locale="en-US", viewport={"width": 1280, "height": 900})
    context.set_default_timeout(10_000)
    context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": base}]
    )
    return context


def wait_for(condition: Any, timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError("condition not met in time")
        time.sleep(0.1)


def test_resident_chats_with_staff_who_turn_the_chat_into_a_case(
    chat_server, chromium, page, live_chat
):
    city = live_chat
    # Alice opens the chat panel: her socket makes her "on hand to chat".
    staff_context = signed_in_context(chromium, chat_server, city.alice)
    staff = offline(staff_context.new_page())
    staff.goto(chat_server + "/messaging/staff/chat/")
    staff.locator('#staff-chat[data-connected="true"]').wait_for()
    wait_for(lambda: StaffPresence.objects.filter(user=city.alice).exists())

    # Rita opens the widget on the portal and starts a chat.
    offline(page)
    page.goto(chat_server + "/")
    page.get_by_role("button", name="Chat with us").click()
    dialog = page.get_by_role("dialog", name="Chat with us")
    dialog.get_by_label("Your name").fill("Rita Moreno")
    dialog.get_by_label("Email").fill("rita@example.org")
    dialog.get_by_role("button", name="Start the chat").click()
    dialog.get_by_label("Your message").fill("Is the pool open on Sunday?")
    dialog.get_by_role("button", name="Send").click()
    dialog.get_by_text("Your reference number is").wait_for()
    session = ChatSession.objects.select_related("case").get()
    assert session.case is not None
    assert session.case.channel == "chat"
    assert_accessible(page)
    save_screenshot(page, "chat-widget-open")

    # The chat appears in Alice's panel live; she opens it and answers.
    staff.get_by_role("link", name=re.compile(session.case.tracking_number)).click()
    staff.get_by_role("log", name="Conversation").get_by_text(
        "Is the pool open on Sunday?"
    ).wait_for()
    staff.locator('#staff-chat[data-connected="true"]').wait_for()
    staff.get_by_label("Your reply").fill("Yes, from 10 a.m. to 6 p.m.")
    staff.get_by_role("button", name="Send").click()
    staff.get_by_role("log", name="Conversation").get_by_text("Yes, from 10 a.m.").wait_for()
    save_screenshot(staff, "chat-staff-panel")

    # Rita sees the answer; a reload resumes the conversation.
    log = page.get_by_role("log", name="Conversation")
    log.get_by_text("Yes, from 10 a.m. to 6 p.m.").wait_for()
    page.reload()
    page.get_by_role("log", name="Conversation").get_by_text("Yes, from 10 a.m.").wait_for()
    assert page.get_by_role("log", name="Conversation").get_by_text("Is the pool open").count()

    # Alice turns the chat into a case: the case page's timeline holds the conversation.
    staff.get_by_role("button", name="Turn into a case").click()
    staff.get_by_role("heading", name="Timeline").wait_for()
    timeline = staff.locator("#timeline")
    assert "Is the pool open on Sunday?" in staff.locator(".description").inner_text()
    assert "Yes, from 10 a.m. to 6 p.m." in timeline.inner_text()
    assert "kept as a case" in timeline.inner_text()
    page.get_by_text("This chat has ended.").wait_for()
    session.refresh_from_db()
    assert session.closed_at is not None
    # Staff answered in the chat, so the case is acknowledged (cases.services).
    assert session.case.status == Status.ACKNOWLEDGED
    assert CaseEvent.objects.filter(case=session.case, kind=EventKind.PUBLIC_REPLY).count() == 1
    staff_context.close()


def test_without_staff_online_the_widget_offers_to_leave_a_request(
    chat_server, browser_context, live_chat
):
    page = offline(browser_context.new_page())
    page.set_viewport_size({"width": 320, "height": 640})
    page.goto(chat_server + "/")

    page.get_by_role("button", name="Message us: we answer later").click()
    dialog = page.get_by_role("dialog", name="Chat with us")
    dialog.get_by_text("Nobody is available to chat right now.").wait_for()
    box = dialog.bounding_box()
    assert box is not None
    assert box["x"] >= 0
    assert box["x"] + box["width"] <= 320
    assert_accessible(page)
    save_screenshot(page, "chat-widget-no-staff-320")

    dialog.get_by_role("link", name="Leave a request").click()
    page.wait_for_url(re.compile(r"/services/general-enquiry/request/$"))
    assert ChatSession.objects.count() == 0


def test_escape_closes_the_widget_and_focus_returns_to_the_button(
    chat_server, browser_context, live_chat
):
    page = offline(browser_context.new_page())
    page.goto(chat_server + "/")
    button = page.get_by_role("button", name="Message us: we answer later")

    button.focus()
    page.keyboard.press("Enter")
    dialog = page.get_by_role("dialog", name="Chat with us")
    dialog.wait_for()
    assert button.get_attribute("aria-expanded") == "true"
    page.keyboard.press("Escape")

    dialog.wait_for(state="hidden")
    assert button.get_attribute("aria-expanded") == "false"
    assert page.evaluate("document.activeElement.id") == "chat-launch"
