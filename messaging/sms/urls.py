"""SMS's webhook, mounted under /messaging/ (names in the "messaging" namespace)."""

from django.urls import URLPattern, path

from messaging.sms import views

urlpatterns: list[URLPattern] = [
    path("sms/twilio/", views.twilio_inbound, name="sms-twilio"),
]
