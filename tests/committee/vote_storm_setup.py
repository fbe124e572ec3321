"""A committee whose members all sit, present, with a phone vote open: made through the
services, for the vote-storm tests.

tests/committee/test_vote_storm.py makes it in the test database. The live storm test makes it
in its server's database by running `main` (LIVE_SERVER_SCRIPT) with the server's settings:
`open SIZE` makes it and prints what the phones and screens need to sign in, as JSON;
`ballots SLUG` prints the ballots stored for the committee's open question.
"""

import json
import sys
from importlib import import_module
from typing import Any
from unittest import mock

from django.conf import settings
from django.test import Client

from committee import realtime
from committee.access import bind_session
from committee.floor import decode
from committee.models import Ballot, DaisMembership, Delegation, Floor, FloorEvent
from committee.procedure.facts import EventKind
from tests import factories
from tests.committee.test_floor_motions import raise_seconded
from tests.committee.test_floor_motions_votes import vote_on

# `python -c LIVE_SERVER_SCRIPT open 193`, with the server's DJANGO_SETTINGS_MODULE.
LIVE_SERVER_SCRIPT = (
    "import django; django.setup(); from tests.committee.vote_storm_setup import main; main()"
)


def phone_vote_open(size: int):
    """A committee of `size` present members with a phone vote open on a motion."""
    committee, delegations, chair = factories.plenary_in_session(size, prefix="Member")
    motion_id = raise_seconded(committee, delegations[0], delegations[1], "suspend_meeting")
    vote_on(committee, chair, motion_id, by_phone=True)
    return committee, delegations, motion_id


def choice_for(delegation_id: int) -> str:
    """How each delegation votes in the storms: two in three Yes."""
    return "yes" if delegation_id % 3 else "no"


def _bound_session_key(delegation: Delegation) -> str:
    """The session of a phone that typed the delegation's code."""
    session = import_module(settings.SESSION_ENGINE).SessionStore()
    bind_session(session, factories.access_of(delegation))
    session.save()
    return session.session_key


def _signed_in_session_key(user: Any) -> str:
    client = Client()
    client.force_login(user)
    return client.cookies[settings.SESSION_COOKIE_NAME].value


def open_for_live_server(size: int) -> dict[str, Any]:
    # No screen is connected while the committee is made: there is nobody to push to.
    with mock.patch.object(realtime, "broadcast_floor"):
        committee, delegations, _motion_id = phone_vote_open(size)
    chair = DaisMembership.objects.get(committee=committee).user
    return {
        "slug": committee.slug,
        "projector_token": committee.projector_token,
        "chair_session": _signed_in_session_key(chair),
        "phones": [
            {
                "delegation": delegation.pk,
                "session": _bound_session_key(delegation),
                "choice": choice_for(delegation.pk),
            }
            for delegation in delegations
        ],
    }


def stored_ballots(slug: str) -> dict[str, Any]:
    """Every Ballot row of the committee's open question, and how many ballots the log has."""
    vote = decode(Floor.objects.get(committee__slug=slug).state).vote
    assert vote is not None
    rows = Ballot.objects.filter(question_id=vote.question_id).values_list(
        "delegation_id", "choice"
    )
    logged = FloorEvent.objects.filter(committee__slug=slug, kind=EventKind.MOTION_BALLOT_CAST)
    return {"rows": [list(row) for row in rows], "logged": logged.count()}


def main() -> None:
    command, argument = sys.argv[1], sys.argv[2]
    if command == "open":
        answer = open_for_live_server(int(argument))
    elif command == "ballots":
        answer = stored_ballots(argument)
    else:
        raise SystemExit(f"unknown command {command!r}: open SIZE, or ballots SLUG")
    # On a line of its own, after anything the services logged.
    sys.stdout.write(f"\n{json.dumps(answer)}\n")
