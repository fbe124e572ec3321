"""Slows down guessing of credentials: a few wrong tries, then a wait, per client address.

Every attempt is claimed in the database *before* the credential is checked, under a row
lock, so guesses sent at the same instant cannot overrun the limit; a right credential gives
back only its own claim and never wipes the wrong ones before it. The counter lives in the
database, not the cache, so signing in keeps working when Redis is down.
"""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.http import HttpRequest
from django.utils import timezone

from committee.models import CredentialThrottle

ACCESS_CODE = "access_code"
PASSWORD = "password"

# Wrong tries older than this are forgotten, so a typo on Monday does not count on Friday.
FORGET_AFTER = datetime.timedelta(hours=1)


@dataclass(frozen=True)
class Attempt:
    """A claimed try: `wait` is 0 when it may go ahead, else the seconds left to wait."""

    client: str
    kind: str
    wait: int

    @property
    def allowed(self) -> bool:
        return self.wait == 0


def client_address(request: HttpRequest) -> str:
    # REMOTE_ADDR is the proxy-corrected peer (uvicorn --proxy-headers trusts only loopback).
    return request.META.get("REMOTE_ADDR") or "unknown"


def _seconds_left(until: datetime.datetime, now: datetime.datetime) -> int:
    return max(1, int((until - now).total_seconds() + 0.999))


@transaction.atomic
def attempt_claim(*, client: str, kind: str) -> Attempt:
    """Count one try before it is checked; refuse it (wait > 0) while the client is locked out."""
    limit = settings.ACCESS_CODE_MAX_FAILURES
    lockout = datetime.timedelta(seconds=settings.ACCESS_CODE_LOCKOUT_SECONDS)
    now = timezone.now()
    row, _created = CredentialThrottle.objects.select_for_update().get_or_create(
        client=client, kind=kind
    )
    if row.blocked_until is not None and now < row.blocked_until:
        return Attempt(client, kind, _seconds_left(row.blocked_until, now))
    served_lockout = row.blocked_until is not None
    stale = row.last_attempt_at is not None and now - row.last_attempt_at > FORGET_AFTER
    if served_lockout or stale:
        row.attempts = 0
        row.blocked_until = None
    row.attempts += 1
    row.last_attempt_at = now
    # The try that reaches the limit is still checked; the lockout starts with it, so tries
    # racing it are refused until it is known to be a wrong one.
    if row.attempts >= limit:
        row.blocked_until = now + lockout
    row.save(update_fields=["attempts", "blocked_until", "last_attempt_at"])
    return Attempt(client, kind, 0)


@transaction.atomic
def attempt_succeeded(*, attempt: Attempt) -> None:
    """The credential was right: give back this try's claim (and only it)."""
    CredentialThrottle.objects.filter(
        client=attempt.client, kind=attempt.kind, attempts__gt=0
    ).update(attempts=F("attempts") - 1)
    CredentialThrottle.objects.filter(
        client=attempt.client,
        kind=attempt.kind,
        attempts__lt=settings.ACCESS_CODE_MAX_FAILURES,
    ).update(blocked_until=None)


def wait_after_failure(*, attempt: Attempt) -> int:
    """After a wrong try: the seconds this client must now wait (0 if it may try again)."""
    row = CredentialThrottle.objects.filter(client=attempt.client, kind=attempt.kind).first()
    if row is None or row.blocked_until is None:
        return 0
    return _seconds_left(row.blocked_until, timezone.now())
