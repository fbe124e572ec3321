"""A floor action waits a bounded time for the floor, then answers 503 "not recorded".

Another transaction holds the committee's floor (on PostgreSQL its row lock, on SQLite the
write lock) for longer than the bound; the ballot must be refused clearly, change nothing,
and go through once the floor is free again.
"""

import threading

import pytest
from django.db import OperationalError, ProgrammingError, connection, transaction
from django.urls import reverse

from committee.middleware import DatabaseBusyMiddleware
from committee.models import Ballot, Floor
from tests.committee.test_floor_motions_votes import ballots_on
from tests.committee.test_vote_storm import phone_vote_open
from tests.conftest import delegate_client

pytestmark = pytest.mark.django_db(transaction=True)

BOUND_SECONDS = 0.2


@pytest.fixture
def short_floor_wait(settings):
    """Bound the wait for the floor to a fraction of a second, as the settings do in seconds."""
    settings.FLOOR_LOCK_TIMEOUT_SECONDS = BOUND_SECONDS  # PostgreSQL's lock_timeout
    if connection.vendor != "sqlite":
        yield
        return
    with connection.cursor() as cursor:  # SQLite's wait for its write lock
        cursor.execute(f"PRAGMA busy_timeout = {int(BOUND_SECONDS * 1000)}")
    yield
    connection.close()  # the next connection has the usual timeout again


def hold_the_floor(committee_id: int, held: threading.Event, release: threading.Event) -> None:
    """Lock the floor as a floor action does (SQLite takes its write lock at BEGIN)."""
    try:
        with transaction.atomic():
            Floor.objects.select_for_update().get(pk=committee_id)
            held.set()
            release.wait(timeout=30)
    finally:
        connection.close()


def test_a_ballot_kept_waiting_too_long_is_not_recorded_and_may_be_sent_again(short_floor_wait):
    committee, delegations, motion_id = phone_vote_open(3)
    phone = delegate_client(delegations[2])
    url = reverse("delegate_motions_vote", args=[committee.slug])
    seq_before = Floor.objects.get(pk=committee.pk).seq
    held, release = threading.Event(), threading.Event()
    holder = threading.Thread(target=hold_the_floor, args=(committee.pk, held, release))
    holder.start()
    try:
        assert held.wait(timeout=30)
        refused = phone.post(url, {"choice": "yes"}, HTTP_HX_REQUEST="true")
        plain = phone.post(url, {"choice": "yes"})
    finally:
        release.set()
        holder.join(timeout=30)

    assert refused.status_code == 503
    assert refused["HX-Retarget"] == "#notices" and refused["Retry-After"]
    assert "Not recorded" in refused.content.decode()
    assert plain.status_code == 503 and "Not recorded" in plain.content.decode()
    assert not Ballot.objects.filter(question__committee=committee).exists()
    assert Floor.objects.get(pk=committee.pk).seq == seq_before

    again = phone.post(url, {"choice": "yes"}, HTTP_HX_REQUEST="true")
    assert again.status_code == 204
    assert ballots_on(committee, motion_id) == {delegations[2].pk: "yes"}


def test_a_database_error_that_is_a_bug_stays_a_server_error(rf):
    """Only waits that ran out become "try again": a broken query must not hide behind it."""
    middleware = DatabaseBusyMiddleware(lambda request: None)
    request = rf.post("/anything/")
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT * FROM no_such_table_anywhere")
    except (OperationalError, ProgrammingError) as missing_table:
        assert middleware.process_exception(request, missing_table) is None
    else:
        pytest.fail("the query should have failed")
