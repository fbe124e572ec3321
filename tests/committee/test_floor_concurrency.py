"""Two dais members acting at the same instant leave a valid floor.

Each floor action locks the committee's Floor row (on PostgreSQL with SELECT … FOR UPDATE; on
SQLite the write lock is taken at BEGIN), so the second action sees the first one's result.
These tests run real threads with their own database connections.
"""

import threading

import pytest
from django.db import connection

from committee.floor import decode
from committee.models import Floor, FloorEvent, Session
from committee.procedure.errors import ErrorCode, ProcedureError
from committee.services import floor
from tests import factories

pytestmark = pytest.mark.django_db(transaction=True)


def run_at_once(*actions):
    """Start every action together; return what each returned or raised."""
    barrier = threading.Barrier(len(actions))
    outcomes: list[object] = [None] * len(actions)

    def run(index, action):
        try:
            barrier.wait()
            outcomes[index] = action()
        except Exception as error:  # noqa: BLE001 - the outcome under test
            outcomes[index] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i, a)) for i, a in enumerate(actions)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return outcomes


def test_two_chairs_opening_a_session_at_once_open_exactly_one():
    committee = factories.committee()
    chair, co_chair = factories.dais_user(committee), factories.dais_user(committee)
    outcomes = run_at_once(
        lambda: floor.session_open(committee=committee, user=chair),
        lambda: floor.session_open(committee=committee, user=co_chair),
    )
    opened = [o for o in outcomes if isinstance(o, Session)]
    refused = [o for o in outcomes if isinstance(o, ProcedureError)]
    assert len(opened) == 1 and len(refused) == 1
    assert refused[0].code == ErrorCode.SESSION_ALREADY_OPEN
    assert Session.objects.filter(committee=committee).count() == 1


def test_two_marks_at_once_are_both_kept():
    committee = factories.committee()
    alphaland, betastan = factories.delegations(committee, ["Alphaland", "Betastan"])
    chair, co_chair = factories.dais_user(committee), factories.dais_user(committee)
    floor.session_open(committee=committee, user=chair)
    floor.roll_call_start(committee=committee, user=chair)
    run_at_once(
        lambda: floor.attendance_set(
            committee=committee, delegation_id=alphaland.pk, status="present", user=chair
        ),
        lambda: floor.attendance_set(
            committee=committee, delegation_id=betastan.pk, status="present", user=co_chair
        ),
    )
    doc = decode(Floor.objects.get(pk=committee.pk).state)
    assert doc.status_of(alphaland.pk) == "present"
    assert doc.status_of(betastan.pk) == "present"
    seqs = list(FloorEvent.objects.filter(committee=committee).values_list("seq", flat=True))
    assert seqs == sorted(set(seqs))  # every event got its own place in the log
    assert Floor.objects.get(pk=committee.pk).seq == len(seqs)
