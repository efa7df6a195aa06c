"""The audit trail of staff actions, for an auditor: who did what, when, from where."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditKind(models.TextChoices):
    SIGN_IN = "sign_in", _("Signed in")
    SIGN_IN_FAILED = "sign_in_failed", _("Sign-in failed")
    SIGN_OUT = "sign_out", _("Signed out")
    SECOND_FACTOR = "second_factor", _("Second factor proved")
    SECOND_FACTOR_FAILED = "second_factor_failed", _("Second factor failed")
    ROLE_CHANGE = "role_change", _("Roles changed")
    PERMISSION_CHANGE = "permission_change", _("Permissions changed")
    EXPORT = "export", _("Data exported")
    ERASURE = "erasure", _("Personal data erased")
    CASE_VIEW = "case_view", _("Case of a sensitive service viewed")


class AuditEvent(models.Model):
    """One staff action. Written only through audit.services.audit_record; never edited.

    ``actor_username`` and ``ip_address`` stay when the account is deleted, so the
    trail still says who it was. ``resident_id`` names the resident the action was
    about (a case view, an erasure), for their data copy (audit/privacy.py).
    """

    at = models.DateTimeField()
    kind = models.CharField(max_length=32, choices=AuditKind.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # What was typed as a username on a failed sign-in is kept short and never a password.
    actor_username = models.CharField(max_length=150, blank=True)
    ip_address = models.GenericIPAddressField(null=True, blank=True)
    target = models.CharField(max_length=200, blank=True)
    detail = models.JSONField(default=dict, blank=True)
    resident_id = models.PositiveBigIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [
            models.Index(fields=["at", "id"], name="audit_at"),
            models.Index(fields=["kind", "at"], name="audit_kind_at"),
            models.Index(fields=["actor", "at"], name="audit_actor_at"),
            models.Index(fields=["resident_id"], name="audit_resident"),
        ]
        permissions = [("export_auditevent", "Can export the audit trail")]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.kind} {self.actor_username}"
