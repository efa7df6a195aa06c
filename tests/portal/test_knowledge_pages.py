"""Knowledge-base pages: articles, suggestions while typing, helpful votes."""

from __future__ import annotations

from django.urls import reverse


def test_article_page_in_english_and_spanish(client, portal):
    url = reverse("portal:article", args=["pothole-repair-times"])
    assert "How fast do you repair potholes?" in client.get(url).content.decode()
    client.cookies["django_language"] = "es"
    body = client.get(url).content.decode()
    assert "¿Cuándo reparan los baches?" in body
    assert "Luego un equipo lo rellena." in body


def test_article_without_the_language_falls_back_to_english_and_says_so(client, portal):
    client.cookies["django_language"] = "es"
    body = client.get(reverse("portal:article", args=["recycling-bins"])).content.decode()
    assert "Getting a new recycling bin" in body
    assert 'lang="en"' in body


def test_unpublished_article_is_404(client, portal):
    portal.bins_answer.is_published = False
    portal.bins_answer.save()
    assert client.get(reverse("portal:article", args=["recycling-bins"])).status_code == 404


def test_suggestions_fragment_lists_matching_answers(client, portal):
    response = client.get(reverse("portal:suggest"), {"q": "pothole repair"})
    assert response.status_code == 200
    assert "How fast do you repair potholes?" in response.content.decode()
    assert b"<html" not in response.content


def test_suggestions_for_nothing_are_empty(client, portal):
    response = client.get(reverse("portal:suggest"), {"q": "zzzz"})
    assert response.content.strip() == b""


def test_vote_counts_and_says_thanks(client, portal):
    url = reverse("portal:vote", args=["pothole-repair-times"])
    response = client.post(url, {"helpful": "yes"}, follow=True)
    assert "Thank you for telling us." in response.content.decode()
    portal.pothole_answer.refresh_from_db()
    assert portal.pothole_answer.helpful_count == 1


def test_kb_search_query_count(client, portal, django_assert_num_queries):
    # jurisdiction, services, their translations, the full-text search
    with django_assert_num_queries(6):
        response = client.get(reverse("portal:catalogue"), {"q": "pothole"})
    assert "How fast do you repair potholes?" in response.content.decode()


def test_answers_index_lists_every_published_answer_with_constant_queries(
    client, portal, django_assert_num_queries
):
    from knowledge.models import Category
    from knowledge.services import article_create

    url = reverse("portal:answers")
    client.get(url)
    # jurisdiction, articles with categories, translations; the chat button asks who is online
    with django_assert_num_queries(5):
        response = client.get(url)
    assert "How fast do you repair potholes?" in response.content.decode()
    streets = Category.objects.create(
        jurisdiction=portal.city.jurisdiction, slug="streets", name_en="Streets", name_es="Calles"
    )
    for n in range(4):
        article_create(
            jurisdiction=portal.city.jurisdiction,
            slug=f"extra-{n}",
            category=streets,
            translations={"en": {"title": f"Extra answer {n}", "body": "Text"}},
        )
    with django_assert_num_queries(5):
        response = client.get(url)
    body = response.content.decode()
    assert "Extra answer 3" in body
    assert body.index("Streets") < body.index("How fast do you repair potholes?")
