"""Home, catalogue, search and service pages: content, language and query counts."""

from __future__ import annotations

from django.urls import reverse

from tests import factories


def test_home_lists_groups_and_services(client, portal):
    response = client.get(reverse("portal:home"))
    assert response.status_code == 200
    body = response.content.decode()
    assert "Streets and sidewalks" in body
    assert "Pothole" in body
    assert "Park shelter reservation" in body  # ungrouped: under "Other services"
    assert "Other services" in body


def test_catalogue_query_count_does_not_grow_with_services(
    client, portal, django_assert_num_queries
):
    url = reverse("portal:catalogue")
    client.get(url)  # warm the session and calendar caches
    # jurisdiction, groups, group translations, services, service translations
    with django_assert_num_queries(7):
        client.get(url)
    for n in range(5):
        factories.make_service(portal.city.public_works, name=f"Extra {n}")
    with django_assert_num_queries(7):
        response = client.get(url)
    assert "Extra 4" in response.content.decode()


def test_search_finds_services_and_answers(client, portal, django_assert_num_queries):
    url = reverse("portal:catalogue")
    with django_assert_num_queries(6):
        response = client.get(url, {"q": "pothole"})
    body = response.content.decode()
    assert "How fast do you repair potholes?" in body
    assert reverse("portal:service", args=["pothole"]) in body


def test_search_text_is_escaped(client, portal):
    response = client.get(reverse("portal:catalogue"), {"q": "<script>alert(1)</script>"})
    assert response.status_code == 200
    assert b"<script>alert(1)" not in response.content
    assert b"&lt;script&gt;alert(1)" in response.content


def test_service_page_explains_before_the_form(client, portal):
    response = client.get(reverse("portal:service", args=["pothole"]))
    body = response.content.decode()
    assert "Where the pothole is, and how big." in body
    assert "We inspect the site" in body
    assert "usually within 2 working days" in body
    assert "We will look at every report." in body
    assert "If you ask today, we will finish by" in body
    assert "How fast do you repair potholes?" in body  # related answer


def test_service_page_in_spanish(client, portal):
    client.cookies["django_language"] = "es"
    response = client.get(reverse("portal:service", args=["pothole"]))
    body = response.content.decode()
    assert '<html lang="es">' in body
    assert "Bache" in body
    assert "Dónde está el bache y su tamaño." in body
    assert "Inspeccionamos el lugar" in body
    assert "Revisaremos cada informe." in body
    assert "¿Cuándo reparan los baches?" in body


def test_unknown_service_is_404(client, portal):
    assert client.get(reverse("portal:service", args=["nope"])).status_code == 404


def test_inactive_service_is_404(client, portal):
    portal.city.shelter.is_active = False
    portal.city.shelter.save()
    assert client.get(reverse("portal:service", args=["park-shelter"])).status_code == 404


def test_unknown_pages_get_a_helpful_404_in_the_residents_language(client, portal):
    client.cookies["django_language"] = "es"
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "Página no encontrada" in response.content.decode()


def test_bookable_service_page_links_to_its_calendars_instead_of_a_form(client, portal):
    from bookings.models import BookableResource

    shelter = portal.city.shelter
    BookableResource.objects.create(
        service=shelter,
        jurisdiction=shelter.jurisdiction,
        slug="elm-park-shelter",
        name="Elm Park shelter",
    )

    body = client.get(reverse("portal:service", args=[shelter.service_code])).content.decode()
    plain = client.get(reverse("portal:service", args=["pothole"])).content.decode()

    assert reverse("bookings:calendar", args=["elm-park-shelter"]) in body
    assert "Elm Park shelter" in body
    assert reverse("portal:request", args=[shelter.service_code]) not in body
    assert reverse("portal:request", args=["pothole"]) in plain
    assert reverse("bookings:list") in plain  # the nav offers bookings on every page


def test_bookings_link_in_spanish(client, portal):
    client.cookies["django_language"] = "es"
    body = client.get(reverse("portal:home")).content.decode()
    assert ">Reservar</a>" in body
