"""Open311 GeoReport v2 under /open311/v2/; the suffix (.json or .xml) picks the format.

`/json` and `/xml` work as the suffix too (`requests/json`), `service/{code}` is an
alias of `services/{code}` (the path PyPI's `open311` asks for), and any other path
under /open311/v2/ is answered with a spec error, never Django's HTML page.
"""

from django.urls import re_path

from open311 import views

app_name = "open311"

# ".json" / ".xml" (or any suffix, answered 404 in JSON), or "/json" / "/xml".
_FMT = r"(?:\.(?P<fmt>[A-Za-z0-9]+)|/(?P<slash_fmt>(?i:json|xml)))/?$"


def _fmt(view: views.View) -> views.View:
    """Pass the slash form's format as `fmt`, as the suffix form's."""

    def with_format(request, *args, slash_fmt=None, fmt=None, **kwargs):  # type: ignore[no-untyped-def]
        return view(request, *args, fmt=fmt or slash_fmt or "", **kwargs)

    with_format.csrf_exempt = True  # type: ignore[attr-defined]
    return with_format


urlpatterns = [
    re_path(r"^v2/discovery" + _FMT, _fmt(views.discovery), name="discovery"),
    re_path(r"^v2/services" + _FMT, _fmt(views.services), name="services"),
    re_path(
        r"^v2/services?/(?P<service_code>[^/.]+)" + _FMT,
        _fmt(views.service_definition),
        name="service-definition",
    ),
    re_path(r"^v2/requests" + _FMT, _fmt(views.requests), name="requests"),
    # Before request-detail, whose pattern would read "nearby" as a request id.
    re_path(r"^v2/requests/nearby" + _FMT, _fmt(views.nearby), name="nearby"),
    re_path(
        r"^v2/requests/(?P<service_request_id>[^/.]+)" + _FMT,
        _fmt(views.request_detail),
        name="request-detail",
    ),
    re_path(r"^v2/tokens/(?P<token>[^/.]+)" + _FMT, _fmt(views.token), name="token"),
    re_path(
        r"^v2/servicerequestupdates" + _FMT,
        _fmt(views.service_request_updates),
        name="service-request-updates",
    ),
    re_path(r"^v2/media/(?P<photo>[0-9A-Za-z_-]{1,32})\.jpg$", views.media, name="media"),
    re_path(r"^v2(?:/(?P<path>.*))?$", views.not_found, name="not-found"),
]
