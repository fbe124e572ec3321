"""Motions on the floor and their procedural votes as pure transitions: no database."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import timedelta

import pytest

from committee.procedure import caucus_floor
from committee.procedure.appeals_floor import appeal_ruling
from committee.procedure.attendance import Attendee, RollStatus
from committee.procedure.caucuses import CaucusKind
from committee.procedure.choices import MotionCode, RulingSubject
from committee.procedure.electorate import ElectorateSnapshot, VoteChoice, snapshot_electorate
from committee.procedure.errors import ErrorCode, ProcedureError
from committee.procedure.facts.motions import (
    BallotCast,
    MeetingResumed,
    MotionChange,
    MotionDecision,
    MotionRaised,
    MotionRef,
    MotionSeconded,
    MotionVoteClosed,
    MotionWithdrawn,
)
from committee.procedure.floor import EFFECT_NOT_AUTOMATIC, FloorDoc, Mark
from committee.procedure.motion_effects import effect_error, resume_meeting
from committee.procedure.motion_registry import Effect
from committee.procedure.motions import EndedCaucus, MotionStatus
from committee.procedure.motions_floor import (
    answer_offer,
    available_motions,
    cast_ballot,
    close_vote,
    enter_ballot,
    floor_is_open,
    open_vote,
    raise_motion,
    record_second,
    rule_on_motion,
    ruling_appealable,
    suggest_change,
    withdraw_motion,
)
from committee.procedure.parameters import Parameters
from committee.procedure.phases import Phase
from committee.procedure.rulings import RulingState
from committee.procedure.sitting import open_session
from committee.procedure.speeches import end_speech, start_speech
from committee.procedure.thresholds import Verdict
from committee.procedure.transition import Transition, TurnKind
from tests.procedure.helpers import T0, at, member, observer, params

CN = params("cn_common")
GA = params("un_ga")
ROOM = ("1", "2", "3", "4")


def refused(code: ErrorCode, command: Callable[..., object], *args: object, **kwargs: object):
    with pytest.raises(ProcedureError) as error:
        command(*args, **kwargs)
    assert error.value.code == code
    return error.value


def in_debate(present: tuple[str, ...] = ROOM, absent: tuple[str, ...] = ()) -> FloorDoc:
    """Session 1 in formal debate (GSL) with `present` in the room and `absent` not."""
    floor = open_session(FloorDoc(), 1).floor
    marks = {key: Mark(RollStatus.PRESENT, T0) for key in present}
    marks |= {key: Mark(RollStatus.ABSENT) for key in absent}
    return replace(floor, phase=Phase.GSL, attendance=marks)


def attendees(present: tuple[str, ...] = ROOM) -> list[Attendee]:
    return [member(key) for key in present]


def moved(floor: FloorDoc, code: MotionCode, mover: str = "1", rules: Parameters = CN, **values):
    """The floor after `mover` raised the motion, and the motion's id."""
    transition = raise_motion(floor, rules, code, mover, T0, **values)
    assert isinstance(transition.facts, MotionRaised)
    return transition.floor, transition.facts.motion


def seconded(floor: FloorDoc, code: MotionCode, rules: Parameters = CN, **values):
    """A motion moved by "1" and seconded by "2"."""
    floor, motion_id = moved(floor, code, rules=rules, **values)
    return record_second(floor, rules, motion_id, "2").floor, motion_id


def frozen(floor: FloorDoc, rules: Parameters = CN) -> ElectorateSnapshot:
    """The electorate `voting` freezes for the delegations present on `floor`; the app keeps
    it with the question and hands it back to the engine."""
    present = attendees(tuple(floor.present_ids()))
    return snapshot_electorate(rules, len(ROOM), present, substantive=False, now=at(10))


def voting(floor: FloorDoc, motion_id: str, *, by_phone: bool = False, rules: Parameters = CN):
    opened = open_vote(
        floor,
        rules,
        motion_id,
        at(10),
        by_phone=by_phone,
        membership=len(ROOM),
        attendees=attendees(tuple(floor.present_ids())),
    )
    assert opened.electorate == frozen(floor, rules)
    return opened.transition.floor


def closed(floor: FloorDoc, rules: Parameters = CN, **counts) -> Transition:
    """Close the vote running on `floor` with the electorate frozen at its opening, the
    committee's roll order being ROOM."""
    electorate = counts.pop("electorate", frozen(floor, rules))
    return close_vote(floor, rules, at(20), electorate=electorate, roll_order=ROOM, **counts)


def carried(floor: FloorDoc, code: MotionCode, rules: Parameters = CN, **values) -> Transition:
    """Move, second, vote and carry a motion by placards 3–0."""
    floor, motion_id = seconded(floor, code, rules=rules, **values)
    return closed(voting(floor, motion_id, rules=rules), rules, yes=3, no=0)


# ---- queries -------------------------------------------------------------------------------------


def test_the_floor_is_open_with_nobody_speaking_and_no_vote_running() -> None:
    floor = in_debate()
    assert floor_is_open(floor)
    speaking = replace(floor, speech=start_speech(CN, "1", T0))
    assert not floor_is_open(speaking)
    assert floor_is_open(replace(speaking, speech=end_speech(speaking.speech, at(30))))
    floor, motion_id = seconded(floor, MotionCode.SUSPEND_MEETING)
    assert not floor_is_open(voting(floor, motion_id))


def test_the_motions_a_delegation_may_raise_are_the_engines_answer() -> None:
    floor = in_debate(absent=("9",))
    codes = available_motions(floor, CN, "1")
    assert MotionCode.SUSPEND_MEETING in codes and MotionCode.MODERATED_CAUCUS in codes
    # Not from the list: appeals; nor what the situation rules out now.
    for absent_code in (
        MotionCode.APPEAL,
        MotionCode.REOPEN_SPEAKERS_LIST,  # the list is open
        MotionCode.RESUME_DEBATE,  # the topic is not tabled
        MotionCode.EXTEND_CAUCUS,  # no caucus has just ended
        MotionCode.CLOSE_DEBATE,  # no draft resolution on the floor
        MotionCode.INTRODUCE_DR,  # no document ready
        MotionCode.OPEN_GSL,  # only while setting the agenda
    ):
        assert absent_code not in codes, absent_code
    assert available_motions(floor, CN) == codes  # the dais enters for anyone present
    assert available_motions(floor, CN, "9") == ()  # absent
    assert available_motions(in_debate(present=()), CN) == ()
    assert available_motions(replace(floor, speech=start_speech(CN, "1", T0)), CN, "1") == ()


def test_the_situation_changes_what_may_be_raised() -> None:
    floor = in_debate()
    closed_list = replace(floor, gsl=replace(floor.gsl, closed=True))
    codes = available_motions(closed_list, CN, "1")
    assert MotionCode.REOPEN_SPEAKERS_LIST in codes
    assert MotionCode.CLOSE_SPEAKERS_LIST not in codes
    ended = replace(floor, last_ended_caucus=EndedCaucus(MotionCode.MODERATED_CAUCUS, 600))
    assert MotionCode.EXTEND_CAUCUS in available_motions(ended, CN, "1")
    tabled = replace(floor, phase=Phase.AGENDA, topic_tabled=True)
    assert MotionCode.RESUME_DEBATE in available_motions(tabled, CN, "1")
    no_dr_needed = params("cn_common", closure_requires_dr=False)
    assert MotionCode.CLOSE_DEBATE in available_motions(floor, no_dr_needed, "1")


# ---- raising -------------------------------------------------------------------------------------


def test_a_raised_motion_joins_the_floor_with_the_next_id() -> None:
    raised = raise_motion(
        in_debate(), CN, MotionCode.UNMODERATED_CAUCUS, "1", T0, total_seconds=300, topic=" x "
    )
    (motion,) = raised.floor.motions.pending
    assert (motion.id, motion.topic, motion.total_seconds) == ("s1m1", "x", 300)
    assert raised.floor.next_motion_number == 2
    assert raised.facts == MotionRaised(
        "s1m1", MotionCode.UNMODERATED_CAUCUS, (1,), raised.facts.values
    )


def test_identical_motions_merge_and_the_facts_say_into_which() -> None:
    floor, first = moved(in_debate(), MotionCode.SUSPEND_MEETING)
    again = raise_motion(floor, CN, MotionCode.SUSPEND_MEETING, "2", at(1))
    (motion,) = again.floor.motions.motions
    assert motion.movers == ("1", "2")
    assert again.facts.merged_into == first and again.facts.movers == (1, 2)


def test_a_motion_over_the_caps_waits_for_its_mover_as_an_offer() -> None:
    raised = raise_motion(
        in_debate(), CN, MotionCode.UNMODERATED_CAUCUS, "1", T0, total_seconds=3600, topic="x"
    )
    assert raised.facts.over_cap and raised.floor.motions.motions == ()
    (offer,) = raised.floor.motion_offers
    assert offer.suggestion.total_seconds == CN.unmod_total_max
    accepted = answer_offer(raised.floor, CN, offer.motion.id, True, at(1))
    (motion,) = accepted.floor.motions.pending
    assert motion.total_seconds == CN.unmod_total_max and accepted.floor.motion_offers == ()
    refusal = answer_offer(raised.floor, CN, offer.motion.id, False, at(1))
    assert [m.status for m in refusal.floor.motions.motions] == [MotionStatus.OUT_OF_ORDER]
    refused(
        ErrorCode.ACTS_ONLY_FOR_ITSELF,
        answer_offer,
        raised.floor,
        CN,
        offer.motion.id,
        True,
        at(1),
        requested_by="2",
    )


def test_an_accepted_offer_merges_into_the_same_motion_already_on_the_floor() -> None:
    over = raise_motion(
        in_debate(), CN, MotionCode.UNMODERATED_CAUCUS, "1", T0, total_seconds=3600, topic="x"
    ).floor
    floor, capped = moved(
        over, MotionCode.UNMODERATED_CAUCUS, "2", total_seconds=CN.unmod_total_max, topic="x"
    )
    accepted = answer_offer(floor, CN, over.motion_offers[0].motion.id, True, at(1))
    assert isinstance(accepted.facts, MotionChange)
    assert accepted.facts.merged_into == capped
    assert accepted.floor.motions.get(capped).movers == ("2", "1")


def test_raising_needs_an_open_session_the_right_phase_and_ones_own_name() -> None:
    refused(
        ErrorCode.NO_OPEN_SESSION, raise_motion, FloorDoc(), CN, MotionCode.SUSPEND_MEETING, "1", T0
    )
    roll_call = replace(in_debate(), phase=Phase.ROLL_CALL)
    refused(
        ErrorCode.MOTION_WRONG_PHASE,
        raise_motion,
        roll_call,
        CN,
        MotionCode.UNMODERATED_CAUCUS,
        "1",
        T0,
        total_seconds=300,
        topic="x",
    )
    refused(
        ErrorCode.ACTS_ONLY_FOR_ITSELF,
        raise_motion,
        in_debate(),
        CN,
        MotionCode.SUSPEND_MEETING,
        "2",
        T0,
        requested_by="1",
    )
    refused(
        ErrorCode.NO_DRAFT_RESOLUTION,
        raise_motion,
        in_debate(),
        CN,
        MotionCode.CLOSE_DEBATE,
        "1",
        T0,
    )


def test_the_chairs_friendly_change_waits_for_the_mover_and_keeps_the_second() -> None:
    floor, motion_id = seconded(
        in_debate(), MotionCode.MODERATED_CAUCUS, total_seconds=600, speaker_seconds=90, topic="M"
    )
    refused(ErrorCode.SUGGESTION_UNCHANGED, suggest_change, floor, CN, motion_id, T0, topic=" M ")
    refused(ErrorCode.MOTION_OVER_CAP, suggest_change, floor, CN, motion_id, T0, total_seconds=9999)
    offered = suggest_change(floor, CN, motion_id, T0, total_seconds=360, speaker_seconds=60)
    refused(
        ErrorCode.CHANGE_AWAITING_MOVER,
        open_vote,
        offered.floor,
        CN,
        motion_id,
        at(1),
        by_phone=False,
        membership=4,
        attendees=attendees(),
    )
    accepted = answer_offer(offered.floor, CN, motion_id, True, at(1)).floor
    motion = accepted.motions.get(motion_id)
    assert (motion.total_seconds, motion.speaker_seconds, motion.seconder) == (360, 60, "2")
    kept = answer_offer(offered.floor, CN, motion_id, False, at(1)).floor
    assert kept.motions.get(motion_id).total_seconds == 600


# ---- on the floor --------------------------------------------------------------------------------


def test_a_second_is_recorded_once_and_only_where_needed() -> None:
    floor, motion_id = moved(in_debate(), MotionCode.SUSPEND_MEETING)
    second = record_second(floor, CN, motion_id, "2")
    assert second.facts == MotionSeconded(motion_id, MotionCode.SUSPEND_MEETING, 2)
    error = refused(ErrorCode.ALREADY_SECONDED, record_second, second.floor, CN, motion_id, "3")
    assert error.facts["delegation"] == "2"  # by id: the service names it
    refused(ErrorCode.SECOND_BY_MOVER, record_second, floor, CN, motion_id, "1")
    refused(
        ErrorCode.ACTS_ONLY_FOR_ITSELF, record_second, floor, CN, motion_id, "3", requested_by="2"
    )
    ga_floor, ga_motion = moved(in_debate(), MotionCode.SUSPEND_MEETING, rules=GA)
    refused(ErrorCode.SECOND_NOT_NEEDED, record_second, ga_floor, GA, ga_motion, "2")


def test_a_merged_motion_survives_one_movers_withdrawal_and_the_dais_withdraws_for_all() -> None:
    floor, motion_id = moved(in_debate(), MotionCode.SUSPEND_MEETING)
    floor = raise_motion(floor, CN, MotionCode.SUSPEND_MEETING, "2", T0).floor
    one = withdraw_motion(floor, motion_id, by="1")
    assert one.facts == MotionWithdrawn(motion_id, MotionCode.SUSPEND_MEETING, (1,), (2,))
    assert one.floor.motions.get(motion_id).status is MotionStatus.PENDING
    every = withdraw_motion(floor, motion_id)
    assert every.facts == MotionWithdrawn(motion_id, MotionCode.SUSPEND_MEETING, (1, 2), ())
    assert every.floor.motions.get(motion_id).status is MotionStatus.WITHDRAWN
    refused(ErrorCode.NOT_MOVER, withdraw_motion, floor, motion_id, by="3")


def test_a_motion_is_withdrawn_only_until_its_vote_starts() -> None:
    floor, motion_id = seconded(in_debate(), MotionCode.SUSPEND_MEETING)
    refused(ErrorCode.VOTE_ALREADY_STARTED, withdraw_motion, voting(floor, motion_id), motion_id)


def test_rulings_put_a_motion_out_and_say_whether_they_may_be_appealed() -> None:
    floor, motion_id = seconded(in_debate(), MotionCode.SUSPEND_MEETING)
    out = rule_on_motion(floor, CN, motion_id, MotionDecision.OUT_OF_ORDER, at(1))
    motion = out.floor.motions.get(motion_id)
    assert (motion.status, motion.decided_at) == (MotionStatus.OUT_OF_ORDER, at(1))
    assert out.facts.appealable and ruling_appealable(out.floor, CN)
    caucus_floor, caucus = moved(
        in_debate(), MotionCode.UNMODERATED_CAUCUS, total_seconds=300, topic="x"
    )
    dilatory = rule_on_motion(caucus_floor, CN, caucus, MotionDecision.DILATORY, at(1))
    assert dilatory.floor.motion_ruling.ruling.subject is RulingSubject.DILATORY_CAUCUS
    assert not dilatory.facts.appealable and not ruling_appealable(dilatory.floor, CN)
    in_order = rule_on_motion(floor, CN, motion_id, MotionDecision.IN_ORDER, at(1))
    assert in_order.floor.motions.get(motion_id).status is MotionStatus.PENDING


def test_an_appeal_freezes_the_ruling_and_a_second_appellant_joins_it() -> None:
    floor, motion_id = seconded(in_debate(), MotionCode.SUSPEND_MEETING)
    refused(ErrorCode.NO_RULING_TO_APPEAL, appeal_ruling, floor, CN, "1", T0)
    ruled = rule_on_motion(floor, CN, motion_id, MotionDecision.OUT_OF_ORDER, at(1)).floor
    appealed = appeal_ruling(ruled, CN, "1", at(2))
    assert appealed.floor.motion_ruling.ruling.state is RulingState.UNDER_APPEAL
    (appeal,) = appealed.floor.motions.pending
    assert (appeal.code, appeal.target) == (MotionCode.APPEAL, ruled.motion_ruling.ruling.id)
    refused(
        ErrorCode.RULING_UNDER_APPEAL,
        rule_on_motion,
        appealed.floor,
        CN,
        appeal.id,
        MotionDecision.DILATORY,
        at(3),
    )
    joined = appeal_ruling(appealed.floor, CN, "3", at(3))
    assert joined.floor.motions.get(appeal.id).movers == ("1", "3")
    refused(ErrorCode.ACTS_ONLY_FOR_ITSELF, appeal_ruling, ruled, CN, "1", T0, requested_by="2")


# ---- the vote ------------------------------------------------------------------------------------


def test_votes_follow_precedence_and_need_a_second_where_the_profile_asks() -> None:
    floor, low = seconded(in_debate(), MotionCode.SET_SPEAKING_TIME, speaker_seconds=60)
    floor, high = moved(floor, MotionCode.SUSPEND_MEETING)
    opening = {"by_phone": False, "membership": 4, "attendees": attendees()}
    refused(ErrorCode.MOTION_NEEDS_SECOND, open_vote, floor, CN, high, at(1), **opening)
    floor = record_second(floor, CN, high, "2").floor
    refused(ErrorCode.MOTION_NOT_NEXT, open_vote, floor, CN, low, at(1), **opening)
    running = voting(floor, high)
    refused(ErrorCode.VOTE_ALREADY_RUNNING, open_vote, running, CN, low, at(1), **opening)
    ga_floor, ga_motion = moved(in_debate(), MotionCode.SUSPEND_MEETING, rules=GA)
    assert voting(ga_floor, ga_motion, rules=GA).vote.motion_id == ga_motion


def test_opening_a_vote_freezes_the_electorate_and_drops_a_ruling_in_force() -> None:
    floor, motion_id = seconded(in_debate(), MotionCode.SUSPEND_MEETING)
    floor, other = moved(floor, MotionCode.SET_SPEAKING_TIME, "3", speaker_seconds=60)
    floor = rule_on_motion(floor, CN, other, MotionDecision.IN_ORDER, at(1)).floor
    opened = open_vote(
        floor, CN, motion_id, at(2), by_phone=True, membership=4, attendees=attendees()
    )
    assert opened.electorate.ids == ROOM and opened.electorate.membership == 4
    assert opened.electorate.taken_at == at(2)
    # The floor keeps only how many may vote: who may is the question's, in the record.
    vote = opened.transition.floor.vote
    assert vote.electorate_size == 4 and vote.by_phone
    assert opened.transition.facts.electorate == 4
    assert opened.transition.floor.motion_ruling is None
    assert opened.transition.floor.motions.get(motion_id).status is MotionStatus.VOTING


def test_a_phone_ballot_is_checked_and_changes_no_floor() -> None:
    floor, motion_id = seconded(in_debate(ROOM, absent=("5",)), MotionCode.SUSPEND_MEETING)
    phones = voting(floor, motion_id, by_phone=True)
    voters = {"electorate": frozen(floor)}
    cast = cast_ballot(phones, CN, member("3"), VoteChoice.YES, **voters)
    assert cast.floor == phones
    assert cast.facts == BallotCast(motion_id, MotionCode.SUSPEND_MEETING, 3, VoteChoice.YES)
    absent = member("5", RollStatus.ABSENT)
    refused(ErrorCode.NOT_PRESENT, cast_ballot, phones, CN, absent, VoteChoice.YES, **voters)
    none = {"electorate": None}
    refused(ErrorCode.NO_VOTE_OPEN, cast_ballot, floor, CN, member("3"), VoteChoice.YES, **none)
    refused(ErrorCode.NO_VOTE_OPEN, cast_ballot, phones, CN, member("3"), VoteChoice.YES, **none)
    placards = voting(floor, motion_id)
    refused(
        ErrorCode.BALLOT_IN_PLACARD_VOTE,
        cast_ballot,
        placards,
        CN,
        member("3"),
        VoteChoice.NO,
        **voters,
    )
    refused(
        ErrorCode.ENTRY_IN_PLACARD_VOTE, enter_ballot, placards, CN, "3", VoteChoice.NO, **voters
    )


def test_a_phone_ballot_is_checked_against_the_electorate_it_is_handed() -> None:
    floor, motion_id = seconded(in_debate(), MotionCode.SUSPEND_MEETING)
    phones = voting(floor, motion_id, by_phone=True)
    # "4" is present now but was not when the vote opened: the electorate handed back decides.
    without_4 = frozen(replace(floor, attendance={k: floor.attendance[k] for k in ROOM[:3]}))
    refused(
        ErrorCode.NOT_IN_SNAPSHOT,
        cast_ballot,
        phones,
        CN,
        member("4"),
        VoteChoice.YES,
        electorate=without_4,
    )


def test_observers_vote_on_procedure_only_where_the_profile_allows() -> None:
    floor, motion_id = moved(in_debate(("1", "2", "7")), MotionCode.SUSPEND_MEETING, rules=GA)
    phones = voting(floor, motion_id, by_phone=True, rules=GA)
    refused(
        ErrorCode.NOT_ELIGIBLE_TO_VOTE,
        cast_ballot,
        phones,
        GA,
        observer("7"),
        VoteChoice.YES,
        electorate=frozen(floor, GA),
    )


def test_the_dais_enters_a_vote_only_for_a_delegation_that_has_not_voted() -> None:
    floor, motion_id = seconded(in_debate(), MotionCode.SUSPEND_MEETING)
    phones = voting(floor, motion_id, by_phone=True)
    voters = {"electorate": frozen(floor)}
    entered = enter_ballot(phones, CN, "4", VoteChoice.NO, **voters)
    assert entered.facts.entered_by_dais and entered.floor == phones
    error = refused(
        ErrorCode.OWN_VOTE_STANDS,
        enter_ballot,
        phones,
        CN,
        "4",
        VoteChoice.NO,
        {"4": VoteChoice.YES},
        **voters,
    )
    assert error.facts["delegation"] == "4"
    refused(ErrorCode.NOT_IN_SNAPSHOT, enter_ballot, phones, CN, "9", VoteChoice.YES, **voters)


def test_placard_counts_are_needed_and_stay_within_the_electorate() -> None:
    floor, motion_id = seconded(in_debate(), MotionCode.SUSPEND_MEETING)
    placards = voting(floor, motion_id)
    refused(ErrorCode.PLACARD_COUNTS_NEEDED, closed, placards, yes=2)
    error = refused(ErrorCode.PLACARD_COUNTS_TOO_HIGH, closed, placards, yes=3, no=2)
    assert error.facts["size"] == 4
    refused(ErrorCode.NO_VOTE_OPEN, closed, floor, yes=1, no=0)
    refused(ErrorCode.NO_VOTE_OPEN, closed, placards, yes=1, no=0, electorate=None)


def test_a_tied_placard_vote_fails_and_drops_nothing_else() -> None:
    floor, motion_id = seconded(in_debate(), MotionCode.SUSPEND_MEETING)
    floor, other = moved(floor, MotionCode.SET_SPEAKING_TIME, "3", speaker_seconds=60)
    closing = closed(voting(floor, motion_id), yes=2, no=2)
    facts = closing.facts
    assert isinstance(facts, MotionVoteClosed)
    assert not facts.passed and facts.superseded == ()
    assert facts.verdict is Verdict.EQUALLY_DIVIDED
    after = closing.floor
    assert after.vote is None and after.motion_result.outcome.tally.yes == 2
    assert after.motions.get(motion_id).status is MotionStatus.FAILED
    assert after.motions.get(other).status is MotionStatus.PENDING


def test_a_phone_vote_counts_only_the_electorates_ballots() -> None:
    floor, motion_id = seconded(in_debate(), MotionCode.SUSPEND_MEETING)
    phones = voting(floor, motion_id, by_phone=True)
    ballots = {"1": VoteChoice.YES, "2": VoteChoice.YES, "3": VoteChoice.NO, "9": VoteChoice.YES}
    closing = closed(phones, ballots=ballots)
    tally = closing.floor.motion_result.outcome.tally
    assert (tally.yes, tally.no, tally.not_voting) == (2, 1, 1)
    assert not closing.facts.passed  # 2 of 4 present: a majority needs 3


# ---- carrying out the motion that passed -------------------------------------------------------


def test_the_first_motion_that_passes_is_carried_and_the_rest_superseded() -> None:
    floor, speaking = seconded(in_debate(), MotionCode.SET_SPEAKING_TIME, speaker_seconds=45)
    floor, close_list = moved(floor, MotionCode.CLOSE_SPEAKERS_LIST, "3")
    waiting = raise_motion(
        floor, CN, MotionCode.UNMODERATED_CAUCUS, "4", T0, total_seconds=3600, topic="x"
    )
    offered_id = waiting.facts.motion
    closing = closed(voting(waiting.floor, speaking), yes=3, no=0)
    after = closing.floor
    assert after.caucus is None
    assert after.speaking_time == 45 and not after.gsl.closed
    assert after.motions.get(close_list).status is MotionStatus.SUPERSEDED
    assert after.motion_offers == ()
    facts = closing.facts
    assert facts.effect is Effect.SET_SPEAKING_TIME and facts.effect_error == {}
    assert facts.superseded == (
        MotionRef(close_list, MotionCode.CLOSE_SPEAKERS_LIST),
        MotionRef(offered_id, MotionCode.UNMODERATED_CAUCUS),
    )


@pytest.mark.parametrize(
    ("code", "phase", "tabled"),
    [
        (MotionCode.SUSPEND_MEETING, Phase.SUSPENDED, False),
        (MotionCode.TABLE_DEBATE, Phase.AGENDA, True),
    ],
)
def test_suspending_or_tabling_moves_the_committee(code, phase, tabled) -> None:
    after = carried(in_debate(), code).floor
    assert (after.phase, after.topic_tabled) == (phase, tabled)


def test_the_meeting_resumes_where_it_stood_and_debate_where_it_was_tabled() -> None:
    suspended = carried(in_debate(), MotionCode.SUSPEND_MEETING).floor
    resumed = resume_meeting(suspended)
    assert resumed.floor.phase is Phase.GSL and resumed.facts == MeetingResumed(Phase.GSL)
    refused(ErrorCode.MEETING_NOT_SUSPENDED, resume_meeting, resumed.floor)
    tabled = carried(in_debate(), MotionCode.TABLE_DEBATE).floor
    back = carried(tabled, MotionCode.RESUME_DEBATE).floor
    assert (back.phase, back.topic_tabled) == (Phase.GSL, False)


def test_the_speakers_list_closes_and_reopens_by_motion() -> None:
    closed = carried(in_debate(), MotionCode.CLOSE_SPEAKERS_LIST).floor
    assert closed.gsl.closed
    assert not carried(closed, MotionCode.REOPEN_SPEAKERS_LIST).floor.gsl.closed


def test_closure_of_debate_enters_voting_procedure() -> None:
    rules = params("cn_common", closure_requires_dr=False)
    after = carried(in_debate(), MotionCode.CLOSE_DEBATE, rules=rules).floor
    assert after.phase is Phase.VOTING_PROCEDURE


def test_adjourning_ends_the_session_and_the_speech_under_way_keeping_the_motions() -> None:
    floor, motion_id = seconded(in_debate(), MotionCode.ADJOURN_MEETING)
    voting_floor = voting(floor, motion_id)
    # A reply took the floor while the vote ran: adjourning cuts it short.
    speaking = replace(
        voting_floor, speech=start_speech(CN, "3", at(12), gsl=False), reply_speech_by="3"
    )
    closing = closed(speaking, yes=3, no=0)
    after = closing.floor
    assert after.phase is Phase.ADJOURNED and after.speech is None
    assert after.session_number == 1 and after.attendance == floor.attendance
    assert after.motions.get(motion_id).status is MotionStatus.CARRIED
    (turn,) = closing.ended_turns
    assert (turn.delegation, turn.kind, turn.used) == ("3", TurnKind.REPLY, timedelta(seconds=8))


def test_a_carried_caucus_starts_on_the_floor_and_logs_the_vote() -> None:
    closing = carried(
        in_debate(), MotionCode.MODERATED_CAUCUS, total_seconds=600, speaker_seconds=60, topic="M"
    )
    after = closing.floor
    assert after.phase is Phase.MOD_CAUCUS
    assert (after.caucus.kind, after.caucus.topic) == (CaucusKind.MODERATED, "M")
    assert after.motions.motions[0].status is MotionStatus.CARRIED
    facts = closing.facts
    assert isinstance(facts, MotionVoteClosed) and facts.passed
    assert facts.effect is Effect.START_MODERATED and facts.effect_error == {}


def test_a_carried_caucus_cuts_short_the_speech_under_way() -> None:
    floor, motion_id = seconded(
        in_debate(), MotionCode.UNMODERATED_CAUCUS, total_seconds=300, topic="Lobbying"
    )
    # A reply took the floor while the vote ran: the caucus cuts it short.
    speaking = replace(
        voting(floor, motion_id),
        speech=start_speech(CN, "3", at(12), gsl=False),
        reply_speech_by="3",
    )
    closing = closed(speaking, yes=3, no=0)
    assert closing.floor.phase is Phase.UNMOD_CAUCUS
    (turn,) = closing.ended_turns
    assert (turn.delegation, turn.kind, turn.used) == ("3", TurnKind.REPLY, timedelta(seconds=8))
    assert isinstance(closing.facts, MotionVoteClosed) and closing.facts.effect_error == {}


def just_ended_caucus() -> FloorDoc:
    """A moderated caucus of ten minutes carried and then ended by the chair."""
    started = carried(
        in_debate(), MotionCode.MODERATED_CAUCUS, total_seconds=600, speaker_seconds=60, topic="M"
    ).floor
    return caucus_floor.end(started, CN, at(30)).floor


def test_a_carried_extension_restarts_the_caucus_that_just_ended() -> None:
    closing = carried(just_ended_caucus(), MotionCode.EXTEND_CAUCUS, total_seconds=120)
    after = closing.floor
    assert after.phase is Phase.MOD_CAUCUS and not after.caucus.ended
    assert after.caucus.extensions_used == 1 and after.last_ended_caucus is None
    assert closing.facts.effect is Effect.EXTEND_CAUCUS and closing.facts.effect_error == {}


def test_a_caucus_refused_by_the_engine_leaves_the_vote_standing_with_its_code() -> None:
    floor, motion_id = seconded(just_ended_caucus(), MotionCode.EXTEND_CAUCUS, total_seconds=120)
    # Debate moved on before the vote (a speaker had the floor): nothing is left to extend.
    moved_on = replace(floor, last_ended_caucus=None)
    closing = closed(voting(moved_on, motion_id), yes=3, no=0)
    after = closing.floor
    reason = {"code": ErrorCode.NO_CAUCUS_TO_EXTEND, "facts": {}}
    assert after.motion_result.effect_error == reason
    assert closing.facts.effect_error == reason and closing.facts.passed
    assert after.motions.get(motion_id).status is MotionStatus.CARRIED
    assert after.phase is Phase.GSL and after.caucus.ended
    assert closing.ended_turns == ()


def test_a_refusal_is_kept_as_its_code_and_facts_by_id() -> None:
    refusal = ProcedureError(ErrorCode.NOT_PRESENT, delegation="1", allowed=(Phase.GSL,))
    assert effect_error(refusal) == {
        "code": "not_present",
        "facts": {"delegation": "1", "allowed": ["gsl"]},
    }


def test_an_effect_the_app_does_not_apply_leaves_the_vote_standing_with_why() -> None:
    rules = params("cn_common", round_robin_enabled=True)
    closing = carried(in_debate(), MotionCode.ROUND_ROBIN, rules=rules, speaker_seconds=60)
    after = closing.floor
    assert after.motion_result.effect_error == {"code": EFFECT_NOT_AUTOMATIC}
    assert closing.facts.effect_error == {"code": EFFECT_NOT_AUTOMATIC}
    assert after.motions.motions[0].status is MotionStatus.CARRIED


# ---- appeals -------------------------------------------------------------------------------------


def appealed(decision: MotionDecision) -> tuple[FloorDoc, str, str]:
    """A motion ruled `decision`, appealed by "1" and seconded: (floor, motion, appeal)."""
    floor, motion_id = seconded(in_debate(), MotionCode.SUSPEND_MEETING)
    floor = rule_on_motion(floor, CN, motion_id, decision, at(1)).floor
    floor = appeal_ruling(floor, CN, "1", at(2)).floor
    appeal = next(m.id for m in floor.motions.pending if m.code is MotionCode.APPEAL)
    return record_second(floor, CN, appeal, "3").floor, motion_id, appeal


def test_an_overturned_ruling_out_of_order_puts_the_motion_back() -> None:
    floor, motion_id, appeal = appealed(MotionDecision.OUT_OF_ORDER)
    closing = closed(voting(floor, appeal), yes=3, no=1)  # ⅔ of 4
    after = closing.floor
    assert closing.facts.ruling_overturned is True
    assert after.motion_ruling.ruling.state is RulingState.OVERTURNED
    assert after.motions.get(appeal).status is MotionStatus.CARRIED
    back = after.motions.get(motion_id)
    assert (back.status, back.decided_at) == (MotionStatus.PENDING, None)
    refused(ErrorCode.RULING_ALREADY_APPEALED, appeal_ruling, after, CN, "2", at(21))


def test_an_overturned_ruling_in_order_puts_the_motion_out() -> None:
    floor, motion_id, appeal = appealed(MotionDecision.IN_ORDER)
    after = closed(voting(floor, appeal), yes=4, no=0).floor
    assert after.motions.get(motion_id).status is MotionStatus.OUT_OF_ORDER


def test_an_appeal_that_fails_leaves_the_ruling_standing() -> None:
    floor, motion_id, appeal = appealed(MotionDecision.DILATORY)
    closing = closed(voting(floor, appeal), yes=1, no=3)
    after = closing.floor
    assert closing.facts.ruling_overturned is False
    assert after.motion_ruling.ruling.state is RulingState.UPHELD
    assert after.motions.get(motion_id).status is MotionStatus.DILATORY
    assert after.motions.get(appeal).status is MotionStatus.FAILED
