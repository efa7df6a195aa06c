"""WebSocket routes for live chat, for the project's ASGI application (civicdesk/asgi.py)."""

from __future__ import annotations

from typing import Any

from channels.auth import AuthMiddlewareStack
from channels.routing import URLRouter
from channels.security.websocket import AllowedHostsOriginValidator
from django.urls import path

from messaging.chat.consumers import ResidentChatConsumer, StaffChatConsumer

websocket_urlpatterns = [
    path("ws/messaging/chat/", ResidentChatConsumer.as_asgi()),
    path("ws/messaging/staff/chat/", StaffChatConsumer.as_asgi()),
]


def websocket_application() -> Any:  # channels is untyped
    """Origin-checked (ALLOWED_HOSTS), session-authenticated websocket routes."""
    return AllowedHostsOriginValidator(AuthMiddlewareStack(URLRouter(websocket_urlpatterns)))
