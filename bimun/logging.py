"""Logging filters used by settings.LOGGING."""

import logging


class ClientErrorWithoutTraceback(logging.Filter):
    """Keep a refused request (400, 403, 404 …) to one warning line in the server log.

    Django logs PermissionDenied and BadRequest with their tracebacks, as if they were bugs; a
    phone opening the dais page, or a form sent with nonsense in it, is ordinary traffic, and
    the tracebacks bury the errors that matter. Server errors (5xx) keep theirs.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        status = getattr(record, "status_code", None)
        if isinstance(status, int) and 400 <= status < 500:
            record.exc_info = None
            record.exc_text = None
        return True
