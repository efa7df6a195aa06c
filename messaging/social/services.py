"""Social-media posts and direct messages into cases, and staff replies out.

Replies follow "Avoid Making a Bad Situation Worse": by default the answer goes
privately (a direct message), and a public post only gets a short public
acknowledgement saying so, so a complaint is not argued in front of everyone
and no personal detail is published.
"""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accounts.models import User
from cases.models import OPEN_STATUSES, Case, Channel
from cases.services import CaseError, case_add_resident_message, case_create, case_reply_publicly
from coaching.services import coach_review, reply_check, reply_review_record
from messaging.channel_cases import default_service, over_hourly_cap
from messaging.models import (
    Direction,
    HeldMessage,
    HeldReason,
    SocialMessageRecord,
    SocialThread,
    SocialVisibility,
)
from messaging.social.inbound import SocialEvent
from messaging.social.transport import SocialProvider, get_social_provider
from residents.models import ContactChannel
from residents.services import resident_find_or_create


@dataclass(frozen=True)
class SocialResult:
    outcome: str
    case: Case | None = None


def handle_social_event(event: SocialEvent, *, at: dt.datetime | None = None) -> SocialResult:
    at = at or timezone.now()
    external_id = f"{event.platform}:{event.id}"
    if SocialMessageRecord.objects.filter(
        direction=Direction.INBOUND, external_id=external_id
    ).exists():
        return SocialResult("duplicate")
    visibility = SocialVisibility.PUBLIC if event.kind == "post" else SocialVisibility.PRIVATE
    threads = SocialThread.objects.filter(platform=event.platform, handle__iexact=event.handle)
    open_thread = (
        threads.filter(case__status__in=OPEN_STATUSES, case__merged_into=None)
        .select_related("case")
        .order_by("-case__updated_at")
        .first()
    )
    if open_thread is not None:
        with transaction.atomic():
            case_add_resident_message(
                case=open_thread.case,
                body=event.text,
                label=f"@{event.handle} ({event.platform})",
                at=at,
            )
            _record(open_thread, event, external_id, visibility, at)
        return SocialResult("reply", case=open_thread.case)

    contact = Q(social__platform=event.platform, social__handle__iexact=event.handle)
    if over_hourly_cap(channel=Channel.SOCIAL, contact=contact, at=at):
        _hold(event, HeldReason.RATE_LIMITED, at)
        return SocialResult("held")
    service = default_service()
    earlier = threads.select_related("case__resident").order_by("-created_at").first()
    try:
        if service is None:
            raise ValidationError(_("No service takes social-media messages."))
        with transaction.atomic():
            # A handle is the social channel's own identity: the resident of its earlier
            # thread; otherwise a new record (a name alone matches nobody).
            resident = (earlier.case.resident if earlier else None) or resident_find_or_create(
                full_name=(event.name or f"@{event.handle}")[:200],
                channel=ContactChannel.NONE,
                fill_blanks=False,
            )
            case = case_create(
                service=service,
                channel=Channel.SOCIAL,
                description=event.text,
                resident=resident,
                at=at,
            )
            thread = SocialThread.objects.create(
                case=case,
                platform=event.platform,
                handle=event.handle,
                origin=visibility,
                post_url=str(event.url or ""),
                created_at=at,
            )
            _record(thread, event, external_id, visibility, at)
    except ValidationError as exc:
        _hold(event, HeldReason.CANNOT_OPEN_CASE, at, detail="; ".join(exc.messages))
        return SocialResult("held")
    return SocialResult("new_case", case=case)


def _record(
    thread: SocialThread, event: SocialEvent, external_id: str, visibility: str, at: dt.datetime
) -> None:
    SocialMessageRecord.objects.create(
        thread=thread,
        external_id=external_id,
        direction=Direction.INBOUND,
        visibility=visibility,
        body=event.text,
        url=str(event.url or ""),
        created_at=at,
    )


def _hold(event: SocialEvent, reason: str, at: dt.datetime, *, detail: str = "") -> HeldMessage:
    return HeldMessage.objects.create(
        channel=Channel.SOCIAL,
        reason=reason,
        sender=f"{event.platform}:@{event.handle}",
        sender_name=event.name,
        body=event.text,
        message_id=f"{event.platform}:{event.id}",
        detail=detail,
        received_at=at,
    )


# --- Staff replies -----------------------------------------------------------------------


class ReplyMode(enum.StrEnum):
    AUTO = "auto"  # private, plus a short public acknowledgement when it started in public
    PRIVATE = "private"
    PUBLIC = "public"


@dataclass(frozen=True)
class SocialReply:
    """What was sent where, for the agent to read back."""

    private_text: str
    public_text: str

    @property
    def summary(self) -> str:
        if self.private_text and self.public_text:
            return _("Sent as a direct message, with a short public acknowledgement.")
        if self.private_text:
            return _("Sent as a direct message only.")
        return _("Posted publicly.")


def social_reply(
    *,
    case: Case,
    by: User,
    body: str,
    mode: str = ReplyMode.AUTO,
    language: str = "en",
    provider: SocialProvider | None = None,
) -> SocialReply:
    """Answer a social-media case; by default privately (see the module docstring)."""
    body = (body or "").strip()
    if not body:
        raise CaseError(_("The reply is empty."))
    if mode not in ReplyMode.__members__.values():
        raise CaseError(_("Choose how to reply: auto, private or public."))
    thread = SocialThread.objects.filter(case=case).first()
    if thread is None:
        raise CaseError(_("This case did not come from social media."))
    provider = provider or get_social_provider()
    private_text = public_text = ""
    if mode == ReplyMode.PUBLIC:
        public_text = f"@{thread.handle} {body}"
    else:
        private_text = body
        if mode == ReplyMode.AUTO and thread.origin == SocialVisibility.PUBLIC:
            with translation.override(language):
                public_text = _(
                    "@%(handle)s Thank you for telling us. We have sent you a direct message "
                    "so we can help."
                ) % {"handle": thread.handle}
    # The reply coach: a blank or a wrong date never goes out (ReplyBlocked, a CaseError).
    review = coach_review(text=body, case=case)
    reply_check(review=review, warnings_need_reason=False)
    now = timezone.now()
    with transaction.atomic():
        event = case_reply_publicly(case=case, by=by, body=body, at=now)
        reply_review_record(event=event, review=review, by=by, door="social")
        if private_text:
            sent_id = provider.send_private(
                platform=thread.platform, handle=thread.handle, text=private_text
            )
            _record_out(thread, sent_id, SocialVisibility.PRIVATE, private_text, now)
        if public_text:
            sent_id = provider.send_public(
                platform=thread.platform,
                handle=thread.handle,
                in_reply_to=thread.post_url,
                text=public_text,
            )
            _record_out(thread, sent_id, SocialVisibility.PUBLIC, public_text, now)
    return SocialReply(private_text=private_text, public_text=public_text)


def _record_out(
    thread: SocialThread, sent_id: str, visibility: str, text: str, at: dt.datetime
) -> None:
    SocialMessageRecord.objects.create(
        thread=thread,
        external_id=f"{thread.platform}:{sent_id}",
        direction=Direction.OUTBOUND,
        visibility=visibility,
        body=text,
        created_at=at,
    )
