"""The chat widget in the portal's pages: hidden until its script runs, never on kiosks."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db


def test_portal_pages_carry_the_widget_hidden_with_its_script(client, city, general):
    response = client.get("/")

    page = response.content.decode()
    assert 'id="chat-widget" hidden' in page  # no JavaScript: no button, nothing else changes
    assert 'role="dialog"' in page
    assert "/static/messaging/chat-widget.js" in page
    nonce = response["Content-Security-Policy"].split("'nonce-")[1].split("'")[0]
    assert f'src="/static/messaging/chat-widget.js" nonce="{nonce}"' in page


def test_the_widget_speaks_spanish_on_spanish_pages(client, city, general):
    client.cookies["django_language"] = "es"

    page = client.get("/").content.decode()

    assert "Chatee con nosotros" in page
    assert "No hay nadie disponible para chatear ahora." in page
    assert 'data-language="es"' in page


def test_kiosks_have_no_chat(client, city, general):
    page = client.get("/kiosk/").content.decode()

    assert "chat-widget" not in page
