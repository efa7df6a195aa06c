"""Reads of the knowledge base, in the resident's language with English as the fallback."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Prefetch

from catalogue.models import Service
from knowledge.models import Article, ArticleTranslation
from knowledge.search import search_articles
from organisations.models import Jurisdiction

FALLBACK_LANGUAGE = "en"


@dataclass(frozen=True)
class ArticleView:
    article: Article
    translation: ArticleTranslation
    is_fallback: bool


def pick_translation(
    translations: Iterable[ArticleTranslation], language: str
) -> tuple[ArticleTranslation | None, bool]:
    """The one language fallback: `language`, else English, else any; and whether it fell back.

    Every reader of the knowledge base (portal, workspace replies, REST API) uses it.
    """
    by_language = {t.language: t for t in translations}
    if language in by_language:
        return by_language[language], False
    if FALLBACK_LANGUAGE in by_language:
        return by_language[FALLBACK_LANGUAGE], True
    first = next(iter(by_language.values()), None)
    return first, first is not None


def _pick(article: Article, language: str) -> tuple[ArticleTranslation | None, bool]:
    return pick_translation(article.translations.all(), language)


def answers_matching(
    query: str, *, language: str, jurisdiction_ids: Iterable[int], limit: int = 8
) -> list[ArticleTranslation]:
    """The knowledge-base search staff use (intake, API): knowledge.search.search_articles,
    scoped to the jurisdictions given, best first, with each answer's full text."""
    hits = [
        hit
        for jurisdiction_id in dict.fromkeys(jurisdiction_ids)
        for hit in search_articles(query, language, jurisdiction_id, limit=limit)
    ][:limit]
    found = {
        t.article_id: t
        for t in ArticleTranslation.objects.filter(
            article_id__in=[h.article_id for h in hits], language=language
        ).select_related("article__jurisdiction")
    }
    return [found[h.article_id] for h in hits if h.article_id in found]


def article_for_reading(jurisdiction: Jurisdiction, slug: str, language: str) -> ArticleView | None:
    """A published article as a resident reads it, or None (staff's standard replies too)."""
    article = (
        Article.objects.filter(
            jurisdiction=jurisdiction, slug=slug, is_published=True, is_standard_answer=False
        )
        .select_related("category")
        .prefetch_related("translations", "related_services")
        .first()
    )
    if article is None:
        return None
    translation, fallback = _pick(article, language)
    if translation is None:
        return None
    return ArticleView(article=article, translation=translation, is_fallback=fallback)


def articles_for_service(service: Service, language: str, limit: int = 5) -> list[ArticleView]:
    """The answers staff linked to a service, shown on its page (one query each way)."""
    articles = (
        Article.objects.filter(
            related_services=service, is_published=True, is_standard_answer=False
        )
        .prefetch_related(Prefetch("translations", queryset=ArticleTranslation.objects.all()))
        .order_by("slug")[:limit]
    )
    views = []
    for article in articles:
        translation, fallback = _pick(article, language)
        if translation is not None:
            views.append(
                ArticleView(article=article, translation=translation, is_fallback=fallback)
            )
    return views


@dataclass(frozen=True)
class CategoryView:
    name: str
    articles: list[ArticleView]


def articles_by_category(jurisdiction: Jurisdiction, language: str) -> list[CategoryView]:
    """Every published answer, grouped by category (uncategorised last). Two queries."""
    articles = (
        Article.objects.filter(
            jurisdiction=jurisdiction, is_published=True, is_standard_answer=False
        )
        .select_related("category")
        .prefetch_related("translations")
        .order_by("category__order", "category__name_en", "slug")
    )
    groups: dict[int | None, tuple[str, list[ArticleView]]] = {}
    for article in articles:
        translation, fallback = _pick(article, language)
        if translation is None:
            continue
        category = article.category
        if category is None:
            key, name = None, ""
        else:
            key = category.pk
            name = (category.name_es if language == "es" else "") or category.name_en
        groups.setdefault(key, (name, []))[1].append(
            ArticleView(article=article, translation=translation, is_fallback=fallback)
        )
    ordered = [v for k, v in groups.items() if k is not None]
    if None in groups:
        ordered.append(groups[None])
    return [CategoryView(name=name, articles=views) for name, views in ordered]
