"""What the channels remember beyond the case itself.

The case and its timeline live in `cases`; these models keep the channel-side
facts needed to thread replies (email Message-IDs, SMS and social message ids),
to route mail (mailboxes), and to hold what must not reach a case unreviewed.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _


class Direction(models.TextChoices):
    INBOUND = "in", _("Received")
    OUTBOUND = "out", _("Sent")


class Mailbox(models.Model):
    """An address residents write to, and where its mail goes.

    A message to `potholes@city.gov` can open a pothole case directly; an address
    with no service opens a case of the jurisdiction's general-enquiry service.
    """

    address = models.EmailField(unique=True, help_text=_("Stored lower-case."))
    jurisdiction = models.ForeignKey(
        "organisations.Jurisdiction", on_delete=models.CASCADE, related_name="mailboxes"
    )
    service = models.ForeignKey(
        "catalogue.Service",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="mailboxes",
        help_text=_("Leave empty for the jurisdiction's general-enquiry service."),
    )
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering = ["address"]
        verbose_name_plural = "mailboxes"

    def __str__(self) -> str:
        return self.address

    def save(self, *args: object, **kwargs: object) -> None:
        self.address = self.address.strip().lower()
        super().save(*args, **kwargs)  # type: ignore[arg-type]


class EmailMessageRecord(models.Model):
    """One email in or out of a case, by Message-ID, so replies find their case."""

    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="email_records")
    message_id = models.CharField(max_length=998, help_text=_("Without angle brackets."))
    direction = models.CharField(max_length=3, choices=Direction.choices)
    address = models.EmailField(blank=True, help_text=_("The resident's address."))
    subject = models.CharField(max_length=300, blank=True)
    authentication = models.JSONField(
        default=dict,
        blank=True,
        help_text=_("SPF, DKIM and DMARC results our mail server recorded (inbound only)."),
    )
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [
            models.Index(fields=["message_id"], name="email_record_msgid_idx"),
            models.Index(fields=["case", "created_at"], name="email_record_case_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.get_direction_display()} {self.message_id}"


class HeldReason(models.TextChoices):
    SENDER_MISMATCH = "sender_mismatch", _("Sender is not the case's resident")
    RATE_LIMITED = "rate_limited", _("Too many new requests from this sender")
    CANNOT_OPEN_CASE = "cannot_open_case", _("No case could be opened automatically")
    AUTHENTICATION_FAILED = "auth_failed", _("The sender's address failed SPF, DKIM or DMARC")


class HeldStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for review")
    RELEASED = "released", _("Added to the case")
    DISCARDED = "discarded", _("Discarded")


class HeldMessage(models.Model):
    """A message kept aside for staff: the sender's address alone never reaches a case."""

    channel = models.CharField(max_length=10, default="email")
    reason = models.CharField(max_length=20, choices=HeldReason.choices)
    status = models.CharField(max_length=10, choices=HeldStatus.choices, default=HeldStatus.PENDING)
    case = models.ForeignKey(
        "cases.Case",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="held_messages",
        help_text=_("The case the message claims to be about, if any."),
    )
    sender = models.CharField(max_length=320)
    sender_name = models.CharField(max_length=200, blank=True)
    subject = models.CharField(max_length=300, blank=True)
    body = models.TextField(blank=True, help_text=_("Plain text, quoted history removed."))
    body_html = models.TextField(blank=True, help_text=_("Sanitised HTML part, if any."))
    message_id = models.CharField(max_length=998, blank=True)
    detail = models.TextField(blank=True)
    received_at = models.DateTimeField()
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-received_at", "-id"]
        indexes = [
            models.Index(fields=["status", "-received_at"], name="held_status_idx"),
            models.Index(Lower("sender"), "received_at", name="held_sender_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.sender}: {self.subject}"


class SmsMessageRecord(models.Model):
    """One text message in or out, by provider id; Twilio retries, so ids make it idempotent."""

    case = models.ForeignKey(
        "cases.Case", null=True, blank=True, on_delete=models.CASCADE, related_name="sms_records"
    )
    provider_id = models.CharField(max_length=64, blank=True)
    direction = models.CharField(max_length=3, choices=Direction.choices)
    phone = models.CharField(max_length=40)
    body = models.TextField(blank=True)
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["direction", "provider_id"],
                condition=~models.Q(provider_id=""),
                name="sms_provider_id_unique",
            ),
        ]
        indexes = [models.Index(fields=["phone", "-created_at"], name="sms_phone_idx")]

    def __str__(self) -> str:
        return f"{self.get_direction_display()} {self.phone}"


class WhatsAppMessageRecord(models.Model):
    """One WhatsApp message in or out, by Twilio message SID (retries are idempotent).

    Inbound rows also say when the resident last wrote: WhatsApp lets a business
    answer freely for 24 hours after that, and only with an approved template later.
    """

    case = models.ForeignKey(
        "cases.Case",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="whatsapp_records",
    )
    provider_id = models.CharField(max_length=64, blank=True)
    direction = models.CharField(max_length=3, choices=Direction.choices)
    phone = models.CharField(max_length=40, help_text=_("E.164, without the whatsapp: prefix."))
    body = models.TextField(blank=True)
    template_sid = models.CharField(
        max_length=64, blank=True, help_text=_("The approved template used, outside the window.")
    )
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["direction", "provider_id"],
                condition=~models.Q(provider_id=""),
                name="whatsapp_provider_id_unique",
            ),
        ]
        indexes = [
            models.Index(fields=["phone", "direction", "-created_at"], name="whatsapp_phone_idx")
        ]

    def __str__(self) -> str:
        return f"{self.get_direction_display()} {self.phone}"


class SocialVisibility(models.TextChoices):
    PUBLIC = "public", _("Public post")
    PRIVATE = "private", _("Direct message")


class SocialThread(models.Model):
    """Who on which platform a social-media case is with, and where it started."""

    case = models.OneToOneField("cases.Case", on_delete=models.CASCADE, related_name="social")
    platform = models.CharField(max_length=40)
    handle = models.CharField(max_length=200, help_text=_("The public handle, without '@'."))
    origin = models.CharField(max_length=10, choices=SocialVisibility.choices)
    post_url = models.URLField(max_length=500, blank=True)
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["platform", "handle"], name="social_handle_idx")]

    def __str__(self) -> str:
        return f"{self.platform}:@{self.handle}"


class SocialMessageRecord(models.Model):
    """One social message in or out; the tool's event id makes webhook retries harmless."""

    thread = models.ForeignKey(SocialThread, on_delete=models.CASCADE, related_name="messages")
    external_id = models.CharField(max_length=200, blank=True)
    direction = models.CharField(max_length=3, choices=Direction.choices)
    visibility = models.CharField(max_length=10, choices=SocialVisibility.choices)
    body = models.TextField()
    url = models.URLField(max_length=500, blank=True)
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["direction", "external_id"],
                condition=~models.Q(external_id=""),
                name="social_external_id_unique",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.thread} {self.direction} {self.visibility}"


class ChatSession(models.Model):
    """One live-chat conversation; its messages live on the case's timeline.

    The token is the resident's only credential for the conversation (a bearer
    secret held by their browser tab), so it is long and random.
    """

    token = models.CharField(max_length=64, unique=True)
    case = models.ForeignKey(
        "cases.Case", null=True, blank=True, on_delete=models.CASCADE, related_name="chats"
    )
    name = models.CharField(max_length=200, blank=True)
    email = models.EmailField(blank=True)
    language = models.CharField(max_length=8, default="en")
    created_at = models.DateTimeField()
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"Chat {self.pk} ({self.case or 'no case yet'})"


class StaffPresence(models.Model):
    """One open staff chat panel (one WebSocket), kept fresh by the panel's heartbeat.

    Residents are offered a chat only while a fresh row exists for someone who may
    see the chat's cases; a row whose process died simply goes stale.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="chat_presences"
    )
    channel_name = models.CharField(max_length=200, unique=True)
    last_seen = models.DateTimeField()

    class Meta:
        ordering = ["-last_seen", "-id"]
        indexes = [models.Index(fields=["last_seen"], name="chat_presence_seen_idx")]

    def __str__(self) -> str:
        return f"{self.user} ({self.last_seen:%H:%M:%S})"
