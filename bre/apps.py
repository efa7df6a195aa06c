from django.apps import AppConfig


class BreConfig(AppConfig):
    name = "bre"
    verbose_name = "Business retention & expansion"
