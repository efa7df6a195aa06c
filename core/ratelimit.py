"""A small fixed-window rate limiter on the shared cache, for public endpoints.

Works across web processes when the cache is Redis; per process on the
embedded in-memory cache, which is the right scope there.
"""

from __future__ import annotations

import time

from django.core.cache import cache

# Limits key on the real client behind our trusted proxies (core/clientaddr.py).
from core.clientaddr import client_ip

__all__ = ["client_ip", "hit"]


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
