"""Routes for every channel's webhooks, mounted under /messaging/."""

from django.urls import URLPattern, URLResolver, path

from messaging.sms import views as sms_views
from messaging.social import views as social_views

app_name = "messaging"
urlpatterns: list[URLPattern | URLResolver] = [
    path("sms/twilio/", sms_views.twilio_inbound, name="sms-twilio"),
    path("social/webhook/", social_views.social_webhook, name="social-webhook"),
]
