"""Personal API tokens in the admin; the raw token is shown once, on creation."""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.http import HttpRequest

from api.models import ApiToken
from api.services import api_token_set_secret, new_raw_token


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin[ApiToken]):
    list_display = ("user", "name", "token_prefix", "created_at", "last_used_at", "revoked_at")
    list_filter = ("revoked_at",)
    search_fields = ("user__username", "name", "token_prefix")
    readonly_fields = ("token_prefix", "created_at", "last_used_at")
    autocomplete_fields = ()

    def save_model(self, request: HttpRequest, obj: ApiToken, form: Any, change: bool) -> None:
        raw = None
        if not change:
            raw = new_raw_token()
            api_token_set_secret(obj, raw)
        super().save_model(request, obj, form, change)
        if raw is not None:
            messages.warning(
                request, f"The token for {obj.user} is {raw} . Copy it now: it is not shown again."
            )
