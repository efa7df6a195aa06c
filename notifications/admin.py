from django.contrib import admin

from notifications.models import StaffNotice


@admin.register(StaffNotice)
class StaffNoticeAdmin(admin.ModelAdmin[StaffNotice]):
    list_display = ["user", "kind", "body", "created_at", "read_at"]
    list_filter = ["kind"]
    raw_id_fields = ["user", "case"]
