"""Caucuses on the floor as pure transitions: started and extended by motion, run by the dais,
joined by placard (procedure.md §2.3–2.6, §8.9)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import timedelta

import pytest

from committee.procedure import caucus_floor
from committee.procedure.attendance import RollStatus
from committee.procedure.caucuses import CaucusEndReason, CaucusKind
from committee.procedure.choices import MotionCode, MoverChoice
from committee.procedure.errors import ErrorCode, ProcedureError
from committee.procedure.facts.caucus import (
    CaucusDelegation,
    CaucusEnded,
    CaucusMoverChose,
    CaucusSpeakerRecognised,
)
from committee.procedure.facts.session import NoFacts
from committee.procedure.floor import FloorDoc, Mark
from committee.procedure.motions import Motion
from committee.procedure.parameters import Parameters
from committee.procedure.phases import Phase
from committee.procedure.speeches import SpeechStage, start_speech
from committee.procedure.transition import Transition, Turn, TurnKind
from tests.procedure.helpers import T0, at, params

RULES = params("cn_common")
FRANCE, CHINA, BRAZIL, KENYA = "1", "2", "3", "4"  # Kenya is absent
ROLL_ORDER = (BRAZIL, CHINA, FRANCE, KENYA)


def refused(
    code: ErrorCode, command: Callable[..., Transition], *args: object, **kw: object
) -> None:
    with pytest.raises(ProcedureError) as error:
        command(*args, **kw)
    assert error.value.code == code


def in_debate() -> FloorDoc:
    present = Mark(RollStatus.PRESENT, T0)
    return FloorDoc(
        phase=Phase.GSL,
        session_number=1,
        attendance={FRANCE: present, CHINA: present, BRAZIL: present, KENYA: Mark()},
    )


def moderated(total: int = 600, speaker: int = 60, mover: str = FRANCE) -> Motion:
    return Motion("m1", MotionCode.MODERATED_CAUCUS, mover, 1, total, speaker, "Mandates")


def unmoderated(total: int = 900, mover: str = CHINA) -> Motion:
    return Motion("m2", MotionCode.UNMODERATED_CAUCUS, mover, 2, total, None, "Drafting")


def extension(seconds: int) -> Motion:
    return Motion("m3", MotionCode.EXTEND_CAUCUS, CHINA, 3, seconds)


def started(
    motion: Motion,
    *,
    rules: Parameters = RULES,
    floor: FloorDoc | None = None,
    mover_choice: MoverChoice | None = None,
) -> FloorDoc:
    transition = caucus_floor.start(
        floor or in_debate(),
        rules,
        motion,
        T0,
        roll_order=ROLL_ORDER,
        mover_choice=mover_choice,
    )
    return transition.floor


def with_speaker(speaker: str, *, seconds: float = 0, rules: Parameters = RULES) -> FloorDoc:
    floor = started(moderated(), rules=rules)
    return caucus_floor.recognise(floor, rules, speaker, at(seconds)).floor


# ---- started and extended by motion ----------------------------------------------------------


def test_a_carried_moderated_caucus_starts_with_its_lengths_and_logs_nothing_of_its_own() -> None:
    transition = caucus_floor.start(in_debate(), RULES, moderated(), T0, roll_order=ROLL_ORDER)
    caucus = transition.floor.caucus
    assert transition.facts == NoFacts() and transition.ended_turns == ()
    assert transition.floor.phase is Phase.MOD_CAUCUS
    assert (caucus.kind, caucus.mover, caucus.topic) == (CaucusKind.MODERATED, FRANCE, "Mandates")
    assert caucus.total.deadline == at(600) and caucus.speaker_seconds == 60


def test_an_unmoderated_caucus_has_no_speakers_and_returns_by_its_deadline() -> None:
    floor = started(unmoderated(total=900))
    assert floor.phase is Phase.UNMOD_CAUCUS
    assert floor.caucus.speaker_seconds is None and floor.caucus.total.deadline == at(900)
    assert caucus_floor.required_speaker(floor, T0) is None


def test_a_round_robin_goes_through_the_present_delegations_in_roll_order() -> None:
    rules = params(round_robin_enabled=True)
    robin = Motion("m4", MotionCode.ROUND_ROBIN, FRANCE, 4, None, 30, "Views")
    floor = started(robin, rules=rules)
    assert floor.phase is Phase.ROUND_ROBIN
    assert floor.caucus.order == (BRAZIL, CHINA, FRANCE)
    assert floor.caucus.total.deadline == at(90)
    assert caucus_floor.required_speaker(floor, T0) == BRAZIL


def test_a_new_caucus_clears_old_placards_and_the_ended_caucus() -> None:
    floor = caucus_floor.raise_placard(started(moderated()), RULES, T0, CHINA).floor
    floor = caucus_floor.end(floor, RULES, at(10)).floor
    assert floor.last_ended_caucus is not None
    floor = replace(floor, raised_placards=(CHINA,))
    floor = started(unmoderated(mover=BRAZIL), floor=floor)
    assert floor.raised_placards == () and floor.last_ended_caucus is None
    assert floor.caucus.mover == BRAZIL


def test_a_caucus_starting_cuts_short_the_speech_under_way_and_records_its_turn() -> None:
    speaking = replace(in_debate(), speech=start_speech(RULES, BRAZIL, at(-30)))
    transition = caucus_floor.start(speaking, RULES, moderated(), T0, roll_order=ROLL_ORDER)
    assert transition.floor.speech.stage is SpeechStage.ENDED
    assert transition.ended_turns == (
        Turn(BRAZIL, TurnKind.GSL, at(-30), T0, timedelta(seconds=30)),
    )


def test_a_caucus_carried_under_a_caucus_speaker_ends_that_slot_and_that_caucus() -> None:
    floor = with_speaker(CHINA)
    transition = caucus_floor.start(
        floor, RULES, unmoderated(mover=BRAZIL), at(20), roll_order=ROLL_ORDER
    )
    assert transition.ended_turns == (
        Turn(CHINA, TurnKind.CAUCUS, T0, at(20), timedelta(seconds=20)),
    )
    assert transition.floor.caucus.kind is CaucusKind.UNMODERATED
    assert not transition.floor.caucus.ended


def test_an_extension_lengthens_a_running_caucus() -> None:
    floor = started(unmoderated(total=600))
    assert not caucus_floor.extension_restarts(floor)
    transition = caucus_floor.extend(floor, RULES, extension(300), at(500))
    assert transition.facts == NoFacts()
    assert transition.floor.caucus.total.deadline == at(900)
    assert transition.floor.caucus.extensions_used == 1


def test_an_extension_restarts_the_caucus_that_just_ended() -> None:
    floor = caucus_floor.end(started(moderated(total=600)), RULES, at(600)).floor
    assert caucus_floor.extension_restarts(floor)
    extended = caucus_floor.extend(floor, RULES, extension(300), at(630)).floor
    assert extended.phase is Phase.MOD_CAUCUS and not extended.caucus.ended
    assert extended.caucus.total.deadline == at(930)
    assert extended.last_ended_caucus is None


def test_an_extension_over_the_limits_is_refused() -> None:
    rules = params(extension_max_fraction="1/2", max_extensions_per_caucus=1)
    floor = started(moderated(total=600), rules=rules)
    refused(ErrorCode.EXTENSION_TOO_LONG, caucus_floor.extend, floor, rules, extension(301), T0)
    floor = caucus_floor.extend(floor, rules, extension(300), T0).floor
    refused(ErrorCode.EXTENSION_LIMIT_REACHED, caucus_floor.extend, floor, rules, extension(60), T0)


def test_there_is_nothing_to_extend_without_a_caucus_that_just_ended() -> None:
    refused(
        ErrorCode.NO_CAUCUS_TO_EXTEND, caucus_floor.extend, in_debate(), RULES, extension(60), T0
    )
    ended = caucus_floor.end(started(moderated()), RULES, at(10)).floor
    long_ago = replace(ended, last_ended_caucus=None)
    refused(ErrorCode.NO_CAUCUS_TO_EXTEND, caucus_floor.extend, long_ago, RULES, extension(60), T0)


# ---- recognising speakers and their slots ----------------------------------------------------


def test_recognising_gives_a_slot_and_takes_the_placard_down() -> None:
    floor = caucus_floor.raise_placard(started(moderated()), RULES, T0, CHINA).floor
    transition = caucus_floor.recognise(floor, RULES, CHINA, at(10))
    assert transition.facts == CaucusSpeakerRecognised(int(CHINA), 60, shortened=False)
    assert transition.floor.caucus.current == CHINA
    assert transition.floor.caucus.slot.deadline == at(70)
    assert transition.floor.raised_placards == ()
    assert transition.ended_turns == ()


def test_a_slot_that_would_run_past_the_total_gets_only_what_remains() -> None:
    rules = params(caucus_remainder_action="prompt_chair")
    floor = started(moderated(total=300), rules=rules)
    assert caucus_floor.remainder_warning(floor, rules, at(260))
    transition = caucus_floor.recognise(floor, rules, BRAZIL, at(260))
    assert transition.facts == CaucusSpeakerRecognised(int(BRAZIL), 40, shortened=True)
    assert transition.floor.caucus.slot.deadline == at(300)


def test_only_a_present_delegation_is_recognised_and_only_in_a_caucus_with_speakers() -> None:
    refused(ErrorCode.NOT_PRESENT, caucus_floor.recognise, started(moderated()), RULES, KENYA, T0)
    refused(
        ErrorCode.WRONG_YIELD_STAGE,
        caucus_floor.recognise,
        started(unmoderated()),
        RULES,
        CHINA,
        T0,
    )
    refused(ErrorCode.NO_CAUCUS, caucus_floor.recognise, in_debate(), RULES, CHINA, T0)


def test_recognising_the_next_speaker_ends_the_slot_before_and_reports_its_turn() -> None:
    transition = caucus_floor.recognise(with_speaker(CHINA), RULES, BRAZIL, at(30))
    assert transition.ended_turns == (
        Turn(CHINA, TurnKind.CAUCUS, T0, at(30), timedelta(seconds=30)),
    )
    assert transition.floor.caucus.spoken == (CHINA,)
    assert transition.floor.caucus.current == BRAZIL


def test_the_chair_ends_a_slot_and_its_turn_excludes_the_pauses() -> None:
    floor = caucus_floor.pause(with_speaker(CHINA), RULES, at(20)).floor
    floor = caucus_floor.resume(floor, RULES, at(120)).floor
    transition = caucus_floor.end_slot(floor, RULES, at(135))
    assert transition.facts == CaucusDelegation(int(CHINA))
    assert transition.ended_turns == (
        Turn(CHINA, TurnKind.CAUCUS, T0, at(135), timedelta(seconds=35)),
    )
    assert transition.floor.caucus.current is None
    refused(ErrorCode.CAUCUS_NO_SPEAKER, caucus_floor.end_slot, transition.floor, RULES, at(136))


def test_a_slot_that_ran_out_ends_when_its_clock_did() -> None:
    transition = caucus_floor.end_slot(with_speaker(CHINA), RULES, at(75))
    (turn,) = transition.ended_turns
    assert (turn.used, turn.ended_at) == (timedelta(seconds=60), at(60))


# ---- the mover's choice ----------------------------------------------------------------------


def test_a_mover_who_speaks_first_must_be_recognised_first() -> None:
    floor = started(moderated(), mover_choice=MoverChoice.FIRST)
    assert caucus_floor.required_speaker(floor, T0) == FRANCE
    with pytest.raises(ProcedureError) as error:
        caucus_floor.recognise(floor, RULES, CHINA, T0)
    assert error.value.code == ErrorCode.NOT_YOUR_TURN
    assert error.value.facts == {"delegation": CHINA, "expected": FRANCE}


def test_only_the_mover_chooses_from_a_phone_and_the_dais_may_record_it() -> None:
    floor = started(moderated())
    refused(
        ErrorCode.CAUCUS_NOT_MOVER,
        caucus_floor.choose_mover_position,
        floor,
        RULES,
        T0,
        MoverChoice.FIRST,
        chosen_by=CHINA,
    )
    chosen = caucus_floor.choose_mover_position(
        floor, RULES, T0, MoverChoice.LAST, chosen_by=FRANCE
    )
    assert chosen.facts == CaucusMoverChose(int(FRANCE), MoverChoice.LAST)
    assert chosen.floor.caucus.mover_choice is MoverChoice.LAST
    by_the_dais = caucus_floor.choose_mover_position(floor, RULES, T0, MoverChoice.FIRST)
    assert by_the_dais.floor.caucus.mover_choice is MoverChoice.FIRST


def test_the_mover_may_no_longer_choose_first_once_someone_has_spoken() -> None:
    floor = started(moderated())
    assert caucus_floor.mover_choices(floor, RULES) == tuple(MoverChoice)
    floor = caucus_floor.recognise(floor, RULES, CHINA, T0).floor
    assert caucus_floor.mover_choices(floor, RULES) == (
        MoverChoice.LAST,
        MoverChoice.NOT_SPEAKING,
    )
    refused(
        ErrorCode.MOVER_CHOICE_TOO_LATE,
        caucus_floor.choose_mover_position,
        floor,
        RULES,
        T0,
        MoverChoice.FIRST,
    )
    floor = caucus_floor.choose_mover_position(floor, RULES, T0, MoverChoice.LAST).floor
    floor = caucus_floor.recognise(floor, RULES, FRANCE, at(30)).floor
    assert caucus_floor.mover_choices(floor, RULES) == ()


def test_a_profile_that_fixes_the_movers_place_offers_no_choice() -> None:
    rules = params(mod_mover_position="first")
    assert caucus_floor.mover_choices(started(moderated(), rules=rules), rules) == ()
    assert caucus_floor.mover_choices(started(unmoderated()), RULES) == ()


# ---- pausing and ending ----------------------------------------------------------------------


def test_pause_stops_both_clocks_and_resume_restarts_them() -> None:
    paused = caucus_floor.pause(with_speaker(CHINA), RULES, at(20))
    assert paused.facts == NoFacts()
    assert paused.floor.caucus.total.deadline is None and paused.floor.caucus.slot.deadline is None
    refused(ErrorCode.CAUCUS_ALREADY_PAUSED, caucus_floor.pause, paused.floor, RULES, at(30))
    resumed = caucus_floor.resume(paused.floor, RULES, at(120)).floor
    assert resumed.caucus.total.deadline == at(700)
    assert resumed.caucus.slot.deadline == at(160)
    refused(ErrorCode.CAUCUS_ALREADY_RUNNING, caucus_floor.resume, resumed, RULES, at(121))


def test_the_chair_ends_a_caucus_and_the_committee_returns_to_the_gsl() -> None:
    floor = replace(started(unmoderated(total=900)), raised_placards=(BRAZIL,))
    transition = caucus_floor.end(floor, RULES, at(420))
    assert transition.facts == CaucusEnded(
        CaucusKind.UNMODERATED, "Drafting", int(CHINA), CaucusEndReason.CHAIR, at(420)
    )
    ended = transition.floor
    assert ended.phase is Phase.GSL and ended.raised_placards == ()
    assert ended.caucus.ended_at == at(420)
    assert ended.last_ended_caucus.total_seconds == 900
    assert not caucus_floor.is_running(ended) and caucus_floor.just_ended(ended)
    refused(ErrorCode.CAUCUS_ENDED, caucus_floor.end, ended, RULES, at(421))


def test_ending_under_a_speaker_reports_the_slot_and_keeps_the_reason_given() -> None:
    transition = caucus_floor.end(with_speaker(CHINA), RULES, at(25), CaucusEndReason.NO_SPEAKERS)
    assert transition.facts.reason is CaucusEndReason.NO_SPEAKERS
    assert transition.ended_turns == (
        Turn(CHINA, TurnKind.CAUCUS, T0, at(25), timedelta(seconds=25)),
    )


def test_a_caucus_ended_after_its_time_ran_out_ended_at_its_deadline() -> None:
    transition = caucus_floor.end(started(unmoderated(total=600)), RULES, at(700))
    assert transition.facts.reason is CaucusEndReason.TIME_UP
    assert transition.facts.ended_at == at(600)
    assert transition.floor.caucus.ended_at == at(600)


def test_a_caucus_ends_by_itself_when_less_than_a_slot_remains() -> None:
    """§8.9 default (caucus_remainder_action=end): every command but the end is refused."""
    floor = started(moderated(total=300))
    assert caucus_floor.end_if_due(floor, RULES, at(240)) is None
    assert caucus_floor.due_end_reason(floor, RULES, at(250)) is CaucusEndReason.REMAINDER
    refused(ErrorCode.CAUCUS_ENDED, caucus_floor.recognise, floor, RULES, BRAZIL, at(250))
    refused(ErrorCode.CAUCUS_ENDED, caucus_floor.raise_placard, floor, RULES, at(250), BRAZIL)
    transition = caucus_floor.end_if_due(floor, RULES, at(250))
    assert transition is not None
    assert transition.facts.reason is CaucusEndReason.REMAINDER
    assert transition.floor.phase is Phase.GSL
    assert caucus_floor.end_if_due(transition.floor, RULES, at(251)) is None


def test_a_caucus_that_runs_out_under_a_speaker_reports_the_slot_to_its_end() -> None:
    rules = params(caucus_remainder_action="prompt_chair")
    floor = started(moderated(total=300), rules=rules)
    floor = caucus_floor.recognise(floor, rules, CHINA, at(270)).floor  # only 30 s remain
    assert caucus_floor.due_end_reason(floor, rules, at(320)) is CaucusEndReason.TIME_UP
    transition = caucus_floor.end_if_due(floor, rules, at(320))
    assert transition is not None
    assert transition.ended_turns == (
        Turn(CHINA, TurnKind.CAUCUS, at(270), at(300), timedelta(seconds=30)),
    )
    assert transition.facts.ended_at == at(300)


# ---- placards --------------------------------------------------------------------------------


def test_a_placard_is_raised_once_and_queued_in_order() -> None:
    floor = started(moderated())
    raised = caucus_floor.raise_placard(floor, RULES, T0, CHINA)
    assert raised.facts == CaucusDelegation(int(CHINA))
    floor = caucus_floor.raise_placard(raised.floor, RULES, T0, BRAZIL).floor
    assert floor.raised_placards == (CHINA, BRAZIL)
    refused(ErrorCode.PLACARD_ALREADY_RAISED, caucus_floor.raise_placard, floor, RULES, T0, CHINA)


def test_who_may_raise_a_placard() -> None:
    refused(
        ErrorCode.PLACARDS_ONLY_IN_MODERATED,
        caucus_floor.raise_placard,
        started(unmoderated()),
        RULES,
        T0,
        CHINA,
    )
    floor = started(moderated())
    refused(ErrorCode.NOT_PRESENT, caucus_floor.raise_placard, floor, RULES, T0, KENYA)
    speaking = caucus_floor.recognise(floor, RULES, CHINA, T0).floor
    refused(
        ErrorCode.PLACARD_WHILE_SPEAKING, caucus_floor.raise_placard, speaking, RULES, T0, CHINA
    )
    refused(ErrorCode.NO_CAUCUS, caucus_floor.raise_placard, in_debate(), RULES, T0, CHINA)


def test_a_placard_is_lowered_only_when_raised() -> None:
    floor = caucus_floor.raise_placard(started(moderated()), RULES, T0, CHINA).floor
    lowered = caucus_floor.lower_placard(floor, CHINA)
    assert lowered.facts == CaucusDelegation(int(CHINA))
    assert lowered.floor.raised_placards == ()
    refused(ErrorCode.PLACARD_NOT_RAISED, caucus_floor.lower_placard, lowered.floor, CHINA)


def test_a_right_of_reply_during_the_caucus_holds_it_until_the_reply_ends() -> None:
    # Between slots Kenya makes a right of reply: nobody is recognised and the chair cannot
    # restart the clocks under it.
    between_slots = caucus_floor.end_slot(with_speaker(BRAZIL), RULES, at(20)).floor
    assert between_slots.caucus is not None
    replying = replace(
        between_slots,
        speech=start_speech(RULES, KENYA, at(25), duration=30, gsl=False),
        reply_speech_by=KENYA,
        caucus=caucus_floor.pause(between_slots, RULES, at(25)).floor.caucus,
    )
    refused(
        ErrorCode.CAUCUS_WAITS_FOR_SPEECH, caucus_floor.recognise, replying, RULES, CHINA, at(30)
    )
    refused(ErrorCode.CAUCUS_WAITS_FOR_SPEECH, caucus_floor.resume, replying, RULES, at(30))
