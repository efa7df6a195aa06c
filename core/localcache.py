"""Values kept in each process's memory, dropped everywhere when the shared version changes.

For reference data read on every request of a hot path (an Open311 POST reads its
API key, its service, the service's questions and their options: four statements
of five). Each process keeps what it has read; a change bumps a version held in
the shared cache (Redis in production), and every process, reading the version on
its next request (one cache GET instead of the statements), drops what it holds
and reads afresh. A version that disappears from the shared cache (evicted,
flushed) counts as a change too.
"""

from __future__ import annotations

import threading
import uuid
from collections.abc import Callable, Hashable
from typing import Any

from django.core.cache import cache
from django.db import transaction

MAX_ENTRIES = 1000  # per cache: reference data, not a table


class VersionedCache:
    def __init__(self, name: str) -> None:
        self.name = name
        self._key = f"localcache:{name}:version"
        self._version: str | None = None
        self._values: dict[Hashable, Any] = {}
        self._lock = threading.Lock()

    def _current(self) -> str:
        version = cache.get(self._key)
        if version is None:
            cache.add(self._key, uuid.uuid4().hex, timeout=None)
            version = cache.get(self._key) or ""
        return str(version)

    def get(self, key: Hashable, load: Callable[[], Any]) -> Any:
        """The value for `key`, read by `load()` once per version; a None is not kept."""
        version = self._current()
        with self._lock:
            if version != self._version:
                self._values = {}
                self._version = version
            if key in self._values:
                return self._values[key]
        value = load()
        if value is not None:
            with self._lock:
                if version == self._version and len(self._values) < MAX_ENTRIES:
                    self._values[key] = value
        return value

    def invalidate(self) -> None:
        """Every process reads afresh: now, and again once the change commits (so no
        process can keep what it read between the two)."""
        self._bump()
        transaction.on_commit(self._bump)

    def _bump(self) -> None:
        cache.set(self._key, uuid.uuid4().hex, timeout=None)
        with self._lock:
            self._values = {}
            self._version = None
