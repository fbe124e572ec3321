"""Voting procedure on the screens: the dais's panel, the projector and the phones draw the
question put, its live tally from the ballot rows, the roll call and the result; the views
take each action as a POST and refuse bad input with a 400 that changes nothing."""

import pytest
from django.urls import reverse

from committee.models import Ballot, Question
from committee.selectors import FloorView
from committee.services import motions, voting
from tests.committee.test_floor_motions import raise_seconded
from tests.committee.voting_room import VotingRoom, voting_room
from tests.conftest import delegate_client, user_client
from tests.regions import render_regions

pytestmark = pytest.mark.django_db
HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def room() -> VotingRoom:
    return voting_room()


def drawn(room, region, delegation=None, language="en"):
    view = FloorView(room.committee)
    if delegation is not None:
        delegation = view.by_id[str(delegation.pk)]
    return render_regions(view, (region,), delegation=delegation)[language]


def url(room, name):
    return reverse(name, kwargs={"slug": room.committee.slug})


def test_the_dais_panel_shows_the_order_of_voting_and_offers_the_ways_to_put_it(room):
    html = drawn(room, "voting")
    assert 'data-testid="voting-order"' in html
    assert "Amendment 1 to DR 1.1" in html and "DR 1.2" in html
    assert 'data-testid="voting-open-placards"' in html
    assert 'data-testid="voting-open-phones"' in html
    # Neither a roll call nor consensus was moved: the dais is not offered them.
    assert 'data-testid="voting-open-roll_call"' not in html
    assert 'data-testid="voting-open-consensus"' not in html
    chinese = drawn(room, "voting", language="zh-hans")
    assert "表决程序" in chinese and "以手机投票方式付诸表决" in chinese


def test_a_phone_vote_is_tallied_live_on_the_dais_the_projector_and_every_phone(room):
    dais = user_client(room.chair)
    response = dais.post(url(room, "floor_voting_open"), {"method": "phones"}, **HTMX)
    assert response.status_code == 204
    phone = delegate_client(room.members[0])
    assert (
        phone.post(url(room, "delegate_voting_cast"), {"choice": "yes"}, **HTMX).status_code == 204
    )
    voting.vote_ballot_cast(committee=room.committee, delegation=room.members[1], choice="no")
    for region, delegation in (("voting", None), ("projector-main", None), ("phone-now", None)):
        html = drawn(room, region, delegation)
        assert 'data-yes="1" data-no="1" data-abstain="0" data-missing="8"' in html, region
    own = drawn(room, "phone-self", room.members[0])
    assert 'data-testid="phone-vote-ballot"' in own and 'data-choice="yes"' in own
    # The dais sees who has not voted, with buttons to enter a vote for them.
    assert drawn(room, "voting").count('data-testid="voting-enter-yes"') == 8


def test_bad_input_answers_400_and_changes_nothing(room):
    dais = user_client(room.chair)
    assert (
        dais.post(url(room, "floor_voting_open"), {"method": "show_of_hands"}, **HTMX).status_code
        == 400
    )
    assert not Question.objects.filter(kind="amendment").exists()
    voting.vote_open(committee=room.committee, user=room.chair, method="placards")
    response = dais.post(url(room, "floor_voting_close"), {"yes": "-1", "no": "2"}, **HTMX)
    assert response.status_code == 400
    response = dais.post(url(room, "floor_voting_close"), {"yes": "9", "no": "9"}, **HTMX)
    assert response.status_code == 409
    assert Question.objects.get(kind="amendment").closed_at is None
    phone = delegate_client(room.members[0])
    response = phone.post(url(room, "delegate_voting_cast"), {"choice": "maybe"}, **HTMX)
    assert response.status_code == 400
    response = dais.post(url(room, "floor_voting_void"), {"reason": "   "}, **HTMX)
    assert response.status_code == 400
    assert not Ballot.objects.exists()


def test_a_roll_call_shows_who_is_called_and_you_are_next_on_that_phone(room):
    committee, members, chair = room.committee, room.members, room.chair
    motion_id = raise_seconded(
        committee, members[2], members[3], "roll_call_vote", target=str(room.dr1.pk)
    )
    motions.motion_vote_open(committee=committee, user=chair, motion_id=motion_id, by_phone=False)
    motions.motion_vote_close(committee=committee, user=chair, yes=6, no=3)
    # Voting-procedure motions come before the first substantive vote; the amendment is
    # voted first, by placard, and the roll call is on the DR.
    voting.vote_open(committee=committee, user=chair, method="placards")
    voting.vote_close(committee=committee, user=chair, yes=9, no=1, abstain=0)
    html = drawn(room, "voting")
    assert 'data-testid="voting-open-roll_call"' in html
    assert 'data-testid="voting-open-placards"' not in html
    voting.vote_open(committee=committee, user=chair, method="roll_call")
    question = Question.objects.get(kind="dr", document=room.dr1)
    first = str(question.call_order[0])
    html = drawn(room, "voting")
    assert f'data-testid="roll-call-next" data-delegation-id="{first}"' in html
    assert 'data-roll-key="1"' in html
    called = next(m for m in members if str(m.pk) == first)
    assert 'data-testid="phone-roll-you-are-next"' in drawn(room, "phone-self", called)
    other = next(m for m in members if str(m.pk) != first)
    assert 'data-testid="phone-roll-you-are-next"' not in drawn(room, "phone-self", other)
    dais = user_client(chair)
    response = dais.post(
        url(room, "floor_voting_roll_answer"), {"delegation": first, "choice": "pass"}, **HTMX
    )
    assert response.status_code == 204
    assert 'data-choice="pass"' in drawn(room, "voting")


def test_the_result_is_shown_with_its_counts_and_threshold_and_can_be_voided(room):
    voting.vote_open(committee=room.committee, user=room.chair, method="placards")
    voting.vote_close(committee=room.committee, user=room.chair, yes=4, no=5, abstain=1)
    html = drawn(room, "voting")
    assert 'data-testid="voting-result"' in html and "rejected" in html
    assert "Yes 4, No 5, Abstain 1, did not vote 0" in html
    assert "two-thirds of those present and voting" in html
    assert "rejected" in drawn(room, "projector-main")
    dais = user_client(room.chair)
    response = dais.post(url(room, "floor_voting_void"), {"reason": "Miscounted"}, **HTMX)
    assert response.status_code == 204
    question = Question.objects.get(kind="amendment")
    assert question.void_reason == "Miscounted" and question.voided_at is not None
    assert 'data-testid="voting-next"' in drawn(room, "voting")


def test_at_a_roll_call_the_next_phone_is_told_to_be_ready(room):
    committee, members, chair = room.committee, room.members, room.chair
    motion_id = raise_seconded(
        committee, members[2], members[3], "roll_call_vote", target=str(room.dr1.pk)
    )
    motions.motion_vote_open(committee=committee, user=chair, motion_id=motion_id, by_phone=False)
    motions.motion_vote_close(committee=committee, user=chair, yes=6, no=3)
    voting.vote_open(committee=committee, user=chair, method="placards")
    voting.vote_close(committee=committee, user=chair, yes=9, no=1, abstain=0)
    voting.vote_open(committee=committee, user=chair, method="roll_call")
    order = [str(d) for d in Question.objects.get(kind="dr", document=room.dr1).call_order]
    by_id = {str(m.pk): m for m in members}
    assert 'data-testid="phone-roll-you-are-after"' in drawn(room, "phone-self", by_id[order[1]])
    assert 'data-testid="phone-roll-you-are-after"' not in drawn(
        room, "phone-self", by_id[order[2]]
    )
    voting.vote_roll_answer(committee=committee, user=chair, delegation_id=order[0], choice="yes")
    assert 'data-testid="phone-roll-you-are-next"' in drawn(room, "phone-self", by_id[order[1]])
    assert 'data-testid="phone-roll-you-are-after"' in drawn(room, "phone-self", by_id[order[2]])


def test_the_result_of_a_phone_vote_lists_every_delegations_vote(room):
    committee, members, chair = room.committee, room.members, room.chair
    voting.vote_open(committee=committee, user=chair, method="phones")
    voting.vote_ballot_cast(committee=committee, delegation=members[0], choice="no")
    voting.vote_ballot_enter(
        committee=committee, user=chair, delegation_id=members[1].pk, choice="yes"
    )
    voting.vote_close(committee=committee, user=chair, accept_missing=True)
    html = drawn(room, "voting")
    assert 'data-testid="voting-votes"' in html
    assert f'data-delegation-id="{members[0].pk}" data-choice="no"' in html
    assert f'data-delegation-id="{members[1].pk}" data-choice="yes"' in html
    assert "(entered by the dais)" in html
    assert html.count("did not vote</span>") == 8
    assert "各代表团的投票" in drawn(room, "voting", language="zh-hans")


def test_the_dais_is_told_the_speeches_on_a_motion_and_the_questions_after_an_introduction(room):
    raise_seconded(
        room.committee,
        room.members[2],
        room.members[3],
        "divide_question",
        target=str(room.dr1.pk),
        parts=(room.operative_ids(room.dr1)[0],),
    )
    assert "speakers: 2 for, 2 against, 45 seconds each" in drawn(room, "motions")
    documents = drawn(room, "documents")
    assert documents.count('data-testid="document-qa-guidance"') == 2
    assert "up to 3 questions on its wording" in documents
