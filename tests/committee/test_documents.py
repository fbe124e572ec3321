"""Working papers and draft resolutions through the services: every rule of procedure.md
§5.1–5.2 and §8.19–8.21, the versions, the log and the pushes."""

import pytest

from committee.document_selectors import DocumentsView
from committee.log.chain import verify
from committee.models import Document, DocumentVersion, FloorEvent, Signature
from committee.procedure.errors import ProcedureError
from committee.procedure.facts import EventKind
from committee.resolutions.body import BodyError
from committee.services import documents as docs
from committee.services import floor
from committee.services.floor import FloorRefusal
from tests import factories

pytestmark = pytest.mark.django_db

BODY = {
    "preambular": [{"text": "Recalling its resolution 49/37 of 9 December 1994"}],
    "operative": [
        {"text": "Requests the Secretary-General to report on rapid deployment", "children": []},
        {
            "text": "Urges troop-contributing countries",
            "children": [{"text": "to train personnel before deployment"}],
        },
    ],
}


@pytest.fixture
def plenary():
    """Ten members in session, all present at roll call: a DR's quota is 2."""
    committee, members, chair = factories.plenary_in_session(10, prefix="Member")
    return committee, members, chair


def topic_of(committee):
    return committee.topics.get().pk


def paper(committee, author, body=BODY, title="Rapid deployment"):
    return docs.document_create(
        committee=committee,
        delegation=author,
        topic_id=topic_of(committee),
        title=title,
        body=body,
    )


def submitted_dr(committee, author, chair, signers=(), *, approve=True):
    document = paper(committee, author)
    docs.document_submit(
        committee=committee, delegation=author, document_id=document.pk, as_draft_resolution=True
    )
    for signer in signers:
        invite_and_accept(committee, author, document, signer, as_sponsor=False)
    if approve:
        docs.document_approve(committee=committee, user=chair, document_id=document.pk)
    document.refresh_from_db()
    return document


def invite(committee, by, document, invitee, *, as_sponsor):
    return docs.signature_invite(
        committee=committee,
        delegation=by,
        document_id=document.pk,
        invitee_id=invitee.pk,
        as_sponsor=as_sponsor,
    )


def invite_and_accept(committee, by, document, invitee, *, as_sponsor):
    invite(committee, by, document, invitee, as_sponsor=as_sponsor)
    docs.signature_answer(
        committee=committee, delegation=invitee, document_id=document.pk, accept=True
    )


def kinds(committee):
    return list(FloorEvent.objects.filter(committee=committee).values_list("kind", flat=True))


# ---- writing --------------------------------------------------------------------------------


def test_a_new_paper_is_a_draft_with_its_author_as_sponsor_and_a_first_version(plenary):
    committee, (author, *_), _chair = plenary
    document = paper(committee, author)
    assert (document.kind, document.status, document.version) == (
        "working_paper",
        "draft",
        1,
    )
    version = document.versions.get()
    assert [c["text"] for c in version.body["operative"]] == [
        "Requests the Secretary-General to report on rapid deployment",
        "Urges troop-contributing countries",
    ]
    ids = [version.body["preambular"][0]["id"], *(c["id"] for c in version.body["operative"])]
    assert len(set(ids)) == 3
    assert list(document.signatures.values_list("delegation", "role")) == [(author.pk, "sponsor")]
    assert kinds(committee)[-1] == EventKind.DOCUMENT_CREATED


def test_saving_keeps_clause_ids_and_never_reuses_a_struck_one(plenary):
    committee, (author, *_), _chair = plenary
    document = paper(committee, author)
    first = document.versions.get().body
    kept, struck = first["operative"]
    docs.document_save(
        committee=committee,
        delegation=author,
        document_id=document.pk,
        title="Rapid deployment",
        body={"preambular": first["preambular"], "operative": [kept]},
        base_version=1,
    )
    third = docs.document_save(
        committee=committee,
        delegation=author,
        document_id=document.pk,
        title="Rapid deployment",
        body={
            "preambular": first["preambular"],
            "operative": [kept, {"text": "Decides to remain seized of the matter"}],
        },
        base_version=2,
    )
    assert third.number == 3
    assert third.body["operative"][0]["id"] == kept["id"]
    new_id = third.body["operative"][1]["id"]
    used_before = {struck["id"], *(c["id"] for c in struck["children"])}
    assert new_id not in used_before | {kept["id"], first["preambular"][0]["id"]}


def test_two_sponsors_saving_at_once_never_lose_each_others_text(plenary):
    committee, (author, partner, *_), _chair = plenary
    document = paper(committee, author)
    invite_and_accept(committee, author, document, partner, as_sponsor=True)
    body = document.versions.get().body
    mine = {**body, "preambular": [{"text": "Reaffirming the Charter"}]}
    theirs = {**body, "preambular": [{"text": "Welcoming the report of the Secretary-General"}]}
    docs.document_save(
        committee=committee,
        delegation=partner,
        document_id=document.pk,
        title="Rapid deployment",
        body=theirs,
        base_version=1,
    )
    with pytest.raises(docs.VersionConflict) as conflict:
        docs.document_save(
            committee=committee,
            delegation=author,
            document_id=document.pk,
            title="Rapid deployment",
            body=mine,
            base_version=1,
        )
    assert conflict.value.theirs.number == 2
    assert conflict.value.theirs.body["preambular"][0]["text"] == (
        "Welcoming the report of the Secretary-General"
    )
    assert DocumentVersion.objects.filter(document=document).count() == 2


def test_an_autosave_of_the_same_text_makes_no_version_and_no_event(plenary):
    committee, (author, *_), _chair = plenary
    document = paper(committee, author)
    events = FloorEvent.objects.count()
    stored = document.versions.get().body
    saved = docs.document_save(
        committee=committee,
        delegation=author,
        document_id=document.pk,
        title=document.title,
        body=stored,
        base_version=1,
    )
    assert saved is None
    assert FloorEvent.objects.count() == events


@pytest.mark.parametrize(
    ("body", "words"),
    [
        ({"preambular": [], "operative": []}, "no clauses"),
        ({"operative": [{"text": "   "}]}, "empty"),
        ({"operative": [{"text": "x" * 2001}]}, "2000"),
        (
            {
                "operative": [
                    {
                        "text": "a",
                        "children": [
                            {"text": "b", "children": [{"text": "c", "children": [{"text": "d"}]}]}
                        ],
                    }
                ]
            },
            "3 levels",
        ),
        ({"preambular": [{"text": "Recalling", "children": [{"text": "x"}]}]}, "Preambular"),
        ("not a tree", "could not be read"),
    ],
)
def test_bad_text_is_refused_with_a_reason_and_changes_nothing(plenary, body, words):
    committee, (author, *_), _chair = plenary
    document = paper(committee, author)
    with pytest.raises(BodyError) as refused:
        docs.document_save(
            committee=committee,
            delegation=author,
            document_id=document.pk,
            title="x",
            body=body,
            base_version=1,
        )
    assert words in str(refused.value.message)
    document.refresh_from_db()
    assert (document.version, document.title) == (1, "Rapid deployment")


def test_only_a_sponsor_edits_and_only_while_it_is_a_draft(plenary):
    committee, (author, other, *_), _chair = plenary
    document = paper(committee, author)
    with pytest.raises(ProcedureError) as refused:
        docs.document_save(
            committee=committee,
            delegation=other,
            document_id=document.pk,
            title="x",
            body=BODY,
            base_version=1,
        )
    assert refused.value.code == "not_a_sponsor"
    docs.document_submit(
        committee=committee, delegation=author, document_id=document.pk, as_draft_resolution=False
    )
    with pytest.raises(ProcedureError) as refused:
        docs.document_save(
            committee=committee,
            delegation=author,
            document_id=document.pk,
            title="x",
            body=BODY,
            base_version=1,
        )
    assert refused.value.code == "document_wrong_status"


def test_a_document_of_another_committee_cannot_be_reached(plenary, committee_y):
    committee, (author, *_), _chair = plenary
    document = paper(committee, author)
    stranger = factories.delegation(committee_y)
    with pytest.raises(FloorRefusal):
        docs.document_save(
            committee=committee_y,
            delegation=stranger,
            document_id=document.pk,
            title="x",
            body=BODY,
            base_version=1,
        )


# ---- sponsors, signatories, quota ----------------------------------------------------------


def test_the_quota_is_fixed_at_submission_from_the_last_roll_call(plenary):
    committee, (author, *others), chair = plenary
    document = paper(committee, author)
    docs.document_submit(
        committee=committee, delegation=author, document_id=document.pk, as_draft_resolution=True
    )
    document.refresh_from_db()
    assert (document.kind, document.status, document.quota) == ("draft_resolution", "submitted", 2)
    # Attendance drops afterwards: the stored quota stands (§8.20).
    for member in others[:5]:
        floor.attendance_set(
            committee=committee, delegation_id=member.pk, status="absent", user=chair
        )
    document.refresh_from_db()
    assert document.quota == 2


def test_signatories_sign_on_invitation_and_the_dais_numbers_in_approval_order(plenary):
    committee, members, chair = plenary
    first = submitted_dr(committee, members[0], chair, [members[1]], approve=False)
    second = submitted_dr(committee, members[2], chair, [members[3]], approve=False)
    docs.document_approve(committee=committee, user=chair, document_id=second.pk)
    docs.document_approve(committee=committee, user=chair, document_id=first.pk)
    first.refresh_from_db()
    second.refresh_from_db()
    assert (second.dr_number, first.dr_number) == (1, 2)
    view = DocumentsView(committee)
    assert view.card(second.pk).label == "DR 1.1"
    assert view.card(first.pk).meets_quota


def test_a_sponsor_of_one_dr_cannot_sponsor_or_sign_another(plenary):
    committee, members, chair = plenary
    submitted_dr(committee, members[0], chair, [members[1]])
    other = paper(committee, members[2])
    docs.document_submit(
        committee=committee, delegation=members[2], document_id=other.pk, as_draft_resolution=True
    )
    with pytest.raises(ProcedureError) as refused:
        invite(committee, members[2], other, members[0], as_sponsor=True)
    assert refused.value.code == "sponsor_limit"
    assert "Member 000" in str(refused.value.facts["delegation"])
    with pytest.raises(ProcedureError) as refused:
        invite(committee, members[2], other, members[0], as_sponsor=False)
    assert refused.value.code == "sponsor_of_other_dr"


def test_a_rule_broken_between_invitation_and_answer_is_caught_at_the_answer(plenary):
    committee, members, chair = plenary
    one = paper(committee, members[0])
    two = paper(committee, members[1])
    for document, author in ((one, members[0]), (two, members[1])):
        docs.document_submit(
            committee=committee,
            delegation=author,
            document_id=document.pk,
            as_draft_resolution=True,
        )
        invite(committee, author, document, members[5], as_sponsor=True)
    docs.signature_answer(
        committee=committee, delegation=members[5], document_id=one.pk, accept=True
    )
    with pytest.raises(ProcedureError) as refused:
        docs.signature_answer(
            committee=committee, delegation=members[5], document_id=two.pk, accept=True
        )
    assert refused.value.code == "sponsor_limit"
    assert two.signatures.get(delegation=members[5]).signed_at is None


def test_an_observer_cannot_be_asked_to_sponsor(plenary):
    committee, members, _chair = plenary
    observer = factories.delegation(committee, "Holy See", kind="observer")
    document = paper(committee, members[0])
    with pytest.raises(ProcedureError) as refused:
        invite(committee, members[0], document, observer, as_sponsor=True)
    assert refused.value.code == "cannot_sponsor"


def test_asking_twice_or_answering_unasked_is_refused(plenary):
    committee, members, _chair = plenary
    document = paper(committee, members[0])
    invite(committee, members[0], document, members[1], as_sponsor=False)
    with pytest.raises(FloorRefusal):
        invite(committee, members[0], document, members[1], as_sponsor=False)
    with pytest.raises(FloorRefusal):
        docs.signature_answer(
            committee=committee, delegation=members[2], document_id=document.pk, accept=True
        )
    with pytest.raises(ProcedureError) as refused:
        invite(committee, members[3], document, members[4], as_sponsor=False)
    assert refused.value.code == "not_a_sponsor"


def test_a_declined_invitation_ends_and_may_be_asked_again(plenary):
    committee, members, _chair = plenary
    document = paper(committee, members[0])
    invite(committee, members[0], document, members[1], as_sponsor=False)
    docs.signature_answer(
        committee=committee, delegation=members[1], document_id=document.pk, accept=False
    )
    assert document.signatures.get(delegation=members[1]).ended == Signature.Ended.DECLINED
    invite_and_accept(committee, members[0], document, members[1], as_sponsor=False)
    assert document.signatures.filter(delegation=members[1], ended_at__isnull=True).count() == 1


def test_signatures_are_withdrawn_before_introduction_and_the_last_sponsor_withdraws_it(plenary):
    committee, members, chair = plenary
    document = submitted_dr(committee, members[0], chair, [members[1], members[2]])
    docs.signature_withdraw(committee=committee, delegation=members[1], document_id=document.pk)
    assert DocumentsView(committee).card(document.pk).support == 2
    docs.signature_withdraw(committee=committee, delegation=members[0], document_id=document.pk)
    document.refresh_from_db()
    assert document.status == "withdrawn"


def test_an_approved_dr_is_signed_unasked_and_introduced_once_it_holds_its_quota(plenary):
    committee, members, chair = plenary
    document = submitted_dr(committee, members[0], chair)
    with pytest.raises(ProcedureError) as refused:
        docs.document_introduce(committee=committee, user=chair, document_id=document.pk)
    assert refused.value.code == "quota_not_met"
    docs.signature_sign(committee=committee, delegation=members[4], document_id=document.pk)
    docs.document_introduce(committee=committee, user=chair, document_id=document.pk)
    document.refresh_from_db()
    assert document.status == "introduced"
    with pytest.raises(ProcedureError):
        docs.signature_withdraw(committee=committee, delegation=members[4], document_id=document.pk)


def test_a_draft_cannot_be_signed_unasked(plenary):
    committee, members, _chair = plenary
    document = paper(committee, members[0])
    with pytest.raises(FloorRefusal):
        docs.signature_sign(committee=committee, delegation=members[1], document_id=document.pk)


# ---- the Director's review ------------------------------------------------------------------


def test_the_dais_returns_a_paper_with_a_reason_and_its_sponsors_edit_it_again(plenary):
    committee, (author, *_), chair = plenary
    document = paper(committee, author)
    docs.document_submit(
        committee=committee, delegation=author, document_id=document.pk, as_draft_resolution=True
    )
    docs.document_return(
        committee=committee, user=chair, document_id=document.pk, reason="Clause 2 was not debated"
    )
    document.refresh_from_db()
    assert (document.status, document.kind, document.quota) == ("draft", "working_paper", None)
    assert document.return_reason == "Clause 2 was not debated"
    event = FloorEvent.objects.filter(committee=committee).last()
    assert event.payload["reason"] == "Clause 2 was not debated"


def test_an_approved_working_paper_goes_forward_as_a_dr_keeping_its_wp_number(plenary):
    committee, members, chair = plenary
    document = paper(committee, members[0])
    docs.document_submit(
        committee=committee,
        delegation=members[0],
        document_id=document.pk,
        as_draft_resolution=False,
    )
    docs.document_approve(committee=committee, user=chair, document_id=document.pk)
    document.refresh_from_db()
    assert (document.wp_number, document.status) == (1, "approved")
    assert DocumentsView(committee).card(document.pk).label == "WP 1.1"
    docs.document_promote(committee=committee, delegation=members[0], document_id=document.pk)
    docs.document_approve(committee=committee, user=chair, document_id=document.pk)
    document.refresh_from_db()
    assert (document.kind, document.wp_number, document.dr_number) == ("draft_resolution", 1, 1)


def test_the_directors_fix_changes_words_only(plenary):
    committee, (author, *_), chair = plenary
    document = submitted_dr(committee, author, chair, approve=False)
    body = document.versions.get().body
    fixed = {
        **body,
        "preambular": [{**body["preambular"][0], "text": "Recalling its resolution 49/37"}],
    }
    version = docs.document_fix(
        committee=committee, user=chair, document_id=document.pk, body=fixed, base_version=1
    )
    assert (version.source, version.author_user) == ("director_fix", chair)
    reshaped = {**fixed, "operative": fixed["operative"][:1]}
    with pytest.raises(BodyError):
        docs.document_fix(
            committee=committee, user=chair, document_id=document.pk, body=reshaped, base_version=2
        )


# ---- the record ----------------------------------------------------------------------------


def test_every_change_is_a_typed_event_on_the_chain_and_the_floor_is_untouched(plenary):
    committee, members, chair = plenary
    committee.floor.refresh_from_db()
    state_before = committee.floor.state
    submitted_dr(committee, members[0], chair, [members[1]])
    committee.floor.refresh_from_db()
    assert committee.floor.state == state_before
    assert committee.floor.documents_seq == committee.floor.seq
    assert kinds(committee)[-5:] == [
        EventKind.DOCUMENT_CREATED,
        EventKind.DOCUMENT_SUBMITTED,
        EventKind.SIGNATURE_INVITED,
        EventKind.SIGNATURE_SIGNED,
        EventKind.DOCUMENT_APPROVED,
    ]
    checked, problem = verify(committee)
    assert problem is None and checked == committee.floor.seq


def test_document_events_do_not_stop_the_dais_undoing_its_last_floor_action(plenary):
    committee, members, chair = plenary
    floor.attendance_set(
        committee=committee, delegation_id=members[9].pk, status="absent", user=chair
    )
    paper(committee, members[0])
    floor.floor_undo(committee=committee, user=chair)
    committee.floor.refresh_from_db()
    assert committee.floor.state["attendance"][str(members[9].pk)]["status"] == "present"


def test_an_open_document_is_pushed_to_its_readers_after_commit(
    plenary, broadcasts, django_capture_on_commit_callbacks
):
    committee, members, chair = plenary
    document = paper(committee, members[0])
    broadcasts.clear()
    with django_capture_on_commit_callbacks(execute=True):
        docs.document_submit(
            committee=committee,
            delegation=members[0],
            document_id=document.pk,
            as_draft_resolution=True,
        )
    groups = [group for group, _message in broadcasts]
    assert f"document.{document.pk}.en" in groups
    assert f"document.{document.pk}.zh-hans" in groups
    html = dict(broadcasts)[f"document.{document.pk}.en"]["text"]
    assert f'id="document-{document.pk}"' in html
    assert "the Secretary-General to report on rapid deployment" in html


def test_only_sponsors_signatories_invitees_and_the_dais_see_a_draft(plenary):
    committee, members, chair = plenary
    document = paper(committee, members[0])
    invite(committee, members[0], document, members[1], as_sponsor=False)
    card = DocumentsView(committee).card(document.pk)
    assert card.visible_to(None) and card.visible_to(members[0]) and card.visible_to(members[1])
    assert not card.visible_to(members[2])
    document = Document.objects.get(pk=document.pk)
    assert document.status == "draft"


def test_the_whole_paper_is_withdrawn_only_when_every_sponsor_agrees(plenary):
    committee, members, chair = plenary
    document = paper(committee, members[0])
    invite_and_accept(committee, members[0], document, members[1], as_sponsor=True)
    docs.document_withdraw(committee=committee, delegation=members[0], document_id=document.pk)
    document.refresh_from_db()
    assert document.status == "draft"
    assert kinds(committee)[-1] == EventKind.DOCUMENT_WITHDRAWAL_ASKED
    with pytest.raises(ProcedureError):
        docs.document_withdraw(committee=committee, delegation=members[2], document_id=document.pk)
    docs.document_withdraw(committee=committee, delegation=members[1], document_id=document.pk)
    document.refresh_from_db()
    assert document.status == "withdrawn"
    assert kinds(committee)[-1] == EventKind.DOCUMENT_WITHDRAWN
