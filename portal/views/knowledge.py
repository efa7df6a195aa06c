"""The knowledge base: browse answers, live suggestions, an answer's page, was it helpful."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from core.ratelimit import client_ip, hit
from knowledge.models import Article
from knowledge.search import search_articles
from knowledge.selectors import article_for_reading, articles_by_category
from knowledge.services import article_vote
from organisations.models import Jurisdiction
from portal import selectors
from portal.forms import without_nul
from portal.views.base import SUGGESTIONS, page_language, portal_url, portal_view, render_page


@require_GET
@portal_view
def kb_index(request: HttpRequest) -> HttpResponse:
    """Every answer, by category: for residents who would rather browse than search."""
    categories = articles_by_category(request.jurisdiction, page_language(request))  # type: ignore[attr-defined]
    return render_page(request, "portal/answers.html", {"categories": categories})


@require_GET
@portal_view
def kb_suggest(request: HttpRequest) -> HttpResponse:
    """An HTML fragment of answers for what the resident is typing (fetched by suggest.js)."""
    if not hit("kb-suggest", client_ip(request), limit=600, window_seconds=600):
        return HttpResponse(status=429)
    query = without_nul(request.GET.get("q") or "")[:500]
    hits = search_articles(query, page_language(request), request.jurisdiction, limit=SUGGESTIONS)  # type: ignore[attr-defined]
    return render_page(request, "portal/_suggestions.html", {"suggestions": hits, "live": True})


@require_GET
@portal_view
def kb_article(request: HttpRequest, slug: str) -> HttpResponse:
    view = article_for_reading(request.jurisdiction, slug, page_language(request))  # type: ignore[attr-defined]
    if view is None:
        raise Http404(_("There is no such answer."))
    related = [
        selectors.service_card(s, page_language(request))
        for s in view.article.related_services.all()
        if s.is_active
    ]
    paragraphs = [p.strip() for p in view.translation.body.split("\n\n") if p.strip()]
    return render_page(
        request,
        "portal/article.html",
        {
            "view": view,
            "paragraphs": paragraphs,
            "related": related,
            "voted": request.GET.get("voted"),
        },
    )


@require_POST
@portal_view
def kb_vote(request: HttpRequest, slug: str) -> HttpResponse:
    jurisdiction: Jurisdiction = request.jurisdiction  # type: ignore[attr-defined]
    article = Article.objects.filter(
        jurisdiction=jurisdiction, slug=slug, is_published=True, is_standard_answer=False
    ).first()
    if article is None:
        raise Http404(_("There is no such answer."))
    helpful = request.POST.get("helpful") == "yes"
    counted = article_vote(article=article, helpful=helpful, client_key=client_ip(request))
    result = "thanks" if counted else "limit"
    return HttpResponseRedirect(f"{portal_url(request, 'article', slug)}?voted={result}#vote")
