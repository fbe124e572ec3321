"""Slows down guessing of access codes: a few wrong codes, then a wait, per client address.

Counters live in the cache (Redis when REDIS_URL is set), so every server process agrees.
"""

import time

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest


def _client(request: HttpRequest) -> str:
    return request.META.get("REMOTE_ADDR", "unknown")


def _failures_key(client: str) -> str:
    return f"bimun:code-failures:{client}"


def _lockout_key(client: str) -> str:
    return f"bimun:code-lockout:{client}"


def seconds_until_allowed(request: HttpRequest) -> int:
    """0 when the client may try a code now, else how long it must wait."""
    locked_until = cache.get(_lockout_key(_client(request)))
    if locked_until is None:
        return 0
    return max(0, int(locked_until - time.time() + 0.999))


def record_failure(request: HttpRequest) -> int:
    """Count a wrong code; returns the wait in seconds it caused (0 if none yet)."""
    client = _client(request)
    lockout = settings.ACCESS_CODE_LOCKOUT_SECONDS
    key = _failures_key(client)
    cache.add(key, 0, timeout=lockout * 10)
    failures = cache.incr(key)
    if failures < settings.ACCESS_CODE_MAX_FAILURES:
        return 0
    cache.set(_lockout_key(client), time.time() + lockout, timeout=lockout)
    cache.delete(key)
    return lockout


def record_success(request: HttpRequest) -> None:
    cache.delete(_failures_key(_client(request)))
