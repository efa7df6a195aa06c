"""Small building blocks shared by every domain app."""

from django.db import models


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True


class IdempotentRequest(models.Model):
    """A POST that made something, remembered by its Idempotency-Key (core/idempotency.py).

    `result` is what the door needs to answer a repeat the same way (a tracking number,
    a token), never the request or response body: no personal data is kept here.
    """

    scope = models.CharField(max_length=80, help_text="Whose keys: an API key or a token owner.")
    key = models.CharField(max_length=200)
    fingerprint = models.CharField(max_length=64, help_text="SHA-256 of what was posted.")
    result = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField()
    expires_at = models.DateTimeField(db_index=True)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["scope", "key"], name="idempotent_request_unique")
        ]

    def __str__(self) -> str:
        return f"{self.scope} {self.key[:20]}"
