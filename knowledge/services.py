"""Every write to the knowledge base, so the search index never drifts from the answers."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext as _

from catalogue.models import Service
from core.languages import Language
from core.ratelimit import hit
from knowledge import search
from knowledge.models import Article, ArticleTranslation, Category
from organisations.models import Jurisdiction

VOTES_PER_HOUR = 20


@transaction.atomic
def article_create(
    *,
    jurisdiction: Jurisdiction,
    slug: str,
    translations: Mapping[str, Mapping[str, str]],
    category: Category | None = None,
    related_services: Iterable[Service] = (),
    is_published: bool = True,
    is_standard_answer: bool = False,
) -> Article:
    """An article with its per-language texts ({"en": {"title":…, "summary":…, "body":…}})."""
    if not translations:
        raise ValidationError({"translations": _("Write the answer in at least one language.")})
    article = Article.objects.create(
        jurisdiction=jurisdiction,
        slug=slug,
        category=category,
        is_published=is_published,
        is_standard_answer=is_standard_answer,
    )
    article.related_services.set(list(related_services))
    for language, text in translations.items():
        article_translation_save(article=article, language=language, **text)
    return article


@transaction.atomic
def article_save(
    *,
    jurisdiction: Jurisdiction,
    slug: str,
    translations: Mapping[str, Mapping[str, str]],
    category: Category | None = None,
    related_services: Iterable[Service] = (),
    is_published: bool = True,
    is_standard_answer: bool = False,
) -> Article:
    """Create the article `slug`, or update it in place (for loaders and imports that run
    again): its fields, related services and the given language versions, all indexed.
    Languages not given are left as they are."""
    if not translations:
        raise ValidationError({"translations": _("Write the answer in at least one language.")})
    article, _created = Article.objects.update_or_create(
        jurisdiction=jurisdiction,
        slug=slug,
        defaults={
            "category": category,
            "is_published": is_published,
            "is_standard_answer": is_standard_answer,
        },
    )
    article.related_services.set(list(related_services))
    for language, text in translations.items():
        article_translation_save(article=article, language=language, **text)
    return article


@transaction.atomic
def article_delete(*, article: Article) -> None:
    """Delete an article with its translations and their search rows."""
    search.unindex_translations(list(article.translations.values_list("pk", flat=True)))
    article.delete()


@transaction.atomic
def article_translation_save(
    *, article: Article, language: str, title: str, body: str, summary: str = ""
) -> ArticleTranslation:
    """Create or replace one language version of an article, and index it."""
    errors: dict[str, str] = {}
    if language not in Language.values:
        errors["language"] = _("Unknown language “%(language)s”.") % {"language": language}
    if not (title or "").strip():
        errors["title"] = _("Give the answer a title.")
    if not (body or "").strip():
        errors["body"] = _("The answer has no text.")
    if errors:
        raise ValidationError(errors)
    translation, _created = ArticleTranslation.objects.update_or_create(
        article=article,
        language=language,
        defaults={"title": title.strip(), "summary": (summary or "").strip(), "body": body.strip()},
    )
    search.index_translations([translation.pk])
    return translation


@transaction.atomic
def article_translation_delete(*, translation: ArticleTranslation) -> None:
    search.unindex_translations([translation.pk])
    translation.delete()


def article_reindex(*, article: Article) -> None:
    """After edits that bypass these functions (the admin's inlines), re-sync the index."""
    ids = list(article.translations.values_list("pk", flat=True))
    search.index_translations(ids)
    search.prune_index()  # rows of translations deleted in an inline


def article_vote(*, article: Article, helpful: bool, client_key: str) -> bool:
    """Count a "was this helpful?" answer; False when this client has voted too often.

    The increment is done by the database (F()), so simultaneous votes are all counted.
    """
    if not hit("kb-vote", client_key, limit=VOTES_PER_HOUR, window_seconds=3600):
        return False
    field = "helpful_count" if helpful else "not_helpful_count"
    Article.objects.filter(pk=article.pk).update(**{field: F(field) + 1})
    return True
