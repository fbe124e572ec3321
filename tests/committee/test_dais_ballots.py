"""In a phone vote, the dais enters the votes of delegations without a working phone."""

import pytest
from django.urls import reverse

from committee.floor import decode_value
from committee.models import Ballot, FloorEvent
from committee.procedure.electorate import VoteChoice
from committee.procedure.errors import ProcedureError
from committee.procedure.facts.motions import BallotCast
from committee.services import motions
from tests.committee.test_floor_motions import doc_of, open_floor, panel_html, raise_seconded
from tests.committee.test_floor_motions_votes import ballots_on, tally_of, vote_on
from tests.conftest import user_client

FIVE = ("Alpha", "Beta", "Gamma", "Delta", "Epsilon")


def phone_vote(names=FIVE, code="set_speaking_time", **floor_options):
    committee, user, d = open_floor(names, **floor_options)
    motion_id = raise_seconded(committee, d[names[0]], d[names[1]], code, speaker_seconds=60)
    vote_on(committee, user, motion_id, by_phone=True)
    return committee, user, d, motion_id


def enter(committee, user, delegation, choice):
    motions.motion_ballot_enter(
        committee=committee, user=user, delegation_id=delegation.pk, choice=choice
    )


def stored_ballots(committee, motion_id):
    return Ballot.objects.filter(
        question__committee=committee, question__motion__floor_id=motion_id
    )


def post_entry(committee, user, data):
    return user_client(user).post(
        reverse("floor_motions_ballot_enter", args=[committee.slug]), data, HTTP_HX_REQUEST="true"
    )


@pytest.mark.django_db
def test_votes_entered_by_the_dais_count_and_the_motion_carries():
    committee, user, d, motion_id = phone_vote()
    motions.motion_ballot_cast(committee=committee, delegation=d["Alpha"], choice="yes")
    motions.motion_ballot_cast(committee=committee, delegation=d["Beta"], choice="no")
    for name in ("Gamma", "Delta"):
        enter(committee, user, d[name], "yes")
    enter(committee, user, d["Epsilon"], "no")

    ballots = stored_ballots(committee, motion_id)
    assert ballots.count() == 5
    entered = ballots.filter(entered_by_dais=True).values_list("delegation_id", flat=True)
    assert set(entered) == {d[n].pk for n in FIVE[2:]}
    motions.motion_vote_close(committee=committee, user=user)
    result = doc_of(committee).motion_result
    tally = result.outcome.tally
    assert (tally.yes, tally.no, tally.not_voting) == (3, 2, 0)
    assert result.outcome.passed
    assert doc_of(committee).speaking_time == 60


@pytest.mark.django_db
def test_an_entry_for_a_delegation_that_voted_on_its_phone_is_refused_and_changes_nothing():
    committee, user, d, motion_id = phone_vote()
    motions.motion_ballot_cast(committee=committee, delegation=d["Gamma"], choice="yes")
    with pytest.raises(ProcedureError) as refused:
        enter(committee, user, d["Gamma"], "no")
    assert (refused.value.code, refused.value.facts["delegation"]) == ("own_vote_stands", "Gamma")
    assert ballots_on(committee, motion_id) == {d["Gamma"].pk: "yes"}
    assert tally_of(committee) == (1, 0)


@pytest.mark.django_db
def test_the_dais_cannot_enter_a_second_vote_for_the_same_delegation():
    committee, user, d, motion_id = phone_vote()
    enter(committee, user, d["Gamma"], "yes")
    with pytest.raises(ProcedureError) as refused:
        enter(committee, user, d["Gamma"], "yes")
    assert refused.value.code == "own_vote_stands"
    assert stored_ballots(committee, motion_id).count() == 1
    assert tally_of(committee) == (1, 0)


@pytest.mark.django_db
def test_a_phone_that_comes_back_replaces_the_entry_of_the_dais_and_counts_once():
    committee, user, d, motion_id = phone_vote()
    enter(committee, user, d["Gamma"], "yes")
    motions.motion_ballot_cast(committee=committee, delegation=d["Gamma"], choice="no")
    ballot = stored_ballots(committee, motion_id).get()
    assert (ballot.delegation, ballot.choice, ballot.entered_by_dais) == (d["Gamma"], "no", False)
    assert tally_of(committee) == (0, 1)
    assert "entered by the dais" not in panel_html(committee)


@pytest.mark.django_db
def test_the_dais_enters_votes_only_for_the_electorate_of_the_vote():
    committee, user, d, _motion_id = phone_vote(absent=("Epsilon",))
    with pytest.raises(ProcedureError) as refused:
        enter(committee, user, d["Epsilon"], "yes")
    assert refused.value.code == "not_in_snapshot"
    assert not Ballot.objects.filter(question__committee=committee).exists()


@pytest.mark.django_db
def test_the_dais_enters_no_ballot_in_a_placard_vote():
    committee, user, d = open_floor(FIVE)
    motion_id = raise_seconded(committee, d["Alpha"], d["Beta"], "suspend_meeting")
    vote_on(committee, user, motion_id)
    with pytest.raises(ProcedureError) as refused:
        enter(committee, user, d["Gamma"], "yes")
    assert refused.value.code == "entry_in_placard_vote"


@pytest.mark.django_db
def test_the_dais_panel_lists_who_has_not_voted_with_a_yes_and_a_no_each():
    committee, user, d, _motion_id = phone_vote()
    motions.motion_ballot_cast(committee=committee, delegation=d["Alpha"], choice="yes")
    enter(committee, user, d["Beta"], "no")
    panel = panel_html(committee)
    listed = panel.split('data-testid="motion-not-voted"')[1].split("</ul>")[0]
    for name in ("Gamma", "Delta", "Epsilon"):
        assert f'data-delegation="{name}"' in listed
    for name in ("Alpha", "Beta"):
        assert f'data-delegation="{name}"' not in listed
    assert listed.count('data-testid="ballot-enter-yes"') == 3
    assert listed.count('data-testid="ballot-enter-no"') == 3
    assert "ballot-enter-abstain" not in listed  # procedural votes: Yes or No only
    assert "1 vote entered by the dais" in panel


@pytest.mark.django_db
def test_the_log_says_the_dais_entered_the_vote():
    committee, user, d, motion_id = phone_vote()
    enter(committee, user, d["Gamma"], "no")
    assert "Gamma voted No (entered by the dais)" in panel_html(committee, "log")
    event = FloorEvent.objects.filter(committee=committee).latest("seq")
    assert (event.kind, event.actor_user) == ("motion_ballot_entered", user)
    assert decode_value(event.payload, BallotCast) == BallotCast(
        motion_id, "set_speaking_time", d["Gamma"].pk, VoteChoice.NO, entered_by_dais=True
    )


# ---- the view -----------------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_dais_enters_a_vote_through_its_form():
    committee, user, d, motion_id = phone_vote()
    response = post_entry(committee, user, {"delegation": d["Delta"].pk, "choice": "yes"})
    assert response.status_code == 204
    ballot = stored_ballots(committee, motion_id).get()
    assert (ballot.delegation, ballot.choice, ballot.entered_by_dais) == (d["Delta"], "yes", True)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"delegation": "x", "choice": "yes"}, "Choose the delegation whose vote you enter."),
        ({"choice": "yes"}, "Choose the delegation whose vote you enter."),
        ({"delegation": "1", "choice": "abstain"}, "procedural votes allow no abstention"),
        ({"delegation": "1"}, "procedural votes allow no abstention"),
    ],
)
def test_a_bad_entry_answers_400_and_changes_nothing(data, message):
    committee, user, _d, _motion_id = phone_vote()
    response = post_entry(committee, user, data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Ballot.objects.filter(question__committee=committee).exists()


@pytest.mark.django_db
def test_an_entry_over_a_phone_vote_answers_409_in_the_users_language():
    committee, user, d, _motion_id = phone_vote()
    motions.motion_ballot_cast(committee=committee, delegation=d["Gamma"], choice="yes")
    response = post_entry(committee, user, {"delegation": d["Gamma"].pk, "choice": "no"})
    assert response.status_code == 409
    assert "Gamma has already voted; its own vote stands." in response.content.decode()
