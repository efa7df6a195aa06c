"""API keys per client application (the raw key is shown once, on creation), and
the queued requests that could not be filed."""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.http import HttpRequest

from open311.models import ApiKey, QueuedRequest, RequestMetadata
from open311.services import api_key_set_secret, new_raw_key


@admin.register(ApiKey)
class ApiKeyAdmin(admin.ModelAdmin[ApiKey]):
    list_display = (
        "name",
        "key_prefix",
        "jurisdiction",
        "is_active",
        "requests_per_hour",
        "queue_requests",
        "last_used_at",
    )
    list_filter = ("is_active", "queue_requests", "jurisdiction")
    search_fields = ("name", "key_prefix", "contact_email")
    readonly_fields = ("key_prefix", "created_at", "last_used_at")
    fields = (
        "name",
        "contact_email",
        "jurisdiction",
        "is_active",
        "requests_per_hour",
        "queue_requests",
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
class RequestMetadataAdmin(admin.ModelAdmin[RequestMetadata]):
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


@admin.register(QueuedRequest)
class QueuedRequestAdmin(admin.ModelAdmin[QueuedRequest]):
    """The intake backlog, and the requests kept aside with the reason they were not filed.

    Read-only: a request is fixed by its client posting it again (the token answers
    the reason), or deleted here once the client has been told.
    """

    list_display = ("token", "service", "api_key", "received_at", "error")
    list_filter = ("service__jurisdiction",)
    search_fields = ("token",)
    readonly_fields = ("token", "service", "api_key", "fields", "received_at", "error")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
