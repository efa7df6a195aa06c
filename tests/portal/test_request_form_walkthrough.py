"""The request form after the walkthrough (issue 11): per-service location and photos,
the description kept out of URLs, a confirmation that repeats the answers."""

from __future__ import annotations

import pytest
from django.urls import reverse

from cases.models import Case
from catalogue.models import Service
from portal.models import OptionTranslation
from tests import factories

URL = reverse("portal:request", args=["pothole"])


@pytest.fixture
def cart(portal):  # type: ignore[no-untyped-def]
    """A recycling-cart order: an address to deliver to, no map pin, no photos."""
    return factories.make_service(
        portal.city.public_works,
        code="recycle-bin",
        name="Recycling cart",
        needs_location=True,
        location_prompt=Service.LocationPrompt.ADDRESS,
        asks_photos=False,
    )


def _details(client, url, description="Please bring a cart"):  # type: ignore[no-untyped-def]
    return client.post(url, {"step": "describe", "description": description})


def test_step_one_posts_so_the_description_never_reaches_the_url(client, portal):
    page = client.get(URL).content.decode()
    assert 'method="post"' in page
    assert 'name="step" value="describe"' in page


def test_step_two_comes_from_the_post_and_keeps_the_description(client, portal):
    response = _details(client, URL, "A deep hole by the school")
    assert response.status_code == 200
    assert "A deep hole by the school" in response.content.decode()


def test_a_description_in_the_query_string_is_ignored(client, portal):
    page = client.get(URL, {"description": "private words"}).content.decode()
    assert "private words" not in page
    assert 'name="step" value="describe"' in page


def test_the_kiosk_keeps_the_description_out_of_the_url_too(client, portal):
    url = reverse("portal:kiosk:request", args=["pothole"])
    assert 'method="post"' in client.get(url).content.decode()
    assert "A hole" in _details(client, url, "A hole").content.decode()


def test_a_cart_order_asks_for_an_address_without_a_map_or_photos(client, cart):
    page = _details(client, reverse("portal:request", args=["recycle-bin"])).content.decode()
    assert "Which address is it for?" in page
    assert 'name="address"' in page
    assert "drop a pin" not in page
    assert 'name="lat"' not in page
    assert 'name="photos"' not in page


def test_a_pothole_still_asks_where_the_problem_is_with_a_pin_and_photos(client, portal):
    page = _details(client, URL).content.decode()
    assert "drop a pin where the problem is" in page
    assert 'name="photos"' in page


def test_a_service_that_asks_no_location_shows_no_location_fields(client, portal):
    factories.make_service(
        portal.city.parks,
        code="tax-question",
        name="Tax question",
        location_prompt=Service.LocationPrompt.NONE,
        asks_photos=False,
    )
    page = _details(client, reverse("portal:request", args=["tax-question"])).content.decode()
    assert 'name="address"' not in page
    assert 'name="photos"' not in page


def test_coordinates_sent_to_an_address_only_service_are_not_kept(client, cart):
    client.post(
        reverse("portal:request", args=["recycle-bin"]),
        {
            "description": "New cart",
            "q_size": "small",
            "address": "3 Oak St",
            "lat": "40.1",
            "long": "-74.1",
            "email": "pat@example.org",
            "channel": "email",
            "language": "en",
        },
    )
    case = Case.objects.get()
    assert case.address == "3 Oak St"
    assert case.lat is None


def test_the_confirmation_repeats_the_answers_in_the_residents_language(client, portal):
    option = portal.city.pothole.questions.get(code="size").options.get(key="large")
    OptionTranslation.objects.create(option=option, language="es", name="Grande")
    client.post(reverse("set_language"), {"language": "es"})
    response = client.post(
        URL,
        {
            "description": "Hoyo profundo",
            "q_size": "large",
            "q_depth": "4",
            "address": "12 Main St",
            "email": "pat@example.org",
            "channel": "email",
            "language": "es",
        },
    )
    page = client.get(response["Location"]).content.decode()
    assert "Grande" in page
    assert "12 Main St" in page
    assert "How deep is it, in inches?" in page  # no Spanish text given for this question
    assert ">4<" in page
