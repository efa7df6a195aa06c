"""Security tests: the REST API's token client, and fresh rate limits for every test."""

from __future__ import annotations

from tests.api.conftest import _fresh_rate_limits, as_user

__all__ = ["_fresh_rate_limits", "as_user"]
