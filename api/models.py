"""Personal API tokens for staff: the REST API acts as the person, with their role and departments.

Tokens are stored as SHA-256 hashes; the raw token is shown once, when it is made.
"""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

TOKEN_PREFIX_LENGTH = 10


def hash_token(raw: str) -> str:
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()


class ApiToken(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(max_length=100, help_text=_("What it is for, e.g. 'GIS sync'."))
    token_prefix = models.CharField(max_length=TOKEN_PREFIX_LENGTH, editable=False)
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    last_used_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["user", "name", "id"]
        verbose_name = "personal API token"

    def __str__(self) -> str:
        return f"{self.user}: {self.name} ({self.token_prefix}…)"
