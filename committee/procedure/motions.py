"""Raising, screening and ordering motions; the floor of pending motions (procedure.md §3).

Life cycle: ``screen_motion`` (in order? over the caps → a suggested change the mover may
accept) → ``second_motion`` → ``propose`` onto the ``MotionFloor`` (identical motions merge) →
``ordered_pending`` (precedence) → ``start_vote`` / ``record_result``: the first that passes is
carried and the rest are superseded; ``withdraw`` until its vote starts; ``take_up`` lets
another delegation adopt a withdrawn motion.

A motion that names a paper (an introduction, a Q&A session) is screened against the
``MotionDocuments`` the app hands in (``with_papers``): a document by its id, an amendment by
"a" and its id.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from enum import StrEnum
from fractions import Fraction

from .choices import CaucusOrdering, MotionCode
from .division import check_parts, divisible
from .errors import ErrorCode, ProcedureError
from .motion_registry import MotionArg, MotionSpec, motion_registry
from .parameters import Parameters
from .phases import Phase
from .rulings import Ruling, is_appealable
from .timers import require_aware


class MotionStatus(StrEnum):
    PENDING = "pending"
    VOTING = "voting"
    CARRIED = "carried"
    FAILED = "failed"
    SUPERSEDED = "superseded"  # "not voted (superseded)" (§8.14)
    WITHDRAWN = "withdrawn"
    OUT_OF_ORDER = "out_of_order"
    DILATORY = "dilatory"


@dataclass(frozen=True, slots=True)
class Motion:
    id: str
    code: MotionCode
    mover: str
    seq: int  # order received; breaks every remaining tie
    total_seconds: int | None = None
    speaker_seconds: int | None = None
    topic: str | None = None
    target: str | None = None
    parts: tuple[str, ...] = ()
    order: tuple[str, ...] = ()
    seconder: str | None = None
    co_movers: tuple[str, ...] = ()  # movers of identical motions merged into this one
    status: MotionStatus = MotionStatus.PENDING
    decided_at: datetime | None = None

    @property
    def movers(self) -> tuple[str, ...]:
        return (self.mover, *self.co_movers)

    def identity(self) -> tuple[object, ...]:
        """Two motions with the same identity are the same motion (§8.13)."""
        topic = " ".join(self.topic.split()).casefold() if self.topic else None
        return (
            self.code,
            self.total_seconds,
            self.speaker_seconds,
            topic,
            self.target,
            self.parts,
            self.order,
        )


@dataclass(frozen=True, slots=True)
class EndedCaucus:
    """The caucus that just ended, for a motion to extend it."""

    code: MotionCode
    total_seconds: int
    extensions_used: int = 0


@dataclass(frozen=True, slots=True)
class MotionDocuments:
    """The papers a motion may name now, as the app reads them from its rows. A document is
    named by its id ("12"), an amendment by "a" and its id ("a7"): the motion's `target`."""

    draft_resolutions: frozenset[str] = frozenset()  # approved and holding their quota
    working_papers: frozenset[str] = frozenset()  # ready to be introduced (§5.1)
    amendments: frozenset[str] = frozenset()  # unfriendly, approved, holding their quota
    introduced: frozenset[str] = frozenset()  # documents introduced: what a Q&A may name
    introduced_drs: frozenset[str] = frozenset()  # draft resolutions on the floor (closure)


NO_DOCUMENTS = MotionDocuments()


@dataclass(frozen=True, slots=True)
class MotionContext:
    """What the screening needs to know about the committee right now."""

    phase: Phase
    present: frozenset[str]
    floor_open: bool = True
    topic_tabled: bool = False
    drs_on_floor: int = 0
    introducible: frozenset[str] = frozenset()  # draft resolutions approved, holding the quota
    introducible_papers: frozenset[str] = frozenset()  # working papers
    introducible_amendments: frozenset[str] = frozenset()
    introduced: frozenset[str] = frozenset()
    caucus_just_ended: EndedCaucus | None = None
    speakers_list_closed: bool = False
    substantive_vote_started: bool = False
    ruling: Ruling | None = None  # the ruling just made, for an appeal
    decided_proposals: frozenset[str] = frozenset()  # what a reconsider may target
    drs_in_voting: tuple[str, ...] = ()  # current order of DRs in voting procedure
    operative_clauses: Mapping[str, tuple[str, ...]] = field(default_factory=dict)  # by DR
    operative_subclauses: Mapping[str, tuple[str, ...]] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Screening:
    """The chair's screening: in order as is, or a suggested change (§3.1 step 3, §8.10)."""

    motion: Motion
    suggestion: Motion | None = None
    reasons: tuple[ProcedureError, ...] = field(default=())

    @property
    def in_order(self) -> bool:
        return self.suggestion is None


def spec_for(params: Parameters, code: MotionCode) -> MotionSpec:
    return motion_registry(params)[code]


def _wrong_phase(ctx: MotionContext, spec: MotionSpec, reason: str) -> ProcedureError:
    return ProcedureError(
        ErrorCode.MOTION_WRONG_PHASE,
        motion=spec.code.value,
        phase=ctx.phase.value,
        allowed=sorted(p.value for p in spec.phases),
        reason=reason,
    )


def _check_arguments(motion: Motion, spec: MotionSpec) -> None:
    values: dict[MotionArg, object] = {
        MotionArg.TOTAL_SECONDS: motion.total_seconds,
        MotionArg.SPEAKER_SECONDS: motion.speaker_seconds,
        MotionArg.TOPIC: (motion.topic or "").strip() or None,
        MotionArg.TARGET: motion.target,
        MotionArg.PARTS: motion.parts or None,
        MotionArg.ORDER: motion.order or None,
    }
    for arg in spec.params_schema:
        value = values[arg]
        if value is None or (isinstance(value, int) and value <= 0):
            raise ProcedureError(
                ErrorCode.MOTION_MISSING_PARAMETER, motion=motion.code.value, parameter=arg.value
            )


# The arguments that name something on the floor rather than a time or a topic.
_NAMED_ARGUMENTS = frozenset({MotionArg.TARGET, MotionArg.PARTS, MotionArg.ORDER})
INTRODUCTIONS = frozenset(
    {MotionCode.INTRODUCE_DR, MotionCode.INTRODUCE_AMENDMENT, MotionCode.INTRODUCE_WP}
)
# The motions whose target is a paper (`MotionDocuments`): the introductions and a Q&A session.
PAPER_MOTIONS = INTRODUCTIONS | {MotionCode.QA_SESSION}
_ON_A_DR_IN_VOTING = frozenset(
    {
        MotionCode.DIVIDE_QUESTION,
        MotionCode.ROLL_CALL_VOTE,
        MotionCode.ADOPT_BY_CONSENSUS,
        MotionCode.IMPORTANT_QUESTION,
        MotionCode.DIVIDE_HOUSE,
    }
)


def with_papers(
    ctx: MotionContext, documents: MotionDocuments, motions: MotionFloor
) -> MotionContext:
    """The context with the papers the app says motions may name. A paper whose introduction
    was carried on this floor is not offered again: the app introduces it once the floor's
    change is stored."""
    taken = frozenset(
        m.target
        for m in motions.motions
        if m.code in INTRODUCTIONS and m.status is MotionStatus.CARRIED and m.target
    )
    return replace(
        ctx,
        introducible=documents.draft_resolutions - taken,
        introducible_papers=documents.working_papers - taken,
        introducible_amendments=documents.amendments - taken,
        introduced=documents.introduced,
        drs_on_floor=len(documents.introduced_drs),
    )


def introducible(ctx: MotionContext, code: MotionCode) -> frozenset[str]:
    """What a motion to introduce may name: a draft resolution, a working paper or an
    amendment, each only by its own motion."""
    if code is MotionCode.INTRODUCE_WP:
        return ctx.introducible_papers
    if code is MotionCode.INTRODUCE_AMENDMENT:
        return ctx.introducible_amendments
    return ctx.introducible


def _check_situation(params: Parameters, code: MotionCode, ctx: MotionContext) -> None:
    """What the committee's situation allows, whatever values the motion states."""
    if code is MotionCode.CLOSE_DEBATE and params.closure_requires_dr and ctx.drs_on_floor == 0:
        raise ProcedureError(ErrorCode.NO_DRAFT_RESOLUTION, motion=code.value)
    if code is MotionCode.RESUME_DEBATE and not ctx.topic_tabled:
        raise ProcedureError(ErrorCode.TOPIC_NOT_TABLED, motion=code.value)
    if code is MotionCode.CLOSE_SPEAKERS_LIST and ctx.speakers_list_closed:
        raise ProcedureError(ErrorCode.SPEAKERS_LIST_CLOSED)
    if code is MotionCode.REOPEN_SPEAKERS_LIST and not ctx.speakers_list_closed:
        raise _wrong_phase(ctx, spec_for(params, code), "speakers_list_open")
    if code is MotionCode.EXTEND_CAUCUS:
        ended = ctx.caucus_just_ended
        if ended is None:
            raise ProcedureError(ErrorCode.NO_CAUCUS_TO_EXTEND)
        if ended.extensions_used >= params.max_extensions_per_caucus:
            raise ProcedureError(
                ErrorCode.EXTENSION_LIMIT_REACHED,
                used=ended.extensions_used,
                limit=params.max_extensions_per_caucus,
            )


def _check_targets(params: Parameters, motion: Motion, ctx: MotionContext) -> None:
    """What the motion names (a document, a ruling, parts, an order) must exist as named."""
    code = motion.code
    if code is MotionCode.RECONSIDER and motion.target not in ctx.decided_proposals:
        raise ProcedureError(ErrorCode.NOTHING_TO_RECONSIDER, target=motion.target)
    if code in INTRODUCTIONS and motion.target not in introducible(ctx, code):
        raise ProcedureError(ErrorCode.DOCUMENT_NOT_READY, motion=code.value, target=motion.target)
    if code is MotionCode.QA_SESSION and motion.target not in ctx.introduced:
        raise ProcedureError(ErrorCode.DOCUMENT_NOT_READY, motion=code.value, target=motion.target)
    if code is MotionCode.APPEAL:
        if ctx.ruling is None or ctx.ruling.id != motion.target:
            raise ProcedureError(ErrorCode.NO_RULING_TO_APPEAL, target=motion.target)
        if not is_appealable(params, ctx.ruling):
            raise ProcedureError(ErrorCode.NOT_APPEALABLE, subject=ctx.ruling.subject.value)
    if code in _ON_A_DR_IN_VOTING and motion.target not in ctx.drs_in_voting:
        raise ProcedureError(ErrorCode.DOCUMENT_NOT_READY, motion=code.value, target=motion.target)
    if code is MotionCode.DIVIDE_QUESTION:
        target = motion.target or ""
        allowed = divisible(
            params,
            ctx.operative_clauses.get(target, ()),
            ctx.operative_subclauses.get(target, ()),
        )
        check_parts(target, motion.parts, allowed)
    if code is MotionCode.REORDER_DRS and sorted(motion.order) != sorted(ctx.drs_in_voting):
        raise ProcedureError(
            ErrorCode.REORDER_INVALID, order=list(motion.order), expected=list(ctx.drs_in_voting)
        )


def _cap(
    problems: list[ProcedureError], motion: Motion, name: str, value: int, low: int, high: int
) -> int:
    if low <= value <= high:
        return value
    problems.append(
        ProcedureError(
            ErrorCode.MOTION_OVER_CAP,
            motion=motion.code.value,
            parameter=name,
            value=value,
            minimum=low,
            maximum=high,
        )
    )
    return min(max(value, low), high)


def _suggest(params: Parameters, motion: Motion, ctx: MotionContext) -> Screening:
    problems: list[ProcedureError] = []
    total, speaker = motion.total_seconds, motion.speaker_seconds
    code = motion.code
    if code is MotionCode.MODERATED_CAUCUS and total is not None and speaker is not None:
        speaker = _cap(
            problems,
            motion,
            "speaker_seconds",
            speaker,
            params.mod_speaker_min,
            params.mod_speaker_max,
        )
        total = _cap(problems, motion, "total_seconds", total, speaker, params.mod_total_max)
        if params.mod_total_must_be_multiple_of_speaker_time and total % speaker:
            total -= total % speaker
            problems.append(
                ProcedureError(
                    ErrorCode.MOTION_OVER_CAP,
                    motion=code.value,
                    parameter="total_seconds",
                    value=motion.total_seconds,
                    minimum=speaker,
                    maximum=total,
                )
            )
    elif code is MotionCode.UNMODERATED_CAUCUS and total is not None:
        total = _cap(problems, motion, "total_seconds", total, 1, params.unmod_total_max)
    elif code is MotionCode.ROUND_ROBIN and speaker is not None:
        speaker = _cap(
            problems,
            motion,
            "speaker_seconds",
            speaker,
            params.mod_speaker_min,
            params.mod_speaker_max,
        )
    elif code is MotionCode.SET_SPEAKING_TIME and speaker is not None:
        speaker = _cap(
            problems,
            motion,
            "speaker_seconds",
            speaker,
            params.min_speaking_time,
            params.max_speaking_time,
        )
    elif code is MotionCode.EXTEND_CAUCUS and total is not None and ctx.caucus_just_ended:
        longest = int(params.extension_max_fraction * Fraction(ctx.caucus_just_ended.total_seconds))
        total = _cap(problems, motion, "total_seconds", total, 1, max(longest, 1))
    if not problems:
        return Screening(motion)
    suggestion = replace(motion, total_seconds=total, speaker_seconds=speaker)
    return Screening(motion, suggestion, tuple(problems))


def _check_in_order_now(
    params: Parameters, ctx: MotionContext, code: MotionCode, mover: str
) -> MotionSpec:
    """The motion is used here, its mover is present, and the floor and phase allow it."""
    spec = spec_for(params, code)
    if not spec.enabled:
        raise ProcedureError(ErrorCode.MOTION_DISABLED, motion=code.value)
    if mover not in ctx.present:
        raise ProcedureError(ErrorCode.NOT_PRESENT, delegation=mover)
    # An appeal follows the ruling at once; everything else waits for the open floor.
    if code is not MotionCode.APPEAL and not ctx.floor_open:
        raise ProcedureError(ErrorCode.FLOOR_NOT_OPEN, motion=code.value)
    if ctx.phase not in spec.phases:
        raise _wrong_phase(ctx, spec, "phase")
    voting_closed = ctx.phase is Phase.VOTING_PROCEDURE and ctx.substantive_vote_started
    if voting_closed and code is not MotionCode.APPEAL:
        raise _wrong_phase(ctx, spec, "substantive_vote_started")
    return spec


def screen_motion(params: Parameters, ctx: MotionContext, motion: Motion) -> Screening:
    """Raise when the motion is out of order; otherwise say whether it needs a change."""
    spec = _check_in_order_now(params, ctx, motion.code, motion.mover)
    _check_arguments(motion, spec)
    _check_situation(params, motion.code, ctx)
    _check_targets(params, motion, ctx)
    return _suggest(params, motion, ctx)


def _something_to_name(code: MotionCode, spec: MotionSpec, ctx: MotionContext) -> bool:
    """A motion that names a document, its parts or an order has something to name now. An
    appeal is raised against the ruling, not chosen from the motions; clauses and agenda
    items are not known to the screening, so motions naming them are not offered either."""
    if code is MotionCode.APPEAL:
        return False
    if code is MotionCode.RECONSIDER:
        return bool(ctx.decided_proposals)
    if code in INTRODUCTIONS:
        return bool(introducible(ctx, code))
    if code is MotionCode.QA_SESSION:
        return bool(ctx.introduced)
    if code in _ON_A_DR_IN_VOTING or code is MotionCode.REORDER_DRS:
        return bool(ctx.drs_in_voting)
    return not _NAMED_ARGUMENTS & set(spec.params_schema)


def raisable_codes(params: Parameters, ctx: MotionContext, mover: str) -> tuple[MotionCode, ...]:
    """The motions `mover` may raise now, whatever times or topic it gives them (values over
    the caps are offered back capped, never refused)."""
    codes = []
    for code, spec in motion_registry(params).items():
        if not _something_to_name(code, spec, ctx):
            continue
        try:
            _check_in_order_now(params, ctx, code, mover)
            _check_situation(params, code, ctx)
        except ProcedureError:
            continue
        codes.append(code)
    return tuple(codes)


def settle_suggestion(screening: Screening, *, mover_accepts: bool) -> Motion:
    """The mover accepts the chair's change, or refuses and the motion is out of order."""
    if screening.suggestion is None:
        return screening.motion
    if mover_accepts:
        return screening.suggestion
    raise ProcedureError(
        ErrorCode.SUGGESTION_REFUSED,
        motion=screening.motion.code.value,
        reasons=[reason.facts.get("parameter") for reason in screening.reasons],
    )


def second_motion(
    params: Parameters, motion: Motion, seconder: str, present: frozenset[str]
) -> Motion:
    if seconder in motion.movers:
        raise ProcedureError(ErrorCode.SECOND_BY_MOVER, delegation=seconder)
    if seconder not in present:
        raise ProcedureError(ErrorCode.NOT_PRESENT, delegation=seconder)
    return replace(motion, seconder=seconder)


def require_second(params: Parameters, motion: Motion) -> None:
    if spec_for(params, motion.code).needs_second and motion.seconder is None:
        raise ProcedureError(ErrorCode.MOTION_NEEDS_SECOND, motion=motion.code.value)


# ---- ordering (§3.3) -------------------------------------------------------------------------


def sort_key(params: Parameters, motion: Motion) -> tuple[int, int, int, int, str]:
    """Precedence, then the tie-breaks, then order received: a total order on motions."""
    return _sort_key(params.caucus_ordering, motion_registry(params), motion)


def _sort_key(
    ordering: CaucusOrdering, registry: Mapping[MotionCode, MotionSpec], motion: Motion
) -> tuple[int, int, int, int, str]:
    spec = registry[motion.code]
    rank = spec.precedence
    first, second = 0, 0
    if spec.is_caucus:
        if ordering is CaucusOrdering.ORDER_RECEIVED:
            rank = min(s.precedence for s in registry.values() if s.is_caucus)
        else:
            # Longer total first, then longer per-speaker time (a 9-min mod with 60 s speeches
            # before a 9-min mod with 45 s speeches).
            first, second = -(motion.total_seconds or 0), -(motion.speaker_seconds or 0)
    elif motion.code is MotionCode.DIVIDE_QUESTION:
        first = -len(motion.parts)  # the division into the most parts first (§6.5)
    # Reorder motions (and all others) keep the order received (§8.33).
    return (rank, first, second, motion.seq, motion.id)


def sort_motions(params: Parameters, motions: Iterable[Motion]) -> tuple[Motion, ...]:
    registry = motion_registry(params)  # looked up once: hashing parameters is not free
    return tuple(sorted(motions, key=lambda m: _sort_key(params.caucus_ordering, registry, m)))


# ---- the floor -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class MotionFloor:
    motions: tuple[Motion, ...] = ()

    def get(self, motion_id: str) -> Motion:
        for motion in self.motions:
            if motion.id == motion_id:
                return motion
        raise ProcedureError(ErrorCode.UNKNOWN_MOTION, motion_id=motion_id)

    def _put(self, motion: Motion) -> MotionFloor:
        return MotionFloor(tuple(motion if m.id == motion.id else m for m in self.motions))

    @property
    def pending(self) -> tuple[Motion, ...]:
        return tuple(m for m in self.motions if m.status is MotionStatus.PENDING)

    @property
    def carried(self) -> Motion | None:
        return next((m for m in self.motions if m.status is MotionStatus.CARRIED), None)


def propose(floor: MotionFloor, motion: Motion) -> MotionFloor:
    """Add a screened motion; an identical pending one absorbs it and records the mover."""
    for existing in floor.pending:
        if existing.identity() == motion.identity():
            if motion.mover in existing.movers:
                return floor
            merged = replace(existing, co_movers=(*existing.co_movers, motion.mover))
            if merged.seconder is None and motion.seconder not in (None, *merged.movers):
                merged = replace(merged, seconder=motion.seconder)
            return floor._put(merged)
    return MotionFloor((*floor.motions, replace(motion, status=MotionStatus.PENDING)))


def ordered_pending(params: Parameters, floor: MotionFloor) -> tuple[Motion, ...]:
    return sort_motions(params, floor.pending)


def next_to_vote(params: Parameters, floor: MotionFloor) -> Motion | None:
    voting = next((m for m in floor.motions if m.status is MotionStatus.VOTING), None)
    if voting is not None:
        return voting
    pending = ordered_pending(params, floor)
    return pending[0] if pending else None


def _require_pending(motion: Motion) -> None:
    if motion.status is MotionStatus.VOTING:
        raise ProcedureError(ErrorCode.VOTE_ALREADY_STARTED, motion_id=motion.id)
    if motion.status is not MotionStatus.PENDING:
        raise ProcedureError(
            ErrorCode.MOTION_NOT_PENDING, motion_id=motion.id, status=motion.status.value
        )


def withdraw(floor: MotionFloor, motion_id: str, by: str) -> MotionFloor:
    """A mover withdraws; a merged motion survives while another mover remains (§8.15)."""
    motion = floor.get(motion_id)
    _require_pending(motion)
    if by not in motion.movers:
        raise ProcedureError(ErrorCode.NOT_MOVER, motion_id=motion_id, delegation=by)
    remaining = tuple(m for m in motion.movers if m != by)
    if remaining:
        return floor._put(replace(motion, mover=remaining[0], co_movers=remaining[1:]))
    return floor._put(replace(motion, status=MotionStatus.WITHDRAWN))


def take_up(floor: MotionFloor, motion_id: str, by: str, present: frozenset[str]) -> MotionFloor:
    """Another delegation re-proposes a withdrawn motion as its own (GA rule 122/80)."""
    motion = floor.get(motion_id)
    if motion.status is not MotionStatus.WITHDRAWN:
        raise ProcedureError(
            ErrorCode.MOTION_NOT_PENDING, motion_id=motion_id, status=motion.status.value
        )
    if by not in present:
        raise ProcedureError(ErrorCode.NOT_PRESENT, delegation=by)
    return floor._put(
        replace(motion, mover=by, co_movers=(), seconder=None, status=MotionStatus.PENDING)
    )


def rule_out(floor: MotionFloor, motion_id: str, *, dilatory: bool) -> MotionFloor:
    motion = floor.get(motion_id)
    _require_pending(motion)
    status = MotionStatus.DILATORY if dilatory else MotionStatus.OUT_OF_ORDER
    return floor._put(replace(motion, status=status))


def start_vote(params: Parameters, floor: MotionFloor, motion_id: str) -> MotionFloor:
    """Votes follow precedence: only the next motion may be put to the vote."""
    motion = floor.get(motion_id)
    _require_pending(motion)
    require_second(params, motion)
    expected = next_to_vote(params, floor)
    if expected is not None and expected.id != motion_id:
        raise ProcedureError(ErrorCode.MOTION_NOT_NEXT, motion_id=motion_id, expected=expected.id)
    return floor._put(replace(motion, status=MotionStatus.VOTING))


def record_result(floor: MotionFloor, motion_id: str, passed: bool, now: datetime) -> MotionFloor:
    """First to pass is carried; every other pending motion is superseded (§3.1 step 7)."""
    require_aware(now)
    motion = floor.get(motion_id)
    if motion.status is not MotionStatus.VOTING:
        raise ProcedureError(
            ErrorCode.MOTION_NOT_PENDING, motion_id=motion_id, status=motion.status.value
        )
    if not passed:
        return floor._put(replace(motion, status=MotionStatus.FAILED, decided_at=now))
    return MotionFloor(
        tuple(
            replace(m, status=MotionStatus.CARRIED, decided_at=now)
            if m.id == motion_id
            else replace(m, status=MotionStatus.SUPERSEDED, decided_at=now)
            if m.status is MotionStatus.PENDING
            else m
            for m in floor.motions
        )
    )


def recent_failure(history: Iterable[Motion], motion: Motion, now: datetime) -> timedelta | None:
    """How long ago the same motion failed, for "same motion failed N minutes ago" (§8.16)."""
    require_aware(now)
    failures = [
        m.decided_at
        for m in history
        if m.status is MotionStatus.FAILED
        and m.decided_at is not None
        and m.identity() == motion.identity()
    ]
    return now - max(failures) if failures else None
