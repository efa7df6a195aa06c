"""Notices to staff (in-app), and the marks that make the "due soon" scan idempotent."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class NoticeKind(models.TextChoices):
    ASSIGNED = "assigned", _("Assigned to you")
    DUE_SOON = "due_soon", _("Due soon")
    ESCALATED = "escalated", _("Escalated to you")


class StaffNotice(models.Model):
    """One line in a staff member's notification list; unread until they open or dismiss it."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notices"
    )
    case = models.ForeignKey(
        "cases.Case", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    kind = models.CharField(max_length=20, choices=NoticeKind.choices)
    body = models.CharField(max_length=500)
    created_at = models.DateTimeField()
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["user", "read_at"], name="notice_user_unread_idx"),
            models.Index(fields=["user", "-created_at"], name="notice_user_created_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.user}: {self.body}"


class DueSoonMark(models.Model):
    """A case's resolution promise that the due-soon scan has seen.

    One row per (case, promised date): a reopened case with a new date gets a new
    mark. The scan claims a mark with ``filter(pk=…, noticed_at=None).update(...)``
    and only the claimant sends, so overlapping runs never notify twice.
    """

    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="+")
    due_at = models.DateTimeField()
    noticed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["due_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["case", "due_at"], name="due_soon_mark_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.case_id} due {self.due_at:%Y-%m-%d %H:%M}"
