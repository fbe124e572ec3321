"""A document's introduction through the motion system (procedure.md §3.2 rows 7–9, §5.2): a
phone moves to introduce an approved DR holding its quota, the chair carries the motion
(without a vote, or by the vote the profile asks for), and the DR is introduced once the
floor's change is stored, in the log after the motion's decision."""

import logging

import pytest
from django.urls import reverse

from committee.models import Document, FloorEvent
from committee.procedure.choices import MotionCode
from committee.procedure.errors import ErrorCode, ProcedureError
from committee.procedure.facts import EventKind
from committee.procedure.motions import MotionStatus
from committee.selectors import FloorView
from committee.services import amendments, motions
from committee.services import documents as docs
from tests import factories
from tests.conftest import delegate_client, user_client
from tests.regions import render_regions

pytestmark = pytest.mark.django_db

BODY = {
    "preambular": [{"text": "Recalling its resolution 49/37 of 9 December 1994"}],
    "operative": [
        {"text": "Requests the Secretary-General to report on rapid deployment", "children": []},
        {"text": "Urges troop-contributing countries to train personnel", "children": []},
    ],
}
HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def plenary():
    """Ten members in formal debate, all present at roll call (a DR's quota is 2)."""
    return factories.plenary_in_session(10, prefix="Member")


def approved_dr(committee, members, chair, *, signers=1, title="Rapid deployment"):
    """DR 1.1 written by member 0, approved, then signed unasked by the next `signers`."""
    document = docs.document_create(
        committee=committee,
        delegation=members[0],
        topic_id=committee.topics.get().pk,
        title=title,
        body=BODY,
    )
    docs.document_submit(
        committee=committee,
        delegation=members[0],
        document_id=document.pk,
        as_draft_resolution=True,
    )
    docs.document_approve(committee=committee, user=chair, document_id=document.pk)
    for signer in members[1 : 1 + signers]:
        docs.signature_sign(committee=committee, delegation=signer, document_id=document.pk)
    return document


def phone_raises(committee, delegation, document, code="introduce_dr"):
    return delegate_client(delegation).post(
        reverse("delegate_motions_raise", args=[committee.slug]),
        {"code": code, "target": str(document.pk)},
        **HTMX,
    )


def queue_of(committee):
    return FloorView(committee).motions_panel.queue


def events_of(committee):
    return list(FloorEvent.objects.filter(committee=committee).order_by("seq"))


def status_of(document):
    document.refresh_from_db()
    return document.status


# ---- carried: the DR is introduced ------------------------------------------------------------


def test_a_phone_moves_to_introduce_a_dr_and_the_chair_carries_it_without_a_vote(
    plenary, django_capture_on_commit_callbacks
):
    committee, members, chair = plenary
    document = approved_dr(committee, members, chair)
    # Raised: the phone gets a fresh form back.
    assert phone_raises(committee, members[3], document).status_code == 200
    [row] = queue_of(committee)
    assert row.code == "introduce_dr" and row.motion.target == str(document.pk)
    assert row.label == "Introduce a draft resolution: DR 1.1"
    assert row.takes_no_vote and not row.needs_second
    # A caucus over the limits waits for its mover: carrying the introduction sweeps it away.
    motions.motion_raise(
        committee=committee,
        code="unmoderated_caucus",
        mover_id=members[6].pk,
        total_seconds=99 * 60,
        topic="drafting",
        delegation=members[6],
    )
    [offer] = FloorView(committee).doc.motion_offers

    dais = user_client(chair)
    with django_capture_on_commit_callbacks(execute=True):
        response = dais.post(
            reverse("floor_motions_rule", args=[committee.slug]),
            {"motion_id": row.id, "decision": "in_order"},
            **HTMX,
        )
    assert response.status_code == 204
    assert status_of(document) == "introduced"
    doc = FloorView(committee).doc
    assert doc.motions.get(row.id).status is MotionStatus.CARRIED
    ruled, introduced = events_of(committee)[-2:]
    assert ruled.kind == EventKind.MOTION_RULED and not ruled.undoable
    assert introduced.kind == EventKind.DOCUMENT_INTRODUCED
    assert introduced.actor_user == chair
    # The motion's row is carried; the ruling's row says the chair ruled it in order.
    record = committee.motions.get(floor_id=row.id)
    assert record.status == "carried" and record.fields["target"] == str(document.pk)
    assert record.rulings.get().decision == "in_order"
    assert committee.motions.get(floor_id=offer.motion.id).status == "superseded"


def test_where_the_profile_votes_on_introductions_the_dr_is_introduced_after_the_vote(
    plenary, django_capture_on_commit_callbacks
):
    committee, members, chair = plenary
    committee.rules_overrides = {"dr_introduction_vote": "simple/present"}
    committee.save(update_fields=["rules_overrides"])
    document = approved_dr(committee, members, chair)
    motions.motion_raise(
        committee=committee,
        code="introduce_dr",
        mover_id=members[4].pk,
        target=str(document.pk),
        delegation=members[4],
    )
    [row] = queue_of(committee)
    assert not row.takes_no_vote
    motions.motion_vote_open(committee=committee, user=chair, motion_id=row.id, by_phone=False)
    assert status_of(document) == "approved"  # nothing before the vote
    with django_capture_on_commit_callbacks(execute=True):
        motions.motion_vote_close(committee=committee, user=chair, yes=8, no=1)
    assert status_of(document) == "introduced"
    closed, introduced = events_of(committee)[-2:]
    assert closed.kind == EventKind.MOTION_VOTE_CLOSED and closed.payload["passed"]
    assert closed.payload["effect"] == "introduce_document" and not closed.payload["effect_error"]
    assert introduced.kind == EventKind.DOCUMENT_INTRODUCED and introduced.seq > closed.seq


def test_a_failed_vote_leaves_the_dr_approved(plenary, django_capture_on_commit_callbacks):
    committee, members, chair = plenary
    committee.rules_overrides = {"dr_introduction_vote": "simple/present"}
    committee.save(update_fields=["rules_overrides"])
    document = approved_dr(committee, members, chair)
    motions.motion_raise(
        committee=committee, code="introduce_dr", mover_id=members[4].pk, target=str(document.pk)
    )
    [row] = queue_of(committee)
    motions.motion_vote_open(committee=committee, user=chair, motion_id=row.id, by_phone=False)
    with django_capture_on_commit_callbacks(execute=True):
        motions.motion_vote_close(committee=committee, user=chair, yes=1, no=8)
    assert status_of(document) == "approved"
    assert EventKind.DOCUMENT_INTRODUCED not in {e.kind for e in events_of(committee)}
    assert MotionCode.INTRODUCE_DR in FloorView(committee).motions_panel.raisable


def test_an_introduction_refused_after_the_motion_carried_is_only_logged(
    plenary, django_capture_on_commit_callbacks, caplog
):
    committee, members, chair = plenary
    document = approved_dr(committee, members, chair)
    motions.motion_raise(
        committee=committee,
        code="introduce_dr",
        mover_id=members[3].pk,
        target=str(document.pk),
        user=chair,
    )
    # The signatory withdraws while the motion waits: the DR falls short of its quota.
    docs.signature_withdraw(committee=committee, delegation=members[1], document_id=document.pk)
    [row] = queue_of(committee)
    with (
        caplog.at_level(logging.WARNING, logger="committee.services.motions"),
        django_capture_on_commit_callbacks(execute=True),
    ):
        motions.motion_rule(committee=committee, user=chair, motion_id=row.id, decision="in_order")
    assert status_of(document) == "approved"
    assert FloorView(committee).doc.motions.get(row.id).status is MotionStatus.CARRIED
    assert "was not introduced" in caplog.text
    assert EventKind.DOCUMENT_INTRODUCED not in {e.kind for e in events_of(committee)}


# ---- refused: not ready -------------------------------------------------------------------------


def test_a_dr_without_its_quota_cannot_be_moved_and_the_refusal_says_why(plenary):
    committee, members, chair = plenary
    document = approved_dr(committee, members, chair, signers=0)
    response = phone_raises(committee, members[3], document)
    assert response.status_code == 409
    assert "DR 1.1 has 1 sponsors and signatories; 2 are needed." in response.content.decode()
    with pytest.raises(ProcedureError) as refusal:
        motions.motion_raise(
            committee=committee,
            code="introduce_dr",
            mover_id=members[3].pk,
            target=str(document.pk),
            user=chair,
        )
    assert refusal.value.code == ErrorCode.QUOTA_NOT_MET
    assert queue_of(committee) == []


def test_a_paper_named_by_the_wrong_motion_is_refused_by_its_label(plenary):
    committee, members, chair = plenary
    document = approved_dr(committee, members, chair)
    with pytest.raises(ProcedureError) as refusal:
        motions.motion_raise(
            committee=committee,
            code="introduce_wp",
            mover_id=members[3].pk,
            target=str(document.pk),
            user=chair,
        )
    assert refusal.value.code == ErrorCode.DOCUMENT_NOT_READY
    assert refusal.value.facts["target"] == "DR 1.1"


def test_a_draft_nobody_else_may_read_is_not_described(plenary):
    committee, members, _chair = plenary
    draft = docs.document_create(
        committee=committee,
        delegation=members[0],
        topic_id=committee.topics.get().pk,
        title="Secret",
        body=BODY,
    )
    with pytest.raises(ProcedureError) as refusal:
        motions.motion_raise(
            committee=committee,
            code="introduce_dr",
            mover_id=members[3].pk,
            target=str(draft.pk),
            delegation=members[3],
        )
    assert refusal.value.code == ErrorCode.DOCUMENT_NOT_READY
    assert refusal.value.facts["target"] == str(draft.pk)


# ---- what the phones and the dais offer ------------------------------------------------------


def test_the_phone_offers_introducing_a_dr_only_while_one_is_introducible(plenary):
    committee, members, chair = plenary
    phone = members[5]

    def offered():
        return MotionCode.INTRODUCE_DR in FloorView(committee).motions_panel.raisable

    def phone_html():
        view = FloorView(committee)
        return render_regions(view, ("phone-self",), delegation=view.by_id[str(phone.pk)])["en"]

    assert not offered()
    document = approved_dr(committee, members, chair, signers=0)
    assert not offered()  # approved, short of its quota
    docs.signature_sign(committee=committee, delegation=members[1], document_id=document.pk)
    assert offered()
    assert 'value="introduce_dr"' in phone_html()
    # The dais's button introduces it: nothing is left to move.
    docs.document_introduce(committee=committee, user=chair, document_id=document.pk)
    assert status_of(document) == "introduced"
    assert not offered()
    assert 'value="introduce_dr"' not in phone_html()
    # Once introduced, a Q&A session on it may be moved (§3.2 row 13).
    assert FloorView(committee).motions_panel.paper_choices["qa_session"][0].label == "DR 1.1"


def test_the_raise_form_lists_the_introducible_documents_by_label(plenary):
    committee, members, chair = plenary
    document = approved_dr(committee, members, chair)
    phone = delegate_client(members[4])
    response = phone.get(
        reverse("delegate_motions_form", args=[committee.slug]), {"code": "introduce_dr"}
    )
    html = response.content.decode()
    assert f'<option value="{document.pk}"' in html
    assert "DR 1.1 — Rapid deployment" in html
    dais = render_regions(FloorView(committee), ("motions",))
    assert 'value="introduce_dr"' in dais["en"]


def test_the_dais_queue_names_the_document_and_offers_to_carry_it(plenary):
    committee, members, chair = plenary
    document = approved_dr(committee, members, chair)
    motions.motion_raise(
        committee=committee,
        code="introduce_dr",
        mover_id=members[3].pk,
        target=str(document.pk),
        user=chair,
    )
    html = render_regions(FloorView(committee), ("motions",))["en"]
    assert "Introduce a draft resolution: DR 1.1" in html
    assert 'data-testid="motion-carry"' in html
    assert 'data-testid="motion-vote-placard"' not in html
    # One way to rule it in order: the button that says it carries it.
    assert html.count('"decision": "in_order"') == 1


def test_the_dais_button_still_introduces_a_dr(plenary):
    committee, members, chair = plenary
    document = approved_dr(committee, members, chair)
    response = user_client(chair).post(
        reverse("dais_document_introduce", args=[committee.slug, document.pk]), **HTMX
    )
    assert response.status_code == 204
    assert status_of(document) == "introduced"
    assert Document.objects.get(pk=document.pk).introduced_at is not None


# ---- an amendment is named "a" and its id -------------------------------------------------------


def test_an_unfriendly_amendment_holding_its_quota_is_introduced_by_motion(
    plenary, django_capture_on_commit_callbacks
):
    committee, members, chair = plenary
    document = approved_dr(committee, members, chair)
    docs.document_introduce(committee=committee, user=chair, document_id=document.pk)
    clause = Document.objects.get(pk=document.pk).versions.latest("number").body["operative"][0]
    amendment = amendments.amendment_submit(
        committee=committee,
        delegation=members[6],
        document_id=document.pk,
        action="modify",
        target=clause["id"],
        placement="",
        text="Requests the Secretary-General to report on rapid deployment every year",
        rationale="",
    )
    amendments.amendment_approve(committee=committee, user=chair, amendment_id=amendment.pk)
    # The DR's sponsor refuses it as friendly; one signature brings it to its quota of 2.
    amendments.amendment_answer(
        committee=committee, delegation=members[0], amendment_id=amendment.pk, accept=False
    )
    amendments.amendment_sign(committee=committee, delegation=members[7], amendment_id=amendment.pk)
    amendment.refresh_from_db()
    assert amendment.status == "awaiting_vote"
    panel = FloorView(committee).motions_panel
    [paper] = panel.paper_choices["introduce_amendment"]
    assert paper.target == f"a{amendment.pk}" and paper.label == "Amendment 1 to DR 1.1"
    motions.motion_raise(
        committee=committee,
        code="introduce_amendment",
        mover_id=members[6].pk,
        target=paper.target,
        delegation=members[6],
    )
    [row] = queue_of(committee)
    assert row.label == "Introduce an amendment: Amendment 1 to DR 1.1"
    with django_capture_on_commit_callbacks(execute=True):
        motions.motion_rule(committee=committee, user=chair, motion_id=row.id, decision="in_order")
    assert FloorView(committee).doc.motions.get(row.id).status is MotionStatus.CARRIED
    # Carried once: it is not offered again.
    assert "introduce_amendment" not in FloorView(committee).motions_panel.paper_choices
