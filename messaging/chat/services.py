"""Live chat into the one queue: the first message opens a case, the rest join it.

The conversation is the case's timeline (resident messages and public replies),
so a chat reads like any other channel in the staff workspace. Sockets only
carry it: `chat_staff_reply` writes the reply, then pushes it to the resident's
socket through the channel layer once the transaction commits.
"""

from __future__ import annotations

import secrets

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from cases.models import Case, CaseEvent, Channel, EventKind
from cases.permissions import Action, CasePermissionDenied, may
from cases.services import (
    CaseError,
    case_add_internal_note,
    case_add_resident_message,
    case_create,
    case_merge,
    case_reply_publicly,
)
from coaching.services import coach_review, reply_check, reply_review_record
from messaging.channel_cases import default_service
from messaging.chat.selectors import chat_events
from messaging.chat.transport import push as _push
from messaging.models import ChatSession
from residents.models import ContactChannel
from residents.services import resident_find_or_create

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
    if session.closed_at is not None:
        raise CaseError(_("This chat has ended. Start a new one."))
    label = _("%(name)s by chat") % {"name": session.name or _("Resident")}
    if session.case is None:
        service = default_service()
        if service is None:
            raise CaseError(_("Chat is not available right now. Please use the web form."))
        resident = resident_find_or_create(
            full_name=session.name,
            email=session.email,
            channel=ContactChannel.EMAIL if session.email else ContactChannel.NONE,
            language=session.language,
            fill_blanks=False,
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


def chat_staff_reply(*, session: ChatSession, by: User, body: str) -> CaseEvent:
    """Reply in the chat: on the timeline, then to the resident's open socket."""
    if session.case is None:
        raise CaseError(_("The resident has not written yet."))
    if session.closed_at is not None:
        raise CaseError(_("This chat has ended."))
    # The reply coach: a blank or a wrong date is refused (ReplyBlocked, a CaseError);
    # warnings do not hold up a live conversation but are kept with the score.
    review = coach_review(text=body, case=session.case)
    reply_check(review=review, warnings_need_reason=False)
    with transaction.atomic():
        event = case_reply_publicly(case=session.case, by=by, body=body)
        reply_review_record(event=event, review=review, by=by, door="chat")
        message = {"type": "chat.reply", "text": event.body, "author": event.actor_label}
        transaction.on_commit(lambda: _push(session_group(session), message))
        # Every open staff panel that may see the case shows the reply too.
        answered = {
            "type": "chat.answered",
            "chat": session.pk,
            "tracking_number": session.case.tracking_number,
            "text": event.body,
            "author": event.actor_label,
        }
        transaction.on_commit(lambda: _push(STAFF_GROUP, answered))
    return event


def _end(session: ChatSession, *, case: Case, outcome: str) -> None:
    """Claim the end of the chat (once), and tell both sides after commit."""
    ended = ChatSession.objects.filter(pk=session.pk, closed_at__isnull=True).update(
        closed_at=timezone.now()
    )
    if ended != 1:
        raise CaseError(_("This chat has already ended."))
    to_resident = {"type": "chat.ended", "tracking_number": case.tracking_number}
    to_staff = {"type": "chat.closed", "chat": session.pk, "outcome": outcome}
    transaction.on_commit(lambda: _push(session_group(session), to_resident))
    transaction.on_commit(lambda: _push(STAFF_GROUP, to_staff))


def chat_keep_as_case(*, session: ChatSession, by: User, note: str = "") -> Case:
    """End the chat and keep its case open in the queue for follow-up.

    The chat's messages are already the case's timeline (the first one opened
    the case), so the transcript is there; an internal note marks the hand-over.
    """
    if session.case is None:
        raise CaseError(_("The resident has not written yet."))
    case = session.case
    with transaction.atomic():
        _end(session, case=case, outcome="case")
        body = _("Live chat ended by %(staff)s and kept as a case; the chat is above.") % {
            "staff": by
        }
        if note.strip():
            body = f"{body}\n\n{note.strip()}"
        case_add_internal_note(case=case, by=by, body=body)
    return case


def chat_attach_to_case(*, session: ChatSession, into: Case, by: User) -> Case:
    """End the chat and join it to an existing case: transcript there, chat's case merged in.

    The transcript goes onto `into` as an internal note (the case may be another
    resident's, who must not read this conversation), and the chat's own case is
    merged into `into` through `case_merge`, so this takes the merge permission.
    """
    if not may(by, Action.MERGE, into):
        raise CasePermissionDenied(_("Only supervisors can attach a chat to another case."))
    if session.case is None:
        raise CaseError(_("The resident has not written yet."))
    if into.pk == session.case_id:
        raise CaseError(_("That is this chat's own case."))
    with transaction.atomic():
        _end(session, case=into, outcome="attached")
        case_add_internal_note(
            case=into,
            by=by,
            body=_("Live chat %(number)s attached by %(staff)s. Transcript:")
            % {"number": session.case.tracking_number, "staff": by}
            + "\n\n"
            + chat_transcript_text(session),
        )
        # The merge is checked (cases/permissions.py) and tells the resident (the outbox).
        case_merge(duplicate=session.case, into=into, by=by)
    return into


def chat_transcript(session: ChatSession) -> list[dict[str, str]]:
    """What the resident sees when they come back: the chat so far, oldest first."""
    return [{"from": side, "text": text} for _event, side, text in chat_events(session)]


def chat_transcript_text(session: ChatSession) -> str:
    """The chat as plain text with who said what, for a case's timeline."""
    resident = session.name or _("Resident")
    return "\n".join(
        f"{event.actor_label if side == 'staff' else resident}: {text}"
        for event, side, text in chat_events(session)
    )
