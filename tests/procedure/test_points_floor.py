"""Points and rights of reply as pure floor transitions (procedure.md §4, §2.7)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import timedelta

import pytest

from committee.procedure.attendance import RollStatus
from committee.procedure.caucuses import Caucus, recognise, start_caucus
from committee.procedure.choices import MotionCode, MoverChoice, PointKind, RorGround, YieldKind
from committee.procedure.errors import ErrorCode, ProcedureError
from committee.procedure.facts.points import (
    PointFacts,
    PointResolved,
    ReplyEnded,
    ReplyFacts,
    ReplyGranted,
    SpeakerResumed,
)
from committee.procedure.floor import FloorDoc, Mark, PendingPoint, PendingReply
from committee.procedure.motions import Motion
from committee.procedure.parameters import Parameters
from committee.procedure.phases import Phase
from committee.procedure.points import Admission, PointOutcome
from committee.procedure.points_floor import (
    ask_for_reply,
    decide_on_reply,
    end_reply,
    find_point,
    find_reply,
    give_reply_the_floor,
    point_context,
    raise_point,
    reply_on_floor,
    resolve_point,
    resume_speaker,
    ruling_on,
    speaker_waits_to_resume,
    who_may_raise,
    withdraw_point,
    withdraw_reply,
)
from committee.procedure.speeches import SpeechStage, declare_yield, interrupt, start_speech
from committee.procedure.timers import remaining, seconds
from committee.procedure.transition import Transition, TurnKind
from tests.procedure.helpers import T0, at, params

FRANCE, CHINA, BRAZIL, KENYA = "1", "2", "3", "4"
NATIONAL = RorGround.NATIONAL_INTEGRITY
RULES = params("cn_common")


def refused(code: ErrorCode, command: Callable[[], object]) -> None:
    with pytest.raises(ProcedureError) as error:
        command()
    assert error.value.code == code


def in_debate(phase: Phase = Phase.GSL) -> FloorDoc:
    """A sitting in `phase`: France, China and Brazil present, Kenya absent."""
    attendance = {key: Mark(RollStatus.PRESENT, T0) for key in (FRANCE, CHINA, BRAZIL)}
    attendance[KENYA] = Mark()
    return FloorDoc(phase=phase, session_number=1, attendance=attendance)


def speaking(floor: FloorDoc, speaker: str, rules: Parameters = RULES) -> FloorDoc:
    """`speaker` has just started a speakers'-list speech (90 s under cn_common)."""
    return replace(floor, speech=start_speech(rules, speaker, T0))


def moderated_caucus(speaker: str | None = None) -> Caucus:
    motion = Motion("m", MotionCode.MODERATED_CAUCUS, FRANCE, 1, 600, 60, "mandates")
    caucus = start_caucus(RULES, motion, T0, mover_choice=MoverChoice.FIRST)
    if speaker is None:
        return caucus
    return recognise(RULES, caucus, speaker, T0, {FRANCE, CHINA, BRAZIL})


def point(
    floor: FloorDoc,
    delegation: str,
    kind: PointKind,
    seconds_in: float = 0,
    rules: Parameters = RULES,
    **options: bool,
) -> Transition:
    return raise_point(floor, rules, delegation, kind, at(seconds_in), **options)


def only_point(transition: Transition) -> PendingPoint:
    (pending,) = transition.floor.points
    return pending


def asked(floor: FloorDoc, delegation: str, against: str, rules: Parameters = RULES) -> FloorDoc:
    return ask_for_reply(floor, rules, delegation, against, NATIONAL, T0).floor


def reply_of(floor: FloorDoc, delegation: str) -> PendingReply:
    pending = find_reply(floor, delegation)
    assert pending is not None
    return pending


def granted(floor: FloorDoc, delegation: str, now_seconds: float = 0) -> Transition:
    return decide_on_reply(floor, RULES, reply_of(floor, delegation), True, at(now_seconds))


# ---- which points are in order, and what they do to the speaker --------------------------------


@pytest.mark.parametrize(
    "kind",
    [
        PointKind.PERSONAL_PRIVILEGE,
        PointKind.ORDER,
        PointKind.PARLIAMENTARY_INQUIRY,
        PointKind.INFORMATION_TO_CHAIR,
    ],
)
def test_every_floor_point_is_heard_at_once_when_nobody_speaks(kind: PointKind) -> None:
    raised = point(in_debate(), FRANCE, kind, text="Now?")
    pending = only_point(raised)
    assert pending.admission is Admission.NOW
    assert raised.floor.next_point_number == 2
    assert raised.facts == PointFacts(1, 1, kind, Admission.NOW, text="Now?")


@pytest.mark.parametrize(
    "kind",
    [PointKind.PERSONAL_PRIVILEGE, PointKind.PARLIAMENTARY_INQUIRY, PointKind.INFORMATION_TO_CHAIR],
)
def test_un_ga_has_only_the_point_of_order(kind: PointKind) -> None:
    un_ga = params("un_ga")
    refused(ErrorCode.POINT_DISABLED, lambda: point(in_debate(), FRANCE, kind, rules=un_ga))
    raised = point(in_debate(), FRANCE, PointKind.ORDER, rules=un_ga)
    assert only_point(raised).admission is Admission.NOW


def test_un_ga_point_of_order_interrupts_the_speaker() -> None:
    un_ga = params("un_ga")
    raised = point(speaking(in_debate(), FRANCE, un_ga), CHINA, PointKind.ORDER, 5, rules=un_ga)
    assert only_point(raised).admission is Admission.INTERRUPT
    assert raised.facts.interrupted
    assert raised.floor.speech is not None and not raised.floor.speech.timer.running


def test_information_to_the_speaker_only_while_the_speaker_takes_questions() -> None:
    floor = speaking(in_debate(), FRANCE)
    refused(
        ErrorCode.POINT_NOT_IN_ORDER,
        lambda: point(floor, CHINA, PointKind.INFORMATION_TO_SPEAKER),
    )
    assert floor.speech is not None
    questions = declare_yield(RULES, floor.speech, YieldKind.QUESTIONS, at(10))
    floor = replace(floor, speech=questions)
    assert point_context(floor).questions_open
    raised = point(floor, CHINA, PointKind.INFORMATION_TO_SPEAKER, 11)
    assert only_point(raised).admission is Admission.NOW


@pytest.mark.parametrize("kind", [PointKind.INFORMATION_TO_CHAIR, PointKind.INFORMATION_TO_SPEAKER])
def test_during_voting_procedure_information_points_are_out_of_order(kind: PointKind) -> None:
    voting = in_debate(Phase.VOTING_PROCEDURE)
    refused(ErrorCode.POINT_NOT_IN_ORDER, lambda: point(voting, CHINA, kind))


def test_during_voting_procedure_a_point_of_order_is_about_the_conduct_of_the_vote() -> None:
    voting = in_debate(Phase.VOTING_PROCEDURE)
    with pytest.raises(ProcedureError) as error:
        point(voting, CHINA, PointKind.ORDER)
    assert error.value.facts["reason"] == "conduct_of_vote_only"
    raised = point(voting, CHINA, PointKind.ORDER, about_conduct_of_vote=True)
    assert only_point(raised).point.about_conduct_of_vote


@pytest.mark.parametrize("kind", [PointKind.PERSONAL_PRIVILEGE, PointKind.PARLIAMENTARY_INQUIRY])
def test_during_voting_procedure_privilege_and_inquiry_are_in_order(kind: PointKind) -> None:
    raised = point(in_debate(Phase.VOTING_PROCEDURE), BRAZIL, kind)
    assert only_point(raised).admission is Admission.NOW


def test_the_options_of_a_point_apply_only_to_their_own_kind() -> None:
    inquiry = point(
        in_debate(),
        FRANCE,
        PointKind.PARLIAMENTARY_INQUIRY,
        audibility=True,
        about_conduct_of_vote=True,
    )
    raised = only_point(inquiry).point
    assert not raised.audibility and not raised.about_conduct_of_vote


def test_only_a_present_delegation_raises_a_point_and_only_in_a_sitting() -> None:
    refused(ErrorCode.RAISER_NOT_PRESENT, lambda: point(in_debate(), KENYA, PointKind.ORDER))
    at_the_door = replace(
        in_debate(),
        attendance={**in_debate().attendance, KENYA: Mark(RollStatus.PRESENT, T0, True)},
    )
    refused(ErrorCode.RAISER_NOT_PRESENT, lambda: point(at_the_door, KENYA, PointKind.ORDER))
    adjourned = replace(in_debate(), phase=Phase.ADJOURNED)
    refused(ErrorCode.NO_OPEN_SESSION, lambda: point(adjourned, FRANCE, PointKind.ORDER))
    assert who_may_raise(in_debate()) == {FRANCE, CHINA, BRAZIL}
    assert KENYA not in who_may_raise(at_the_door)
    assert who_may_raise(adjourned) == frozenset()


def test_a_delegation_has_one_point_pending_at_a_time() -> None:
    floor = point(in_debate(), FRANCE, PointKind.ORDER).floor
    refused(
        ErrorCode.POINT_ALREADY_PENDING,
        lambda: point(floor, FRANCE, PointKind.PARLIAMENTARY_INQUIRY),
    )
    assert len(point(floor, CHINA, PointKind.PARLIAMENTARY_INQUIRY).floor.points) == 2


def test_audibility_stops_the_speakers_clock_and_keeps_the_time_left() -> None:
    raised = point(
        speaking(in_debate(), FRANCE), CHINA, PointKind.PERSONAL_PRIVILEGE, 20, audibility=True
    )
    assert only_point(raised).admission is Admission.INTERRUPT
    speech = raised.floor.speech
    assert speech is not None and remaining(speech.timer, at(65)) == seconds(70)
    assert raised.floor.point_hold is not None and raised.floor.point_hold.speech
    assert speaker_waits_to_resume(raised.floor)


def test_other_points_wait_for_the_speaker_whose_clock_runs_on() -> None:
    raised = point(speaking(in_debate(), FRANCE), CHINA, PointKind.PERSONAL_PRIVILEGE, 5)
    assert only_point(raised).admission is Admission.QUEUED
    assert raised.floor.speech is not None and raised.floor.speech.timer.running
    assert raised.floor.point_hold is None


def test_an_interrupting_point_stops_a_moderated_caucus_speaker() -> None:
    floor = replace(in_debate(Phase.MOD_CAUCUS), caucus=moderated_caucus(FRANCE))
    raised = point(floor, CHINA, PointKind.PERSONAL_PRIVILEGE, 15, audibility=True)
    caucus = raised.floor.caucus
    assert caucus is not None and caucus.slot is not None
    assert not caucus.total.running and not caucus.slot.running
    assert remaining(caucus.slot, at(100)) == seconds(45)
    assert raised.floor.point_hold is not None and raised.floor.point_hold.caucus

    resumed = resume_speaker(raised.floor, at(30))
    assert resumed.facts == SpeakerResumed(1)
    assert resumed.floor.caucus is not None and resumed.floor.caucus.total.running
    assert resumed.floor.point_hold is None


def test_a_caucus_without_a_speaker_hears_the_point_at_once() -> None:
    floor = replace(in_debate(Phase.MOD_CAUCUS), caucus=moderated_caucus())
    raised = point(floor, CHINA, PointKind.PERSONAL_PRIVILEGE, 15, audibility=True)
    assert only_point(raised).admission is Admission.NOW
    assert raised.floor.caucus is not None and raised.floor.caucus.total.running


def test_a_clock_the_chair_paused_is_not_restarted_after_the_point() -> None:
    floor = speaking(in_debate(), FRANCE)
    assert floor.speech is not None
    floor = replace(floor, speech=interrupt(floor.speech, at(10)))
    raised = point(floor, CHINA, PointKind.PERSONAL_PRIVILEGE, 12, audibility=True)
    assert raised.floor.point_hold is not None and not raised.floor.point_hold.speech
    assert not speaker_waits_to_resume(raised.floor)
    resumed = resume_speaker(raised.floor, at(20))
    assert resumed.floor.speech is not None and not resumed.floor.speech.timer.running
    assert resumed.facts == SpeakerResumed(None)


def test_under_questions_resuming_leaves_the_clock_to_the_speech() -> None:
    floor = speaking(in_debate(), FRANCE)
    held = point(floor, CHINA, PointKind.PERSONAL_PRIVILEGE, 10, audibility=True).floor
    assert held.speech is not None and held.point_hold is not None and held.point_hold.speech
    # The point is answered and the speaker, still stopped, yields to questions.
    held = replace(held, speech=declare_yield(RULES, held.speech, YieldKind.QUESTIONS, at(11)))
    resumed = resume_speaker(held, at(20))
    assert resumed.floor.speech is not None
    assert resumed.floor.speech.stage is SpeechStage.QUESTIONS
    assert not resumed.floor.speech.timer.running
    assert resumed.facts == SpeakerResumed(None)


def test_there_is_nothing_to_resume_without_a_point_that_stopped_a_clock() -> None:
    refused(
        ErrorCode.NO_SPEAKER_TO_RESUME, lambda: resume_speaker(speaking(in_debate(), FRANCE), T0)
    )


# ---- withdrawing and resolving ------------------------------------------------------------------


def test_a_delegation_withdraws_only_its_own_point_and_the_clock_stays_stopped() -> None:
    raised = point(
        speaking(in_debate(), FRANCE), CHINA, PointKind.PERSONAL_PRIVILEGE, 5, audibility=True
    )
    pending = only_point(raised)
    refused(ErrorCode.NOT_OWN_POINT, lambda: withdraw_point(raised.floor, pending, BRAZIL))
    withdrawn = withdraw_point(raised.floor, pending, CHINA)
    assert withdrawn.floor.points == ()
    assert withdrawn.facts == raised.facts
    assert speaker_waits_to_resume(withdrawn.floor)


def test_only_a_point_of_order_is_ruled_well_taken() -> None:
    raised = point(in_debate(), FRANCE, PointKind.PARLIAMENTARY_INQUIRY)
    pending = only_point(raised)
    for outcome in (PointOutcome.WELL_TAKEN, PointOutcome.NOT_WELL_TAKEN):
        refused(
            ErrorCode.NOT_A_POINT_OF_ORDER,
            lambda outcome=outcome: resolve_point(raised.floor, RULES, pending, outcome, T0),
        )
    answered = resolve_point(raised.floor, RULES, pending, PointOutcome.ANSWERED, T0)
    assert answered.floor.points == () and answered.floor.point_rulings == ()
    assert answered.facts == PointResolved(raised.facts, PointOutcome.ANSWERED)


def test_a_ruling_on_a_point_of_order_stays_for_its_raiser_until_the_next_point() -> None:
    raised = point(in_debate(), FRANCE, PointKind.ORDER, text="Wrong order")
    pending = only_point(raised)
    ruled = resolve_point(
        raised.floor, RULES, pending, PointOutcome.NOT_WELL_TAKEN, at(30), note="It was right"
    )
    assert ruled.facts == PointResolved(
        raised.facts,
        PointOutcome.NOT_WELL_TAKEN,
        "It was right",
        appealable=True,
    )
    ruling = ruling_on(ruled.floor, pending.point.seq)
    assert ruling is not None and ruling.note == "It was right"
    assert ruling.ruling.decision == "not_well_taken" and ruling.ruling.made_at == at(30)

    again = point(ruled.floor, FRANCE, PointKind.PARLIAMENTARY_INQUIRY).floor
    assert ruling_on(again, pending.point.seq) is None


def test_a_ruling_is_appealable_only_when_the_profile_allows_appeals() -> None:
    no_appeals = params("cn_common", appeal_enabled=False)
    raised = point(in_debate(), FRANCE, PointKind.ORDER, rules=no_appeals)
    ruled = resolve_point(
        raised.floor, no_appeals, only_point(raised), PointOutcome.OUT_OF_ORDER, T0
    )
    assert ruled.facts.appealable is False
    assert ruling_on(ruled.floor, 1) is not None


def test_resolving_an_interrupting_point_leaves_the_speaker_stopped() -> None:
    raised = point(
        speaking(in_debate(), FRANCE), CHINA, PointKind.PERSONAL_PRIVILEGE, 20, audibility=True
    )
    answered = resolve_point(raised.floor, RULES, only_point(raised), PointOutcome.ANSWERED, at(40))
    assert answered.floor.speech is not None and not answered.floor.speech.timer.running
    resumed = resume_speaker(answered.floor, at(45))
    assert resumed.facts == SpeakerResumed(1)
    assert resumed.floor.speech is not None
    assert remaining(resumed.floor.speech.timer, at(55)) == seconds(60)
    assert find_point(resumed.floor, 1) is None


# ---- rights of reply ----------------------------------------------------------------------------


def test_a_present_delegation_asks_once_for_a_reply() -> None:
    transition = ask_for_reply(in_debate(), RULES, CHINA, FRANCE, NATIONAL, T0)
    assert transition.facts == ReplyFacts(2, 1, NATIONAL, RULES.ror_seconds)
    refused(
        ErrorCode.REPLY_ALREADY_REQUESTED,
        lambda: ask_for_reply(transition.floor, RULES, CHINA, BRAZIL, NATIONAL, T0),
    )
    refused(
        ErrorCode.RAISER_NOT_PRESENT,
        lambda: ask_for_reply(in_debate(), RULES, KENYA, FRANCE, NATIONAL, T0),
    )
    withdrawn = withdraw_reply(transition.floor, reply_of(transition.floor, CHINA))
    assert withdrawn.floor.replies == () and withdrawn.facts == transition.facts


def test_a_policy_disagreement_does_not_qualify() -> None:
    refused(
        ErrorCode.RIGHT_OF_REPLY_OUT_OF_SCOPE,
        lambda: ask_for_reply(in_debate(), RULES, CHINA, FRANCE, RorGround.POLICY_DISAGREEMENT, T0),
    )


def test_a_granted_reply_speaks_at_once_when_nobody_speaks() -> None:
    rules = params("cn_common", ror_seconds=45)
    floor = asked(in_debate(), CHINA, FRANCE, rules)
    transition = decide_on_reply(floor, rules, reply_of(floor, CHINA), True, at(5))
    assert transition.facts == ReplyGranted(2, 1, NATIONAL, 45, floor_given=True)
    speech = transition.floor.speech
    assert speech is not None and speech.speaker == CHINA and not speech.gsl
    assert remaining(speech.timer, at(5)) == seconds(45)
    assert transition.floor.replies == ()
    assert reply_on_floor(transition.floor) == CHINA


def test_a_refused_reply_is_dropped() -> None:
    floor = asked(in_debate(), CHINA, FRANCE)
    refused_reply = decide_on_reply(floor, RULES, reply_of(floor, CHINA), False, T0)
    assert refused_reply.floor.replies == () and refused_reply.floor.speech is None
    assert refused_reply.facts == ReplyFacts(2, 1, NATIONAL, RULES.ror_seconds)


def test_a_reply_granted_while_someone_speaks_waits_for_the_floor() -> None:
    floor = speaking(asked(in_debate(), CHINA, FRANCE), BRAZIL)
    transition = granted(floor, CHINA)
    assert transition.facts.floor_given is False
    assert reply_of(transition.floor, CHINA).granted is True
    refused(
        ErrorCode.REPLY_ALREADY_DECIDED,
        lambda: decide_on_reply(
            transition.floor, RULES, reply_of(transition.floor, CHINA), False, T0
        ),
    )
    refused(
        ErrorCode.REPLY_WAITS_FOR_FLOOR,
        lambda: give_reply_the_floor(
            transition.floor, RULES, reply_of(transition.floor, CHINA), T0
        ),
    )
    assert transition.floor.speech is not None
    finished = replace(
        transition.floor, speech=replace(transition.floor.speech, stage=SpeechStage.ENDED)
    )
    given = give_reply_the_floor(finished, RULES, reply_of(finished, CHINA), at(90))
    assert given.facts == ReplyFacts(2, 1, NATIONAL, RULES.ror_seconds)
    assert reply_on_floor(given.floor) == CHINA and given.floor.replies == ()


def test_a_reply_gets_the_floor_only_once_granted() -> None:
    floor = asked(in_debate(), CHINA, FRANCE)
    refused(
        ErrorCode.REPLY_NOT_GRANTED,
        lambda: give_reply_the_floor(floor, RULES, reply_of(floor, CHINA), T0),
    )


def test_un_ga_takes_granted_replies_at_the_end_of_the_day() -> None:
    un_ga = params("un_ga")
    floor = asked(in_debate(), CHINA, FRANCE, un_ga)
    transition = decide_on_reply(floor, un_ga, reply_of(floor, CHINA), True, T0)
    assert transition.floor.speech is None
    assert reply_of(transition.floor, CHINA).granted is True


def test_a_reply_during_a_caucus_stops_the_caucus_until_it_ends() -> None:
    floor = replace(asked(in_debate(Phase.MOD_CAUCUS), CHINA, FRANCE), caucus=moderated_caucus())
    given = granted(floor, CHINA, 100)
    assert given.floor.caucus is not None and given.floor.caucus.held
    ended = end_reply(given.floor, at(130))
    caucus = ended.floor.caucus
    assert caucus is not None and caucus.total.running and not caucus.held
    assert remaining(caucus.total, at(130)) == seconds(500)


def test_ending_a_reply_records_its_turn_without_the_pause_for_a_point() -> None:
    floor = granted(asked(in_debate(), CHINA, FRANCE), CHINA, 5).floor
    floor = point(floor, BRAZIL, PointKind.PERSONAL_PRIVILEGE, 15, audibility=True).floor
    floor = resume_speaker(floor, at(30)).floor
    ended = end_reply(floor, at(38))
    (turn,) = ended.ended_turns
    assert (turn.delegation, turn.kind) == (CHINA, TurnKind.REPLY)
    assert (turn.started_at, turn.ended_at) == (at(5), at(38))
    assert turn.used == timedelta(seconds=18)
    assert ended.facts == ReplyEnded(2, 18)
    assert ended.floor.speech is not None and ended.floor.speech.stage is SpeechStage.ENDED
    assert reply_on_floor(ended.floor) is None


def test_only_a_reply_under_way_can_be_ended() -> None:
    refused(ErrorCode.NO_REPLY_ON_FLOOR, lambda: end_reply(in_debate(), T0))
    refused(ErrorCode.NO_REPLY_ON_FLOOR, lambda: end_reply(speaking(in_debate(), FRANCE), T0))
    floor = granted(asked(in_debate(), CHINA, FRANCE), CHINA).floor
    ended = end_reply(floor, at(10)).floor
    refused(ErrorCode.NO_REPLY_ON_FLOOR, lambda: end_reply(ended, at(11)))


def test_there_is_no_reply_to_a_reply_even_once_it_has_ended() -> None:
    floor = granted(asked(in_debate(), CHINA, FRANCE), CHINA).floor
    reply_to_reply = lambda f: ask_for_reply(f, RULES, FRANCE, CHINA, NATIONAL, T0)  # noqa: E731
    refused(ErrorCode.REPLY_TO_REPLY, lambda: reply_to_reply(floor))
    ended = end_reply(floor, at(10)).floor
    refused(ErrorCode.REPLY_TO_REPLY, lambda: reply_to_reply(ended))
    allowed = params("cn_common", ror_reply_to_reply=True)
    assert ask_for_reply(ended, allowed, FRANCE, CHINA, NATIONAL, T0).floor.replies


def test_a_reply_to_an_ordinary_speech_by_the_same_delegation_is_allowed() -> None:
    floor = end_reply(granted(asked(in_debate(), CHINA, FRANCE), CHINA).floor, at(10)).floor
    floor = speaking(floor, CHINA)  # China now speaks from the speakers' list
    assert len(asked(floor, FRANCE, CHINA).replies) == 1
