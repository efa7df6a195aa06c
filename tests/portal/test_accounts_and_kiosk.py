"""Resident accounts (their own requests) and the kiosk's shared-device rules."""

from __future__ import annotations

from django.urls import reverse

from cases.models import Case, Channel
from tests import factories

PASSWORD = "a long resident passphrase"


def sign_up(client, email="pat@example.org"):  # type: ignore[no-untyped-def]
    return client.post(
        reverse("portal:sign_up"),
        {"full_name": "Pat", "email": email, "password": PASSWORD},
    )


def test_sign_up_signs_in_and_shows_my_requests(client, portal):
    response = sign_up(client)
    assert response.status_code == 302
    assert client.get(reverse("portal:my_cases")).status_code == 200


def test_sign_up_refuses_a_weak_password_and_a_taken_email(client, portal):
    body = client.post(
        reverse("portal:sign_up"), {"full_name": "P", "email": "p@example.org", "password": "short"}
    ).content.decode()
    assert "at least 12 characters" in body
    sign_up(client)
    client.post(reverse("portal:sign_out"))
    body = sign_up(client).content.decode()
    assert "An account with this email already exists." in body


def test_requests_made_signed_in_are_listed_with_a_constant_query_count(
    client, portal, django_assert_num_queries
):
    sign_up(client)
    url = reverse("portal:request", args=["pothole"])
    data = {"description": "Hole", "q_size": "small", "address": "1 A St"}
    client.post(url, data)
    client.get(reverse("portal:my_cases"))
    with django_assert_num_queries(10) as first:
        client.get(reverse("portal:my_cases"))
    expected = len(first)  # read now: the next request resets the query log
    for _ in range(3):
        client.post(url, data)
    with django_assert_num_queries(expected):
        response = client.get(reverse("portal:my_cases"))
    mine = Case.objects.filter(resident__user__email="pat@example.org")
    assert mine.count() == 4
    for case in mine:
        assert case.tracking_number in response.content.decode()
    # and each opens without the tracking form
    assert client.get(reverse("portal:case", args=[mine[0].tracking_number])).status_code == 200


def test_others_cases_are_not_listed_or_opened(client, portal):
    other = factories.make_case(portal.city.pothole, resident=portal.city.rita, address="x")
    sign_up(client, email="rita@example.org")  # same email, but not verified: no access
    assert other.tracking_number not in client.get(reverse("portal:my_cases")).content.decode()
    assert client.get(reverse("portal:case", args=[other.tracking_number])).status_code == 404


def test_my_requests_needs_sign_in(client, portal):
    response = client.get(reverse("portal:my_cases"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("portal:sign_in"))


def test_sign_in_ignores_an_outside_next_url(client, portal):
    sign_up(client)
    client.post(reverse("portal:sign_out"))
    response = client.post(
        reverse("portal:sign_in"),
        {"username": "pat@example.org", "password": PASSWORD, "next": "https://evil.example/"},
    )
    assert response["Location"] == reverse("portal:my_cases")


def test_kiosk_session_is_short_and_not_cached(client, portal):
    response = client.get(reverse("portal:kiosk:home"))
    assert response["Cache-Control"] == "no-store"
    assert 0 < client.session.get_expiry_age() <= 300
    assert b"data-idle-seconds" in response.content


def test_kiosk_forms_do_not_autocomplete(client, portal):
    url = reverse("portal:kiosk:request", args=["pothole"])
    body = client.post(url, {"step": "describe", "description": "hole"}).content.decode()
    assert '<form method="post" enctype="multipart/form-data"' in body
    assert 'autocomplete="off"' in body
    assert 'autocomplete="email"' not in body


def test_kiosk_request_is_a_kiosk_case_and_reset_forgets_it(client, portal):
    url = reverse("portal:kiosk:request", args=["pothole"])
    response = client.post(
        url,
        {"description": "Hole", "q_size": "small", "address": "1 A St", "anonymous": "1"},
    )
    case = Case.objects.get()
    assert case.channel == Channel.KIOSK
    assert response["Location"] == reverse("portal:kiosk:submitted", args=[case.tracking_number])
    assert client.get(response["Location"]).status_code == 200
    client.post(reverse("portal:kiosk:reset"))
    assert client.get(response["Location"]).status_code == 404


def test_kiosk_language_lives_in_the_session_not_a_cookie(client, portal):
    response = client.post(
        reverse("portal:kiosk:language"), {"language": "es", "next": "/kiosk/services/"}
    )
    assert response["Location"] == "/kiosk/services/"
    assert "django_language" not in response.cookies
    assert '<html lang="es">' in client.get("/kiosk/").content.decode()


def test_kiosk_language_refuses_an_outside_next(client, portal):
    response = client.post(
        reverse("portal:kiosk:language"), {"language": "es", "next": "https://evil.example/"}
    )
    assert response["Location"] == reverse("portal:kiosk:home")


def _link_path(message_body: str) -> str:
    import re

    found = re.search(r"https?://[^/\s]+(/account/verify/\S+/)", message_body)
    assert found, message_body
    return found.group(1)


def test_a_verified_email_shows_requests_made_before_sign_up(client, portal, mailoutbox):
    # Given Rita made a request before she had an account
    earlier = factories.make_case(portal.city.pothole, resident=portal.city.rita, address="x")
    # When she signs up and opens the link we emailed her
    sign_up(client, email="rita@example.org")
    assert [m.to for m in mailoutbox] == [["rita@example.org"]]
    response = client.get(_link_path(mailoutbox[0].body))
    # Then the earlier request is hers to see
    assert response["Location"] == reverse("portal:my_cases")
    assert earlier.tracking_number in client.get(reverse("portal:my_cases")).content.decode()
    assert client.get(reverse("portal:case", args=[earlier.tracking_number])).status_code == 200


def test_a_verification_link_works_only_for_its_own_account(client, portal, mailoutbox):
    sign_up(client, email="rita@example.org")
    link = _link_path(mailoutbox[0].body)
    client.post(reverse("portal:sign_out"))
    sign_up(client, email="mallory@example.org")
    response = client.get(link)
    assert response.status_code == 400
    assert "This link was sent to another account." in response.content.decode()


def test_a_tampered_verification_link_is_refused(client, portal, mailoutbox):
    sign_up(client)
    response = client.get(reverse("portal:verify_email", args=["garbage:token"]))
    assert response.status_code == 400
    assert "This link is not valid." in response.content.decode()
