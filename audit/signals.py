"""What the audit trail hears without anyone calling it: sign-ins, second factors, and
changes to who may do what (roles, permissions, departments, admin flags)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.db.models.signals import m2m_changed, post_save, pre_save
from django.dispatch import receiver

from accounts.password_reset import is_staff_account
from accounts.signals import second_factor_failed, second_factor_verified
from audit.context import current_request
from audit.models import AuditKind
from audit.services import audit_record

User = get_user_model()
_STAFF_PATHS = ("/staff/", "/admin/")
_FLAGS = ("is_superuser", "is_staff", "is_active")


@receiver(user_logged_in)
def _signed_in(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    if is_staff_account(user):
        audit_record(kind=AuditKind.SIGN_IN, actor=user, request=request)


@receiver(user_login_failed)
def _sign_in_failed(
    sender: Any, credentials: dict[str, Any], request: Any = None, **kw: Any
) -> None:
    # Residents sign in on the portal; only the staff doors are audited.
    if request is None or not request.path.startswith(_STAFF_PATHS):
        return
    username = str(credentials.get("username", ""))  # Django masks the password already
    audit_record(kind=AuditKind.SIGN_IN_FAILED, request=request, username=username)


@receiver(user_logged_out)
def _signed_out(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    if user is not None and is_staff_account(user):
        audit_record(kind=AuditKind.SIGN_OUT, actor=user, request=request)


@receiver(second_factor_verified)
def _second_factor(sender: Any, request: Any, user: Any, method: str, **kwargs: Any) -> None:
    audit_record(
        kind=AuditKind.SECOND_FACTOR, actor=user, request=request, detail={"method": method}
    )


@receiver(second_factor_failed)
def _second_factor_failed(sender: Any, request: Any, user: Any, method: str, **kwargs: Any) -> None:
    audit_record(
        kind=AuditKind.SECOND_FACTOR_FAILED, actor=user, request=request, detail={"method": method}
    )


def _names(model: Any, pk_set: Any) -> list[str]:
    if not pk_set:
        return []
    if model is Group:
        return sorted(Group.objects.filter(pk__in=pk_set).values_list("name", flat=True))
    if model._meta.model_name == "permission":
        rows = model.objects.filter(pk__in=pk_set).values_list(
            "content_type__app_label", "codename"
        )
        return sorted(f"{app}.{code}" for app, code in rows)
    return sorted(str(item) for item in model.objects.filter(pk__in=pk_set))


def _membership_changed(kind: AuditKind, field: str) -> Any:
    def handler(
        sender: Any, instance: Any, action: str, reverse: bool, model: Any, pk_set: Any, **kw: Any
    ) -> None:
        if action not in ("post_add", "post_remove", "pre_clear"):
            return
        if reverse:  # changed from the other side (a group's members): one row per user
            users = list(User.objects.filter(pk__in=pk_set or []))
            names = [str(instance)]
        else:
            users = [instance]
            names = _names(model, pk_set) if action != "pre_clear" else ["(all)"]
        change = {"post_add": "added", "post_remove": "removed", "pre_clear": "removed"}[action]
        for user in users:
            audit_record(
                kind=kind, target=f"user {user.get_username()}", detail={field: {change: names}}
            )

    return handler


_on_groups = _membership_changed(AuditKind.ROLE_CHANGE, "roles")
_on_permissions = _membership_changed(AuditKind.PERMISSION_CHANGE, "permissions")
_on_departments = _membership_changed(AuditKind.PERMISSION_CHANGE, "departments")
m2m_changed.connect(_on_groups, sender=User.groups.through, dispatch_uid="audit-groups")
m2m_changed.connect(
    _on_permissions, sender=User.user_permissions.through, dispatch_uid="audit-permissions"
)
m2m_changed.connect(
    _on_departments, sender=User.departments.through, dispatch_uid="audit-departments"
)


@receiver(m2m_changed, sender=Group.permissions.through, dispatch_uid="audit-role-permissions")
def _role_permissions(
    sender: Any, instance: Any, action: str, reverse: bool, model: Any, pk_set: Any, **kw: Any
) -> None:
    # Roles are rebuilt from code after every migrate (accounts/roles.py): that is not a
    # staff action. Only a change made by someone, in a request, is recorded.
    if current_request() is None or reverse or action not in ("post_add", "post_remove"):
        return
    change = "added" if action == "post_add" else "removed"
    audit_record(
        kind=AuditKind.PERMISSION_CHANGE,
        target=f"role {instance.name}",
        detail={"permissions": {change: _names(model, pk_set)}},
    )


@receiver(pre_save, sender=User, dispatch_uid="audit-user-flags-before")
def _remember_flags(sender: Any, instance: Any, **kwargs: Any) -> None:
    fields = kwargs.get("update_fields")
    if fields is not None and not set(fields) & set(_FLAGS):
        return  # e.g. last_login at each sign-in: no flag can change
    if instance.pk:
        before = User.objects.filter(pk=instance.pk).values(*_FLAGS).first()
        instance._audit_flags_before = before


@receiver(post_save, sender=User, dispatch_uid="audit-user-flags-after")
def _flags_changed(sender: Any, instance: Any, created: bool, **kwargs: Any) -> None:
    before = getattr(instance, "_audit_flags_before", None)
    now = {flag: getattr(instance, flag) for flag in _FLAGS}
    if created:
        changed = {
            flag: [None, value] for flag, value in now.items() if value and flag != "is_active"
        }
    elif before:
        changed = {flag: [before[flag], now[flag]] for flag in _FLAGS if before[flag] != now[flag]}
    else:
        changed = {}
    if changed:
        audit_record(
            kind=AuditKind.PERMISSION_CHANGE,
            target=f"user {instance.get_username()}",
            detail={"flags": changed},
        )
