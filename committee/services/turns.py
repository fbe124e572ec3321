"""The turns at the microphone that an action cuts short: a session closing or adjourning, a
caucus starting. Each still gets its Speech row, whatever kind of turn it was.
"""

from __future__ import annotations

from committee.services import caucuses, points, speakers
from committee.services.floor import FloorAction


def record_turns_cut_short(action: FloorAction) -> None:
    """Write the rows of every turn under way on the floor as it stands, before the action
    takes those turns off the floor. A turn already recorded is not written again."""
    points.record_reply_end(action)
    speakers.record_speech_end(action, action.doc.speech)
    if action.doc.caucus is not None:
        caucuses.record_slot_end(action, action.doc.caucus)
