"""The edge cases of voting procedure (procedure.md §8.23–8.38) through the services: what the
dais, the phones and the roll call may and may not do, what is written once, and what a
result or a voided result does to the papers."""

from __future__ import annotations

from typing import Any

import pytest

from committee.models import (
    Ballot,
    ConsensusObjection,
    Delegation,
    Document,
    FloorEvent,
    Question,
)
from committee.procedure import rollcall
from committee.procedure.errors import ProcedureError
from committee.procedure.voting import ItemStatus
from committee.services import floor, motions, voting
from tests import factories
from tests.committee.floor_clock import Clock, start_clock
from tests.committee.test_floor_motions import raise_seconded
from tests.committee.voting_room import VotingRoom, enter_voting, voting_room

pytestmark = pytest.mark.django_db


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Clock:
    return start_clock(monkeypatch)


@pytest.fixture
def room() -> VotingRoom:
    return voting_room()


# ---- helpers -----------------------------------------------------------------------------------


def refused(call: Any, **kwargs: Any) -> str:
    with pytest.raises(ProcedureError) as refusal:
        call(**kwargs)
    return refusal.value.code


def carry(room: VotingRoom, code: str, *, yes: int = 6, no: int = 2, **fields: Any) -> None:
    """A voting-procedure motion moved, seconded and carried by placard."""
    motion_id = raise_seconded(room.committee, room.members[2], room.members[3], code, **fields)
    motions.motion_vote_open(
        committee=room.committee, user=room.chair, motion_id=motion_id, by_phone=False
    )
    motions.motion_vote_close(committee=room.committee, user=room.chair, yes=yes, no=no)


def by_placard(room: VotingRoom, yes: int, no: int, abstain: int = 0) -> Question:
    """The next item put by placard and its result announced."""
    question = voting.vote_open(committee=room.committee, user=room.chair, method="placards")
    voting.vote_close(committee=room.committee, user=room.chair, yes=yes, no=no, abstain=abstain)
    question.refresh_from_db()
    return question


def item_statuses(room: VotingRoom) -> dict[str, ItemStatus]:
    state = room.doc().voting
    assert state is not None
    return {item.ref: item.status for item in state.items}


def called(room: VotingRoom, question: Question) -> list[Delegation]:
    """The delegations in the order the roll call calls them."""
    by_pk = {m.pk: m for m in room.members}
    return [by_pk[pk] for pk in question.call_order]


def answer(room: VotingRoom, delegation: Delegation, choice: str) -> None:
    voting.vote_roll_answer(
        committee=room.committee, user=room.chair, delegation_id=delegation.pk, choice=choice
    )


def roll_call_on_dr1(room: VotingRoom) -> Question:
    """A roll call carried on DR 1.1, its amendment rejected by placard, the roll called."""
    carry(room, "roll_call_vote", target=str(room.dr1.pk))
    by_placard(room, 1, 7)
    return voting.vote_open(committee=room.committee, user=room.chair, method="roll_call")


def first_round(room: VotingRoom, question: Question, answers: dict[int, str]) -> None:
    """Round 1: everyone called answers Yes unless `answers` says otherwise (by member index)."""
    index = {m.pk: i for i, m in enumerate(room.members)}
    for delegation in called(room, question):
        answer(room, delegation, answers.get(index[delegation.pk], "yes"))


def ballot_of(question: Question, delegation: Delegation, round_: int = 1) -> str:
    return Ballot.objects.get(question=question, delegation=delegation, round=round_).choice


# ---- results (§8.28, §8.31) --------------------------------------------------------------------


def test_a_tie_fails_equally_divided_and_the_amendment_is_rejected(room):
    question = by_placard(room, 4, 4, 2)
    assert (question.passed, question.verdict) == (False, "equally_divided")
    room.amendment.refresh_from_db()
    assert room.amendment.status == "rejected"
    assert len(room.texts(room.dr1)) == 3


def test_a_phone_vote_may_change_until_the_result_then_it_is_frozen(room):
    committee, members = room.committee, room.members
    question = voting.vote_open(committee=committee, user=room.chair, method="phones")
    voting.vote_ballot_cast(committee=committee, delegation=members[0], choice="yes")
    voting.vote_ballot_cast(committee=committee, delegation=members[0], choice="no")
    assert ballot_of(question, members[0]) == "no"
    changed = FloorEvent.objects.filter(kind="vote_ballot_cast").order_by("seq").last()
    assert changed is not None and changed.payload["changed"] is True
    for member in members[1:]:
        voting.vote_ballot_cast(committee=committee, delegation=member, choice="yes")
    voting.vote_close(committee=committee, user=room.chair)
    code = refused(
        voting.vote_ballot_cast, committee=committee, delegation=members[0], choice="yes"
    )
    assert code == "no_question_open"
    assert ballot_of(question, members[0]) == "no"
    question.refresh_from_db()
    assert (question.yes, question.no) == (9, 1)


def test_the_same_vote_sent_twice_keeps_one_ballot(room):
    committee, member = room.committee, room.members[4]
    question = voting.vote_open(committee=committee, user=room.chair, method="phones")
    for _tap in range(2):
        voting.vote_ballot_cast(committee=committee, delegation=member, choice="yes")
    assert Ballot.objects.filter(question=question, delegation=member).count() == 1
    assert Ballot.objects.filter(question=question).count() == 1


def test_a_result_cannot_be_announced_twice_or_changed(room):
    question = by_placard(room, 8, 2)
    code = refused(voting.vote_close, committee=room.committee, user=room.chair, yes=2, no=8)
    assert code == "no_question_open"
    question.refresh_from_db()
    assert (question.yes, question.no, question.passed) == (8, 2, True)
    assert Question.objects.filter(kind="amendment").count() == 1


# ---- present and voting, passes, rights (§8.29, §8.30, §8.32) ----------------------------------


def test_a_present_and_voting_member_may_not_abstain_and_is_asked_again():
    room = voting_room(enter=False)
    pv = room.members[2]
    floor.attendance_set(
        committee=room.committee,
        delegation_id=pv.pk,
        status="present_and_voting",
        user=room.chair,
    )
    enter_voting(room)
    question = voting.vote_open(committee=room.committee, user=room.chair, method="phones")
    code = refused(
        voting.vote_ballot_cast, committee=room.committee, delegation=pv, choice="abstain"
    )
    assert code == "abstention_not_allowed"
    assert not Ballot.objects.filter(question=question).exists()
    voting.vote_ballot_cast(committee=room.committee, delegation=pv, choice="yes")
    # A Present member may abstain.
    voting.vote_ballot_cast(committee=room.committee, delegation=room.members[3], choice="abstain")
    assert ballot_of(question, pv) == "yes"
    assert ballot_of(question, room.members[3]) == "abstain"


def test_at_a_roll_call_a_present_and_voting_member_who_abstains_is_called_again():
    room = voting_room(enter=False)
    pv = room.members[0]
    floor.attendance_set(
        committee=room.committee, delegation_id=pv.pk, status="present_and_voting", user=room.chair
    )
    enter_voting(room)
    question = roll_call_on_dr1(room)
    first = called(room, question)[0]
    assert first == pv
    assert refused(answer, room=room, delegation=pv, choice="abstain") == "abstention_not_allowed"
    answer(room, pv, "no")
    assert ballot_of(question, pv) == "no"


def test_a_second_pass_is_refused_and_a_passer_who_will_not_answer_did_not_vote(room):
    question = roll_call_on_dr1(room)
    passer = room.members[5]
    first_round(room, question, {5: "pass"})
    voting.vote_roll_round_two(committee=room.committee, user=room.chair)
    assert refused(answer, room=room, delegation=passer, choice="pass") == "pass_not_allowed"
    assert refused(answer, room=room, delegation=passer, choice="abstain") == (
        "abstention_not_allowed"
    )
    answer(room, passer, "refused")
    assert ballot_of(question, passer, 2) == "refused"
    voting.vote_close(committee=room.committee, user=room.chair)
    question.refresh_from_db()
    assert (question.yes, question.no, question.abstain, question.not_voting) == (9, 0, 0, 1)
    assert question.passed


def test_under_the_abstain_policy_a_present_passer_who_will_not_answer_abstains():
    room = voting_room(rules={"second_pass_policy": "abstain"})
    question = roll_call_on_dr1(room)
    passer = room.members[5]
    first_round(room, question, {5: "pass"})
    voting.vote_roll_round_two(committee=room.committee, user=room.chair)
    answer(room, passer, "refused")
    voting.vote_close(committee=room.committee, user=room.chair)
    question.refresh_from_db()
    assert (question.yes, question.abstain, question.not_voting) == (9, 1, 0)


def test_a_passer_may_not_ask_for_rights(room):
    question = roll_call_on_dr1(room)
    passer = room.members[5]
    first_round(room, question, {5: "pass", 6: "no_with_rights"})
    voting.vote_roll_round_two(committee=room.committee, user=room.chair)
    code = refused(answer, room=room, delegation=passer, choice="yes_with_rights")
    assert code == "rights_not_allowed"
    answer(room, passer, "no")
    # Nor by correcting the answer before the result.
    code = refused(answer, room=room, delegation=passer, choice="no_with_rights")
    assert code == "rights_not_allowed"
    voting.vote_close(committee=room.committee, user=room.chair)
    question.refresh_from_db()
    assert question.rights == [room.members[6].pk]


def test_a_roll_call_answer_may_be_corrected_until_the_result(room):
    question = roll_call_on_dr1(room)
    first_round(room, question, {})
    answer(room, room.members[7], "no")
    assert ballot_of(question, room.members[7]) == "no"
    voting.vote_close(committee=room.committee, user=room.chair)
    question.refresh_from_db()
    assert (question.yes, question.no) == (9, 1)
    code = refused(answer, room=room, delegation=room.members[7], choice="yes")
    assert code == "no_question_open"
    assert ballot_of(question, room.members[7]) == "no"


# ---- roll call drawn by lot (§8.37) ------------------------------------------------------------


def test_a_roll_call_drawn_by_lot_keeps_its_seed_and_starts_with_the_drawn_member():
    room = voting_room(rules={"roll_call_start": "drawn_by_lot"})
    question = roll_call_on_dr1(room)
    assert question.call_seed is not None
    alphabetical = [str(m.pk) for m in room.members]
    drawn = rollcall.call_order(room.committee.parameters(), alphabetical, question.call_seed)
    assert question.call_order == [int(d) for d in drawn.order]
    assert drawn.first is not None and question.call_order[0] == int(drawn.first)
    opened = FloorEvent.objects.get(kind="vote_opened", payload__subject__kind="dr")
    assert opened.payload["seed"] == question.call_seed
    assert opened.payload["first_called"] == question.call_order[0]
    # The roll starts with the member drawn: anyone else is not in turn.
    later = called(room, question)[1]
    assert refused(answer, room=room, delegation=later, choice="yes") == "not_your_turn"
    answer(room, called(room, question)[0], "yes")


# ---- phones and a missing device (§8.36) -------------------------------------------------------


def test_the_dais_enters_a_vote_for_a_delegation_without_a_phone(room):
    committee, members = room.committee, room.members
    question = voting.vote_open(committee=committee, user=room.chair, method="phones")
    voting.vote_ballot_enter(
        committee=committee, user=room.chair, delegation_id=members[3].pk, choice="no"
    )
    ballot = Ballot.objects.get(question=question, delegation=members[3])
    assert (ballot.choice, ballot.entered_by_dais) == ("no", True)
    entered = FloorEvent.objects.get(kind="vote_ballot_entered")
    assert entered.payload["entered_by_dais"] is True
    assert entered.payload["delegation"] == members[3].pk


def test_the_dais_cannot_overwrite_a_vote_given_on_a_phone(room):
    committee, member = room.committee, room.members[1]
    question = voting.vote_open(committee=committee, user=room.chair, method="phones")
    voting.vote_ballot_cast(committee=committee, delegation=member, choice="yes")
    code = refused(
        voting.vote_ballot_enter,
        committee=committee,
        user=room.chair,
        delegation_id=member.pk,
        choice="no",
    )
    assert code == "already_voted"
    ballot = Ballot.objects.get(question=question, delegation=member)
    assert (ballot.choice, ballot.entered_by_dais) == ("yes", False)


def test_closing_with_votes_missing_needs_the_chair_to_accept_them(room):
    committee = room.committee
    question = voting.vote_open(committee=committee, user=room.chair, method="phones")
    for member in room.members[:7]:
        voting.vote_ballot_cast(committee=committee, delegation=member, choice="yes")
    with pytest.raises(ProcedureError) as missing:
        voting.vote_close(committee=committee, user=room.chair)
    assert missing.value.code == "votes_missing" and missing.value.facts["count"] == 3
    question.refresh_from_db()
    assert question.closed_at is None
    voting.vote_close(committee=committee, user=room.chair, accept_missing=True)
    question.refresh_from_db()
    assert (question.yes, question.not_voting, question.passed) == (7, 3, True)


# ---- the doors (§6.1, §8.1) --------------------------------------------------------------------


def test_a_delegation_at_the_door_is_not_called_nor_counted_and_comes_in_at_the_end():
    room = voting_room(enter=False)
    late = room.members[9]
    floor.attendance_set(
        committee=room.committee, delegation_id=late.pk, status="absent", user=room.chair
    )
    enter_voting(room)
    floor.attendance_set(
        committee=room.committee, delegation_id=late.pk, status="present", user=room.chair
    )
    question = roll_call_on_dr1(room)
    assert late.pk not in question.call_order and len(question.call_order) == 9
    assert refused(answer, room=room, delegation=late, choice="yes")
    assert not Ballot.objects.filter(delegation=late).exists()
    first_round(room, question, {})
    voting.vote_close(committee=room.committee, user=room.chair)
    by_placard(room, 9, 0)  # DR 1.2
    voting.voting_end(committee=room.committee, user=room.chair)
    doc = room.doc()
    assert not doc.attendance[str(late.pk)].held_at_door
    assert str(late.pk) in doc.present_ids()


def test_a_roll_call_answer_from_the_door_is_refused_as_not_in_the_snapshot():
    room = voting_room(enter=False)
    late = room.members[9]
    floor.attendance_set(
        committee=room.committee, delegation_id=late.pk, status="absent", user=room.chair
    )
    enter_voting(room)
    floor.attendance_set(
        committee=room.committee, delegation_id=late.pk, status="present", user=room.chair
    )
    roll_call_on_dr1(room)
    assert refused(answer, room=room, delegation=late, choice="yes") == "not_in_snapshot"


# ---- voiding (§8.38) ---------------------------------------------------------------------------


def test_an_announced_result_is_only_voided_with_a_reason_and_the_papers_restored(room):
    original = room.texts(room.dr1)
    question = by_placard(room, 9, 1)
    room.amendment.refresh_from_db()
    assert room.amendment.status == "adopted" and len(room.texts(room.dr1)) == 2
    code = refused(voting.vote_void, committee=room.committee, user=room.chair, reason="  ")
    assert code == "void_needs_reason"
    voting.vote_void(committee=room.committee, user=room.chair, reason="Miscounted placards")
    question.refresh_from_db()
    assert question.voided_at is not None and question.void_reason == "Miscounted placards"
    # The announced counts stay on record.
    assert (question.yes, question.no, question.passed) == (9, 1, True)
    voided = FloorEvent.objects.get(kind="vote_voided")
    assert voided.payload["reason"] == "Miscounted placards" and not voided.undoable
    room.amendment.refresh_from_db()
    assert (room.amendment.status, room.amendment.decided_at) == ("awaiting_vote", None)
    assert room.texts(room.dr1) == original
    assert room.dr1.versions.get(number=room.dr1.version).source == "voided"
    assert item_statuses(room)[f"am:{room.amendment.pk}"] is ItemStatus.PENDING
    # Only the last result, once.
    code = refused(voting.vote_void, committee=room.committee, user=room.chair, reason="again")
    assert code == "nothing_to_void"


def test_voiding_a_rejected_amendment_leaves_the_text_whenever_it_was_written(clock):
    room = voting_room()  # the clock stands still: the papers and the result share a moment
    original = room.texts(room.dr1)
    by_placard(room, 2, 8)
    voting.vote_void(committee=room.committee, user=room.chair, reason="Miscounted")
    assert room.texts(room.dr1) == original
    room.amendment.refresh_from_db()
    assert room.amendment.status == "awaiting_vote"


def test_a_voided_adoption_returns_the_draft_to_introduced(room):
    by_placard(room, 2, 8)
    by_placard(room, 9, 1)
    room.dr1.refresh_from_db()
    assert (room.dr1.status, room.dr1.resolution_number) == ("adopted", 1)
    voting.vote_void(committee=room.committee, user=room.chair, reason="Wrong draft")
    room.dr1.refresh_from_db()
    assert (room.dr1.status, room.dr1.resolution_number, room.dr1.decided_at) == (
        "introduced",
        None,
        None,
    )
    assert item_statuses(room)[f"dr:{room.dr1.pk}"] is ItemStatus.PENDING


def test_the_result_before_the_last_cannot_be_voided(room):
    first = by_placard(room, 2, 8)
    by_placard(room, 9, 1)
    voting.vote_void(committee=room.committee, user=room.chair, reason="Wrong draft")
    code = refused(voting.vote_void, committee=room.committee, user=room.chair, reason="Too")
    assert code == "nothing_to_void"
    first.refresh_from_db()
    assert first.voided_at is None


# ---- consensus (§6.7, §8.35) -------------------------------------------------------------------


def consensus_room(rules: dict[str, Any] | None = None) -> tuple[VotingRoom, Delegation]:
    """The voting room with an observer delegation present before the doors close."""
    room = voting_room(enter=False, rules=rules)
    observer = factories.delegation(room.committee, "Observer State", kind="observer")
    floor.attendance_set(
        committee=room.committee, delegation_id=observer.pk, status="present", user=room.chair
    )
    enter_voting(room)
    return room, observer


def test_an_observers_objection_cannot_block_consensus(clock):
    room, observer = consensus_room({"chair_may_propose_consensus": True})
    question = voting.vote_open(committee=room.committee, user=room.chair, method="consensus")
    voting.vote_consensus_object(committee=room.committee, delegation=observer)
    objected = FloorEvent.objects.get(kind="vote_consensus_objected")
    assert objected.payload["counts"] is False
    code = refused(voting.vote_consensus_confirm, committee=room.committee, user=room.chair)
    assert code == "objection_window_open"
    clock.advance(room.committee.parameters().consensus_objection_window + 1)
    voting.vote_consensus_confirm(committee=room.committee, user=room.chair)
    question.refresh_from_db()
    assert question.passed and question.closed_at is not None
    assert ConsensusObjection.objects.filter(question=question, delegation=observer).exists()
    room.amendment.refresh_from_db()
    assert room.amendment.status == "adopted"
    announced = FloorEvent.objects.get(kind="vote_announced")
    assert announced.payload["verdict"] is None  # adopted without a vote


def test_a_members_objection_to_consensus_leads_to_a_vote(clock):
    room, _observer = consensus_room()
    # Carried unless anyone objects: the ten members and the observer raise Yes.
    carry(room, "adopt_by_consensus", target=str(room.dr2.pk), yes=11, no=0)
    by_placard(room, 2, 8)  # the amendment
    by_placard(room, 9, 1)  # DR 1.1
    question = voting.vote_open(committee=room.committee, user=room.chair, method="consensus")
    voting.vote_consensus_object(committee=room.committee, delegation=room.members[8])
    clock.advance(room.committee.parameters().consensus_objection_window + 1)
    voting.vote_consensus_confirm(committee=room.committee, user=room.chair)
    question.refresh_from_db()
    assert question.passed is False and question.closed_at is not None
    failed = FloorEvent.objects.get(kind="vote_consensus_failed")
    assert failed.payload["to_vote"] is True
    assert failed.payload["objections"] == [room.members[8].pk]
    room.dr2.refresh_from_db()
    assert room.dr2.status == "introduced"
    # The motion for consensus is spent: DR 1.2 is put to a vote.
    code = refused(voting.vote_open, committee=room.committee, user=room.chair, method="consensus")
    assert code == "method_not_allowed"
    by_placard(room, 8, 2)
    room.dr2.refresh_from_db()
    assert room.dr2.status == "adopted"


def test_under_continue_negotiation_an_objection_takes_the_draft_out_of_the_vote(clock):
    rules = {"consensus_fallback": "continue_negotiation", "chair_may_propose_consensus": True}
    room, _observer = consensus_room(rules)
    question = voting.vote_open(committee=room.committee, user=room.chair, method="consensus")
    voting.vote_consensus_object(committee=room.committee, delegation=room.members[0])
    clock.advance(room.committee.parameters().consensus_objection_window + 1)
    voting.vote_consensus_confirm(committee=room.committee, user=room.chair)
    failed = FloorEvent.objects.get(kind="vote_consensus_failed")
    assert failed.payload["to_vote"] is False
    statuses = item_statuses(room)
    assert statuses[f"am:{room.amendment.pk}"] is ItemStatus.NOT_PUT
    assert statuses[f"dr:{room.dr1.pk}"] is ItemStatus.NOT_PUT
    # Back to negotiation: the papers are as they were, and DR 1.2 is voted next.
    room.amendment.refresh_from_db()
    room.dr1.refresh_from_db()
    assert (room.amendment.status, room.dr1.status) == ("awaiting_vote", "introduced")
    assert question.pk != by_placard(room, 9, 1).pk
    voting.voting_end(committee=room.committee, user=room.chair)
    room.dr1.refresh_from_db()
    room.dr2.refresh_from_db()
    assert (room.dr1.status, room.dr2.status) == ("introduced", "adopted")


# ---- division of the question, lapses (§6.5, §8.23, §8.26, §8.34) -------------------------------


def test_a_rejected_part_of_a_divided_draft_is_struck_from_its_text(room):
    first, second, third = room.operative_ids(room.dr1)
    carry(room, "divide_question", target=str(room.dr1.pk), parts=(first,))
    by_placard(room, 2, 8)  # the amendment
    part = by_placard(room, 2, 8)
    assert (part.kind, part.clause, part.passed) == ("division_part", first, False)
    assert room.operative_ids(room.dr1) == [second, third]
    assert room.dr1.versions.get(number=room.dr1.version).source == "division"
    dr = by_placard(room, 9, 1)
    assert dr.kind == "dr" and dr.passed


def test_voiding_a_rejected_part_restores_its_clause(room):
    clauses = room.operative_ids(room.dr1)
    carry(room, "divide_question", target=str(room.dr1.pk), parts=(clauses[1],))
    by_placard(room, 2, 8)  # the amendment
    by_placard(room, 2, 8)  # the part: struck
    assert room.operative_ids(room.dr1) == [clauses[0], clauses[2]]
    voting.vote_void(committee=room.committee, user=room.chair, reason="Wrong part put")
    assert room.operative_ids(room.dr1) == clauses
    assert item_statuses(room)[f"part:{room.dr1.pk}:{clauses[1]}"] is ItemStatus.PENDING


def test_an_adopted_amendment_lapses_the_part_on_the_clause_it_struck(room):
    first, _second, third = room.operative_ids(room.dr1)
    carry(room, "divide_question", target=str(room.dr1.pk), parts=(third, first))
    by_placard(room, 9, 1)  # the amendment strikes the third clause
    statuses = item_statuses(room)
    assert statuses[f"part:{room.dr1.pk}:{third}"] is ItemStatus.NOT_PUT
    part = by_placard(room, 8, 2)
    assert part.clause == first
    assert not Question.objects.filter(kind="division_part", clause=third).exists()


def test_a_division_by_sub_clause_is_voted_in_the_order_of_the_text():
    room = voting_room(rules={"division_unit": "subclause"})
    room.dr1.refresh_from_db()
    body = room.dr1.versions.get(number=room.dr1.version).body
    sub_clause = body["operative"][1]["children"][0]["id"]
    third = body["operative"][2]["id"]
    carry(room, "divide_question", target=str(room.dr1.pk), parts=(third, sub_clause))
    state = room.doc().voting
    assert state is not None
    parts = [item.ref for item in state.items if item.kind.value == "division_part"]
    assert parts == [f"part:{room.dr1.pk}:{sub_clause}", f"part:{room.dr1.pk}:{third}"]


def test_a_divided_draft_left_with_nothing_after_an_amendment_is_rejected_without_a_vote(room):
    first, second, _third = room.operative_ids(room.dr1)
    carry(room, "divide_question", target=str(room.dr1.pk), parts=(first, second))
    by_placard(room, 9, 1)  # the amendment strikes the third clause, outside the division
    by_placard(room, 2, 8)
    by_placard(room, 2, 8)
    room.dr1.refresh_from_db()
    assert room.dr1.status == "rejected"
    assert item_statuses(room)[f"dr:{room.dr1.pk}"] is ItemStatus.REJECTED_WITHOUT_VOTE


def test_under_stop_after_first_adopted_the_later_draft_lapses():
    room = voting_room(rules={"stop_after_first_adopted": True})
    by_placard(room, 2, 8)
    by_placard(room, 9, 1)
    room.dr2.refresh_from_db()
    assert room.dr2.status == "lapsed" and room.dr2.decided_at is not None
    assert item_statuses(room)[f"dr:{room.dr2.pk}"] is ItemStatus.LAPSED
    voting.voting_end(committee=room.committee, user=room.chair)
    assert Document.objects.filter(status="adopted").get() == room.dr1


# ---- the decision quorum (§8.2) ----------------------------------------------------------------


def test_no_substantive_vote_opens_without_the_decision_quorum():
    room = voting_room(enter=False)
    for member in room.members[5:]:
        floor.attendance_set(
            committee=room.committee, delegation_id=member.pk, status="absent", user=room.chair
        )
    motion_id = raise_seconded(room.committee, room.members[0], room.members[1], "close_debate")
    motions.motion_vote_open(
        committee=room.committee, user=room.chair, motion_id=motion_id, by_phone=False
    )
    motions.motion_vote_close(committee=room.committee, user=room.chair, yes=5, no=0)
    assert room.doc().voting is not None
    code = refused(voting.vote_open, committee=room.committee, user=room.chair, method="placards")
    assert code == "decision_quorum_lost"
    assert not Question.objects.exclude(kind="motion").exists()


# ---- the log (§8.38) ---------------------------------------------------------------------------


def test_no_voting_action_can_be_undone(clock):
    room, observer = consensus_room({"chair_may_propose_consensus": True})
    clock.advance(1)  # the papers were written before voting began
    committee, chair, members = room.committee, room.chair, room.members
    carry(room, "roll_call_vote", target=str(room.dr1.pk))
    voting.vote_open(committee=committee, user=chair, method="phones")
    voting.vote_ballot_cast(committee=committee, delegation=members[0], choice="no")
    voting.vote_ballot_enter(
        committee=committee, user=chair, delegation_id=members[1].pk, choice="no"
    )
    voting.vote_close(committee=committee, user=chair, accept_missing=True)
    voting.vote_void(committee=committee, user=chair, reason="Phones failed")
    by_placard(room, 1, 9)
    question = voting.vote_open(committee=committee, user=chair, method="roll_call")
    first_round(room, question, {0: "pass"})
    voting.vote_roll_round_two(committee=committee, user=chair)
    answer(room, members[0], "yes")
    voting.vote_close(committee=committee, user=chair)
    voting.vote_open(committee=committee, user=chair, method="consensus")
    voting.vote_consensus_object(committee=committee, delegation=members[4])
    clock.advance(60)
    voting.vote_consensus_confirm(committee=committee, user=chair)
    by_placard(room, 9, 1)
    voting.voting_end(committee=committee, user=chair)
    kinds = {
        "vote_opened",
        "vote_ballot_cast",
        "vote_ballot_entered",
        "vote_roll_answered",
        "vote_roll_round_two",
        "vote_consensus_objected",
        "vote_consensus_failed",
        "vote_announced",
        "vote_voided",
        "voting_procedure_ended",
    }
    events = FloorEvent.objects.filter(committee=committee, kind__in=kinds)
    assert set(events.values_list("kind", flat=True)) == kinds
    assert not events.filter(undoable=True).exists()
    assert observer.pk not in Question.objects.get(kind="dr", document=room.dr1).call_order
