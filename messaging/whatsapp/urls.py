"""WhatsApp's webhook, mounted under /messaging/ (names in the "messaging" namespace)."""

from django.urls import URLPattern, path

from messaging.whatsapp import views

urlpatterns: list[URLPattern] = [
    path("whatsapp/twilio/", views.twilio_whatsapp_inbound, name="whatsapp-twilio"),
]
