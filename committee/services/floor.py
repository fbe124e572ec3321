"""The live floor's core: one locked transaction per action, sessions, roll call and timers.

Every floor action runs inside `floor_action()`: it locks the committee's Floor row, hands the
service the current floor document, and on success stores the new document, appends a
FloorEvent (with the floor before and after, for the log and for undo), updates the
attendance records and asks realtime to push every screen after commit. A refusal — a
ProcedureError from the engine or a FloorRefusal from here — rolls everything back.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import IntegrityError, connection, transaction
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from committee import realtime
from committee.floor import FloorDoc, Mark, decode, encode
from committee.models import (
    AttendanceRecord,
    Committee,
    Delegation,
    Floor,
    FloorEvent,
    Session,
)
from committee.procedure import attendance as rules_attendance
from committee.procedure import speeches as rules_speeches
from committee.procedure import timers as rules_timers
from committee.procedure.attendance import Attendee, DelegationKind, RollStatus
from committee.procedure.parameters import Parameters
from committee.procedure.phases import Phase


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
    delegations: dict[str, Delegation]
    session: Session | None
    facts: dict[str, Any] = field(default_factory=dict)
    undoable: bool = True

    def delegation(self, delegation_id: int | str) -> Delegation:
        try:
            return self.delegations[str(delegation_id)]
        except KeyError:
            raise FloorRefusal(_("That delegation is not in this committee.")) from None

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


def _locked_floor(committee: Committee) -> Floor:
    if connection.vendor == "postgresql":
        # Wait a bounded time for the floor: a request stuck behind a long queue gives its
        # connection back and is answered "not recorded, try again" (a 503) instead of holding
        # it. For the rest of this transaction only. SQLite bounds the wait with its timeout.
        timeout_ms = int(settings.FLOOR_LOCK_TIMEOUT_SECONDS * 1000)
        with connection.cursor() as cursor:
            cursor.execute("SELECT set_config('lock_timeout', %s, true)", [f"{timeout_ms}ms"])
    try:
        with transaction.atomic():
            Floor.objects.get_or_create(committee=committee)
    except IntegrityError:
        pass  # another request created it a moment ago
    return Floor.objects.select_for_update().get(pk=committee.pk)


def current_session(committee: Committee, doc: FloorDoc) -> Session | None:
    if doc.session_number is None:
        return None
    return Session.objects.filter(committee=committee, number=doc.session_number).first()


@contextmanager
def floor_action(
    committee: Committee,
    *,
    kind: str,
    user: Any = None,
    delegation: Delegation | None = None,
) -> Iterator[FloorAction]:
    with transaction.atomic():
        row = _locked_floor(committee)
        doc = decode(row.state)
        action = FloorAction(
            committee=committee,
            params=committee.parameters(),
            doc=doc,
            now=timezone.now(),
            delegations={str(d.pk): d for d in committee.delegations.all()},
            session=current_session(committee, doc),
        )
        yield action
        before = row.state
        row.state = encode(action.doc)
        row.seq += 1
        row.save(update_fields=["state", "seq", "updated_at"])
        session = action.session or current_session(committee, action.doc)
        FloorEvent.objects.create(
            committee=committee,
            session=session,
            seq=row.seq,
            kind=kind,
            facts=action.facts,
            actor_user=user if user is not None and user.is_authenticated else None,
            actor_delegation=delegation,
            before=before,
            after=row.state,
            undoable=action.undoable,
        )
        if session is not None:
            _record_attendance(session, doc, action.doc)
        realtime.broadcast_floor(committee)


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
    with floor_action(committee, kind="session_opened", user=user) as action:
        if action.session is not None and action.session.closed_at is None:
            raise FloorRefusal(_("Session %d is already open.") % action.session.number)
        last = committee.sessions.order_by("-number").first()
        number = 1 if last is None else last.number + 1
        action.session = Session.objects.create(
            committee=committee, number=number, opened_at=action.now
        )
        action.doc = FloorDoc(
            phase=Phase.NOT_STARTED,
            session_number=number,
            speaking_time=action.doc.speaking_time,
        )
        action.facts = {"session": number}
        action.undoable = False
    return action.session


def session_close(*, committee: Committee, user: Any) -> None:
    with floor_action(committee, kind="session_closed", user=user) as action:
        session = _require_open_session(action)
        session.closed_at = action.now
        session.save(update_fields=["closed_at"])
        action.doc = FloorDoc(
            phase=Phase.ADJOURNED,
            session_number=session.number,
            attendance=action.doc.attendance,
            speaking_time=action.doc.speaking_time,
        )
        action.facts = {"session": session.number}
        action.undoable = False


def _require_open_session(action: FloorAction) -> Session:
    if action.session is None or action.session.closed_at is not None:
        raise FloorRefusal(_("No session is open. Open a session first."))
    return action.session


# ---- roll call --------------------------------------------------------------------------------


def roll_call_start(*, committee: Committee, user: Any) -> None:
    """Take (or re-take) roll: answers replace the earlier ones (§1.2)."""
    with floor_action(committee, kind="roll_call_started", user=user) as action:
        _require_open_session(action)
        if action.doc.phase is Phase.VOTING_PROCEDURE:
            raise FloorRefusal(_("Roll call cannot be taken during voting procedure."))
        action.update(phase=Phase.ROLL_CALL, roll_call_open=True)


def roll_call_close(*, committee: Committee, user: Any) -> None:
    """End roll call; the committee moves to formal debate on the speakers' list."""
    with floor_action(committee, kind="roll_call_closed", user=user) as action:
        _require_open_session(action)
        if not action.doc.roll_call_open:
            raise FloorRefusal(_("Roll call is not being taken."))
        present = sum(
            1 for m in action.doc.attendance.values() if m.status is not RollStatus.ABSENT
        )
        action.update(phase=Phase.GSL, roll_call_open=False)
        action.facts = {"present": present}


def attendance_set(
    *,
    committee: Committee,
    delegation_id: int,
    status: str,
    user: Any = None,
    delegation: Delegation | None = None,
) -> None:
    """Record a status: the dais marks anyone; a delegation answers for itself (§1.2).

    During roll call an answer replaces the earlier one; afterwards the engine applies the
    rules for late arrivals, upgrades, downgrades and closed doors.
    """
    acting_delegation = delegation
    kind = "attendance_answered" if acting_delegation is not None else "attendance_marked"
    with floor_action(committee, kind=kind, user=user, delegation=acting_delegation) as action:
        _require_open_session(action)
        if acting_delegation is not None:
            if acting_delegation.pk != delegation_id:
                raise FloorRefusal(_("A delegation answers only for itself."))
            if not action.doc.roll_call_open:
                raise FloorRefusal(
                    _("Roll call is not being taken. Send a note to the dais if you arrived late.")
                )
        attendee = action.attendee(delegation_id)
        updated = rules_attendance.set_status(
            action.params,
            attendee,
            RollStatus(status),
            action.now,
            in_voting_procedure=action.doc.phase is Phase.VOTING_PROCEDURE,
            roll_call=action.doc.roll_call_open,
        )
        mark = Mark(updated.status, updated.since, updated.held_at_door)
        action.update(attendance={**action.doc.attendance, str(delegation_id): mark})
        action.facts = {
            "delegation": action.delegation(delegation_id).name,
            "delegation_id": str(delegation_id),
            "status": updated.status.value,
        }


# ---- timers -------------------------------------------------------------------------------------

TIMER_ACTIONS = ("start", "pause", "reset", "extend")
# Longer than any speech; it also keeps the deadline far from datetime's own limits.
TIMER_EXTENSION_MAX_SECONDS = 3 * 60 * 60


def speech_timer_control(
    *, committee: Committee, user: Any, command: str, seconds: int = 0
) -> None:
    """Start, pause, reset or extend the current speaker's timer (server-authoritative)."""
    if command not in TIMER_ACTIONS:
        raise FloorRefusal(_("Unknown timer action."))
    with floor_action(committee, kind=f"timer_{command}", user=user) as action:
        speech = action.doc.speech
        if speech is None:
            raise FloorRefusal(_("Nobody has the floor, so there is no speaker's timer."))
        timer = speech.timer
        if command == "start":
            speech = rules_speeches.resume(speech, action.now)
        elif command == "pause":
            speech = rules_speeches.interrupt(speech, action.now)
        elif command == "reset":
            speech = dataclasses.replace(speech, timer=rules_timers.new_timer(timer.duration))
        else:
            if seconds <= 0:
                raise FloorRefusal(_("Give the extension in seconds, more than zero."))
            if seconds > TIMER_EXTENSION_MAX_SECONDS:
                raise FloorRefusal(
                    _("An extension can be at most %(limit_value)s seconds.")
                    % {"limit_value": TIMER_EXTENSION_MAX_SECONDS}
                )
            speech = dataclasses.replace(
                speech, timer=rules_timers.add_time(timer, timedelta(seconds=seconds), action.now)
            )
        action.update(speech=speech)
        action.facts = {"command": command, "seconds": seconds}


# ---- undo ---------------------------------------------------------------------------------------


def floor_undo(*, committee: Committee, user: Any) -> FloorEvent:
    """Undo the last dais action by appending a compensating event (§8.38); nothing is deleted."""
    with transaction.atomic():
        row = _locked_floor(committee)
        last = (
            FloorEvent.objects.filter(committee=committee).select_related("undoes").order_by("-seq")
        ).first()
        if last is None or last.kind == "undo" or not last.undoable:
            raise FloorRefusal(_("There is no action to undo."))
        if last.actor_user_id is None:
            raise FloorRefusal(_("Only dais actions can be undone."))
        old_doc = decode(row.state)
        restored_doc = decode(last.before)
        row.state = last.before
        row.seq += 1
        row.save(update_fields=["state", "seq", "updated_at"])
        event = FloorEvent.objects.create(
            committee=committee,
            session=last.session,
            seq=row.seq,
            kind="undo",
            facts={"undone_kind": last.kind, "undone_seq": last.seq},
            actor_user=user,
            before=encode(old_doc),
            after=last.before,
            undoable=False,
            undoes=last,
        )
        session = current_session(committee, restored_doc)
        if session is not None:
            _record_attendance(session, old_doc, restored_doc)
        realtime.broadcast_floor(committee)
        return event
