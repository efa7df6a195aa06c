"""Open311 client applications (API keys) and what an Open311 client told us about a request.

Keys are stored as SHA-256 hashes: the raw key is shown once, when it is made.
"""

from __future__ import annotations

import hashlib

from django.db import models
from django.utils.translation import gettext_lazy as _

KEY_PREFIX_LENGTH = 8


def hash_key(raw: str) -> str:
    """SHA-256 is enough here: keys are long random strings, not passwords."""
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()


class ApiKey(models.Model):
    """One client application (a mobile app, FixMyStreet, SeeClickFix...)."""

    name = models.CharField(max_length=200, help_text=_("The client application, e.g. 'iOS app'."))
    contact_email = models.EmailField(blank=True)
    jurisdiction = models.ForeignKey(
        "organisations.Jurisdiction",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="open311_keys",
        help_text=_("Limit the key to one jurisdiction; empty for all."),
    )
    key_prefix = models.CharField(max_length=KEY_PREFIX_LENGTH, editable=False)
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    is_active = models.BooleanField(default=True)
    requests_per_hour = models.PositiveIntegerField(
        default=600, help_text=_("Rate limit for this key, across all Open311 endpoints.")
    )
    queue_requests = models.BooleanField(
        default=False,
        help_text=_(
            "Answer this client's POSTs with a token at once and file the cases in the "
            "background (GeoReport v2 deferred ids). For clients that send bursts and read "
            "tokens; the promised dates still count from when each request arrived."
        ),
    )
    may_read_updates = models.BooleanField(
        default=False,
        help_text=_(
            "Scope: may read servicerequestupdates (the public, published updates of every "
            "request). Without it the endpoint answers 403."
        ),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["name", "id"]
        verbose_name = "Open311 API key"

    def __str__(self) -> str:
        return f"{self.name} ({self.key_prefix}…)"


class RequestMetadata(models.Model):
    """What an Open311 POST carried that a case has no field for.

    media_url is kept as given and never fetched (that would let any client make
    us download anything); the token backs the batch (deferred id) flow.
    """

    case = models.OneToOneField(
        "cases.Case", on_delete=models.CASCADE, related_name="open311_metadata"
    )
    api_key = models.ForeignKey(
        ApiKey, null=True, blank=True, on_delete=models.SET_NULL, related_name="requests"
    )
    token = models.CharField(max_length=40, unique=True, null=True, blank=True)
    device_id = models.CharField(max_length=200, blank=True)
    account_id = models.CharField(max_length=200, blank=True)
    address_id = models.CharField(max_length=200, blank=True)
    media_url = models.URLField(max_length=1000, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = "Open311 request metadata"
        verbose_name_plural = "Open311 request metadata"

    def __str__(self) -> str:
        return f"Open311 metadata for case {self.case_id}"


class QueuedRequest(models.Model):
    """An Open311 POST accepted and answered with a token, not yet filed as a case.

    `fields` holds the request as checked on arrival (open311.intake); filing turns
    it into a case and deletes the row, so the table holds only the backlog and the
    requests that could not be filed (with `error`), whatever the city's size.
    """

    token = models.CharField(max_length=40, unique=True)
    api_key = models.ForeignKey(
        ApiKey, null=True, blank=True, on_delete=models.SET_NULL, related_name="queued_requests"
    )
    service = models.ForeignKey(
        "catalogue.Service", on_delete=models.CASCADE, related_name="queued_requests"
    )
    fields = models.JSONField()
    received_at = models.DateTimeField()
    error = models.TextField(blank=True)

    class Meta:
        ordering = ["id"]
        indexes = [
            models.Index(
                fields=["id"], condition=models.Q(error=""), name="open311_queued_pending_idx"
            )
        ]

    def __str__(self) -> str:
        return f"Queued Open311 request {self.token[:8]}…"
