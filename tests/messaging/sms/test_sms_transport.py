"""The Twilio provider speaks Twilio's REST API (against a fake Twilio on loopback)."""

from __future__ import annotations

import base64

import pytest

from messaging.sms.transport import ConsoleSmsProvider, TwilioSmsProvider, get_sms_provider
from tests.messaging.twilio import MESSAGE_SID, SID


def test_twilio_provider_posts_to_the_messages_endpoint(fake_twilio, settings):
    settings.MESSAGING_TWILIO_ACCOUNT_SID = SID
    settings.MESSAGING_TWILIO_AUTH_TOKEN = "secret-token"
    settings.MESSAGING_TWILIO_FROM = "+15555550999"
    provider = TwilioSmsProvider(http_client=fake_twilio.client())

    message_id = provider.send(to="+15555550101", body="Your request is resolved.")

    assert message_id == MESSAGE_SID
    [request] = fake_twilio.requests
    assert request["path"] == f"/2010-04-01/Accounts/{SID}/Messages.json"
    assert request["form"] == {
        "To": ["+15555550101"],
        "From": ["+15555550999"],
        "Body": ["Your request is resolved."],
    }
    expected = base64.b64encode(f"{SID}:secret-token".encode()).decode()
    assert request["auth"] == f"Basic {expected}"


def test_provider_is_chosen_by_setting(settings):
    settings.MESSAGING_SMS_PROVIDER = "console"
    assert isinstance(get_sms_provider(), ConsoleSmsProvider)

    settings.MESSAGING_SMS_PROVIDER = "carrier-pigeon"
    with pytest.raises(ValueError, match="carrier-pigeon"):
        get_sms_provider()
