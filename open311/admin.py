"""API keys per client application. The raw key is shown once, on creation."""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.http import HttpRequest

from open311.models import ApiKey, RequestMetadata
from open311.services import api_key_set_secret, new_raw_key


@admin.register(ApiKey)
class ApiKeyAdmin(admin.ModelAdmin):
    list_display = (
        "name",
        "key_prefix",
        "jurisdiction",
        "is_active",
        "requests_per_hour",
        "last_used_at",
    )
    list_filter = ("is_active", "jurisdiction")
    search_fields = ("name", "key_prefix", "contact_email")
    readonly_fields = ("key_prefix", "created_at", "last_used_at")
    fields = (
        "name",
        "contact_email",
        "jurisdiction",
        "is_active",
        "requests_per_hour",
        "key_prefix",
        "created_at",
        "last_used_at",
    )

    def save_model(self, request: HttpRequest, obj: ApiKey, form: Any, change: bool) -> None:
        raw = None
        if not change:
            raw = new_raw_key()
            api_key_set_secret(obj, raw)
        super().save_model(request, obj, form, change)
        if raw is not None:
            messages.warning(
                request, f"The api_key for {obj.name} is {raw}. Copy it now: it is not shown again."
            )


@admin.register(RequestMetadata)
class RequestMetadataAdmin(admin.ModelAdmin):
    list_display = ("case", "api_key", "device_id", "account_id", "created_at")
    search_fields = ("case__tracking_number", "device_id", "account_id")
    readonly_fields = (
        "case",
        "api_key",
        "token",
        "device_id",
        "account_id",
        "address_id",
        "media_url",
        "created_at",
    )

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False
