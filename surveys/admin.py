from django.contrib import admin

from surveys.models import SurveyDaily


@admin.register(SurveyDaily)
class SurveyDailyAdmin(admin.ModelAdmin[SurveyDaily]):
    list_display = ("day", "department", "service", "channel", "sent", "answered", "score_sum")
    list_filter = ("jurisdiction", "channel")
    date_hierarchy = "day"
    readonly_fields = [f.name for f in SurveyDaily._meta.fields]
