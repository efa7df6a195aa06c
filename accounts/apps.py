from django.apps import AppConfig
from django.db.models.signals import post_migrate


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = "Staff accounts"

    def ready(self) -> None:
        from accounts import mfa, protection  # noqa: F401  (connect their sign-in signals)
        from accounts.roles import sync_role_groups_after_migrate

        # Permissions only exist after every app has migrated, so the role groups
        # are (re)built from accounts/roles.py each time migrate finishes.
        post_migrate.connect(sync_role_groups_after_migrate, sender=self)
