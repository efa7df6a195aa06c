"""The served OpenAPI document, and schemathesis fuzzing every operation against it.

Bounded (25 examples per operation) so it stays well under two minutes. Checks:
no 5xx, every status and body as documented, JSON content types.
"""

from __future__ import annotations

import pytest
import schemathesis
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from api.services import api_token_create
from tests import factories


def test_openapi_document_is_served_at_a_stable_url(client, db):
    response = client.get("/api/v1/openapi.json")

    assert response.status_code == 200
    document = response.json()
    assert document["openapi"].startswith("3.")
    assert "/api/v1/cases" in document["paths"]
    schemes = document["components"]["securitySchemes"].values()
    assert [s["scheme"] for s in schemes] == ["bearer"]


def test_browsable_docs_are_served_without_a_cdn(client, db):
    response = client.get("/api/v1/docs")

    assert response.status_code == 200
    page = response.content.decode()
    assert "/static/ninja/swagger-ui-bundle.js" in page
    assert "cdn.jsdelivr" not in page


@pytest.fixture
def token(city):
    """Ada (administrator) sees every case; one case exists for the reads to find.

    The WSGI app runs in this thread, inside the test's transaction; like Django's
    test client, keep it from closing the connection at the end of each request.
    """
    factories.make_case(city.pothole, address="1 Main St", resident=city.rita)
    _token, raw = api_token_create(user=city.ada, name="schemathesis")
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield raw
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


# Loaded at collection: the OpenAPI view reads no database. (schemathesis' lazy
# from_fixture loader does not work with pytest 9 yet.)
schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", get_wsgi_application())


@schema.parametrize()
@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    derandomize=True,
)
def test_api_conforms_to_its_openapi_document(case, token, settings):
    settings.API_TOKEN_REQUESTS_PER_HOUR = 1_000_000
    case.call_and_validate(
        headers={"Authorization": f"Bearer {token}"},
        checks=[
            not_a_server_error,
            status_code_conformance,
            content_type_conformance,
            response_schema_conformance,
        ],
    )
