from __future__ import annotations

from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from committee.procedure.amendments import (
    Amendment,
    AmendmentAction,
    AmendmentKind,
    Change,
    amend_amendment,
    apply_amendment,
    apply_change,
    check_amendment,
    check_friendly,
    check_unfriendly,
    classify,
    is_lapsed,
)
from committee.procedure.clauses import (
    Clause,
    ClauseKind,
    Resolution,
    depth_of,
    kind_of,
    letter,
    numbering,
    roman,
    validate,
    walk,
)
from committee.procedure.documents import Document, DocumentKind
from committee.procedure.errors import ProcedureError
from tests.procedure.helpers import params

ADD, MODIFY, STRIKE, MOVE = (
    AmendmentAction.ADD,
    AmendmentAction.MODIFY,
    AmendmentAction.STRIKE,
    AmendmentAction.MOVE,
)

DRAFT = Resolution(
    preamble=(Clause("p1", "Recalling resolution 2006 (XIX),"),),
    operative=(
        Clause("o1", "Requests the Secretary-General;"),
        Clause(
            "o2",
            "Urges Member States:",
            (Clause("o2a", "to train troops;"), Clause("o2b", "to pay;")),
        ),
        Clause("o3", "Decides to remain seized of the matter."),
    ),
)
DR = Document("DR1", DocumentKind.DRAFT_RESOLUTION, 1, sponsors=("FR", "CN"), number=1)


def amendment(aid: str, *changes: Change, parent: str | None = None) -> Amendment:
    return Amendment(aid, "DR1", changes, supporters=("US", "BR"), parent=parent)


def test_numbering_for_display() -> None:
    """procedure.md §5.3: operative 1, 2, 3 with (a), (b) and (i), (ii)."""
    deep = apply_change(DRAFT, Change(ADD, "o2a", "including police;", "o2a_i"))
    labels = numbering(deep)
    assert [labels[c] for c in ("p1", "o1", "o2", "o2a", "o2b", "o3", "o2a_i")] == [
        "PP1",
        "1",
        "2",
        "2(a)",
        "2(b)",
        "3",
        "2(a)(i)",
    ]
    assert [letter(n) for n in (1, 26, 27)] == ["a", "z", "aa"]
    assert [roman(n) for n in (1, 4, 9, 14)] == ["i", "iv", "ix", "xiv"]


def test_edge_27_renumbering_keeps_stable_clause_ids() -> None:
    """procedure.md §8.27: after ADD/STRIKE, clauses are renumbered for display; a later
    amendment still hits the right clause by its id."""
    struck = apply_amendment(DRAFT, amendment("A1", Change(STRIKE, "o1")))
    assert numbering(struck)["o3"] == "2"
    added = apply_amendment(struck, amendment("A2", Change(ADD, None, "Welcomes;", "new", 0)))
    assert [numbering(added)[c] for c in ("new", "o2", "o3")] == ["1", "2", "3"]
    modified = apply_amendment(added, amendment("A3", Change(MODIFY, "o3", "Decides to act.")))
    assert [c.text for c in modified.operative][-1] == "Decides to act."


@pytest.mark.parametrize(
    ("overrides", "target", "code"),
    [
        ({}, "p1", "preamble_not_amendable"),
        ({}, "zz", "unknown_clause"),
        ({"allow_preamble_amendments": True}, "p1", None),
    ],
)
def test_edge_23_amendment_aimed_at_a_preambular_clause(
    overrides: dict[str, object], target: str, code: str | None
) -> None:
    """procedure.md §8.23 / §5.4: preambular clauses cannot be amended
    (allow_preamble_amendments)."""
    p = params(**overrides)
    proposal = amendment("A1", Change(MODIFY, target, "Noting,"))
    if code:
        with pytest.raises(ProcedureError) as info:
            check_amendment(p, proposal, DRAFT, {})
        assert info.value.code == code
    else:
        check_amendment(p, proposal, DRAFT, {})
        assert apply_amendment(DRAFT, proposal).preamble[0].text == "Noting,"


def test_edge_23_amendment_at_a_clause_removed_earlier_lapses() -> None:
    """procedure.md §8.23: the amendment lapses, with the reason."""
    struck = apply_amendment(DRAFT, amendment("A1", Change(STRIKE, "o2")))
    later = amendment("A2", Change(MODIFY, "o2b", "to pay on time;"))
    assert is_lapsed(later, struck) and not is_lapsed(later, DRAFT)
    with pytest.raises(ProcedureError) as info:
        apply_amendment(struck, later)
    assert info.value.code == "amendment_lapsed"
    assert info.value.facts == {"amendment": "A2", "clause": "o2b"}


@pytest.mark.parametrize(
    ("profile", "allowed"),
    [("cn_common", False), ("una_usa", False), ("thimun", True), ("un_ga", True)],
)
def test_edge_25_second_and_third_degree_amendments(profile: str, allowed: bool) -> None:
    """procedure.md §8.25 / §5.4: second degree only where allowed; third degree never."""
    p = params(profile)
    first = amendment("A1", Change(MODIFY, "o1", "Asks the Secretary-General;"))
    second = amendment("A1.1", Change(MODIFY, "o1", "Invites the Secretary-General;"), parent="A1")
    third = amendment("A1.1.1", Change(STRIKE, "o1"), parent="A1.1")
    others = {"A1": first, "A1.1": second}
    if not allowed:
        with pytest.raises(ProcedureError) as info:
            check_amendment(p, second, DRAFT, others)
        assert info.value.code == "second_degree_not_allowed"
        return
    check_amendment(p, second, DRAFT, others)
    with pytest.raises(ProcedureError) as info:
        check_amendment(p, third, DRAFT, others)
    assert info.value.code == "third_degree_not_allowed"
    amended = amend_amendment(first, second)
    assert apply_amendment(DRAFT, amended).operative[0].text == "Invites the Secretary-General;"
    with pytest.raises(ProcedureError) as info:
        amend_amendment(second, first)
    assert info.value.code == "unknown_motion"
    with pytest.raises(ProcedureError):
        check_amendment(p, replace(second, parent="nope"), DRAFT, others)


def test_empty_amendment_is_refused() -> None:
    with pytest.raises(ProcedureError) as info:
        check_amendment(params(), amendment("A"), DRAFT, {})
    assert info.value.code == "empty_amendment"


@pytest.mark.parametrize(
    ("overrides", "supporters", "voted_before", "kind", "code"),
    [
        ({}, ("FR", "CN"), False, AmendmentKind.FRIENDLY, None),
        ({}, ("FR",), False, AmendmentKind.UNFRIENDLY, "friendly_needs_all_sponsors"),
        ({}, ("FR", "CN"), True, AmendmentKind.FRIENDLY, None),
        (
            {"lock_friendly_after_voted_amendment": True},
            ("FR", "CN"),
            True,
            AmendmentKind.UNFRIENDLY,
            "friendly_locked",
        ),
    ],
)
def test_edge_22_friendly_amendment_after_a_sponsor_change(
    overrides: dict[str, object],
    supporters: tuple[str, ...],
    voted_before: bool,
    kind: AmendmentKind,
    code: str | None,
) -> None:
    """procedure.md §8.22: a friendly amendment needs the *current* sponsors only (US left the
    sponsors and need not sign); blocked if lock_friendly_after_voted_amendment applies."""
    p = params(**overrides)
    dr = replace(DR, changed_by_voted_amendment=voted_before)  # sponsors now FR, CN (US left)
    proposal = replace(amendment("A1", Change(STRIKE, "o3")), supporters=supporters)
    assert classify(p, proposal, dr) is kind
    if code:
        with pytest.raises(ProcedureError) as info:
            check_friendly(p, proposal, dr)
        assert info.value.code == code
    else:
        check_friendly(p, proposal, dr)


@pytest.mark.parametrize(
    ("profile", "overrides", "present", "supporters", "ok"),
    [
        ("cn_common", {}, 30, 6, True),
        ("cn_common", {}, 30, 5, False),
        ("cn_common", {"unfriendly_quota_fraction": 0.1}, 30, 3, True),
        ("un_ga", {}, 30, 0, True),
    ],
)
def test_unfriendly_amendment_needs_the_quota(
    profile: str, overrides: dict[str, object], present: int, supporters: int, ok: bool
) -> None:
    """procedure.md §5.4: unfriendly amendments need the same quota as a DR (configurable)."""
    p = params(profile, **overrides)
    proposal = replace(
        amendment("A1", Change(STRIKE, "o3")), supporters=tuple(f"S{i}" for i in range(supporters))
    )
    if ok:
        check_unfriendly(p, proposal, present)
    else:
        with pytest.raises(ProcedureError) as info:
            check_unfriendly(p, proposal, present)
        assert info.value.code == "quota_not_met"


def test_move_and_tree_limits() -> None:
    """procedure.md §5.4 (MOVE optional) and §5.3 (depth limit 3, unique ids)."""
    moved = apply_change(DRAFT, Change(MOVE, "o2b", position=0))
    assert [c.id for c in moved.operative] == ["o2b", "o1", "o2", "o3"]
    under = apply_change(DRAFT, Change(MOVE, "o3", destination="o1"))
    assert numbering(under)["o3"] == "1(a)"
    with pytest.raises(ProcedureError) as info:
        apply_change(DRAFT, Change(MOVE, "o2", destination="o2a"))
    assert info.value.code == "move_not_allowed"
    deep = apply_change(DRAFT, Change(ADD, "o2a", "x", "o2a_i"))
    with pytest.raises(ProcedureError) as info:
        apply_change(deep, Change(ADD, "o2a_i", "y", "too_deep"))
    assert info.value.code == "clause_too_deep"
    with pytest.raises(ProcedureError) as info:
        apply_change(DRAFT, Change(ADD, None, "dup", "o1"))
    assert info.value.code == "duplicate_clause_id"
    with pytest.raises(ProcedureError) as info:
        apply_change(DRAFT, Change(ADD, None, "no id"))
    assert info.value.code == "empty_amendment"
    with pytest.raises(ProcedureError) as info:
        apply_change(DRAFT, Change(MODIFY, None, "x"))
    assert info.value.code == "unknown_clause"
    with pytest.raises(ProcedureError) as info:
        validate(
            Resolution(
                operative=(
                    Clause("a", "", (Clause("b", "", (Clause("c", "", (Clause("d", ""),)),)),)),
                )
            )
        )
    assert info.value.code == "clause_too_deep"
    assert kind_of(DRAFT, "p1") is ClauseKind.PREAMBULAR and kind_of(DRAFT, "x") is None
    with pytest.raises(ProcedureError):
        depth_of(DRAFT, "x")


# ---- property: applying then rendering keeps clause ids stable --------------------------------


@st.composite
def change_lists(draw: st.DrawFn) -> list[Change]:
    changes = []
    for n in range(draw(st.integers(1, 8))):
        action = draw(st.sampled_from([ADD, MODIFY, STRIKE, MOVE]))
        target = draw(st.sampled_from(["o1", "o2", "o2a", "o2b", "o3", None]))
        changes.append(
            Change(
                action,
                target,
                f"text {n}",
                f"new{n}",
                draw(st.one_of(st.none(), st.integers(0, 4))),
            )
        )
    return changes


@settings(deadline=None, max_examples=50)
@given(change_lists())
def test_property_applying_then_rendering_amendments_keeps_clause_ids_stable(
    changes: list[Change],
) -> None:
    resolution = DRAFT
    texts = {c.id: c.text for c, _ in walk(DRAFT.operative)}
    for change in changes:
        try:
            resolution = apply_change(resolution, change)
        except ProcedureError:
            continue  # a change aimed at a struck clause lapses; the text is unchanged
        if change.action is AmendmentAction.MODIFY and change.target:
            texts[change.target] = change.text or ""
        if change.action is AmendmentAction.ADD and change.new_id:
            texts[change.new_id] = change.text or ""
    validate(resolution)
    labels = numbering(resolution)
    ids = [c.id for part in (resolution.preamble, resolution.operative) for c, _ in walk(part)]
    assert len(ids) == len(set(ids)) == len(labels)
    assert len(set(labels.values())) == len(labels)  # every label names one clause
    for clause, _ in walk(resolution.operative):
        assert clause.text == texts[clause.id]  # a surviving id still names the same clause
    assert numbering(resolution) == labels  # rendering is deterministic
