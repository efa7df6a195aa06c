from django.contrib import admin

from calendars.models import BusinessCalendar, Closure


class ClosureInline(admin.TabularInline):
    model = Closure
    extra = 1


@admin.register(BusinessCalendar)
class BusinessCalendarAdmin(admin.ModelAdmin):
    list_display = ["jurisdiction", "working_weekdays", "opens_at", "closes_at", "holiday_country"]
    inlines = [ClosureInline]
