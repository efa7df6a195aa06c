"""Inbound email: parse one RFC 5322 message into what a case needs.

Pure functions over bytes, no database: the standard library's `email` package
with `policy.default` decodes encoded headers and charsets; HTML is sanitised
with nh3 for keeping and turned into plain text for the timeline; quoted history
is cut from replies; automatic mail is recognised so it never opens a case.
"""

from __future__ import annotations

import email
import email.policy
import re
from dataclasses import dataclass, field
from email.message import EmailMessage, Message
from email.utils import getaddresses, parseaddr
from html.parser import HTMLParser

import nh3

from cases.tracking import normalise_tracking_number


class MalformedMessage(ValueError):
    """Not an email we can read at all (the MTA should bounce it)."""


@dataclass(frozen=True)
class Attachment:
    filename: str
    content_type: str
    data: bytes


@dataclass(frozen=True)
class DeliveryFailure:
    """A recipient that a delivery status notification reports as failed."""

    address: str
    status: str


# RFC 8601 results we act on; anything else reads as "none".
_RESULT = re.compile(r"(?:^|[;\s])(spf|dkim|dmarc)\s*=\s*([a-z]+)", re.IGNORECASE)
_RESULT_WORDS = {"pass", "fail", "softfail", "neutral", "none", "temperror", "permerror", "policy"}


@dataclass(frozen=True)
class Authentication:
    """What our mail server found when it checked the sender (Authentication-Results)."""

    spf: str = "none"
    dkim: str = "none"
    dmarc: str = "none"
    checked_by: str = ""

    @property
    def fails(self) -> bool:
        """The sender's domain says this message is not theirs.

        DMARC fail is decisive; without a DMARC verdict, an SPF hard fail with no
        passing DKIM signature is. Soft fails and missing checks are recorded, not held
        (forwarded mail softfails, and many small domains publish nothing).
        """
        if self.dmarc == "fail":
            return True
        return self.dmarc != "pass" and self.spf == "fail" and self.dkim != "pass"

    def as_dict(self) -> dict[str, str]:
        return {"spf": self.spf, "dkim": self.dkim, "dmarc": self.dmarc, "by": self.checked_by}

    def summary(self) -> str:
        return f"spf={self.spf} dkim={self.dkim} dmarc={self.dmarc}"


def authentication_results(msg: Message, *, authserv_id: str = "") -> Authentication:
    """The results our own mail server added (RFC 8601).

    With `authserv_id` (CIVICDESK_EMAIL_AUTHSERV_ID) only a header naming that server
    counts: a sender can write any Authentication-Results header of their own, and the
    MTA should strip those claiming its id. Without it, the topmost header counts (the
    last hop adds its header on top). A DKIM pass by any signature counts as a pass.
    """
    headers = [str(h) for h in (msg.get_all("Authentication-Results") or [])]
    chosen = ""
    for header in headers:
        server = header.split(";", 1)[0].strip().split()[0].lower() if header.strip() else ""
        if not authserv_id or server == authserv_id.lower():
            chosen = header
            break
    if not chosen:
        return Authentication()
    found: dict[str, list[str]] = {}
    for method, result in _RESULT.findall(chosen):
        word = result.lower()
        found.setdefault(method.lower(), []).append(word if word in _RESULT_WORDS else "none")
    dkim = found.get("dkim", ["none"])
    return Authentication(
        spf=found.get("spf", ["none"])[0],
        dkim="pass" if "pass" in dkim else dkim[0],
        dmarc=found.get("dmarc", ["none"])[0],
        checked_by=chosen.split(";", 1)[0].strip()[:100],
    )


@dataclass
class ParsedEmail:
    sender: str
    sender_name: str
    recipients: list[str]
    subject: str
    message_id: str
    in_reply_to: list[str]
    references: list[str]
    text: str
    html: str
    language: str
    attachments: list[Attachment] = field(default_factory=list)
    automatic: str = ""
    delivery_failures: list[DeliveryFailure] = field(default_factory=list)
    returned_message_ids: list[str] = field(default_factory=list)
    is_ours: bool = False
    authentication: Authentication = field(default_factory=Authentication)

    @property
    def thread_ids(self) -> list[str]:
        """Message-IDs this message answers, newest first."""
        return list(dict.fromkeys([*self.in_reply_to, *reversed(self.references)]))


_MSGID = re.compile(r"<([^<>\s]+)>")
TRACKING_IN_SUBJECT = re.compile(r"\[#\s*([0-9A-Za-z]{5}\s*-?\s*[0-9A-Za-z]{5})\s*\]")


def parse_message(raw: bytes, *, own_domain: str, authserv_id: str = "") -> ParsedEmail:
    """Parse raw bytes; raise MalformedMessage when there is no usable sender or body."""
    if not raw.strip():
        raise MalformedMessage("The message is empty.")
    try:
        msg = email.message_from_bytes(raw, policy=email.policy.default)
    except Exception as exc:  # the parser is lenient; this is truly broken input
        raise MalformedMessage(f"Unreadable message: {exc}") from exc
    if not isinstance(msg, EmailMessage) or not msg.keys():
        raise MalformedMessage("The message has no headers.")
    name, sender = parseaddr(_header(msg, "From"))
    if "@" not in sender:
        raise MalformedMessage("The message has no valid From address.")
    message_id = _first_msgid(_header(msg, "Message-ID"))
    recipients = [
        addr.lower()
        for _, addr in getaddresses(
            [
                _header(msg, h)
                for h in ("Delivered-To", "X-Original-To", "Envelope-To", "To", "Cc")
                if msg.get(h)
            ]
        )
        if "@" in addr
    ]
    text, html, attachments = _bodies(msg)
    if not html and not text and not attachments:
        text = ""
    if html and not text.strip():
        text = html_to_text(html)
    parsed = ParsedEmail(
        sender=sender.strip().lower(),
        sender_name=name.strip()[:200],
        recipients=list(dict.fromkeys(recipients)),
        subject=" ".join(_header(msg, "Subject").split())[:300],
        message_id=message_id,
        in_reply_to=_MSGID.findall(_header(msg, "In-Reply-To")),
        references=_MSGID.findall(_header(msg, "References")),
        text=text.replace("\r\n", "\n").strip(),
        html=nh3.clean(html) if html else "",
        language=_language(msg),
        attachments=attachments,
    )
    parsed.is_ours = bool(msg.get("X-CivicDesk")) or (
        bool(own_domain) and message_id.lower().endswith("@" + own_domain.lower())
    )
    parsed.delivery_failures = _delivery_failures(msg)
    if parsed.delivery_failures:
        parsed.returned_message_ids = _returned_message_ids(msg)
    parsed.automatic = automatic_reason(msg, parsed)
    parsed.authentication = authentication_results(msg, authserv_id=authserv_id)
    return parsed


def _header(msg: Message, name: str) -> str:
    try:
        value = msg.get(name)
    except Exception:  # a header so broken the policy cannot even fold it
        return ""
    return str(value) if value is not None else ""


def _first_msgid(value: str) -> str:
    found = _MSGID.findall(value)
    return found[0] if found else value.strip().strip("<>")[:998]


def _language(msg: Message) -> str:
    value = (_header(msg, "Content-Language") or "").lower()
    return "es" if value.startswith("es") else "en"


def _decode_part(part: EmailMessage) -> str:
    try:
        content = part.get_content()
    except (LookupError, UnicodeError, AssertionError):
        # An unknown or lying charset: read what we can rather than lose the message.
        payload = part.get_payload(decode=True) or b""
        return payload.decode("utf-8", errors="replace") if isinstance(payload, bytes) else ""
    if isinstance(content, bytes):
        return content.decode("utf-8", errors="replace")
    return str(content)


def _bodies(msg: EmailMessage) -> tuple[str, str, list[Attachment]]:
    """The best text part, the best HTML part and the attachments."""
    text_part = msg.get_body(preferencelist=("plain",))
    html_part = msg.get_body(preferencelist=("html",))
    text = _decode_part(text_part) if isinstance(text_part, EmailMessage) else ""
    html = _decode_part(html_part) if isinstance(html_part, EmailMessage) else ""
    attachments: list[Attachment] = []
    if msg.get_content_type() == "multipart/report":
        return text, html, attachments  # the returned original is not an attachment
    for part in msg.iter_attachments():
        if not isinstance(part, EmailMessage) or part.is_multipart():
            continue
        data = part.get_payload(decode=True)
        if not isinstance(data, bytes):
            continue
        attachments.append(
            Attachment(
                filename=(part.get_filename() or "attachment")[:200],
                content_type=part.get_content_type(),
                data=data,
            )
        )
    return text, html, attachments


# --- Automatic mail (RFC 3834, RFC 2369/2919, RFC 3464) ---------------------------------

_AUTOMATIC_SENDERS = re.compile(
    r"^(mailer-daemon|postmaster|no-?reply|do-?not-?reply|bounces?)([+-].*)?@", re.IGNORECASE
)
_AUTO_REPLY_SUBJECT = re.compile(
    r"^(automatic reply|auto(matic)?[- ]?reply|auto-?response|out of (the )?office"
    r"|respuesta autom[aá]tica|fuera de la oficina|r[eé]ponse automatique"
    r"|absence du bureau)\b",
    re.IGNORECASE,
)


def automatic_reason(msg: Message, parsed: ParsedEmail) -> str:
    """Why this message is machine-sent (empty string for a person's message).

    Such messages never open a case nor get an automatic answer: answering them is
    how mail loops start.
    """
    if parsed.is_ours:
        return "our own message"
    if msg.get_content_type() == "multipart/report":
        return "delivery status notification"
    auto_submitted = _header(msg, "Auto-Submitted").strip().lower()
    if auto_submitted and auto_submitted.split(";")[0].strip() != "no":
        return f"Auto-Submitted: {auto_submitted}"
    precedence = _header(msg, "Precedence").strip().lower()
    if precedence in {"bulk", "junk", "list", "auto_reply"}:
        return f"Precedence: {precedence}"
    if msg.get("List-Id") or msg.get("List-Unsubscribe") or msg.get("List-Post"):
        return "mailing list"
    if any(msg.get(h) for h in ("X-Autoreply", "X-Autorespond", "X-Auto-Reply")):
        return "auto-reply header"
    if _AUTO_REPLY_SUBJECT.match(parsed.subject):
        # Many out-of-office replies carry no header at all: the subject says it.
        return "out-of-office reply"
    if _AUTOMATIC_SENDERS.match(parsed.sender) or not parsed.sender:
        return f"automatic sender {parsed.sender}"
    return ""


def _delivery_failures(msg: EmailMessage) -> list[DeliveryFailure]:
    """Failed recipients of an RFC 3464 delivery status notification."""
    if msg.get_content_type() != "multipart/report":
        return []
    if str(msg.get_param("report-type") or "").lower() != "delivery-status":
        return []
    failures: list[DeliveryFailure] = []
    for part in msg.walk():
        if part.get_content_type() != "message/delivery-status":
            continue
        # The body is a series of header blocks: one per message, then one per recipient.
        payload = part.get_payload()
        blocks: list[Message] = (
            [b for b in payload if isinstance(b, Message)] if isinstance(payload, list) else []
        )
        if not blocks:
            raw = part.get_payload(decode=False)
            text = raw if isinstance(raw, str) else ""
            blocks = [
                email.message_from_string(chunk, policy=email.policy.default)
                for chunk in re.split(r"\r?\n\r?\n", text)
                if chunk.strip()
            ]
        for block in blocks:
            action = str(block.get("Action", "")).strip().lower()
            recipient = str(block.get("Final-Recipient") or block.get("Original-Recipient") or "")
            if action != "failed" or not recipient:
                continue
            address = recipient.split(";", 1)[-1].strip().strip("<>").lower()
            if "@" in address:
                failures.append(
                    DeliveryFailure(address=address, status=str(block.get("Status", "")).strip())
                )
    return failures


def _returned_message_ids(msg: EmailMessage) -> list[str]:
    """Message-IDs of the original message a report returns (message/rfc822 or headers)."""
    found: list[str] = []
    for part in msg.walk():
        kind = part.get_content_type()
        if kind == "message/rfc822":
            payload = part.get_payload()
            inner = payload[0] if isinstance(payload, list) and payload else None
            if isinstance(inner, Message):
                found += _MSGID.findall(_header(inner, "Message-ID"))
        elif kind == "text/rfc822-headers":
            raw = part.get_payload(decode=True)
            text = raw.decode("utf-8", "replace") if isinstance(raw, bytes) else ""
            headers = email.message_from_string(text, policy=email.policy.default)
            found += _MSGID.findall(_header(headers, "Message-ID"))
    return found


# --- Replies ------------------------------------------------------------------------------


def tracking_number_in(subject: str) -> str | None:
    """The tracking number of a "[#7KQ3M-9XRT2]" tag in a subject, normalised."""
    match = TRACKING_IN_SUBJECT.search(subject)
    return normalise_tracking_number(match.group(1)) if match else None


_QUOTE_HEADERS = [
    re.compile(r"^-{2,}\s*(original message|mensaje original|forwarded message)\s*-{2,}\s*$", re.I),
    re.compile(r"^_{10,}\s*$"),  # Outlook's rule above "From: … Sent: …"
    re.compile(r"^(from|de):\s.+$", re.I),  # Outlook without a rule, checked with Sent: below
]
_ATTRIBUTION = re.compile(r"^(on\s.+|el\s.+)$", re.I | re.S)
_ATTRIBUTION_END = re.compile(r"(wrote|escribió)\s*:\s*$", re.I)


def strip_quoted(text: str) -> str:
    """Cut the quoted history from a reply: keep what the resident wrote this time.

    Handles "On … wrote:" (also wrapped over two lines, and the Spanish "El … escribió:"),
    "> " quoted lines, Outlook's "-----Original Message-----" and "From:/Sent:" blocks.
    """
    lines = text.replace("\r\n", "\n").split("\n")
    kept: list[str] = []
    for index, line in enumerate(lines):
        stripped = line.strip()
        if _ATTRIBUTION.match(stripped):
            joined = stripped
            if not _ATTRIBUTION_END.search(joined) and index + 1 < len(lines):
                joined = f"{stripped} {lines[index + 1].strip()}"
            if _ATTRIBUTION_END.search(joined):
                break
        if _QUOTE_HEADERS[0].match(stripped) or _QUOTE_HEADERS[1].match(stripped):
            break
        if _QUOTE_HEADERS[2].match(stripped):
            following = " ".join(s.strip().lower() for s in lines[index + 1 : index + 4])
            if re.search(r"\b(sent|date|enviado|fecha):", following):
                break
        if stripped.startswith(">"):
            continue
        kept.append(line)
    return "\n".join(kept).strip()


# --- HTML to text ---------------------------------------------------------------------------

_BLOCK_TAGS = {
    "p", "div", "br", "tr", "li", "h1", "h2", "h3", "h4", "h5", "h6", "table", "ul", "ol",
    "blockquote", "pre", "hr", "section", "article", "header", "footer",
}  # fmt: skip
_SKIP_TAGS = {"script", "style", "head", "title"}
_VOID_TAGS = {"br", "hr", "img", "meta", "link", "input", "col", "area", "base", "wbr"}


_QUOTE_CLASSES = {"gmail_quote", "yahoo_quoted"}
_QUOTE_IDS = {"appendonsend", "divRplyFwdMsg", "mail-editor-reference-message-container"}


def _is_quote(tag: str, attrs: dict[str, str | None]) -> bool:
    """Where Gmail, Yahoo, Apple Mail and Outlook put the quoted history."""
    classes = set((attrs.get("class") or "").split())
    return (
        bool(classes & _QUOTE_CLASSES)
        or (tag == "blockquote" and (attrs.get("type") or "").lower() == "cite")
        or (attrs.get("id") or "") in _QUOTE_IDS
    )


class _TextExtractor(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip_depth = 0
        self._quoted = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self._quoted:
            return
        if tag in _SKIP_TAGS:
            self._skip_depth += 1
        if tag not in _VOID_TAGS and _is_quote(tag, dict(attrs)):
            # Everything from a mail client's quote block on is history.
            self._quoted = True
            return
        if tag in _BLOCK_TAGS:
            self.parts.append("\n")
        if tag == "li":
            self.parts.append("- ")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP_TAGS and self._skip_depth:
            self._skip_depth -= 1
        if tag in _BLOCK_TAGS and not self._quoted:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self._skip_depth and not self._quoted:
            self.parts.append(data)


def html_to_text(html: str) -> str:
    """Readable plain text from an HTML body, for the timeline (the timeline is text)."""
    parser = _TextExtractor()
    parser.feed(html)
    parser.close()
    text = "".join(parser.parts).replace("\xa0", " ")
    lines = [" ".join(line.split()) for line in text.split("\n")]
    collapsed = re.sub(r"\n{3,}", "\n\n", "\n".join(lines))
    return collapsed.strip()
