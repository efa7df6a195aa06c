"""The coach in the workspace reply composer: shown on Preview, as-you-type endpoint,
block findings stop sending, warnings need a recorded reason, the score is kept."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from cases.models import EventKind
from coaching.dates import format_day
from coaching.models import ReplyReview
from coaching.rulebook import rulebook
from tests import factories

pytestmark = pytest.mark.django_db

# Tuesday 1 December 2026, 10:00 in Riverton.
NOW = dt.datetime(2026, 12, 1, 15, 0, tzinfo=dt.UTC)
GOOD = (
    "Hello Rita,\n\nThank you for reporting the pothole, and I'm sorry for the trouble. "
    "Our crew will fill it by {date}, and I will write to you when it is done."
)


@pytest.fixture(autouse=True)
def _pinned_clock():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def rita_case(city):
    return factories.make_case(city.pothole, resident=city.rita, address="14 Elm Street")


def promised(case, language="en"):
    day = case.resolution_due.astimezone(case.jurisdiction.zone).date()
    return format_day(day, rulebook(language).dates)


def reply_url(case):
    return reverse("workspace:reply", args=[case.tracking_number])


def test_preview_of_7_to_10_days_shows_the_finding_with_the_cases_real_date(
    client, city, rita_case
):
    client.force_login(city.alice)
    draft = "Hello Rita, sorry for the trouble. The repair takes 7-10 days."

    response = client.post(reply_url(rita_case), {"op": "preview", "draft": draft})

    html = response.text
    assert response.status_code == 200
    assert 'data-code="vague_timeframe"' in html
    assert f"The repair will be done by {promised(rita_case)}." in html
    assert "Use this suggestion" in html


def test_a_draft_with_a_blank_cannot_be_sent(client, city, rita_case, mailoutbox):
    client.force_login(city.alice)
    draft = GOOD.format(date="[DATE]")

    response = client.post(reply_url(rita_case), {"op": "send", "draft": draft})

    assert response.status_code == 400
    assert "Fix what the coach marks as blocking before sending: placeholder." in response.text
    assert response.context["draft"] == draft
    assert not rita_case.events.filter(kind=EventKind.PUBLIC_REPLY).exists()
    assert not ReplyReview.objects.exists()


def test_a_block_cannot_be_overridden_with_a_reason(client, city, rita_case):
    client.force_login(city.alice)
    draft = GOOD.format(date="Sunday 6 December")

    response = client.post(
        reply_url(rita_case), {"op": "send", "draft": draft, "override_reason": "I know."}
    )

    assert response.status_code == 400
    assert "wrong_date" in response.text
    assert not rita_case.events.filter(kind=EventKind.PUBLIC_REPLY).exists()


def test_a_warning_needs_a_reason_and_the_override_is_recorded(client, city, rita_case):
    client.force_login(city.alice)
    draft = "Hello Rita, sorry for the trouble. We will fix it shortly."

    refused = client.post(reply_url(rita_case), {"op": "send", "draft": draft})
    sent = client.post(
        reply_url(rita_case),
        {"op": "send", "draft": draft, "override_reason": "The crew has no date yet."},
    )

    assert refused.status_code == 400
    assert "give a reason" in refused.text
    assert 'name="override_reason"' in refused.text
    assert sent.status_code == 302
    event = rita_case.events.get(kind=EventKind.PUBLIC_REPLY)
    review = event.coach_review
    assert review.author == city.alice
    assert review.overridden == ["vague_timeframe"]
    assert review.override_reason == "The crew has no date yet."
    assert review.score == 88
    assert review.codes == ["vague_timeframe"]


def test_a_good_reply_is_sent_with_its_score(client, city, rita_case):
    client.force_login(city.alice)

    response = client.post(
        reply_url(rita_case), {"op": "send", "draft": GOOD.format(date=promised(rita_case))}
    )

    assert response.status_code == 302
    review = ReplyReview.objects.get()
    assert review.event.case == rita_case
    assert (review.score, review.codes, review.override_reason) == (100, [], "")
    assert review.language == "en"


def test_a_spanish_residents_reply_is_coached_in_spanish(client, city):
    rosa_case = factories.make_case(city.pothole, resident=city.rosa, address="2 Oak")
    client.force_login(city.alice)

    response = client.post(
        reply_url(rosa_case), {"op": "preview", "draft": "Hola Rosa. Lo arreglaremos pronto."}
    )

    assert f"Lo arreglaremos antes del {promised(rosa_case, 'es')}." in response.text


def test_as_you_type_the_endpoint_returns_the_panel(client, city, rita_case):
    client.force_login(city.alice)

    response = client.post(
        reverse("coaching:review"),
        {"case": rita_case.tracking_number, "text": "Hello Margaret, it is not our department."},
    )

    assert response.status_code == 200
    assert 'data-code="placeholder"' in response.text
    assert 'data-code="missing_ownership"' in response.text
    assert "Rita Moreno" in response.text  # the suggested name


def test_the_endpoint_only_reviews_cases_the_agent_can_see(client, city):
    parks_case = factories.make_case(city.shelter, resident=city.rita)
    client.force_login(city.alice)  # Public Works

    response = client.post(
        reverse("coaching:review"), {"case": parks_case.tracking_number, "text": "Hello"}
    )

    assert response.status_code == 404


def test_the_endpoint_needs_a_signed_in_agent(client, rita_case):
    response = client.post(
        reverse("coaching:review"), {"case": rita_case.tracking_number, "text": "Hello"}
    )

    assert response.status_code == 302


def test_the_case_page_has_the_coach_panel_and_its_script(client, city, rita_case):
    client.force_login(city.alice)

    response = client.get(reverse("workspace:case", args=[rita_case.tracking_number]))

    assert 'id="coach-panel"' in response.text
    assert "coaching/coach.js" in response.text


def test_resident_text_in_the_draft_is_escaped_in_the_panel(client, city, rita_case):
    client.force_login(city.alice)

    response = client.post(
        reverse("coaching:review"),
        {"case": rita_case.tracking_number, "text": "<script>alert(1)</script> {x}"},
    )

    assert "<script>alert(1)</script>" not in response.text
    assert "&lt;script&gt;" in response.text
