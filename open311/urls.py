"""Open311 GeoReport v2 under /open311/v2/; the suffix (.json or .xml) picks the format."""

from django.urls import re_path

from open311 import views

app_name = "open311"

_FMT = r"\.(?P<fmt>[A-Za-z0-9]+)$"

urlpatterns = [
    re_path(r"^v2/discovery" + _FMT, views.discovery, name="discovery"),
    re_path(r"^v2/services" + _FMT, views.services, name="services"),
    re_path(
        r"^v2/services/(?P<service_code>[^/.]+)" + _FMT,
        views.service_definition,
        name="service-definition",
    ),
    re_path(r"^v2/requests" + _FMT, views.requests, name="requests"),
    re_path(
        r"^v2/requests/(?P<service_request_id>[^/.]+)" + _FMT,
        views.request_detail,
        name="request-detail",
    ),
    re_path(r"^v2/tokens/(?P<token>[^/.]+)" + _FMT, views.token, name="token"),
    re_path(
        r"^v2/servicerequestupdates" + _FMT,
        views.service_request_updates,
        name="service-request-updates",
    ),
]
