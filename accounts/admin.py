from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin

from accounts.models import User


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    fieldsets = (
        *(DjangoUserAdmin.fieldsets or ()),
        ("CivicDesk", {"fields": ("departments", "preferred_language")}),
    )
    filter_horizontal = ("groups", "user_permissions", "departments")
    list_display = ["username", "email", "first_name", "last_name", "is_staff", "is_active"]
    list_filter = [*DjangoUserAdmin.list_filter, "departments"]
