"""Sentences for the general speakers' list and its speeches."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from committee.log.describe import Names
from committee.procedure.choices import YieldKind
from committee.procedure.facts import EventKind
from committee.procedure.facts.speakers import (
    AnswerFinished,
    CommentStarted,
    DebateClosed,
    ListExhausted,
    PoisClosed,
    PoisOpened,
    QuestionAsked,
    SpeakerCalled,
    SpeechEnded,
    YieldAnswered,
    YieldDeclared,
)

# Between what the action did and what followed from it (the list running out).
THEN = " · "


def _exhaustion(exhausted: ListExhausted | None) -> str:
    if exhausted is None:
        return ""
    if exhausted.admitted is None:
        return THEN + _("The speakers' list is exhausted")
    return THEN + _voting_procedure(exhausted.admitted)


def _lapsed(points_lapsed: tuple[int, ...]) -> str:
    """The points of information still waiting when the speaker stopped taking them."""
    if not points_lapsed:
        return ""
    count = len(points_lapsed)
    return THEN + ngettext(
        "%(counter)s point of information lapsed",
        "%(counter)s points of information lapsed",
        count,
    ) % {"counter": count}


def _voting_procedure(admitted: int) -> str:
    return ngettext(
        "The speakers' list is exhausted: voting procedure (%(counter)s delegation admitted)",
        "The speakers' list is exhausted: voting procedure (%(counter)s delegations admitted)",
        admitted,
    ) % {"counter": admitted}


def _called(facts: SpeakerCalled, names: Names) -> str:
    if facts.delegation is not None:
        sentence = _("%(name)s has the floor (%(seconds)s s)") % {
            "name": names(facts.delegation),
            "seconds": facts.seconds,
        }
    elif facts.finished is not None:
        sentence = _("Speech of %(name)s ended") % {"name": names(facts.finished)}
    else:
        sentence = _("Speech ended")
    return sentence + _lapsed(facts.points_lapsed) + _exhaustion(facts.exhausted)


def _ended(facts: SpeechEnded, names: Names) -> str:
    sentence = _("Speech of %(name)s ended") % {"name": names(facts.delegation)}
    return sentence + _lapsed(facts.points_lapsed) + _exhaustion(facts.exhausted)


def _yielded(facts: YieldDeclared, names: Names) -> str:
    values = {"name": names(facts.delegation), "target": names(facts.target)}
    if facts.kind is YieldKind.CHAIR:
        sentence = _("%(name)s yields to the chair") % values
    elif facts.kind is YieldKind.DELEGATE and facts.reverted:
        sentence = (
            _("%(name)s yields to %(target)s, who is absent: the time reverts to the chair")
            % values
        )
    elif facts.kind is YieldKind.DELEGATE:
        sentence = _("%(name)s yields to %(target)s") % values
    elif facts.kind is YieldKind.QUESTIONS:
        sentence = _("%(name)s yields to questions") % values
    else:
        sentence = _("%(name)s yields to comments") % values
    return sentence + _lapsed(facts.points_lapsed) + _exhaustion(facts.exhausted)


def _answered(facts: YieldAnswered, names: Names) -> str:
    values = {"name": names(facts.delegation)}
    if facts.accepted:
        sentence = _("%(name)s accepts the yield") % values
    else:
        sentence = _("%(name)s declines the yield: the time reverts to the chair") % values
    return sentence + _exhaustion(facts.exhausted)


def _question(facts: QuestionAsked, names: Names) -> str:
    if facts.poi and facts.follow_up:
        return _("Follow-up to the point of information from %(name)s") % {
            "name": names(facts.delegation)
        }
    if facts.poi:
        return _("Point of information %(number)s from %(name)s") % {
            "number": facts.number,
            "name": names(facts.delegation),
        }
    if facts.follow_up:
        return _("Follow-up question from %(name)s") % {"name": names(facts.delegation)}
    return _("Question %(number)s from %(name)s") % {
        "number": facts.number,
        "name": names(facts.delegation),
    }


def _answer_finished(facts: AnswerFinished, _names: Names) -> str:
    time_up = facts.speech_ended
    sentence = _("Answer finished: the time is up") if time_up else _("Answer finished")
    return sentence + _exhaustion(facts.exhausted)


def _comment(facts: CommentStarted, names: Names) -> str:
    return _("Comment %(number)s by %(name)s (%(seconds)s s)") % {
        "number": facts.number,
        "name": names(facts.delegation),
        "seconds": facts.seconds,
    }


def _pois_opened(facts: PoisOpened, names: Names) -> str:
    values = {"name": names(facts.delegation), "counter": facts.offered}
    if facts.offered is not None:
        return (
            ngettext(
                "%(name)s is open to %(counter)s point of information",
                "%(name)s is open to %(counter)s points of information",
                facts.offered,
            )
            % values
        )
    if facts.limit is not None:
        values["counter"] = facts.limit
        return (
            ngettext(
                "%(name)s is open to points of information (at most %(counter)s)",
                "%(name)s is open to points of information (at most %(counter)s)",
                facts.limit,
            )
            % values
        )
    return _("%(name)s is open to points of information") % values


def _pois_closed(facts: PoisClosed, names: Names) -> str:
    sentence = ngettext(
        "%(name)s takes no more points of information (%(counter)s taken)",
        "%(name)s takes no more points of information (%(counter)s taken)",
        facts.taken,
    ) % {"name": names(facts.delegation), "counter": facts.taken}
    return sentence + _lapsed(facts.points_lapsed)


def _debate_closed(facts: DebateClosed, _names: Names) -> str:
    return _("Debate closed by the chair") + THEN + _voting_procedure(facts.admitted)


SENTENCES = {
    EventKind.GSL_SPEAKER_ADDED: lambda facts, names: (
        _("%(name)s added to the speakers' list (number %(position)s)")
        % {"name": names(facts.delegation), "position": facts.position}
    ),
    EventKind.GSL_SPEAKER_REMOVED: lambda facts, names: (
        _("%(name)s removed from the speakers' list") % {"name": names(facts.delegation)}
    ),
    EventKind.GSL_SPEAKER_MOVED: lambda facts, names: (
        _("%(name)s moved from number %(old)s to number %(new)s")
        % {"name": names(facts.delegation), "old": facts.from_position, "new": facts.to_position}
    ),
    EventKind.GSL_SELF_SERVICE: lambda facts, _names: (
        _("Phones may add themselves to the speakers' list")
        if facts.on
        else _("Phones may no longer add themselves to the speakers' list")
    ),
    EventKind.GSL_LIST_CLOSED: lambda facts, _names: (
        _("Speakers' list closed") if facts.closed else _("Speakers' list reopened")
    ),
    EventKind.GSL_SPEAKER_CALLED: _called,
    EventKind.GSL_SPEECH_ENDED: _ended,
    EventKind.GSL_YIELD: _yielded,
    EventKind.GSL_YIELD_ANSWERED: _answered,
    EventKind.GSL_QUESTION: _question,
    EventKind.GSL_ANSWER_STARTED: lambda facts, names: (
        _("%(name)s answers") % {"name": names(facts.delegation)}
    ),
    EventKind.GSL_ANSWER_FINISHED: _answer_finished,
    EventKind.GSL_COMMENT: _comment,
    EventKind.GSL_DEBATE_CLOSED: _debate_closed,
    EventKind.GSL_POIS_OPENED: _pois_opened,
    EventKind.GSL_POIS_CLOSED: _pois_closed,
}
