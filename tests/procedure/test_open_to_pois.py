"""A speaker open to points of information (procedure.md §2.2, §4, §7.2: THIMUN), as floor
transitions: the holder says it is open, delegations raise points of information, the chair
recognises one, the questioner asks, the speaker answers, one follow-up may be allowed, and
none of it takes the speaker's time."""

from __future__ import annotations

from datetime import timedelta

import pytest

from committee.procedure import speakers_floor as gsl
from committee.procedure.attendance import Attendee, DelegationKind, RollStatus
from committee.procedure.choices import PointKind, YieldKind
from committee.procedure.errors import ErrorCode, ProcedureError
from committee.procedure.facts.speakers import (
    PoisClosed,
    PoisOpened,
    QuestionAsked,
    SpeakerCalled,
    SpeechEnded,
    YieldDeclared,
)
from committee.procedure.floor import FloorDoc, Mark
from committee.procedure.parameters import Parameters
from committee.procedure.phases import Phase
from committee.procedure.points import Admission
from committee.procedure.points_floor import point_context, raise_point
from committee.procedure.profiles import PROFILE_NAMES, resolve_parameters
from committee.procedure.sitting import TimerCommand, control_speech_timer
from committee.procedure.speakers import SpeakersList
from committee.procedure.speeches import QuestionStep, SpeechStage
from committee.procedure.timers import remaining
from committee.procedure.transition import Transition, Turn, TurnKind
from tests.procedure.helpers import T0, at, params

THIMUN = params("thimun")
CN = params("cn_common")
SPEAKER, CHINA, BRAZIL, KENYA, ABSENT = "1", "2", "3", "4", "5"
POI = PointKind.INFORMATION_TO_SPEAKER


def refused(code: ErrorCode, command, *args, **kwargs) -> ProcedureError:
    with pytest.raises(ProcedureError) as error:
        command(*args, **kwargs)
    assert error.value.code == code
    return error.value


def attendees(floor: FloorDoc) -> list[Attendee]:
    return [
        Attendee(key, DelegationKind.MEMBER, mark.status, mark.since)
        for key, mark in floor.attendance.items()
    ]


def speaking(rules: Parameters = THIMUN, *waiting: str) -> FloorDoc:
    """The speaker has had the floor since T0 (90 s); 1–4 present, 5 absent; `waiting` are on
    the list after it."""
    attendance = {key: Mark(RollStatus.PRESENT, T0) for key in (SPEAKER, CHINA, BRAZIL, KENYA)}
    attendance[ABSENT] = Mark()
    floor = FloorDoc(
        phase=Phase.GSL,
        session_number=1,
        attendance=attendance,
        gsl=SpeakersList(entries=(SPEAKER, *waiting)),
    )
    return gsl.call_next_speaker(floor, rules, attendees(floor), T0).floor


def opened(seconds: float = 60, rules: Parameters = THIMUN, **kwargs: object) -> FloorDoc:
    return gsl.open_to_pois(speaking(rules, CHINA), rules, at(seconds), **kwargs).floor


def poi(floor: FloorDoc, delegation: str, seconds: float, rules: Parameters = THIMUN) -> Transition:
    return raise_point(floor, rules, delegation, POI, at(seconds))


def take_poi(floor: FloorDoc, questioner: str, seconds: float) -> FloorDoc:
    """The chair recognises `questioner`, who asks; the speaker answers, then finishes."""
    floor = gsl.ask_question(floor, THIMUN, questioner, at(seconds)).floor
    floor = gsl.start_answer(floor, at(seconds + 10)).floor
    return gsl.finish_answer(floor, THIMUN, attendees(floor), at(seconds + 40)).floor


def time_left(floor: FloorDoc, seconds: float) -> timedelta:
    assert floor.speech is not None
    return remaining(floor.speech.timer, at(seconds))


# ---- the parameter and the profiles -----------------------------------------------------------


@pytest.mark.parametrize("profile", PROFILE_NAMES)
def test_only_thimun_speakers_are_open_to_points_of_information(profile: str) -> None:
    rules = resolve_parameters(profile, {})
    assert rules.open_to_pois_enabled is (profile == "thimun")
    assert rules.max_pois is None
    floor = speaking(rules, CHINA)
    if profile == "thimun":
        assert gsl.may_open_to_pois(floor, rules, at(60))
    else:
        assert not gsl.may_open_to_pois(floor, rules, at(60))
        refused(ErrorCode.POIS_NOT_ENABLED, gsl.open_to_pois, floor, rules, at(60))


@pytest.mark.parametrize("profile", [name for name in PROFILE_NAMES if name != "thimun"])
def test_other_profiles_still_refuse_a_poi_outside_a_yield_to_questions(profile: str) -> None:
    rules = resolve_parameters(profile, {})
    if POI not in rules.points_enabled:
        refused(ErrorCode.POINT_DISABLED, poi, speaking(rules, CHINA), CHINA, 10, rules)
        return
    error = refused(ErrorCode.POINT_NOT_IN_ORDER, poi, speaking(rules, CHINA), CHINA, 10, rules)
    assert error.facts["reason"] == "no_yield_to_questions"


def test_the_parameters_are_checked() -> None:
    assert params("cn_common", open_to_pois_enabled=True, max_pois=3).max_pois == 3
    for bad in (0, 21, "two", True):
        refused(ErrorCode.INVALID_PARAMETER_VALUE, params, "thimun", max_pois=bad)
    refused(ErrorCode.INVALID_PARAMETER_VALUE, params, "cn_common", open_to_pois_enabled="yes")
    # Open to points of information needs the point of information to the speaker.
    error = refused(ErrorCode.INVALID_PARAMETER_VALUE, params, "un_ga", open_to_pois_enabled=True)
    assert error.facts["name"] == "open_to_pois_enabled"


def test_a_committee_may_turn_points_of_information_off_under_thimun() -> None:
    rules = params("thimun", open_to_pois_enabled=False)
    refused(ErrorCode.POIS_NOT_ENABLED, gsl.open_to_pois, speaking(rules), rules, at(60))
    error = refused(ErrorCode.POINT_NOT_IN_ORDER, poi, speaking(rules), CHINA, 10, rules)
    assert error.facts["reason"] == "no_yield_to_questions"


# ---- opening -----------------------------------------------------------------------------------


def test_opening_stops_the_speakers_clock_and_is_logged() -> None:
    transition = gsl.open_to_pois(speaking(THIMUN, CHINA), THIMUN, at(60), offered=2)
    assert transition.facts == PoisOpened(1, offered=2, limit=2)
    speech = transition.floor.speech
    assert speech is not None
    assert speech.stage is SpeechStage.OPEN_TO_POIS
    assert not speech.timer.running
    assert speech.poi_limit == 2
    assert time_left(transition.floor, 500) == timedelta(seconds=30)
    assert transition.ended_turns == ()


def test_points_of_information_take_none_of_the_speakers_time() -> None:
    floor = take_poi(opened(60), CHINA, 70)
    floor = gsl.ask_question(floor, THIMUN, BRAZIL, at(200)).floor
    assert time_left(floor, 230) == timedelta(seconds=30)
    floor = gsl.start_answer(floor, at(230)).floor
    assert floor.speech is not None and not floor.speech.timer.running
    floor = gsl.finish_answer(floor, THIMUN, attendees(floor), at(400)).floor
    assert floor.speech is not None and floor.speech.stage is SpeechStage.OPEN_TO_POIS
    # The turn's time is what it spoke before opening, however long the points took.
    ended = gsl.declare_yield(floor, THIMUN, attendees(floor), YieldKind.CHAIR, at(500))
    assert ended.ended_turns == (
        Turn(SPEAKER, TurnKind.GSL, T0, at(500), timedelta(seconds=60), YieldKind.CHAIR),
    )


def test_the_speakers_clock_cannot_be_restarted_while_it_takes_points() -> None:
    floor = opened(60)
    refused(ErrorCode.WRONG_YIELD_STAGE, control_speech_timer, floor, TimerCommand.START, at(70))


def test_the_speaker_opens_from_its_phone_and_only_for_itself() -> None:
    floor = speaking(THIMUN, CHINA)
    refused(ErrorCode.NOT_FLOOR_HOLDER, gsl.open_to_pois, floor, THIMUN, at(60), requested_by=CHINA)
    assert not gsl.may_open_to_pois(floor, THIMUN, at(60), requested_by=CHINA)
    mine = gsl.open_to_pois(floor, THIMUN, at(60), requested_by=SPEAKER)
    assert mine.floor.speech is not None
    assert mine.floor.speech.stage is SpeechStage.OPEN_TO_POIS
    refused(ErrorCode.NOT_FLOOR_HOLDER, gsl.close_pois, mine.floor, requested_by=CHINA)
    assert not gsl.may_close_pois(mine.floor, requested_by=CHINA)
    assert gsl.may_close_pois(mine.floor, requested_by=SPEAKER)


def test_what_the_speaker_may_offer() -> None:
    floor = speaking(THIMUN, CHINA)
    refused(ErrorCode.INVALID_POI_OFFER, gsl.open_to_pois, floor, THIMUN, at(60), offered=0)
    capped = params("thimun", max_pois=3)
    error = refused(
        ErrorCode.POI_OFFER_OVER_LIMIT, gsl.open_to_pois, floor, capped, at(60), offered=4
    )
    assert error.facts == {"value": 4, "limit": 3}
    any_number = gsl.open_to_pois(floor, capped, at(60))
    assert any_number.facts == PoisOpened(1, offered=None, limit=3)
    again = any_number.floor
    refused(ErrorCode.POIS_ALREADY_OPEN, gsl.open_to_pois, again, capped, at(61))


def test_only_a_speech_under_way_opens_to_points() -> None:
    floor = speaking(THIMUN, CHINA)
    ended = gsl.end_speech(floor, THIMUN, attendees(floor), at(30)).floor
    refused(ErrorCode.NO_LIST_SPEECH, gsl.open_to_pois, ended, THIMUN, at(31))
    waiting = gsl.declare_yield(
        floor, THIMUN, attendees(floor), YieldKind.DELEGATE, at(30), target=BRAZIL
    ).floor
    refused(ErrorCode.WRONG_YIELD_STAGE, gsl.open_to_pois, waiting, THIMUN, at(31))


# ---- raising and recognising points of information ---------------------------------------------


def test_points_of_information_are_in_order_only_while_the_speaker_is_open_to_them() -> None:
    floor = speaking(THIMUN, CHINA)
    error = refused(ErrorCode.POINT_NOT_IN_ORDER, poi, floor, CHINA, 10)
    assert error.facts["reason"] == "speaker_not_open_to_pois"
    floor = opened(60)
    raised = poi(floor, CHINA, 61)
    assert raised.floor.points[-1].admission is Admission.NOW
    assert point_context(floor).questions_open


def test_the_speaker_raises_no_point_of_information_on_its_own_speech() -> None:
    error = refused(ErrorCode.POINT_NOT_IN_ORDER, poi, opened(60), SPEAKER, 61)
    assert error.facts["reason"] == "own_speech"


def test_the_chair_takes_the_queue_in_order_and_a_question_settles_its_point() -> None:
    floor = poi(poi(opened(60), BRAZIL, 61).floor, CHINA, 62).floor
    assert gsl.poi_queue(floor) == (BRAZIL, CHINA)
    assert gsl.may_recognise_poi(floor)
    asked = gsl.ask_question(floor, THIMUN, BRAZIL, at(63))
    assert asked.facts == QuestionAsked(3, 1, 1, points_settled=(1,), poi=True)
    assert gsl.poi_queue(asked.floor) == (CHINA,)
    assert asked.floor.gsl_recognised == BRAZIL
    assert not gsl.may_recognise_poi(asked.floor)  # one at a time


def test_a_delegation_without_a_raised_point_may_be_recognised_from_its_placard() -> None:
    asked = gsl.ask_question(opened(60), THIMUN, KENYA, at(61))
    assert asked.facts == QuestionAsked(4, 1, 1, poi=True)
    refused(
        ErrorCode.HOLDER_NOT_RECOGNISABLE, gsl.ask_question, opened(60), THIMUN, SPEAKER, at(61)
    )
    refused(ErrorCode.NOT_PRESENT, gsl.ask_question, opened(60), THIMUN, ABSENT, at(61))


def test_each_step_of_a_point_comes_in_turn() -> None:
    floor = opened(60)
    refused(ErrorCode.NO_POI_ASKED, gsl.start_answer, floor, at(61))
    refused(ErrorCode.NO_POI_ASKED, gsl.finish_answer, floor, THIMUN, (), at(61))
    asking = gsl.ask_question(floor, THIMUN, CHINA, at(61)).floor
    refused(ErrorCode.POI_IN_PROGRESS, gsl.ask_question, asking, THIMUN, BRAZIL, at(62))
    refused(
        ErrorCode.POI_IN_PROGRESS,
        gsl.declare_yield,
        asking,
        THIMUN,
        attendees(asking),
        YieldKind.CHAIR,
        at(62),
    )
    assert gsl.open_yields(asking, THIMUN, at(62)) == frozenset()
    answering = gsl.start_answer(asking, at(62)).floor
    assert answering.speech is not None
    assert answering.speech.question_step is QuestionStep.ANSWERING
    refused(ErrorCode.NO_POI_ASKED, gsl.start_answer, answering, at(63))
    # The chair may close a point the speaker answered at once.
    answered_at_once = gsl.finish_answer(asking, THIMUN, attendees(asking), at(63)).floor
    assert answered_at_once.speech is not None
    assert answered_at_once.speech.question_step is QuestionStep.IDLE


def test_the_speaker_takes_no_more_points_than_it_was_open_to() -> None:
    floor = opened(60, offered=2)
    floor = take_poi(take_poi(floor, CHINA, 61), BRAZIL, 200)
    assert not gsl.may_recognise_poi(floor)
    error = refused(ErrorCode.POI_LIMIT_REACHED, gsl.ask_question, floor, THIMUN, KENYA, at(300))
    assert error.facts["limit"] == 2
    error = refused(ErrorCode.POINT_NOT_IN_ORDER, poi, floor, KENYA, 300)
    assert error.facts["reason"] == "pois_all_taken"
    # The last questioner's one follow-up is still allowed.
    assert gsl.may_ask_follow_up(floor, THIMUN, at(300))


def test_one_follow_up_to_each_point_when_the_profile_allows_it() -> None:
    floor = take_poi(opened(60), CHINA, 61)
    follow_up = gsl.ask_follow_up(floor, THIMUN, at(120))
    assert follow_up.facts == QuestionAsked(2, 1, 1, follow_up=True, poi=True)
    floor = gsl.finish_answer(follow_up.floor, THIMUN, (), at(130)).floor
    assert not gsl.may_ask_follow_up(floor, THIMUN, at(131))
    refused(ErrorCode.FOLLOW_UP_NOT_ALLOWED, gsl.ask_follow_up, floor, THIMUN, at(131))
    # A new point opens a new follow-up.
    floor = take_poi(floor, BRAZIL, 140)
    assert gsl.may_ask_follow_up(floor, THIMUN, at(200))


def test_no_follow_up_when_the_committee_allows_none() -> None:
    rules = params("thimun", allow_follow_up=False)
    floor = gsl.open_to_pois(speaking(rules, CHINA), rules, at(60)).floor
    floor = gsl.ask_question(floor, rules, CHINA, at(61)).floor
    floor = gsl.finish_answer(floor, rules, (), at(70)).floor
    refused(ErrorCode.FOLLOW_UP_NOT_ALLOWED, gsl.ask_follow_up, floor, rules, at(71))


# ---- closing, yielding and moving on ---------------------------------------------------------


def test_closing_gives_the_floor_back_with_the_clock_stopped_and_lapses_the_queue() -> None:
    floor = take_poi(opened(60), CHINA, 61)
    floor = poi(floor, BRAZIL, 150).floor
    closed = gsl.close_pois(floor)
    assert closed.facts == PoisClosed(1, taken=1, points_lapsed=(1,))
    speech = closed.floor.speech
    assert speech is not None
    assert speech.stage is SpeechStage.SPEAKING
    assert not speech.timer.running
    assert closed.floor.points == ()
    assert time_left(closed.floor, 900) == timedelta(seconds=30)
    # The speaker may take points again: the count starts anew.
    reopened = gsl.open_to_pois(closed.floor, THIMUN, at(200), offered=1).floor
    assert reopened.speech is not None and reopened.speech.questions == 0
    refused(ErrorCode.WRONG_YIELD_STAGE, gsl.close_pois, closed.floor)


def test_the_speaker_yields_straight_from_its_points() -> None:
    floor = poi(opened(60), BRAZIL, 61).floor
    assert gsl.open_yields(floor, THIMUN, at(62)) == {YieldKind.CHAIR, YieldKind.DELEGATE}
    to_chair = gsl.declare_yield(floor, THIMUN, attendees(floor), YieldKind.CHAIR, at(62))
    assert to_chair.facts == YieldDeclared(1, YieldKind.CHAIR, points_lapsed=(1,))
    assert to_chair.floor.points == ()
    to_delegate = gsl.declare_yield(
        floor, THIMUN, attendees(floor), YieldKind.DELEGATE, at(62), target=KENYA
    )
    assert to_delegate.floor.speech is not None
    assert to_delegate.floor.speech.stage is SpeechStage.AWAITING_ACCEPTANCE
    # The delegate yielded to speaks on what was left, and may take points of its own.
    accepted = gsl.answer_yield(to_delegate.floor, THIMUN, (), True, at(70)).floor
    assert time_left(accepted, 70) == timedelta(seconds=30)
    yielded = gsl.open_to_pois(accepted, THIMUN, at(80), requested_by=KENYA).floor
    assert yielded.speech is not None and yielded.speech.questions == 0
    back = gsl.close_pois(yielded, requested_by=KENYA).floor
    assert back.speech is not None
    assert back.speech.stage is SpeechStage.YIELDED_TO_DELEGATE


def test_the_next_speaker_or_the_end_of_the_speech_lapses_the_points_waiting() -> None:
    floor = poi(opened(60), BRAZIL, 61).floor
    ended = gsl.end_speech(floor, THIMUN, attendees(floor), at(100))
    assert ended.facts == SpeechEnded(1, points_lapsed=(1,))
    assert ended.ended_turns[0].used == timedelta(seconds=60)
    called = gsl.call_next_speaker(floor, THIMUN, attendees(floor), at(100))
    assert called.facts == SpeakerCalled(2, seconds=90, finished=1, points_lapsed=(1,))
    assert called.floor.points == ()


def test_other_points_stay_when_the_speaker_stops_taking_points_of_information() -> None:
    floor = poi(opened(60), BRAZIL, 61).floor
    floor = raise_point(floor, THIMUN, KENYA, PointKind.PARLIAMENTARY_INQUIRY, at(62)).floor
    closed = gsl.close_pois(floor).floor
    assert [p.point.kind for p in closed.points] == [PointKind.PARLIAMENTARY_INQUIRY]


def test_a_yield_to_questions_keeps_its_own_rules_where_both_are_enabled() -> None:
    rules = params("cn_common", open_to_pois_enabled=True)
    floor = gsl.open_to_pois(speaking(rules, CHINA), rules, at(30)).floor
    floor = gsl.ask_question(floor, rules, CHINA, at(31)).floor
    floor = gsl.finish_answer(floor, rules, (), at(40)).floor
    questions = gsl.declare_yield(floor, rules, attendees(floor), YieldKind.QUESTIONS, at(41))
    speech = questions.floor.speech
    assert speech is not None
    assert speech.stage is SpeechStage.QUESTIONS and speech.questions == 0
    # Under questions the answer runs the clock again (§2.2).
    floor = gsl.ask_question(questions.floor, rules, BRAZIL, at(42)).floor
    floor = gsl.start_answer(floor, at(45)).floor
    assert time_left(floor, 55) == timedelta(seconds=50)
