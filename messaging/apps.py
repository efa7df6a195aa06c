from django.apps import AppConfig


class MessagingConfig(AppConfig):
    name = "messaging"
    verbose_name = "Messaging channels"

    def ready(self) -> None:
        # Each channel is the case outbox's way out on it: notifications imports no channel.
        from messaging.email.sender import send_email
        from messaging.sms.sender import send_text
        from messaging.whatsapp.sender import send_whatsapp
        from notifications.transports import register_sender

        register_sender("email", send_email)
        register_sender("sms", send_text)
        register_sender("whatsapp", send_whatsapp)
