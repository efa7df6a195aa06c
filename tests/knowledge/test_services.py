"""Knowledge-base writes: validation and "was this helpful" votes."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.core.exceptions import ValidationError

from knowledge.services import VOTES_PER_HOUR, article_create, article_vote


@pytest.fixture
def article(city):  # type: ignore[no-untyped-def]
    cache.clear()
    return article_create(
        jurisdiction=city.jurisdiction,
        slug="a",
        translations={"en": {"title": "T", "body": "B"}},
    )


def test_an_article_needs_a_title_and_text(city):
    with pytest.raises(ValidationError) as exc:
        article_create(
            jurisdiction=city.jurisdiction, slug="x", translations={"en": {"title": "", "body": ""}}
        )
    assert set(exc.value.message_dict) == {"title", "body"}


def test_votes_are_counted_by_the_database(article):
    assert article_vote(article=article, helpful=True, client_key="1.2.3.4")
    assert article_vote(article=article, helpful=False, client_key="1.2.3.4")
    article.refresh_from_db()
    assert (article.helpful_count, article.not_helpful_count) == (1, 1)


def test_votes_are_rate_limited_per_client(article):
    for _ in range(VOTES_PER_HOUR):
        assert article_vote(article=article, helpful=True, client_key="9.9.9.9")
    assert not article_vote(article=article, helpful=True, client_key="9.9.9.9")
    assert article_vote(article=article, helpful=True, client_key="8.8.8.8")
    article.refresh_from_db()
    assert article.helpful_count == VOTES_PER_HOUR + 1
