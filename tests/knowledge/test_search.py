"""search_articles: one interface over SQLite FTS5 and PostgreSQL full text."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.db import connection

from knowledge.models import ArticleTranslation
from knowledge.search import query_terms, rebuild_index, search_articles
from knowledge.services import article_create, article_translation_save
from tests import factories


@pytest.fixture
def articles(city):  # type: ignore[no-untyped-def]
    pothole = article_create(
        jurisdiction=city.jurisdiction,
        slug="potholes",
        translations={
            "en": {"title": "Pothole repairs", "summary": "", "body": "We fill potholes fast."},
            "es": {"title": "Reparación de baches", "summary": "", "body": "Rellenamos baches."},
        },
    )
    bins = article_create(
        jurisdiction=city.jurisdiction,
        slug="bins",
        translations={"en": {"title": "Recycling bins", "body": "Order a recycling bin."}},
    )
    return pothole, bins


def test_finds_an_article_by_a_word_of_its_body(city, articles):
    hits = search_articles("how fast do you fill", "en", city.jurisdiction)
    assert [h.slug for h in hits] == ["potholes"]


def test_any_word_may_match_and_the_best_comes_first(city, articles):
    hits = search_articles("recycling pothole", "en", city.jurisdiction)
    assert {h.slug for h in hits} == {"potholes", "bins"}


def test_the_last_word_matches_as_a_prefix_while_typing(city, articles):
    assert [h.slug for h in search_articles("there is a potho", "en", city.jurisdiction)] == [
        "potholes"
    ]


def test_searches_only_the_asked_language(city, articles):
    hits = search_articles("baches", "es", city.jurisdiction)
    assert [(h.slug, h.title) for h in hits] == [("potholes", "Reparación de baches")]
    assert search_articles("baches", "en", city.jurisdiction) == []


def test_accents_do_not_matter(city, articles):
    assert [h.slug for h in search_articles("reparacion", "es", city.jurisdiction)] == ["potholes"]


def test_other_jurisdictions_and_unpublished_articles_are_not_found(city, articles):
    other = factories.make_jurisdiction()
    assert search_articles("pothole", "en", other) == []
    pothole, _bins = articles
    pothole.is_published = False
    pothole.save()
    assert search_articles("pothole", "en", city.jurisdiction) == []


@pytest.mark.parametrize(
    "garbage",
    ['"', 'pothole" OR body:*', "NEAR(a b)", "*", "a AND", "(((", "'; DROP TABLE x;--", "\x00"],
)
def test_search_syntax_typed_by_residents_is_just_text(city, articles, garbage):
    search_articles(garbage, "en", city.jurisdiction)  # no error is the behaviour


def test_query_terms_drop_noise_words():
    assert query_terms("Where is MY pothole?? 123") == ["pothole"]


def test_an_edited_translation_is_found_by_its_new_words(city, articles):
    pothole, _bins = articles
    article_translation_save(
        article=pothole, language="en", title="Road holes", body="Craters in the asphalt."
    )
    assert [h.slug for h in search_articles("asphalt", "en", city.jurisdiction)] == ["potholes"]
    assert search_articles("fill", "en", city.jurisdiction) == []


def test_rebuild_command_restores_an_index_written_around_the_services(city, articles):
    # Given a translation changed behind the services' back (a raw update)
    ArticleTranslation.objects.filter(article__slug="bins").update(body="Compost caddies.")
    if connection.vendor == "sqlite":  # PostgreSQL indexes the rows themselves
        assert search_articles("compost", "en", city.jurisdiction) == []
    # When the index is rebuilt
    call_command("rebuild_kb_index", stdout=io.StringIO())
    # Then the new words are found
    assert [h.slug for h in search_articles("compost", "en", city.jurisdiction)] == ["bins"]
    assert rebuild_index() == 3
