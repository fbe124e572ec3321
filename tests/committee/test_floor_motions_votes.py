"""Procedural votes on motions: placard counts, phone ballots, and carrying out the winner."""

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse

from committee.models import Ballot, Floor, Question, Session
from committee.procedure.errors import ProcedureError
from committee.selectors import FloorView
from committee.services import floor, motions
from committee.services.floor import FloorRefusal
from tests.committee.test_floor_motions import (
    doc_of,
    open_floor,
    panel_html,
    raise_seconded,
)
from tests.conftest import user_client


def vote_on(committee, user, motion_id, *, by_phone=False):
    motions.motion_vote_open(committee=committee, user=user, motion_id=motion_id, by_phone=by_phone)


def ballots_on(committee, motion_id):
    """The ballots stored for the vote on a motion: {delegation id: choice}."""
    ballots = Ballot.objects.filter(
        question__committee=committee, question__motion__floor_id=motion_id
    )
    return dict(ballots.values_list("delegation_id", "choice"))


def tally_of(committee):
    """(Yes, No) of the phone vote running now, as the screens count it."""
    panel = FloorView(committee).motions_panel
    return panel.tally_yes, panel.tally_no


# ---- placard votes ------------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("yes", "no", "status", "shown"),
    [
        (3, 1, "carried", "carried"),
        (1, 3, "failed", "failed"),
        (2, 2, "failed", "equally divided — rejected"),
    ],
)
def test_a_placard_vote_passes_fails_or_ties(yes, no, status, shown):
    committee, user, d = open_floor(("Alpha", "Beta", "Gamma", "Delta"))
    motion_id = raise_seconded(
        committee, d["Alpha"], d["Beta"], "set_speaking_time", speaker_seconds=60
    )
    vote_on(committee, user, motion_id)
    panel = panel_html(committee)
    assert 'data-testid="motion-count-form"' in panel
    assert "simple majority of those present" in panel  # the base in use (§8.18)
    response = user_client(user).post(
        reverse("floor_motions_vote_close", args=[committee.slug]),
        {"yes": yes, "no": no},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 204
    doc = doc_of(committee)
    assert doc.vote is None
    assert doc.motions.get(motion_id).status == status
    assert doc.motion_result.outcome.required_yes == 3  # a majority of the 4 present
    assert shown in panel_html(committee)
    assert doc.speaking_time == (60 if status == "carried" else None)


@pytest.mark.django_db
def test_placard_counts_cannot_exceed_the_electorate():
    committee, user, d = open_floor()
    motion_id = raise_seconded(committee, d["Alpha"], d["Beta"], "suspend_meeting")
    vote_on(committee, user, motion_id)
    response = user_client(user).post(
        reverse("floor_motions_vote_close", args=[committee.slug]),
        {"yes": 3, "no": 1},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 409
    assert "cannot exceed the 3 delegations" in response.content.decode()
    assert doc_of(committee).vote is not None


@pytest.mark.django_db
def test_votes_cannot_be_undone():
    committee, user, d = open_floor()
    motion_id = raise_seconded(committee, d["Alpha"], d["Beta"], "suspend_meeting")
    vote_on(committee, user, motion_id)
    with pytest.raises(FloorRefusal):
        floor.floor_undo(committee=committee, user=user)
    motions.motion_vote_close(committee=committee, user=user, yes=0, no=3)
    with pytest.raises(FloorRefusal):
        floor.floor_undo(committee=committee, user=user)


# ---- phone votes --------------------------------------------------------------------------------


@pytest.mark.django_db
def test_one_phone_vote_per_delegation_and_a_second_tap_changes_it(make_delegate_client):
    committee, user, d = open_floor()
    motion_id = raise_seconded(committee, d["Alpha"], d["Beta"], "suspend_meeting")
    vote_on(committee, user, motion_id, by_phone=True)
    phone = panel_html(committee, "phone-self", d["Gamma"])
    assert 'data-testid="ballot-yes"' in phone and 'data-testid="ballot-no"' in phone
    assert "ballot-abstain" not in phone  # procedural votes: Yes or No only

    client = make_delegate_client(d["Gamma"])
    url = reverse("delegate_motions_vote", args=[committee.slug])
    assert client.post(url, {"choice": "yes"}, HTTP_HX_REQUEST="true").status_code == 204
    assert client.post(url, {"choice": "no"}, HTTP_HX_REQUEST="true").status_code == 204
    assert ballots_on(committee, motion_id) == {d["Gamma"].pk: "no"}
    assert tally_of(committee) == (0, 1)
    assert 'aria-pressed="true"' in panel_html(committee, "phone-self", d["Gamma"])
    assert "1 of 3 voted" in panel_html(committee)
    assert "1 of 3 voted" in panel_html(committee, "projector-main")
    assert 'data-testid="phone-now-tally"' in panel_html(committee, "phone-now")
    assert "Gamma voted No" in panel_html(committee, "log")


@pytest.mark.django_db
def test_the_database_refuses_a_second_ballot_row_for_the_same_delegation():
    committee, user, d = open_floor()
    motion_id = raise_seconded(committee, d["Alpha"], d["Beta"], "suspend_meeting")
    vote_on(committee, user, motion_id, by_phone=True)
    motions.motion_ballot_cast(committee=committee, delegation=d["Alpha"], choice="yes")
    # What two phones of one delegation inserting at the same instant would do:
    question = Question.objects.get(committee=committee, motion__floor_id=motion_id)
    with pytest.raises(IntegrityError), transaction.atomic():
        Ballot.objects.create(
            question=question, delegation=d["Alpha"], choice="yes", cast_at=question.opened_at
        )
    motions.motion_vote_close(committee=committee, user=user)
    assert doc_of(committee).motion_result.outcome.tally.yes == 1


@pytest.mark.django_db
def test_an_absent_delegation_cannot_vote_on_its_phone(make_delegate_client):
    committee, user, d = open_floor(absent=("Gamma",))
    motion_id = raise_seconded(committee, d["Alpha"], d["Beta"], "suspend_meeting")
    vote_on(committee, user, motion_id, by_phone=True)
    assert "has no vote on this motion" in panel_html(committee, "phone-self", d["Gamma"])
    response = make_delegate_client(d["Gamma"]).post(
        reverse("delegate_motions_vote", args=[committee.slug]),
        {"choice": "yes"},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 409
    assert "Gamma is not present" in response.content.decode()
    assert not Ballot.objects.filter(question__committee=committee).exists()


@pytest.mark.django_db
@pytest.mark.parametrize(("profile", "observer_votes"), [("cn_common", True), ("un_ga", False)])
def test_observers_vote_on_procedure_only_where_the_profile_allows(profile, observer_votes):
    committee, user, d = open_floor(
        ("Alpha", "Beta", "Holy See"), observers=("Holy See",), rules_profile=profile
    )
    motion_id = raise_seconded(committee, d["Alpha"], d["Beta"], "suspend_meeting")
    vote_on(committee, user, motion_id, by_phone=True)
    observer = d["Holy See"]
    if observer_votes:
        motions.motion_ballot_cast(committee=committee, delegation=observer, choice="yes")
        assert tally_of(committee) == (1, 0)
    else:
        with pytest.raises(ProcedureError) as refused:
            motions.motion_ballot_cast(committee=committee, delegation=observer, choice="yes")
        assert refused.value.code == "not_eligible_to_vote"
        assert doc_of(committee).vote.electorate_size == 2


@pytest.mark.django_db
def test_no_abstention_and_no_phone_ballot_in_a_placard_vote(make_delegate_client):
    committee, user, d = open_floor()
    motion_id = raise_seconded(committee, d["Alpha"], d["Beta"], "suspend_meeting")
    vote_on(committee, user, motion_id)
    client = make_delegate_client(d["Alpha"])
    url = reverse("delegate_motions_vote", args=[committee.slug])
    assert client.post(url, {"choice": "abstain"}, HTTP_HX_REQUEST="true").status_code == 400
    response = client.post(url, {"choice": "yes"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 409
    assert "placard" in response.content.decode()


@pytest.mark.django_db
def test_a_phone_vote_is_decided_on_the_present_electorate():
    committee, user, d = open_floor(("Alpha", "Beta", "Gamma", "Delta"))
    motion_id = raise_seconded(committee, d["Alpha"], d["Beta"], "suspend_meeting")
    vote_on(committee, user, motion_id, by_phone=True)
    for name in ("Alpha", "Beta"):
        motions.motion_ballot_cast(committee=committee, delegation=d[name], choice="yes")
    motions.motion_ballot_cast(committee=committee, delegation=d["Gamma"], choice="no")
    assert "(1 missing)" in panel_html(committee)
    motions.motion_vote_close(committee=committee, user=user)
    result = doc_of(committee).motion_result
    # 2 Yes of 4 present: Delta did not vote, and a simple majority of 4 is 3.
    assert (result.outcome.tally.not_voting, result.outcome.required_yes) == (1, 3)
    assert not result.outcome.passed


@pytest.mark.django_db
def test_the_electorate_is_kept_with_the_question_and_the_floor_keeps_its_size():
    committee, user, d = open_floor(("Alpha", "Beta", "Gamma"), absent=("Gamma",))
    motion_id = raise_seconded(committee, d["Alpha"], d["Beta"], "suspend_meeting")
    vote_on(committee, user, motion_id, by_phone=True)
    question = Question.objects.get(committee=committee)
    voters = {voter["delegation_id"] for voter in question.electorate["voters"]}
    assert voters == {str(d["Alpha"].pk), str(d["Beta"].pk)}
    stored_vote = Floor.objects.get(pk=committee.pk).state["vote"]
    assert "electorate" not in stored_vote and stored_vote["electorate_size"] == 2


# ---- carrying out the winner --------------------------------------------------------------------


@pytest.mark.django_db
def test_the_first_motion_that_passes_is_carried_and_the_rest_superseded():
    committee, user, d = open_floor()
    suspend = raise_seconded(committee, d["Alpha"], d["Beta"], "suspend_meeting")
    close_list = raise_seconded(committee, d["Beta"], d["Gamma"], "close_speakers_list")
    speaking = raise_seconded(
        committee, d["Gamma"], d["Alpha"], "set_speaking_time", speaker_seconds=45
    )
    vote_on(committee, user, suspend)
    motions.motion_vote_close(committee=committee, user=user, yes=1, no=2)
    vote_on(committee, user, speaking)
    motions.motion_vote_close(committee=committee, user=user, yes=3, no=0)
    doc = doc_of(committee)
    statuses = {m.id: m.status for m in doc.motions.motions}
    assert statuses == {suspend: "failed", speaking: "carried", close_list: "superseded"}
    assert doc.speaking_time == 45
    assert not doc.gsl.closed
    assert "not voted (superseded)" in panel_html(committee)


@pytest.mark.django_db
def test_suspending_and_resuming_the_meeting():
    committee, user, d = open_floor()
    motion_id = raise_seconded(committee, d["Alpha"], d["Beta"], "suspend_meeting")
    vote_on(committee, user, motion_id)
    motions.motion_vote_close(committee=committee, user=user, yes=2, no=1)
    assert doc_of(committee).phase == "suspended"
    assert 'data-testid="meeting-resume"' in panel_html(committee)
    response = user_client(user).post(
        reverse("floor_motions_resume", args=[committee.slug]), HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 204
    assert doc_of(committee).phase == "gsl"


@pytest.mark.django_db
def test_adjourning_the_meeting_ends_the_session():
    committee, user, d = open_floor()
    motion_id = raise_seconded(committee, d["Alpha"], d["Beta"], "adjourn_meeting")
    vote_on(committee, user, motion_id)
    motions.motion_vote_close(committee=committee, user=user, yes=2, no=1)
    doc = doc_of(committee)
    assert doc.phase == "adjourned"
    assert Session.objects.get(committee=committee, number=1).closed_at is not None
    assert doc.motions.get(motion_id).status == "carried"


@pytest.mark.django_db
def test_closure_of_debate_enters_voting_procedure():
    committee, user, d = open_floor(rules_overrides={"closure_requires_dr": False})
    motion_id = raise_seconded(committee, d["Alpha"], d["Beta"], "close_debate")
    vote_on(committee, user, motion_id)
    assert "two-thirds of those present" in panel_html(committee)
    motions.motion_vote_close(committee=committee, user=user, yes=2, no=1)
    assert doc_of(committee).phase == "voting_procedure"
    assert 'data-testid="voting-procedure-note"' in panel_html(committee)


@pytest.mark.django_db
def test_a_carried_moderated_caucus_starts_the_caucus():
    committee, user, d = open_floor()
    motion_id = raise_seconded(
        committee,
        d["Alpha"],
        d["Beta"],
        "moderated_caucus",
        total_seconds=600,
        speaker_seconds=60,
        topic="Mandates",
    )
    vote_on(committee, user, motion_id, by_phone=True)
    for name in ("Alpha", "Beta"):
        motions.motion_ballot_cast(committee=committee, delegation=d[name], choice="yes")
    motions.motion_vote_close(committee=committee, user=user)
    doc = doc_of(committee)
    assert doc.phase == "mod_caucus"
    assert doc.caucus is not None and doc.caucus.topic == "Mandates"
    assert doc.motion_result.effect_error == {}


@pytest.mark.django_db
def test_the_projector_shows_the_vote_and_then_the_result():
    committee, user, d = open_floor()
    motion_id = raise_seconded(committee, d["Alpha"], d["Beta"], "suspend_meeting")
    projector = panel_html(committee, "projector-main")
    assert 'data-testid="projector-queue"' in projector
    vote_on(committee, user, motion_id, by_phone=True)
    motions.motion_ballot_cast(committee=committee, delegation=d["Alpha"], choice="yes")
    projector = panel_html(committee, "projector-main")
    assert 'data-testid="projector-motion"' in projector and "Suspend the meeting" in projector
    assert 'data-testid="projector-tally"' in projector
    motions.motion_vote_close(committee=committee, user=user)
    projector = panel_html(committee, "projector-main")
    assert 'data-testid="projector-result"' in projector
    assert "1 of 3" not in projector


@pytest.mark.django_db
def test_after_a_failed_vote_the_room_sees_the_result_and_the_motions_still_waiting():
    committee, user, d = open_floor()
    suspend = raise_seconded(committee, d["Alpha"], d["Beta"], "suspend_meeting")
    raise_seconded(committee, d["Beta"], d["Gamma"], "set_speaking_time", speaker_seconds=60)
    vote_on(committee, user, suspend)
    motions.motion_vote_close(committee=committee, user=user, yes=1, no=2)
    projector = panel_html(committee, "projector-main")
    assert 'data-testid="projector-result"' in projector and "failed" in projector
    assert 'data-testid="projector-queue"' in projector and "Set speaking time" in projector
