"""The committee's record as tables: attendance, speeches, motions and ballots.

Each table is read from the rows with a fixed number of queries, whatever the committee's
size, and ordered so that the same record always gives the same table. Headers and words
(kinds, statuses, choices) are in the active language; delegations by their name in it;
times in ISO 8601 in the conference's time zone. Every cell goes through `safe_cell`, so a
spreadsheet never reads a delegate's text as a formula.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db.models import F, Prefetch
from django.utils import timezone
from django.utils.translation import pgettext

from committee.labels import (
    MOTION_ARGS,
    MOTION_STATUSES,
    ROLL_STATUSES,
    VOTE_CHOICES,
    VOTE_METHODS,
    YIELD_KINDS,
    document_label,
    label,
    motion_label,
)
from committee.models import (
    AttendanceRecord,
    Ballot,
    Committee,
    Delegation,
    Document,
    DocumentVersion,
    Motion,
    Question,
    Session,
    Speech,
)
from committee.procedure.choices import MotionCode
from committee.procedure.clauses import numbering
from committee.resolutions.layout import body_to_resolution
from committee.wording import format_duration, separator

Cell = str | int | float

# What a spreadsheet takes for the start of a formula (OWASP, "CSV injection").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
ABSENT = "absent"


def safe_cell(value: object) -> Cell:
    """A cell a spreadsheet shows as written: text that could start a formula gets a leading
    apostrophe; numbers stay numbers; nothing is an empty cell."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return yes_no(value)
    if isinstance(value, int | float):
        return value
    text = str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def yes_no(value: bool) -> str:
    return pgettext("report cell", "yes") if value else pgettext("report cell", "no")


@dataclass(frozen=True)
class Table:
    """One table of the record: its file name, its header and its rows, all cells safe."""

    name: str
    header: list[str]
    rows: list[list[Cell]]

    def to_csv(self) -> bytes:
        """The table as CSV in UTF-8 with a byte-order mark (Excel then reads Chinese)."""
        out = io.StringIO(newline="")
        writer = csv.writer(out)
        writer.writerow([safe_cell(cell) for cell in self.header])
        writer.writerows(self.rows)
        return ("\ufeff" + out.getvalue()).encode("utf-8")


def _table(name: str, header: Sequence[str], rows: Sequence[Sequence[object]]) -> Table:
    return Table(name, list(header), [[safe_cell(cell) for cell in row] for row in rows])


def when(value: datetime | None) -> str:
    """A moment in ISO 8601, in the conference's time zone; empty when there is none."""
    if value is None:
        return ""
    return timezone.localtime(value, timezone.get_default_timezone()).isoformat()


def _name(delegation: Delegation | None) -> str:
    return delegation.display_name() if delegation is not None else ""


def _session_number(session: Session | None) -> int | str:
    return session.number if session is not None else ""


# ---- attendance ---------------------------------------------------------------------------------


def attendance(committee: Committee) -> Table:
    """Every session × every delegation: its status at roll call and since when (3 queries).
    A delegation without a row was never marked: everyone starts a session absent."""
    sessions = list(Session.objects.filter(committee=committee).order_by("number"))
    delegations = list(Delegation.objects.filter(committee=committee).order_by("sort_key", "name"))
    records = {
        (r.session_id, r.delegation_id): r
        for r in AttendanceRecord.objects.filter(session__committee=committee)
    }
    rows = []
    for session in sessions:
        for delegation in delegations:
            record = records.get((session.pk, delegation.pk))
            rows.append(
                [
                    session.number,
                    delegation.display_name(),
                    label(ROLL_STATUSES, record.status if record is not None else ABSENT),
                    when(record.since) if record is not None else "",
                ]
            )
    header = [
        pgettext("report column", "Session"),
        pgettext("report column", "Delegation"),
        pgettext("report column", "Status at roll call"),
        pgettext("report column", "Since"),
    ]
    return _table("attendance", header, rows)


# ---- speeches -----------------------------------------------------------------------------------


def speeches(committee: Committee) -> Table:
    """Every turn at the microphone, in the order spoken (1 query)."""
    rows = []
    for speech in (
        Speech.objects.filter(committee=committee)
        .select_related("session", "delegation", "yielded_to_delegation")
        .order_by("started_at", "pk")
    ):
        if speech.yielded_to_delegation is not None:
            yielded = speech.yielded_to_delegation.display_name()
        else:
            yielded = label(YIELD_KINDS, speech.yielded_to) if speech.yielded_to else ""
        rows.append(
            [
                _session_number(speech.session),
                speech.delegation.display_name(),
                Speech.Kind(speech.kind).label,
                when(speech.started_at),
                when(speech.ended_at),
                speech.seconds,
                yielded,
            ]
        )
    header = [
        pgettext("report column", "Session"),
        pgettext("report column", "Delegation"),
        pgettext("report column", "Kind"),
        pgettext("report column", "Started"),
        pgettext("report column", "Ended"),
        pgettext("report column", "Seconds"),
        pgettext("report column", "Yielded to"),
    ]
    return _table("speeches", header, rows)


# ---- the papers, for naming what a motion or a vote was about -----------------------------------


@dataclass
class Papers:
    """The committee's documents by id and their clause numbers, read once (2 queries)."""

    documents: dict[int, Document]
    clause_numbers: dict[int, Mapping[str, str]]

    @classmethod
    def of(cls, committee: Committee) -> Papers:
        documents = {
            d.pk: d for d in Document.objects.filter(committee=committee).select_related("topic")
        }
        current = DocumentVersion.objects.filter(
            document__committee=committee, number=F("document__version")
        )
        clause_numbers = {v.document_id: numbering(body_to_resolution(v.body)) for v in current}
        return cls(documents, clause_numbers)

    def label(self, document_id: object) -> str:
        try:
            document = self.documents.get(int(str(document_id)))
        except ValueError:
            document = None
        if document is None:
            return str(document_id)
        number = document.wp_number if document.kind == "working_paper" else document.dr_number
        return document_label(document.kind, document.topic.number, number)

    def clause(self, document_id: int | None, clause_id: str) -> str:
        numbers = self.clause_numbers.get(document_id or 0, {})
        return numbers.get(clause_id, "?")


def motion_values(fields: dict[str, Any], papers: Papers) -> str:
    """A motion's values in words: "total time: 10 min; speaking time: 1 min"."""
    target = fields.get("target")
    target_id = int(target) if str(target or "").isdigit() else None
    words: dict[str, Callable[[Any], str]] = {
        "total_seconds": format_duration,
        "speaker_seconds": format_duration,
        "topic": str,
        "target": papers.label,
        "parts": lambda parts: separator("names").join(
            papers.clause(target_id, str(part)) for part in parts
        ),
        "order": lambda order: separator("names").join(papers.label(d) for d in order),
    }
    shown = [
        label(MOTION_ARGS, key) + separator("label") + words[key](fields[key])
        for key in words
        if fields.get(key) not in (None, "", [])
    ]
    return separator("clauses").join(shown)


# ---- motions ------------------------------------------------------------------------------------


def motions(committee: Committee, papers: Papers | None = None) -> Table:
    """Every motion raised, in the order raised (2 queries, 4 with the papers)."""
    papers = papers or Papers.of(committee)
    rows = []
    for motion in (
        Motion.objects.filter(committee=committee)
        .select_related("session", "mover", "seconder")
        .prefetch_related(
            Prefetch("co_movers", queryset=Delegation.objects.order_by("sort_key", "name"))
        )
        .order_by("raised_at", "pk")
    ):
        rows.append(
            [
                _session_number(motion.session),
                motion.floor_id,
                motion_label(motion.code),
                _name(motion.mover),
                separator("names").join(d.display_name() for d in motion.co_movers.all()),
                _name(motion.seconder),
                motion_values(motion.fields, papers),
                label(MOTION_STATUSES, motion.status),
                when(motion.raised_at),
                when(motion.decided_at),
            ]
        )
    header = [
        pgettext("report column", "Session"),
        pgettext("report column", "Number"),
        pgettext("report column", "Motion"),
        pgettext("report column", "Mover"),
        pgettext("report column", "Co-movers"),
        pgettext("report column", "Seconder"),
        pgettext("report column", "Values"),
        pgettext("report column", "Status"),
        pgettext("report column", "Raised"),
        pgettext("report column", "Decided"),
    ]
    return _table("motions", header, rows)


# ---- ballots ------------------------------------------------------------------------------------


def question_label(question: Question, papers: Papers) -> str:
    """What was voted: the motion's name, "DR 1.1", "Amendment 2 to DR 1.1" or "Operative
    clause 3 of DR 1.1", worded as the voting screens word them."""
    if question.kind == Question.Kind.AMENDMENT and question.amendment is not None:
        return pgettext("vote item", "Amendment %(number)s to %(dr)s") % {
            "number": question.amendment.number,
            "dr": papers.label(question.amendment.document_id),
        }
    if question.kind == Question.Kind.DIVISION_PART:
        return pgettext("vote item", "Operative clause %(clause)s of %(dr)s") % {
            "clause": papers.clause(question.document_id, question.clause),
            "dr": papers.label(question.document_id),
        }
    if question.kind == Question.Kind.DR:
        return papers.label(question.document_id)
    if question.motion is not None:
        return motion_label(question.motion.code)
    return motion_label(MotionCode.APPEAL)


def ballots(committee: Committee, papers: Papers | None = None) -> Table:
    """Every ballot, question by question in the order put, round by round (1 query, 3 with
    the papers)."""
    papers = papers or Papers.of(committee)
    rows = []
    for ballot in (
        Ballot.objects.filter(question__committee=committee)
        .select_related("question__motion", "question__amendment", "delegation")
        # A question's electorate and call order name every delegation: never read per ballot.
        .defer("question__electorate", "question__call_order", "question__effects")
        .order_by("question__opened_at", "question_id", "round", "cast_at", "pk")
    ):
        question = ballot.question
        rows.append(
            [
                question.pk,
                question_label(question, papers),
                label(VOTE_METHODS, question.method),
                ballot.delegation.display_name(),
                ballot.round,
                label(VOTE_CHOICES, ballot.choice),
                ballot.entered_by_dais,
                when(ballot.cast_at),
            ]
        )
    header = [
        pgettext("report column", "Question"),
        pgettext("report column", "Voted on"),
        pgettext("report column", "Method"),
        pgettext("report column", "Delegation"),
        pgettext("report column", "Round"),
        pgettext("report column", "Choice"),
        pgettext("report column", "Entered by the dais"),
        pgettext("report column", "Cast at"),
    ]
    return _table("ballots", header, rows)


def record_tables(committee: Committee) -> list[Table]:
    """The four tables of the record, in the active language (9 queries)."""
    papers = Papers.of(committee)
    return [
        attendance(committee),
        speeches(committee),
        motions(committee, papers),
        ballots(committee, papers),
    ]
