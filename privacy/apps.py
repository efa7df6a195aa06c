from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules


class PrivacyConfig(AppConfig):
    name = "privacy"
    verbose_name = "Privacy: data requests, retention and legal holds"

    def ready(self) -> None:
        # Each app says what personal data it holds in its own privacy.py
        # (privacy/registry.py); export, erasure and retention read that.
        autodiscover_modules("privacy")
