"""Staff roles as Django auth groups, defined here and nowhere else.

Each role is a group whose permissions are rebuilt from ROLE_PERMISSIONS after
every migrate, so the code is the source of truth and admins assign people to
roles, not permissions to people.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import Group, Permission
from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    AGENT = "agent", _("Agent")
    SUPERVISOR = "supervisor", _("Supervisor")
    DEPARTMENT_ADMIN = "department_admin", _("Department admin")
    ADMINISTRATOR = "administrator", _("Administrator")
    BRE_OFFICER = "bre_officer", _("BRE officer")
    BRE_MANAGER = "bre_manager", _("BRE manager")


_AGENT = [
    "cases.view_case",
    "cases.change_case",
    "cases.add_case",
    "cases.view_caseevent",
    "residents.view_resident",
    "residents.add_resident",
    "residents.change_resident",
    "catalogue.view_service",
    "bookings.view_booking",
    "bookings.view_bookableresource",
]
_SUPERVISOR = [
    *_AGENT,
    "cases.reassign_case",
    # The issue gives escalation to supervisors (to department admins and other
    # supervisors); an agent asks their supervisor, who escalates.
    "cases.escalate_case",
    "cases.merge_case",
    "bookings.change_booking",
    "bookings.cancel_any_booking",
]
_DEPARTMENT_ADMIN = [
    *_SUPERVISOR,
    "catalogue.change_service",
    "catalogue.change_servicestandard",
    "catalogue.add_standardstep",
    "catalogue.change_standardstep",
    "catalogue.delete_standardstep",
    "catalogue.add_servicequestion",
    "catalogue.change_servicequestion",
    "catalogue.delete_servicequestion",
    "catalogue.add_questionoption",
    "catalogue.change_questionoption",
    "catalogue.delete_questionoption",
    "bookings.add_bookableresource",
    "bookings.change_bookableresource",
    "bookings.delete_bookableresource",
    "bookings.add_openingrule",
    "bookings.change_openingrule",
    "bookings.delete_openingrule",
    "bookings.add_blackout",
    "bookings.change_blackout",
    "bookings.delete_blackout",
]
# Administrators read the BRE register (businesses, visits, flags, actions, issues) but
# not the people at the businesses: contacts are for the BRE team (docs/bre.md).
_BRE_READ = [
    "bre.view_business",
    "bre.view_visit",
    "bre.view_flag",
    "bre.view_opportunity",
    "bre.view_action",
    "bre.view_macroissue",
    "bre.view_stakeholder",
    "bre.view_referral",
]
_ADMINISTRATOR = [
    *_DEPARTMENT_ADMIN,
    "cases.view_all_departments",
    *_BRE_READ,
    # Residents' data requests and legal holds (privacy/): the city's records office.
    "privacy.handle_datarequest",
    "privacy.place_legalhold",
    "privacy.view_datarequest",
    # Payments (payments/): the finance office's daily reconciliation.
    "payments.view_payment",
    "audit.view_auditevent",
    "audit.export_auditevent",
]
_BRE_OFFICER = [
    "residents.view_resident",
    "catalogue.view_service",
    *_BRE_READ,
    "bre.add_business",
    "bre.change_business",
    "bre.view_businesscontact",
    "bre.add_businesscontact",
    "bre.change_businesscontact",
    "bre.add_visit",
    "bre.change_visit",
    "bre.add_flag",
    "bre.change_flag",
    "bre.add_opportunity",
    "bre.change_opportunity",
    "bre.add_action",
    "bre.add_macroissue",
    "bre.change_macroissue",
    "bre.add_referral",
    "bre.change_referral",
    "bre.view_timeentry",
    "bre.add_timeentry",
    "bre.view_goal",
]
_BRE_MANAGER = [
    *_BRE_OFFICER,
    "bre.manage_programme",
    "bre.export_contacts",
    "bre.delete_businesscontact",
    "bre.add_goal",
    "bre.change_goal",
    "bre.add_timeallocation",
    "bre.change_timeallocation",
    "bre.view_timeallocation",
    "bre.add_flagrule",
    "bre.change_flagrule",
    "bre.view_flagrule",
    "bre.add_instrument",
    "bre.view_instrument",
    "bre.add_stakeholder",
    "bre.change_stakeholder",
]

ROLE_PERMISSIONS: dict[str, list[str]] = {
    Role.AGENT: _AGENT,
    Role.SUPERVISOR: _SUPERVISOR,
    Role.DEPARTMENT_ADMIN: _DEPARTMENT_ADMIN,
    Role.ADMINISTRATOR: _ADMINISTRATOR,
    Role.BRE_OFFICER: _BRE_OFFICER,
    Role.BRE_MANAGER: _BRE_MANAGER,
}


def sync_role_groups() -> None:
    """Create or update one group per role with exactly the permissions listed above."""
    for role, perm_names in ROLE_PERMISSIONS.items():
        group, _created = Group.objects.get_or_create(name=role)
        perms = []
        for dotted in perm_names:
            app_label, codename = dotted.split(".", 1)
            perm = Permission.objects.filter(
                content_type__app_label=app_label, codename=codename
            ).first()
            if perm is None:
                raise LookupError(f"Role {role} names unknown permission {dotted}")
            perms.append(perm)
        group.permissions.set(perms)


def sync_role_groups_after_migrate(*, using: str = "default", **kwargs: Any) -> None:
    """post_migrate hook. Other apps' permissions may not exist yet at this point of
    the signal, so they are created first (idempotent) before the groups are built."""
    from django.apps import apps
    from django.contrib.auth.management import create_permissions

    for app_config in apps.get_app_configs():
        create_permissions(app_config, verbosity=0, using=using)
    sync_role_groups()


def has_role(user: Any, role: Role) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    return bool(user.groups.filter(name=role).exists())
