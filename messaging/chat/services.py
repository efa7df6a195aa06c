"""Live chat into the one queue: the first message opens a case, the rest join it.

The conversation is the case's timeline (resident messages and public replies),
so a chat reads like any other channel in the staff workspace. Sockets only
carry it: `chat_staff_reply` writes the reply, then pushes it to the resident's
socket through the channel layer once the transaction commits.
"""

from __future__ import annotations

import datetime as dt
import secrets
from typing import Any

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cases.models import Case, CaseEvent, Channel, EventKind
from cases.services import CaseError, case_add_resident_message, case_create, case_reply_publicly
from messaging.channel_cases import default_service
from messaging.models import ChatSession
from residents.models import ContactChannel, Resident

MAX_MESSAGE = 2000
STAFF_GROUP = "chat.staff"


def session_group(session: ChatSession) -> str:
    return f"chat.session.{session.pk}"


def chat_start(*, name: str = "", email: str = "", language: str = "en") -> ChatSession:
    name = (name or "").strip()[:200]
    email = (email or "").strip().lower()
    if email:
        try:
            validate_email(email)
        except ValidationError:
            raise CaseError(_("Enter a valid email address, or leave it empty.")) from None
    return ChatSession.objects.create(
        token=secrets.token_urlsafe(32),
        name=name,
        email=email,
        language=language if language in ("en", "es") else "en",
        created_at=timezone.now(),
    )


def chat_session_by_token(token: str) -> ChatSession | None:
    if not token or len(token) > 64:
        return None
    return (
        ChatSession.objects.select_related("case")
        .filter(token=token, closed_at__isnull=True)
        .first()
    )


@transaction.atomic
def chat_resident_message(*, session: ChatSession, text: str) -> CaseEvent:
    text = (text or "").strip()
    if not text:
        raise CaseError(_("The message is empty."))
    if len(text) > MAX_MESSAGE:
        raise CaseError(_("Keep messages under %(n)d characters.") % {"n": MAX_MESSAGE})
    session = ChatSession.objects.select_for_update().get(pk=session.pk)
    label = _("%(name)s by chat") % {"name": session.name or _("Resident")}
    if session.case is None:
        service = default_service()
        if service is None:
            raise CaseError(_("Chat is not available right now. Please use the web form."))
        resident = None
        if session.email:
            resident = Resident.objects.filter(email__iexact=session.email).order_by("id").first()
        resident = resident or Resident.objects.create(
            full_name=session.name,
            email=session.email,
            preferred_language=session.language,
            preferred_channel=ContactChannel.EMAIL if session.email else ContactChannel.NONE,
        )
        try:
            case = case_create(
                service=service, channel=Channel.CHAT, description=text, resident=resident
            )
        except ValidationError as exc:
            raise CaseError(" ".join(exc.messages)) from None
        session.case = case
        session.save(update_fields=["case"])
        return CaseEvent.objects.filter(case=case, kind=EventKind.CREATED).get()
    return case_add_resident_message(case=session.case, body=text, label=label)


def chat_staff_reply(*, session: ChatSession, by: Any, body: str) -> CaseEvent:
    """Reply in the chat: on the timeline, then to the resident's open socket."""
    if session.case is None:
        raise CaseError(_("The resident has not written yet."))
    with transaction.atomic():
        event = case_reply_publicly(case=session.case, by=by, body=body)
        message = {"type": "chat.reply", "text": event.body, "author": event.actor_label}
        transaction.on_commit(lambda: _push(session_group(session), message))
    return event


def _push(group: str, message: dict[str, str]) -> None:
    layer = get_channel_layer()
    if layer is not None:
        async_to_sync(layer.group_send)(group, message)


def chat_transcript(session: ChatSession) -> list[dict[str, str]]:
    """What the resident sees when they come back: the chat so far, oldest first."""
    if session.case is None:
        return []
    case: Case = session.case
    events = CaseEvent.objects.filter(
        case=case,
        is_public=True,
        kind__in=[EventKind.CREATED, EventKind.RESIDENT_MESSAGE, EventKind.PUBLIC_REPLY],
        created_at__gte=session.created_at - dt.timedelta(seconds=1),
    ).order_by("created_at", "id")
    transcript = []
    for event in events:
        if event.kind == EventKind.PUBLIC_REPLY:
            transcript.append({"from": "staff", "text": event.body})
        else:
            text = case.description if event.kind == EventKind.CREATED else event.body
            transcript.append({"from": "resident", "text": text})
    return transcript
