"""Voting procedure through the services (procedure.md §6): the doors close on those present,
the order of voting, each method, the result written once, and what it does to the papers."""

import pytest

from committee.models import Ballot, Document, FloorEvent, Question
from committee.procedure.errors import ProcedureError
from committee.procedure.phases import Phase
from committee.services import floor, voting
from tests.committee.voting_room import VotingRoom, enter_voting, voting_room

pytestmark = pytest.mark.django_db


@pytest.fixture
def room() -> VotingRoom:
    return voting_room()


def refs(room: VotingRoom) -> list[tuple[str, str]]:
    state = room.doc().voting
    assert state is not None
    return [(item.ref, item.status.value) for item in state.items]


def test_closure_closes_the_doors_and_draws_up_the_order_of_voting(room):
    doc = room.doc()
    assert doc.phase is Phase.VOTING_PROCEDURE
    state = doc.voting
    assert state is not None and state.trigger.value == "closure"
    assert set(state.admitted) == {str(m.pk) for m in room.members}
    assert refs(room) == [
        (f"am:{room.amendment.pk}", "pending"),
        (f"dr:{room.dr1.pk}", "pending"),
        (f"dr:{room.dr2.pk}", "pending"),
    ]
    assert state.dr(str(room.dr1.pk)).operative == tuple(room.operative_ids(room.dr1))


def test_an_amendment_voted_on_phones_is_applied_and_the_dr_adopted_by_placard(room):
    committee, members, chair = room.committee, room.members, room.chair
    question = voting.vote_open(committee=committee, user=chair, method="phones")
    assert (question.kind, question.amendment_id) == ("amendment", room.amendment.pk)
    for member in members[:7]:
        voting.vote_ballot_cast(committee=committee, delegation=member, choice="yes")
    voting.vote_ballot_cast(committee=committee, delegation=members[7], choice="no")
    voting.vote_ballot_enter(
        committee=committee, user=chair, delegation_id=members[8].pk, choice="no"
    )
    with pytest.raises(ProcedureError) as missing:
        voting.vote_close(committee=committee, user=chair)
    assert missing.value.code == "votes_missing"
    voting.vote_close(committee=committee, user=chair, accept_missing=True)
    question.refresh_from_db()
    assert (question.yes, question.no, question.not_voting, question.passed) == (7, 2, 1, True)
    assert Ballot.objects.filter(question=question).count() == 9
    room.amendment.refresh_from_db()
    assert room.amendment.status == "adopted"
    assert len(room.texts(room.dr1)) == 2  # the third clause is struck
    voting.vote_open(committee=committee, user=chair, method="placards")
    voting.vote_close(committee=committee, user=chair, yes=8, no=1, abstain=1)
    room.dr1.refresh_from_db()
    assert (room.dr1.status, room.dr1.resolution_number) == ("adopted", 1)
    assert refs(room)[1] == (f"dr:{room.dr1.pk}", "adopted")


def test_placard_counts_are_checked_against_the_snapshot(room):
    committee, chair = room.committee, room.chair
    voting.vote_open(committee=committee, user=chair, method="placards")
    with pytest.raises(ProcedureError) as refused:
        voting.vote_close(committee=committee, user=chair, yes=8, no=3, abstain=0)
    assert refused.value.code == "placard_counts_too_high"
    assert Question.objects.filter(closed_at__isnull=False, kind="amendment").count() == 0


def test_a_late_arrival_waits_at_the_door_and_gets_no_ballot():
    room = voting_room(enter=False)
    late = room.members[9]
    floor.attendance_set(
        committee=room.committee, delegation_id=late.pk, status="absent", user=room.chair
    )
    enter_voting(room)
    floor.attendance_set(
        committee=room.committee, delegation_id=late.pk, status="present", user=room.chair
    )
    assert room.doc().attendance[str(late.pk)].held_at_door
    voting.vote_open(committee=room.committee, user=room.chair, method="phones")
    with pytest.raises(ProcedureError) as refused:
        voting.vote_ballot_cast(committee=room.committee, delegation=late, choice="yes")
    assert refused.value.code == "not_in_snapshot"


def test_the_end_needs_every_item_decided(room):
    with pytest.raises(ProcedureError) as refused:
        voting.voting_end(committee=room.committee, user=room.chair)
    assert refused.value.code == "voting_not_finished"
    assert FloorEvent.objects.filter(kind="voting_procedure_ended").count() == 0
    assert Document.objects.filter(status="adopted").count() == 0


def second_unfriendly_amendment(room: VotingRoom) -> int:
    """Member 7 moves to strike DR 1.1's first clause, unfriendly, signed by member 8."""
    from committee.services import amendments as amend

    first = room.operative_ids(room.dr1)[0]
    amendment = amend.amendment_submit(
        committee=room.committee,
        delegation=room.members[7],
        document_id=room.dr1.pk,
        action="strike",
        target=first,
        placement="after",
        text="",
        rationale="Too early",
    )
    amend.amendment_approve(committee=room.committee, user=room.chair, amendment_id=amendment.pk)
    amend.amendment_answer(
        committee=room.committee,
        delegation=room.members[0],
        amendment_id=amendment.pk,
        accept=False,
    )
    for signer in room.members[8:9]:
        amend.amendment_sign(committee=room.committee, delegation=signer, amendment_id=amendment.pk)
    return amendment.pk


def test_the_chair_orders_the_amendments_before_the_first_is_voted():
    room = voting_room(enter=False)
    later = second_unfriendly_amendment(room)
    enter_voting(room)
    first = room.amendment.pk
    assert refs(room)[:2] == [(f"am:{first}", "pending"), (f"am:{later}", "pending")]
    voting.voting_amendment_order(
        committee=room.committee,
        user=room.chair,
        document_id=room.dr1.pk,
        order=[f"am:{later}", f"am:{first}"],
    )
    assert refs(room)[:3] == [
        (f"am:{later}", "pending"),
        (f"am:{first}", "pending"),
        (f"dr:{room.dr1.pk}", "pending"),
    ]
    event = FloorEvent.objects.filter(kind="vote_amendments_ordered").get()
    assert event.payload["numbers"] == [2, 1] and not event.undoable
    voting.vote_open(committee=room.committee, user=room.chair, method="placards")
    with pytest.raises(ProcedureError) as refused:
        voting.voting_amendment_order(
            committee=room.committee,
            user=room.chair,
            document_id=room.dr1.pk,
            order=[f"am:{first}", f"am:{later}"],
        )
    assert refused.value.code == "reorder_invalid"


def test_a_draft_in_voting_procedure_is_frozen_but_may_be_shown(room):
    from committee.services import amendments as amend
    from committee.services import documents as docs

    with pytest.raises(ProcedureError) as refused:
        docs.signature_sign(
            committee=room.committee, delegation=room.members[8], document_id=room.dr2.pk
        )
    assert refused.value.code == "document_in_voting"
    with pytest.raises(ProcedureError) as refused:
        amend.amendment_submit(
            committee=room.committee,
            delegation=room.members[8],
            document_id=room.dr1.pk,
            action="modify",
            target=room.operative_ids(room.dr1)[0],
            placement="after",
            text="Requests a report",
            rationale="Shorter",
        )
    assert refused.value.code == "document_in_voting"
    docs.document_project(
        committee=room.committee, user=room.chair, document_id=room.dr1.pk, page=1
    )
    room.dr1.refresh_from_db()
    assert room.dr1.status == "introduced"
