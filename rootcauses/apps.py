from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RootCausesConfig(AppConfig):
    name = "rootcauses"
    verbose_name = _("Root causes")
