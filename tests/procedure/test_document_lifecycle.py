"""The engine's way of a paper and of an amendment through the committee (§5.1–5.4): who may
write, the Director's review, promotion to a draft resolution, and an amendment from the
Director's approval to friendly, unfriendly, lapsed or not put."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

import pytest

from committee.procedure import amendments as am
from committee.procedure import documents as dm
from committee.procedure.amendments import AmendmentAction, AmendmentStatus, Change
from committee.procedure.attendance import Attendee, DelegationKind, RollStatus
from committee.procedure.clauses import (
    Clause,
    Resolution,
    next_clause_id,
    parent_and_index,
)
from committee.procedure.documents import Document, DocumentKind, DocumentStatus
from committee.procedure.errors import ProcedureError
from tests.procedure.helpers import params

NOW = datetime(2024, 11, 30, 9, 0, tzinfo=UTC)
TEXT = Resolution(
    preamble=(Clause("p1", "Recalling"),),
    operative=(
        Clause("c1", "Requests"),
        Clause("c2", "Urges", (Clause("c3", "in time"), Clause("c4", "in full"))),
    ),
)


def member(key: str) -> Attendee:
    return Attendee(key, DelegationKind.MEMBER, RollStatus.PRESENT, NOW, False)


def dr(**fields) -> Document:
    values = {
        "id": "d1",
        "kind": DocumentKind.DRAFT_RESOLUTION,
        "topic": 1,
        "sponsors": ("1", "2"),
        "status": DocumentStatus.APPROVED,
        "number": 1,
    }
    return Document(**(values | fields))


def amendment(**fields) -> am.Amendment:
    values = {
        "id": "1",
        "dr_id": "d1",
        "changes": (Change(AmendmentAction.MODIFY, target="c1", text="Asks"),),
        "submitter": "5",
        "supporters": ("5",),
    }
    return am.Amendment(**(values | fields))


# ---- papers ------------------------------------------------------------------------------------


def test_only_sponsors_edit_and_only_drafts():
    draft = dr(status=DocumentStatus.DRAFT)
    dm.require_editable(draft, "1")
    with pytest.raises(ProcedureError) as refused:
        dm.require_editable(draft, "9")
    assert refused.value.code == "not_a_sponsor"
    with pytest.raises(ProcedureError) as refused:
        dm.require_editable(dr(status=DocumentStatus.SUBMITTED), "1")
    assert refused.value.code == "document_wrong_status"


def test_the_director_fixes_wording_before_the_vote_only():
    for status in (DocumentStatus.SUBMITTED, DocumentStatus.APPROVED, DocumentStatus.INTRODUCED):
        dm.require_typo_fixable(dr(status=status))
    for status in (DocumentStatus.DRAFT, DocumentStatus.ADOPTED, DocumentStatus.WITHDRAWN):
        with pytest.raises(ProcedureError):
            dm.require_typo_fixable(dr(status=status))


def test_back_to_draft_forgets_the_quota():
    back = dm.back_to_draft(dr(status=DocumentStatus.SUBMITTED, quota=4))
    assert (back.status, back.quota) == (DocumentStatus.DRAFT, None)
    with pytest.raises(ProcedureError):
        dm.back_to_draft(dr(status=DocumentStatus.APPROVED))


def test_an_approved_working_paper_is_promoted_with_the_dr_quota():
    paper = dr(kind=DocumentKind.WORKING_PAPER, status=DocumentStatus.APPROVED, number=3)
    promoted = dm.promote(params(), paper, present_at_last_roll_call=30, membership=34)
    assert (promoted.kind, promoted.status, promoted.number, promoted.quota) == (
        DocumentKind.DRAFT_RESOLUTION,
        DocumentStatus.SUBMITTED,
        None,
        6,
    )
    with pytest.raises(ProcedureError) as refused:
        dm.promote(params(), dr(), present_at_last_roll_call=30, membership=34)
    assert refused.value.code == "not_a_working_paper"
    with pytest.raises(ProcedureError):
        dm.promote(
            params(),
            replace(paper, status=DocumentStatus.DRAFT),
            present_at_last_roll_call=30,
            membership=34,
        )


def test_who_may_join_is_asked_before_anyone_is_invited():
    other = dr(id="d2", sponsors=("7",), number=2)
    dm.check_may_join(params(), dr(), member("8"), [other], as_sponsor=True)
    with pytest.raises(ProcedureError) as refused:
        dm.check_may_join(params(), dr(), member("7"), [other], as_sponsor=True)
    assert refused.value.code == "sponsor_limit"
    with pytest.raises(ProcedureError) as refused:
        dm.check_may_join(params(), dr(), member("7"), [other], as_sponsor=False)
    assert refused.value.code == "sponsor_of_other_dr"


def test_drafts_are_seen_by_their_people_approved_papers_by_everyone():
    draft = dr(status=DocumentStatus.DRAFT, signatories=("3",))
    assert dm.is_visible_to(draft, "1") and dm.is_visible_to(draft, "3")
    assert dm.is_visible_to(draft, "4", invited=("4",))
    assert not dm.is_visible_to(draft, "5")
    assert dm.is_visible_to(dr(), "5")


# ---- clause positions ----------------------------------------------------------------------


def test_a_clause_is_found_by_its_parent_and_index():
    assert parent_and_index(TEXT, "c1") == (None, 0)
    assert parent_and_index(TEXT, "c4") == ("c2", 1)
    assert parent_and_index(TEXT, "p1") == (None, 0)
    with pytest.raises(ProcedureError):
        parent_and_index(TEXT, "c9")


def test_new_clause_ids_are_never_ids_used_before():
    assert next_clause_id(TEXT) == "c5"
    assert next_clause_id(TEXT, ("c11",)) == "c12"


# ---- amendments ---------------------------------------------------------------------------------


def test_submission_checks_the_dr_and_counts_the_writer_as_a_supporter():
    submitted = am.submit_amendment(params(), amendment(supporters=()), dr(), TEXT, {})
    assert (submitted.status, submitted.supporters) == (AmendmentStatus.SUBMITTED, ("5",))
    with pytest.raises(ProcedureError) as refused:
        am.submit_amendment(params(), amendment(), dr(status=DocumentStatus.DRAFT), TEXT, {})
    assert refused.value.code == "document_wrong_status"
    with pytest.raises(ProcedureError):
        am.submit_amendment(params(), amendment(), dr(kind=DocumentKind.WORKING_PAPER), TEXT, {})


def test_the_director_approves_then_every_current_sponsor_must_accept():
    approved = am.approve_amendment(params(), amendment(), dr(), 10)
    assert approved.status is AmendmentStatus.WITH_SPONSORS
    assert am.waiting_for(approved, dr()) == ("1", "2")
    once = am.answer_friendly(
        params(), approved, dr(), "1", accept=True, present_at_last_roll_call=10
    )
    assert once.status is AmendmentStatus.WITH_SPONSORS
    assert am.waiting_for(once, dr()) == ("2",)
    twice = am.answer_friendly(params(), once, dr(), "2", accept=True, present_at_last_roll_call=10)
    assert twice.status is AmendmentStatus.APPLIED
    assert am.waiting_for(twice, dr()) == ()


def test_a_sponsors_own_amendment_with_every_sponsor_behind_it_applies_on_approval():
    own = amendment(submitter="1", supporters=("1", "2"))
    assert am.approve_amendment(params(), own, dr(), 10).status is AmendmentStatus.APPLIED


def test_one_refusal_makes_it_unfriendly_with_the_quota_of_the_day():
    approved = am.approve_amendment(params(), amendment(), dr(), 10)
    refused = am.answer_friendly(
        params(), approved, dr(), "2", accept=False, present_at_last_roll_call=10
    )
    assert (refused.status, refused.quota, refused.refused_by) == (
        AmendmentStatus.UNFRIENDLY,
        2,
        ("2",),
    )
    signed = am.sign_amendment(params(), refused, member("8"))
    assert signed.status is AmendmentStatus.AWAITING_VOTE
    with pytest.raises(ProcedureError) as again:
        am.sign_amendment(params(), refused, member("5"))
    assert again.value.code == "already_listed"
    observer = Attendee("9", DelegationKind.NGO, RollStatus.PRESENT, NOW, False)
    with pytest.raises(ProcedureError):
        am.sign_amendment(params(), refused, observer)


def test_only_sponsors_answer_and_only_once():
    approved = am.approve_amendment(params(), amendment(), dr(), 10)
    with pytest.raises(ProcedureError) as refused:
        am.answer_friendly(params(), approved, dr(), "7", accept=True, present_at_last_roll_call=10)
    assert refused.value.code == "not_asked"
    once = am.answer_friendly(
        params(), approved, dr(), "1", accept=True, present_at_last_roll_call=10
    )
    with pytest.raises(ProcedureError) as refused:
        am.answer_friendly(params(), once, dr(), "1", accept=False, present_at_last_roll_call=10)
    assert refused.value.code == "already_answered"


def test_locked_friendly_amendments_go_the_unfriendly_way_at_once():
    locked = params(lock_friendly_after_voted_amendment=True)
    changed = dr(changed_by_voted_amendment=True)
    assert am.approve_amendment(locked, amendment(), changed, 10).status is (
        AmendmentStatus.UNFRIENDLY
    )


def test_returning_and_withdrawing():
    assert am.return_amendment(amendment()).status is AmendmentStatus.RETURNED
    with pytest.raises(ProcedureError) as refused:
        am.return_amendment(amendment(status=AmendmentStatus.APPLIED))
    assert refused.value.code == "amendment_wrong_status"
    assert am.withdraw_amendment(amendment(), "5").status is AmendmentStatus.WITHDRAWN
    with pytest.raises(ProcedureError) as refused:
        am.withdraw_amendment(amendment(), "1")
    assert refused.value.code == "own_amendment"


def test_a_change_of_the_text_lapses_and_moots_the_pending_amendments():
    struck = am.apply_change(TEXT, Change(AmendmentAction.STRIKE, target="c2"))
    rewritten = am.apply_change(TEXT, Change(AmendmentAction.MODIFY, target="c1", text="Asks"))
    pending = [
        amendment(id="a", changes=(Change(AmendmentAction.MODIFY, target="c3", text="x"),)),
        amendment(id="b", changes=(Change(AmendmentAction.STRIKE, target="c1"),)),
        amendment(id="c", changes=(Change(AmendmentAction.ADD, target="c1", text="y"),)),
        amendment(id="d", status=AmendmentStatus.RETURNED),
    ]
    assert am.settle_pending(pending, TEXT, struck) == {"a": AmendmentStatus.LAPSED}
    assert am.settle_pending(pending, TEXT, rewritten) == {"b": AmendmentStatus.NOT_PUT}


def test_an_amendment_to_an_amendment_is_always_voted_and_moot_once_its_parent_is_applied():
    thimun = params("thimun")
    child = amendment(id="2", parent="1", submitter="1", supporters=("1",))
    assert am.approve_amendment(thimun, child, dr(), 10).status is AmendmentStatus.UNFRIENDLY
    pending = [replace(child, status=AmendmentStatus.UNFRIENDLY)]
    assert am.settle_pending(pending, TEXT, TEXT, applied="1") == {"2": AmendmentStatus.NOT_PUT}
    assert am.settle_pending(pending, TEXT, TEXT, applied="9") == {}
