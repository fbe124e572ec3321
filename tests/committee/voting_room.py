"""A committee brought to voting procedure through the services, for the voting tests: ten
members present, DR 1.1 (members 0 and 1 sponsor it, 2 signs) with an unfriendly amendment
of member 5 striking its third clause, and DR 1.2 (member 3, signed by 4), both introduced;
closure of debate carried by placard."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from committee.floor import decode
from committee.models import Amendment, Committee, Delegation, Document, Floor
from committee.procedure.floor import FloorDoc
from committee.services import amendments as amend
from committee.services import documents as docs
from committee.services import motions
from tests import factories
from tests.committee.test_floor_motions import raise_seconded

BODY = {
    "preambular": [{"text": "Recalling its resolution 49/37 of 9 December 1994"}],
    "operative": [
        {"text": "Requests a report on rapid deployment", "children": []},
        {
            "text": "Urges troop-contributing countries",
            "children": [{"text": "to train personnel"}, {"text": "to share doctrine"}],
        },
        {"text": "Decides to remain seized of the matter", "children": []},
    ],
}


@dataclass
class VotingRoom:
    committee: Committee
    members: list[Delegation]
    chair: Any
    dr1: Document
    dr2: Document
    amendment: Amendment

    def doc(self) -> FloorDoc:
        return decode(Floor.objects.get(pk=self.committee.pk).state)

    def operative_ids(self, document: Document) -> list[str]:
        document.refresh_from_db()
        body = document.versions.get(number=document.version).body
        return [clause["id"] for clause in body["operative"]]

    def texts(self, document: Document) -> list[str]:
        document.refresh_from_db()
        body = document.versions.get(number=document.version).body
        return [clause["text"] for clause in body["operative"]]


def approved_dr(committee, chair, author, others, title, body=BODY):
    """A draft resolution by `author`, joined by `others` ((delegation, as sponsor) pairs),
    submitted and approved by the Director."""
    topic = committee.topics.get().pk
    document = docs.document_create(
        committee=committee, delegation=author, topic_id=topic, title=title, body=body
    )
    for invitee, as_sponsor in others:
        docs.signature_invite(
            committee=committee,
            delegation=author,
            document_id=document.pk,
            invitee_id=invitee.pk,
            as_sponsor=as_sponsor,
        )
        docs.signature_answer(
            committee=committee, delegation=invitee, document_id=document.pk, accept=True
        )
    docs.document_submit(
        committee=committee, delegation=author, document_id=document.pk, as_draft_resolution=True
    )
    docs.document_approve(committee=committee, user=chair, document_id=document.pk)
    document.refresh_from_db()
    return document


def voting_room(*, enter: bool = True, rules: dict[str, Any] | None = None) -> VotingRoom:
    committee, members, chair = factories.plenary_in_session(10, prefix="Member")
    if rules:
        committee.rules_overrides = {**committee.rules_overrides, **rules}
        committee.save(update_fields=["rules_overrides"])
    dr1 = approved_dr(
        committee, chair, members[0], ((members[1], True), (members[2], False)), "Reform"
    )
    dr2 = approved_dr(committee, chair, members[3], ((members[4], False),), "Training")
    dr1.refresh_from_db()
    third = dr1.versions.get(number=dr1.version).body["operative"][2]["id"]
    amendment = amend.amendment_submit(
        committee=committee,
        delegation=members[5],
        document_id=dr1.pk,
        action="strike",
        target=third,
        placement="after",
        text="",
        rationale="Not needed",
    )
    amend.amendment_approve(committee=committee, user=chair, amendment_id=amendment.pk)
    amend.amendment_answer(
        committee=committee, delegation=members[0], amendment_id=amendment.pk, accept=False
    )
    amend.amendment_sign(committee=committee, delegation=members[6], amendment_id=amendment.pk)
    for document in (dr1, dr2):
        docs.document_introduce(committee=committee, user=chair, document_id=document.pk)
    room = VotingRoom(committee, members, chair, dr1, dr2, amendment)
    if enter:
        enter_voting(room)
    return room


def enter_voting(room: VotingRoom) -> None:
    """Closure of debate, moved, seconded and carried by placard."""
    motion_id = raise_seconded(room.committee, room.members[0], room.members[1], "close_debate")
    motions.motion_vote_open(
        committee=room.committee, user=room.chair, motion_id=motion_id, by_phone=False
    )
    motions.motion_vote_close(committee=room.committee, user=room.chair, yes=8, no=1)
