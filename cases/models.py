"""Cases (service requests), their promised steps and their append-only timeline.

State changes go through cases/services.py only; this module holds the shape.
"""

from __future__ import annotations

from typing import Any, NoReturn

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from catalogue.models import Priority


class Channel(models.TextChoices):
    WEB = "web", _("Web")
    EMAIL = "email", _("Email")
    PHONE = "phone", _("Phone")
    WALK_IN = "walk_in", _("Walk-in")
    SMS = "sms", _("SMS")
    WHATSAPP = "whatsapp", _("WhatsApp")
    SOCIAL = "social", _("Social media")
    CHAT = "chat", _("Live chat")
    KIOSK = "kiosk", _("Kiosk")
    API = "api", _("API / mobile app")
    BRE = "bre", _("Business retention (BRE)")


class Status(models.TextChoices):
    NEW = "new", _("New")
    ACKNOWLEDGED = "acknowledged", _("Acknowledged")
    IN_PROGRESS = "in_progress", _("In progress")
    WAITING_ON_RESIDENT = "waiting_on_resident", _("Waiting on resident")
    RESOLVED = "resolved", _("Resolved")
    CLOSED = "closed", _("Closed")
    DECLINED = "declined", _("Declined")


OPEN_STATUSES = frozenset(
    {Status.NEW, Status.ACKNOWLEDGED, Status.IN_PROGRESS, Status.WAITING_ON_RESIDENT}
)
# The same, in a fixed order. Queries that want the partial "open" indexes below filter
# with exactly this list: SQLite uses a partial index only when the query repeats the
# index's condition term for term (a frozenset's order changes between processes).
OPEN_STATUS_LIST = sorted(str(s) for s in OPEN_STATUSES)
_OPEN = models.Q(status__in=OPEN_STATUS_LIST)


class Case(models.Model):
    tracking_number = models.CharField(max_length=12, unique=True, editable=False)
    jurisdiction = models.ForeignKey(
        "organisations.Jurisdiction", on_delete=models.PROTECT, related_name="cases"
    )
    service = models.ForeignKey("catalogue.Service", on_delete=models.PROTECT, related_name="cases")
    description = models.TextField(blank=True)
    answers = models.JSONField(default=dict, blank=True)
    address = models.CharField(max_length=300, blank=True)
    zipcode = models.CharField(max_length=12, blank=True)
    lat = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    long = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    channel = models.CharField(max_length=10, choices=Channel.choices)
    resident = models.ForeignKey(
        "residents.Resident", null=True, blank=True, on_delete=models.SET_NULL, related_name="cases"
    )
    status = models.CharField(max_length=24, choices=Status.choices, default=Status.NEW)
    priority = models.CharField(max_length=10, choices=Priority.choices, default=Priority.NORMAL)
    department = models.ForeignKey(
        "organisations.Department", on_delete=models.PROTECT, related_name="cases"
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="owned_cases",
    )
    escalated = models.BooleanField(default=False)
    merged_into = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="duplicates"
    )
    created_at = models.DateTimeField(db_index=True)
    updated_at = models.DateTimeField()
    first_response_due = models.DateTimeField()
    resolution_due = models.DateTimeField()
    first_responded_at = models.DateTimeField(null=True, blank=True)
    resolved_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    reopen_count = models.PositiveSmallIntegerField(default=0)
    # The latest note staff wrote for publication (a PUBLISHED status change), kept on
    # the case so public lists (Open311) show it without reading the timeline.
    # Redaction scrubs it with the timeline (cases/redaction.py).
    public_note = models.TextField(blank=True, default="")

    class Meta:
        ordering = ["-created_at", "-id"]
        permissions = [
            ("reassign_case", "Can assign cases to other staff"),
            ("escalate_case", "Can escalate cases"),
            ("merge_case", "Can merge duplicate cases"),
            ("view_all_departments", "Can see cases of every department"),
        ]
        indexes = [
            models.Index(
                fields=["department", "status", "-created_at"], name="case_dept_status_idx"
            ),
            models.Index(fields=["owner", "status"], name="case_owner_status_idx"),
            models.Index(fields=["service", "-created_at"], name="case_service_created_idx"),
            models.Index(fields=["resident", "-created_at"], name="case_resident_idx"),
            models.Index(fields=["status", "resolution_due"], name="case_status_due_idx"),
            models.Index(
                fields=["jurisdiction", "-updated_at"], name="case_jurisdiction_updated_idx"
            ),
            # The staff queue at scale (docs/performance.md). Open cases are a small,
            # hot share of the table, so the queue's orders and preset filters read
            # from partial indexes over open cases only; each page is one range scan.
            models.Index(
                fields=["-created_at", "-id"], condition=_OPEN, name="case_open_created_idx"
            ),
            models.Index(
                fields=["department", "-created_at", "-id"],
                condition=_OPEN,
                name="case_open_dept_created_idx",
            ),
            models.Index(
                fields=["resolution_due", "id"], condition=_OPEN, name="case_open_due_idx"
            ),
            models.Index(
                fields=["owner", "-created_at", "-id"], condition=_OPEN, name="case_open_owner_idx"
            ),
            models.Index(
                fields=["-created_at", "-id"],
                condition=_OPEN & models.Q(owner__isnull=True),
                name="case_open_unowned_idx",
            ),
            # The "unassigned" count and view for staff of some departments (not a
            # BitmapAnd of the two above: 80 ms at 10M cases).
            models.Index(
                fields=["department", "-created_at", "-id"],
                condition=_OPEN & models.Q(owner__isnull=True),
                name="case_open_unowned_dept_idx",
            ),
            # bre: the 311 cases at and around a business (a bounding box on lat).
            models.Index(fields=["lat", "long"], name="case_lat_long_idx"),
            # insights: cases resolved since the last refresh.
            models.Index(
                fields=["resolved_at"],
                condition=models.Q(resolved_at__isnull=False),
                name="case_resolved_at_idx",
            ),
        ]

    def __str__(self) -> str:
        return self.tracking_number

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    @property
    def awaits_payment(self) -> bool:
        """Filed for a service with a fee and not paid yet (docs/decisions/0016): it waits on
        the resident, and nobody has answered it (a case staff moved to "waiting on
        resident" has its first response)."""
        return self.status == Status.WAITING_ON_RESIDENT and self.first_responded_at is None


class CaseStep(models.Model):
    """One documented step of the case's service standard, with its promised date."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="steps")
    order = models.PositiveSmallIntegerField()
    name = models.CharField(max_length=200)
    due_at = models.DateTimeField()
    completed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["case", "order"]
        constraints = [
            models.UniqueConstraint(fields=["case", "order"], name="case_step_order_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.case}: {self.name}"


class EventKind(models.TextChoices):
    CREATED = "created", _("Created")
    STATUS_CHANGED = "status_changed", _("Status changed")
    ASSIGNED = "assigned", _("Assigned")
    TRANSFERRED = "transferred", _("Transferred")
    PUBLIC_REPLY = "public_reply", _("Reply to resident")
    RESIDENT_MESSAGE = "resident_message", _("Message from resident")
    INTERNAL_NOTE = "internal_note", _("Internal note")
    MERGED = "merged", _("Merged")
    REOPENED = "reopened", _("Reopened")
    ESCALATED = "escalated", _("Escalated")
    STEP_COMPLETED = "step_completed", _("Step completed")
    DELIVERY = "delivery", _("Message to resident")
    REDACTED = "redacted", _("Personal data removed")
    LEGAL_HOLD = "legal_hold", _("Legal hold")
    PAYMENT = "payment", _("Payment")
    SURVEY_ANSWERED = "survey_answered", _("Satisfaction survey answered")


# The key in CaseEvent.data that marks a note staff wrote for publication (Open311 reads).
PUBLISHED = "published"


class AppendOnlyError(RuntimeError):
    pass


class CaseEventQuerySet(models.QuerySet["CaseEvent"]):
    def update(self, **kwargs: Any) -> NoReturn:
        raise AppendOnlyError("The case timeline is append-only")

    def delete(self) -> NoReturn:
        raise AppendOnlyError("The case timeline is append-only")


class CaseEvent(models.Model):
    """One entry of a case's timeline, which is also its audit trail.

    Append-only: the ORM refuses updates and deletes, and a database trigger
    refuses UPDATE statements from anywhere else. The one exception is
    redaction (``cases/redaction.py``): personal data may be blanked once, the
    row stamped ``redacted_at``, and the trigger allows nothing else.
    """

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=20, choices=EventKind.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    actor_label = models.CharField(
        max_length=200, blank=True, help_text=_("Who acted, kept even if the user is removed.")
    )
    is_public = models.BooleanField(default=False, help_text=_("Shown to the resident."))
    body = models.TextField(blank=True)
    data = models.JSONField(default=dict, blank=True, help_text=_("Before/after values."))
    created_at = models.DateTimeField()
    redacted_at = models.DateTimeField(
        null=True, blank=True, help_text=_("When personal data was removed from this entry.")
    )

    objects = CaseEventQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [
            models.Index(fields=["case", "created_at"], name="case_event_case_created_idx"),
            # Open311 request updates: public events across all cases, newest window first.
            models.Index(fields=["is_public", "created_at"], name="case_event_public_created_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.case_id} {self.kind} {self.created_at:%Y-%m-%d %H:%M}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None and not kwargs.get("force_insert"):
            raise AppendOnlyError("The case timeline is append-only")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> NoReturn:
        raise AppendOnlyError("The case timeline is append-only")


def attachment_path(instance: CaseAttachment, filename: str) -> str:
    # Never the uploader's file name: it may carry personal data, and it is user input.
    case = instance.case
    return f"cases/{case.created_at:%Y/%m}/{case.tracking_number}/{instance.token}.jpg"


class CaseAttachment(models.Model):
    """A photo or file on a case. Photos are stored re-encoded with EXIF/GPS removed."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="attachments")
    token = models.CharField(max_length=32, unique=True)
    file = models.FileField(upload_to=attachment_path, max_length=300)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    width = models.PositiveIntegerField(null=True, blank=True)
    height = models.PositiveIntegerField(null=True, blank=True)
    is_public = models.BooleanField(
        default=True, help_text=_("Shown to the resident and on Open311.")
    )
    uploaded_at = models.DateTimeField()

    class Meta:
        ordering = ["uploaded_at", "id"]

    def __str__(self) -> str:
        return f"{self.case}: {self.token}"


class OutboxStatus(models.TextChoices):
    PENDING = "pending", _("Waiting to be sent")
    SENDING = "sending", _("Being sent")
    SENT = "sent", _("Sent")
    BOUNCED = "bounced", _("Bounced")
    FAILED = "failed", _("Failed")
    SKIPPED = "skipped", _("Not sent: no channel")


class OutboxMessage(models.Model):
    """A message owed to a resident because of a public timeline event.

    Written by cases/outbox.py in the same transaction as the event; claimed,
    sent and marked by the worker in notifications/outbox.py. Rows of one
    resident that are due together go out as one message.
    """

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="outbox")
    event = models.ForeignKey(
        CaseEvent, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    resident = models.ForeignKey(
        "residents.Resident", on_delete=models.CASCADE, related_name="outbox"
    )
    kind = models.CharField(max_length=20)
    subject = models.CharField(
        max_length=300, blank=True, help_text=_("A message not about an event: its subject.")
    )
    body = models.TextField(
        blank=True,
        help_text=_(
            "A message not about an event: its text (emptied once sent: it may hold a link)."
        ),
    )
    status = models.CharField(
        max_length=10, choices=OutboxStatus.choices, default=OutboxStatus.PENDING
    )
    created_at = models.DateTimeField()
    not_before = models.DateTimeField(help_text=_("Coalescing window and retry backoff."))
    attempts = models.PositiveSmallIntegerField(default=0)
    claim = models.CharField(max_length=32, blank=True)
    claimed_at = models.DateTimeField(null=True, blank=True)
    channel = models.CharField(max_length=10, blank=True)
    message_id = models.CharField(
        max_length=300, blank=True, help_text=_("Our Message-ID, fixed before the first try.")
    )
    provider_id = models.CharField(max_length=300, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    error = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [
            models.Index(fields=["status", "not_before"], name="outbox_due_idx"),
            models.Index(fields=["resident", "status"], name="outbox_resident_idx"),
            models.Index(fields=["case", "created_at"], name="outbox_case_idx"),
            models.Index(fields=["message_id"], name="outbox_message_id_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.case_id} {self.kind} {self.status}"
