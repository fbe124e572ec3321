"""What a floor action did, as typed facts: one payload dataclass per event kind.

Payloads name delegations, motions and speeches by id, never by name: the log's sentence is
written when a page is drawn, in the reader's language (committee/log/describe.py). Each area
of the floor keeps its payloads in its own module and lists them in its PAYLOADS table.
"""

from __future__ import annotations

from committee.procedure.facts import (
    caucus,
    documents,
    motions,
    points,
    session,
    speakers,
    voting,
)
from committee.procedure.facts.kinds import EventKind

PAYLOAD_TYPES: dict[EventKind, type] = {
    **session.PAYLOADS,
    **caucus.PAYLOADS,
    **points.PAYLOADS,
    **speakers.PAYLOADS,
    **motions.PAYLOADS,
    **documents.PAYLOADS,
    **voting.PAYLOADS,
}


def payload_type(kind: EventKind) -> type:
    """The payload dataclass of a kind (every kind has one; a test checks it)."""
    return PAYLOAD_TYPES[kind]


__all__ = ["EventKind", "PAYLOAD_TYPES", "payload_type"]
