"""The portal's partner pages without JavaScript, Open311 requests/nearby, and staff
suggestions: what is shown, what is never shown, and how many queries a page takes."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from cases.models import Case, OutboxMessage, Status
from cases.services import case_change_status
from engagement.models import CaseInterest, Follow
from engagement.services import follow_confirm, follow_start
from open311.services import api_key_create
from tests import factories
from tests.engagement.conftest import FAR, NEAR, SPOT

pytestmark = pytest.mark.django_db
FORM = reverse("portal:request", args=["pothole"])


def _form(**overrides: str) -> dict[str, str]:
    data = {
        "description": "A hole by the bus stop",
        "q_size": "large",
        "address": "14 Main St",
        "lat": f"{NEAR[0]:.6f}",
        "long": f"{NEAR[1]:.6f}",
        "full_name": "Pat Doe",
        "email": "pat@example.org",
        "phone": "",
        "channel": "email",
        "language": "en",
    }
    data.update(overrides)
    return data


# --- The duplicate step ----------------------------------------------------------------------


def test_a_pin_next_to_an_open_pothole_is_offered_it_before_sending(
    client: Any, city: Any, pothole_case: Case
):
    response = client.post(FORM, _form())
    body = response.content.decode()
    assert response.status_code == 200
    assert "Already reported 33 m away on" in body
    assert pothole_case.tracking_number in body
    assert "Rita" not in body
    assert "12 Main" not in body
    assert "ruined" not in body
    assert Case.objects.count() == 1  # nothing sent yet
    assert 'name="duplicates_seen"' in body
    assert "Send my report anyway" in body


def test_sending_anyway_makes_the_new_case(client: Any, city: Any, pothole_case: Case):
    response = client.post(FORM, _form(duplicates_seen="1"))
    assert response.status_code == 302
    assert Case.objects.count() == 2


def test_a_pin_far_away_is_sent_at_once(client: Any, city: Any, pothole_case: Case):
    response = client.post(FORM, _form(lat=f"{FAR[0]:.6f}", long=f"{FAR[1]:.6f}"))
    assert response.status_code == 302


def test_following_instead_adds_the_resident_to_that_case_and_opens_no_new_one(
    client: Any, city: Any, pothole_case: Case
):
    url = reverse("portal:report_follow", args=[pothole_case.tracking_number])
    response = client.post(
        url, {"channel": "email", "email": "pat@example.org", "phone": "", "me_too": "1"}
    )
    assert response.status_code == 200
    assert "Check your email" in response.content.decode()
    follow = Follow.objects.get(case=pothole_case)
    assert follow.resident.email == "pat@example.org"
    assert not follow.is_active
    assert OutboxMessage.objects.filter(resident=follow.resident, kind="follow_confirm").exists()
    assert CaseInterest.objects.get(case=pothole_case).me_too_count == 1
    assert Case.objects.count() == 1


def test_the_nearby_fragment_for_the_script(client: Any, city: Any, pothole_case: Case):
    url = reverse("portal:nearby", args=["pothole"])
    body = client.get(url, {"lat": NEAR[0], "long": NEAR[1]}).content.decode()
    assert pothole_case.tracking_number in body
    assert 'name="duplicates_seen"' in body
    assert client.get(url, {"lat": "x", "long": "1"}).content.strip() == b""


# --- The map and a public report --------------------------------------------------------------


def test_the_map_lists_open_and_recently_fixed_reports_without_personal_data(
    client: Any, city: Any, pothole_case: Case
):
    fixed = factories.make_case(city.pothole, resident=city.rosa, lat=FAR[0], long=FAR[1])
    case_change_status(case=fixed, status=Status.RESOLVED, by=city.alice)
    private = factories.make_case(city.shelter, resident=city.rosa)
    body = client.get(reverse("portal:map")).content.decode()
    assert pothole_case.tracking_number in body
    assert fixed.tracking_number in body
    assert private.tracking_number not in body
    for secret in ("Rita", "Rosa", "12 Main", "ruined", "40.712800"):
        assert secret not in body
    assert 'data-lat="40.713000"' in body or 'data-lat="40.713"' in body  # rounded


def test_the_map_filters_by_status_and_service(client: Any, city: Any, pothole_case: Case):
    fixed = factories.make_case(city.pothole, resident=city.rosa, lat=FAR[0], long=FAR[1])
    case_change_status(case=fixed, status=Status.RESOLVED, by=city.alice)
    open_only = client.get(reverse("portal:map"), {"status": "open"}).content.decode()
    assert pothole_case.tracking_number in open_only
    assert fixed.tracking_number not in open_only
    resolved = client.get(reverse("portal:map"), {"status": "resolved"}).content.decode()
    assert fixed.tracking_number in resolved
    assert pothole_case.tracking_number not in resolved
    other = client.get(reverse("portal:map"), {"service": "nope"}).content.decode()
    assert pothole_case.tracking_number in other  # an unknown service is ignored


def test_an_overdue_report_says_so(client: Any, city: Any, pothole_case: Case):
    Case.objects.filter(pk=pothole_case.pk).update(
        resolution_due=timezone.now() - dt.timedelta(days=1)
    )
    overdue = client.get(reverse("portal:map"), {"status": "overdue"}).content.decode()
    assert pothole_case.tracking_number in overdue
    assert "Overdue" in overdue


def test_the_map_is_paged(client: Any, city: Any, settings: Any):
    settings.ENGAGEMENT_MAP_PAGE_SIZE = 2
    for i in range(3):
        factories.make_case(city.pothole, resident=city.rita, lat=SPOT[0] + i / 100, long=SPOT[1])
    first = client.get(reverse("portal:map")).content.decode()
    assert 'rel="next"' in first
    assert first.count('class="tracking-number"') == 2
    second = client.get(reverse("portal:map"), {"page": "2"}).content.decode()
    assert 'rel="prev"' in second
    assert second.count('class="tracking-number"') == 1
    assert client.get(reverse("portal:map"), {"page": "x"}).status_code == 200


def test_the_map_takes_the_same_queries_for_3_or_20_reports(
    client: Any, city: Any, django_assert_max_num_queries: Any
):
    for i in range(20):
        factories.make_case(city.pothole, resident=city.rita, lat=SPOT[0] + i / 1000, long=SPOT[1])
    with django_assert_max_num_queries(12):
        response = client.get(reverse("portal:map"))
    assert response.content.decode().count('class="tracking-number"') == 20


def test_me_too_counts_a_browser_once(client: Any, city: Any, pothole_case: Case):
    url = reverse("portal:report_me_too", args=[pothole_case.tracking_number])
    assert "you are counted" in client.post(url).content.decode()
    assert "already counted" in client.post(url).content.decode()
    assert CaseInterest.objects.get(case=pothole_case).me_too_count == 1


def test_a_private_service_has_no_public_report_page(client: Any, city: Any):
    case = factories.make_case(city.shelter, resident=city.rosa)
    assert client.get(reverse("portal:report", args=[case.tracking_number])).status_code == 404


# --- The follower's links ---------------------------------------------------------------------


def test_the_confirm_link_shows_a_button_and_confirms_only_on_post(
    client: Any, city: Any, pothole_case: Case
):
    follow = follow_start(case=pothole_case, channel="email", email="pat@example.org")
    url = reverse("portal:follow_confirm", args=[follow.token])
    assert "Confirm" in client.get(url).content.decode()
    follow.refresh_from_db()
    assert not follow.is_active  # a link scanner's GET confirms nothing
    response = client.post(url)
    assert response.status_code == 302
    follow.refresh_from_db()
    assert follow.is_active


def test_one_click_unsubscribe_works_without_a_form_of_ours(city: Any, pothole_case: Case):
    follow = follow_confirm(
        follow=follow_start(case=pothole_case, channel="email", email="pat@example.org")
    )
    strict = Client(enforce_csrf_checks=True)
    url = reverse("portal:follow_unsubscribe", args=[follow.token])
    assert "Stop updates" in strict.get(url).content.decode()
    response = strict.post(url, {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    assert "no more updates" in response.content.decode()
    follow.refresh_from_db()
    assert follow.unsubscribed_at is not None


def test_a_wrong_token_is_404(client: Any, city: Any):
    assert client.get(reverse("portal:follow_manage", args=["nope"])).status_code == 404


def test_a_follower_says_still_not_fixed_from_their_link(
    client: Any, city: Any, pothole_case: Case
):
    follow = follow_confirm(
        follow=follow_start(case=pothole_case, channel="email", email="pat@example.org")
    )
    case_change_status(case=pothole_case, status=Status.RESOLVED, by=city.alice)
    page = client.get(reverse("portal:follow_manage", args=[follow.token])).content.decode()
    assert "Still not fixed?" in page
    response = client.post(
        reverse("portal:follow_not_fixed", args=[follow.token]), {"details": "Still a hole"}
    )
    assert response.status_code == 200
    assert "We reopened" in response.content.decode()
    pothole_case.refresh_from_db()
    assert pothole_case.status == Status.IN_PROGRESS


def test_the_reporter_says_still_not_fixed_from_the_tracking_page(client: Any, city: Any):
    client.post(FORM, _form(lat="", long=""))
    case = Case.objects.get()
    case_change_status(case=case, status=Status.RESOLVED, by=city.alice)
    page = client.get(reverse("portal:case", args=[case.tracking_number])).content.decode()
    assert "Still not fixed?" in page
    response = client.post(
        reverse("portal:not_fixed", args=[case.tracking_number]), {"details": ""}
    )
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.status == Status.IN_PROGRESS


def test_someone_else_cannot_say_not_fixed_on_a_case_they_did_not_file(
    client: Any, city: Any, pothole_case: Case
):
    case_change_status(case=pothole_case, status=Status.RESOLVED, by=city.alice)
    url = reverse("portal:not_fixed", args=[pothole_case.tracking_number])
    assert client.post(url, {"details": "x"}).status_code == 404


# --- Open311 ------------------------------------------------------------------------------------


def test_open311_nearby_json_lists_open_requests_without_personal_data(
    client: Any, city: Any, pothole_case: Case
):
    url = "/open311/v2/requests/nearby.json"
    response = client.get(url, {"lat": NEAR[0], "long": NEAR[1], "service_code": "pothole"})
    assert response.status_code == 200
    [row] = json.loads(response.content)
    assert row["service_request_id"] == pothole_case.tracking_number
    assert 30 <= row["distance_m"] <= 36
    assert row["lat"] == 40.713
    text = response.content.decode()
    for secret in ("Rita", "12 Main", "ruined", "description", "address"):
        assert secret not in text
    xml = client.get(url.replace(".json", ".xml"), {"lat": 1, "long": 1, "service": "pothole"})
    assert xml.status_code == 200
    assert b"<service_requests" in xml.content


def test_open311_nearby_refuses_bad_input_in_the_spec_format(client: Any, city: Any):
    url = "/open311/v2/requests/nearby.json"
    assert (
        client.get(url, {"lat": "north", "long": 1, "service_code": "pothole"}).status_code == 400
    )
    assert client.get(url, {"lat": 91, "long": 1, "service_code": "pothole"}).status_code == 400
    assert client.get(url, {"lat": 1, "long": 1}).status_code == 400
    assert client.get(url, {"lat": 1, "long": 1, "service_code": "nope"}).status_code == 404


def test_open311_post_with_extensions_names_possible_duplicates(
    client: Any, city: Any, pothole_case: Case
):
    api_key_create(name="App", key="k" * 32)
    response = client.post(
        "/open311/v2/requests.json",
        {
            "api_key": "k" * 32,
            "service_code": "pothole",
            "lat": NEAR[0],
            "long": NEAR[1],
            "email": "pat@example.org",
            "attribute[size]": "large",
            "extensions": "true",
        },
    )
    assert response.status_code == 200, response.content
    [row] = json.loads(response.content)
    duplicates = row["extended_attributes"]["possible_duplicates"]
    assert [d["service_request_id"] for d in duplicates] == [pothole_case.tracking_number]


# --- Staff ------------------------------------------------------------------------------------


def test_staff_see_suggested_duplicates_and_compare_them_before_merging(
    city: Any, pothole_case: Case
):
    second = factories.make_case(city.pothole, resident=city.rosa, lat=NEAR[0], long=NEAR[1])
    staff = Client()
    staff.force_login(city.sam)
    page = staff.get(reverse("workspace:case", args=[second.tracking_number])).content.decode()
    assert "Suggested duplicates" in page
    assert pothole_case.tracking_number in page
    compare = reverse("workspace:merge_compare", args=[second.tracking_number])
    assert f"{compare}?into={pothole_case.tracking_number}" in page
    side_by_side = staff.get(compare, {"into": pothole_case.tracking_number})
    assert side_by_side.status_code == 200
    staff.post(
        reverse("workspace:case_action", args=[second.tracking_number, "merge"]),
        {"into": pothole_case.tracking_number, "confirm": "yes"},
    )
    second.refresh_from_db()
    assert second.merged_into_id == pothole_case.pk


def test_the_kiosk_offers_the_nearby_report_too(client: Any, city: Any, pothole_case: Case):
    response = client.post(reverse("portal:kiosk:request", args=["pothole"]), _form())
    body = response.content.decode()
    assert "Already reported 33 m away on" in body
    assert reverse("portal:kiosk:report_follow", args=[pothole_case.tracking_number]) in body
    assert Case.objects.count() == 1


def test_insights_read_the_most_affected_cases(city: Any, pothole_case: Case):
    from engagement.selectors import engagement_summary
    from engagement.services import me_too_add, me_too_key

    me_too_add(case=pothole_case, key=me_too_key(session_key="a"))
    [row] = engagement_summary(city.jurisdiction)
    assert row.case == pothole_case
    assert row.me_too_count == 1
