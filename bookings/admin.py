"""Admin for resources (with their rules and blackouts inline) and bookings.

Bookings are read-only here: they are made through the public pages or
bookings/services.py, and cancelled with the admin action, which calls
booking_cancel so the case is closed with a note like any other cancellation.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from accounts.decorators import signed_in_user
from bookings.models import (
    Blackout,
    BookableResource,
    BookableResourceTranslation,
    Booking,
    OpeningRule,
)
from bookings.services import BookingError, booking_cancel


class OpeningRuleInline(admin.TabularInline[OpeningRule, BookableResource]):
    model = OpeningRule
    extra = 0


class BlackoutInline(admin.TabularInline[Blackout, BookableResource]):
    model = Blackout
    extra = 0


class TranslationInline(admin.StackedInline[BookableResourceTranslation, BookableResource]):
    model = BookableResourceTranslation
    extra = 0


@admin.register(BookableResource)
class BookableResourceAdmin(admin.ModelAdmin[BookableResource]):
    list_display = ["name", "service", "jurisdiction", "follows_office_calendar", "is_active"]
    list_filter = ["is_active", "follows_office_calendar", "jurisdiction"]
    list_select_related = ["service", "jurisdiction"]
    search_fields = ["name", "address", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [TranslationInline, OpeningRuleInline, BlackoutInline]


@admin.register(OpeningRule)
class OpeningRuleAdmin(admin.ModelAdmin[OpeningRule]):
    list_display = ["resource", "weekday", "opens_at", "closes_at", "slot_minutes"]
    list_select_related = ["resource"]
    list_filter = ["weekday"]


@admin.register(Blackout)
class BlackoutAdmin(admin.ModelAdmin[Blackout]):
    list_display = ["resource", "starts_on", "ends_on", "reason"]
    list_select_related = ["resource"]
    date_hierarchy = "starts_on"


@admin.register(Booking)
class BookingAdmin(admin.ModelAdmin[Booking]):
    list_display = ["resource", "start", "end", "resident", "case", "status", "created_at"]
    list_filter = ["status", "resource"]
    list_select_related = ["resource", "resident", "case"]
    search_fields = ["case__tracking_number", "resident__full_name", "resident__email"]
    date_hierarchy = "start"
    readonly_fields = [
        "resource",
        "start",
        "end",
        "resident",
        "case",
        "status",
        "created_at",
        "cancelled_at",
    ]
    exclude = ["cancel_token_hash"]
    actions = ["cancel_bookings"]

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    @admin.action(description=_("Cancel the selected bookings"), permissions=["change"])
    def cancel_bookings(self, request: HttpRequest, queryset: QuerySet[Booking]) -> None:
        done = 0
        for booking in queryset:
            try:
                booking_cancel(
                    booking=booking,
                    by=signed_in_user(request),
                    reason=str(_("Cancelled in admin.")),
                )
            except BookingError as exc:
                self.message_user(request, f"{booking}: {exc.message}", messages.WARNING)
            else:
                done += 1
        if done:
            self.message_user(request, _("%(n)d booking(s) cancelled.") % {"n": done})
