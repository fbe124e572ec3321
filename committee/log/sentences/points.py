"""Sentences for points and rights of reply.

A point's line is built of parts joined by " · ": the kind of point, the delegation, what
happened, then what was typed (the point's text, the chair's note) in quotes, as typed.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from committee.labels import POINT_TITLES, label
from committee.log.describe import Names
from committee.procedure.facts import EventKind
from committee.procedure.facts.points import (
    PointFacts,
    PointResolved,
    ReplyEnded,
    ReplyFacts,
    ReplyGranted,
    SpeakerResumed,
)
from committee.procedure.points import PointOutcome

SEPARATOR = " · "


def _parts(*parts: str) -> str:
    return SEPARATOR.join(part for part in parts if part)


def _quoted(text: str) -> str:
    return f"“{text}”" if text else ""


def _point_title(point: PointFacts) -> str:
    if point.audibility:
        return _("Point of personal privilege (cannot hear the speaker)")
    return label(POINT_TITLES, point.kind)


def _outcome(outcome: PointOutcome) -> str:
    words = {
        PointOutcome.ANSWERED: _("answered"),
        PointOutcome.WELL_TAKEN: _("ruled well taken"),
        PointOutcome.NOT_WELL_TAKEN: _("ruled not well taken"),
        PointOutcome.OUT_OF_ORDER: _("ruled out of order"),
    }
    return words[outcome]


def _raised(point: PointFacts, names: Names) -> str:
    return _parts(
        _point_title(point),
        names(point.delegation),
        _("speaker paused") if point.interrupted else "",
        _quoted(point.text),
    )


def _withdrawn(point: PointFacts, names: Names) -> str:
    return _parts(
        _point_title(point),
        _("withdrawn by %(delegation)s") % {"delegation": names(point.delegation)},
    )


def _resolved(facts: PointResolved, names: Names) -> str:
    return _parts(
        _point_title(facts.point),
        names(facts.point.delegation),
        _outcome(facts.outcome),
        _quoted(facts.note),
        _("the ruling may be appealed") if facts.appealable else "",
    )


def _speaker_resumed(facts: SpeakerResumed, names: Names) -> str:
    if facts.delegation is None:
        return _("Speaker resumes after the point")
    return _("%(delegation)s resumes after the point") % {"delegation": names(facts.delegation)}


def _reply_requested(facts: ReplyFacts, names: Names) -> str:
    return _("%(delegation)s asks for a right of reply to %(against)s") % {
        "delegation": names(facts.delegation),
        "against": names(facts.against),
    }


def _reply_withdrawn(facts: ReplyFacts, names: Names) -> str:
    return _("%(delegation)s withdrew its request for a right of reply") % {
        "delegation": names(facts.delegation)
    }


def _reply_granted(facts: ReplyGranted, names: Names) -> str:
    granted = _("Right of reply granted to %(delegation)s (%(seconds)s s)") % {
        "delegation": names(facts.delegation),
        "seconds": facts.seconds,
    }
    return _parts(granted, _("has the floor") if facts.floor_given else "")


def _reply_refused(facts: ReplyFacts, names: Names) -> str:
    return _("Right of reply refused to %(delegation)s") % {"delegation": names(facts.delegation)}


def _reply_floor_given(facts: ReplyFacts, names: Names) -> str:
    return _("Right of reply: %(delegation)s has the floor (%(seconds)s s)") % {
        "delegation": names(facts.delegation),
        "seconds": facts.seconds,
    }


def _reply_ended(facts: ReplyEnded, names: Names) -> str:
    return _("Right of reply of %(delegation)s ended") % {"delegation": names(facts.delegation)}


SENTENCES = {
    EventKind.POINT_RAISED: _raised,
    EventKind.POINT_WITHDRAWN: _withdrawn,
    EventKind.POINT_RESOLVED: _resolved,
    EventKind.POINT_SPEAKER_RESUMED: _speaker_resumed,
    EventKind.REPLY_REQUESTED: _reply_requested,
    EventKind.REPLY_WITHDRAWN: _reply_withdrawn,
    EventKind.REPLY_GRANTED: _reply_granted,
    EventKind.REPLY_REFUSED: _reply_refused,
    EventKind.REPLY_FLOOR_GIVEN: _reply_floor_given,
    EventKind.REPLY_ENDED: _reply_ended,
}
