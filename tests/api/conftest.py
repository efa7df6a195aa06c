"""REST API fixtures: personal tokens for the personas, and a client that sends them."""

from __future__ import annotations

from typing import Any

import pytest

from api.services import api_token_create


@pytest.fixture(autouse=True)
def _fresh_rate_limits() -> None:
    from django.core.cache import cache

    cache.clear()


class ApiClient:
    """The Django test client with a bearer token; JSON in, response out."""

    def __init__(self, client: Any, raw: str) -> None:
        self.client = client
        self.headers = {"Authorization": f"Bearer {raw}"}

    def get(self, path: str, params: dict[str, Any] | None = None) -> Any:
        return self.client.get(f"/api/v1{path}", params or {}, headers=self.headers)

    def post(self, path: str, payload: dict[str, Any]) -> Any:
        return self.client.post(
            f"/api/v1{path}", payload, content_type="application/json", headers=self.headers
        )


@pytest.fixture
def as_user(client: Any, city: Any) -> Any:
    def make(user: Any) -> ApiClient:
        _token, raw = api_token_create(user=user, name="tests")
        return ApiClient(client, raw)

    return make


@pytest.fixture
def alice_api(as_user: Any, city: Any) -> ApiClient:
    return as_user(city.alice)


@pytest.fixture
def ada_api(as_user: Any, city: Any) -> ApiClient:
    return as_user(city.ada)
