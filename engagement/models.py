"""Residents as partners: following a case, "me too", and "still not fixed".

Followers are residents (residents.Resident, found or created from the contact
they give): the case outbox owes messages to a resident, so a follower is told
of a case's public events the way its reporter is, by their channel and
language. Writes go through engagement/services.py; reads through selectors.py.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class FollowChannel(models.TextChoices):
    EMAIL = "email", _("Email")
    SMS = "sms", _("Text message (SMS)")


class Follow(models.Model):
    """Someone who follows a case they may not have filed (verified before any update)."""

    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="follows")
    resident = models.ForeignKey(
        "residents.Resident", on_delete=models.CASCADE, related_name="follows"
    )
    channel = models.CharField(max_length=10, choices=FollowChannel.choices)
    language = models.CharField(max_length=8, default="en")
    # The secret of the follower's links (confirm, unsubscribe, "still not fixed").
    token = models.CharField(max_length=43, unique=True)
    # A text message carries a six-digit code instead of a link; its hash only.
    code_hash = models.CharField(max_length=64, blank=True)
    code_attempts = models.PositiveSmallIntegerField(default=0)
    created_at = models.DateTimeField()
    verified_at = models.DateTimeField(null=True, blank=True)
    unsubscribed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["case", "resident"], name="follow_case_resident_unique")
        ]
        indexes = [
            # The outbox hook: verified, still subscribed followers of one case.
            models.Index(
                fields=["case"],
                condition=models.Q(verified_at__isnull=False, unsubscribed_at__isnull=True),
                name="follow_active_case_idx",
            ),
            models.Index(fields=["resident"], name="follow_resident_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.case_id} follower {self.resident_id}"

    @property
    def is_active(self) -> bool:
        return self.verified_at is not None and self.unsubscribed_at is None


class MeToo(models.Model):
    """One affected person saying "me too" on a case; counted once per person.

    `key` is a one-way hash of who it was (a resident, or an anonymous browser
    session): it lets a second click be refused without storing who clicked.
    """

    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="me_toos")
    key = models.CharField(max_length=64)
    resident = models.ForeignKey(
        "residents.Resident",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="me_toos",
    )
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [models.UniqueConstraint(fields=["case", "key"], name="me_too_once")]

    def __str__(self) -> str:
        return f"{self.case_id} me too"


class CaseInterest(models.Model):
    """How many people are affected by (said "me too" on) and follow a case.

    A summary kept by the services in the same transaction as each write, so the
    map, the staff case view and the insights read one row, not a count.
    """

    case = models.OneToOneField(
        "cases.Case", on_delete=models.CASCADE, primary_key=True, related_name="interest"
    )
    me_too_count = models.PositiveIntegerField(default=0)
    follower_count = models.PositiveIntegerField(default=0)
    not_fixed_count = models.PositiveIntegerField(default=0)
    priority_raised = models.BooleanField(default=False)
    updated_at = models.DateTimeField()

    class Meta:
        ordering = ["-me_too_count", "case"]
        indexes = [models.Index(fields=["-me_too_count"], name="interest_me_too_idx")]

    def __str__(self) -> str:
        return f"{self.case_id}: {self.me_too_count} affected"


class NotFixedReport(models.Model):
    """The reporter or a follower saying a resolved case is "still not fixed"."""

    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="not_fixed")
    # When the original was closed too long ago, the linked new case opened for it.
    new_case = models.ForeignKey(
        "cases.Case",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="not_fixed_of",
    )
    resident = models.ForeignKey(
        "residents.Resident",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="not_fixed_reports",
    )
    body = models.TextField(blank=True)
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["case", "created_at"], name="not_fixed_case_idx")]

    def __str__(self) -> str:
        return f"{self.case_id} not fixed {self.created_at:%Y-%m-%d}"
