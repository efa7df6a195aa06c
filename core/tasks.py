"""Background tasks of the shared building blocks."""

from __future__ import annotations

from django.tasks import task

from core.idempotency import idempotency_purge


@task
def purge_idempotency_keys_task() -> int:
    """Forget expired Idempotency-Keys (core/idempotency.py)."""
    return idempotency_purge()
