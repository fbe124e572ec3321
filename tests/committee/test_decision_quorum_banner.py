"""The dais says when the decision quorum is lost: substantive votes are disabled (§1.3, §8.2)."""

import pytest

from committee.selectors import FloorView
from committee.services import floor
from tests import factories
from tests.committee.test_floor_motions import open_floor
from tests.regions import render_regions

BANNER = 'data-testid="decision-quorum-lost"'


def status_html(committee):
    return render_regions(FloorView(committee), ("floor-status",))["en"]


@pytest.mark.django_db
def test_too_few_members_after_roll_call_shows_the_banner_with_the_numbers():
    committee, _user, _d = open_floor(("Alpha", "Beta", "Gamma"), absent=("Beta", "Gamma"))
    view = FloorView(committee)
    assert view.decision_quorum_lost
    html = status_html(committee)
    assert BANNER in html
    assert (
        "Decision quorum lost: substantive votes are disabled. "
        "Member States present: 1; needed: 2." in html
    )


@pytest.mark.django_db
def test_with_the_decision_quorum_there_is_no_banner():
    committee, _user, _d = open_floor(("Alpha", "Beta", "Gamma"), absent=("Gamma",))
    assert not FloorView(committee).decision_quorum_lost
    assert BANNER not in status_html(committee)


@pytest.mark.django_db
def test_observers_present_do_not_make_the_quorum():
    committee, _user, _d = open_floor(
        ("Alpha", "Beta", "Gamma", "Obs1", "Obs2"),
        absent=("Beta", "Gamma"),
        observers=("Obs1", "Obs2"),
    )
    view = FloorView(committee)
    assert view.numbers.delegations_present == 3
    assert view.decision_quorum_lost


@pytest.mark.django_db
def test_a_member_leaving_loses_the_quorum_and_a_late_arrival_restores_it():
    committee, user, d = open_floor(("Alpha", "Beta", "Gamma"), absent=("Gamma",))
    floor.attendance_set(
        committee=committee, delegation_id=d["Beta"].pk, status="absent", user=user
    )
    assert BANNER in status_html(committee)
    floor.attendance_set(
        committee=committee, delegation_id=d["Gamma"].pk, status="present", user=user
    )
    assert BANNER not in status_html(committee)


@pytest.mark.django_db
def test_no_banner_before_roll_call_is_taken_nor_while_it_is_being_taken():
    committee = factories.committee()
    alpha, _beta, _gamma = factories.delegations(committee, ["Alpha", "Beta", "Gamma"])
    chair = factories.dais_user(committee)
    floor.session_open(committee=committee, user=chair)
    assert not FloorView(committee).decision_quorum_lost
    floor.roll_call_start(committee=committee, user=chair)
    floor.attendance_set(committee=committee, delegation_id=alpha.pk, status="present", user=chair)
    assert not FloorView(committee).decision_quorum_lost
    assert BANNER not in status_html(committee)
    floor.roll_call_close(committee=committee, user=chair)
    assert BANNER in status_html(committee)
