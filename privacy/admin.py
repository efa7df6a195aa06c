"""Retention rules are set here; requests and holds are kept on their own staff pages."""

from __future__ import annotations

from django.contrib import admin

from privacy.models import DataRequest, LegalHold, RetentionRule


@admin.register(RetentionRule)
class RetentionRuleAdmin(admin.ModelAdmin[RetentionRule]):
    list_display = ["service", "keep_personal_data_days"]
    list_select_related = ["service__jurisdiction"]
    autocomplete_fields = ["service"]


@admin.register(DataRequest)
class DataRequestAdmin(admin.ModelAdmin[DataRequest]):
    """Read-only: a request is carried out on the privacy page, with its identity check."""

    list_display = ["pk", "kind", "via", "status", "requested_at", "handled_by"]
    list_filter = ["kind", "status", "via"]
    readonly_fields = [f.name for f in DataRequest._meta.fields]

    def has_add_permission(self, request: object) -> bool:
        return False

    def has_delete_permission(self, request: object, obj: object = None) -> bool:
        return False


@admin.register(LegalHold)
class LegalHoldAdmin(admin.ModelAdmin[LegalHold]):
    """Read-only: placing and lifting write the case's timeline, on the privacy page."""

    list_display = ["reason", "case", "resident", "placed_at", "lifted_at"]
    readonly_fields = [f.name for f in LegalHold._meta.fields]

    def has_add_permission(self, request: object) -> bool:
        return False

    def has_delete_permission(self, request: object, obj: object = None) -> bool:
        return False
