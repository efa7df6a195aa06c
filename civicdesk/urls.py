"""Top-level routes. Each domain app owns its own urls.py under one prefix."""

from django.contrib import admin
from django.urls import URLPattern, URLResolver, include, path

admin.site.site_header = "CivicDesk administration"
admin.site.site_title = "CivicDesk"

urlpatterns: list[URLPattern | URLResolver] = [
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("open311/", include("open311.urls")),
    path("api/v1/", include("api.urls")),
    path("staff/insights/", include("insights.urls")),
    path("staff/coach/", include("coaching.urls")),
    path("staff/bre/", include("bre.urls")),
    path("staff/privacy/", include("privacy.urls")),
    path("staff/root-causes/", include("rootcauses.urls")),
    path("staff/mfa/", include("accounts.urls")),
    path("staff/password/", include("accounts.password_urls")),
    path("staff/audit/", include("audit.urls")),
    path("staff/", include("workspace.urls")),
    path("notifications/", include("notifications.urls")),
    path("messaging/", include("messaging.urls")),
    path("bookings/", include("bookings.urls")),
    path("alerts/", include("portal.alerts_urls")),
    path("payments/", include("payments.urls")),
    path("staff/payments/", include("payments.staff_urls")),
    path("", include("core.urls")),
    path("", include("portal.urls")),
]
# No static() route for MEDIA_URL, under DEBUG either: case photos are served only by
# views that check the viewer (cases/media.py).
