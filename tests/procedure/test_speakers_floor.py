"""The general speakers' list, its speeches and yields as pure floor transitions: the next
floor, the log's facts and the turns at the microphone that ended (no database)."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest

from committee.procedure import speakers_floor as gsl
from committee.procedure.attendance import Attendee, DelegationKind, RollStatus
from committee.procedure.choices import MotionCode, YieldKind
from committee.procedure.errors import ErrorCode, ProcedureError
from committee.procedure.facts.speakers import (
    AnswerFinished,
    CommentStarted,
    DebateClosed,
    ListClosedSet,
    ListExhausted,
    QuestionAsked,
    SelfServiceSet,
    SpeakerAdded,
    SpeakerCalled,
    SpeakerMoved,
    SpeakerRemoved,
    SpeechEnded,
    YieldAnswered,
    YieldDeclared,
)
from committee.procedure.floor import FloorDoc, Mark, PendingPoint
from committee.procedure.motions import EndedCaucus
from committee.procedure.phases import Phase
from committee.procedure.points import Point, PointKind
from committee.procedure.speakers import SpeakersList
from committee.procedure.speeches import SpeechStage, interrupt, resume, start_speech
from committee.procedure.transition import Transition, Turn, TurnKind
from tests.procedure.helpers import T0, at, params

RULES = params("cn_common")
PROMPT_CHAIR = params("cn_common", gsl_exhaustion_action="prompt_chair")
PRESENT = ("1", "2", "3", "4")
ABSENT = "5"


def refused(code: ErrorCode, command, *args, **kwargs) -> ProcedureError:
    with pytest.raises(ProcedureError) as error:
        command(*args, **kwargs)
    assert error.value.code == code
    return error.value


def in_gsl(*entries: str, **changes: object) -> FloorDoc:
    """Session 1 in formal debate: 1–4 present, 5 absent, `entries` on the list."""
    attendance = {key: Mark(RollStatus.PRESENT, T0) for key in PRESENT}
    attendance[ABSENT] = Mark()
    floor = FloorDoc(
        phase=Phase.GSL,
        session_number=1,
        attendance=attendance,
        gsl=SpeakersList(entries=entries),
    )
    return replace(floor, **changes)


def attendees(floor: FloorDoc) -> list[Attendee]:
    return [
        Attendee(key, DelegationKind.MEMBER, mark.status, mark.since)
        for key, mark in floor.attendance.items()
    ]


def call_next(floor: FloorDoc, seconds: float = 0, rules=RULES) -> Transition:
    return gsl.call_next_speaker(floor, rules, attendees(floor), at(seconds))


def speaking(*entries: str, rules=RULES) -> FloorDoc:
    """1 has the floor since T0 (90 s); `entries` wait."""
    return call_next(in_gsl("1", *entries), rules=rules).floor


def yield_to(floor: FloorDoc, kind: YieldKind, seconds: float, target: str | None = None):
    return gsl.declare_yield(floor, RULES, attendees(floor), kind, at(seconds), target=target)


def turn(
    delegation: str,
    start: float,
    end: float,
    used: float,
    kind: TurnKind = TurnKind.GSL,
    **yielded: object,
) -> Turn:
    return Turn(delegation, kind, at(start), at(end), timedelta(seconds=used), **yielded)


# ---- the list ----------------------------------------------------------------------------------


def test_the_dais_adds_a_present_delegation_at_the_end() -> None:
    added = gsl.add_speaker(in_gsl("1"), RULES, "2")
    assert added.floor.gsl.entries == ("1", "2")
    assert added.facts == SpeakerAdded(2, position=2)
    assert added.ended_turns == ()


def test_names_are_taken_in_any_phase_of_a_sitting_but_voting_procedure() -> None:
    assert gsl.add_speaker(in_gsl(phase=Phase.MOD_CAUCUS), RULES, "1").floor.gsl.entries == ("1",)
    refused(
        ErrorCode.DEBATE_CLOSED, gsl.add_speaker, in_gsl(phase=Phase.VOTING_PROCEDURE), RULES, "1"
    )
    refused(ErrorCode.NO_OPEN_SESSION, gsl.add_speaker, FloorDoc(), RULES, "1")
    assert gsl.debate_open(in_gsl()) and not gsl.debate_open(in_gsl(phase=Phase.VOTING_PROCEDURE))


def test_a_phone_adds_only_itself_and_only_while_the_dais_takes_names_from_phones() -> None:
    refused(ErrorCode.SELF_SERVICE_OFF, gsl.add_speaker, in_gsl(), RULES, "2", requested_by="2")
    self_service = in_gsl(gsl_self_service=True)
    refused(
        ErrorCode.ACTS_ONLY_FOR_ITSELF, gsl.add_speaker, self_service, RULES, "3", requested_by="2"
    )
    joined = gsl.add_speaker(self_service, RULES, "2", requested_by="2")
    assert joined.floor.gsl.entries == ("2",)


def test_the_list_rules_refuse_with_the_delegation_s_id() -> None:
    error = refused(ErrorCode.NOT_PRESENT, gsl.add_speaker, in_gsl(), RULES, ABSENT)
    assert error.facts["delegation"] == ABSENT
    refused(ErrorCode.ALREADY_ON_LIST, gsl.add_speaker, in_gsl("2"), RULES, "2")


def test_a_phone_withdraws_only_its_own_entry() -> None:
    floor = in_gsl("1", "2")
    refused(ErrorCode.ACTS_ONLY_FOR_ITSELF, gsl.remove_speaker, floor, "1", requested_by="2")
    withdrawn = gsl.remove_speaker(floor, "2", requested_by="2")
    assert withdrawn.floor.gsl.entries == ("1",)
    assert withdrawn.facts == SpeakerRemoved(2)
    refused(ErrorCode.NOT_ON_LIST, gsl.remove_speaker, withdrawn.floor, "2")


def test_an_entry_moves_and_the_log_names_it() -> None:
    floor = in_gsl("1", "2", "3")
    assert gsl.entry_at(floor, 3) == "3"
    assert gsl.entry_at(floor, 4) is None and gsl.entry_at(floor, 0) is None
    moved = gsl.move_speaker(floor, RULES, 3, 1)
    assert moved.floor.gsl.entries == ("3", "1", "2")
    assert moved.facts == SpeakerMoved(3, 3, 1)
    refused(ErrorCode.NO_SUCH_PLACE, gsl.move_speaker, floor, RULES, 2, 5)


def test_self_service_and_closing_the_list_are_switches_of_the_sitting() -> None:
    on = gsl.set_self_service(in_gsl(), True)
    assert on.floor.gsl_self_service and on.facts == SelfServiceSet(True)
    closed = gsl.set_list_closed(in_gsl(), RULES, True)
    assert closed.floor.gsl.closed and closed.facts == ListClosedSet(True)
    refused(ErrorCode.SPEAKERS_LIST_CLOSED, gsl.add_speaker, closed.floor, RULES, "1")
    no_closing = params("cn_common", allow_close_speakers_list=False)
    refused(ErrorCode.MOTION_DISABLED, gsl.set_list_closed, in_gsl(), no_closing, True)
    refused(ErrorCode.NO_OPEN_SESSION, gsl.set_self_service, FloorDoc(), True)


# ---- calling speakers ---------------------------------------------------------------------------


def test_the_next_speaker_gets_the_speaking_time_in_force() -> None:
    ended_caucus = EndedCaucus(MotionCode.MODERATED_CAUCUS, total_seconds=600)
    called = call_next(in_gsl("1", "2", last_ended_caucus=ended_caucus))
    assert called.facts == SpeakerCalled(1, seconds=90)
    assert called.floor.gsl.current == "1"
    assert called.floor.speech.holder == "1"
    assert called.floor.speech.timer.deadline == at(90)
    assert called.floor.last_ended_caucus is None  # debate has moved on
    assert called.ended_turns == ()
    by_motion = call_next(in_gsl("1", speaking_time=60))
    assert by_motion.facts == SpeakerCalled(1, seconds=60)
    assert gsl.speaking_time(in_gsl(speaking_time=60), RULES) == 60


def test_calling_the_next_speaker_ends_the_current_speech_and_reports_its_turn() -> None:
    floor = speaking("2", "3")
    paused = replace(floor, speech=interrupt(floor.speech, at(10)))  # a point: 20 s stopped
    floor = replace(paused, speech=resume(paused.speech, at(30)))
    called = call_next(floor, 61)
    assert called.facts == SpeakerCalled(2, seconds=90, finished=1)
    assert called.floor.gsl.spoken == ("1",)
    assert called.ended_turns == (turn("1", 0, 61, 41),)


def test_speakers_are_called_only_in_formal_debate_on_the_list() -> None:
    caucus = in_gsl("1", phase=Phase.MOD_CAUCUS)
    error = refused(ErrorCode.NOT_IN_GSL, call_next, caucus)
    assert error.facts["phase"] == "mod_caucus"
    refused(ErrorCode.NO_OPEN_SESSION, call_next, FloorDoc())
    refused(ErrorCode.SPEAKERS_LIST_EMPTY, call_next, in_gsl())


def test_a_right_of_reply_on_the_floor_is_not_ended_by_the_next_speaker() -> None:
    reply = start_speech(RULES, "3", T0, duration=60, gsl=False)
    floor = in_gsl("1", speech=reply, reply_speech_by="3")
    refused(ErrorCode.NOT_A_LIST_SPEECH, call_next, floor)


def test_after_the_last_speaker_debate_closes_and_voting_procedure_begins() -> None:
    floor = speaking()
    called = call_next(floor, 45)
    assert called.facts == SpeakerCalled(
        None, finished=1, exhausted=ListExhausted(admitted=len(PRESENT))
    )
    assert called.floor.phase is Phase.VOTING_PROCEDURE
    assert called.floor.speech is None and called.floor.gsl.current is None
    assert called.ended_turns == (turn("1", 0, 45, 45),)


def test_with_prompt_chair_the_exhausted_list_waits_for_the_chair() -> None:
    floor = speaking(rules=PROMPT_CHAIR)
    ended = gsl.end_speech(floor, PROMPT_CHAIR, attendees(floor), at(50))
    assert ended.facts == SpeechEnded(1, exhausted=ListExhausted())
    assert ended.floor.phase is Phase.GSL
    assert gsl.may_close_debate(ended.floor, PROMPT_CHAIR)
    closed = gsl.close_debate(ended.floor, PROMPT_CHAIR, attendees(floor), at(60))
    assert closed.facts == DebateClosed(admitted=len(PRESENT))
    assert closed.floor.phase is Phase.VOTING_PROCEDURE
    assert not gsl.may_close_debate(closed.floor, PROMPT_CHAIR)


def test_debate_closes_by_the_chair_only_on_an_exhausted_list() -> None:
    floor = speaking("2", rules=PROMPT_CHAIR)
    assert not gsl.may_close_debate(floor, PROMPT_CHAIR)
    refused(ErrorCode.LIST_NOT_EXHAUSTED, gsl.close_debate, floor, PROMPT_CHAIR, (), at(5))
    refused(ErrorCode.NOT_IN_GSL, gsl.close_debate, in_gsl(phase=Phase.ROLL_CALL), RULES, (), T0)


def test_closing_debate_cuts_a_right_of_reply_short_and_reports_its_turn() -> None:
    floor = speaking(rules=PROMPT_CHAIR)
    floor = gsl.end_speech(floor, PROMPT_CHAIR, attendees(floor), at(50)).floor
    reply = start_speech(PROMPT_CHAIR, "3", at(60), duration=60, gsl=False)
    floor = replace(floor, speech=reply, reply_speech_by="3")
    closed = gsl.close_debate(floor, PROMPT_CHAIR, attendees(floor), at(80))
    assert closed.ended_turns == (turn("3", 60, 80, 20, TurnKind.REPLY),)
    assert closed.floor.speech is None


# ---- ending a speech ----------------------------------------------------------------------------


def test_the_chair_ends_the_speech_on_its_clock_without_the_time_over() -> None:
    floor = speaking("2")
    ended = gsl.end_speech(floor, RULES, attendees(floor), at(200))
    assert ended.facts == SpeechEnded(1)
    assert ended.floor.speech.stage is SpeechStage.ENDED
    assert ended.floor.gsl.current is None and ended.floor.gsl.spoken == ("1",)
    assert ended.ended_turns == (turn("1", 0, 200, 90),)
    refused(ErrorCode.NO_LIST_SPEECH, gsl.end_speech, ended.floor, RULES, (), at(201))
    refused(ErrorCode.NO_LIST_SPEECH, gsl.end_speech, in_gsl(), RULES, (), T0)


# ---- yields -----------------------------------------------------------------------------------


def test_a_yield_to_the_chair_ends_the_turn_with_the_yield() -> None:
    yielded = yield_to(speaking("2"), YieldKind.CHAIR, 30)
    assert yielded.facts == YieldDeclared(1, YieldKind.CHAIR)
    assert yielded.floor.speech.stage is SpeechStage.ENDED
    assert yielded.ended_turns == (turn("1", 0, 30, 30, yielded_to=YieldKind.CHAIR),)


def test_a_yield_to_a_delegate_ends_the_speakers_turn_and_waits_for_the_answer() -> None:
    yielded = yield_to(speaking("2"), YieldKind.DELEGATE, 30, target="3")
    assert yielded.facts == YieldDeclared(1, YieldKind.DELEGATE, target=3)
    assert yielded.floor.speech.stage is SpeechStage.AWAITING_ACCEPTANCE
    assert yielded.ended_turns == (
        turn("1", 0, 30, 30, yielded_to=YieldKind.DELEGATE, yielded_to_delegation="3"),
    )
    floor = yielded.floor
    refused(
        ErrorCode.NOT_YIELDED_TO, gsl.answer_yield, floor, RULES, (), True, at(40), requested_by="2"
    )
    accepted = gsl.answer_yield(floor, RULES, attendees(floor), True, at(40), requested_by="3")
    assert accepted.facts == YieldAnswered(3, 1, True)
    assert accepted.ended_turns == ()  # the delegate's own turn starts now
    back = yield_to(accepted.floor, YieldKind.CHAIR, 65)
    assert back.ended_turns == (
        turn("3", 40, 65, 25, TurnKind.YIELDED, yielded_to=YieldKind.CHAIR),
    )


def test_a_yield_to_an_absent_delegate_reverts_to_the_chair_at_once() -> None:
    yielded = yield_to(speaking("2"), YieldKind.DELEGATE, 12, target=ABSENT)
    assert yielded.facts == YieldDeclared(1, YieldKind.DELEGATE, target=5, reverted=True)
    assert yielded.floor.speech.stage is SpeechStage.ENDED
    assert yielded.floor.gsl.spoken == ("1",)
    assert yielded.ended_turns[0].yielded_to_delegation == ABSENT


def test_a_declined_yield_that_ends_the_last_speech_closes_debate() -> None:
    floor = yield_to(speaking(), YieldKind.DELEGATE, 10, target="3").floor
    declined = gsl.answer_yield(floor, RULES, attendees(floor), False, at(20))
    assert declined.facts == YieldAnswered(
        3, 1, False, exhausted=ListExhausted(admitted=len(PRESENT))
    )
    assert declined.floor.phase is Phase.VOTING_PROCEDURE
    assert declined.ended_turns == ()  # the speaker's turn ended with the yield


def test_an_answer_needs_a_yield_waiting_for_it() -> None:
    refused(ErrorCode.NO_PENDING_YIELD, gsl.answer_yield, speaking(), RULES, (), True, T0)
    refused(ErrorCode.NO_OPEN_SESSION, gsl.answer_yield, FloorDoc(), RULES, (), True, T0)


def test_the_yields_open_are_the_ones_the_engine_accepts() -> None:
    floor = speaking("2")
    assert gsl.open_yields(floor, RULES, at(10)) == frozenset(YieldKind)
    alone = replace(floor, attendance={"1": Mark(RollStatus.PRESENT, T0)})
    assert YieldKind.DELEGATE not in gsl.open_yields(alone, RULES, at(10))
    questions = yield_to(floor, YieldKind.QUESTIONS, 10).floor
    assert gsl.open_yields(questions, RULES, at(11)) == frozenset()
    accepted = gsl.answer_yield(
        yield_to(floor, YieldKind.DELEGATE, 10, target="3").floor, RULES, (), True, at(11)
    ).floor
    assert gsl.open_yields(accepted, RULES, at(12)) == {YieldKind.CHAIR}  # the chain's end
    assert gsl.open_yields(in_gsl(), RULES, T0) == frozenset()


# ---- questions and comments ------------------------------------------------------------------


def test_a_question_settles_the_questioner_s_point_of_information_to_the_speaker() -> None:
    own = PendingPoint(Point(PointKind.INFORMATION_TO_SPEAKER, "2", seq=4), T0)
    other = PendingPoint(Point(PointKind.INFORMATION_TO_SPEAKER, "3", seq=5), T0)
    floor = replace(yield_to(speaking("4"), YieldKind.QUESTIONS, 30).floor, points=(own, other))
    asked = gsl.ask_question(floor, RULES, "2", at(40))
    assert asked.facts == QuestionAsked(2, 1, 1, points_settled=(4,))
    assert asked.floor.points == (other,)
    assert asked.floor.gsl_recognised == "2"


def test_the_holder_and_absent_delegations_are_not_recognised() -> None:
    floor = yield_to(speaking("2"), YieldKind.QUESTIONS, 30).floor
    refused(ErrorCode.HOLDER_NOT_RECOGNISABLE, gsl.ask_question, floor, RULES, "1", at(31))
    error = refused(ErrorCode.NOT_PRESENT, gsl.ask_question, floor, RULES, ABSENT, at(31))
    assert error.facts["delegation"] == ABSENT
    refused(ErrorCode.WRONG_YIELD_STAGE, gsl.ask_question, speaking("2"), RULES, "3", at(31))


def test_a_follow_up_comes_from_the_questioner_recognised_last() -> None:
    rules = params("cn_common", allow_follow_up=True)
    floor = yield_to(speaking("2"), YieldKind.QUESTIONS, 30).floor
    assert not gsl.may_ask_follow_up(floor, rules, at(31))
    asked = gsl.ask_question(floor, rules, "3", at(31)).floor
    assert gsl.may_ask_follow_up(asked, rules, at(32))
    assert not gsl.may_ask_follow_up(asked, RULES, at(32))  # not in this profile
    follow_up = gsl.ask_follow_up(asked, rules, at(32))
    assert follow_up.facts == QuestionAsked(3, 1, 1, follow_up=True)


def test_an_answer_that_uses_up_the_time_ends_the_speech_and_its_turn() -> None:
    floor = yield_to(speaking("2"), YieldKind.QUESTIONS, 80).floor
    floor = gsl.ask_question(floor, RULES, "3", at(85)).floor
    floor = gsl.start_answer(floor, at(100)).floor
    finished = gsl.finish_answer(floor, RULES, attendees(floor), at(130))
    assert finished.facts == AnswerFinished(1, speech_ended=True)
    assert finished.ended_turns == (turn("1", 0, 130, 90, yielded_to=YieldKind.QUESTIONS),)
    assert finished.floor.gsl.spoken == ("1",)


def test_an_answer_within_the_time_goes_back_to_recognising_questioners() -> None:
    floor = yield_to(speaking("2"), YieldKind.QUESTIONS, 30).floor
    floor = gsl.start_answer(gsl.ask_question(floor, RULES, "3", at(31)).floor, at(40)).floor
    finished = gsl.finish_answer(floor, RULES, attendees(floor), at(50))
    assert finished.facts == AnswerFinished(1)
    assert finished.ended_turns == ()


def test_comments_are_recognised_up_to_the_limit() -> None:
    floor = yield_to(speaking("2"), YieldKind.COMMENTS, 60).floor
    assert gsl.may_comment(floor, RULES, at(61))
    first = gsl.start_comment(floor, RULES, "2", at(61))
    assert first.facts == CommentStarted(2, 1, number=1, seconds=30)
    assert first.floor.gsl_recognised == "2"
    second = gsl.start_comment(first.floor, RULES, "3", at(91)).floor
    assert not gsl.may_comment(second, RULES, at(92))
    refused(ErrorCode.COMMENT_LIMIT_REACHED, gsl.start_comment, second, RULES, "4", at(92))
    refused(ErrorCode.HOLDER_NOT_RECOGNISABLE, gsl.start_comment, floor, RULES, "1", at(61))
    assert not gsl.may_comment(speaking(), RULES, T0)


# ---- queries for the screens -------------------------------------------------------------------


def test_who_may_be_added_is_what_the_engine_accepts() -> None:
    floor = in_gsl("2")
    assert gsl.may_add(floor, RULES, "1")
    assert not gsl.may_add(floor, RULES, "2")  # already on the list
    assert not gsl.may_add(floor, RULES, ABSENT)
    assert not gsl.may_add(floor, RULES, "1", by_itself=True)  # phones are not taken
    assert gsl.may_add(replace(floor, gsl_self_service=True), RULES, "1", by_itself=True)
    assert not gsl.may_add(in_gsl(phase=Phase.VOTING_PROCEDURE), RULES, "1")
