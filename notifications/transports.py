"""How a message to a resident leaves: one sender per channel, registered by the channel.

`SENDERS` maps a channel ("email", "sms", …) to a function that sends one
`Outgoing` and returns the provider's id for it. The outbox worker
(notifications/outbox.py) is the only caller. The senders live with their
channels (`messaging/<channel>/sender.py`), which register them here from
`MessagingConfig.ready()`; notifications imports no channel. A new channel
adds its sender and one `register_sender` call (and, in
`notifications.services.resident_channel`, when a resident may be written to on it).

A sender raises:
- `NoAddress` when the resident has no usable address on that channel (not retried);
- `PermanentFailure` when the provider refused for good (bounced=True for a
  refused recipient); not retried;
- anything else for a transient failure (SMTP down, provider 5xx, timeout):
  the worker retries it with a backoff.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings

from cases.models import Case
from residents.models import Resident


@dataclass(frozen=True)
class Outgoing:
    """One message to one resident, already in their language."""

    case: Case  # the case it threads under (the first one, when it is about several)
    resident: Resident
    language: str
    subject: str  # email
    body: str  # email: the full text
    text: str  # SMS and other short channels: with the city and request number first
    auto_notice: bool  # no person wrote it (RFC 3834 Auto-Submitted)
    message_id: str  # ours, fixed before the first try; the same on every retry
    # A follower's one-click stop link (RFC 8058 List-Unsubscribe); "" for the case's own
    # resident, who cannot unsubscribe from their own request.
    unsubscribe_url: str = ""


class NoAddress(ValueError):
    """The resident has no address we may use on this channel."""


class PermanentFailure(RuntimeError):
    def __init__(self, message: str, *, bounced: bool = False) -> None:
        super().__init__(message)
        self.bounced = bounced


def is_for_follower(message: Outgoing) -> bool:
    """A message to someone who follows the case (engagement/), not the case's own
    resident: every sender writes to their address, unthreaded, since a reply would land
    on someone else's case."""
    return message.resident.pk != message.case.resident_id


# Who can say where a follower stops a case's messages (engagement: the follow's stop
# link). Each is called with the case and the follower and returns an absolute URL or "";
# registered from an app's AppConfig.ready(), so notifications imports none of them.
UnsubscribeLink = Callable[[Case, Resident], str]
_UNSUBSCRIBE_LINKS: list[UnsubscribeLink] = []


def register_unsubscribe_link(link: UnsubscribeLink) -> None:
    if link not in _UNSUBSCRIBE_LINKS:
        _UNSUBSCRIBE_LINKS.append(link)


def unsubscribe_url(case: Case, resident: Resident) -> str:
    """The one-click stop link for a message about `case` to `resident` who follows it."""
    if resident.pk == case.resident_id:
        return ""
    for link in _UNSUBSCRIBE_LINKS:
        url = link(case, resident)
        if url:
            return url
    return ""


Sender = Callable[[Outgoing], str]

# channel → sender; filled by the channels (see register_sender).
SENDERS: dict[str, Sender] = {}


def register_sender(channel: str, sender: Sender) -> None:
    """Make `sender` the way out on `channel` (called from the channel's AppConfig.ready)."""
    SENDERS[channel] = sender


def message_id_domain() -> str:
    """The stable right-hand side of our Message-IDs (a setting, else the site's host)."""
    configured = (settings.MESSAGING_EMAIL_DOMAIN or "").strip().lower()
    if configured:
        return configured
    host = (urlsplit(settings.SITE_URL).hostname or "").lower()
    if not host or host.replace(".", "").isdigit() or ":" in host:
        return "civicdesk.localhost"  # an IP literal is no stable mail domain
    return host


def new_message_id(case: Case) -> str:
    """Our id for one message about `case`, fixed before the first try of any channel."""
    return f"case-{case.tracking_number}-{uuid.uuid4().hex}@{message_id_domain()}"
