"""The committee's final report, read from its rows and its log, in the active language.

`build_report()` reads everything the report shows with a fixed number of queries and returns
plain values: the web view, the PDF (`pdf.py`) and the Word files (`word.py`) all draw the same
`Report`, so they never disagree. Every figure comes from the rows (speeches, motions,
questions, ballots, signatures, amendments) and the log (points raised, roll calls, its final
hash); nothing is typed in by hand. The same record gives the same report, apart from
`generated_at`.

Words are made here, in the language active when it is built (the export wraps it in
`translation.override`); the delegates' own text (titles, clauses) stays as they wrote it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime

from django.conf import settings
from django.db.models import F, Prefetch
from django.utils import formats, timezone, translation
from django.utils.formats import date_format
from django.utils.safestring import SafeString
from django.utils.translation import gettext, pgettext

from committee.labels import (
    AMENDMENT_ACTIONS,
    AMENDMENT_STATUSES,
    DOCUMENT_STATUSES,
    MOTION_STATUSES,
    PROFILES,
    ROLL_STATUSES,
    VOTE_CHOICES,
    VOTE_METHODS,
    YIELD_KINDS,
    label,
    motion_label,
)
from committee.models import (
    Amendment,
    AttendanceRecord,
    Ballot,
    Committee,
    DaisMembership,
    Delegation,
    Document,
    DocumentVersion,
    Floor,
    FloorEvent,
    Motion,
    Question,
    Session,
    Signature,
    Speech,
)
from committee.procedure.attendance import (
    Attendee,
    DelegationKind,
    RollStatus,
    announce_numbers,
)
from committee.procedure.clauses import numbering
from committee.procedure.facts import EventKind
from committee.procedure.thresholds import ThresholdBase, ThresholdKind, parse_threshold
from committee.report import charts
from committee.report.tables import Papers, motion_values, question_label
from committee.resolutions.layout import Layout, body_to_resolution, guess_language, lay_out
from committee.statistics import delegation_statistics
from committee.wording import format_duration, in_language

# Rows of a chart or grid per printed page: the PDF slices long pictures so none is cut.
SPEAKING_ROWS_PER_PAGE = 45
GRID_ROWS_PER_PAGE = 60
GRID_COLUMNS_PER_PAGE = 30
RECORDED_METHODS = (Question.Method.PHONES, Question.Method.ROLL_CALL)
FAILED_AMENDMENTS = ("rejected", "lapsed", "withdrawn", "not_put")


# ---- what the report holds ----------------------------------------------------------------------


@dataclass(frozen=True)
class Cover:
    conference: str
    committee: str
    acronym: str
    topics: list[str]
    dais: list[tuple[str, str]]  # (role, name)
    dates: str
    rules: str
    delegations: int
    members: int
    observers: int


@dataclass(frozen=True)
class AttendanceLine:
    delegation: str
    status: str
    since: str
    late: bool


@dataclass(frozen=True)
class SessionAttendance:
    number: int
    opened: str
    closed: str
    lines: list[AttendanceLine]
    members_present: int
    observers_present: int
    absent: int
    late: int
    decision_quorum: int
    quorum_met: bool


@dataclass(frozen=True)
class RollCallAnswer:
    delegation: str
    first: str
    second: str
    rights: bool
    entered_by_dais: bool


@dataclass(frozen=True)
class VoteRecord:
    """One question put to the committee and its result, as the Question row keeps it."""

    id: int
    subject: str
    session: int | str
    method: str
    without_vote: bool
    yes: int | None
    no: int | None
    abstain: int | None
    not_voting: int | None
    threshold: str
    required_yes: int | None
    base_size: int | None
    passed: bool | None
    outcome: str
    closed: str
    roll_call: list[RollCallAnswer]
    bar: SafeString | None
    on_a_paper: bool = False  # a draft resolution, an amendment or a part: not a motion

    @property
    def counts(self) -> str:
        if self.without_vote or self.yes is None:
            return ""
        counts = {"yes": self.yes, "no": self.no, "abstain": self.abstain, "nv": self.not_voting}
        # A placard vote on a motion counts no abstentions, and no placard vote counts those
        # who did not vote: only what was counted is printed.
        if self.abstain is None:
            return pgettext("report vote", "Yes %(yes)s, No %(no)s") % counts
        if self.not_voting is None:
            return pgettext("report vote", "Yes %(yes)s, No %(no)s, Abstain %(abstain)s") % counts
        return (
            pgettext(
                "report vote", "Yes %(yes)s, No %(no)s, Abstain %(abstain)s, did not vote %(nv)s"
            )
            % counts
        )

    @property
    def needed(self) -> str:
        if self.without_vote or self.required_yes is None:
            return ""
        return pgettext("report vote", "%(required)s Yes needed of %(base)s") % {
            "required": self.required_yes,
            "base": self.base_size,
        }


@dataclass(frozen=True)
class AmendmentRecord:
    code: str  # "Amendment 2 to DR 1.1"
    submitter: str
    action: str
    target: str
    text: str
    outcome: str
    vote: VoteRecord | None


@dataclass(frozen=True)
class DocumentRecord:
    """A draft resolution (or working paper) and what became of it."""

    id: int
    code: str  # "DR 1.1"
    resolution: str  # "Resolution 1/1" when adopted
    title: str
    topic: str
    status: str
    outcome: str
    sponsors: list[str]
    signatories: list[str]
    layout: Layout | None
    amendments: list[AmendmentRecord]
    votes: list[VoteRecord]  # the DR's own vote and its divided parts, in the order put
    decided: str
    committee: str = ""

    @property
    def anchor_prefix(self) -> str:
        return f"document-{self.id}-"

    @property
    def heading(self) -> dict[str, object]:
        """What `_resolution_text.html` prints above the clauses."""
        return {
            "committee": self.committee,
            "topic": self.topic,
            "sponsors": self.sponsors,
            "signatories": self.signatories,
        }


@dataclass(frozen=True)
class MotionLine:
    number: str
    session: int | str
    motion: str
    mover: str
    seconder: str
    values: str
    ruling: str
    vote: str
    outcome: str


@dataclass(frozen=True)
class SpeechLine:
    session: int | str
    started: str
    delegation: str
    kind: str
    duration: str
    yielded_to: str


@dataclass(frozen=True)
class DelegationLine:
    delegation: str
    kind: str
    sessions_present: int
    speeches: int
    speaking_time: str
    speaking_seconds: int
    motions_raised: int
    motions_carried: int
    points_raised: int
    sponsored: int
    signed: int
    amendments_submitted: int
    amendments_adopted: int
    kind_is_observer: bool = False


@dataclass(frozen=True)
class LogSeal:
    events: int
    last_hash: str
    intact: bool
    problem: str


@dataclass
class Report:
    language: str
    generated_at: str
    cover: Cover
    sessions: list[SessionAttendance]
    adopted: list[DocumentRecord]
    not_adopted: list[DocumentRecord]
    failed_amendments: list[AmendmentRecord]
    motions: list[MotionLine]
    speeches: list[SpeechLine]
    delegations: list[DelegationLine]
    votes: list[VoteRecord]
    speaking_charts: list[SafeString] = field(default_factory=list)
    vote_grids: list[SafeString] = field(default_factory=list)
    seal: LogSeal | None = None
    title: str = ""

    @property
    def votes_on_papers(self) -> list[VoteRecord]:
        return [vote for vote in self.votes if vote.on_a_paper]

    @property
    def procedural_votes(self) -> list[VoteRecord]:
        return [vote for vote in self.votes if not vote.on_a_paper]

    @property
    def attendance_rows(self) -> list[tuple[str, list[AttendanceLine]]]:
        """A row per delegation with its line in each session, for the attendance grid."""
        if not self.sessions:
            return []
        names = [line.delegation for line in self.sessions[0].lines]
        return [
            (name, [session.lines[index] for session in self.sessions])
            for index, name in enumerate(names)
        ]


# ---- reading it ---------------------------------------------------------------------------------


def _moment(value: datetime | None) -> str:
    if value is None:
        return ""
    return formats.date_format(timezone.localtime(value), "DATETIME_FORMAT")


def _time(value: datetime | None) -> str:
    return "" if value is None else formats.time_format(timezone.localtime(value), "H:i")


def _day(value: date | None) -> str:
    return "" if value is None else date_format(value, "DATE_FORMAT")


def resolution_code(document: Document) -> str:
    return pgettext("resolution number", "Resolution %(topic)s/%(number)s") % {
        "topic": document.topic.number,
        "number": document.resolution_number,
    }


def threshold_words(value: str) -> str:
    """A stored threshold ("two_thirds/present_and_voting") in words, as the dais words it."""
    if not value:
        return ""
    threshold = parse_threshold(value)
    if threshold.kind is ThresholdKind.SIMPLE:
        return {
            ThresholdBase.PRESENT: gettext("simple majority of those present"),
            ThresholdBase.MEMBERSHIP: gettext("simple majority of the membership"),
        }.get(threshold.base, gettext("simple majority of those present and voting"))
    if threshold.kind is ThresholdKind.TWO_THIRDS:
        return {
            ThresholdBase.PRESENT: gettext("two-thirds of those present"),
            ThresholdBase.MEMBERSHIP: gettext("two-thirds of the membership"),
        }.get(threshold.base, gettext("two-thirds of those present and voting"))
    return gettext("unanimity")


def _outcome(question: Question) -> str:
    if question.voided_at is not None:
        return pgettext("report outcome", "voided")
    if question.method == Question.Method.CONSENSUS and question.passed:
        return pgettext("report outcome", "adopted without a vote")
    if question.passed is None:
        return pgettext("report outcome", "not decided")
    if question.passed:
        return pgettext("report outcome", "adopted")
    if question.verdict == "equally_divided":
        return pgettext("report outcome", "equally divided: rejected")
    return pgettext("report outcome", "rejected")


class _Reader:
    """Reads the committee once and builds each part of the report from what it read."""

    def __init__(self, committee: Committee) -> None:
        self.committee = committee
        self.delegations = list(
            Delegation.objects.filter(committee=committee).order_by("sort_key", "name")
        )
        self.by_id = {d.pk: d for d in self.delegations}
        self.sessions = list(Session.objects.filter(committee=committee).order_by("number"))
        self.session_numbers = {s.pk: s.number for s in self.sessions}
        self.papers = Papers.of(committee)
        self.questions = list(
            Question.objects.filter(committee=committee)
            .select_related("motion", "amendment")
            .order_by("opened_at", "pk")
        )
        self.ballots: dict[int, list[Ballot]] = defaultdict(list)
        for ballot in Ballot.objects.filter(question__committee=committee).order_by(
            "question_id", "round", "cast_at", "pk"
        ):
            self.ballots[ballot.question_id].append(ballot)
        self._clause_history: dict[int, list[tuple[datetime, Mapping[str, str]]]] = {}

    def name(self, delegation_id: int | None) -> str:
        delegation = self.by_id.get(delegation_id) if delegation_id is not None else None
        return delegation.display_name() if delegation is not None else ""

    def names(self, ids: Iterable[int]) -> list[str]:
        return [self.name(i) for i in ids]

    # ---- votes ----

    def vote(self, question: Question) -> VoteRecord:
        consensus = question.method == Question.Method.CONSENSUS
        counted = question.yes is not None and not consensus and question.voided_at is None
        bar = None
        # Bars for the votes on papers; procedural votes are a table, which prints faster.
        on_a_paper = question.kind != Question.Kind.MOTION
        if on_a_paper and counted and question.required_yes is not None and question.base_size:
            bar = charts.vote_bar(
                question.yes or 0,
                question.no or 0,
                question.abstain or 0,
                question.not_voting or 0,
                required_yes=question.required_yes,
                base_size=question.base_size,
            )
        return VoteRecord(
            id=question.pk,
            subject=self.subject(question),
            session=self.session_numbers.get(question.session_id or 0, ""),
            method=label(VOTE_METHODS, question.method),
            without_vote=consensus,
            yes=question.yes,
            no=question.no,
            abstain=question.abstain,
            not_voting=question.not_voting,
            threshold=threshold_words(question.threshold) if not consensus else "",
            required_yes=question.required_yes,
            base_size=question.base_size,
            passed=question.passed,
            outcome=_outcome(question),
            closed=_moment(question.closed_at),
            roll_call=self.roll_call(question),
            bar=bar,
            on_a_paper=on_a_paper,
        )

    def subject(self, question: Question) -> str:
        """What was voted. A divided part is named by its clause's number when it was voted,
        since a part rejected leaves the text and the clauses after it move up."""
        if question.kind != Question.Kind.DIVISION_PART:
            return question_label(question, self.papers)
        numbers: Mapping[str, str] = {}
        for created_at, version_numbers in self.clause_history(question.document_id or 0):
            if created_at <= question.opened_at:
                numbers = version_numbers
        return pgettext("vote item", "Operative clause %(clause)s of %(dr)s") % {
            "clause": numbers.get(question.clause, "?"),
            "dr": self.papers.label(question.document_id),
        }

    def clause_history(self, document_id: int) -> list[tuple[datetime, Mapping[str, str]]]:
        if document_id not in self._clause_history:
            self._clause_history[document_id] = [
                (version.created_at, numbering(body_to_resolution(version.body)))
                for version in DocumentVersion.objects.filter(document_id=document_id).order_by(
                    "number"
                )
            ]
        return self._clause_history[document_id]

    def roll_call(self, question: Question) -> list[RollCallAnswer]:
        if question.method != Question.Method.ROLL_CALL:
            return []
        rounds: dict[int, dict[int, Ballot]] = defaultdict(dict)
        for ballot in self.ballots.get(question.pk, []):
            rounds[ballot.delegation_id][ballot.round] = ballot
        order = [int(key) for key in question.call_order] or sorted(
            rounds, key=lambda key: (self.by_id[key].sort_key, self.by_id[key].name)
        )
        answers = []
        for key in order:
            first, second = rounds.get(key, {}).get(1), rounds.get(key, {}).get(2)
            answers.append(
                RollCallAnswer(
                    delegation=self.name(key),
                    first=label(VOTE_CHOICES, first.choice) if first else "",
                    second=label(VOTE_CHOICES, second.choice) if second else "",
                    rights=key in {int(d) for d in question.rights},
                    entered_by_dais=bool(first and first.entered_by_dais),
                )
            )
        return answers

    def recorded_votes(self) -> list[Question]:
        """Votes on papers where each delegation's choice is on record (phones, roll call):
        the grid's columns. A procedural vote by phones stays in the ballots' CSV."""
        return [
            q
            for q in self.questions
            if q.method in RECORDED_METHODS
            and q.kind != Question.Kind.MOTION
            and q.voided_at is None
            and q.passed is not None
        ]


# ---- the parts ----------------------------------------------------------------------------------


def _cover(committee: Committee, reader: _Reader) -> Cover:
    dais = [
        (m.get_role_display(), m.user.get_full_name() or m.user.get_username())
        for m in DaisMembership.objects.filter(committee=committee)
        .select_related("user")
        .order_by("role", "user__last_name", "user__username")
    ]
    conference = committee.conference
    # The days the committee sat, else the conference's dates.
    first, last = conference.starts_on, conference.ends_on
    if reader.sessions:
        first = timezone.localtime(reader.sessions[0].opened_at).date()
        last = timezone.localtime(reader.sessions[-1].opened_at).date()
    dates = _day(first) if first == last else f"{_day(first)} – {_day(last)}"
    members = sum(1 for d in reader.delegations if d.kind == Delegation.Kind.MEMBER)
    return Cover(
        conference=conference.display_name(),
        committee=committee.display_name(),
        acronym=committee.acronym,
        topics=[
            f"{topic.number}. {in_language(topic.title, topic.title_zh)}"
            for topic in committee.topics.order_by("number")
        ],
        dais=dais,
        dates=dates,
        rules=label(PROFILES, committee.rules_profile),
        delegations=len(reader.delegations),
        members=members,
        observers=len(reader.delegations) - members,
    )


def _attendance(committee: Committee, reader: _Reader) -> list[SessionAttendance]:
    records: dict[int, dict[int, AttendanceRecord]] = defaultdict(dict)
    for record in AttendanceRecord.objects.filter(session__committee=committee):
        records[record.session_id][record.delegation_id] = record
    roll_closed: dict[int, datetime] = {}
    for event in FloorEvent.objects.filter(
        committee=committee, kind=EventKind.ROLL_CALL_CLOSED, undone_by__isnull=True
    ).order_by("seq"):
        if event.session_id is not None:
            roll_closed.setdefault(event.session_id, event.created_at)
    params = committee.parameters()
    members = sum(1 for d in reader.delegations if d.kind == Delegation.Kind.MEMBER)
    sessions = []
    for session in reader.sessions:
        closed_roll = roll_closed.get(session.pk)
        lines, attendees = [], []
        for delegation in reader.delegations:
            record = records[session.pk].get(delegation.pk)
            status = record.status if record is not None else RollStatus.ABSENT
            since = record.since if record is not None else None
            late = bool(
                closed_roll and since and since > closed_roll and status != RollStatus.ABSENT
            )
            lines.append(
                AttendanceLine(
                    delegation.display_name(), label(ROLL_STATUSES, status), _time(since), late
                )
            )
            attendees.append(
                Attendee(str(delegation.pk), DelegationKind(delegation.kind), RollStatus(status))
            )
        numbers = announce_numbers(params, max(members, 1), attendees)
        sessions.append(
            SessionAttendance(
                number=session.number,
                opened=_moment(session.opened_at),
                closed=_moment(session.closed_at),
                lines=lines,
                members_present=numbers.members_present,
                observers_present=numbers.observers_present,
                absent=len(reader.delegations) - numbers.delegations_present,
                late=sum(1 for line in lines if line.late),
                decision_quorum=numbers.quorum_decision_required,
                quorum_met=numbers.quorum_decision_met,
            )
        )
    return sessions


def _signers(document: Document, role: str) -> list[Signature]:
    return [
        s
        for s in document.signatures.all()
        if s.role == role and s.signed_at is not None and not s.ended
    ]


def _amendment_record(
    amendment: Amendment, reader: _Reader, votes: dict[int, Question]
) -> AmendmentRecord:
    question = votes.get(amendment.pk)
    return AmendmentRecord(
        code=pgettext("vote item", "Amendment %(number)s to %(dr)s")
        % {"number": amendment.number, "dr": reader.papers.label(amendment.document_id)},
        submitter=reader.name(amendment.submitter_id),
        action=label(AMENDMENT_ACTIONS, amendment.action),
        target=amendment.target_label,
        text=amendment.text,
        outcome=label(AMENDMENT_STATUSES, amendment.status),
        vote=reader.vote(question) if question is not None else None,
    )


def _documents(
    committee: Committee, reader: _Reader
) -> tuple[list[DocumentRecord], list[DocumentRecord], list[AmendmentRecord]]:
    """Adopted resolutions; DRs that failed, lapsed or were withdrawn; failed amendments."""
    documents = list(
        Document.objects.filter(committee=committee, kind="draft_resolution")
        .exclude(status__in=("draft", "submitted", "approved"))
        .select_related("topic")
        .prefetch_related(
            Prefetch("signatures", queryset=Signature.objects.order_by("signed_at", "pk")),
            Prefetch("amendments", queryset=Amendment.objects.order_by("number")),
        )
        .order_by("topic__number", "resolution_number", "dr_number", "pk")
    )
    # Only each paper's text as it stands: autosave leaves many versions behind it.
    versions = {
        v.document_id: v.body
        for v in DocumentVersion.objects.filter(
            document__in=[d.pk for d in documents], number=F("document__version")
        )
    }
    live = [q for q in reader.questions if q.voided_at is None]
    amendment_votes = {q.amendment_id: q for q in live if q.kind == Question.Kind.AMENDMENT}
    adopted, others, failed_amendments = [], [], []
    for document in documents:
        own_votes = [
            reader.vote(q)
            for q in live
            if q.document_id == document.pk
            and q.kind in (Question.Kind.DR, Question.Kind.DIVISION_PART)
        ]
        shown = [a for a in document.amendments.all() if a.status not in ("submitted", "returned")]
        amendments = [_amendment_record(a, reader, amendment_votes) for a in shown]
        failed_amendments.extend(
            record
            for record, amendment in zip(amendments, shown, strict=True)
            if amendment.status in FAILED_AMENDMENTS
        )
        body = versions.get(document.pk)
        layout = lay_out(body, language=guess_language(body)) if body else None
        record = DocumentRecord(
            id=document.pk,
            code=reader.papers.label(document.pk),
            resolution=resolution_code(document) if document.resolution_number else "",
            title=document.title,
            topic=in_language(document.topic.title, document.topic.title_zh),
            status=document.status,
            outcome=label(DOCUMENT_STATUSES, document.status),
            sponsors=[reader.name(s.delegation_id) for s in _signers(document, "sponsor")],
            signatories=[reader.name(s.delegation_id) for s in _signers(document, "signatory")],
            layout=layout if document.status in ("adopted", "introduced") else None,
            amendments=amendments,
            votes=own_votes,
            decided=_moment(document.decided_at),
            committee=committee.display_name(),
        )
        (adopted if document.status == "adopted" else others).append(record)
    return adopted, others, failed_amendments


def _motions(committee: Committee, reader: _Reader) -> list[MotionLine]:
    questions = {
        q.motion_id: q for q in reader.questions if q.kind == Question.Kind.MOTION and q.motion_id
    }
    rulings: dict[int, str] = {}
    for motion_id, decision in (
        committee.rulings.filter(motion__isnull=False)
        .order_by("ruled_at", "pk")
        .values_list("motion_id", "decision")
    ):
        rulings[motion_id] = decision
    lines = []
    for motion in Motion.objects.filter(committee=committee).order_by("raised_at", "pk"):
        question = questions.get(motion.pk)
        vote = ""
        if question is not None and question.yes is not None:
            counts = [question.yes, question.no, question.abstain]
            vote = "–".join(str(count) for count in counts if count is not None)
        lines.append(
            MotionLine(
                number=motion.floor_id,
                session=reader.session_numbers.get(motion.session_id or 0, ""),
                motion=motion_label(motion.code),
                mover=reader.name(motion.mover_id),
                seconder=reader.name(motion.seconder_id),
                values=motion_values(motion.fields, reader.papers),
                ruling=_ruling_words(rulings.get(motion.pk, "")),
                vote=vote,
                outcome=label(MOTION_STATUSES, motion.status),
            )
        )
    return lines


def _ruling_words(decision: str) -> str:
    if not decision:
        return ""
    return {
        "in_order": pgettext("report ruling", "in order"),
        "out_of_order": pgettext("report ruling", "out of order"),
        "dilatory": pgettext("report ruling", "dilatory"),
    }.get(decision, decision)


def _speeches(committee: Committee, reader: _Reader) -> list[SpeechLine]:
    lines = []
    for speech in Speech.objects.filter(committee=committee).order_by("started_at", "pk"):
        if speech.yielded_to_delegation_id is not None:
            yielded = reader.name(speech.yielded_to_delegation_id)
        else:
            yielded = label(YIELD_KINDS, speech.yielded_to) if speech.yielded_to else ""
        lines.append(
            SpeechLine(
                session=reader.session_numbers.get(speech.session_id or 0, ""),
                started=_time(speech.started_at),
                delegation=reader.name(speech.delegation_id),
                kind=Speech.Kind(speech.kind).label,
                duration=format_duration(speech.seconds),
                yielded_to=yielded,
            )
        )
    return lines


def _delegations(committee: Committee, reader: _Reader) -> list[DelegationLine]:
    statistics = delegation_statistics(committee)
    present: dict[int, int] = defaultdict(int)
    for delegation_id in (
        AttendanceRecord.objects.filter(session__committee=committee)
        .exclude(status=RollStatus.ABSENT)
        .values_list("delegation_id", flat=True)
    ):
        present[delegation_id] += 1
    sponsored: dict[int, int] = defaultdict(int)
    signed: dict[int, int] = defaultdict(int)
    for delegation_id, role in Signature.objects.filter(
        document__committee=committee,
        document__kind="draft_resolution",
        signed_at__isnull=False,
        ended="",
    ).values_list("delegation_id", "role"):
        (sponsored if role == "sponsor" else signed)[delegation_id] += 1
    submitted: dict[int, int] = defaultdict(int)
    adopted: dict[int, int] = defaultdict(int)
    for delegation_id, status in (
        Amendment.objects.filter(document__committee=committee)
        .exclude(status="submitted")
        .values_list("submitter_id", "status")
    ):
        submitted[delegation_id] += 1
        adopted[delegation_id] += status in ("applied", "adopted")
    lines = []
    for delegation in reader.delegations:
        figures = statistics.get(delegation.pk)
        seconds = figures.speaking_seconds if figures else 0
        lines.append(
            DelegationLine(
                delegation=delegation.display_name(),
                kind=delegation.get_kind_display(),
                sessions_present=present[delegation.pk],
                speeches=figures.speeches if figures else 0,
                speaking_time=format_duration(seconds),
                speaking_seconds=seconds,
                motions_raised=figures.motions_raised if figures else 0,
                motions_carried=figures.motions_carried if figures else 0,
                points_raised=figures.points_raised if figures else 0,
                sponsored=sponsored[delegation.pk],
                signed=signed[delegation.pk],
                amendments_submitted=submitted[delegation.pk],
                amendments_adopted=adopted[delegation.pk],
                kind_is_observer=delegation.kind == Delegation.Kind.OBSERVER,
            )
        )
    return lines


def _slices(items: Sequence, size: int) -> list[Sequence]:
    return [items[start : start + size] for start in range(0, len(items), size)]


def _speaking_charts(lines: list[DelegationLine]) -> list[SafeString]:
    spoke = sorted(
        ((line.delegation, line.speaking_seconds) for line in lines if line.speaking_seconds),
        key=lambda row: (-row[1], row[0]),
    )
    longest = spoke[0][1] if spoke else None
    return [
        charts.speaking_time_chart(rows, longest=longest)
        for rows in _slices(spoke, SPEAKING_ROWS_PER_PAGE)
    ]


def _vote_grids(reader: _Reader) -> list[SafeString]:
    recorded = reader.recorded_votes()
    if not recorded:
        return []
    choices: dict[tuple[int, int], str | None] = {}
    for question in recorded:
        electorate = {int(key) for key in _electorate_ids(question)}
        final: dict[int, str] = {}
        for ballot in reader.ballots.get(question.pk, []):
            if ballot.choice != "pass":
                final[ballot.delegation_id] = ballot.choice
        for key in electorate:
            choices[(key, question.pk)] = final.get(key, "not_voting")
    questions = [(q.pk, question_label(q, reader.papers)) for q in recorded]
    voters = [
        (d.pk, d.display_name())
        for d in reader.delegations
        if any((d.pk, q.pk) in choices for q in recorded)
    ]
    grids = []
    for columns in _slices(questions, GRID_COLUMNS_PER_PAGE):
        for rows in _slices(voters, GRID_ROWS_PER_PAGE):
            grids.append(charts.vote_grid(rows, columns, choices))
    return grids


def _electorate_ids(question: Question) -> list[str]:
    from committee.readmodels.voting import decode_electorate

    return list(decode_electorate(question.electorate).ids)


def _seal(committee: Committee) -> LogSeal:
    from committee.log import chain

    floor = Floor.objects.filter(committee=committee).only("seq", "last_hash").first()
    checked, problem = chain.verify(committee, replay=False)
    return LogSeal(
        events=floor.seq if floor else 0,
        last_hash=floor.last_hash if floor else chain.GENESIS,
        intact=problem is None,
        problem=problem.reason if problem else "",
    )


def build_report(committee: Committee, *, generated_at: datetime | None = None) -> Report:
    """The whole report of ``committee`` in the active language."""
    reader = _Reader(committee)
    adopted, others, failed_amendments = _documents(committee, reader)
    delegations = _delegations(committee, reader)
    votes = [reader.vote(q) for q in reader.questions if q.passed is not None or q.voided_at]
    report = Report(
        language=translation_code(),
        generated_at=_moment(generated_at or timezone.now()),
        cover=_cover(committee, reader),
        sessions=_attendance(committee, reader),
        adopted=adopted,
        not_adopted=others,
        failed_amendments=failed_amendments,
        motions=_motions(committee, reader),
        speeches=_speeches(committee, reader),
        delegations=delegations,
        votes=votes,
        speaking_charts=_speaking_charts(delegations),
        vote_grids=_vote_grids(reader),
        seal=_seal(committee),
    )
    report.title = gettext("Report of the %(committee)s") % {"committee": report.cover.committee}
    return report


def translation_code() -> str:
    return translation.get_language() or settings.LANGUAGE_CODE
