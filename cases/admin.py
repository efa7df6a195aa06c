from django.contrib import admin

from cases.models import Case, CaseAttachment, CaseEvent, CaseStep


class CaseStepInline(admin.TabularInline[CaseStep, Case]):
    model = CaseStep
    extra = 0
    readonly_fields = ["order", "name", "due_at", "completed_at"]
    can_delete = False


class CaseAttachmentInline(admin.TabularInline[CaseAttachment, Case]):
    model = CaseAttachment
    extra = 0
    fields = ("file", "content_type", "size", "width", "height", "is_public", "uploaded_at")
    readonly_fields = ("file", "content_type", "size", "width", "height", "uploaded_at")

    def has_add_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False


class CaseEventInline(admin.TabularInline[CaseEvent, Case]):
    """Read-only: the timeline is append-only and changes go through cases/services.py."""

    model = CaseEvent
    extra = 0
    fields = ("created_at", "kind", "actor_label", "is_public", "body", "data")
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False


@admin.register(Case)
class CaseAdmin(admin.ModelAdmin[Case]):
    list_display = [
        "tracking_number",
        "service",
        "status",
        "priority",
        "channel",
        "department",
        "owner",
        "created_at",
        "resolution_due",
    ]
    list_filter = ["status", "channel", "priority", "jurisdiction", "department"]
    search_fields = ["=tracking_number"]
    list_select_related = ["service", "department", "owner"]
    raw_id_fields = ["resident", "owner", "merged_into", "service", "department"]
    readonly_fields = [
        "tracking_number",
        "status",
        "created_at",
        "updated_at",
        "first_response_due",
        "resolution_due",
        "first_responded_at",
        "resolved_at",
        "closed_at",
        "reopen_count",
        "merged_into",
        "department",
        "owner",
        "escalated",
    ]
    date_hierarchy = "created_at"
    show_full_result_count = False
    inlines = [CaseStepInline, CaseAttachmentInline, CaseEventInline]

    def has_add_permission(self, request):  # type: ignore[no-untyped-def]
        # Cases are opened through the portal, the workspace, channels and the API,
        # so that each gets its promised dates and timeline.
        return False
