"""Socket frames are parsed before the services see them: typed, bounded, valid text."""

from __future__ import annotations

import pytest

from messaging.chat.inbound import BadFrame, parse_resident_frame, parse_staff_frame


def test_a_message_frame_carries_its_text():
    frame = parse_resident_frame({"type": "message", "text": "Is the pool open?"})

    assert (frame.kind, frame.text) == ("message", "Is the pool open?")


def test_a_lone_surrogate_is_dropped_instead_of_breaking_the_socket():
    # Valid JSON ("\ud800"), not valid UTF-8: storing or echoing it raised before.
    frame = parse_resident_frame({"type": "message", "text": "broken \ud800 text"})

    assert frame.text == "broken  text"
    frame.text.encode("utf-8")


def test_fields_that_are_not_strings_become_text_and_missing_ones_empty():
    frame = parse_resident_frame({"type": "start", "name": 42})

    assert (frame.name, frame.email, frame.language) == ("42", "", "en")


@pytest.mark.parametrize(
    ("content", "error"),
    [
        (["message"], "Send a JSON object."),
        ({"type": "shout"}, "Unknown message type."),
        ({}, "Unknown message type."),
    ],
)
def test_anything_else_is_refused_with_a_reason(content, error):
    with pytest.raises(BadFrame, match=error):
        parse_resident_frame(content)


def test_staff_frames_are_a_heartbeat_or_a_reply():
    reply = parse_staff_frame({"type": "reply", "tracking_number": "7KQ3M-9XRT2", "text": "Hi"})

    assert (reply.kind, reply.tracking_number, reply.text) == ("reply", "7KQ3M-9XRT2", "Hi")
    assert parse_staff_frame({"type": "heartbeat"}).kind == "heartbeat"
    with pytest.raises(BadFrame):
        parse_staff_frame({"type": "message", "text": "not for staff"})
