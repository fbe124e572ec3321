"""Answers 503 "not recorded, try again" when the database cannot serve a request in time."""

import logging
import sqlite3
from collections.abc import Callable

from django.db import OperationalError
from django.http import HttpRequest, HttpResponse

from committee.floor_responses import busy_response

logger = logging.getLogger(__name__)


class DatabaseBusyMiddleware:
    """Turns a database that is too busy into a clear 503 instead of a 500.

    Waiting is bounded: for a pooled connection (the pool's timeout), for the committee's
    floor (lock_timeout, or SQLite's timeout). When a wait runs out, or the server refuses
    another connection, the request's transaction has been rolled back, so nothing was saved
    and the person can simply try again.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not _database_busy(exception):
            return None
        logger.warning(
            "Database busy, %s %s not served: %s", request.method, request.path, exception
        )
        return busy_response(request)


def _database_busy(exception: Exception) -> bool:
    """A wait that ran out or a connection that could not be had, not a bug in a query.

    PostgreSQL's operational errors are all of that kind (lock and pool time-outs, too many
    clients, a lost connection); SQLite also reports a missing table that way, which is a
    bug and must stay a 500, so only its "locked" and "busy" count.
    """
    if not isinstance(exception, OperationalError):
        return False
    if isinstance(exception.__cause__, sqlite3.OperationalError):
        message = str(exception).lower()
        return "locked" in message or "busy" in message
    return True
