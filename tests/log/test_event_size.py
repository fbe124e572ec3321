"""The log stores what an action changed, not the whole floor twice: with 193 delegations a
typical event stays far below the 40–80 KB a full copy before and after used to cost."""

import json
import statistics

import pytest

from committee.models import FloorEvent
from committee.services import floor
from tests import factories

TYPICAL_EVENT_LIMIT = 4 * 1024


def stored_bytes(event):
    return sum(
        len(json.dumps(value, ensure_ascii=False).encode())
        for value in (event.payload, event.change, event.rows)
    )


@pytest.mark.django_db
def test_a_roll_call_of_193_delegations_logs_small_events(committee_x):
    chair = factories.dais_user(committee_x)
    names = [f"Member state {number:03d}" for number in range(193)]
    members = factories.delegations(committee_x, names)
    floor.session_open(committee=committee_x, user=chair)
    floor.roll_call_start(committee=committee_x, user=chair)
    for member in members:
        floor.attendance_set(
            committee=committee_x, delegation_id=member.pk, status="present", user=chair
        )
    floor.roll_call_close(committee=committee_x, user=chair)
    floor.floor_undo(committee=committee_x, user=chair)
    sizes = [stored_bytes(event) for event in FloorEvent.objects.filter(committee=committee_x)]
    assert len(sizes) == 193 + 4
    assert max(sizes) <= TYPICAL_EVENT_LIMIT
    assert statistics.median(sizes) <= 512
