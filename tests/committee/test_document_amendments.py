"""Amendments through the services: the Director first, then the sponsors; friendly ones
applied in place, unfriendly ones to their quota; lapse, mootness and degrees (§5.4,
§8.22–8.25, §8.27)."""

import pytest

from committee.document_selectors import DocumentsView
from committee.models import Amendment, DocumentVersion, FloorEvent
from committee.procedure.errors import ProcedureError
from committee.procedure.facts import EventKind
from committee.resolutions.body import BodyError
from committee.resolutions.layout import lay_out
from committee.services import amendments as amend
from committee.services import documents as docs
from committee.services.floor import FloorRefusal
from tests import factories

pytestmark = pytest.mark.django_db

BODY = {
    "preambular": [{"text": "Recalling its resolution 49/37"}],
    "operative": [
        {"text": "Requests a report on rapid deployment", "children": []},
        {"text": "Urges training before deployment", "children": [{"text": "in languages"}]},
        {"text": "Decides to remain seized of the matter", "children": []},
    ],
}


@pytest.fixture
def dr():
    """DR 1.1 with two sponsors (members 0 and 1) and one signatory (2), approved; ten
    members present, so quotas are 2."""
    committee, members, chair = factories.plenary_in_session(10, prefix="Member")
    topic = committee.topics.get().pk
    document = docs.document_create(
        committee=committee, delegation=members[0], topic_id=topic, title="Reform", body=BODY
    )
    for invitee, as_sponsor in ((members[1], True), (members[2], False)):
        docs.signature_invite(
            committee=committee,
            delegation=members[0],
            document_id=document.pk,
            invitee_id=invitee.pk,
            as_sponsor=as_sponsor,
        )
        docs.signature_answer(
            committee=committee, delegation=invitee, document_id=document.pk, accept=True
        )
    docs.document_submit(
        committee=committee,
        delegation=members[0],
        document_id=document.pk,
        as_draft_resolution=True,
    )
    docs.document_approve(committee=committee, user=chair, document_id=document.pk)
    document.refresh_from_db()
    return committee, members, chair, document


def clause_id(document, number, sub=None):
    body = document.versions.get(number=document.version).body
    clause = body["operative"][number - 1]
    return clause["children"][sub]["id"] if sub is not None else clause["id"]


def submit(committee, delegation, document, action, target, text="", placement="after"):
    return amend.amendment_submit(
        committee=committee,
        delegation=delegation,
        document_id=document.pk,
        action=action,
        target=target,
        placement=placement,
        text=text,
        rationale="Clearer",
    )


def texts(document):
    document.refresh_from_db()
    body = document.versions.get(number=document.version).body
    return [c["text"] for c in body["operative"]]


def test_a_friendly_amendment_waits_for_the_director_then_every_sponsor(dr):
    committee, members, chair, document = dr
    amendment = submit(
        committee, members[5], document, "modify", clause_id(document, 2), "Urges training"
    )
    assert amendment.status == "submitted" and amendment.target_label == "2"
    # Not applied before the Director approves, even if a sponsor would accept (§5.4).
    with pytest.raises(ProcedureError) as refused:
        amend.amendment_answer(
            committee=committee, delegation=members[0], amendment_id=amendment.pk, accept=True
        )
    assert refused.value.code == "amendment_wrong_status"
    amend.amendment_approve(committee=committee, user=chair, amendment_id=amendment.pk)
    amend.amendment_answer(
        committee=committee, delegation=members[0], amendment_id=amendment.pk, accept=True
    )
    assert texts(document)[1] == "Urges training before deployment"
    amend.amendment_answer(
        committee=committee, delegation=members[1], amendment_id=amendment.pk, accept=True
    )
    amendment.refresh_from_db()
    assert amendment.status == "applied"
    assert texts(document)[1] == "Urges training"
    version = DocumentVersion.objects.get(document=document, number=document.version)
    assert (version.source, version.amendment_id) == ("amendment", amendment.pk)


def test_one_sponsor_refusing_makes_it_unfriendly_to_its_quota_then_awaiting_the_vote(dr):
    committee, members, chair, document = dr
    amendment = submit(committee, members[5], document, "strike", clause_id(document, 3))
    amend.amendment_approve(committee=committee, user=chair, amendment_id=amendment.pk)
    amend.amendment_answer(
        committee=committee, delegation=members[1], amendment_id=amendment.pk, accept=False
    )
    amendment.refresh_from_db()
    assert (amendment.status, amendment.quota) == ("unfriendly", 2)
    with pytest.raises(ProcedureError):
        amend.amendment_answer(
            committee=committee, delegation=members[0], amendment_id=amendment.pk, accept=True
        )
    amend.amendment_sign(committee=committee, delegation=members[6], amendment_id=amendment.pk)
    amendment.refresh_from_db()
    assert amendment.status == "awaiting_vote"
    assert len(texts(document)) == 3  # not applied: it waits for voting procedure


def test_a_sponsors_own_amendment_counts_as_its_acceptance(dr):
    committee, members, chair, document = dr
    amendment = submit(
        committee, members[0], document, "add", clause_id(document, 1), "Welcomes the report"
    )
    amend.amendment_approve(committee=committee, user=chair, amendment_id=amendment.pk)
    amend.amendment_answer(
        committee=committee, delegation=members[1], amendment_id=amendment.pk, accept=True
    )
    assert texts(document) == [
        "Requests a report on rapid deployment",
        "Welcomes the report",
        "Urges training before deployment",
        "Decides to remain seized of the matter",
    ]
    layout = lay_out(document.versions.get(number=document.version).body, language="en")
    assert [c.label for c in layout.operative] == ["1.", "2.", "3.", "4."]


def test_adding_a_sub_clause_and_a_last_clause(dr):
    committee, members, chair, document = dr
    for target, placement, text in (
        (clause_id(document, 1), "inside", "within ninety days"),
        ("", "", "Requests the Secretary-General to report back"),
    ):
        amendment = submit(committee, members[0], document, "add", target, text, placement)
        amend.amendment_approve(committee=committee, user=chair, amendment_id=amendment.pk)
        amend.amendment_answer(
            committee=committee, delegation=members[1], amendment_id=amendment.pk, accept=True
        )
    document.refresh_from_db()
    body = document.versions.get(number=document.version).body
    assert body["operative"][0]["children"][0]["text"] == "within ninety days"
    assert body["operative"][-1]["text"] == "Requests the Secretary-General to report back"


def test_striking_a_clause_lapses_the_amendments_aimed_at_it_and_moots_rewrites(dr):
    committee, members, chair, document = dr
    third, second = clause_id(document, 3), clause_id(document, 2)
    strike = submit(committee, members[0], document, "strike", third)
    aimed = submit(committee, members[5], document, "modify", third, "Decides to act")
    follow = submit(committee, members[6], document, "add", third, "Thanks everyone")
    rewrite = submit(committee, members[7], document, "modify", second, "Urges all training")
    other_rewrite = submit(committee, members[8], document, "modify", second, "Urges no training")
    for amendment in (rewrite,):
        amend.amendment_approve(committee=committee, user=chair, amendment_id=amendment.pk)
        for sponsor in members[:2]:
            amend.amendment_answer(
                committee=committee, delegation=sponsor, amendment_id=amendment.pk, accept=True
            )
    amend.amendment_approve(committee=committee, user=chair, amendment_id=strike.pk)
    amend.amendment_answer(
        committee=committee, delegation=members[1], amendment_id=strike.pk, accept=True
    )
    statuses = dict(Amendment.objects.values_list("pk", "status"))
    assert statuses[strike.pk] == "applied"
    assert statuses[aimed.pk] == "lapsed"
    assert statuses[follow.pk] == "lapsed"
    assert statuses[other_rewrite.pk] == "not_put"
    event = FloorEvent.objects.filter(kind=EventKind.AMENDMENT_ANSWERED).last()
    assert sorted(event.payload["lapsed"]) == sorted([aimed.number, follow.number])
    # A later amendment on a struck clause is refused outright (§8.23).
    with pytest.raises(ProcedureError) as refused:
        submit(committee, members[5], document, "modify", third, "Decides again")
    assert refused.value.code == "unknown_clause"


def test_preambular_clauses_cannot_be_amended(dr):
    committee, members, _chair, document = dr
    preamble = document.versions.get(number=document.version).body["preambular"][0]["id"]
    for action, placement in (("modify", ""), ("add", "after")):
        with pytest.raises(ProcedureError) as refused:
            submit(committee, members[5], document, action, preamble, "Noting", placement)
        assert refused.value.code == "preamble_not_amendable"


def test_second_degree_amendments_follow_the_profile(dr):
    committee, members, _chair, document = dr
    first = submit(committee, members[5], document, "modify", clause_id(document, 1), "Requests")
    with pytest.raises(ProcedureError) as refused:
        amend.amendment_submit(
            committee=committee,
            delegation=members[6],
            document_id=document.pk,
            action="modify",
            target=clause_id(document, 1),
            placement="",
            text="Asks",
            rationale="",
            parent_id=first.pk,
        )
    assert refused.value.code == "second_degree_not_allowed"


def test_amendments_only_to_approved_draft_resolutions(dr):
    committee, members, _chair, _document = dr
    draft = docs.document_create(
        committee=committee,
        delegation=members[4],
        topic_id=committee.topics.get().pk,
        title="",
        body=BODY,
    )
    with pytest.raises(ProcedureError) as refused:
        submit(committee, members[5], draft, "strike", clause_id(draft, 1))
    assert refused.value.code == "document_wrong_status"


def test_bad_amendments_change_nothing(dr):
    committee, members, _chair, document = dr
    with pytest.raises(BodyError):
        submit(committee, members[5], document, "modify", clause_id(document, 1), "   ")
    with pytest.raises(BodyError):
        submit(committee, members[5], document, "add", clause_id(document, 1), "x" * 2001)
    with pytest.raises(FloorRefusal):
        submit(committee, members[5], document, "move", clause_id(document, 1), "x")
    with pytest.raises(ProcedureError):
        submit(committee, members[5], document, "strike", "c999")
    assert not Amendment.objects.exists()


def test_the_director_returns_an_amendment_and_only_its_writer_withdraws_one(dr):
    committee, members, chair, document = dr
    returned = submit(committee, members[5], document, "strike", clause_id(document, 1))
    amend.amendment_return(
        committee=committee, user=chair, amendment_id=returned.pk, reason="Not debated"
    )
    returned.refresh_from_db()
    assert (returned.status, returned.return_reason) == ("returned", "Not debated")
    mine = submit(committee, members[5], document, "strike", clause_id(document, 2))
    with pytest.raises(ProcedureError) as refused:
        amend.amendment_withdraw(committee=committee, delegation=members[6], amendment_id=mine.pk)
    assert refused.value.code == "own_amendment"
    amend.amendment_withdraw(committee=committee, delegation=members[5], amendment_id=mine.pk)
    mine.refresh_from_db()
    assert mine.status == "withdrawn"


def test_a_non_sponsor_is_not_asked_and_no_one_answers_twice(dr):
    committee, members, chair, document = dr
    amendment = submit(committee, members[5], document, "strike", clause_id(document, 1))
    amend.amendment_approve(committee=committee, user=chair, amendment_id=amendment.pk)
    with pytest.raises(ProcedureError) as refused:
        amend.amendment_answer(
            committee=committee, delegation=members[2], amendment_id=amendment.pk, accept=True
        )
    assert refused.value.code == "not_asked"
    amend.amendment_answer(
        committee=committee, delegation=members[0], amendment_id=amendment.pk, accept=True
    )
    with pytest.raises(ProcedureError) as refused:
        amend.amendment_answer(
            committee=committee, delegation=members[0], amendment_id=amendment.pk, accept=False
        )
    assert refused.value.code == "already_answered"


def test_an_amendment_id_of_another_committee_is_not_reachable(dr, committee_y):
    committee, members, _chair, document = dr
    amendment = submit(committee, members[5], document, "strike", clause_id(document, 1))
    stranger = factories.delegation(committee_y)
    with pytest.raises(FloorRefusal):
        amend.amendment_withdraw(
            committee=committee_y, delegation=stranger, amendment_id=amendment.pk
        )


def test_the_selectors_say_who_is_asked_and_preview_the_new_text(dr):
    committee, members, chair, document = dr
    amendment = submit(
        committee, members[5], document, "modify", clause_id(document, 2, 0), "in two languages"
    )
    amend.amendment_approve(committee=committee, user=chair, amendment_id=amendment.pk)
    view = DocumentsView(committee)
    card = view.card(document.pk).amendments[0]
    assert [d.pk for d in card.waiting_for] == [members[0].pk, members[1].pk]
    assert [a.pk for a in view.asks_of(members[0])["friendly"]] == [amendment.pk]
    assert view.asks_of(members[5])["friendly"] == []
    preview = card.preview("en")
    assert preview.operative[1].children[0].rest.startswith("in two languages")


def test_when_a_sponsor_leaves_the_remaining_sponsors_acceptance_is_enough(dr):
    committee, members, chair, document = dr
    amendment = submit(committee, members[5], document, "strike", clause_id(document, 1))
    amend.amendment_approve(committee=committee, user=chair, amendment_id=amendment.pk)
    amend.amendment_answer(
        committee=committee, delegation=members[0], amendment_id=amendment.pk, accept=True
    )
    docs.signature_withdraw(committee=committee, delegation=members[1], document_id=document.pk)
    amendment.refresh_from_db()
    assert amendment.status == "applied"
    assert len(texts(document)) == 2


def test_where_the_profile_allows_it_an_amendment_to_an_amendment_is_voted_never_a_third():
    committee, members, chair = factories.plenary_in_session(10, prefix="Member")
    committee.rules_profile = "thimun"
    committee.save(update_fields=["rules_profile"])
    topic = committee.topics.get().pk
    document = docs.document_create(
        committee=committee, delegation=members[0], topic_id=topic, title="", body=BODY
    )
    docs.document_submit(
        committee=committee,
        delegation=members[0],
        document_id=document.pk,
        as_draft_resolution=True,
    )
    docs.document_approve(committee=committee, user=chair, document_id=document.pk)
    document.refresh_from_db()
    first = submit(committee, members[5], document, "modify", clause_id(document, 1), "Asks")
    second = amend.amendment_submit(
        committee=committee,
        delegation=members[6],
        document_id=document.pk,
        action="modify",
        target=clause_id(document, 1),
        placement="",
        text="Invites",
        rationale="",
        parent_id=first.pk,
    )
    assert second.parent_id == first.pk
    amend.amendment_approve(committee=committee, user=chair, amendment_id=second.pk)
    second.refresh_from_db()
    assert second.status == "unfriendly"
    with pytest.raises(ProcedureError) as refused:
        amend.amendment_submit(
            committee=committee,
            delegation=members[7],
            document_id=document.pk,
            action="modify",
            target=clause_id(document, 1),
            placement="",
            text="Begs",
            rationale="",
            parent_id=second.pk,
        )
    assert refused.value.code == "third_degree_not_allowed"
