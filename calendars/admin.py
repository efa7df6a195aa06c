from django.contrib import admin

from calendars.models import BusinessCalendar, Closure


class ClosureInline(admin.TabularInline[Closure, BusinessCalendar]):
    model = Closure
    extra = 1


@admin.register(BusinessCalendar)
class BusinessCalendarAdmin(admin.ModelAdmin[BusinessCalendar]):
    list_display = ["jurisdiction", "working_weekdays", "opens_at", "closes_at", "holiday_country"]
    inlines = [ClosureInline]
