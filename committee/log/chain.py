"""The hash chain over a committee's log, and the check that the log still adds up.

Each event stores the SHA-256 of the previous event's hash followed by its own canonical
content (sorted keys, no spaces, UTC times), so editing, removing or reordering any event
behind the app's back breaks every hash after it. `verify()` recomputes the chain and plays
every event's change forwards from an empty floor: the result must be the floor stored now.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from committee.log import change

if TYPE_CHECKING:
    from committee.models import Committee, FloorEvent

# The "previous hash" of a committee's first event.
GENESIS = "0" * 64


def canonical_content(event: FloorEvent) -> str:
    content: dict[str, Any] = {
        "committee": event.committee_id,
        "seq": event.seq,
        "kind": str(event.kind),
        "session": event.session_id,
        "payload": event.payload,
        "change": event.change,
        "rows": event.rows,
        "actor_user": event.actor_user_id,
        "actor_delegation": event.actor_delegation_id,
        "undoable": event.undoable,
        "undoes": event.undoes_id,
        "created_at": _utc(event.created_at),
    }
    return json.dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def _utc(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat()


def event_hash(previous_hash: str, event: FloorEvent) -> str:
    digest = hashlib.sha256()
    digest.update(previous_hash.encode("ascii"))
    digest.update(canonical_content(event).encode("utf-8"))
    return digest.hexdigest()


def seal(event: FloorEvent, previous_hash: str) -> None:
    """Set the event's place in the chain; called just before it is first saved."""
    event.prev_hash = previous_hash
    event.hash = event_hash(previous_hash, event)


@dataclass(frozen=True)
class Problem:
    seq: int | None  # the first event that does not add up; None: the floor itself
    reason: str


def verify(committee: Committee, *, replay: bool = True) -> tuple[int, Problem | None]:
    """Check the whole log of a committee: (events checked, the first problem or None).
    Without ``replay`` only the hash chain is checked, and the floor's place in it: a fraction
    of the time, since replaying every change is most of the work."""
    from committee.models import Floor, FloorEvent

    previous_hash = GENESIS
    floor: Any = {}
    expected_seq = 1
    checked = 0
    events = FloorEvent.objects.filter(committee=committee).order_by("seq")
    for event in events.iterator(chunk_size=500):
        checked += 1
        if event.seq != expected_seq:
            return checked, Problem(event.seq, f"expected event {expected_seq} here")
        if event.prev_hash != previous_hash:
            return checked, Problem(event.seq, "its link to the previous event does not match")
        if event.hash != event_hash(previous_hash, event):
            return checked, Problem(event.seq, "its content does not match its hash")
        if replay:
            try:
                floor = change.apply(floor, event.change)
            except change.ChangeDoesNotApply as error:
                return checked, Problem(event.seq, f"its change does not apply ({error})")
        previous_hash = event.hash
        expected_seq += 1
    stored = Floor.objects.filter(committee=committee).first()
    if stored is None:
        if checked:
            return checked, Problem(None, "the log has events but the committee has no floor")
        return checked, None
    if stored.seq != checked:
        return checked, Problem(None, f"the floor is at event {stored.seq}, the log at {checked}")
    if stored.last_hash != previous_hash:
        return checked, Problem(None, "the floor's last hash is not the log's")
    if replay and (stored.state or {}) != floor:
        return checked, Problem(None, "replaying the log does not give the floor stored now")
    return checked, None
