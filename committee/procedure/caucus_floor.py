"""Caucuses on the floor, as transitions (procedure.md §2.3–2.6, §8.9).

A caucus starts or is extended only when a motion carries: the motions engine calls `start` or
`extend` and logs its own facts (these two give `NoFacts`). Everything else is a command of its
own: the dais recognises speakers, ends slots, pauses, resumes and ends the caucus; the mover
chooses when to speak; a delegation raises or lowers its placard.

Nothing runs in the background: a caucus whose time is up (or whose remainder is shorter than
one slot) is ended by `end_if_due`, which the services call before every caucus command; until
then every command but `end` refuses with CAUCUS_ENDED.

While the caucus runs, `floor.caucus` holds it; once it ends, `floor.caucus` keeps the ended
caucus (``ended_at`` set, so a carried extension can restart it), `floor.last_ended_caucus`
tells a motion to extend what it may extend, and the committee is back on the GSL. A speaker's
slot that ends, however it ends, comes back in `Transition.ended_turns`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import datetime

from . import caucuses as rules
from .caucuses import Caucus, CaucusEndReason, CaucusKind
from .choices import CaucusRemainderAction, MoverChoice, MoverPosition
from .errors import ErrorCode, ProcedureError
from .facts.caucus import CaucusDelegation, CaucusEnded, CaucusMoverChose, CaucusSpeakerRecognised
from .facts.session import NoFacts
from .floor import FloorDoc
from .motions import Motion
from .parameters import Parameters
from .phases import Phase
from .speeches import SpeechStage
from .transition import Transition, Turn
from .turns import end_every_turn, slot_turn

PHASE_OF_KIND = {
    CaucusKind.MODERATED: Phase.MOD_CAUCUS,
    CaucusKind.UNMODERATED: Phase.UNMOD_CAUCUS,
    CaucusKind.ROUND_ROBIN: Phase.ROUND_ROBIN,
}

# The reasons the dais gives for ending a caucus; time up and the short remainder are noticed.
DAIS_END_REASONS = (CaucusEndReason.CHAIR, CaucusEndReason.NO_SPEAKERS)


# ---- queries ---------------------------------------------------------------------------------


def is_running(floor: FloorDoc) -> bool:
    return floor.caucus is not None and not floor.caucus.ended


def just_ended(floor: FloorDoc) -> bool:
    """Ended, and a motion to extend it may still follow (§2.5)."""
    return floor.caucus is not None and floor.caucus.ended and floor.last_ended_caucus is not None


def due_end_reason(floor: FloorDoc, params: Parameters, now: datetime) -> CaucusEndReason | None:
    """Why the running caucus must end by itself now (§8.9); None while it may go on."""
    if floor.caucus is None or floor.caucus.ended:
        return None
    return rules.due_end_reason(params, floor.caucus, now)


def is_due(floor: FloorDoc, params: Parameters, now: datetime) -> bool:
    return due_end_reason(floor, params, now) is not None


def remainder_warning(floor: FloorDoc, params: Parameters, now: datetime) -> bool:
    """The chair decides what a short remainder does, and less than one slot is left."""
    return (
        floor.caucus is not None
        and is_running(floor)
        and not is_due(floor, params, now)
        and params.caucus_remainder_action is CaucusRemainderAction.PROMPT_CHAIR
        and rules.remainder_shorter_than_slot(floor.caucus, now)
    )


def required_speaker(floor: FloorDoc, now: datetime) -> str | None:
    """Who must be recognised next: the mover first or last, or the round robin's next."""
    caucus = floor.caucus
    if caucus is None or caucus.ended or caucus.kind is CaucusKind.UNMODERATED:
        return None
    return rules.next_required_speaker(caucus, now)


def mover_choices(floor: FloorDoc, params: Parameters) -> tuple[MoverChoice, ...]:
    """What the mover may still pick, while the profile lets the mover choose (§2.3)."""
    caucus = floor.caucus
    if caucus is None or caucus.ended or params.mod_mover_position is not MoverPosition.CHOOSE:
        return ()
    return tuple(choice for choice in MoverChoice if _may_choose(params, caucus, choice))


def _may_choose(params: Parameters, caucus: Caucus, choice: MoverChoice) -> bool:
    try:
        rules.choose_mover_position(params, caucus, choice)
    except ProcedureError:
        return False
    return True


def extension_restarts(floor: FloorDoc) -> bool:
    """A carried extension starts the caucus again (it had ended) rather than lengthening it."""
    return floor.caucus is not None and floor.caucus.ended


def running_caucus(
    floor: FloorDoc, params: Parameters, now: datetime, *, allow_due: bool = False
) -> Caucus:
    """The caucus a command acts on. One that is due to end is refused unless `allow_due`."""
    caucus = floor.caucus
    if caucus is None:
        raise ProcedureError(ErrorCode.NO_CAUCUS)
    if caucus.ended or (not allow_due and rules.should_end(params, caucus, now)):
        raise ProcedureError(ErrorCode.CAUCUS_ENDED)
    return caucus


# ---- carried by a motion (the motion's event logs the facts) ---------------------------------


def start(
    floor: FloorDoc,
    params: Parameters,
    motion: Motion,
    now: datetime,
    *,
    roll_order: Sequence[str],
    mover_choice: MoverChoice | None = None,
) -> Transition:
    """Start the caucus a carried motion asked for. Whatever is being said is cut short and a
    caucus under way ends first. `roll_order` is every delegation in roll order: a round robin
    goes through the present ones."""
    present = floor.present_ids()
    caucus = rules.start_caucus(
        params,
        motion,
        now,
        mover_choice=mover_choice,
        roll_order=[key for key in roll_order if key in present],
    )
    cut_short, turns = end_every_turn(floor, now)
    started = replace(
        cut_short,
        caucus=caucus,
        phase=PHASE_OF_KIND[caucus.kind],
        raised_placards=(),
        last_ended_caucus=None,
    )
    return Transition(started, NoFacts(), turns)


def extend(floor: FloorDoc, params: Parameters, motion: Motion, now: datetime) -> Transition:
    """Extend the running caucus, or restart the one that just ended, by the motion's length."""
    caucus = floor.caucus
    if caucus is None or (caucus.ended and floor.last_ended_caucus is None):
        raise ProcedureError(ErrorCode.NO_CAUCUS_TO_EXTEND)
    extended = rules.extend(params, caucus, motion.total_seconds or 0, now)
    return Transition(
        replace(
            floor,
            caucus=extended,
            phase=PHASE_OF_KIND[extended.kind],
            last_ended_caucus=None,
        ),
        NoFacts(),
    )


# ---- the dais --------------------------------------------------------------------------------


def recognise(floor: FloorDoc, params: Parameters, delegation: str, now: datetime) -> Transition:
    """Give the next slot to a delegation; the slot of whoever spoke before ends."""
    caucus = running_caucus(floor, params, now)
    _refuse_during_outside_speech(floor)
    recognised = rules.recognise(params, caucus, delegation, now, floor.present_ids())
    slot_seconds = recognised.slot.duration.total_seconds() if recognised.slot else 0
    facts = CaucusSpeakerRecognised(
        delegation=int(delegation),
        slot_seconds=round(slot_seconds),
        shortened=slot_seconds < (recognised.speaker_seconds or 0),
    )
    placards = tuple(key for key in floor.raised_placards if key != delegation)
    return Transition(
        replace(floor, caucus=recognised, raised_placards=placards),
        facts,
        _turns(slot_turn(floor, now)),
    )


def waits_for_speech(floor: FloorDoc) -> bool:
    """A caucus's own speakers never hold `floor.speech`: a speech there during a caucus is
    one outside it (a right of reply, §2.7), and the caucus stands still until it ends."""
    return floor.speech is not None and floor.speech.stage is not SpeechStage.ENDED


def _refuse_during_outside_speech(floor: FloorDoc) -> None:
    if waits_for_speech(floor):
        raise ProcedureError(ErrorCode.CAUCUS_WAITS_FOR_SPEECH)


def end_slot(floor: FloorDoc, params: Parameters, now: datetime) -> Transition:
    """The current speaker's slot is over (or the chair cuts it short)."""
    caucus = running_caucus(floor, params, now)
    if caucus.current is None:
        raise ProcedureError(ErrorCode.CAUCUS_NO_SPEAKER)
    return Transition(
        replace(floor, caucus=rules.end_slot(caucus, now)),
        CaucusDelegation(int(caucus.current)),
        _turns(slot_turn(floor, now)),
    )


def pause(floor: FloorDoc, params: Parameters, now: datetime) -> Transition:
    """Stop both clocks (a point of order or privilege, or the chair's call)."""
    caucus = running_caucus(floor, params, now)
    if not caucus.total.running:
        raise ProcedureError(ErrorCode.CAUCUS_ALREADY_PAUSED)
    return Transition(replace(floor, caucus=rules.pause_caucus(caucus, now)), NoFacts())


def resume(floor: FloorDoc, params: Parameters, now: datetime) -> Transition:
    caucus = running_caucus(floor, params, now)
    _refuse_during_outside_speech(floor)
    if caucus.total.running:
        raise ProcedureError(ErrorCode.CAUCUS_ALREADY_RUNNING)
    return Transition(replace(floor, caucus=rules.resume_caucus(caucus, now)), NoFacts())


def end(
    floor: FloorDoc,
    params: Parameters,
    now: datetime,
    reason: CaucusEndReason = CaucusEndReason.CHAIR,
) -> Transition:
    """The chair ends the caucus (`reason` is one of DAIS_END_REASONS): early, or because
    nobody wants to speak. One whose time is up is logged as such, whatever the dais said."""
    caucus = running_caucus(floor, params, now, allow_due=True)
    due = rules.due_end_reason(params, caucus, now)
    return _finish(floor, caucus, due or reason, now)


def end_if_due(floor: FloorDoc, params: Parameters, now: datetime) -> Transition | None:
    """End the caucus whose time is up or whose remainder is shorter than a slot (§8.9);
    None while it may go on (or another action ended it already)."""
    reason = due_end_reason(floor, params, now)
    if reason is None or floor.caucus is None:
        return None
    return _finish(floor, floor.caucus, reason, now)


def choose_mover_position(
    floor: FloorDoc,
    params: Parameters,
    now: datetime,
    choice: MoverChoice,
    *,
    chosen_by: str | None = None,
) -> Transition:
    """The mover of a moderated caucus speaks first, last or not at all (§2.3). From a phone
    (`chosen_by`) only the mover chooses; the dais may record the mover's choice."""
    caucus = running_caucus(floor, params, now)
    if chosen_by is not None and chosen_by != caucus.mover:
        raise ProcedureError(ErrorCode.CAUCUS_NOT_MOVER)
    chosen = rules.choose_mover_position(params, caucus, choice)
    return Transition(replace(floor, caucus=chosen), CaucusMoverChose(int(caucus.mover), choice))


# ---- the delegation's placard ----------------------------------------------------------------


def raise_placard(
    floor: FloorDoc, params: Parameters, now: datetime, delegation: str
) -> Transition:
    """A delegation asks to speak in the moderated caucus: it joins the queue once."""
    caucus = running_caucus(floor, params, now)
    if caucus.kind is not CaucusKind.MODERATED:
        raise ProcedureError(ErrorCode.PLACARDS_ONLY_IN_MODERATED)
    if delegation not in floor.present_ids():
        raise ProcedureError(ErrorCode.NOT_PRESENT, delegation=delegation)
    if delegation in floor.raised_placards:
        raise ProcedureError(ErrorCode.PLACARD_ALREADY_RAISED)
    if delegation == caucus.current:
        raise ProcedureError(ErrorCode.PLACARD_WHILE_SPEAKING)
    return Transition(
        replace(floor, raised_placards=(*floor.raised_placards, delegation)),
        CaucusDelegation(int(delegation)),
    )


def lower_placard(floor: FloorDoc, delegation: str) -> Transition:
    if delegation not in floor.raised_placards:
        raise ProcedureError(ErrorCode.PLACARD_NOT_RAISED)
    return Transition(
        replace(floor, raised_placards=tuple(k for k in floor.raised_placards if k != delegation)),
        CaucusDelegation(int(delegation)),
    )


# ---- helpers ---------------------------------------------------------------------------------


def _finish(floor: FloorDoc, caucus: Caucus, reason: CaucusEndReason, now: datetime) -> Transition:
    # When time ran out, the caucus ended at its deadline, not when someone noticed.
    deadline = caucus.total.deadline
    ended_at = (
        deadline if reason is CaucusEndReason.TIME_UP and deadline and deadline < now else now
    )
    ended = rules.end_caucus(caucus, ended_at)
    facts = CaucusEnded(
        kind=ended.kind,
        topic=ended.topic,
        mover=int(ended.mover),
        reason=reason,
        ended_at=ended_at,
    )
    back_on_the_gsl = replace(
        floor,
        caucus=ended,
        last_ended_caucus=rules.as_ended(ended),
        raised_placards=(),
        phase=Phase.GSL,
    )
    return Transition(back_on_the_gsl, facts, _turns(slot_turn(floor, now)))


def _turns(turn: Turn | None) -> tuple[Turn, ...]:
    return () if turn is None else (turn,)
