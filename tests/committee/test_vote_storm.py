"""A General Assembly's phones voting at the same instant: every ballot counted exactly once.

Each phone is a thread with a connection of its own, sending its ballot through the whole
stack (middleware, view, service) at once with the others; the database's connections come
from the pool on PostgreSQL. A request that waited too long for a connection or for the floor
is answered 503 "not recorded, try again", and its phone taps again, as a person would. No
request may fail any other way, no ballot may be lost and none counted twice.
"""

import threading
from collections import Counter

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from committee import realtime
from committee.models import FloorEvent
from tests.committee.test_floor_motions_votes import ballots_on, tally_of
from tests.committee.vote_storm_setup import choice_for, phone_vote_open
from tests.conftest import delegate_client

pytestmark = pytest.mark.django_db(transaction=True)

# A person taps again after "not recorded, try again"; more tries than this is a failure.
TAPS_AT_MOST = 50


@pytest.fixture
def pushes(monkeypatch):
    """The committees whose screens each committed action asked to bring up to date.

    Rendering 150 phones' fragments per ballot is the pusher's work, measured elsewhere; here
    only the database is under test.
    """
    asked: list[int] = []
    monkeypatch.setattr(realtime, "push_floor_now", lambda committee: asked.append(committee.pk))
    return asked


def vote_at_once(committee, taps: list[tuple[Client, str]]) -> list[list[int]]:
    """Every (phone, choice) taps at the same instant; the status codes each phone saw."""
    url = reverse("delegate_motions_vote", args=[committee.slug])
    barrier = threading.Barrier(len(taps))
    answers: list[list[int]] = [[] for _ in taps]

    def tap(index: int, phone: Client, choice: str) -> None:
        try:
            barrier.wait()
            for _ in range(TAPS_AT_MOST):
                response = phone.post(url, {"choice": choice}, HTTP_HX_REQUEST="true")
                answers[index].append(response.status_code)
                if response.status_code != 503:
                    return
        finally:
            connection.close()  # give the connection back to the pool

    threads = [
        threading.Thread(target=tap, args=(index, phone, choice))
        for index, (phone, choice) in enumerate(taps)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=300)
    return answers


def test_150_phones_voting_at_once_are_all_counted_once(pushes):
    committee, delegations, motion_id = phone_vote_open(150)
    choice_of = {d.pk: choice_for(d.pk) for d in delegations}
    phones = [(delegate_client(d), choice_of[d.pk]) for d in delegations]
    cast_before = FloorEvent.objects.filter(committee=committee).count()
    pushes.clear()

    answers = vote_at_once(committee, phones)

    statuses = Counter(status for answer in answers for status in answer)
    assert set(statuses) <= {204, 503}, statuses  # never a 500
    assert [answer[-1] for answer in answers] == [204] * 150  # every phone got through
    assert ballots_on(committee, motion_id) == choice_of  # none lost, each as cast
    assert tally_of(committee) == (100, 50)  # counted once each
    recorded = FloorEvent.objects.filter(committee=committee).count() - cast_before
    assert recorded == statuses[204] == 150  # one log entry per ballot, none doubled
    assert len(pushes) == 150  # every recorded ballot reached the screens


def test_38_phones_tapping_three_times_at_once_keep_one_ballot_each(pushes):
    committee, delegations, motion_id = phone_vote_open(38)
    taps = [
        (delegate_client(delegation), choice)
        for delegation in delegations
        for choice in ("yes", "no", "yes")
    ]
    cast_before = FloorEvent.objects.filter(committee=committee).count()

    answers = vote_at_once(committee, taps)

    statuses = Counter(status for answer in answers for status in answer)
    assert set(statuses) <= {204, 503}, statuses
    assert [answer[-1] for answer in answers] == [204] * len(taps)
    stored = ballots_on(committee, motion_id)
    assert set(stored) == {d.pk for d in delegations}  # one ballot per delegation
    # The screens count exactly the stored ballots, whichever tap came last.
    counted = Counter(stored.values())
    assert tally_of(committee) == (counted["yes"], counted["no"])
    assert counted.total() == 38
    recorded = FloorEvent.objects.filter(committee=committee).count() - cast_before
    assert recorded == statuses[204] == len(taps)
