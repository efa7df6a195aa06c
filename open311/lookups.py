"""What every Open311 POST reads about its service, kept in each process (core.localcache).

A POST reads its service (with the jurisdiction) and the service's questions and
their options: three statements of the nine a queued POST cost. They change when
staff edit the catalogue (the admin), which bumps the shared version, so every web
process reads them afresh on its next request. Saves and deletes of those models
bump it (signals, connected in Open311Config.ready); a bulk `update()` does not,
so code that changes them that way calls `INTAKE.invalidate()` itself. API keys
are not kept: a revoked key must stop at once, however it was revoked.
"""

from __future__ import annotations

from typing import Any

from django.db.models import prefetch_related_objects
from django.db.models.signals import post_delete, post_save

from catalogue.models import QuestionOption, Service, ServiceQuestion
from core.localcache import VersionedCache
from open311 import selectors
from organisations.models import Jurisdiction

INTAKE = VersionedCache("open311-intake")
WATCHED = (Service, ServiceQuestion, QuestionOption, Jurisdiction)


def service_for_post(jurisdiction: Jurisdiction, service_code: str) -> Service | None:
    """selectors.service_for_request, with the questions and options the checks read."""

    def load() -> Service | None:
        service = selectors.service_for_request(jurisdiction, service_code)
        if service is not None:
            prefetch_related_objects([service], "questions__options")
        return service

    return INTAKE.get(("service", jurisdiction.pk, service_code), load)  # type: ignore[no-any-return]


def _changed(**_kwargs: Any) -> None:
    INTAKE.invalidate()


def connect() -> None:
    for model in WATCHED:
        post_save.connect(_changed, sender=model, dispatch_uid=f"open311-intake-{model.__name__}")
        post_delete.connect(
            _changed, sender=model, dispatch_uid=f"open311-intake-del-{model.__name__}"
        )
