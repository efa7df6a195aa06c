"""Writes for the REST API's own data: personal tokens. Case writes go through cases.services."""

from __future__ import annotations

import datetime as dt
import secrets
from typing import Any

from django.utils import timezone

from accounts.models import User
from api.models import TOKEN_PREFIX_LENGTH, ApiToken, hash_token

RAW_PREFIX = "cdk_"


def new_raw_token() -> str:
    return RAW_PREFIX + secrets.token_urlsafe(32)


def api_token_set_secret(token: ApiToken, raw: str) -> None:
    token.token_prefix = raw[:TOKEN_PREFIX_LENGTH]
    token.token_hash = hash_token(raw)


def api_token_create(
    *, user: User, name: str, expires_at: dt.datetime | None = None
) -> tuple[ApiToken, str]:
    """A token acting as `user`; returns it with the raw token, which is never stored."""
    raw = new_raw_token()
    token = ApiToken(user=user, name=name.strip()[:100] or "API token", expires_at=expires_at)
    api_token_set_secret(token, raw)
    token.save()
    return token, raw


def api_token_revoke(*, token: ApiToken) -> None:
    ApiToken.objects.filter(pk=token.pk, revoked_at=None).update(revoked_at=timezone.now())


def api_token_authenticate(raw: str) -> Any | None:
    """The active user behind a live token, or None. Records the token's last use."""
    if not raw or len(raw) > 200:
        return None
    now = timezone.now()
    token = (
        ApiToken.objects.select_related("user")
        .filter(token_hash=hash_token(raw), revoked_at=None)
        .first()
    )
    if token is None or (token.expires_at is not None and token.expires_at <= now):
        return None
    if not token.user.is_active:
        return None
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user
