"""A committee whose members all sit, present, with a phone vote open: made through the
services, for the vote-storm tests. The vote is on a procedural motion (`phone_vote_open`) or,
in voting procedure, on a draft resolution (`dr_vote_open`).

tests/committee/test_vote_storm.py makes it in the test database. The live storm test makes it
in its server's database by running `main` (LIVE_SERVER_SCRIPT) with the server's settings:
`open SIZE` makes a committee voting on a motion and `open-dr SIZE` one voting on a draft
resolution, and prints what the phones and screens need to sign in, as JSON; `ballots SLUG`
prints the ballots stored for the committee's open question (in voting procedure, else the
last one decided) and its result once announced. Several commands may follow one another in
one run (`open 193 open-dr 193`): the factories number what they make per process, so
committees made in two runs would take the same names. Each answer is printed on a line of
its own, in the order of the commands.
"""

import json
import random
import sys
from collections.abc import Callable
from importlib import import_module
from typing import Any
from unittest import mock

from django.conf import settings
from django.test import Client

from committee import realtime
from committee.access import bind_session
from committee.floor import decode
from committee.models import Ballot, DaisMembership, Delegation, Floor, FloorEvent, Question
from committee.procedure.facts import EventKind
from committee.services import documents, motions, voting
from tests import factories
from tests.committee.test_floor_motions import raise_seconded
from tests.committee.test_floor_motions_votes import vote_on
from tests.committee.voting_room import BODY

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


def dr_vote_open(size: int):
    """A committee of `size` present members in voting procedure, with a phone vote open on
    its one draft resolution: member 0 wrote it, the next members signed it up to its quota,
    it was introduced, and closure of debate carried by placard."""
    committee, delegations, chair = factories.plenary_in_session(size, prefix="Member")
    author = delegations[0]
    draft = documents.document_create(
        committee=committee,
        delegation=author,
        topic_id=committee.topics.get().pk,
        title="Rapid deployment",
        body=BODY,
    )
    documents.document_submit(
        committee=committee, delegation=author, document_id=draft.pk, as_draft_resolution=True
    )
    documents.document_approve(committee=committee, user=chair, document_id=draft.pk)
    draft.refresh_from_db()
    for signatory in delegations[1 : draft.quota]:  # the author counts towards the quota
        documents.signature_sign(committee=committee, delegation=signatory, document_id=draft.pk)
    documents.document_introduce(committee=committee, user=chair, document_id=draft.pk)
    closure = raise_seconded(committee, delegations[0], delegations[1], "close_debate")
    motions.motion_vote_open(committee=committee, user=chair, motion_id=closure, by_phone=False)
    motions.motion_vote_close(committee=committee, user=chair, yes=size, no=0)
    question = voting.vote_open(committee=committee, user=chair, method="phones")
    return committee, delegations, question


def choice_for(delegation_id: int) -> str:
    """How each delegation votes in the storms on a motion: two in three Yes."""
    return "yes" if delegation_id % 3 else "no"


def _choices_on_motion(delegations: list[Delegation]) -> dict[int, str]:
    return {delegation.pk: choice_for(delegation.pk) for delegation in delegations}


def dr_choices(delegations: list[Delegation]) -> dict[int, str]:
    """How each delegation votes on the draft resolution, by delegation id: one in twelve
    abstains and, of those voting, Yes is exactly two thirds rounded up. Under cn_common's
    two-thirds of those present and voting the draft is adopted with not one Yes to spare:
    one Yes lost, or one No counted twice, would reject it."""
    abstaining = len(delegations) // 12
    voters = len(delegations) - abstaining
    yes = -(-2 * voters // 3)
    choices = ["abstain"] * abstaining + ["yes"] * yes + ["no"] * (voters - yes)
    random.Random(len(delegations)).shuffle(choices)  # the same every run
    return {delegation.pk: choice for delegation, choice in zip(delegations, choices, strict=True)}


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


def open_for_live_server(
    size: int,
    opening: Callable[[int], tuple[Any, list[Delegation], Any]],
    choosing: Callable[[list[Delegation]], dict[int, str]],
) -> dict[str, Any]:
    # No screen is connected while the committee is made: there is nobody to push to.
    with (
        mock.patch.object(realtime, "broadcast_floor"),
        mock.patch.object(realtime, "broadcast_document"),
    ):
        committee, delegations, _question = opening(size)
    chair = DaisMembership.objects.get(committee=committee).user
    choices = choosing(delegations)
    return {
        "slug": committee.slug,
        "projector_token": committee.projector_token,
        "chair_session": _signed_in_session_key(chair),
        "phones": [
            {
                "delegation": delegation.pk,
                "session": _bound_session_key(delegation),
                "choice": choices[delegation.pk],
            }
            for delegation in delegations
        ],
    }


def _phone_question(slug: str) -> tuple[int, EventKind]:
    """The question phones vote on in the committee: the procedural vote open, else the
    question put in voting procedure, else the last one decided there; and the kind of the
    log's entry for each ballot on it."""
    floor = decode(Floor.objects.get(committee__slug=slug).state)
    if floor.vote is not None:
        assert floor.vote.question_id is not None
        return floor.vote.question_id, EventKind.MOTION_BALLOT_CAST
    assert floor.voting is not None, "no phone vote in this committee"
    put = floor.voting.question or floor.voting.last
    assert put is not None and put.question_id is not None
    return put.question_id, EventKind.VOTE_BALLOT_CAST


def stored_ballots(slug: str) -> dict[str, Any]:
    """Every Ballot row of the committee's phone question, how many ballots the log has, and
    the question's result once announced."""
    question_id, logged_as = _phone_question(slug)
    rows = Ballot.objects.filter(question_id=question_id).values_list("delegation_id", "choice")
    logged = FloorEvent.objects.filter(committee__slug=slug, kind=logged_as)
    question = Question.objects.select_related("document").get(pk=question_id)
    announced = ("threshold", "yes", "no", "abstain", "not_voting", "passed", "verdict")
    result = {field: getattr(question, field) for field in (*announced, "required_yes")}
    result["closed"] = question.closed_at is not None
    if question.document is not None:
        result["document_status"] = question.document.status
        result["resolution_number"] = question.document.resolution_number
    return {"rows": [list(row) for row in rows], "logged": logged.count(), "result": result}


COMMANDS: dict[str, Callable[[str], dict[str, Any]]] = {
    "open": lambda size: open_for_live_server(int(size), phone_vote_open, _choices_on_motion),
    "open-dr": lambda size: open_for_live_server(int(size), dr_vote_open, dr_choices),
    "ballots": stored_ballots,
}


def main() -> None:
    arguments = sys.argv[1:]
    if not arguments or len(arguments) % 2:
        raise SystemExit("commands: open SIZE, open-dr SIZE, ballots SLUG")
    answers = []
    for command, argument in zip(arguments[::2], arguments[1::2], strict=True):
        if command not in COMMANDS:
            raise SystemExit(f"unknown command {command!r}: open SIZE, open-dr SIZE, ballots SLUG")
        answers.append(COMMANDS[command](argument))
    # Each on a line of its own, after anything the services logged.
    sys.stdout.write("\n" + "".join(f"{json.dumps(answer)}\n" for answer in answers))
