"""Knowledge-base articles over the REST API: the same answers residents read."""

from __future__ import annotations

from typing import Any, Literal

from django.db.models import Prefetch, QuerySet
from ninja import Router
from ninja.errors import HttpError

from api import schemas
from api.auth import AuthedRequest
from api.selectors import jurisdiction_for
from knowledge.models import Article, ArticleTranslation
from knowledge.selectors import answers_matching, pick_translation

router = Router(tags=["knowledge"])

Language = Literal["en", "es"]


def _articles() -> QuerySet[Article]:
    return (
        Article.objects.filter(is_published=True)
        .select_related("jurisdiction", "category")
        .prefetch_related(
            Prefetch("translations", queryset=ArticleTranslation.objects.order_by("language")),
            "related_services",
        )
        .order_by("slug", "id")
    )


def article_row(article: Article, language: str) -> dict[str, Any] | None:
    """The article in `language`, else English, else any (knowledge.selectors.pick_translation)."""
    chosen, _fallback = pick_translation(article.translations.all(), language)
    if chosen is None:
        return None
    return {
        "slug": article.slug,
        "jurisdiction_id": article.jurisdiction.jurisdiction_id,
        "category": article.category.name_en if article.category else None,
        "language": chosen.language,
        "title": chosen.title,
        "summary": chosen.summary,
        "body": chosen.body,
        "is_standard_answer": article.is_standard_answer,
        "related_services": sorted(s.service_code for s in article.related_services.all()),
        "updated_at": article.updated_at,
    }


@router.get("/articles", response={200: list[schemas.ArticleOut], **schemas.ERRORS})
def list_articles(
    request: AuthedRequest,
    language: Language = "en",
    jurisdiction_id: str | None = None,
    standard_answers: bool = False,
    q: str | None = None,
) -> Any:
    """Published articles; standard_answers=true for the replies staff may send.

    With `q`, the knowledge-base search residents and staff use (best first, in
    `language`, in one jurisdiction: required when the install serves several).
    """
    if q is not None:
        jurisdiction = jurisdiction_for(jurisdiction_id)
        hits = answers_matching(q[:200], language=language, jurisdiction_ids=[jurisdiction.pk])
        order = {t.article_id: n for n, t in enumerate(hits)}
        found = _articles().filter(pk__in=order)
        if standard_answers:
            found = found.filter(is_standard_answer=True)
        ranked = sorted(found, key=lambda a: order[a.pk])
        return [row for row in (article_row(a, language) for a in ranked) if row is not None]
    articles = _articles()
    if jurisdiction_id:
        articles = articles.filter(jurisdiction__jurisdiction_id=jurisdiction_id)
    if standard_answers:
        articles = articles.filter(is_standard_answer=True)
    rows = (article_row(a, language) for a in articles)
    return [row for row in rows if row is not None]


@router.get("/articles/{slug}", response={200: schemas.ArticleOut, **schemas.ERRORS})
def get_article(
    request: AuthedRequest, slug: str, language: Language = "en", jurisdiction_id: str | None = None
) -> Any:
    articles = _articles().filter(slug=slug)
    if jurisdiction_id:
        articles = articles.filter(jurisdiction__jurisdiction_id=jurisdiction_id)
    article = articles.first()
    row = article_row(article, language) if article else None
    if row is None:
        raise HttpError(404, f"No published article {slug}.")
    return row
