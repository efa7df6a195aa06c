"""Queued intake: answer an Open311 POST with a token at once, file the case in the background.

For client applications that send bursts (a contact-centre system replaying a
storm's calls, a city app catching up after an outage), and the city's answer to
peak load: a POST from a key with `queue_requests` is checked exactly as an
immediate one (open311_request_validate), stored as one row, and answered with a
GeoReport v2 token. `file_queued_requests`, a periodic task every few seconds,
turns each row into a case through open311_request_create with the promise
counted from when the request arrived; GET tokens/{token} then answers its
service_request_id. Accepting costs one INSERT; the expensive part (the
resident, the promise, the case, its steps and timeline) runs on the workers at
the rate they can sustain, so a burst waits in the queue instead of in the web
processes (docs/performance.md has both rates).

A request that passed the check on arrival but cannot be filed later (its service
was switched off in between) keeps its row with the reason; the token endpoint
answers that reason, and the admin lists those rows.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from catalogue.models import Service
from open311.models import ApiKey, QueuedRequest, RequestMetadata
from open311.services import (
    RequestInput,
    new_token,
    open311_request_create,
    open311_request_validate,
)
from organisations.models import Jurisdiction

log = logging.getLogger(__name__)

FILING_BATCH = 100


def queued_request_accept(
    *, service: Service, api_key: ApiKey, given: RequestInput, at: dt.datetime | None = None
) -> QueuedRequest:
    """Check the request now and queue it; raise ValidationError (nothing stored) if bad."""
    open311_request_validate(service=service, given=given)
    return QueuedRequest.objects.create(
        token=new_token(),
        api_key=api_key,
        service=service,
        fields=given.as_json(),
        received_at=at or timezone.now(),
    )


def _describe(exc: ValidationError) -> str:
    return "; ".join(f"{name}: {' '.join(messages)}" for name, messages in exc.message_dict.items())


def _file(queued: QueuedRequest) -> bool:
    """One queued request becomes a case (and the row goes), or keeps its row with the reason."""
    try:
        with transaction.atomic():
            open311_request_create(
                service=queued.service,
                api_key=queued.api_key,
                given=RequestInput.from_json(queued.fields),
                received_at=queued.received_at,
                token=queued.token,
            )
            queued.delete()
        return True
    except ValidationError as exc:
        queued.error = _describe(exc) or "The request could not be filed."
    except Exception:
        # Kept aside with a reason rather than retried forever ahead of the rest.
        log.exception("Queued Open311 request %s failed", queued.pk)
        queued.error = "The request could not be filed; the city has been told."
    queued.save(update_fields=["error"])
    log.warning("Queued Open311 request %s not filed: %s", queued.pk, queued.error)
    return False


def file_queued_requests(*, limit: int = 10_000) -> int:
    """File up to `limit` queued requests, oldest first; return how many became cases.

    Batches are claimed with SKIP LOCKED on PostgreSQL, so several workers may run
    this at once without filing a request twice.
    """
    filed = attempted = 0
    while attempted < limit:
        with transaction.atomic():
            batch = list(
                QueuedRequest.objects.filter(error="")
                .select_related("service__jurisdiction", "api_key")
                .select_for_update(skip_locked=True, of=("self",))
                .order_by("id")[: min(FILING_BATCH, limit - attempted)]
            )
            if not batch:
                break
            for queued in batch:
                filed += _file(queued)
            attempted += len(batch)
    return filed


@dataclass(frozen=True)
class TokenState:
    service_request_id: str | None  # None while the request waits to be filed
    error: str = ""


def token_state(jurisdiction: Jurisdiction, token: str) -> TokenState | None:
    """Where a token's request stands in `jurisdiction`; None for an unknown token."""
    filed = (
        RequestMetadata.objects.filter(token=token, case__jurisdiction=jurisdiction)
        .values_list("case__tracking_number", flat=True)
        .first()
    )
    if filed is not None:
        return TokenState(service_request_id=filed)
    queued = (
        QueuedRequest.objects.filter(token=token, service__jurisdiction=jurisdiction)
        .values_list("error", flat=True)
        .first()
    )
    if queued is None:
        return None
    return TokenState(service_request_id=None, error=queued)
