"""The coach over the REST API (POST /api/v1/coach/review) and `manage.py coach_review`."""

from __future__ import annotations

import datetime as dt
import io
import json

import pytest
import time_machine
from django.core.management import CommandError, call_command

from api.services import api_token_create
from coaching.models import JargonTerm
from tests import factories

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 12, 1, 15, 0, tzinfo=dt.UTC)


@pytest.fixture(autouse=True)
def _pinned_clock():
    from django.core.cache import cache

    cache.clear()
    with time_machine.travel(NOW, tick=False):
        yield


def post(client, user, payload, language="en"):
    _token, raw = api_token_create(user=user, name="tests")
    return client.post(
        "/api/v1/coach/review",
        payload,
        content_type="application/json",
        headers={"Authorization": f"Bearer {raw}", "Accept-Language": language},
    )


def test_api_reviews_a_draft_without_a_case(client, city):
    response = post(client, city.alice, {"text": "It takes 7-10 days!!", "language": "en"})

    body = response.json()
    assert response.status_code == 200
    codes = [f["code"] for f in body["findings"]]
    assert "vague_timeframe" in codes
    assert "shouting" in codes
    assert set(body["findings"][0]) == {
        "code",
        "severity",
        "message",
        "start",
        "end",
        "suggestion",
        "applicable",
    }


def test_api_checks_against_the_case_and_speaks_the_agents_language(client, city):
    case = factories.make_case(city.pothole, resident=city.rosa, address="2 Oak")

    response = post(
        client,
        city.alice,
        {"text": "Hola Margarita, lo arreglaremos pronto.", "case": case.tracking_number},
        language="es",
    )

    body = response.json()
    assert body["language"] == "es"  # the resident's
    by_code = {f["code"]: f for f in body["findings"]}
    assert by_code["placeholder"]["suggestion"] == "Rosa Díaz"
    assert "no es el nombre" in by_code["placeholder"]["message"]


def test_api_does_not_review_against_a_case_the_token_cannot_see(client, city):
    parks_case = factories.make_case(city.shelter, resident=city.rita)

    response = post(client, city.alice, {"text": "Hello", "case": parks_case.tracking_number})

    assert response.status_code == 404


def test_api_refuses_bad_input_with_a_specific_error(client, city):
    empty = post(client, city.alice, {"text": "", "language": "en"})
    french = post(client, city.alice, {"text": "Bonjour", "language": "fr"})
    huge = post(client, city.alice, {"text": "a" * 20_001, "language": "en"})

    assert empty.status_code == 422
    assert french.status_code == 422
    assert huge.status_code == 422


def test_api_needs_a_token(client):
    response = client.post("/api/v1/coach/review", {"text": "Hi"}, content_type="application/json")

    assert response.status_code == 401


def test_the_jurisdictions_jargon_applies_to_its_cases(client, city):
    JargonTerm.objects.create(
        jurisdiction=city.jurisdiction, language="en", term="DPW", plain="Public Works"
    )
    case = factories.make_case(city.pothole, resident=city.rita, address="1 Elm")

    response = post(
        client, city.alice, {"text": "Sorry, DPW will call tomorrow.", "case": case.tracking_number}
    )

    [jargon] = [f for f in response.json()["findings"] if f["code"] == "jargon"]
    assert jargon["suggestion"] == "Public Works"


def run(stdin, *args):
    out = io.StringIO()
    import sys

    saved = sys.stdin
    sys.stdin = io.StringIO(stdin)
    try:
        call_command("coach_review", *args, stdout=out)
    finally:
        sys.stdin = saved
    return out.getvalue()


def test_command_prints_json_as_specified(db):
    output = run(
        "The refund takes 7-10 days.", "--language", "en", "--promise", "2026-12-08", "--json"
    )

    body = json.loads(output)
    assert set(body) == {"score", "findings"}
    [vague] = [f for f in body["findings"] if f["code"] == "vague_timeframe"]
    assert set(vague) == {"code", "severity", "message", "start", "end", "suggestion"}
    assert vague["suggestion"] == "The refund will be done by Tuesday 8 December."


def test_command_reads_a_case_and_prints_text(city):
    case = factories.make_case(city.pothole, resident=city.rita, address="1 Elm")

    output = run("Hello Margaret, we will call you.", "--case", case.tracking_number)

    assert output.startswith("Score: ")
    assert "[block] placeholder" in output


def test_command_refuses_bad_arguments(db):
    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        run("Hi", "--promise", "next week")
    with pytest.raises(CommandError, match="standard input"):
        run("   ")
    with pytest.raises(CommandError, match="No case"):
        run("Hi", "--case", "NOPE")


def test_api_replies_are_coached_blanks_refused_and_scores_kept(client, city):
    from cases.models import EventKind
    from coaching.models import ReplyReview

    case = factories.make_case(city.pothole, resident=city.rita, address="1 Elm")

    refused = post_to(client, city.alice, f"/cases/{case.tracking_number}/replies", "On [DATE].")
    sent = post_to(client, city.alice, f"/cases/{case.tracking_number}/replies", "We are on it.")

    assert refused.status_code == 400
    assert "placeholder" in refused.json()["errors"]
    assert sent.status_code == 201
    assert sent.json()["coach"]["score"] < 100
    assert "no_date" in {f["code"] for f in sent.json()["coach"]["findings"]}
    event = case.events.get(kind=EventKind.PUBLIC_REPLY)
    review = ReplyReview.objects.get(event=event)
    assert review.door == "api"
    assert "no_date" in review.codes


def post_to(client, user, path, body):
    _token, raw = api_token_create(user=user, name="tests")
    return client.post(
        f"/api/v1{path}",
        {"body": body},
        content_type="application/json",
        headers={"Authorization": f"Bearer {raw}"},
    )
