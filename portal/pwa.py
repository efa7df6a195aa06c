"""The installable portal: web app manifest, service worker, and the offline page.

The service worker is served from the site root (its scope is the whole portal) and
rendered from a template so it names the real, hashed static files. It keeps the
portal's shell and the request forms a resident has opened, so a report can be
drafted with no signal; `static/portal/pwa.js` queues such drafts in the browser and
sends them when the connection is back. Nothing here runs on the kiosk.
"""

from __future__ import annotations

import json

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.templatetags.static import static
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from portal import selectors
from portal.views.base import portal_view, render_page


@require_GET
def manifest(request: HttpRequest) -> HttpResponse:
    jurisdiction = selectors.portal_jurisdiction()
    name = jurisdiction.name if jurisdiction else "CivicDesk"
    data = {
        "name": _("%(city)s resident services") % {"city": name},
        "short_name": name[:12],
        "description": _("Report a problem, track your requests, book and pay."),
        "lang": get_language() or "en",
        "start_url": reverse("portal:home") + "?source=app",
        "scope": "/",
        "display": "standalone",
        "background_color": "#ffffff",
        "theme_color": "#0b4f8a",
        "icons": [
            {
                "src": static(f"portal/icons/icon-{size}.png"),
                "sizes": f"{size}x{size}",
                "type": "image/png",
                "purpose": "any maskable",
            }
            for size in (192, 512)
        ],
    }
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False), content_type="application/manifest+json"
    )
    response["Cache-Control"] = "public, max-age=3600"
    response["Vary"] = "Cookie, Accept-Language"
    return response


@require_GET
def service_worker(request: HttpRequest) -> HttpResponse:
    response = render(
        request,
        "portal/sw.js",
        {"offline_url": reverse("portal:offline")},
        content_type="application/javascript; charset=utf-8",
    )
    response["Service-Worker-Allowed"] = "/"
    response["Cache-Control"] = "no-cache"
    return response


@require_GET
@portal_view
def offline(request: HttpRequest) -> HttpResponse:
    return render_page(request, "portal/offline.html", {})
