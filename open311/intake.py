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
from django.db import connection, transaction
from django.utils import timezone

from catalogue.models import Service
from open311.models import ApiKey, QueuedRequest, RequestMetadata
from open311.services import (
    RequestInput,
    RequestToFile,
    new_token,
    open311_request_create,
    open311_request_validate,
    open311_requests_create_many,
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


class ClaimLost(RuntimeError):
    """Rows this worker claimed were filed by another one meanwhile (never on PostgreSQL,
    whose row locks keep them; a safeguard for a database without them)."""


def _file_batch(batch: list[QueuedRequest]) -> int:
    """File claimed rows together (one INSERT per table); return how many became cases.

    A row whose token already has its case is only removed (filing is idempotent); a
    row that cannot be filed keeps its reason, and the rest of the batch is filed. If
    the batch write itself fails (not a bad request: a bug, a broken row), every row
    is filed on its own instead, so one broken row cannot hold the others back.
    """
    tokens = [q.token for q in batch]
    already = set(RequestMetadata.objects.filter(token__in=tokens).values_list("token", flat=True))
    pending = [q for q in batch if q.token not in already]
    try:
        with transaction.atomic():
            outcomes = open311_requests_create_many(
                requests=[
                    RequestToFile(
                        service=q.service,
                        api_key=q.api_key,
                        given=RequestInput.from_json(q.fields),
                        received_at=q.received_at,
                        token=q.token,
                    )
                    for q in pending
                ]
            )
    except Exception:
        log.exception("A batch of %d queued Open311 requests failed; filing one by one", len(batch))
        filed = sum(_file(q) for q in pending)
        _remove([q for q in batch if q.token in already])
        return filed
    failed: list[QueuedRequest] = []
    for queued, outcome in zip(pending, outcomes, strict=True):
        if isinstance(outcome, ValidationError):
            queued.error = _describe(outcome) or "The request could not be filed."
            log.warning("Queued Open311 request %s not filed: %s", queued.pk, queued.error)
            failed.append(queued)
    if failed:
        QueuedRequest.objects.bulk_update(failed, ["error"])
    failed_ids = {q.pk for q in failed}
    _remove([q for q in batch if q.pk not in failed_ids])
    return len(pending) - len(failed)


def _remove(rows: list[QueuedRequest]) -> None:
    """Delete filed rows; all of them must still be there, or another worker filed them."""
    if not rows:
        return
    deleted, _by_model = QueuedRequest.objects.filter(pk__in=[q.pk for q in rows]).delete()
    if deleted != len(rows):
        raise ClaimLost(f"{len(rows) - deleted} queued requests were filed by another worker")


def _claim(size: int) -> list[QueuedRequest]:
    """The oldest `size` pending rows, locked until this transaction ends.

    PostgreSQL: SELECT … FOR UPDATE SKIP LOCKED, so concurrent workers take different
    rows without waiting. SQLite has no row locks: its transactions are IMMEDIATE
    (settings.SQLITE_OPTIONS), so a second worker's batch starts only once the first
    has committed and no longer sees the rows it filed; `_remove` checks it anyway.
    """
    rows = QueuedRequest.objects.filter(error="")
    if connection.features.has_select_for_update_skip_locked:
        rows = rows.select_for_update(skip_locked=True)
    claimed = list(rows.order_by("id")[:size])
    # The batch's few services and keys once each, shared by its rows (not one join a row).
    services = Service.objects.select_related("jurisdiction").in_bulk(
        {q.service_id for q in claimed}
    )
    keys = ApiKey.objects.in_bulk({q.api_key_id for q in claimed if q.api_key_id is not None})
    for queued in claimed:
        queued.service = services[queued.service_id]
        queued.api_key = keys.get(queued.api_key_id) if queued.api_key_id is not None else None
    return claimed


def file_queued_requests(*, limit: int = 10_000, batch: int = FILING_BATCH) -> int:
    """File up to `limit` queued requests, oldest first, `batch` at a time; return how
    many became cases.

    Each batch is claimed and filed in one transaction, so several workers may run
    this at once without filing a request twice.
    """
    filed = attempted = 0
    while attempted < limit:
        try:
            with transaction.atomic():
                claimed = _claim(min(batch, limit - attempted))
                if not claimed:
                    break
                filed_now = _file_batch(claimed)
        except ClaimLost:
            log.warning("Queued Open311 requests filed by another worker; batch rolled back")
            break
        filed += filed_now
        attempted += len(claimed)
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
