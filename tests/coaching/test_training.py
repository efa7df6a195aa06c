"""Training: lessons checked by the coach itself, practice scored and kept, each agent's
progress, the supervisors' team figures, scenarios from closed cases without personal data."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.roles import Role
from cases.models import Status
from coaching.engine import review_draft
from coaching.models import PracticeAttempt, PracticeScenario, ReplyReview, ScenarioKind
from coaching.training import lessons, practice_attempt_record, scenario_from_case
from tests import factories
from tests.coaching.conftest import CALENDAR, PROMISE, TODAY

NOW = dt.datetime(2026, 12, 1, 15, 0, tzinfo=dt.UTC)
GOOD_ANSWER = (
    "Hello,\n\nI'm sorry your recycling has been missed three times; that is not good "
    "enough. I have asked the crew to collect it on Thursday 3 December, and I will "
    "check with you that day."
)


@pytest.fixture(autouse=True)
def _pinned_clock():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture(autouse=True)
def _scenarios(request):
    if "django_db" in request.keywords:
        request.getfixturevalue("scenarios")


@pytest.mark.parametrize("language", ["en", "es"])
def test_every_lessons_bad_example_is_caught_and_its_good_one_passes(language):
    for lesson in lessons(language):
        bad = review_draft(
            text=lesson.bad, language=language, promise=PROMISE, calendar=CALENDAR, today=TODAY
        )
        good = review_draft(
            text=lesson.good, language=language, promise=PROMISE, calendar=CALENDAR, today=TODAY
        )

        assert set(lesson.codes) & set(bad.codes), (lesson.slug, bad.codes)
        assert not [f for f in good.findings if f.severity != "tip"], (lesson.slug, good.codes)


@pytest.mark.django_db
def test_the_scenarios_cover_every_situation_in_both_languages():
    kinds = set(PracticeScenario.objects.values_list("language", "kind"))

    for language in ("en", "es"):
        for kind in ScenarioKind.values:
            if kind != ScenarioKind.FROM_CASE:
                assert (language, kind) in kinds


@pytest.mark.django_db
def test_an_agent_practises_and_the_coach_scores_and_explains(client, city):
    client.force_login(city.alice)
    url = reverse("coaching:practice", args=["angry-missed-collection"])

    page = client.get(url)
    bad = client.post(url, {"text": "You should have put the bin out earlier. We will come soon."})
    good = client.post(url, {"text": GOOD_ANSWER})

    assert "THIRD time" in page.text
    assert "Thursday 3 December" in page.text  # the scenario's promise: 2 working days
    assert 'data-code="blame"' in bad.text
    assert "Don&#x27;t harp on the resident&#x27;s mistake" in bad.text  # the lesson to read
    assert good.status_code == 200
    scores = list(
        PracticeAttempt.objects.filter(agent=city.alice)
        .order_by("created_at", "id")
        .values_list("score", flat=True)
    )
    assert scores[1] == 100
    assert scores[0] < 80


@pytest.mark.django_db
def test_an_empty_practice_answer_is_refused_and_nothing_is_kept(client, city):
    client.force_login(city.alice)

    response = client.post(reverse("coaching:practice", args=["confused-refund"]), {"text": "   "})

    assert response.status_code == 400
    assert "Write your reply to the resident first." in response.text
    assert not PracticeAttempt.objects.exists()


@pytest.mark.django_db
def test_the_agent_sees_their_progress(client, city):
    scenario = PracticeScenario.objects.get(slug="angry-missed-collection")
    practice_attempt_record(scenario=scenario, agent=city.alice, text=GOOD_ANSWER)
    practice_attempt_record(scenario=scenario, agent=city.alice, text="We will come soon.")
    client.force_login(city.alice)

    response = client.get(reverse("coaching:training"))

    assert "2 practice replies, average score" in response.text
    assert "100 (2 tries)" in response.text
    assert "Don&#x27;t harp on the resident&#x27;s mistake" in response.text


@pytest.mark.django_db
def test_the_supervisor_sees_each_agents_live_and_practice_scores(client, city):
    scenario = PracticeScenario.objects.get(slug="confused-refund")
    practice_attempt_record(scenario=scenario, agent=city.alice, text=GOOD_ANSWER)
    case = factories.make_case(city.pothole, resident=city.rita, address="1 Elm")
    event = case.events.get()  # the created event stands in for a sent reply here
    ReplyReview.objects.create(
        event=event,
        author=city.alice,
        language="en",
        score=76,
        codes=["vague_timeframe", "no_date"],
        overridden=["vague_timeframe"],
        override_reason="No date from the crew yet.",
        created_at=NOW,
    )
    client.force_login(city.sam)

    response = client.get(reverse("coaching:team"))

    row = response.text.split('data-agent="alice"')[1].split("</tr>")[0]
    assert "<td>1</td><td>76</td><td>1</td><td>1</td>" in row
    assert "<code>vague_timeframe</code>: 1 reply" in response.text
    assert 'data-agent="bob"' not in response.text  # Parks is not Sam's department


@pytest.mark.django_db
def test_agents_cannot_see_the_team_figures(client, city):
    client.force_login(city.alice)

    assert client.get(reverse("coaching:team")).status_code == 403


@pytest.mark.django_db
def test_the_team_page_does_not_query_per_agent(client, city):
    client.force_login(city.sam)
    client.get(reverse("coaching:team"))
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("coaching:team"))
    for n in range(5):
        agent = factories.make_staff(f"agent{n}", Role.AGENT, city.public_works)
        practice_attempt_record(
            scenario=PracticeScenario.objects.first(), agent=agent, text=GOOD_ANSWER
        )
    with CaptureQueriesContext(connection) as many:
        client.get(reverse("coaching:team"))

    assert len(many) == len(few)


@pytest.mark.django_db
def test_a_scenario_from_a_closed_case_keeps_no_personal_data(city):
    case = factories.make_case(
        city.pothole,
        resident=city.rita,
        address="14 Elm Street",
        description=(
            "Rita Moreno here, 14 Elm Street. The pothole broke my tyre! "
            "Call me on +1 555 555 0199 or rita@example.org."
        ),
    )
    type(case).objects.filter(pk=case.pk).update(status=Status.CLOSED)
    case.refresh_from_db()

    scenario = scenario_from_case(case=case, by=city.sam)

    message = scenario.resident_message
    assert "The pothole broke my tyre!" in message
    for private in ("Rita", "Moreno", "Elm", "555", "rita@example.org", case.tracking_number):
        assert private not in message
    assert scenario.kind == ScenarioKind.FROM_CASE
    assert scenario.jurisdiction == city.jurisdiction


@pytest.mark.django_db
def test_only_supervisors_make_scenarios_and_only_from_closed_cases(city):
    from django.core.exceptions import ValidationError

    case = factories.make_case(city.pothole, resident=city.rita, address="1 Elm")

    with pytest.raises(ValidationError, match="Only supervisors"):
        scenario_from_case(case=case, by=city.alice)
    with pytest.raises(ValidationError, match="resolved or closed"):
        scenario_from_case(case=case, by=city.sam)


@pytest.mark.django_db
def test_training_and_the_coach_panel_speak_spanish(client, city):
    client.force_login(city.alice)
    case = factories.make_case(city.pothole, resident=city.rosa, address="2 Oak")
    headers = {"Accept-Language": "es"}

    training = client.get(reverse("coaching:training"), headers=headers)
    lesson = client.get(reverse("coaching:lesson", args=["truth-as-a-lie"]), headers=headers)
    panel = client.post(
        reverse("coaching:review"),
        {"case": case.tracking_number, "text": "Lo arreglaremos pronto."},
        headers=headers,
    )

    assert "Lecciones" in training.text
    assert "Escenarios de práctica" in training.text
    assert "Diga el día, no «de 7 a 10 días»" in lesson.text
    assert "Asesor de respuestas" in panel.text
    assert "se entiende como el primer día posible" in panel.text
    assert "Suggestion" not in panel.text


def _sent_reply(city, text="Hello Rita, sorry. We will fix it by Tuesday 8 December."):
    from workspace.services import reply

    case = factories.make_case(city.pothole, resident=city.rita, address="1 Elm")
    return reply(case=case, by=city.alice, draft=text, override_reason="test").coach_review


@pytest.mark.django_db
def test_the_supervisor_reviews_a_weekly_sample_and_the_agent_sees_the_comment(client, city):
    replies = [_sent_reply(city) for _ in range(4)]
    client.force_login(city.sam)

    page = client.get(reverse("coaching:quality"))
    saved = client.post(
        reverse("coaching:quality"),
        {
            "reply": replies[0].pk,
            "empathized": "on",
            "delivered": "on",
            "comment": "Good date; say what you heard first.",
        },
    )
    client.force_login(city.alice)
    training = client.get(reverse("coaching:training"))

    assert page.text.count('name="reply"') == 3  # three per agent a week
    assert saved.status_code == 302
    review = replies[0].quality
    assert (review.listened, review.empathized, review.delivered, review.lead_score) == (
        False,
        True,
        True,
        2,
    )
    assert "LEAD 2/4" in training.text
    assert "Good date; say what you heard first." in training.text


@pytest.mark.django_db
def test_a_reply_is_reviewed_once_and_only_by_a_supervisor_of_the_agent(client, city):
    reply = _sent_reply(city)
    parks_supervisor = factories.make_staff("pat", Role.SUPERVISOR, city.parks)
    client.force_login(parks_supervisor)

    other = client.post(reverse("coaching:quality"), {"reply": reply.pk})
    client.force_login(city.sam)
    first = client.post(reverse("coaching:quality"), {"reply": reply.pk})
    again = client.post(reverse("coaching:quality"), {"reply": reply.pk})
    client.force_login(city.alice)
    agent = client.get(reverse("coaching:quality"))

    assert other.status_code == 400
    assert "not by an agent in your departments" in other.text
    assert first.status_code == 302
    assert again.status_code == 400
    assert agent.status_code == 403


@pytest.mark.django_db
def test_a_supervisor_makes_a_scenario_from_a_closed_case_on_the_team_page(client, city):
    case = factories.make_case(
        city.pothole,
        resident=city.rita,
        address="14 Elm Street",
        description="Rita here: still broken!",
    )
    type(case).objects.filter(pk=case.pk).update(status=Status.CLOSED)
    client.force_login(city.sam)

    made = client.post(reverse("coaching:scenario_from_case"), {"case": case.tracking_number})
    missing = client.post(reverse("coaching:scenario_from_case"), {"case": "nope"}, follow=True)

    scenario = PracticeScenario.objects.get(source_case=case)
    assert made.status_code == 302
    assert made["Location"] == reverse("coaching:practice", args=[scenario.slug])
    assert scenario.resident_message == "[name] here: still broken!"
    assert "No such case in your queue." in missing.text
