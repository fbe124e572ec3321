"""A committee's record as one file: the report as PDF or Word, its tables as CSV, or the
whole committee as a JSON archive.

`export()` is what the secretariat's export page and `manage.py export_report` both call. It
reports its progress step by step, so a long export can show where it is. The same record gives
the same file, apart from the generation time printed in the report (`generated_at`), which a
caller may fix.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime

from django.utils import timezone, translation
from django.utils.translation import gettext_lazy, pgettext_lazy

from committee.models import Committee

PDF = "pdf"
DOCX = "docx"
CSV = "csv"
JSON = "json"
FORMATS = (PDF, DOCX, CSV, JSON)
FORMAT_LABELS = {
    PDF: pgettext_lazy("export format", "PDF report (A4, to print)"),
    DOCX: pgettext_lazy("export format", "Word report and one Word file per resolution (.zip)"),
    CSV: pgettext_lazy(
        "export format", "Tables as CSV: attendance, speeches, motions, ballots (.zip)"
    ),
    JSON: pgettext_lazy("export format", "JSON archive of the whole committee, to restore"),
}
# A fixed date inside zip files: the same record gives the same bytes.
ZIP_DATE = (1980, 1, 1, 0, 0, 0)

# (steps done, steps in all, the step now running: a key of STEPS)
Progress = Callable[[int, int, str], None]

# Keys, not words: whoever watches the progress reads it in their own language.
READING, TYPESETTING, WORD_FILES, WRITING = "reading", "typesetting", "word_files", "writing"
STEPS = {
    READING: gettext_lazy("Reading the record"),
    TYPESETTING: pgettext_lazy("export step", "Typesetting the PDF"),
    WORD_FILES: pgettext_lazy("export step", "Writing the Word files"),
    WRITING: gettext_lazy("Writing the file"),
}


def step_label(key: str) -> str:
    """A progress step in the active language."""
    return str(STEPS.get(key, key))


@dataclass(frozen=True)
class ExportFile:
    filename: str
    content_type: str
    content: bytes


def _no_progress(done: int, total: int, step: str) -> None:
    """The default when nobody watches."""


def zip_files(members: Iterable[tuple[str, bytes]]) -> bytes:
    """A zip of (name, content) pairs with fixed dates, so equal contents give equal bytes."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, content in members:
            member = zipfile.ZipInfo(name, date_time=ZIP_DATE)
            member.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(member, content)
    return buffer.getvalue()


def export(
    committee: Committee,
    kind: str,
    *,
    language: str,
    generated_at: datetime | None = None,
    progress: Progress | None = None,
) -> ExportFile:
    """The committee's record in ``kind`` (one of FORMATS), its words in ``language``."""
    if kind not in FORMATS:
        raise ValueError(f"unknown export format {kind!r}")
    progress = progress or _no_progress
    generated_at = generated_at or timezone.now()
    stem = f"{committee.slug}-{language}"
    with translation.override(language):
        if kind == CSV:
            return _csv(committee, stem, progress)
        if kind == JSON:
            return _json(committee, progress)
        return _report(committee, kind, stem, generated_at, progress)


def _csv(committee: Committee, stem: str, progress: Progress) -> ExportFile:
    from committee.report.tables import record_tables

    progress(0, 2, READING)
    tables = record_tables(committee)
    progress(1, 2, WRITING)
    content = zip_files((f"{table.name}.csv", table.to_csv()) for table in tables)
    progress(2, 2, WRITING)
    return ExportFile(f"{stem}-tables.zip", "application/zip", content)


def _json(committee: Committee, progress: Progress) -> ExportFile:
    from committee.report.archive import archive_bytes

    progress(0, 1, READING)
    content = archive_bytes(committee)
    progress(1, 1, WRITING)
    return ExportFile(f"{committee.slug}-archive.json", "application/json", content)


def _report(
    committee: Committee, kind: str, stem: str, generated_at: datetime, progress: Progress
) -> ExportFile:
    from committee.report.record import build_report

    steps = 3
    progress(0, steps, READING)
    report = build_report(committee, generated_at=generated_at)
    if kind == PDF:
        from committee.report.pdf import report_pdf

        progress(1, steps, TYPESETTING)
        content = report_pdf(report)
        progress(steps, steps, WRITING)
        return ExportFile(f"{stem}-report.pdf", "application/pdf", content)
    from committee.report.word import report_docx_zip

    progress(1, steps, WORD_FILES)
    content = report_docx_zip(report)
    progress(steps, steps, WRITING)
    return ExportFile(f"{stem}-word.zip", "application/zip", content)
