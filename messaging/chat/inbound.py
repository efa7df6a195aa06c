"""Parse the frames sockets send into typed frames; the protocol is in consumers.py.

Anything else is refused with a message the sender can read. Text is made safe
to store and to send back: lone UTF-16 surrogates (valid JSON, not valid UTF-8)
are dropped, and every field is bounded before the services see it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal, cast

from django.utils.translation import gettext as _

ResidentKind = Literal["presence", "start", "resume", "message"]
StaffKind = Literal["heartbeat", "reply"]
RESIDENT_KINDS = ("presence", "start", "resume", "message")
STAFF_KINDS = ("heartbeat", "reply")
# Generous: the services say what the real limits are (MAX_MESSAGE, name and email sizes).
MAX_FIELD = 10_000


class BadFrame(ValueError):
    """Not a frame we understand; the text is what the sender is told."""


@dataclass(frozen=True)
class ResidentFrame:
    kind: ResidentKind
    name: str = ""
    email: str = ""
    language: str = "en"
    token: str = ""
    text: str = ""


@dataclass(frozen=True)
class StaffFrame:
    kind: StaffKind
    tracking_number: str = ""
    text: str = ""


def _text(value: Any) -> str:
    if value is None:
        return ""
    text = value if isinstance(value, str) else str(value)
    return "".join(ch for ch in text[:MAX_FIELD] if not 0xD800 <= ord(ch) <= 0xDFFF)


def _kind(content: Any, kinds: tuple[str, ...]) -> str:
    if not isinstance(content, dict):
        raise BadFrame(_("Send a JSON object."))
    kind = content.get("type")
    if kind not in kinds:
        raise BadFrame(_("Unknown message type."))
    return str(kind)


def parse_resident_frame(content: Any) -> ResidentFrame:
    kind = cast(ResidentKind, _kind(content, RESIDENT_KINDS))
    return ResidentFrame(
        kind=kind,
        name=_text(content.get("name")),
        email=_text(content.get("email")),
        language=_text(content.get("language")) or "en",
        token=_text(content.get("token")),
        text=_text(content.get("text")),
    )


def parse_staff_frame(content: Any) -> StaffFrame:
    kind = cast(StaffKind, _kind(content, STAFF_KINDS))
    return StaffFrame(
        kind=kind,
        tracking_number=_text(content.get("tracking_number")),
        text=_text(content.get("text")),
    )
