from __future__ import annotations

from dataclasses import replace

import pytest

from committee.procedure.attendance import Attendee, DelegationKind, RollStatus
from committee.procedure.documents import (
    Document,
    DocumentKind,
    DocumentStatus,
    add_signatory,
    add_sponsor,
    approve,
    introduce,
    quota_for,
    record_vote,
    submit,
    withdraw_document,
    withdraw_signature,
    withdraw_sponsor,
)
from committee.procedure.errors import ProcedureError
from tests.procedure.helpers import T0, member, observer, params

DR = DocumentKind.DRAFT_RESOLUTION
WP = DocumentKind.WORKING_PAPER


def dr(
    doc_id: str, sponsors: tuple[str, ...] = ("FR",), signatories: tuple[str, ...] = ()
) -> Document:
    return Document(doc_id, DR, 1, sponsors=sponsors, signatories=signatories)


def signed(doc: Document, count: int) -> Document:
    return replace(doc, signatories=tuple(f"S{i}" for i in range(count)))


@pytest.mark.parametrize(
    ("profile", "overrides", "present", "quota"),
    [
        ("cn_common", {}, 30, 6),
        ("cn_common", {}, 31, 7),
        ("una_usa", {}, 30, 6),
        ("un_ga", {}, 30, 0),
        ("cn_common", {"dr_quota_fraction": 0.1}, 30, 3),
        ("cn_common", {"dr_quota_base": "membership"}, 10, 7),
    ],
)
def test_dr_quota_by_profile(
    profile: str, overrides: dict[str, object], present: int, quota: int
) -> None:
    """procedure.md §5.2: 20 % of delegations present at the latest roll call (none in un_ga)."""
    assert quota_for(params(profile, **overrides), DR, present, 34) == quota
    assert quota_for(params(profile, **overrides), WP, present, 34) == 0


def test_lifecycle_numbering_and_introduction() -> None:
    """procedure.md §5.2: Director approval numbers "DR t.n" in approval order; introduction
    needs approval and the quota."""
    p = params()
    first = submit(p, signed(dr("a"), 5), present_at_last_roll_call=30, membership=34)
    second = submit(p, signed(dr("b", ("CN",)), 5), present_at_last_roll_call=30, membership=34)
    assert first.label == "DR 1.?" and first.quota == 6
    with pytest.raises(ProcedureError) as info:
        introduce(p, first)
    assert info.value.code == "not_approved"
    second = approve(second, [])
    first = approve(first, [second])
    assert (second.label, first.label) == ("DR 1.1", "DR 1.2")
    introduced = introduce(p, first)
    assert introduced.status is DocumentStatus.INTRODUCED
    assert record_vote(introduced, True).status is DocumentStatus.ADOPTED
    assert record_vote(introduced, False).status is DocumentStatus.REJECTED
    with pytest.raises(ProcedureError) as info:
        record_vote(first, True)
    assert info.value.code == "document_wrong_status"
    short = approve(submit(p, signed(dr("c"), 2), present_at_last_roll_call=30, membership=34), [])
    with pytest.raises(ProcedureError) as info:
        introduce(p, short)
    assert info.value.code == "quota_not_met"
    assert info.value.facts == {"document": "DR 1.1", "count": 3, "quota": 6}


def test_a_dr_needs_a_sponsor_and_a_draft_is_submitted_once() -> None:
    p = params()
    with pytest.raises(ProcedureError) as info:
        submit(p, dr("a", ()), present_at_last_roll_call=30, membership=34)
    assert info.value.code == "quota_not_met"
    done = submit(p, dr("a"), present_at_last_roll_call=30, membership=34)
    with pytest.raises(ProcedureError) as info:
        submit(p, done, present_at_last_roll_call=30, membership=34)
    assert info.value.code == "document_wrong_status"


@pytest.mark.parametrize(("approval", "ok"), [(True, False), (False, True)])
def test_working_paper_is_introduced_by_distribution(approval: bool, ok: bool) -> None:
    """procedure.md §5.1: Director approval (configurable); no quota; distribution =
    introduction."""
    p = params(wp_requires_director_approval=approval)
    paper = submit(
        p, Document("w", WP, 1, sponsors=("FR",)), present_at_last_roll_call=30, membership=34
    )
    if ok:
        assert introduce(p, paper).status is DocumentStatus.INTRODUCED
    else:
        with pytest.raises(ProcedureError) as info:
            introduce(p, paper)
        assert info.value.code == "not_approved"
        assert approve(paper, []).label == "WP 1.1"


def test_edge_20_quota_vs_attendance() -> None:
    """procedure.md §8.20: computed at submission; not invalidated when attendance drops nor
    re-required when it rises."""
    p = params()
    doc = approve(submit(p, signed(dr("a"), 5), present_at_last_roll_call=30, membership=34), [])
    assert doc.quota == 6
    assert quota_for(p, DR, 10, 34) == 2 and quota_for(p, DR, 34, 34) == 7
    assert introduce(p, doc).status is DocumentStatus.INTRODUCED


@pytest.mark.parametrize(
    ("profile", "overrides", "second_sponsor_error", "sign_other_error"),
    [
        ("cn_common", {}, "sponsor_limit", "sponsor_of_other_dr"),
        ("una_usa", {}, "sponsor_limit", "sponsor_of_other_dr"),
        ("cn_common", {"sponsor_may_sign_other_dr": True}, "sponsor_limit", None),
        (
            "cn_common",
            {"dr_sponsor_limit_per_delegation": None, "sponsor_may_sign_other_dr": True},
            None,
            None,
        ),
    ],
)
def test_edge_19_sponsor_limits(
    profile: str,
    overrides: dict[str, object],
    second_sponsor_error: str | None,
    sign_other_error: str | None,
) -> None:
    """procedure.md §8.19: a second sponsorship is blocked until withdrawal; a sponsor of one DR
    cannot sign another when sponsor_may_sign_other_dr=false."""
    p = params(profile, **overrides)
    first = dr("a", ("FR",))
    other = dr("b", ("CN",))
    for attempt, error in (
        (lambda: add_sponsor(p, other, member("FR"), [first]), second_sponsor_error),
        (lambda: add_signatory(p, other, member("FR"), [first]), sign_other_error),
    ):
        if error:
            with pytest.raises(ProcedureError) as info:
                attempt()
            assert info.value.code == error
            assert info.value.facts["documents"] == ["DR 1.?"]
        else:
            attempt()
    # Once FR withdraws from the first DR (in writing), it may sponsor the other.
    withdrawn = withdraw_sponsor(p, replace(first, sponsors=("FR", "US")), "FR")
    assert add_sponsor(p, other, member("FR"), [withdrawn]).sponsors == ("CN", "FR")


def test_a_signatory_of_another_dr_cannot_become_a_sponsor() -> None:
    """procedure.md §5.2: a sponsor of one DR may not be a signatory of another."""
    with pytest.raises(ProcedureError) as info:
        add_sponsor(params(), dr("b", ("CN",)), member("FR"), [dr("a", ("US",), ("FR",))])
    assert info.value.code == "signatory_of_other_dr"


@pytest.mark.parametrize(
    ("overrides", "sponsor_ok", "sign_ok"),
    [
        ({}, False, True),
        ({"observers_may_sign_dr": False}, False, False),
        ({"observers_may_sponsor": True}, True, True),
    ],
)
def test_observers_sign_but_do_not_sponsor(
    overrides: dict[str, object], sponsor_ok: bool, sign_ok: bool
) -> None:
    """procedure.md §5.2 / §1.1: observers cannot sponsor; may sign in cn_common."""
    p = params(**overrides)
    for action, ok, code in (
        (add_sponsor, sponsor_ok, "cannot_sponsor"),
        (add_signatory, sign_ok, "cannot_sign"),
    ):
        if ok:
            action(p, dr("a"), observer("HS"), [])
        else:
            with pytest.raises(ProcedureError) as info:
                action(p, dr("a"), observer("HS"), [])
            assert info.value.code == code
    ngo = Attendee("NGO", DelegationKind.NGO, RollStatus.PRESENT, T0)
    with pytest.raises(ProcedureError):
        add_signatory(p, dr("a"), ngo, [])


def test_listing_rules_and_max_sponsors() -> None:
    p = params(dr_max_sponsors=1)
    with pytest.raises(ProcedureError) as info:
        add_sponsor(p, dr("a"), member("CN"), [])
    assert info.value.code == "max_sponsors"
    for action in (add_sponsor, add_signatory):
        with pytest.raises(ProcedureError) as info:
            action(params(), dr("a"), member("FR"), [])
        assert info.value.code == "already_listed"


def test_signatures_are_withdrawn_before_introduction_only() -> None:
    """procedure.md §5.2: a signatory may withdraw its signature before introduction."""
    doc = dr("a", ("FR",), ("CN",))
    assert withdraw_signature(doc, "CN").signatories == ()
    with pytest.raises(ProcedureError) as info:
        withdraw_signature(doc, "US")
    assert info.value.code == "not_listed"
    with pytest.raises(ProcedureError) as info:
        withdraw_signature(replace(doc, status=DocumentStatus.INTRODUCED), "CN")
    assert info.value.code == "document_wrong_status"


def test_edge_21_sponsors_withdrawing() -> None:
    """procedure.md §8.21: when sponsors withdraw until none remain, the DR is withdrawn;
    withdrawing the whole DR needs every current sponsor."""
    p = params()
    doc = dr("a", ("FR", "CN"))
    doc = withdraw_sponsor(p, doc, "FR")
    assert doc.status is DocumentStatus.DRAFT and doc.sponsors == ("CN",)
    assert withdraw_sponsor(p, doc, "CN").status is DocumentStatus.WITHDRAWN
    with pytest.raises(ProcedureError) as info:
        withdraw_sponsor(p, doc, "FR")
    assert info.value.code == "not_listed"
    both = dr("b", ("FR", "CN", "US"))
    with pytest.raises(ProcedureError) as info:
        withdraw_document(both, ["FR", "CN"])
    assert info.value.code == "withdrawal_needs_all_sponsors"
    assert info.value.facts["missing"] == ["US"]
    assert withdraw_document(both, ["US", "CN", "FR"]).status is DocumentStatus.WITHDRAWN
    stricter = params(dr_min_sponsors=2)
    assert (
        withdraw_sponsor(stricter, dr("c", ("FR", "CN")), "FR").status is DocumentStatus.WITHDRAWN
    )
