"""Following a case and "me too": verified first, told through the case outbox, unsubscribed
in one step; "me too" counted once per person and raising the priority."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from email import message_from_bytes, policy
from typing import Any

import pytest
from django.core.exceptions import ValidationError

from cases.models import Case, OutboxMessage, Status
from cases.services import case_change_status, case_complete_step, case_reply_publicly
from engagement.models import CaseInterest, Follow, FollowChannel
from engagement.services import (
    EngagementError,
    follow_confirm,
    follow_start,
    follow_unsubscribe,
    me_too_add,
    me_too_key,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def committed(django_capture_on_commit_callbacks: Any) -> Callable[[], Any]:
    @contextmanager
    def block() -> Iterator[None]:
        with django_capture_on_commit_callbacks(execute=True):
            yield

    return block


def _text(content: bytes) -> str:
    message = message_from_bytes(content, policy=policy.default)
    return str(message.get_body(preferencelist=("plain",)).get_content())  # type: ignore[union-attr]


def _mails_to(smtp_server: Any, address: str) -> list[str]:
    return [_text(c) for _f, rcpt, c in smtp_server.envelopes if address in rcpt]


def test_a_follower_gets_nothing_until_they_confirm_by_the_emailed_link(
    city: Any, pothole_case: Case, smtp_server: Any, committed: Any
):
    with committed():
        follow = follow_start(case=pothole_case, channel="email", email="pat@example.org")
    [confirm] = _mails_to(smtp_server, "pat@example.org")
    assert f"/follow/{follow.token}/confirm/" in confirm
    assert "Rita" not in confirm
    assert "12 Main" not in confirm

    with committed():
        case_change_status(case=pothole_case, status=Status.IN_PROGRESS, by=city.alice)
    assert len(_mails_to(smtp_server, "pat@example.org")) == 1  # not confirmed: nothing

    follow_confirm(follow=follow)
    with committed():
        case_change_status(case=pothole_case, status=Status.RESOLVED, by=city.alice)
    update = _mails_to(smtp_server, "pat@example.org")[-1]
    assert pothole_case.tracking_number in update
    assert "resolved" in update
    assert f"/follow/{follow.token}/stop/" in update
    assert f"/follow/{follow.token}/" in update  # "still not fixed?"
    assert CaseInterest.objects.get(case=pothole_case).follower_count == 1
    # The reporter is told as before, once.
    assert len(_mails_to(smtp_server, "rita@example.org")) == 2


def test_a_reply_to_the_reporter_is_not_forwarded_to_followers(
    city: Any, pothole_case: Case, smtp_server: Any, committed: Any
):
    follow = follow_start(case=pothole_case, channel="email", email="pat@example.org")
    follow_confirm(follow=follow)
    with committed():
        case_reply_publicly(case=pothole_case, by=city.alice, body="Dear Rita, we are on it.")
    assert all("Dear Rita" not in m for m in _mails_to(smtp_server, "pat@example.org"))


def test_a_step_done_reaches_the_follower_in_spanish(
    city: Any, pothole_case: Case, smtp_server: Any, committed: Any
):
    follow = follow_start(
        case=pothole_case, channel="email", email="ana@example.org", language="es"
    )
    follow_confirm(follow=follow)
    with committed():
        case_complete_step(case=pothole_case, order=1, by=city.alice)
    [*_, update] = _mails_to(smtp_server, "ana@example.org")
    assert "que usted sigue" in update
    assert "Dejar de recibir" in update


def test_after_unsubscribing_nothing_more_is_sent(
    city: Any, pothole_case: Case, smtp_server: Any, committed: Any
):
    follow = follow_confirm(
        follow=follow_start(case=pothole_case, channel="email", email="pat@example.org")
    )
    follow_unsubscribe(follow=follow)
    follow_unsubscribe(follow=follow)  # a second click changes nothing
    with committed():
        case_change_status(case=pothole_case, status=Status.RESOLVED, by=city.alice)
    assert all("resolved" not in m for m in _mails_to(smtp_server, "pat@example.org"))
    assert CaseInterest.objects.get(case=pothole_case).follower_count == 0


def test_a_text_message_follow_is_confirmed_by_its_code_only(city: Any, pothole_case: Case):
    follow = follow_start(case=pothole_case, channel="sms", phone="+1 555 555 0199")
    row = OutboxMessage.objects.get(resident=follow.resident, kind="follow_confirm")
    code = re.search(r"\b(\d{6})\b", row.body).group(1)  # type: ignore[union-attr]
    wrong = "000000" if code != "000000" else "111111"
    with pytest.raises(EngagementError, match="not right"):
        follow_confirm(follow=follow, code=wrong)
    with pytest.raises(EngagementError, match="not right"):
        follow_confirm(follow=follow)  # the link alone is not enough for a text follow
    follow = follow_confirm(follow=follow, code=code)
    assert follow.is_active
    assert follow.channel == FollowChannel.SMS


def test_too_many_wrong_codes_lock_the_follow(city: Any, pothole_case: Case):
    follow = follow_start(case=pothole_case, channel="sms", phone="+15555550199")
    for _ in range(5):
        with pytest.raises(EngagementError):
            follow_confirm(follow=follow, code="12")
    with pytest.raises(EngagementError, match="Too many"):
        follow_confirm(follow=follow, code="12")


def test_an_email_follow_needs_an_address(city: Any, pothole_case: Case):
    with pytest.raises(ValidationError):
        follow_start(case=pothole_case, channel="email", email="")
    with pytest.raises(ValidationError):
        follow_start(case=pothole_case, channel="email", email="not-an-address")
    assert Follow.objects.count() == 0


def test_a_case_of_a_private_service_cannot_be_followed(city: Any, settings: Any):
    from tests import factories

    settings.ENGAGEMENT_PRIVATE_SERVICES = ["pothole"]
    case = factories.make_case(city.pothole, resident=city.rita, address="1 Elm")
    with pytest.raises(EngagementError):
        follow_start(case=case, channel="email", email="pat@example.org")


def test_me_too_counts_each_person_once(city: Any, pothole_case: Case):
    key = me_too_key(session_key="abc")
    assert me_too_add(case=pothole_case, key=key) is True
    assert me_too_add(case=pothole_case, key=key) is False
    assert me_too_add(case=pothole_case, key=me_too_key(session_key="def")) is True
    assert CaseInterest.objects.get(case=pothole_case).me_too_count == 2


def test_enough_me_toos_raise_the_priority_once(city: Any, pothole_case: Case, settings: Any):
    settings.ENGAGEMENT_ME_TOO_PRIORITY_AT = 3
    assert pothole_case.priority == "normal"
    for n in range(5):
        me_too_add(case=pothole_case, key=me_too_key(session_key=str(n)))
    pothole_case.refresh_from_db()
    assert pothole_case.priority == "high"  # one level, once
    note = pothole_case.events.filter(kind="internal_note").last()
    assert note is not None
    assert "3 residents" in note.body
    assert not note.is_public


def test_me_too_is_refused_on_a_fixed_case(city: Any, pothole_case: Case):
    case_change_status(case=pothole_case, status=Status.RESOLVED, by=city.alice)
    with pytest.raises(EngagementError):
        me_too_add(case=pothole_case, key=me_too_key(session_key="x"))


def test_when_the_followed_case_is_merged_its_followers_follow_the_other_one(
    city: Any, pothole_case: Case, smtp_server: Any, committed: Any
):
    from cases.services import case_merge
    from tests import factories

    older = factories.make_case(city.pothole, resident=city.rosa, lat=40.7128, long=-74.006)
    follow = follow_confirm(
        follow=follow_start(case=pothole_case, channel="email", email="pat@example.org")
    )
    with committed():
        case_merge(duplicate=pothole_case, into=older, by=city.sam)
    assert older.tracking_number in _mails_to(smtp_server, "pat@example.org")[-1]
    moved = Follow.objects.get(case=older, resident=follow.resident)
    assert moved.is_active
    with committed():
        case_change_status(case=older, status=Status.RESOLVED, by=city.alice)
    assert "resolved" in _mails_to(smtp_server, "pat@example.org")[-1]


def test_follower_emails_carry_one_click_unsubscribe_and_the_post_stops_them(
    city: Any, pothole_case: Case, smtp_server: Any, committed: Any
):
    """RFC 8058 on every email to a follower (the confirmation too): a mail client POSTs
    "List-Unsubscribe=One-Click" to the header's URL with no CSRF token and no sign-in."""
    from urllib.parse import urlsplit

    from django.test import Client

    with committed():
        follow = follow_start(case=pothole_case, channel="email", email="pat@example.org")
    follow_confirm(follow=follow)
    with committed():
        case_change_status(case=pothole_case, status=Status.IN_PROGRESS, by=city.alice)
    to_follower = [
        message_from_bytes(c, policy=policy.default)
        for _f, rcpt, c in smtp_server.envelopes
        if "pat@example.org" in rcpt
    ]
    assert len(to_follower) == 2  # the confirmation and the update
    stop = f"/follow/{follow.token}/stop/"
    for message in to_follower:
        assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
        header = str(message["List-Unsubscribe"]).strip()  # a long header may be folded
        assert re.fullmatch(r"<https?://[^<>\s]+>", header), header
        assert header[1:-1].endswith(stop)
    # The reporter's own mail is no list: nothing to unsubscribe from.
    to_reporter = [
        message_from_bytes(c, policy=policy.default)
        for _f, rcpt, c in smtp_server.envelopes
        if "rita@example.org" in rcpt
    ]
    assert to_reporter
    assert all(m["List-Unsubscribe"] is None for m in to_reporter)

    mail_client = Client(enforce_csrf_checks=True)
    response = mail_client.post(
        urlsplit(str(to_follower[-1]["List-Unsubscribe"]).strip()[1:-1]).path,
        data="List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 200
    follow.refresh_from_db()
    assert follow.unsubscribed_at is not None
    with committed():
        case_change_status(case=pothole_case, status=Status.RESOLVED, by=city.alice)
    assert len([1 for _f, rcpt, _c in smtp_server.envelopes if "pat@example.org" in rcpt]) == 2
