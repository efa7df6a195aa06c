"""WebSocket consumers for live chat: thin, like views; the rules are in services.py.

Resident protocol (JSON both ways) on /ws/messaging/chat/ (?lang=es for Spanish messages):
  -> {"type": "presence"}
  <- {"type": "presence", "staff_online": true, "request_url": "/services/general-enquiry/request/"}
  -> {"type": "start", "name": "...", "email": "...", "language": "en"}
  <- {"type": "session", "token": "..."}            keep it to resume after a reload
  -> {"type": "resume", "token": "..."}
  <- {"type": "transcript", "messages": [{"from": "resident"|"staff", "text": "..."}]}
  -> {"type": "message", "text": "..."}
  <- {"type": "received", "tracking_number": "7KQ3M-9XRT2"}
  <- {"type": "message", "from": "staff", "text": "...", "author": "Alice"}
  <- {"type": "ended", "tracking_number": "..."}   staff ended the chat; the case goes on
  <- {"type": "error", "message": "..."}

Staff on /ws/messaging/staff/chat/ (logged in, allowed to see cases; an open
socket counts as "on hand to chat", see presence.py) send a heartbeat,
  -> {"type": "heartbeat"}                         every presence.HEARTBEAT_SECONDS
get, for chats on cases they may see,
  <- {"type": "chat.new", "chat": 12, "tracking_number": "...", "name": "...", "text": "..."}
  <- {"type": "chat.answered", "chat": 12, "tracking_number": "...", "text": "...", "author": "..."}
  <- {"type": "chat.closed", "chat": 12, "outcome": "case" | "attached"}
and reply with
  -> {"type": "reply", "tracking_number": "...", "text": "..."}
  <- {"type": "sent", "tracking_number": "..."}
"""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qs

from asgiref.sync import async_to_sync
from channels.generic.websocket import JsonWebsocketConsumer
from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _

from cases.models import Case
from cases.selectors import can_view_case
from cases.services import CaseError
from core.ratelimit import hit
from messaging.channel_cases import default_service
from messaging.chat.inbound import BadFrame, parse_resident_frame, parse_staff_frame
from messaging.chat.presence import presence_beat, presence_join, presence_leave, staff_online
from messaging.chat.selectors import leave_a_request_url
from messaging.chat.services import (
    STAFF_GROUP,
    chat_resident_message,
    chat_session_by_token,
    chat_staff_reply,
    chat_start,
    chat_transcript,
    session_group,
)
from messaging.models import ChatSession


def _language(scope: dict[str, Any]) -> str:
    query = parse_qs(scope.get("query_string", b"").decode("latin-1"))
    language = (query.get("lang") or ["en"])[0]
    return language if language in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE


class ResidentChatConsumer(JsonWebsocketConsumer):  # type: ignore[misc]  # channels: untyped
    session: ChatSession | None = None

    def connect(self) -> None:
        self.session = None
        self.language = _language(self.scope)
        self.accept()

    def disconnect(self, code: int) -> None:
        if self.session is not None:
            async_to_sync(self.channel_layer.group_discard)(
                session_group(self.session), self.channel_name
            )

    def _join(self, session: ChatSession) -> None:
        self.session = session
        async_to_sync(self.channel_layer.group_add)(session_group(session), self.channel_name)

    def _error(self, message: str) -> None:
        self.send_json({"type": "error", "message": message})

    def receive_json(self, content: Any, **kwargs: Any) -> None:
        with translation.override(self.language):
            self._receive(content)

    def _receive(self, content: Any) -> None:
        try:
            frame = parse_resident_frame(content)
        except BadFrame as exc:
            self._error(str(exc))
            return
        try:
            if frame.kind == "presence":
                self.send_json(
                    {
                        "type": "presence",
                        "staff_online": staff_online(service=default_service()),
                        "request_url": leave_a_request_url(),
                    }
                )
            elif frame.kind == "start":
                client = (self.scope.get("client") or ["unknown"])[0]
                if not hit("chat-start", str(client), limit=10, window_seconds=3600):
                    self._error(_("Too many chats from your connection. Please try later."))
                    return
                session = chat_start(name=frame.name, email=frame.email, language=frame.language)
                self._join(session)
                self.send_json({"type": "session", "token": session.token})
            elif frame.kind == "resume":
                found = chat_session_by_token(frame.token)
                if found is None:
                    self._error(_("This chat has ended. Start a new one."))
                    return
                self._join(found)
                self.send_json({"type": "transcript", "messages": chat_transcript(found)})
            else:
                self._message(frame.text)
        except CaseError as exc:
            self._error(str(exc))

    def _message(self, text: str) -> None:
        if self.session is None:
            self._error(_("Start the chat first."))
            return
        if not hit(
            "chat",
            self.session.token,
            limit=settings.MESSAGING_CHAT_MESSAGES_PER_MINUTE,
            window_seconds=60,
        ):
            self._error(_("You are sending messages too quickly. Please wait a minute."))
            return
        case = chat_resident_message(session=self.session, text=text).case
        self.session.case = case
        self.send_json({"type": "received", "tracking_number": case.tracking_number})
        async_to_sync(self.channel_layer.group_send)(
            STAFF_GROUP,
            {
                "type": "chat.new",
                "chat": self.session.pk,
                "tracking_number": case.tracking_number,
                "name": self.session.name,
                "text": text.strip(),
            },
        )

    def chat_reply(self, event: dict[str, Any]) -> None:
        self.send_json(
            {"type": "message", "from": "staff", "text": event["text"], "author": event["author"]}
        )

    def chat_ended(self, event: dict[str, Any]) -> None:
        self.send_json({"type": "ended", "tracking_number": event["tracking_number"]})


class StaffChatConsumer(JsonWebsocketConsumer):  # type: ignore[misc]  # channels: untyped
    def connect(self) -> None:
        user = self.scope.get("user")
        if not getattr(user, "is_authenticated", False) or not user.has_perm("cases.view_case"):
            self.close(code=4403)
            return
        self.user = user
        async_to_sync(self.channel_layer.group_add)(STAFF_GROUP, self.channel_name)
        self.accept()
        presence_join(user=user, channel_name=self.channel_name)

    def disconnect(self, code: int) -> None:
        async_to_sync(self.channel_layer.group_discard)(STAFF_GROUP, self.channel_name)
        presence_leave(channel_name=self.channel_name)

    def _forward_if_visible(self, event: dict[str, Any]) -> None:
        case = Case.objects.filter(tracking_number=event["tracking_number"]).first()
        if case is None or not can_view_case(self.user, case):
            return  # another department's conversation
        self.send_json(event)

    def chat_new(self, event: dict[str, Any]) -> None:
        self._forward_if_visible(event)

    def chat_answered(self, event: dict[str, Any]) -> None:
        self._forward_if_visible(event)

    def chat_closed(self, event: dict[str, Any]) -> None:
        self.send_json(event)

    def receive_json(self, content: Any, **kwargs: Any) -> None:
        try:
            frame = parse_staff_frame(content)
        except BadFrame as exc:
            self.send_json({"type": "error", "message": str(exc)})
            return
        if frame.kind == "heartbeat":
            presence_beat(user=self.user, channel_name=self.channel_name)
            return
        session = (
            ChatSession.objects.select_related("case")
            .filter(case__tracking_number=frame.tracking_number)
            .order_by("-created_at")
            .first()
        )
        if session is None or session.case is None or not can_view_case(self.user, session.case):
            self.send_json({"type": "error", "message": _("No chat for that case.")})
            return
        try:
            chat_staff_reply(session=session, by=self.user, body=frame.text)
        except CaseError as exc:
            self.send_json({"type": "error", "message": str(exc)})
            return
        self.send_json({"type": "sent", "tracking_number": session.case.tracking_number})
