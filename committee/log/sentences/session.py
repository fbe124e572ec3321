"""Sentences for sessions, roll call, attendance, the speaker's timer and undo."""

from __future__ import annotations

from django.utils.translation import gettext as _

from committee.log.describe import Names
from committee.procedure.attendance import RollStatus
from committee.procedure.facts import EventKind
from committee.procedure.facts.session import AttendanceSet


def _attendance(facts: AttendanceSet, names: Names) -> str:
    delegation = names(facts.delegation)
    if facts.held_at_door:
        return _("%(delegation)s arrived during voting procedure and waits at the door") % {
            "delegation": delegation
        }
    if facts.status is RollStatus.PRESENT_AND_VOTING:
        return _("%(delegation)s is present and voting") % {"delegation": delegation}
    if facts.status is RollStatus.PRESENT:
        return _("%(delegation)s is present") % {"delegation": delegation}
    return _("%(delegation)s is absent") % {"delegation": delegation}


SENTENCES = {
    EventKind.SESSION_OPENED: lambda facts, _names: (
        _("Session %(number)s opened") % {"number": facts.number}
    ),
    EventKind.SESSION_CLOSED: lambda facts, _names: (
        _("Session %(number)s closed") % {"number": facts.number}
    ),
    EventKind.ROLL_CALL_STARTED: lambda _facts, _names: _("Roll call started"),
    EventKind.ROLL_CALL_CLOSED: lambda facts, _names: (
        _("Roll call closed: %(present)s present") % {"present": facts.present}
    ),
    EventKind.ATTENDANCE_MARKED: _attendance,
    EventKind.ATTENDANCE_ANSWERED: _attendance,
    EventKind.TIMER_START: lambda _facts, _names: _("Timer started"),
    EventKind.TIMER_PAUSE: lambda _facts, _names: _("Timer paused"),
    EventKind.TIMER_RESET: lambda _facts, _names: _("Timer reset"),
    EventKind.TIMER_EXTEND: lambda facts, _names: (
        _("Timer extended by %(seconds)s s") % {"seconds": facts.seconds}
    ),
    # describe_event fills in the sentence of the action that was undone.
    EventKind.UNDO: lambda _facts, _names: _("Undone: %(action)s"),
}
