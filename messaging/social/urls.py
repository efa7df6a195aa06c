"""Social media's webhook and staff pages, mounted under /messaging/."""

from django.urls import URLPattern, path

from messaging.social import views

urlpatterns: list[URLPattern] = [
    path("social/webhook/", views.social_webhook, name="social-webhook"),
    path("staff/social/", views.social_list, name="social"),
    path("staff/social/<str:tracking_number>/", views.social_case, name="social-case"),
]
