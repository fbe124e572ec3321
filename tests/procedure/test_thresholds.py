from __future__ import annotations

from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from committee.procedure.errors import ProcedureError
from committee.procedure.profiles import PROFILE_NAMES
from committee.procedure.thresholds import (
    Tally,
    Threshold,
    ThresholdBase,
    ThresholdKind,
    TwoThirdsRounding,
    Verdict,
    at_least_fraction,
    evaluate,
    more_than_fraction,
    parse_threshold,
    simple_majority,
    two_thirds,
)
from tests.procedure.helpers import params

K, B = ThresholdKind, ThresholdBase
SIMPLE_PV = Threshold(K.SIMPLE, B.PRESENT_AND_VOTING)
TWO_THIRDS_PV = Threshold(K.TWO_THIRDS, B.PRESENT_AND_VOTING)
SIMPLE_PRESENT = Threshold(K.SIMPLE, B.PRESENT)
TWO_THIRDS_PRESENT = Threshold(K.TWO_THIRDS, B.PRESENT)


@pytest.mark.parametrize(
    ("n", "simple", "ceil", "strictly_more"),
    [
        (30, 16, 20, 21),
        (34, 18, 23, 23),
        (9, 5, 6, 7),
        (1, 1, 1, 1),
        (0, 1, 0, 1),
        (31, 16, 21, 21),
    ],
)
def test_majority_rounding_rules(n: int, simple: int, ceil: int, strictly_more: int) -> None:
    """procedure.md §1.4: floor(n/2)+1, ceil(2n/3) and the "2/3+1" variant."""
    assert simple_majority(n) == simple
    assert two_thirds(n, TwoThirdsRounding.CEIL) == ceil
    assert two_thirds(n, TwoThirdsRounding.STRICTLY_MORE) == strictly_more


def test_fraction_rounding() -> None:
    """procedure.md §1.3: "at least a fraction" is ceil, "a majority" is floor(n/2)+1."""
    assert at_least_fraction(Fraction(1, 3), 34) == 12
    assert more_than_fraction(Fraction(1, 2), 34) == 18
    assert at_least_fraction(Fraction(1, 5), 30) == 6


# (threshold, yes, no, abstain, present, membership, passes) — one row per §1.4 pass test.
THRESHOLD_ROWS = [
    pytest.param(SIMPLE_PV, 10, 9, 11, 30, 34, True, id="simple_pv_yes_gt_no"),
    pytest.param(SIMPLE_PV, 9, 10, 11, 30, 34, False, id="simple_pv_yes_lt_no"),
    pytest.param(TWO_THIRDS_PV, 20, 10, 0, 30, 34, True, id="two_thirds_pv_yes_eq_2no"),
    pytest.param(TWO_THIRDS_PV, 19, 10, 1, 30, 34, False, id="two_thirds_pv_yes_lt_2no"),
    pytest.param(TWO_THIRDS_PV, 1, 0, 29, 30, 34, True, id="two_thirds_pv_one_yes_no_no"),
    pytest.param(TWO_THIRDS_PV, 0, 0, 30, 30, 34, False, id="two_thirds_pv_needs_one_yes"),
    pytest.param(SIMPLE_PRESENT, 16, 0, 14, 30, 34, True, id="simple_present_16_of_30"),
    pytest.param(SIMPLE_PRESENT, 15, 0, 15, 30, 34, False, id="simple_present_15_of_30"),
    pytest.param(TWO_THIRDS_PRESENT, 20, 10, 0, 30, 34, True, id="two_thirds_present_20_of_30"),
    pytest.param(TWO_THIRDS_PRESENT, 19, 0, 11, 30, 34, False, id="two_thirds_present_19_of_30"),
    pytest.param(
        Threshold(K.SIMPLE, B.MEMBERSHIP), 18, 0, 0, 30, 34, True, id="simple_membership_18_of_34"
    ),
    pytest.param(
        Threshold(K.SIMPLE, B.MEMBERSHIP), 17, 0, 0, 30, 34, False, id="simple_membership_17_of_34"
    ),
    pytest.param(
        Threshold(K.TWO_THIRDS, B.MEMBERSHIP), 23, 0, 0, 30, 34, True, id="two_thirds_membership"
    ),
    pytest.param(
        Threshold(K.UNANIMOUS, B.PRESENT_AND_VOTING), 12, 0, 5, 30, 34, True, id="unanimous_pv"
    ),
    pytest.param(
        Threshold(K.UNANIMOUS, B.PRESENT_AND_VOTING), 12, 1, 5, 30, 34, False, id="unanimous_pv_no"
    ),
    pytest.param(
        Threshold(K.UNANIMOUS, B.PRESENT), 29, 0, 1, 30, 34, False, id="unanimous_present"
    ),
    pytest.param(Threshold(K.UNANIMOUS, B.MEMBERSHIP), 34, 0, 0, 34, 34, True, id="unanimous_all"),
    pytest.param(Threshold(K.CONSENSUS, B.PRESENT), 30, 0, 0, 30, 34, True, id="consensus_all_yes"),
]


@pytest.mark.parametrize(
    ("threshold", "yes", "no", "abstain", "present", "membership", "passes"), THRESHOLD_ROWS
)
def test_threshold_rows(
    threshold: Threshold,
    yes: int,
    no: int,
    abstain: int,
    present: int,
    membership: int,
    passes: bool,
) -> None:
    """procedure.md §1.4: the pass test of every (kind, base) pair."""
    outcome = evaluate(threshold, Tally(yes, no, abstain), present=present, membership=membership)
    assert outcome.passed is passes


@pytest.mark.parametrize(("threshold", "passes"), [(SIMPLE_PV, True), (SIMPLE_PRESENT, False)])
def test_one_yes_eight_abstentions_present_vs_present_and_voting(
    threshold: Threshold, passes: bool
) -> None:
    """procedure.md §1.4: 9 present, 1 Yes and 8 abstentions passes a majority of present and
    voting but fails a majority of those present."""
    assert evaluate(threshold, Tally(1, 0, 8), present=9, membership=9).passed is passes


def test_strictly_more_rounding_changes_a_two_thirds_present_vote() -> None:
    """procedure.md §1.4: two_thirds_rounding = strictly_more ("2/3+1") needs 21 of 30."""
    tally = Tally(20, 10)
    assert evaluate(TWO_THIRDS_PRESENT, tally, present=30, membership=34).passed
    assert not evaluate(
        TWO_THIRDS_PRESENT,
        tally,
        present=30,
        membership=34,
        rounding=TwoThirdsRounding.STRICTLY_MORE,
    ).passed


@pytest.mark.parametrize(
    "threshold",
    [
        SIMPLE_PV,
        TWO_THIRDS_PV,
        SIMPLE_PRESENT,
        TWO_THIRDS_PRESENT,
        Threshold(K.SIMPLE, B.MEMBERSHIP),
    ],
)
@pytest.mark.parametrize("votes", [0, 1, 15, 17])
def test_edge_28_tie_fails_equally_divided(threshold: Threshold, votes: int) -> None:
    """procedure.md §8.28 and §1.4: a tie fails under every threshold; no casting vote."""
    outcome = evaluate(threshold, Tally(votes, votes), present=34, membership=34)
    assert not outcome.passed
    assert outcome.verdict in (Verdict.EQUALLY_DIVIDED, Verdict.NO_VOTES)
    if votes:
        assert outcome.verdict is Verdict.EQUALLY_DIVIDED


def test_veto_defeats_an_otherwise_passing_vote() -> None:
    """procedure.md §6.6: a veto exists only where configured (veto_members)."""
    outcome = evaluate(SIMPLE_PV, Tally(14, 1), present=15, membership=15, vetoed=True)
    assert not outcome.passed
    assert outcome.verdict is Verdict.VETOED


@pytest.mark.parametrize("profile", PROFILE_NAMES)
def test_no_profile_configures_a_veto(profile: str) -> None:
    """procedure.md §6.6: C34 is not the Security Council: no veto members by default."""
    assert params(profile).veto_members == ()


# §6.6 substantive thresholds by profile: 20 Yes, 11 No, 3 abstentions among 34 present.
SUBSTANTIVE_ROWS = [
    ("cn_common", TWO_THIRDS_PV, False),
    ("bimun_beijing", TWO_THIRDS_PV, False),
    ("una_usa", SIMPLE_PV, True),
    ("hmun", SIMPLE_PV, True),
    ("nmun", SIMPLE_PV, True),
    ("thimun", SIMPLE_PV, True),
    ("un_ga", SIMPLE_PV, True),
]


@pytest.mark.parametrize(("profile", "expected", "passes"), SUBSTANTIVE_ROWS)
def test_dr_adoption_threshold_by_profile(profile: str, expected: Threshold, passes: bool) -> None:
    """procedure.md §6.6: DR adoption threshold in each profile (20-11-3 differs)."""
    p = params(profile)
    assert p.substantive_threshold == expected
    outcome = evaluate(p.substantive_threshold, Tally(20, 11, 3), present=34, membership=34)
    assert outcome.passed is passes


@pytest.mark.parametrize(("profile", "expected", "passes"), SUBSTANTIVE_ROWS)
def test_unfriendly_amendment_threshold_by_profile(
    profile: str, expected: Threshold, passes: bool
) -> None:
    """procedure.md §6.6 / §5.4: the unfriendly-amendment threshold follows the substantive one
    unless overridden."""
    p = params(profile)
    assert p.effective_unfriendly_amendment_threshold == expected
    tally = Tally(20, 11, 3)
    outcome = evaluate(p.effective_unfriendly_amendment_threshold, tally, present=34, membership=34)
    assert outcome.passed is passes


def test_unfriendly_amendment_threshold_can_differ_from_dr_threshold() -> None:
    """procedure.md §7.1: unfriendly_amendment_threshold overrides = substantive_threshold."""
    p = params("cn_common", unfriendly_amendment_threshold="simple/present_and_voting")
    assert p.effective_unfriendly_amendment_threshold == SIMPLE_PV
    assert p.substantive_threshold == TWO_THIRDS_PV


def test_important_question_raises_the_threshold_in_un_ga() -> None:
    """procedure.md §6.6: the important_question flag raises un_ga's simple majority to 2/3."""
    p = params("un_ga")
    tally = Tally(20, 11)
    assert evaluate(p.substantive_threshold, tally, present=31, membership=34).passed
    assert not evaluate(p.important_question_threshold, tally, present=31, membership=34).passed


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("two_thirds/present", TWO_THIRDS_PRESENT),
        ("two_thirds·present", TWO_THIRDS_PRESENT),
        ({"kind": "simple", "base": "present_and_voting"}, SIMPLE_PV),
        (["simple", "present"], SIMPLE_PRESENT),
        ("consensus", Threshold(K.CONSENSUS, B.PRESENT)),
        (SIMPLE_PV, SIMPLE_PV),
    ],
)
def test_parse_threshold_forms(raw: object, expected: Threshold) -> None:
    assert parse_threshold(raw) == expected
    assert parse_threshold(expected.as_text()) == expected


@pytest.mark.parametrize(
    "raw",
    [
        "half/present",
        "simple",
        "simple/everyone",
        "a/b/c",
        {"kind": "simple", "x": 1},
        3,
        ["simple"],
    ],
)
def test_parse_threshold_refuses_with_allowed_values(raw: object) -> None:
    with pytest.raises(ProcedureError) as info:
        parse_threshold(raw)
    assert info.value.code == "invalid_threshold"
    assert "present_and_voting" in info.value.facts["allowed_bases"]  # type: ignore[operator]


# ---- properties ---------------------------------------------------------------------------

thresholds = st.builds(Threshold, st.sampled_from(list(K)), st.sampled_from(list(B)))
roundings = st.sampled_from(list(TwoThirdsRounding))


@st.composite
def votes(draw: st.DrawFn) -> tuple[Tally, int, int]:
    yes = draw(st.integers(0, 60))
    no = draw(st.integers(0, 60))
    abstain = draw(st.integers(0, 30))
    not_voting = draw(st.integers(0, 10))
    tally = Tally(yes, no, abstain, not_voting)
    present = tally.present + draw(st.integers(0, 5))
    membership = present + draw(st.integers(0, 20))
    return tally, present, membership


@settings(deadline=None, max_examples=50)
@given(thresholds, votes(), roundings)
def test_property_adding_a_yes_never_turns_a_pass_into_a_fail(
    threshold: Threshold, vote: tuple[Tally, int, int], rounding: TwoThirdsRounding
) -> None:
    tally, present, membership = vote
    before = evaluate(threshold, tally, present=present, membership=membership, rounding=rounding)
    more = Tally(tally.yes + 1, tally.no, tally.abstain, tally.not_voting)
    after = evaluate(
        threshold, more, present=present + 1, membership=membership + 1, rounding=rounding
    )
    if before.passed and threshold.base is not B.MEMBERSHIP:
        assert after.passed
    # Converting an abstention into a Yes (same electorate) never hurts either.
    if tally.abstain:
        moved = Tally(tally.yes + 1, tally.no, tally.abstain - 1, tally.not_voting)
        if before.passed:
            assert evaluate(
                threshold, moved, present=present, membership=membership, rounding=rounding
            ).passed


@settings(deadline=None, max_examples=50)
@given(thresholds, st.integers(0, 80), st.integers(0, 20), roundings)
def test_property_a_tie_never_passes(
    threshold: Threshold, n: int, abstain: int, rounding: TwoThirdsRounding
) -> None:
    tally = Tally(n, n, abstain)
    outcome = evaluate(
        threshold, tally, present=tally.present, membership=tally.present, rounding=rounding
    )
    assert not outcome.passed


@settings(deadline=None, max_examples=50)
@given(st.sampled_from([SIMPLE_PV, TWO_THIRDS_PV]), votes(), st.integers(0, 50), roundings)
def test_property_abstentions_never_count_under_present_and_voting(
    threshold: Threshold, vote: tuple[Tally, int, int], extra: int, rounding: TwoThirdsRounding
) -> None:
    tally, present, membership = vote
    more = Tally(tally.yes, tally.no, tally.abstain + extra, tally.not_voting)
    a = evaluate(threshold, tally, present=present, membership=membership, rounding=rounding)
    b = evaluate(
        threshold, more, present=present + extra, membership=membership + extra, rounding=rounding
    )
    assert a.passed is b.passed
    assert a.required_yes == b.required_yes
