"""The dais's voting-procedure actions (each a POST to a view that calls one service)."""

from django.urls import path

from committee.views import floor_voting

urlpatterns = [
    path("open/", floor_voting.vote_open, name="floor_voting_open"),
    path("close/", floor_voting.vote_close, name="floor_voting_close"),
    path("enter/", floor_voting.ballot_enter, name="floor_voting_enter"),
    path("roll/answer/", floor_voting.roll_answer, name="floor_voting_roll_answer"),
    path("roll/round-two/", floor_voting.roll_round_two, name="floor_voting_round_two"),
    path("consensus/", floor_voting.consensus_confirm, name="floor_voting_consensus"),
    path("void/", floor_voting.vote_void, name="floor_voting_void"),
    path("end/", floor_voting.voting_end, name="floor_voting_end"),
    path("amendments/order/", floor_voting.amendment_order, name="floor_voting_amendment_order"),
]
