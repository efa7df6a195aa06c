"""Who counts as on hand to chat: a fresh panel heartbeat from staff who see the chat's cases."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from messaging.chat.presence import presence_beat, presence_join, presence_leave, staff_online
from messaging.models import StaffPresence

pytestmark = pytest.mark.django_db


def test_nobody_online_without_an_open_panel(city, general):
    assert not staff_online(service=general)


def test_an_agent_of_the_services_department_with_the_panel_open_is_online(city, general):
    presence_join(user=city.alice, channel_name="specific.alice!1")

    assert staff_online(service=general)


def test_staff_of_another_department_do_not_count(city, general):
    presence_join(user=city.bob, channel_name="specific.bob!1")  # Parks; general is Public Works

    assert not staff_online(service=general)


def test_staff_who_see_every_department_count(city, general):
    presence_join(user=city.ada, channel_name="specific.ada!1")

    assert staff_online(service=general)


def test_a_panel_gone_quiet_stops_counting(city, general, settings):
    settings.MESSAGING_CHAT_PRESENCE_SECONDS = 90
    now = timezone.now()
    presence_join(user=city.alice, channel_name="specific.alice!1", at=now)

    assert staff_online(service=general, at=now + dt.timedelta(seconds=89))
    assert not staff_online(service=general, at=now + dt.timedelta(seconds=91))


def test_a_heartbeat_keeps_the_panel_fresh(city, general):
    now = timezone.now()
    presence_join(user=city.alice, channel_name="specific.alice!1", at=now)

    later = now + dt.timedelta(seconds=60)
    presence_beat(user=city.alice, channel_name="specific.alice!1", at=later)

    assert staff_online(service=general, at=now + dt.timedelta(seconds=120))


def test_closing_the_panel_removes_its_row(city, general):
    presence_join(user=city.alice, channel_name="specific.alice!1")

    presence_leave(channel_name="specific.alice!1")

    assert not StaffPresence.objects.exists()
    assert not staff_online(service=general)


def test_joining_sweeps_rows_long_dead(city, general, settings):
    settings.MESSAGING_CHAT_PRESENCE_SECONDS = 90
    now = timezone.now()
    presence_join(user=city.alice, channel_name="specific.dead!1", at=now - dt.timedelta(hours=1))

    presence_join(user=city.sam, channel_name="specific.sam!1", at=now)

    assert list(StaffPresence.objects.values_list("channel_name", flat=True)) == ["specific.sam!1"]


def test_no_service_means_nobody_to_chat_with(city):
    presence_join(user=city.ada, channel_name="specific.ada!1")

    assert not staff_online(service=None)
