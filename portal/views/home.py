"""Home, the service catalogue (and search across it) and a service's page."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_GET

from bookings.selectors import bookable_resources
from knowledge.search import search_articles
from knowledge.selectors import articles_for_service
from organisations.models import Jurisdiction
from portal import selectors
from portal.forms import without_nul
from portal.views.base import page_language, portal_view, render_page, service_or_404


@require_GET
@portal_view
def home(request: HttpRequest) -> HttpResponse:
    language = page_language(request)
    groups = selectors.catalogue_groups(request.jurisdiction, language)  # type: ignore[attr-defined]
    return render_page(request, "portal/home.html", {"groups": groups})


@require_GET
@portal_view
def catalogue(request: HttpRequest) -> HttpResponse:
    """The service list, or search results across services and answers when `q` is given."""
    language = page_language(request)
    query = without_nul(request.GET.get("q") or "").strip()[:200]
    jurisdiction: Jurisdiction = request.jurisdiction  # type: ignore[attr-defined]
    context: dict[str, Any] = {"query": query}
    if query:
        context["services"] = selectors.search_services(jurisdiction, query, language)
        context["articles"] = search_articles(query, language, jurisdiction, limit=10)
    else:
        context["groups"] = selectors.catalogue_groups(jurisdiction, language)
    return render_page(request, "portal/catalogue.html", context)


@require_GET
@portal_view
def service_detail(request: HttpRequest, code: str) -> HttpResponse:
    language = page_language(request)
    service = service_or_404(request, code)
    page = selectors.service_page(service, language)
    return render_page(
        request,
        "portal/service.html",
        {
            "page": page,
            "articles": articles_for_service(service, language),
            "bookable_resources": list(bookable_resources().filter(service=service)),
        },
    )
