"""Facts of the general speakers' list and its speeches: the list, calls, yields, questions,
points of information, comments and the close of debate. Delegations by id; a position counts
from 1 (the next speaker); points by their number (`seq`). `points_lapsed` are the points of
information to the speaker still waiting when the holder stopped taking them."""

from __future__ import annotations

from dataclasses import dataclass

from committee.procedure.choices import YieldKind
from committee.procedure.facts.kinds import EventKind


@dataclass(frozen=True, slots=True)
class ListExhausted:
    """The last speaker on the list has finished (§2.2). With `admitted`, debate closed and
    voting procedure began with that many delegations admitted; without, the chair decides."""

    admitted: int | None = None


@dataclass(frozen=True, slots=True)
class SpeakerAdded:
    delegation: int
    position: int


@dataclass(frozen=True, slots=True)
class SpeakerRemoved:
    delegation: int


@dataclass(frozen=True, slots=True)
class SpeakerMoved:
    delegation: int
    from_position: int
    to_position: int


@dataclass(frozen=True, slots=True)
class SelfServiceSet:
    on: bool


@dataclass(frozen=True, slots=True)
class ListClosedSet:
    closed: bool


@dataclass(frozen=True, slots=True)
class SpeakerCalled:
    """The next speaker has the floor for `seconds`; `delegation` is None when the speaker who
    `finished` was the last one on the list."""

    delegation: int | None
    seconds: int = 0
    finished: int | None = None
    exhausted: ListExhausted | None = None
    points_lapsed: tuple[int, ...] = ()


@dataclass(frozen=True, slots=True)
class SpeechEnded:
    delegation: int
    exhausted: ListExhausted | None = None
    points_lapsed: tuple[int, ...] = ()


@dataclass(frozen=True, slots=True)
class YieldDeclared:
    """`delegation` yields; to a delegate that is absent, the time reverts to the chair."""

    delegation: int
    kind: YieldKind
    target: int | None = None
    reverted: bool = False
    exhausted: ListExhausted | None = None
    points_lapsed: tuple[int, ...] = ()


@dataclass(frozen=True, slots=True)
class YieldAnswered:
    """The delegation yielded to (`delegation`) accepts or declines `speaker`'s yield."""

    delegation: int
    speaker: int
    accepted: bool
    exhausted: ListExhausted | None = None


@dataclass(frozen=True, slots=True)
class QuestionAsked:
    """`delegation` asks `speaker` question `number`, or a follow-up to it; the points of
    information to the speaker it had raised are settled by it (their numbers). With `poi`,
    the speaker is open to points of information and this is one."""

    delegation: int | None
    speaker: int
    number: int
    follow_up: bool = False
    points_settled: tuple[int, ...] = ()
    poi: bool = False


@dataclass(frozen=True, slots=True)
class AnswerStarted:
    delegation: int


@dataclass(frozen=True, slots=True)
class AnswerFinished:
    delegation: int
    speech_ended: bool = False  # the answer used up the time
    exhausted: ListExhausted | None = None


@dataclass(frozen=True, slots=True)
class CommentStarted:
    delegation: int
    speaker: int
    number: int
    seconds: int


@dataclass(frozen=True, slots=True)
class PoisOpened:
    """`delegation`, holding the floor, is open to `offered` points of information (None: to
    as many as the chair takes, at most `limit`, None for no limit)."""

    delegation: int
    offered: int | None = None
    limit: int | None = None


@dataclass(frozen=True, slots=True)
class PoisClosed:
    """`delegation` takes no more points of information, after `taken` of them."""

    delegation: int
    taken: int
    points_lapsed: tuple[int, ...] = ()


@dataclass(frozen=True, slots=True)
class DebateClosed:
    """The chair closed debate on an exhausted list; `admitted` delegations vote."""

    admitted: int


PAYLOADS: dict[EventKind, type] = {
    EventKind.GSL_SPEAKER_ADDED: SpeakerAdded,
    EventKind.GSL_SPEAKER_REMOVED: SpeakerRemoved,
    EventKind.GSL_SPEAKER_MOVED: SpeakerMoved,
    EventKind.GSL_SELF_SERVICE: SelfServiceSet,
    EventKind.GSL_LIST_CLOSED: ListClosedSet,
    EventKind.GSL_SPEAKER_CALLED: SpeakerCalled,
    EventKind.GSL_SPEECH_ENDED: SpeechEnded,
    EventKind.GSL_YIELD: YieldDeclared,
    EventKind.GSL_YIELD_ANSWERED: YieldAnswered,
    EventKind.GSL_QUESTION: QuestionAsked,
    EventKind.GSL_ANSWER_STARTED: AnswerStarted,
    EventKind.GSL_ANSWER_FINISHED: AnswerFinished,
    EventKind.GSL_COMMENT: CommentStarted,
    EventKind.GSL_DEBATE_CLOSED: DebateClosed,
    EventKind.GSL_POIS_OPENED: PoisOpened,
    EventKind.GSL_POIS_CLOSED: PoisClosed,
}
