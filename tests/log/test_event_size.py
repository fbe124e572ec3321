"""The log stores what an action changed, not the whole floor twice: with 193 delegations a
typical event stays far below the 40–80 KB a full copy before and after used to cost."""

import json
import statistics

import pytest

from committee.models import FloorEvent, Motion, Question
from committee.procedure.facts import EventKind
from committee.services import floor, motions
from tests import factories

TYPICAL_EVENT_LIMIT = 4 * 1024


def stored_bytes(event):
    return sum(
        len(json.dumps(value, ensure_ascii=False).encode())
        for value in (event.payload, event.change, event.rows)
    )


@pytest.mark.django_db
def test_a_roll_call_of_193_delegations_logs_small_events():
    committee, members, chair = factories.plenary_in_session(193, prefix="Member state")
    floor.floor_undo(committee=committee, user=chair)
    sizes = [stored_bytes(event) for event in FloorEvent.objects.filter(committee=committee)]
    assert len(sizes) == 193 + 4
    assert max(sizes) <= TYPICAL_EVENT_LIMIT
    assert statistics.median(sizes) <= 512


PHONE_VOTE_EVENT_LIMIT = 2 * 1024


@pytest.mark.django_db
def test_a_phone_vote_among_193_delegations_logs_small_events():
    """Who may vote is kept once, with the question put to the vote: not on the floor, whose
    change every event stores."""
    committee, members, chair = factories.plenary_in_session(193, prefix="Member state")
    first_vote_event = FloorEvent.objects.filter(committee=committee).count() + 1
    motions.motion_raise(
        committee=committee, code="suspend_meeting", mover_id=members[0].pk, user=chair
    )
    (motion_id,) = Motion.objects.filter(committee=committee).values_list("floor_id", flat=True)
    motions.motion_second(
        committee=committee, motion_id=motion_id, seconder_id=members[1].pk, user=chair
    )
    motions.motion_vote_open(committee=committee, user=chair, motion_id=motion_id, by_phone=True)
    for member in members[:120]:
        motions.motion_ballot_cast(committee=committee, delegation=member, choice="yes")
    for member in members[120:130]:
        motions.motion_ballot_enter(
            committee=committee, user=chair, delegation_id=member.pk, choice="no"
        )
    motions.motion_vote_close(committee=committee, user=chair)

    question = Question.objects.get(committee=committee)
    assert (question.yes, question.no, question.passed) == (120, 10, True)
    assert len(question.electorate["voters"]) == 193
    events = FloorEvent.objects.filter(committee=committee, seq__gte=first_vote_event)
    sizes = {event.seq: (event.kind, stored_bytes(event)) for event in events}
    kinds = {kind for kind, _size in sizes.values()}
    assert {EventKind.MOTION_VOTE_OPENED, EventKind.MOTION_VOTE_CLOSED} <= kinds
    assert len(sizes) == 3 + 130 + 1
    assert max(size for _kind, size in sizes.values()) <= PHONE_VOTE_EVENT_LIMIT, sizes
