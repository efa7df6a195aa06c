from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.http import HttpRequest

from accounts.models import User


@admin.register(User)
class UserAdmin(DjangoUserAdmin[User]):
    fieldsets = (
        *(DjangoUserAdmin.fieldsets or ()),
        ("CivicDesk", {"fields": ("departments", "preferred_language")}),
    )
    filter_horizontal = ("groups", "user_permissions", "departments")
    list_display = ["username", "email", "first_name", "last_name", "is_staff", "is_active"]
    list_filter = [*DjangoUserAdmin.list_filter, "departments"]


def _may_use_admin(request: HttpRequest) -> bool:
    """Staff flag as Django has it, or a role that edits the catalogue (department admins).

    Inside, Django's model permissions decide what each sees and changes (a department
    admin gets the catalogue and bookings, scoped to their departments there).
    """
    user = request.user
    return bool(user.is_active and (user.is_staff or user.has_perm("catalogue.change_service")))


admin.site.has_permission = _may_use_admin  # type: ignore[method-assign]
