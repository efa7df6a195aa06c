"""Residents' data requests, legal holds and retention rules."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class RequestKind(models.TextChoices):
    EXPORT = "export", _("Copy of their data")
    ERASURE = "erasure", _("Erasure")


class RequestVia(models.TextChoices):
    ACCOUNT = "account", _("Their own account")
    PHONE = "phone", _("Phone")
    LETTER = "letter", _("Letter")
    EMAIL = "email", _("Email")
    IN_PERSON = "in_person", _("In person")


class RequestStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for an identity check")
    DONE = "done", _("Done")
    REFUSED = "refused", _("Refused")


class DataRequest(models.Model):
    """A resident's request for a copy of their data or its erasure, and what was done."""

    resident = models.ForeignKey(
        "residents.Resident", on_delete=models.PROTECT, related_name="data_requests"
    )
    kind = models.CharField(max_length=10, choices=RequestKind.choices)
    via = models.CharField(max_length=10, choices=RequestVia.choices)
    status = models.CharField(
        max_length=10, choices=RequestStatus.choices, default=RequestStatus.PENDING
    )
    identity_check = models.CharField(
        max_length=300,
        blank=True,
        help_text=_("How staff confirmed who asked (e.g. 'called back on the number on file')."),
    )
    outcome = models.CharField(max_length=500, blank=True)
    requested_at = models.DateTimeField()
    completed_at = models.DateTimeField(null=True, blank=True)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-requested_at", "-id"]
        indexes = [models.Index(fields=["status", "requested_at"], name="data_request_status_idx")]
        permissions = [("handle_datarequest", "Can handle residents' data requests")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} #{self.pk}"


class LegalHold(models.Model):
    """Stops erasure and retention for a case or for everything of a resident."""

    case = models.ForeignKey(
        "cases.Case", null=True, blank=True, on_delete=models.CASCADE, related_name="legal_holds"
    )
    resident = models.ForeignKey(
        "residents.Resident",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="legal_holds",
    )
    reason = models.CharField(max_length=300)
    placed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    placed_at = models.DateTimeField()
    lifted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    lifted_at = models.DateTimeField(null=True, blank=True)
    lift_reason = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["-placed_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(case__isnull=False) & Q(resident__isnull=True))
                | (Q(case__isnull=True) & Q(resident__isnull=False)),
                name="legal_hold_on_a_case_or_a_resident",
            )
        ]
        indexes = [
            models.Index(
                fields=["case"], condition=Q(lifted_at__isnull=True), name="hold_case_idx"
            ),
            models.Index(
                fields=["resident"], condition=Q(lifted_at__isnull=True), name="hold_resident_idx"
            ),
        ]
        permissions = [("place_legalhold", "Can place and lift legal holds")]

    def __str__(self) -> str:
        return self.reason


class RetentionRule(models.Model):
    """How long a service's closed cases keep personal data; then they are anonymised."""

    service = models.OneToOneField(
        "catalogue.Service", on_delete=models.CASCADE, related_name="retention_rule"
    )
    keep_personal_data_days = models.PositiveIntegerField(
        help_text=_("Days after a case is closed before its personal data is removed.")
    )

    class Meta:
        ordering = ["service"]

    def __str__(self) -> str:
        return f"{self.service}: {self.keep_personal_data_days} days"


class AnonymisedCase(models.Model):
    """A case whose personal data was removed, and why; retention skips it afterwards."""

    case = models.OneToOneField("cases.Case", on_delete=models.CASCADE, related_name="+")
    at = models.DateTimeField()
    reason = models.CharField(max_length=200)

    class Meta:
        ordering = ["-at"]

    def __str__(self) -> str:
        return f"{self.case_id}: {self.reason}"
