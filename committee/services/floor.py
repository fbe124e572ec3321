"""The live floor's core: one locked transaction per action, sessions, roll call and timers.

Every floor action runs inside `floor_action()`: it locks the committee's Floor row, hands the
service the current floor document, and on success stores the new document and appends one
FloorEvent to the hash-chained log: the kind, its typed payload, the change from the old floor
to the new one and the lasting rows the action wrote (so undo can take both back). It then
updates the attendance records and asks realtime to push every screen after commit. A
refusal — a ProcedureError from the engine or a FloorRefusal from here — rolls everything back;
an engine refusal leaves with the delegations it names by id shown by name.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.conf import settings
from django.db import IntegrityError, connection, transaction
from django.db.models import Model
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from committee import realtime
from committee.document_selectors import voting_papers
from committee.floor import decode, encode, encode_value
from committee.log import chain, change, undo
from committee.models import (
    AttendanceRecord,
    Committee,
    Delegation,
    Floor,
    FloorEvent,
    Session,
    Speech,
)
from committee.procedure import sitting, voting_floor
from committee.procedure.attendance import Attendee, DelegationKind, RollStatus
from committee.procedure.choices import MotionCode
from committee.procedure.errors import ProcedureError
from committee.procedure.facts import EventKind, payload_type
from committee.procedure.facts.motions import MotionVoteClosed
from committee.procedure.facts.session import (
    Undone,
)
from committee.procedure.floor import FloorDoc, Mark
from committee.procedure.parameters import Parameters
from committee.procedure.phases import Phase
from committee.procedure.sitting import TimerCommand
from committee.procedure.transition import Transition
from committee.procedure.voting import VotingTrigger
from committee.services import clock


class FloorRefusal(Exception):
    """An action that does not apply to the floor as it is now (not a rule of procedure)."""

    def __init__(self, message: str | Promise) -> None:
        super().__init__(str(message))
        self.message = message


@dataclass
class FloorAction:
    """What a service works with inside the lock. Assign `doc` to change the floor."""

    committee: Committee
    params: Parameters
    doc: FloorDoc
    now: datetime
    session: Session | None
    payload: Any = None  # the kind's facts (committee/procedure/facts/)
    undoable: bool = True
    rows: list[dict[str, Any]] = field(default_factory=list)  # what undo must take back
    kind: EventKind | None = None  # set when the engine's answer decides the kind logged
    documents_changed: bool = False  # it wrote document rows: their screens are drawn again
    # The roster is read when first needed: a ballot, which holds the floor's lock that every
    # other action waits for, needs only its voter's row, not a General Assembly's 193.
    _roster: dict[str, Delegation] | None = field(default=None, repr=False)
    _read_alone: dict[str, Delegation] = field(default_factory=dict, repr=False)

    @property
    def delegations(self) -> dict[str, Delegation]:
        """Every delegation of the committee by id, in roll order."""
        if self._roster is None:
            self._roster = {
                str(d.pk): self._read_alone.get(str(d.pk), d)
                for d in self.committee.delegations.all()
            }
        return self._roster

    def delegation(self, delegation_id: int | str) -> Delegation:
        key = str(delegation_id)
        found = self._read_alone.get(key)
        if found is None and self._roster is None and not self._read_alone:
            found = self._read_one(key)  # the first one asked for; a second reads them all
        elif found is None:
            found = self.delegations.get(key)
        if found is None:
            raise FloorRefusal(_("That delegation is not in this committee."))
        return found

    def _read_one(self, key: str) -> Delegation | None:
        if not key.isdigit():
            return None
        try:
            found = self.committee.delegations.get(pk=int(key))
        except Delegation.DoesNotExist:
            return None
        self._read_alone[key] = found
        return found

    def attendee(self, delegation_id: int | str) -> Attendee:
        delegation = self.delegation(delegation_id)
        mark = self.doc.attendance.get(str(delegation.pk), Mark())
        return Attendee(
            str(delegation.pk),
            DelegationKind(delegation.kind),
            mark.status,
            mark.since,
            mark.held_at_door,
        )

    def attendees(self) -> list[Attendee]:
        return [self.attendee(key) for key in self.delegations]

    def update(self, **changes: Any) -> None:
        self.doc = dataclasses.replace(self.doc, **changes)

    def apply(self, transition: Transition) -> None:
        """Take the engine's transition: the new floor, the log's facts, and a Speech row for
        each turn at the microphone that ended in it."""
        self.doc = transition.floor
        self.payload = transition.facts
        for turn in transition.ended_turns:
            target = turn.yielded_to_delegation
            self.create_row(
                Speech,
                committee=self.committee,
                session=self.session,
                delegation=self.delegation(turn.delegation),
                kind=turn.kind.value,
                started_at=turn.started_at,
                ended_at=turn.ended_at,
                seconds=round(turn.used.total_seconds()),
                yielded_to=turn.yielded_to.value if turn.yielded_to is not None else "",
                yielded_to_delegation=self.delegation(target) if target is not None else None,
            )

    def create_row(self, model: type[Model], **values: Any) -> Any:
        """Write a lasting row (a speech, a motion, a ballot…) that undo would delete."""
        instance = model.objects.create(**values)
        self.rows.append(undo.row_created(instance))
        return instance

    def update_row(self, instance: Model, **changes: Any) -> None:
        """Change a lasting row; undo puts the old values back."""
        old_values = {}
        for name, value in changes.items():
            attname = instance._meta.get_field(name).attname
            old_values[attname] = getattr(instance, attname)
            setattr(instance, name, value)
        instance.save(update_fields=list(changes))
        self.rows.append(undo.row_updated(instance, old_values))


# The engine's refusal facts that name a delegation by its id.
DELEGATION_FACTS = ("delegation", "expected")


@contextmanager
def _names_in_refusals(action: FloorAction) -> Iterator[None]:
    """Show delegations' names, not their ids, in the engine's refusals. The engine's own
    error, with the ids, stays as the new one's cause."""
    try:
        yield
    except ProcedureError as error:
        facts = dict(error.facts)
        named = {
            fact: action.delegations[str(facts[fact])].display_name()
            for fact in DELEGATION_FACTS
            if str(facts.get(fact)) in action.delegations
        }
        if not named:
            raise
        raise ProcedureError(error.code, **(facts | named)) from error


def _locked_floor(committee: Committee) -> Floor:
    if connection.vendor == "postgresql":
        # Wait a bounded time for the floor: a request stuck behind a long queue gives its
        # connection back and is answered "not recorded, try again" (a 503) instead of holding
        # it. For the rest of this transaction only. SQLite bounds the wait with its timeout.
        timeout_ms = int(settings.FLOOR_LOCK_TIMEOUT_SECONDS * 1000)
        with connection.cursor() as cursor:
            cursor.execute("SELECT set_config('lock_timeout', %s, true)", [f"{timeout_ms}ms"])
    try:
        return Floor.objects.select_for_update().get(pk=committee.pk)
    except Floor.DoesNotExist:
        pass  # the committee's first floor action
    try:
        with transaction.atomic():
            Floor.objects.get_or_create(committee=committee)
    except IntegrityError:
        pass  # another request created it a moment ago
    return Floor.objects.select_for_update().get(pk=committee.pk)


def current_session(committee: Committee, doc: FloorDoc) -> Session | None:
    if doc.session_number is None:
        return None
    # No ordering: the default one joins the committee and the conference, on every action.
    sessions = Session.objects.filter(committee=committee, number=doc.session_number)
    return sessions.order_by().first()


@contextmanager
def floor_action(
    committee: Committee,
    *,
    kind: EventKind | str,
    user: Any = None,
    delegation: Delegation | None = None,
) -> Iterator[FloorAction]:
    kind = EventKind(kind)
    with transaction.atomic():
        row = _locked_floor(committee)
        doc = decode(row.state)
        action = FloorAction(
            committee=committee,
            params=committee.parameters(),
            doc=doc,
            now=clock.now(),
            session=current_session(committee, doc),
        )
        with _names_in_refusals(action):
            yield action
            if action.doc.phase is Phase.VOTING_PROCEDURE and action.doc.voting is None:
                _close_the_doors(action)
        kind = action.kind or kind
        # The engine hands back the very floor it was given when nothing on it changed (a
        # ballot lives in its row): the stored floor stands, and the change is empty.
        unchanged = action.doc is doc and bool(row.state)
        new_state = None if unchanged else encode(action.doc)
        session = action.session or current_session(committee, action.doc)
        _append_event(
            row,
            FloorEvent(
                committee=committee,
                session=session,
                kind=kind,
                payload=_payload_json(kind, action),
                change=[] if new_state is None else change.diff(row.state or {}, new_state),
                rows=action.rows,
                actor_user=user if user is not None and user.is_authenticated else None,
                actor_delegation=delegation,
                undoable=action.undoable,
                created_at=action.now,
            ),
            new_state,
            documents=action.documents_changed,
        )
        if session is not None and not unchanged:
            _record_attendance(session, doc, action.doc)
        realtime.broadcast_floor(committee)


def _close_the_doors(action: FloorAction) -> None:
    """Debate has just closed: the doors close on the delegations present and the order of
    voting is drawn up from the draft resolutions introduced and their amendments (§6.1)."""
    closed = action.payload
    if isinstance(closed, MotionVoteClosed) and closed.code is MotionCode.PREVIOUS_QUESTION:
        trigger = VotingTrigger.PREVIOUS_QUESTION
    elif isinstance(closed, MotionVoteClosed):
        trigger = VotingTrigger.CLOSURE
    else:
        trigger = VotingTrigger.GSL_EXHAUSTION
    papers = voting_papers(action.committee)
    action.doc = voting_floor.begin(
        action.doc, action.params, trigger, action.attendees(), papers, action.now
    )


def _payload_json(kind: EventKind, action: FloorAction) -> dict[str, Any]:
    expected = payload_type(kind)
    if not isinstance(action.payload, expected):
        raise TypeError(f"{kind} logs a {expected.__name__}, not {action.payload!r}")
    return encode_value(action.payload)


def _append_event(
    row: Floor, event: FloorEvent, new_state: dict[str, Any] | None, *, documents: bool = False
) -> FloorEvent:
    """Store the new floor (None: it did not change) and chain the event onto the log (the
    floor row is locked). An event about documents also moves `documents_seq`."""
    fields = ["seq", "last_hash", "updated_at"]
    if new_state is not None:
        row.state = new_state
        fields.append("state")
    row.seq += 1
    if documents:
        row.documents_seq = row.seq
        fields.append("documents_seq")
    event.seq = row.seq
    chain.seal(event, row.last_hash)
    row.last_hash = event.hash
    row.save(update_fields=fields)
    event.save(force_insert=True)
    return event


def append_record_event(committee: Committee, event: FloorEvent) -> FloorEvent:
    """Chain an event that changed rows but not the floor (a document's) onto the log: the
    floor is locked only for this moment, and every screen is brought up to date after
    commit."""
    row = _locked_floor(committee)
    appended = _append_event(row, event, None, documents=True)
    realtime.broadcast_floor(committee)
    return appended


def _record_attendance(session: Session, old: FloorDoc, new: FloorDoc) -> None:
    """Keep the per-session attendance rows (for the report) in step with the floor."""
    changed = {key: mark for key, mark in new.attendance.items() if old.attendance.get(key) != mark}
    for key in old.attendance.keys() - new.attendance.keys():
        changed[key] = Mark()
    for key, mark in changed.items():
        AttendanceRecord.objects.update_or_create(
            session=session,
            delegation_id=int(key),
            defaults={"status": mark.status.value, "since": mark.since},
        )


# ---- sessions ---------------------------------------------------------------------------------


def session_open(*, committee: Committee, user: Any) -> Session:
    """Open the next sitting. Everyone starts absent until roll call."""
    with floor_action(committee, kind=EventKind.SESSION_OPENED, user=user) as action:
        last = committee.sessions.order_by("-number").first()
        number = 1 if last is None else last.number + 1
        action.apply(sitting.open_session(action.doc, number))
        action.session = Session.objects.create(
            committee=committee, number=number, opened_at=action.now
        )
        action.undoable = False
    return action.session


def session_close(*, committee: Committee, user: Any) -> None:
    with floor_action(committee, kind=EventKind.SESSION_CLOSED, user=user) as action:
        action.apply(sitting.close_session(action.doc, action.now))
        if action.session is not None:
            action.session.closed_at = action.now
            action.session.save(update_fields=["closed_at"])
        action.undoable = False


# ---- roll call --------------------------------------------------------------------------------


def roll_call_start(*, committee: Committee, user: Any) -> None:
    """Take (or re-take) roll: answers replace the earlier ones (§1.2)."""
    with floor_action(committee, kind=EventKind.ROLL_CALL_STARTED, user=user) as action:
        action.apply(sitting.start_roll_call(action.doc))


def roll_call_close(*, committee: Committee, user: Any) -> None:
    """End roll call; the committee moves to formal debate on the speakers' list."""
    with floor_action(committee, kind=EventKind.ROLL_CALL_CLOSED, user=user) as action:
        action.apply(sitting.close_roll_call(action.doc))


def attendance_set(
    *,
    committee: Committee,
    delegation_id: int,
    status: str,
    user: Any = None,
    delegation: Delegation | None = None,
) -> None:
    """Record a status: the dais marks anyone; a delegation answers for itself (§1.2)."""
    kind = EventKind.ATTENDANCE_ANSWERED if delegation is not None else EventKind.ATTENDANCE_MARKED
    with floor_action(committee, kind=kind, user=user, delegation=delegation) as action:
        transition = sitting.mark_attendance(
            action.doc,
            action.params,
            action.attendee(delegation_id),
            RollStatus(status),
            action.now,
            answered_by=str(delegation.pk) if delegation is not None else None,
        )
        action.apply(transition)


# ---- timers -------------------------------------------------------------------------------------


def speech_timer_control(
    *, committee: Committee, user: Any, command: str, seconds: int = 0
) -> None:
    """Start, pause, reset or extend the current speaker's timer (server-authoritative)."""
    try:
        timer_command = TimerCommand(command)
    except ValueError:
        raise FloorRefusal(_("Unknown timer action.")) from None
    kind = EventKind(f"timer_{timer_command.value}")
    with floor_action(committee, kind=kind, user=user) as action:
        transition = sitting.control_speech_timer(
            action.doc, timer_command, action.now, seconds=seconds
        )
        action.apply(transition)


# ---- undo ---------------------------------------------------------------------------------------


def floor_undo(*, committee: Committee, user: Any) -> FloorEvent:
    """Take back the newest dais action not undone yet (§8.38) by appending an event that
    reverses its change and its rows; pressing undo again goes one more step back."""
    with transaction.atomic():
        row = _locked_floor(committee)
        newest_first = (
            FloorEvent.objects.filter(committee=committee)
            .select_related("undone_by")
            .order_by("-seq")
        )
        target = undo.newest_live_event(newest_first.iterator(chunk_size=50))
        if target is None or not target.undoable:
            raise FloorRefusal(_("There is no action to undo."))
        if target.actor_user_id is None:
            raise FloorRefusal(_("Only dais actions can be undone."))
        old_doc = decode(row.state)
        try:
            restored_state = change.revert(row.state or {}, target.change)
        except change.ChangeDoesNotApply:
            raise FloorRefusal(_("That action can no longer be undone.")) from None
        undo.take_back_rows(target.rows)
        restored_doc = decode(restored_state)
        event = _append_event(
            row,
            FloorEvent(
                committee=committee,
                session=target.session,
                kind=EventKind.UNDO,
                payload=encode_value(Undone(target.seq, EventKind(target.kind))),
                change=change.diff(row.state or {}, restored_state),
                actor_user=user,
                undoable=False,
                undoes=target,
                created_at=clock.now(),
            ),
            restored_state,
        )
        session = current_session(committee, restored_doc)
        if session is not None:
            _record_attendance(session, old_doc, restored_doc)
        realtime.broadcast_floor(committee)
        return event
