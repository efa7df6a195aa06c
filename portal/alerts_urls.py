"""Area alerts' resident pages, under /alerts/ (views in portal/alerts.py)."""

from django.urls import path

from portal import alerts

app_name = "alerts"
urlpatterns = [
    path("", alerts.subscribe, name="subscribe"),
    path("sent/", alerts.sent, name="sent"),
    path("feed.atom", alerts.public_feed, name="public_feed"),
    path("<str:token>/confirm/", alerts.confirm, name="confirm"),
    path("<str:token>/unsubscribe/", alerts.unsubscribe, name="unsubscribe"),
    path("<str:token>/feed.atom", alerts.feed, name="feed"),
]
