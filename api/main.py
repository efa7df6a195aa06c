"""The REST API v1: one NinjaAPI, token-authenticated, served under /api/v1/.

OpenAPI 3 at /api/v1/openapi.json, browsable docs at /api/v1/docs.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from ninja import NinjaAPI

from api import cases, catalogue, knowledge, residents
from api.auth import TokenAuth
from api.errors import ApiError
from coaching.api import router as coach_router

api = NinjaAPI(
    title="CivicDesk API",
    version="1",
    description=(
        "For staff tools and integrations. Authenticate with a personal token "
        "(`Authorization: Bearer …`); you see and change what your role and "
        "departments allow. Lists page by cursor (follow `next_cursor`). "
        "Residents' apps should use Open311 GeoReport v2 at /open311/v2/ instead."
    ),
    auth=TokenAuth(),
    urls_namespace="api-v1",
    openapi_url="/openapi.json",
    docs_url="/docs",
)
api.add_router("", cases.router)
api.add_router("", catalogue.router)
api.add_router("", knowledge.router)
api.add_router("", residents.router)
api.add_router("", coach_router)
api.add_router("/bre", "api.bre.router")


@api.exception_handler(ApiError)
def _api_error(request: HttpRequest, exc: ApiError) -> HttpResponse:
    body: dict[str, object] = {"detail": exc.detail}
    if exc.errors is not None:
        body["errors"] = exc.errors
    return api.create_response(request, body, status=exc.status)
