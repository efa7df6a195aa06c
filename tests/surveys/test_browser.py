"""The survey and the performance page in a real browser: axe-clean at 1280 and 390 px,
no sideways scrolling, answered without JavaScript, Spanish with no English."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.core.cache import cache

from cases.models import Status
from cases.services import case_assign, case_change_status
from catalogue.models import Service
from insights.services import insights_refresh
from residents.models import ContactChannel
from surveys.models import Survey
from surveys.services import survey_token
from tests import factories
from tests.browser import axe_violations, save_screenshot

pytestmark = pytest.mark.browser

WIDTHS = (1280, 390)
ENGLISH = re.compile(
    r"\b(the|and|your|you|with|this|how|did|we|do|was|problem|resolved|comment|send|"
    r"very|poor|good|answer|last|days|time|our|standard)\b"
)


def offline(page: Any) -> Any:
    page.route(re.compile(r"^https?://(?!127\.0\.0\.1|localhost).*"), lambda route: route.abort())
    return page


def check(page: Any, name: str, language: str = "en") -> None:
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        save_screenshot(page, f"surveys-{name}-{width}")
        violations = axe_violations(page)
        assert violations == [], (
            name,
            width,
            [(v["id"], [n["target"] for n in v["nodes"]]) for v in violations],
        )
        assert page.evaluate("document.documentElement.scrollWidth") <= width, (name, width)
        if language == "es":
            text = page.evaluate("document.querySelector('main').innerText")
            assert ENGLISH.findall(text.lower()) == [], (name, ENGLISH.findall(text.lower()))
    page.set_viewport_size({"width": 1280, "height": 900})


@pytest.fixture
def finished(transactional_db, city, settings):
    cache.clear()
    settings.MESSAGING_SMS_PROVIDER = "console"
    city.rosa.preferred_channel = ContactChannel.EMAIL
    city.rosa.save()
    cases = {}
    for name, resident in (("rita", city.rita), ("rosa", city.rosa)):
        case = factories.make_case(city.pothole, resident=resident, address="1 Elm")
        case_assign(case=case, owner=city.alice, by=city.alice)
        cases[name] = case_change_status(case=case, status=Status.RESOLVED, by=city.alice)
    return cases


def test_the_emailed_survey_is_accessible(live_server, page, finished):
    offline(page)
    survey = Survey.objects.get(case=finished["rita"])

    page.goto(f"{live_server.url}/survey/{survey_token(survey)}/")
    page.get_by_role("heading", name=re.compile("How did we do")).wait_for()
    check(page, "link")
    page.get_by_role("button", name="Send my answer").click()  # nothing chosen
    page.get_by_role("heading", name="There is a problem").wait_for()
    check(page, "link-errors")


def test_the_emailed_survey_is_answered_without_javascript(live_server, chromium, finished):
    context = chromium.new_context(java_script_enabled=False, locale="en-US")
    page = offline(context.new_page())
    survey = Survey.objects.get(case=finished["rita"])

    page.goto(f"{live_server.url}/survey/{survey_token(survey)}/")
    page.get_by_label("4 – Good").check()
    page.get_by_label("No, it is not resolved").check()
    page.get_by_label(re.compile("^Comment")).fill("The edge is breaking up again.")
    page.get_by_role("button", name="Send my answer").click()
    page.get_by_role("heading", name="Thank you for your answer").wait_for()
    save_screenshot(page, "surveys-link-thanks")
    context.close()

    finished["rita"].refresh_from_db()
    assert finished["rita"].status == Status.IN_PROGRESS


def test_the_spanish_survey_and_tracking_prompt(live_server, page, finished):
    offline(page)
    survey = Survey.objects.get(case=finished["rosa"])

    page.goto(f"{live_server.url}/survey/{survey_token(survey)}/")
    page.get_by_role("heading", name=re.compile("Qué tal lo hicimos")).wait_for()
    check(page, "link-es", "es")

    page.goto(f"{live_server.url}/kiosk/track/")
    page.get_by_label(re.compile("seguimiento|Tracking", re.I)).first.wait_for()
    page.goto(f"{live_server.url}/track/")
    page.locator("#id_number").fill(finished["rita"].tracking_number)
    page.locator("#id_contact").fill("rita@example.org")
    page.locator("form.stack button[type=submit]").click()
    page.get_by_role("heading", name="How did we do?").wait_for()
    check(page, "tracking")


def test_the_performance_page_is_accessible_in_both_languages(live_server, page, city, finished):
    offline(page)
    Service.objects.filter(pk=city.pothole.pk).update(on_performance_page=True)
    survey = Survey.objects.get(case=finished["rita"])
    from surveys.services import survey_answer

    survey_answer(survey=survey, score=5, resolved=True, via="email")
    insights_refresh(full=True)

    page.goto(f"{live_server.url}/performance/")
    page.get_by_role("heading", name="How we are doing").wait_for()
    check(page, "performance")
    page.get_by_role("link", name="Last 90 days").click()
    page.get_by_role("heading", name="Pothole").wait_for()
    page.locator(".language-switch button[lang=es]").click()
    page.get_by_role("heading", name="Nuestros resultados").wait_for()
    check(page, "performance-es", "es")
