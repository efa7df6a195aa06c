"""Every write through knowledge/services.py keeps the search index in step with the
answers: creating, updating in place (loaders and imports run again), deleting."""

from __future__ import annotations

from knowledge.models import ArticleTranslation
from knowledge.search import indexed_count, search_articles
from knowledge.services import article_delete, article_save


def _save(city, **texts):  # type: ignore[no-untyped-def]
    return article_save(
        jurisdiction=city.jurisdiction,
        slug="bulky",
        translations={
            language: {"title": title, "summary": "", "body": body}
            for language, (title, body) in texts.items()
        },
    )


def test_a_saved_article_is_found_in_each_of_its_languages(city):
    _save(
        city,
        en=("Bulky item pickup", "We collect a sofa or mattress."),
        es=("Recogida de objetos grandes", "Recogemos un sofá o un colchón."),
    )
    assert indexed_count() == ArticleTranslation.objects.count() == 2
    assert [h.slug for h in search_articles("mattress", "en", city.jurisdiction)] == ["bulky"]
    assert [h.slug for h in search_articles("colchon", "es", city.jurisdiction)] == ["bulky"]
    assert [h.slug for h in search_articles("sofá", "es", city.jurisdiction)] == ["bulky"]


def test_saving_again_updates_in_place_and_reindexes(city):
    _save(city, en=("Bulky item pickup", "We collect a sofa."))
    _save(city, en=("Bulky item pickup", "We collect a fridge."))
    assert ArticleTranslation.objects.count() == indexed_count() == 1
    assert search_articles("sofa", "en", city.jurisdiction) == []
    assert [h.slug for h in search_articles("fridge", "en", city.jurisdiction)] == ["bulky"]


def test_a_deleted_article_leaves_nothing_in_the_index(city):
    article = _save(city, en=("Bulky item pickup", "We collect a sofa."))
    article_delete(article=article)
    assert indexed_count() == 0
    assert search_articles("sofa", "en", city.jurisdiction) == []
