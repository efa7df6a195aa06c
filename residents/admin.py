from django.contrib import admin

from residents.models import Resident


@admin.register(Resident)
class ResidentAdmin(admin.ModelAdmin[Resident]):
    list_display = ["__str__", "email", "phone", "preferred_channel", "preferred_language"]
    list_filter = ["preferred_channel", "preferred_language", "email_bouncing"]
    search_fields = ["full_name", "email", "phone"]
    raw_id_fields = ["user"]
    show_full_result_count = False
