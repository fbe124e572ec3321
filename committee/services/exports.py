"""Exports of a committee's record asked for on the secretariat's page, run in the background.

A big committee's report takes longer to write than a request may wait, so `export_start`
records the job and writes the file in a thread of this server process. The thread keeps the
job's row up to date (progress, then the file or why it failed), and the page polls the row:
any server process can answer the polling, whichever one runs the thread.
"""

import logging
import threading

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Q
from django.utils import timezone

from committee.models import EXPORT_SILENT_LIMIT, Committee, ExportJob
from committee.report.export import FORMATS, export

logger = logging.getLogger(__name__)

# Finished jobs hold their files in the database: only a committee's newest few are kept.
JOBS_KEPT_PER_COMMITTEE = 10
STEP_MAX = ExportJob._meta.get_field("step").max_length
ERROR_MAX = 500


def export_thread_name(job_id: int) -> str:
    """The name of the thread that runs a job (logs name it; tests wait for it)."""
    return f"bimun-export-{job_id}"


def export_start(*, committee: Committee, user, kind: str, language: str) -> ExportJob:
    """Record an export of the committee's record and start writing it in the background.

    The thread starts once the job's row is committed, so that it finds the row. Starting a
    job prunes the committee's jobs beyond the newest JOBS_KEPT_PER_COMMITTEE, except those
    still running.
    """
    if kind not in FORMATS:
        raise ValueError(f"unknown export format {kind!r}")
    if language not in dict(settings.LANGUAGES):
        raise ValueError(f"unknown language {language!r}")
    with transaction.atomic():
        job = ExportJob.objects.create(
            committee=committee, requested_by=user, kind=kind, language=language
        )
        _prune(committee)
        transaction.on_commit(lambda: _start_thread(job.pk))
    return job


def _prune(committee: Committee) -> None:
    jobs = ExportJob.objects.filter(committee=committee)
    newest = list(jobs.values_list("pk", flat=True)[:JOBS_KEPT_PER_COMMITTEE])
    # A job silent for too long will never finish (its server stopped): it goes too.
    gone = Q(status__in=[ExportJob.Status.DONE, ExportJob.Status.FAILED]) | Q(
        updated_at__lt=timezone.now() - EXPORT_SILENT_LIMIT
    )
    jobs.exclude(pk__in=newest).filter(gone).delete()


def _start_thread(job_id: int) -> None:
    # A daemon: a server that stops does not wait for an export; its job is then seen as lost.
    threading.Thread(
        target=_run, args=(job_id,), name=export_thread_name(job_id), daemon=True
    ).start()


def _run(job_id: int) -> None:
    """The thread: write the file, keeping the job's row up to date. Only the fields that
    change are written, so the page's reads never wait on the file's bytes."""
    job_row = ExportJob.objects.filter(pk=job_id)

    def progress(done: int, total: int, step: str) -> None:
        job_row.update(done=done, total=total, step=step[:STEP_MAX], updated_at=timezone.now())

    try:
        job = ExportJob.objects.select_related("committee").defer("content").get(pk=job_id)
        job_row.update(status=ExportJob.Status.RUNNING, updated_at=timezone.now())
        result = export(job.committee, job.kind, language=job.language, progress=progress)
        now = timezone.now()
        job_row.update(
            status=ExportJob.Status.DONE,
            filename=result.filename,
            content_type=result.content_type,
            content=result.content,
            finished_at=now,
            updated_at=now,
        )
    except Exception as error:
        logger.exception("Export job %s failed", job_id)
        now = timezone.now()
        job_row.update(
            status=ExportJob.Status.FAILED,
            error=f"{type(error).__name__}: {error}"[:ERROR_MAX],
            finished_at=now,
            updated_at=now,
        )
    finally:
        connection.close()  # the thread's own connection (or, on PostgreSQL, back to the pool)
