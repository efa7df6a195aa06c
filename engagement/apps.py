from django.apps import AppConfig


class EngagementConfig(AppConfig):
    name = "engagement"
    verbose_name = "Residents as partners"

    def ready(self) -> None:
        # Followers hear of a case's public events through the case outbox.
        from cases.outbox import register_extra_recipients
        from engagement.services import follower_messages

        register_extra_recipients(follower_messages)
        from engagement import privacy  # noqa: F401  (registers the personal data)
