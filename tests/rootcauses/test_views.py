"""The root-cause pages: who sees them, what they list, paging and query counts, the
decision form, and Spanish."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client

from catalogue.models import StandardStep
from rootcauses.models import DriftProposal, HotSpot, ProposalStatus, Spike
from rootcauses.services import root_causes_refresh
from tests.rootcauses.conftest import RIVER_ROAD, offset, plant
from tests.rootcauses.test_drift import _history
from tests.rootcauses.test_spikes import SPIKE_DAY, TUESDAYS

PAGES = [
    "/staff/root-causes/",
    "/staff/root-causes/hot-spots/",
    "/staff/root-causes/repeats/",
    "/staff/root-causes/drift/",
    "/staff/root-causes/drift/proposals/",
]


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def planted(city):
    for day in TUESDAYS:
        if day != SPIKE_DAY:
            plant(city.pothole, day, 6)
    plant(city.pothole, SPIKE_DAY, 20)
    root_causes_refresh()
    return city


@pytest.mark.parametrize("url", PAGES)
def test_an_agent_is_refused_and_a_visitor_is_sent_to_sign_in(city, url):
    assert _client(city.alice).get(url).status_code == 403
    response = Client().get(url)
    assert response.status_code == 302
    assert response["Location"].startswith("/staff/login/")


@pytest.mark.parametrize("url", PAGES)
def test_a_supervisor_reads_every_page(city, url):
    assert _client(city.sam).get(url).status_code == 200


def test_the_spike_lists_its_cases_and_links_into_the_queue(planted):
    client = _client(planted.sam)
    spike = Spike.objects.filter(period="day").exclude(cell="").get()

    listing = client.get("/staff/root-causes/")
    page = client.get(f"/staff/root-causes/spikes/{spike.pk}/")

    assert f"/staff/root-causes/spikes/{spike.pk}/" in listing.content.decode()
    body = page.content.decode()
    queue = f"service={spike.service_id}&amp;created_from=2026-03-10&amp;created_to=2026-03-10"
    assert queue in body
    assert "openstreetmap.org" in body
    assert body.count("/staff/cases/") == 20
    assert page.context["page"].paginator.count == 20


def test_a_supervisor_of_another_department_sees_none_of_it(planted):
    from accounts.roles import Role
    from tests import factories

    other = factories.make_staff("pat", Role.SUPERVISOR, planted.parks)
    client = _client(other)
    spike = Spike.objects.first()

    assert client.get("/staff/root-causes/").context["page"].paginator.count == 0
    assert client.get(f"/staff/root-causes/spikes/{spike.pk}/").status_code == 404


def test_the_spike_list_reads_a_bounded_number_of_queries(planted, django_assert_max_num_queries):
    client = _client(planted.sam)
    client.get("/staff/root-causes/")  # warm the session
    with django_assert_max_num_queries(12):
        response = client.get("/staff/root-causes/")
    assert response.status_code == 200


def test_lists_are_paged_with_the_same_queries_for_more_rows(city, django_assert_max_num_queries):
    for n in range(30):
        plant(city.pothole, dt.date(2026, 3, 2), 5, where=offset(RIVER_ROAD, n))
    root_causes_refresh()
    assert HotSpot.objects.count() == 30
    client = _client(city.sam)
    client.get("/staff/root-causes/hot-spots/")
    with django_assert_max_num_queries(12):
        first = client.get("/staff/root-causes/hot-spots/")
    second = client.get("/staff/root-causes/hot-spots/?page=2")
    assert len(first.context["rows"]) == 25
    assert len(second.context["rows"]) == 5
    hot = HotSpot.objects.first()
    with django_assert_max_num_queries(14):
        assert client.get(f"/staff/root-causes/hot-spots/{hot.pk}/").status_code == 200


@pytest.fixture
def proposal(city):
    from tests import factories

    inspection = factories.make_service(
        city.public_works,
        code="building-inspection",
        name="Building inspection",
        steps=[("We inspect the site", 2, "business_days")],
    )
    _history(inspection, inspect_days=4)
    root_causes_refresh()
    return DriftProposal.objects.get()


def test_the_drift_page_shows_the_trend_and_the_proposal(
    city, proposal, django_assert_max_num_queries
):
    client = _client(city.sam)
    client.get("/staff/root-causes/drift/")
    with django_assert_max_num_queries(14):
        response = client.get("/staff/root-causes/drift/")
    body = response.content.decode()
    assert "We inspect the site" in body
    assert "×2.0" in body
    assert f"/staff/root-causes/drift/proposals/{proposal.pk}/" in body


def test_a_department_admin_accepts_through_the_page(city, proposal, dora):
    client = _client(dora)
    assert (
        b"Record the decision"
        in client.get(f"/staff/root-causes/drift/proposals/{proposal.pk}/").content
    )

    response = client.post(
        f"/staff/root-causes/drift/proposals/{proposal.pk}/", {"decision": "accept", "reason": ""}
    )

    assert response.status_code == 302
    proposal.refresh_from_db()
    assert (proposal.status, proposal.decided_by) == (ProposalStatus.ACCEPTED, dora)
    assert StandardStep.objects.get(pk=proposal.step_id).duration_amount == 4


def test_a_rejection_without_a_reason_is_refused_with_a_message(city, proposal, dora):
    response = _client(dora).post(
        f"/staff/root-causes/drift/proposals/{proposal.pk}/", {"decision": "reject", "reason": ""}
    )

    assert response.status_code == 400
    assert "Say why the proposal is rejected." in response.content.decode()
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.PENDING


def test_a_supervisor_sees_the_proposal_but_cannot_decide(city, proposal):
    client = _client(city.sam)
    page = client.get(f"/staff/root-causes/drift/proposals/{proposal.pk}/")
    assert b"Record the decision" not in page.content

    response = client.post(
        f"/staff/root-causes/drift/proposals/{proposal.pk}/", {"decision": "accept"}
    )

    assert response.status_code == 403
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.PENDING


def test_bad_input_gets_a_message_not_an_error(city, proposal, dora):
    client = _client(dora)
    url = f"/staff/root-causes/drift/proposals/{proposal.pk}/"
    assert client.post(url, {"decision": "maybe"}).status_code == 400
    assert client.post(url, {"decision": "accept", "reason": "x" * 1001}).status_code == 400
    assert client.get("/staff/root-causes/?page=zzz").status_code == 200
    assert client.get("/staff/root-causes/?period=<script>").status_code == 200
    assert client.get("/staff/root-causes/drift/proposals/999999/").status_code == 404
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.PENDING


@pytest.mark.parametrize("url", PAGES)
def test_the_pages_are_in_spanish(planted, url):
    client = _client(planted.sam)
    response = client.get(url, HTTP_ACCEPT_LANGUAGE="es")
    body = response.content.decode()
    assert 'lang="es"' in body
    for english in ("Spikes", "Hot spots", "Repeat contacts", "Practical drift", "Computed"):
        assert english not in body, english


def test_the_detail_pages_are_in_spanish(planted, dora):
    from tests import factories

    inspection = factories.make_service(
        planted.public_works,
        code="building-inspection",
        name="Building inspection",
        steps=[("We inspect the site", 2, "business_days")],
    )
    _history(inspection, inspect_days=4)
    root_causes_refresh()
    spike = Spike.objects.exclude(cell="").first()
    hot = HotSpot.objects.first()
    proposal = DriftProposal.objects.get()
    client = _client(dora)
    english = (
        "Spike:", "Hot spot:", "Map area", "The cases", "Expected", "Received", "Documented",
        "Proposed", "Evidence", "Record the decision", "Accept", "Reason", "in the queue",
    )  # fmt: skip
    for url in (
        f"/staff/root-causes/spikes/{spike.pk}/",
        f"/staff/root-causes/hot-spots/{hot.pk}/",
        f"/staff/root-causes/drift/proposals/{proposal.pk}/",
    ):
        body = client.get(url, HTTP_ACCEPT_LANGUAGE="es").content.decode()
        assert 'lang="es"' in body
        for words in english:
            assert words not in body, (url, words)
