"""What every Open311 POST reads, kept in each process (core.localcache).

A POST reads its API key (with the key's jurisdiction), its service (with the
jurisdiction) and the service's questions and their options: four statements of
the five a queued POST costs. They change when staff edit the catalogue or the
keys (the admin, create_api_key), which bumps the shared version, so every web
process reads them afresh on its next request. Saves and deletes of those models
bump it (signals, connected in Open311Config.ready); a bulk `update()` does not,
so code that changes them that way calls `INTAKE.invalidate()` itself.
"""

from __future__ import annotations

from typing import Any

from django.db.models import prefetch_related_objects
from django.db.models.signals import post_delete, post_save

from catalogue.models import QuestionOption, Service, ServiceQuestion
from core.localcache import VersionedCache
from open311 import selectors
from open311.models import ApiKey
from organisations.models import Jurisdiction

INTAKE = VersionedCache("open311-intake")
WATCHED = (ApiKey, Service, ServiceQuestion, QuestionOption, Jurisdiction)


def active_key(key_hash: str) -> ApiKey | None:
    """The active key with this hash, with its jurisdiction."""
    return INTAKE.get(  # type: ignore[no-any-return]
        ("key", key_hash),
        lambda: (
            ApiKey.objects.select_related("jurisdiction")
            .filter(key_hash=key_hash, is_active=True)
            .first()
        ),
    )


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
