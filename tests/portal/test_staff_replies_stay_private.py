"""Staff's standard replies (with {resident_name} placeholders) never reach resident pages."""

from __future__ import annotations

import pytest
from django.urls import reverse

from knowledge.services import article_create


@pytest.fixture
def staff_reply(portal):  # type: ignore[no-untyped-def]
    return article_create(
        jurisdiction=portal.city.jurisdiction,
        slug="pothole-scheduled-reply",
        is_standard_answer=True,
        related_services=[portal.city.pothole],
        translations={
            "en": {
                "title": "Pothole repair scheduled",
                "summary": "Standard reply: pothole repair scheduled",
                "body": "Hello {resident_name},\n\nYour pothole repair is scheduled.",
            }
        },
    )


def test_the_answers_index_leaves_out_standard_replies(client, staff_reply):
    page = client.get(reverse("portal:answers")).content.decode()
    assert "How fast do you repair potholes?" in page
    assert "Pothole repair scheduled" not in page
    assert "{resident_name}" not in page


def test_search_and_suggestions_leave_out_standard_replies(client, staff_reply):
    results = client.get(reverse("portal:catalogue"), {"q": "pothole repair"}).content.decode()
    suggestions = client.get(reverse("portal:suggest"), {"q": "pothole repair"}).content.decode()
    assert "How fast do you repair potholes?" in results
    assert "Pothole repair scheduled" not in results
    assert "Pothole repair scheduled" not in suggestions


def test_a_standard_reply_has_no_public_page_or_vote(client, staff_reply):
    url = reverse("portal:article", args=[staff_reply.slug])
    assert client.get(url).status_code == 404
    assert client.post(reverse("portal:vote", args=[staff_reply.slug])).status_code == 404


def test_the_service_page_leaves_out_standard_replies(client, staff_reply):
    page = client.get(reverse("portal:service", args=["pothole"])).content.decode()
    assert "Pothole repair scheduled" not in page
