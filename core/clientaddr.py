"""The real client address of a request, through the reverse proxies we trust.

Behind a proxy ``REMOTE_ADDR`` is the proxy's address for everyone, so a limit
keyed on it is city-wide. ``X-Forwarded-For`` is client-controlled, though: only
the entries appended by proxies we trust (``CIVICDESK_TRUSTED_PROXIES``) count.
The setting is either one whole number (how many proxies stand in front of the
app) or a list of CIDRs (which addresses are ours). Unset, only ``REMOTE_ADDR``
counts and a forged header changes nothing. Used by the rate limiter and by
django-axes (``AXES_CLIENT_IP_CALLABLE``), so both key on the same address.
"""

from __future__ import annotations

import ipaddress
from functools import cache

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.http import HttpRequest

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


@cache
def _trust(raw: tuple[str, ...]) -> int | tuple[Network, ...]:
    """Parse the setting once: a proxy count, or the trusted networks."""
    if len(raw) == 1 and raw[0].isdigit():
        return int(raw[0])
    try:
        return tuple(ipaddress.ip_network(item, strict=False) for item in raw)
    except ValueError as error:
        raise ImproperlyConfigured(
            f"CIVICDESK_TRUSTED_PROXIES must be a number of proxies or a list of CIDRs: {error}"
        ) from None


def _address(text: str) -> str | None:
    candidate = text.strip()
    if candidate.startswith("[") and "]" in candidate:  # [v6]:port
        candidate = candidate[1 : candidate.index("]")]
    elif candidate.count(":") == 1:  # v4:port
        candidate = candidate.split(":", 1)[0]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return None


def client_ip(request: HttpRequest) -> str:
    """The address of the first hop, counted from our side, that we do not trust."""
    remote = _address(request.META.get("REMOTE_ADDR", "")) or "unknown"
    trust = _trust(tuple(getattr(settings, "TRUSTED_PROXIES", ())))
    if not trust:
        return remote
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    hops = [hop for hop in forwarded.split(",") if hop.strip()] if forwarded else []
    if isinstance(trust, int):
        # REMOTE_ADDR is the nearest proxy; each further proxy appended one entry.
        chain = hops[-trust:] if trust else []
        for hop in reversed(chain):
            address = _address(hop)
            if address is None:
                return remote
            remote = address
        return remote
    current = remote
    for hop in reversed(hops):
        if current == "unknown" or not _is_trusted(current, trust):
            return current
        address = _address(hop)
        if address is None:
            return current
        current = address
    return current


def _is_trusted(address: str, networks: tuple[Network, ...]) -> bool:
    ip = ipaddress.ip_address(address)
    return any(ip in network for network in networks)


def axes_client_ip(request: HttpRequest) -> str | None:
    """The same address for django-axes; None when there is none (it stores an inet)."""
    address = client_ip(request)
    return None if address == "unknown" else address
