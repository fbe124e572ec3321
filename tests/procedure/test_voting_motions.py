"""Raising the voting-procedure motions with what they name, engine only (procedure.md §3.2
V1–V6, §6.5): a division's parts and a reorder's order reach the motion and its facts, cleaned
as the mover gave them and refused when wrong; a carried division reaches the order of voting."""

from __future__ import annotations

from dataclasses import replace

import pytest

from committee.procedure import voting_floor
from committee.procedure.attendance import RollStatus
from committee.procedure.choices import MotionCode
from committee.procedure.errors import ErrorCode, ProcedureError
from committee.procedure.facts.motions import MotionRaised
from committee.procedure.floor import FloorDoc, Mark
from committee.procedure.motions_floor import close_vote, open_vote, raise_motion, record_second
from committee.procedure.parameters import Parameters
from committee.procedure.phases import Phase
from committee.procedure.sitting import open_session
from committee.procedure.voting import VotingTrigger
from committee.procedure.voting_motions import cleaned_order, cleaned_parts
from tests.procedure.helpers import T0, at, member, params

M = MotionCode
ROOM = ("1", "2", "3", "4", "5")
# DR 7: operative c1, c2 (with sub-clauses c2a, c2b), c3. DR 8: operative d1, d2.
DR7 = voting_floor.DrPaper(
    "7",
    operative=("c1", "c2", "c3"),
    subclauses=("c2a", "c2b"),
    parents=(("c2a", "c2"), ("c2b", "c2")),
)
DR8 = voting_floor.DrPaper("8", operative=("d1", "d2"))


def in_voting(rules: Parameters) -> FloorDoc:
    floor = open_session(FloorDoc(), 1).floor
    floor = replace(
        floor,
        phase=Phase.VOTING_PROCEDURE,
        attendance={key: Mark(RollStatus.PRESENT, T0) for key in ROOM},
    )
    attendees = [member(key) for key in ROOM]
    return voting_floor.begin(floor, rules, VotingTrigger.CLOSURE, attendees, (DR7, DR8), at(1))


def raised(floor: FloorDoc, rules: Parameters, code: MotionCode, mover: str = "1", **named):
    transition = raise_motion(floor, rules, code, mover, at(2), **named)
    assert isinstance(transition.facts, MotionRaised)
    return transition.floor, transition.facts


def refused(floor: FloorDoc, rules: Parameters, code: MotionCode, **named) -> ProcedureError:
    with pytest.raises(ProcedureError) as refusal:
        raise_motion(floor, rules, code, "1", at(2), **named)
    return refusal.value


def test_a_division_names_each_part_once_in_the_order_of_the_text() -> None:
    rules = params()
    floor, facts = raised(
        in_voting(rules), rules, M.DIVIDE_QUESTION, target=" 7 ", parts=(" c3", "c1", "c3 ", "")
    )
    motion = floor.motions.get(facts.motion)
    assert (motion.target, motion.parts) == ("7", ("c1", "c3"))
    assert (facts.values.target, facts.values.parts, facts.values.order) == ("7", ("c1", "c3"), ())


def test_the_same_division_asked_in_another_order_is_the_same_motion() -> None:
    rules = params()
    floor, first = raised(
        in_voting(rules), rules, M.DIVIDE_QUESTION, target="7", parts=("c3", "c1")
    )
    floor, second = raised(floor, rules, M.DIVIDE_QUESTION, "2", target="7", parts=("c1", "c3"))
    assert second.merged_into == first.motion
    assert floor.motions.get(first.motion).movers == ("1", "2")


@pytest.mark.parametrize(
    "parts",
    [("d1",), ("p1",), ("c2a",), ()],
    ids=["another drafts clause", "not an operative clause", "a sub-clause", "nothing"],
)
def test_a_division_naming_what_it_may_not_is_refused(parts: tuple[str, ...]) -> None:
    rules = params()
    refusal = refused(in_voting(rules), rules, M.DIVIDE_QUESTION, target="7", parts=parts)
    expected = ErrorCode.MOTION_MISSING_PARAMETER if not parts else ErrorCode.DIVISION_INVALID
    assert refusal.code == expected


def test_where_the_profile_divides_by_sub_clause_a_sub_clause_is_a_part() -> None:
    rules = params(division_unit="subclause")
    floor, facts = raised(
        in_voting(rules), rules, M.DIVIDE_QUESTION, target="7", parts=("c3", "c2b", "c1")
    )
    assert floor.motions.get(facts.motion).parts == ("c1", "c2b", "c3")


def test_a_motion_on_a_draft_not_in_voting_is_refused() -> None:
    rules = params()
    for code in (M.ROLL_CALL_VOTE, M.DIVIDE_QUESTION):
        refusal = refused(in_voting(rules), rules, code, target="5", parts=("c1",))
        assert refusal.code == ErrorCode.DOCUMENT_NOT_READY


def test_a_reorder_keeps_the_order_given_and_says_it_in_its_facts() -> None:
    rules = params()
    floor, facts = raised(in_voting(rules), rules, M.REORDER_DRS, order=(" 8", "", "7 "))
    assert floor.motions.get(facts.motion).order == ("8", "7")
    assert facts.values.order == ("8", "7")


@pytest.mark.parametrize("order", [("8", "8"), ("8",), ("8", "7", "9")])
def test_a_reorder_that_does_not_name_each_draft_once_is_refused(order: tuple[str, ...]) -> None:
    rules = params()
    assert refused(in_voting(rules), rules, M.REORDER_DRS, order=order).code == (
        ErrorCode.REORDER_INVALID
    )


def test_arguments_are_cleaned_without_a_draft_in_voting_too() -> None:
    assert cleaned_parts(None, M.DIVIDE_QUESTION, "7", ["b", " a", "b", " "]) == ("b", "a")
    assert cleaned_order(M.REORDER_DRS, [" 8", "8", ""]) == ("8", "8")


def test_only_a_division_has_parts_and_only_a_reorder_an_order() -> None:
    rules = params()
    floor, facts = raised(
        in_voting(rules), rules, M.ROLL_CALL_VOTE, target="7", parts=("c1",), order=("8", "7")
    )
    motion = floor.motions.get(facts.motion)
    assert (motion.target, motion.parts, motion.order) == ("7", (), ())
    floor, again = raised(floor, rules, M.ROLL_CALL_VOTE, "2", target="7")
    assert again.merged_into == facts.motion


def test_a_carried_division_puts_its_parts_into_the_order_of_voting() -> None:
    rules = params()
    floor, facts = raised(
        in_voting(rules), rules, M.DIVIDE_QUESTION, target="7", parts=("c3", "c1")
    )
    floor = record_second(floor, rules, facts.motion, "2").floor
    attendees = [member(key) for key in ROOM]
    opened = open_vote(
        floor, rules, facts.motion, at(5), by_phone=False, membership=5, attendees=attendees
    )
    closed = close_vote(
        opened.transition.floor,
        rules,
        at(9),
        electorate=opened.electorate,
        yes=4,
        no=1,
        roll_order=ROOM,
    )
    state = closed.floor.voting
    assert state is not None and state.dr("7").divided
    assert [item.ref for item in state.items] == [
        "part:7:c1",
        "part:7:c3",
        "dr:7",
        "dr:8",
    ]
