from django.apps import AppConfig


class Open311Config(AppConfig):
    name = "open311"

    def ready(self) -> None:
        from open311 import lookups

        lookups.connect()  # the POST path's process cache forgets what staff change
