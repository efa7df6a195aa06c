from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "audit"
    verbose_name = "Audit trail of staff actions"

    def ready(self) -> None:
        from audit import signals  # noqa: F401  (sign-ins, role and permission changes)
