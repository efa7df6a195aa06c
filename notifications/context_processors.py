"""The unread-notice count in every staff page's header (templates: `unread_count`)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from notifications.selectors import unread_count


def unread_notices(request: HttpRequest) -> dict[str, Any]:
    """Counted only when a template shows it, and at most once per response."""
    user = getattr(request, "user", None)
    return {"unread_count": SimpleLazyObject(lambda: unread_count(user))}
