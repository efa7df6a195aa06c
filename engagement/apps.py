from django.apps import AppConfig


class EngagementConfig(AppConfig):
    name = "engagement"
    verbose_name = "Residents as partners"

    def ready(self) -> None:
        # Followers hear of a case's public events through the case outbox.
        from cases.outbox import register_extra_recipients
        from engagement.services import follower_messages

        register_extra_recipients(follower_messages)
        # Their emails carry the follow's one-click stop link (RFC 8058).
        from engagement.selectors import follow_stop_url
        from notifications.transports import register_unsubscribe_link

        register_unsubscribe_link(follow_stop_url)
        from engagement import privacy  # noqa: F401  (registers the personal data)
