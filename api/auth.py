"""Bearer-token authentication: the API acts as the staff member who owns the token."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.http import HttpRequest
from ninja.errors import HttpError
from ninja.security import HttpBearer

from api.services import api_token_authenticate
from core.ratelimit import hit


class AuthedRequest(HttpRequest):
    """A request that passed TokenAuth: `auth` is the staff member."""

    auth: Any


class TokenAuth(HttpBearer):
    openapi_description = "A personal API token: `Authorization: Bearer cdk_…`."

    def authenticate(self, request: HttpRequest, token: str) -> Any | None:
        reject_nul(request)
        user = api_token_authenticate(token)
        if user is None:
            return None
        allowed = hit(
            "api-user",
            str(user.pk),
            limit=settings.API_TOKEN_REQUESTS_PER_HOUR,
            window_seconds=3600,
        )
        if not allowed:
            raise HttpError(429, "Too many requests; try again within the hour.")
        request.user = user
        return user


def reject_nul(request: HttpRequest) -> None:
    """PostgreSQL cannot store NUL characters, and no honest client sends them: refuse early.

    Checked here, before any parameter reaches a query, for every operation at once:
    the path, the query string, and JSON bodies (where NUL can only be written \\u0000).
    """
    query = "".join(k + "".join(vs) for k, vs in request.GET.lists())
    try:
        body = request.body
    except RequestDataTooBig:
        raise HttpError(413, too_big_message()) from None
    if "\x00" in request.path or "\x00" in query or b"\\u0000" in body:
        raise HttpError(400, "NUL characters are not allowed.")


def too_big_message() -> str:
    limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE or 0
    return f"The request body is over {limit / 2**20:.1f} MB; send less (photos one at a time)."


def require_perm(user: Any, perm: str) -> None:
    if not user.has_perm(perm):
        raise HttpError(403, "Your role does not allow this.")
