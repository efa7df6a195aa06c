"""Admin for the programme's reference data (instrument, rules, goals, stakeholders).

The register's day-to-day writes go through the BRE pages and bre/services.py; the admin
shows them read-mostly for support.
"""

from __future__ import annotations

from django.contrib import admin

from bre import models


class QuestionInline(admin.TabularInline):
    model = models.Question
    extra = 0


@admin.register(models.Instrument)
class InstrumentAdmin(admin.ModelAdmin):
    list_display = ["name", "version", "is_current", "published_on"]
    inlines = [QuestionInline]


@admin.register(models.FlagRule)
class FlagRuleAdmin(admin.ModelAdmin):
    list_display = [
        "question_code",
        "operator",
        "value",
        "colour",
        "title",
        "due_days",
        "is_active",
    ]
    list_filter = ["colour", "is_active"]


class ContactInline(admin.TabularInline):
    model = models.BusinessContact
    extra = 0


@admin.register(models.Business)
class BusinessAdmin(admin.ModelAdmin):
    list_display = [
        "legal_name",
        "trading_name",
        "naics_code",
        "employees_band",
        "is_key_company",
        "status",
    ]
    list_filter = ["is_key_company", "status", "employees_band", "ownership"]
    search_fields = ["legal_name", "trading_name", "address"]
    list_select_related = ["officer"]
    raw_id_fields = ["officer"]
    inlines = [ContactInline]


@admin.register(models.Visit)
class VisitAdmin(admin.ModelAdmin):
    list_display = ["business", "officer", "status", "scheduled_for", "done_at"]
    list_filter = ["status"]
    list_select_related = ["business", "officer"]
    raw_id_fields = ["business", "officer"]


@admin.register(models.Flag)
class FlagAdmin(admin.ModelAdmin):
    list_display = ["business", "colour", "title", "owner", "due_on", "status"]
    list_filter = ["colour", "status"]
    list_select_related = ["business", "owner"]
    raw_id_fields = ["business", "visit", "owner", "raised_by"]


@admin.register(models.Action)
class ActionAdmin(admin.ModelAdmin):
    list_display = ["business", "summary", "case", "created_at"]
    list_select_related = ["business", "case"]
    raw_id_fields = ["business", "visit", "case", "filed_by"]


@admin.register(models.MacroIssue)
class MacroIssueAdmin(admin.ModelAdmin):
    list_display = ["title", "owner", "status", "created_at"]
    raw_id_fields = ["owner", "businesses", "cases"]


admin.site.register(models.Stakeholder)
admin.site.register(models.Referral, raw_id_fields=["business", "made_by"])
admin.site.register(models.Opportunity, raw_id_fields=["business"])
admin.site.register(models.Goal)
admin.site.register(models.TimeAllocation)
admin.site.register(models.TimeEntry, raw_id_fields=["officer"])
