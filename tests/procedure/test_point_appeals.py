"""Appeals of the chair's rulings on points of order (procedure.md §3.4, §4, §8.17): pure
transitions, no database."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

import pytest

from committee.procedure.appeals_floor import appeal_ruling, point_ruling, point_ruling_appealable
from committee.procedure.attendance import RollStatus
from committee.procedure.choices import MotionCode, PointKind, RulingSubject
from committee.procedure.electorate import snapshot_electorate
from committee.procedure.errors import ErrorCode, ProcedureError
from committee.procedure.facts.motions import (
    MotionDecision,
    MotionRaised,
    MotionValues,
    MotionVoteClosed,
)
from committee.procedure.floor import FloorDoc, Mark
from committee.procedure.motions import MotionStatus
from committee.procedure.motions_floor import (
    close_vote,
    open_vote,
    raise_motion,
    record_second,
    rule_on_motion,
)
from committee.procedure.parameters import Parameters
from committee.procedure.phases import Phase
from committee.procedure.points import Admission, PointOutcome
from committee.procedure.points_floor import find_own_point, raise_point, resolve_point
from committee.procedure.rulings import RulingState
from committee.procedure.sitting import open_session
from committee.procedure.speeches import start_speech
from committee.procedure.transition import Transition
from tests.procedure.helpers import T0, at, member, params

CN = params("cn_common")
FRANCE, CHINA, BRAZIL, INDIA, KENYA = "1", "2", "3", "4", "5"
ROOM = (FRANCE, CHINA, BRAZIL, INDIA)


def refused(code: ErrorCode, command: Callable[[], object]) -> ProcedureError:
    with pytest.raises(ProcedureError) as error:
        command()
    assert error.value.code == code
    return error.value


def in_debate() -> FloorDoc:
    """Session 1 in formal debate: four delegations in the room, Kenya absent."""
    floor = open_session(FloorDoc(), 1).floor
    marks = {key: Mark(RollStatus.PRESENT, T0) for key in ROOM}
    marks[KENYA] = Mark(RollStatus.ABSENT)
    return replace(floor, phase=Phase.GSL, attendance=marks)


def ruled(
    floor: FloorDoc,
    outcome: PointOutcome,
    *,
    raiser: str = FRANCE,
    when: float = 1,
    rules: Parameters = CN,
) -> tuple[FloorDoc, str]:
    """`raiser` raises a point of order and the chair rules on it: the floor and the ruling's
    id."""
    floor = raise_point(floor, rules, raiser, PointKind.ORDER, at(when)).floor
    pending = find_own_point(floor, raiser)
    assert pending is not None
    floor = resolve_point(floor, rules, pending, outcome, at(when + 1)).floor
    (ruling,) = (r for r in floor.point_rulings if r.point.delegation == raiser)
    return floor, ruling.ruling.id


def appealed(
    outcome: PointOutcome, appellant: str = CHINA, rules: Parameters = CN
) -> tuple[FloorDoc, str, str]:
    """France's point ruled `outcome`, appealed by `appellant` and seconded by Brazil:
    (floor, ruling id, appeal motion id)."""
    floor, ruling_id = ruled(in_debate(), outcome, rules=rules)
    moved = appeal_ruling(floor, rules, appellant, at(5), ruling_id=ruling_id)
    assert isinstance(moved.facts, MotionRaised)
    appeal = moved.facts.motion
    return record_second(moved.floor, rules, appeal, BRAZIL).floor, ruling_id, appeal


def decided(floor: FloorDoc, appeal: str, yes: int, no: int) -> Transition:
    """The appeal put to a placard vote and closed with `yes` to overturn and `no`."""
    present = [member(key) for key in ROOM]
    opened = open_vote(
        floor, CN, appeal, at(10), by_phone=False, membership=len(ROOM), attendees=present
    )
    electorate = snapshot_electorate(CN, len(ROOM), present, substantive=False, now=at(10))
    return close_vote(
        opened.transition.floor,
        CN,
        at(20),
        electorate=electorate,
        yes=yes,
        no=no,
        roll_order=ROOM,
    )


# ---- moving the appeal -------------------------------------------------------------------------


def test_a_ruling_on_a_point_of_order_is_appealed_as_a_motion_and_frozen() -> None:
    floor, ruling_id = ruled(in_debate(), PointOutcome.NOT_WELL_TAKEN)
    ruling = point_ruling(floor, ruling_id)
    assert ruling is not None and point_ruling_appealable(floor, CN, ruling)
    moved = appeal_ruling(floor, CN, FRANCE, at(5), ruling_id=ruling_id)
    (appeal,) = moved.floor.motions.pending
    assert (appeal.code, appeal.target, appeal.mover) == (MotionCode.APPEAL, ruling_id, FRANCE)
    assert moved.facts == MotionRaised(
        appeal.id, MotionCode.APPEAL, (1,), MotionValues(target=ruling_id), point_by=1
    )
    frozen = point_ruling(moved.floor, ruling_id)
    assert frozen is not None and frozen.ruling.state is RulingState.UNDER_APPEAL
    assert not point_ruling_appealable(moved.floor, CN, frozen)


def test_any_delegation_in_the_room_may_appeal_and_a_second_appellant_joins() -> None:
    floor, ruling_id = ruled(in_debate(), PointOutcome.WELL_TAKEN)
    moved = appeal_ruling(floor, CN, CHINA, at(5), ruling_id=ruling_id).floor
    joined = appeal_ruling(moved, CN, INDIA, at(6), ruling_id=ruling_id)
    (appeal,) = joined.floor.motions.pending
    assert appeal.movers == (CHINA, INDIA)
    assert joined.facts.merged_into == appeal.id and joined.facts.point_by == 1


def test_an_appellant_must_be_in_the_room_and_a_phone_appeals_only_for_itself() -> None:
    floor, ruling_id = ruled(in_debate(), PointOutcome.NOT_WELL_TAKEN)
    refused(
        ErrorCode.NOT_PRESENT, lambda: appeal_ruling(floor, CN, KENYA, at(5), ruling_id=ruling_id)
    )
    refused(
        ErrorCode.ACTS_ONLY_FOR_ITSELF,
        lambda: appeal_ruling(floor, CN, CHINA, at(5), ruling_id=ruling_id, requested_by=FRANCE),
    )


def test_an_unknown_ruling_cannot_be_appealed() -> None:
    floor, _ruling_id = ruled(in_debate(), PointOutcome.NOT_WELL_TAKEN)
    refused(
        ErrorCode.NO_RULING_TO_APPEAL,
        lambda: appeal_ruling(floor, CN, CHINA, at(5), ruling_id="point-99"),
    )


def test_no_appeal_when_the_profile_has_none() -> None:
    rules = params("cn_common", appeal_enabled=False)
    floor, ruling_id = ruled(in_debate(), PointOutcome.NOT_WELL_TAKEN, rules=rules)
    ruling = point_ruling(floor, ruling_id)
    assert ruling is not None and not point_ruling_appealable(floor, rules, ruling)
    refused(
        ErrorCode.APPEAL_DISABLED,
        lambda: appeal_ruling(floor, rules, CHINA, at(5), ruling_id=ruling_id),
    )


def test_no_appeal_of_a_ruling_on_a_point_the_profile_makes_final() -> None:
    rules = params("cn_common", non_appealable_rulings=[RulingSubject.POINT_OF_ORDER.value])
    floor, ruling_id = ruled(in_debate(), PointOutcome.OUT_OF_ORDER, rules=rules)
    ruling = point_ruling(floor, ruling_id)
    assert ruling is not None and not point_ruling_appealable(floor, rules, ruling)
    error = refused(
        ErrorCode.NOT_APPEALABLE,
        lambda: appeal_ruling(floor, rules, CHINA, at(5), ruling_id=ruling_id),
    )
    assert error.facts["subject"] == "point_of_order"


def test_an_answer_to_another_point_is_no_ruling_to_appeal() -> None:
    floor = raise_point(in_debate(), CN, FRANCE, PointKind.PARLIAMENTARY_INQUIRY, at(1)).floor
    pending = find_own_point(floor, FRANCE)
    assert pending is not None
    answered = resolve_point(floor, CN, pending, PointOutcome.ANSWERED, at(2)).floor
    assert answered.point_rulings == ()
    refused(
        ErrorCode.NO_RULING_TO_APPEAL,
        lambda: appeal_ruling(answered, CN, FRANCE, at(5), ruling_id="point-1"),
    )


@pytest.mark.parametrize("later", ["point", "motion", "vote"])
def test_a_ruling_is_appealed_at_once_or_not_once_the_floor_moves_on(later: str) -> None:
    floor, ruling_id = ruled(in_debate(), PointOutcome.NOT_WELL_TAKEN)
    if later == "point":  # the chair rules on another delegation's point
        floor, _other = ruled(floor, PointOutcome.WELL_TAKEN, raiser=INDIA, when=3)
    else:
        moved = raise_motion(floor, CN, MotionCode.SUSPEND_MEETING, CHINA, at(3))
        assert isinstance(moved.facts, MotionRaised)
        motion = moved.facts.motion
        floor = record_second(moved.floor, CN, motion, BRAZIL).floor
        if later == "motion":
            floor = rule_on_motion(floor, CN, motion, MotionDecision.IN_ORDER, at(4)).floor
        else:
            present = [member(key) for key in ROOM]
            opened = open_vote(
                floor, CN, motion, at(4), by_phone=True, membership=4, attendees=present
            )
            floor = opened.transition.floor
    ruling = point_ruling(floor, ruling_id)
    assert ruling is not None and not point_ruling_appealable(floor, CN, ruling)
    refused(
        ErrorCode.RULING_NO_LONGER_APPEALABLE,
        lambda: appeal_ruling(floor, CN, FRANCE, at(5), ruling_id=ruling_id),
    )


def test_the_appeal_of_a_point_ruling_leaves_the_ruling_on_a_motion_alone() -> None:
    moved = raise_motion(in_debate(), CN, MotionCode.SUSPEND_MEETING, CHINA, at(0))
    assert isinstance(moved.facts, MotionRaised)
    floor = record_second(moved.floor, CN, moved.facts.motion, BRAZIL).floor
    motion_ruled = rule_on_motion(
        floor, CN, moved.facts.motion, MotionDecision.OUT_OF_ORDER, at(0.5)
    ).floor
    floor, ruling_id = ruled(motion_ruled, PointOutcome.NOT_WELL_TAKEN)
    appealed_floor = appeal_ruling(floor, CN, FRANCE, at(5), ruling_id=ruling_id).floor
    assert appealed_floor.motion_ruling == motion_ruled.motion_ruling
    (appeal,) = (m for m in appealed_floor.motions.pending if m.code is MotionCode.APPEAL)
    assert appeal.target == ruling_id


# ---- a ruling under appeal ---------------------------------------------------------------------


def test_raising_another_point_keeps_the_ruling_under_appeal_for_its_vote() -> None:
    floor, ruling_id, appeal = appealed(PointOutcome.NOT_WELL_TAKEN)
    again = raise_point(floor, CN, FRANCE, PointKind.PARLIAMENTARY_INQUIRY, at(6)).floor
    kept = point_ruling(again, ruling_id)
    assert kept is not None and kept.ruling.state is RulingState.UNDER_APPEAL
    closing = decided(again, appeal, yes=1, no=3)
    assert closing.facts.ruling_overturned is False


def test_no_one_joins_an_appeal_once_its_vote_has_started() -> None:
    floor, ruling_id, appeal = appealed(PointOutcome.NOT_WELL_TAKEN)
    present = [member(key) for key in ROOM]
    voting = open_vote(floor, CN, appeal, at(10), by_phone=True, membership=4, attendees=present)
    refused(
        ErrorCode.VOTE_ALREADY_STARTED,
        lambda: appeal_ruling(voting.transition.floor, CN, INDIA, at(11), ruling_id=ruling_id),
    )


# ---- the appeal decided ------------------------------------------------------------------------


def test_an_appeal_that_fails_upholds_the_ruling_and_it_is_not_appealed_twice() -> None:
    floor, ruling_id, appeal = appealed(PointOutcome.NOT_WELL_TAKEN)
    closing = decided(floor, appeal, yes=2, no=2)  # ⅔ of the 4 present is 3
    after = closing.floor
    assert isinstance(closing.facts, MotionVoteClosed)
    assert (closing.facts.ruling_overturned, closing.facts.point_by) == (False, 1)
    assert closing.facts.point_heard_again is False
    upheld = point_ruling(after, ruling_id)
    assert upheld is not None and upheld.ruling.state is RulingState.UPHELD
    assert after.motions.get(appeal).status is MotionStatus.FAILED
    assert after.points == ()
    refused(
        ErrorCode.RULING_ALREADY_APPEALED,
        lambda: appeal_ruling(after, CN, INDIA, at(21), ruling_id=ruling_id),
    )


def test_an_overturned_ruling_that_the_point_was_not_well_taken_stands_reversed() -> None:
    floor, ruling_id, appeal = appealed(PointOutcome.NOT_WELL_TAKEN)
    closing = decided(floor, appeal, yes=3, no=1)
    after = closing.floor
    assert isinstance(closing.facts, MotionVoteClosed)
    assert closing.facts.ruling_overturned is True and closing.facts.passed
    assert closing.facts.point_heard_again is False
    overturned = point_ruling(after, ruling_id)
    assert overturned is not None
    assert overturned.ruling.state is RulingState.OVERTURNED
    assert overturned.ruling.decision == PointOutcome.NOT_WELL_TAKEN  # read as reversed
    assert after.motions.get(appeal).status is MotionStatus.CARRIED
    assert after.points == ()
    refused(
        ErrorCode.RULING_ALREADY_APPEALED,
        lambda: appeal_ruling(after, CN, FRANCE, at(21), ruling_id=ruling_id),
    )


def test_an_overturned_ruling_out_of_order_puts_the_point_back_for_the_chair() -> None:
    floor, ruling_id, appeal = appealed(PointOutcome.OUT_OF_ORDER)
    numbered = floor.next_point_number
    closing = decided(floor, appeal, yes=4, no=0)
    after = closing.floor
    assert isinstance(closing.facts, MotionVoteClosed)
    assert closing.facts.point_heard_again is True
    (back,) = after.points
    assert (back.point.delegation, back.point.kind, back.point.seq) == (
        FRANCE,
        PointKind.ORDER,
        numbered,
    )
    assert (back.raised_at, back.admission) == (at(20), Admission.NOW)
    assert after.next_point_number == numbered + 1
    overturned = point_ruling(after, ruling_id)
    assert overturned is not None and overturned.ruling.state is RulingState.OVERTURNED
    # The chair rules on it again: the new ruling replaces the overturned one on the phone.
    again = resolve_point(after, CN, back, PointOutcome.NOT_WELL_TAKEN, at(30)).floor
    (latest,) = again.point_rulings
    assert latest.ruling.id != ruling_id and latest.ruling.state is RulingState.IN_FORCE


def test_a_point_back_after_its_appeal_waits_while_someone_speaks() -> None:
    floor, _ruling_id, appeal = appealed(PointOutcome.OUT_OF_ORDER)
    speaking = replace(floor, speech=start_speech(CN, INDIA, at(6)))
    (back,) = decided(speaking, appeal, yes=3, no=1).floor.points
    assert back.admission is Admission.QUEUED


def test_a_point_is_not_heard_again_when_its_raiser_has_another_pending() -> None:
    floor, ruling_id, appeal = appealed(PointOutcome.OUT_OF_ORDER)
    floor = raise_point(floor, CN, FRANCE, PointKind.PARLIAMENTARY_INQUIRY, at(6)).floor
    closing = decided(floor, appeal, yes=3, no=1)
    assert isinstance(closing.facts, MotionVoteClosed)
    assert closing.facts.ruling_overturned is True
    assert closing.facts.point_heard_again is False
    (only,) = closing.floor.points
    assert only.point.kind is PointKind.PARLIAMENTARY_INQUIRY
    overturned = point_ruling(closing.floor, ruling_id)
    assert overturned is not None and overturned.ruling.state is RulingState.OVERTURNED
