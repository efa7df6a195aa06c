"""The workspace menu offers each role what it may open, and nothing that answers 403."""

from __future__ import annotations

from django.urls import reverse

from cases.models import Channel
from tests import factories


def _nav(client) -> str:
    body = client.get(reverse("notifications:list")).content.decode()
    return body.split("<nav", 1)[1].split("</nav>", 1)[0]


def test_bre_officer_is_not_offered_case_pages(city, login, bree):
    nav = _nav(login(bree))

    assert reverse("workspace:queue") not in nav
    assert reverse("messaging:chat-panel") not in nav
    assert reverse("insights:dashboard") not in nav
    assert reverse("notifications:list") in nav


def test_agents_get_the_case_pages_and_supervisors_also_the_dashboard(city, login):
    agent_nav, supervisor_nav = _nav(login(city.alice)), _nav(login(city.sam))

    for nav in (agent_nav, supervisor_nav):
        assert reverse("workspace:queue") in nav
        assert reverse("messaging:held") in nav
    assert reverse("insights:dashboard") not in agent_nav
    assert reverse("insights:dashboard") in supervisor_nav


def test_social_case_points_to_the_platform_reply_page(city, login):
    social = factories.make_case(city.pothole, address="1 Elm", channel=Channel.SOCIAL)
    web = factories.make_case(city.pothole, address="2 Elm")
    alice = login(city.alice)

    social_page = alice.get(reverse("workspace:case", args=[social.tracking_number]))
    web_page = alice.get(reverse("workspace:case", args=[web.tracking_number]))

    assert (
        reverse("messaging:social-case", args=[social.tracking_number])
        in social_page.content.decode()
    )
    assert "came from social media" not in web_page.content.decode()
