from django.contrib import admin

from insights.models import OpenDataSettings, PublicResolutionText, Ward


@admin.register(OpenDataSettings)
class OpenDataSettingsAdmin(admin.ModelAdmin[OpenDataSettings]):
    list_display = ["jurisdiction", "location", "decimals"]


@admin.register(Ward)
class WardAdmin(admin.ModelAdmin[Ward]):
    list_display = ["name", "jurisdiction", "min_lat", "max_lat", "min_long", "max_long"]


@admin.register(PublicResolutionText)
class PublicResolutionTextAdmin(admin.ModelAdmin[PublicResolutionText]):
    list_display = ["service", "status", "text"]
    list_filter = ["status"]
