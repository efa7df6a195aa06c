from django.contrib import admin

from organisations.models import Department, Jurisdiction


class DepartmentInline(admin.TabularInline[Department, Jurisdiction]):
    model = Department
    extra = 0
    fields = ["name", "slug", "parent", "email", "phone", "is_active"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Jurisdiction)
class JurisdictionAdmin(admin.ModelAdmin[Jurisdiction]):
    list_display = ["name", "jurisdiction_id", "timezone"]
    search_fields = ["name", "jurisdiction_id"]
    inlines = [DepartmentInline]


@admin.register(Department)
class DepartmentAdmin(admin.ModelAdmin[Department]):
    list_display = ["name", "jurisdiction", "parent", "email", "is_active"]
    list_filter = ["jurisdiction", "is_active"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    list_select_related = ["jurisdiction", "parent"]
