"""Area alerts: subscribe, confirm by email, one daily digest, feeds, one-click unsubscribe."""

from __future__ import annotations

import datetime as dt
import email
import re
from decimal import Decimal
from email import policy

import pytest
import time_machine
from django.urls import reverse

from alerts.models import AreaAlert
from alerts.services import AreaChoice, alert_confirm, alert_subscribe, send_area_digests
from cases.models import Status
from tests import factories

START = dt.datetime(2026, 11, 2, 9, 0, tzinfo=dt.UTC)


@pytest.fixture
def clock():
    with time_machine.travel(START, tick=False) as traveller:
        yield traveller


def _messages(smtp_server):
    return [
        email.message_from_bytes(raw, policy=policy.default)
        for _f, _r, raw in smtp_server.envelopes
    ]


def _body(message) -> str:
    return message.get_body(preferencelist=("plain",)).get_content()


def _subscribe(client, **data):
    fields = {
        "email": "neighbour@example.org",
        "zipcode": "",
        "lat": "",
        "long": "",
        "radius_m": "",
    }
    fields.update(data)
    return client.post(reverse("alerts:subscribe"), fields)


def test_subscribing_emails_a_confirmation_and_sends_nothing_else_until_confirmed(
    city, client, smtp_server, clock
):
    response = _subscribe(client, zipcode="60601")
    assert response.status_code == 302
    [alert] = AreaAlert.objects.all()
    assert alert.confirmed_at is None
    [message] = _messages(smtp_server)
    assert message["To"] == "neighbour@example.org"
    assert "List-Unsubscribe" in message
    link = re.search(r"http://\S+/confirm/", _body(message)).group(0)
    assert alert.token in link
    factories.make_case(city.pothole, zipcode="60601", address="1 Main St")
    clock.shift(dt.timedelta(days=2))
    assert send_area_digests().sent == 0  # unconfirmed: nothing
    assert len(smtp_server.envelopes) == 1


def test_the_confirmation_link_asks_for_a_press_before_it_confirms(city, client, clock):
    alert = alert_subscribe(
        jurisdiction=city.jurisdiction,
        email="n@example.org",
        language="en",
        area=AreaChoice(zipcode="60601"),
        services=[],
    )
    url = reverse("alerts:confirm", args=[alert.token])
    assert client.get(url).status_code == 200
    alert.refresh_from_db()
    assert alert.confirmed_at is None  # a mail scanner following the link confirms nothing
    response = client.post(url)
    assert response.status_code == 200
    alert.refresh_from_db()
    assert alert.confirmed_at == START


def test_a_digest_lists_new_and_resolved_reports_in_the_zip_and_nothing_personal(
    city, smtp_server, clock
):
    alert = alert_subscribe(
        jurisdiction=city.jurisdiction,
        email="n@example.org",
        language="en",
        area=AreaChoice(zipcode="60601"),
        services=[],
    )
    alert_confirm(alert=alert)
    smtp_server.envelopes.clear()
    clock.shift(dt.timedelta(hours=3))
    near = factories.make_case(
        city.pothole,
        zipcode="60601",
        address="12 Secret Lane",
        resident=city.rosa,
        description="My neighbour Bob Smith keeps parking on it",
    )
    factories.make_case(city.pothole, zipcode="99999", address="far away")
    older = factories.make_case(city.shelter, zipcode="60601")
    from cases.services import case_change_status

    clock.shift(dt.timedelta(hours=1))
    case_change_status(case=older, status=Status.RESOLVED, by=city.bob, tell_resident=False)
    clock.shift(dt.timedelta(days=1))
    run = send_area_digests()
    assert run.sent == 1
    [message] = _messages(smtp_server)
    body = _body(message)
    assert "Pothole" in body
    assert "Park shelter reservation" in body
    assert body.count("Pothole") == 1  # the 99999 one is not in this area
    for private in ("Secret Lane", "Bob Smith", "Rosa", "rosa@example.org", near.tracking_number):
        assert private not in body
    # The next run a day later has nothing new: no second copy of the same reports.
    clock.shift(dt.timedelta(days=1))
    assert send_area_digests().sent == 0
    assert len(smtp_server.envelopes) == 1


def test_a_point_and_radius_alert_only_counts_reports_inside_the_circle(city, smtp_server, clock):
    alert = alert_subscribe(
        jurisdiction=city.jurisdiction,
        email="n@example.org",
        language="en",
        area=AreaChoice(lat=Decimal("41.880000"), long=Decimal("-87.630000"), radius_m=300),
        services=[city.pothole],
    )
    alert_confirm(alert=alert)
    smtp_server.envelopes.clear()
    clock.shift(dt.timedelta(hours=1))
    factories.make_case(city.pothole, lat=Decimal("41.881000"), long=Decimal("-87.630000"))  # 111 m
    # Inside the bounding box but outside the circle (a corner): 300 m north and east.
    factories.make_case(city.pothole, lat=Decimal("41.882600"), long=Decimal("-87.626500"))
    factories.make_case(city.shelter, lat=Decimal("41.880100"), long=Decimal("-87.630000"))
    clock.shift(dt.timedelta(days=1))
    assert send_area_digests().sent == 1
    body = _body(_messages(smtp_server)[0])
    assert body.count("Pothole") == 1
    assert "Park shelter" not in body  # not one of the chosen services


def test_a_mail_outage_keeps_the_window_for_the_next_run(city, smtp_server, clock):
    alert = alert_subscribe(
        jurisdiction=city.jurisdiction,
        email="n@example.org",
        language="en",
        area=AreaChoice(zipcode="60601"),
        services=[],
    )
    alert_confirm(alert=alert)
    smtp_server.envelopes.clear()
    clock.shift(dt.timedelta(hours=1))
    factories.make_case(city.pothole, zipcode="60601", address="3 Elm St")
    clock.shift(dt.timedelta(days=1))
    smtp_server.stop()
    assert send_area_digests().failed == 1
    smtp_server.start()
    clock.shift(dt.timedelta(hours=1))
    assert send_area_digests().sent == 1
    assert "Pothole" in _body(_messages(smtp_server)[0])


def test_unconfirmed_subscriptions_are_deleted_after_a_week(city, smtp_server, clock):
    alert_subscribe(
        jurisdiction=city.jurisdiction,
        email="n@example.org",
        language="en",
        area=AreaChoice(zipcode="60601"),
        services=[],
    )
    clock.shift(dt.timedelta(days=8))
    assert send_area_digests().expired == 1
    assert not AreaAlert.objects.exists()


def test_one_click_unsubscribe_is_a_post_without_csrf_and_deletes_the_address(city, smtp_server):
    alert = alert_subscribe(
        jurisdiction=city.jurisdiction,
        email="n@example.org",
        language="en",
        area=AreaChoice(zipcode="60601"),
        services=[],
    )
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    url = reverse("alerts:unsubscribe", args=[alert.token])
    assert strict.get(url).status_code == 200
    assert AreaAlert.objects.exists()
    response = strict.post(url, {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    assert not AreaAlert.objects.exists()
    assert strict.post(url).status_code == 200  # twice is fine


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"email": "not-an-address", "zipcode": "60601"}, "Enter an email address like"),
        ({"zipcode": ""}, "Give a ZIP code, or a latitude"),
        ({"zipcode": "<script>"}, "Enter a ZIP code like 12345."),
        ({"lat": "41.88", "long": "-87.63", "radius_m": "9999999"}, "less than or equal to 5000"),
        ({"lat": "91", "long": "-87.63", "radius_m": "100"}, "less than or equal to 90"),
    ],
)
def test_bad_input_gets_a_specific_message_and_saves_nothing(
    city, client, smtp_server, data, message
):
    response = _subscribe(client, **data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not AreaAlert.objects.exists()
    assert smtp_server.envelopes == []


def test_a_service_of_another_town_is_refused(city, client, smtp_server):
    other = factories.make_jurisdiction(jurisdiction_id="elsewhere.example.gov", name="Elsewhere")
    foreign = factories.make_service(factories.make_department(other, "Roads"), code="road")
    response = _subscribe(client, zipcode="60601", services=[str(foreign.pk)])
    assert response.status_code == 400
    assert "Choose services from the list." in response.content.decode()
    assert not AreaAlert.objects.exists()


def test_subscribing_is_rate_limited_by_client_address(city, client, smtp_server, settings):
    from django.core.cache import cache

    cache.clear()
    for n in range(10):
        assert _subscribe(client, email=f"n{n}@example.org", zipcode="60601").status_code == 302
    assert _subscribe(client, email="n99@example.org", zipcode="60601").status_code == 429


def test_the_public_feed_is_atom_without_personal_data(city, client, clock):
    case = factories.make_case(
        city.pothole, zipcode="60601", address="12 Secret Lane", resident=city.rosa
    )
    response = client.get(reverse("alerts:public_feed"), {"zip": "60601", "service": "pothole"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    text = response.content.decode()
    assert "<feed" in text
    assert "Pothole" in text
    assert "Secret Lane" not in text
    assert "Rosa" not in text
    assert case.tracking_number in text  # only in the entry id, which is public on Open311 too
    assert client.get(reverse("alerts:public_feed"), {"zip": "<x>"}).status_code == 400
    assert client.get(reverse("alerts:public_feed"), {"service": "nope"}).status_code == 400


def test_a_subscriptions_feed_needs_its_token(city, client):
    assert client.get(reverse("alerts:feed", args=["x" * 30])).status_code == 404


def test_the_spanish_subscriber_gets_spanish_mail(city, smtp_server, clock):
    alert_subscribe(
        jurisdiction=city.jurisdiction,
        email="n@example.org",
        language="es",
        area=AreaChoice(zipcode="60601"),
        services=[],
    )
    [message] = _messages(smtp_server)
    assert "Confirme" in message["Subject"]
    assert "Para empezar" in _body(message)


def test_erasure_and_export_cover_the_subscription(city, clock):
    from privacy.registry import registered

    alert_subscribe(
        jurisdiction=city.jurisdiction,
        email=city.rosa.email,
        language="en",
        area=AreaChoice(zipcode="60601"),
        services=[],
    )
    [entry] = [e for e in registered() if e.model is AreaAlert]
    assert entry.for_resident(city.rosa).count() == 1


def test_the_digest_run_reads_a_fixed_number_of_queries_per_alert(
    city, smtp_server, clock, django_assert_max_num_queries
):
    for n in range(5):
        alert = alert_subscribe(
            jurisdiction=city.jurisdiction,
            email=f"n{n}@example.org",
            language="en",
            area=AreaChoice(zipcode="60601"),
            services=[city.pothole],
        )
        alert_confirm(alert=alert)
    clock.shift(dt.timedelta(hours=1))
    for n in range(5):
        factories.make_case(city.pothole, zipcode="60601", address=f"{n} Elm St")
    clock.shift(dt.timedelta(days=1))
    # 2 (expiry, due alerts) + per alert: services, opened (+2 prefetch), resolved, mark.
    with django_assert_max_num_queries(2 + 5 * 7):
        assert send_area_digests().sent == 5


def test_a_digest_carries_one_click_unsubscribe_headers_that_a_mail_client_can_post(
    city, smtp_server, clock
):
    """RFC 8058: List-Unsubscribe (one https-or-site URL) and List-Unsubscribe-Post; the
    client POSTs "List-Unsubscribe=One-Click" with no cookie, no CSRF token, no sign-in."""
    from urllib.parse import urlsplit

    from django.test import Client

    alert = alert_subscribe(
        jurisdiction=city.jurisdiction,
        email="n@example.org",
        language="en",
        area=AreaChoice(zipcode="60601"),
        services=[],
    )
    alert_confirm(alert=alert)
    smtp_server.envelopes.clear()
    clock.shift(dt.timedelta(hours=3))
    factories.make_case(city.pothole, zipcode="60601", address="1 Main St")
    clock.shift(dt.timedelta(days=1))
    assert send_area_digests().sent == 1
    [digest] = _messages(smtp_server)
    assert digest["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    header = str(digest["List-Unsubscribe"]).strip()  # a long header may be folded
    assert re.fullmatch(r"<https?://[^<>\s]+>", header), header
    url = header[1:-1]
    assert url.endswith(reverse("alerts:unsubscribe", args=[alert.token]))

    mail_client = Client(enforce_csrf_checks=True)
    response = mail_client.post(
        urlsplit(url).path,
        data="List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 200
    assert not AreaAlert.objects.filter(pk=alert.pk).exists()
