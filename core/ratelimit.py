"""A small fixed-window rate limiter on the shared cache, for public endpoints.

Works across web processes when the cache is Redis; per process on the
embedded in-memory cache, which is the right scope there.
"""

from __future__ import annotations

import time

from django.core.cache import cache
from django.http import HttpRequest


def client_ip(request: HttpRequest) -> str:
    # Behind a proxy, SecurityMiddleware's trusted header setup decides REMOTE_ADDR;
    # we do not trust X-Forwarded-For ourselves (it is client-controlled).
    return request.META.get("REMOTE_ADDR", "") or "unknown"


def hit(scope: str, key: str, *, limit: int, window_seconds: int) -> bool:
    """Count one hit; return False when `key` has exceeded `limit` in this window."""
    window = int(time.time() // window_seconds)
    cache_key = f"rl:{scope}:{key}:{window}"
    if cache.add(cache_key, 1, timeout=window_seconds + 5):
        return True
    try:
        count = cache.incr(cache_key)
    except ValueError:  # expired between add and incr
        cache.set(cache_key, 1, timeout=window_seconds + 5)
        return True
    return count <= limit
