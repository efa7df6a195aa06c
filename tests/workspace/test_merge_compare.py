"""Merging shows both cases side by side first, and only a confirmed POST merges."""

from __future__ import annotations

import pytest
from django.urls import reverse

from cases.models import Case
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def pair(city):
    master = factories.make_case(
        city.pothole, resident=city.rita, address="14 Elm Street", description="Deep hole"
    )
    duplicate = factories.make_case(
        city.pothole, resident=city.rosa, address="14 Elm St", description="Big pothole"
    )
    return master, duplicate


def compare_url(case, into):
    return reverse("workspace:merge_compare", args=[case.tracking_number]) + f"?into={into}"


def test_the_compare_page_shows_both_cases_and_a_confirm_button(city, login, pair):
    master, duplicate = pair

    response = login(city.sam).get(compare_url(duplicate, master.tracking_number.lower()))

    assert response.status_code == 200
    text = response.text
    assert "14 Elm Street" in text
    assert "14 Elm St<" in text
    assert "Deep hole" in text
    assert "Big pothole" in text
    assert "Rosa Díaz" in text
    assert "Rita Moreno" in text
    assert f"Yes, merge {duplicate.tracking_number} into {master.tracking_number}" in text
    assert Case.objects.get(pk=duplicate.pk).merged_into is None


def test_a_merge_post_without_confirmation_goes_to_the_compare_page(city, login, pair):
    master, duplicate = pair

    response = login(city.sam).post(
        reverse("workspace:case_action", args=[duplicate.tracking_number, "merge"]),
        {"into": master.tracking_number},
    )

    assert response.status_code == 302
    assert response.url == compare_url(duplicate, master.tracking_number)
    assert Case.objects.get(pk=duplicate.pk).merged_into is None


def test_the_confirmed_merge_merges(city, login, pair):
    master, duplicate = pair

    login(city.sam).post(
        reverse("workspace:case_action", args=[duplicate.tracking_number, "merge"]),
        {"into": master.tracking_number, "confirm": "yes"},
    )

    assert Case.objects.get(pk=duplicate.pk).merged_into == master


@pytest.mark.parametrize(
    ("into", "message"),
    [
        ("", "Enter the tracking number of the case to merge into."),
        ("ZZZZZ-ZZZZZ", "No case ZZZZZ-ZZZZZ in your queue."),
        ("self", "A case cannot be merged into itself."),
    ],
)
def test_the_compare_page_refuses_a_wrong_target_with_the_reason(city, login, pair, into, message):
    _master, duplicate = pair
    into = duplicate.tracking_number if into == "self" else into

    response = login(city.sam).get(compare_url(duplicate, into), follow=True)

    assert message in response.text
    assert response.redirect_chain[-1][0] == reverse(
        "workspace:case", args=[duplicate.tracking_number]
    )


def test_an_agent_cannot_open_the_compare_page(city, login, pair):
    master, duplicate = pair

    response = login(city.alice).get(compare_url(duplicate, master.tracking_number))

    assert response.status_code == 403


def test_the_compare_page_marks_what_differs(city, login, pair):
    master, duplicate = pair

    text = login(city.sam).get(compare_url(duplicate, master.tracking_number)).text

    def marked(label):
        return text.count(f'{label} <span class="badge badge-today">differs</span>')

    assert marked("Where") == 2
    assert marked("Resident") == 2
    assert marked("Service") == 0
    assert marked("Status") == 0
