"""The client address behind trusted proxies: forged X-Forwarded-For changes nothing."""

from __future__ import annotations

import pytest
from django.test import RequestFactory

from core.clientaddr import client_ip


def _request(remote: str, forwarded: str | None = None):
    request = RequestFactory().get("/", REMOTE_ADDR=remote)
    if forwarded is not None:
        request.META["HTTP_X_FORWARDED_FOR"] = forwarded
    return request


def test_without_trusted_proxies_only_the_socket_address_counts(settings):
    settings.TRUSTED_PROXIES = []

    assert client_ip(_request("203.0.113.7", "198.51.100.1")) == "203.0.113.7"


def test_one_trusted_proxy_takes_the_entry_it_appended(settings):
    settings.TRUSTED_PROXIES = ["1"]

    forged_then_real = _request("10.0.0.2", "6.6.6.6, 198.51.100.23")

    assert client_ip(forged_then_real) == "198.51.100.23"


def test_two_trusted_proxies_skip_the_inner_one(settings):
    settings.TRUSTED_PROXIES = ["2"]

    assert client_ip(_request("10.0.0.2", "6.6.6.6, 198.51.100.23, 10.0.0.9")) == "198.51.100.23"


def test_trusted_cidrs_walk_back_to_the_first_untrusted_hop(settings):
    settings.TRUSTED_PROXIES = ["10.0.0.0/8", "2001:db8::/32"]

    request = _request("10.0.0.2", "6.6.6.6, 198.51.100.23, 2001:db8::1, 10.1.2.3")

    assert client_ip(request) == "198.51.100.23"


def test_a_client_outside_the_trusted_cidrs_cannot_forge_its_address(settings):
    settings.TRUSTED_PROXIES = ["10.0.0.0/8"]

    direct = _request("203.0.113.7", "198.51.100.1")

    assert client_ip(direct) == "203.0.113.7"


@pytest.mark.parametrize("garbage", ["not-an-ip", "", "999.1.1.1", "unknown"])
def test_a_malformed_hop_stops_the_walk_at_the_proxy_that_received_it(settings, garbage):
    settings.TRUSTED_PROXIES = ["10.0.0.0/8"]

    assert client_ip(_request("10.0.0.2", f"198.51.100.1, {garbage}")) in {
        "10.0.0.2",
        "198.51.100.1",
    }


def test_ports_are_not_part_of_the_address(settings):
    settings.TRUSTED_PROXIES = ["1"]

    assert client_ip(_request("10.0.0.2", "198.51.100.23:5123")) == "198.51.100.23"
    assert client_ip(_request("10.0.0.2", "[2001:db8::5]:443")) == "2001:db8::5"


def test_axes_gets_no_address_rather_than_a_word_when_there_is_none(settings):
    from core.clientaddr import axes_client_ip

    settings.TRUSTED_PROXIES = []
    request = RequestFactory().get("/")
    del request.META["REMOTE_ADDR"]

    assert axes_client_ip(request) is None
