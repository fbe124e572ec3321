"""A General Assembly's phones voting at the same instant: every ballot counted exactly once.

Each phone is a thread with a connection of its own, sending its ballot through the whole
stack (middleware, view, service) at once with the others; the database's connections come
from the pool on PostgreSQL. A request that waited too long for a connection or for the floor
is answered 503 "not recorded, try again", and its phone taps again, as a person would. No
request may fail any other way, no ballot may be lost and none counted twice: on a procedural
motion, and on a draft resolution in voting procedure, whose result the dais then announces.
"""

import re
import threading
from collections import Counter
from fractions import Fraction
from math import ceil

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from committee import realtime
from committee.models import Ballot, FloorEvent
from committee.procedure.facts import EventKind
from committee.procedure.parameters import TWO_THIRDS_PV
from committee.procedure.thresholds import parse_threshold
from committee.selectors import FloorView
from tests.committee.test_floor_motions_votes import ballots_on, tally_of
from tests.committee.vote_storm_setup import choice_for, dr_choices, dr_vote_open, phone_vote_open
from tests.conftest import delegate_client, user_client
from tests.regions import render_regions

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


def vote_at_once(
    committee, taps: list[tuple[Client, str]], view: str = "delegate_motions_vote"
) -> list[list[int]]:
    """Every (phone, choice) taps at the same instant; the status codes each phone saw."""
    url = reverse(view, args=[committee.slug])
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


# ---- a draft resolution in voting procedure ------------------------------------------------------

SHOWN_TALLY = re.compile(
    r'data-testid="vote-tally" data-yes="(\d+)" data-no="(\d+)" data-abstain="(\d+)" '
    r'data-missing="(\d+)"'
)


def same_phone(phone: Client) -> Client:
    """A second connection of the same phone (its session), for a tap sent twice."""
    again = Client()
    again.cookies["sessionid"] = phone.cookies["sessionid"].value
    return again


def shown_tallies(committee) -> dict[str, tuple[int, ...]]:
    """The tally each screen's region shows now: (Yes, No, Abstain, missing)."""
    view = FloorView(committee)
    shown = {}
    for region in ("voting", "projector-main", "phone-now"):
        html = render_regions(view, (region,))["en"]
        found = SHOWN_TALLY.findall(html)
        assert len(found) == 1, (region, found)
        shown[region] = tuple(int(n) for n in found[0])
    return shown


def test_193_delegations_voting_twice_at_once_on_a_draft_resolution_count_once_and_decide_it(
    pushes,
):
    size = 193
    committee, delegations, question = dr_vote_open(size)
    choice_of = dr_choices(delegations)
    taps = []
    for delegation in delegations:
        phone = delegate_client(delegation)
        # A double tap, or a retry sent before the first answer came back.
        taps += [(phone, choice_of[delegation.pk]), (same_phone(phone), choice_of[delegation.pk])]
    cast_before = FloorEvent.objects.filter(committee=committee).count()
    pushes.clear()

    answers = vote_at_once(committee, taps, "delegate_voting_cast")

    statuses = Counter(status for answer in answers for status in answer)
    assert set(statuses) <= {204, 503}, statuses  # never a 500
    assert [answer[-1] for answer in answers] == [204] * len(taps)  # every tap got through
    stored = dict(Ballot.objects.filter(question=question).values_list("delegation_id", "choice"))
    assert Ballot.objects.filter(question=question).count() == size  # one ballot each
    assert stored == choice_of  # none lost, each as cast
    logged = FloorEvent.objects.filter(committee=committee)
    assert logged.count() - cast_before == statuses[204] == len(taps)  # one entry per tap
    assert logged.filter(kind=EventKind.VOTE_BALLOT_CAST).count() == len(taps)
    assert len(pushes) == len(taps)  # every recorded tap reached the screens
    counted = Counter(stored.values())
    # The dais, the projector and every phone show the tally the stored ballots make.
    expected = (counted["yes"], counted["no"], counted["abstain"], 0)
    assert set(shown_tallies(committee).values()) == {expected}

    # What the choices make under the profile's substantive threshold (cn_common: two thirds
    # of those present and voting, rounded up): here, adopted with not one Yes to spare.
    assert parse_threshold(question.threshold) == TWO_THIRDS_PV
    assert FloorView(committee).params.substantive_threshold == TWO_THIRDS_PV
    required = ceil(Fraction(2, 3) * (counted["yes"] + counted["no"]))
    adopted = counted["yes"] >= required
    assert (adopted, required) == (True, counted["yes"])

    dais = user_client(committee.dais.get().user)
    response = dais.post(
        reverse("floor_voting_close", args=[committee.slug]),
        {"accept_missing": "0"},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 204
    question.refresh_from_db()
    announced = (question.yes, question.no, question.abstain, question.not_voting)
    assert announced == expected
    assert (question.passed, question.required_yes) == (adopted, required)
    assert question.verdict == ("adopted" if adopted else "rejected")
    question.document.refresh_from_db()
    assert question.document.status == ("adopted" if adopted else "rejected")
    assert question.document.resolution_number == (1 if adopted else None)
    yes, no, abstain, _missing = expected
    result = f"Yes {yes}, No {no}, Abstain {abstain}, did not vote 0"
    assert result in render_regions(FloorView(committee), ("voting",))["en"]
