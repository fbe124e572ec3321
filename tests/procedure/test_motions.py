from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from committee.procedure.choices import MotionCode, RulingSubject
from committee.procedure.errors import ProcedureError
from committee.procedure.motion_registry import Effect, motion_registry
from committee.procedure.motions import (
    EndedCaucus,
    Motion,
    MotionContext,
    MotionFloor,
    MotionStatus,
    next_to_vote,
    ordered_pending,
    propose,
    recent_failure,
    record_result,
    require_second,
    rule_out,
    screen_motion,
    second_motion,
    settle_suggestion,
    sort_key,
    sort_motions,
    start_vote,
    take_up,
    withdraw,
)
from committee.procedure.parameters import Parameters, SpeakerSplit
from committee.procedure.phases import Phase
from committee.procedure.profiles import PROFILE_NAMES
from committee.procedure.rulings import Ruling
from committee.procedure.thresholds import Threshold, ThresholdBase, ThresholdKind
from tests.procedure.helpers import T0, at, params

M = MotionCode
PRESENT = frozenset({"FR", "CN", "US", "BR", "IN"})
GSL = MotionContext(Phase.GSL, PRESENT, drs_on_floor=1)
VOTING = MotionContext(
    Phase.VOTING_PROCEDURE,
    PRESENT,
    drs_in_voting=("DR1.1", "DR1.2"),
    operative_clauses={"DR1.1": ("1", "2", "3", "4", "5")},
)


def mod(mid: str, total: int, speaker: int, seq: int, mover: str = "FR") -> Motion:
    return Motion(mid, M.MODERATED_CAUCUS, mover, seq, total, speaker, "peacekeeping")


def unmod(mid: str, total: int, seq: int, mover: str = "CN") -> Motion:
    return Motion(mid, M.UNMODERATED_CAUCUS, mover, seq, total_seconds=total, topic="drafting")


# ---- registry -----------------------------------------------------------------------------


@pytest.mark.parametrize("profile", PROFILE_NAMES)
def test_registry_covers_every_motion(profile: str) -> None:
    """procedure.md §9: code, phase, second, speakers, threshold, precedence, schema,
    appealable, effect. (The motions' names are words for people: committee.labels.)"""
    registry = motion_registry(params(profile))
    assert set(registry) == set(MotionCode)
    assert sorted(spec.precedence for spec in registry.values()) == list(range(len(MotionCode)))
    for spec in registry.values():
        assert spec.phases


@pytest.mark.parametrize(
    ("profile", "code", "threshold", "speakers", "second"),
    [
        ("cn_common", M.CLOSE_DEBATE, "two_thirds/present", (0, 2), True),
        ("una_usa", M.CLOSE_DEBATE, "two_thirds/present", (0, 2), True),
        ("un_ga", M.CLOSE_DEBATE, "simple/present_and_voting", (0, 2), False),
        ("thimun", M.CLOSE_DEBATE, "simple/present", (0, 2), True),
        ("cn_common", M.TABLE_DEBATE, "two_thirds/present", (2, 2), True),
        ("un_ga", M.TABLE_DEBATE, "simple/present_and_voting", (2, 2), False),
        ("cn_common", M.APPEAL, "two_thirds/present", (1, 1), True),
        ("un_ga", M.APPEAL, "simple/present_and_voting", (1, 1), False),
        ("cn_common", M.MODERATED_CAUCUS, "simple/present", (0, 0), True),
        ("cn_common", M.DIVIDE_QUESTION, "simple/present", (2, 2), True),
        ("cn_common", M.RECONSIDER, "two_thirds/present_and_voting", (0, 2), True),
        ("cn_common", M.ADOPT_BY_CONSENSUS, "consensus/present", (0, 0), False),
    ],
)
def test_motion_table_rows_by_profile(
    profile: str, code: MotionCode, threshold: str, speakers: tuple[int, int], second: bool
) -> None:
    """procedure.md §3.2 table: threshold, debate and second per profile."""
    spec = motion_registry(params(profile))[code]
    assert spec.threshold is not None and spec.threshold.as_text() == threshold
    assert spec.speakers == SpeakerSplit(*speakers)
    assert spec.needs_second is second


def test_introductions_need_no_vote_unless_configured() -> None:
    """procedure.md §3.2 rows 7–9: introducing documents requires no vote by default."""
    registry = motion_registry(params())
    assert registry[M.INTRODUCE_DR].threshold is None
    assert registry[M.INTRODUCE_WP].threshold is None
    configured = motion_registry(params(dr_introduction_vote="simple/present"))
    assert configured[M.INTRODUCE_DR].threshold == Threshold(
        ThresholdKind.SIMPLE, ThresholdBase.PRESENT
    )


def test_caucus_rulings_are_not_appealable_by_default() -> None:
    """procedure.md §3.4: rulings on caucus length or topic are not appealable."""
    registry = motion_registry(params())
    assert not registry[M.MODERATED_CAUCUS].appealable
    assert registry[M.CLOSE_DEBATE].appealable
    assert registry[M.CLOSE_DEBATE].effect is Effect.ENTER_VOTING


# ---- screening ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("motion", "ctx", "code"),
    [
        (
            Motion("d", M.DIVIDE_QUESTION, "FR", 1, target="DR1.1", parts=("3",)),
            GSL,
            "motion_wrong_phase",
        ),
        (mod("m", 600, 60, 1), VOTING, "motion_wrong_phase"),
        (Motion("i", M.INTRODUCE_DR, "FR", 1, target="DR1.1"), GSL, "document_not_ready"),
        (Motion("c", M.CLOSE_DEBATE, "FR", 1), replace(GSL, drs_on_floor=0), "no_draft_resolution"),
        (mod("m", 600, 60, 1), replace(GSL, floor_open=False), "floor_not_open"),
        (mod("m", 600, 60, 1, mover="ZZ"), GSL, "not_present"),
        (Motion("r", M.RESUME_DEBATE, "FR", 1), GSL, "topic_not_tabled"),
        (Motion("x", M.EXTEND_CAUCUS, "FR", 1, total_seconds=60), GSL, "no_caucus_to_extend"),
        (
            Motion("u", M.UNMODERATED_CAUCUS, "FR", 1, total_seconds=600, topic="  "),
            GSL,
            "motion_missing_parameter",
        ),
        (
            Motion("m", M.MODERATED_CAUCUS, "FR", 1, total_seconds=600, topic="x"),
            GSL,
            "motion_missing_parameter",
        ),
        (
            Motion("q", M.QA_SESSION, "FR", 1, target="DR1.1", total_seconds=300),
            GSL,
            "document_not_ready",
        ),
        (Motion("v", M.ROLL_CALL_VOTE, "FR", 1, target="DR9.9"), VOTING, "document_not_ready"),
        (
            Motion("d", M.DIVIDE_QUESTION, "FR", 1, target="DR1.1", parts=("3", "3")),
            VOTING,
            "division_invalid",
        ),
        (Motion("o", M.REORDER_DRS, "FR", 1, order=("DR1.2",)), VOTING, "reorder_invalid"),
        (
            Motion("o", M.REORDER_DRS, "FR", 1, order=("DR1.2", "DR1.1")),
            replace(VOTING, substantive_vote_started=True),
            "motion_wrong_phase",
        ),
        (
            Motion("s", M.CLOSE_SPEAKERS_LIST, "FR", 1),
            replace(GSL, speakers_list_closed=True),
            "speakers_list_closed",
        ),
        (Motion("s", M.REOPEN_SPEAKERS_LIST, "FR", 1), GSL, "motion_wrong_phase"),
        (Motion("rc", M.RECONSIDER, "FR", 1, target="DR1.1"), GSL, "motion_disabled"),
        (Motion("pq", M.PREVIOUS_QUESTION, "FR", 1), GSL, "motion_disabled"),
        (Motion("a", M.OPEN_GSL, "FR", 1), GSL, "motion_wrong_phase"),
    ],
)
def test_edge_12_motion_in_the_wrong_phase_is_refused_with_the_reason(
    motion: Motion, ctx: MotionContext, code: str
) -> None:
    """procedure.md §8.12 (and §3.1 step 3): out-of-order motions are refused with a reason."""
    with pytest.raises(ProcedureError) as info:
        screen_motion(params(), ctx, motion)
    assert info.value.code == code


@pytest.mark.parametrize(
    ("motion", "ctx"),
    [
        (Motion("c", M.CLOSE_DEBATE, "FR", 1), GSL),
        (Motion("c", M.CLOSE_DEBATE, "FR", 1), replace(GSL, drs_on_floor=0)),
        (
            Motion("i", M.INTRODUCE_DR, "FR", 1, target="DR1.1"),
            replace(GSL, introducible=frozenset({"DR1.1"})),
        ),
        (Motion("r", M.RESUME_DEBATE, "FR", 1), replace(GSL, topic_tabled=True)),
        (Motion("d", M.DIVIDE_QUESTION, "FR", 1, target="DR1.1", parts=("3", "5")), VOTING),
        (Motion("o", M.REORDER_DRS, "FR", 1, order=("DR1.2", "DR1.1")), VOTING),
        (Motion("s", M.REOPEN_SPEAKERS_LIST, "FR", 1), replace(GSL, speakers_list_closed=True)),
        (Motion("t", M.SET_SPEAKING_TIME, "FR", 1, speaker_seconds=60), GSL),
        (
            Motion("q", M.QA_SESSION, "FR", 1, target="DR1.1", total_seconds=300),
            replace(GSL, introduced=frozenset({"DR1.1"})),
        ),
    ],
)
def test_motions_in_order(motion: Motion, ctx: MotionContext) -> None:
    """procedure.md §3.2 "In order when"."""
    p = params(closure_requires_dr=ctx.drs_on_floor > 0)
    assert screen_motion(p, ctx, motion).in_order


@pytest.mark.parametrize(
    ("profile", "overrides", "motion", "field", "capped"),
    [
        ("cn_common", {}, mod("m", 30 * 60, 60, 1), "total_seconds", 20 * 60),
        ("cn_common", {"mod_total_max": 600}, mod("m", 900, 60, 1), "total_seconds", 600),
        ("cn_common", {}, mod("m", 600, 180, 1), "speaker_seconds", 120),
        ("cn_common", {}, mod("m", 600, 10, 1), "speaker_seconds", 30),
        (
            "cn_common",
            {"mod_total_must_be_multiple_of_speaker_time": True},
            mod("m", 610, 60, 1),
            "total_seconds",
            600,
        ),
        ("cn_common", {}, unmod("u", 25 * 60, 1), "total_seconds", 20 * 60),
        ("cn_common", {"unmod_total_max": 1800}, unmod("u", 40 * 60, 1), "total_seconds", 1800),
        (
            "cn_common",
            {},
            Motion("t", M.SET_SPEAKING_TIME, "FR", 1, speaker_seconds=10),
            "speaker_seconds",
            30,
        ),
        (
            "cn_common",
            {"round_robin_enabled": True},
            Motion("rr", M.ROUND_ROBIN, "FR", 1, speaker_seconds=500),
            "speaker_seconds",
            120,
        ),
    ],
)
def test_edge_10_caucus_motion_over_the_caps(
    profile: str, overrides: dict[str, object], motion: Motion, field: str, capped: int
) -> None:
    """procedure.md §8.10: the chair is prompted to offer the capped value; if the mover
    refuses, the motion is out of order."""
    screening = screen_motion(params(profile, **overrides), GSL, motion)
    assert not screening.in_order
    assert screening.reasons and screening.reasons[0].code == "motion_over_cap"
    accepted = settle_suggestion(screening, mover_accepts=True)
    assert getattr(accepted, field) == capped
    with pytest.raises(ProcedureError) as info:
        settle_suggestion(screening, mover_accepts=False)
    assert info.value.code == "suggestion_refused"


def test_in_order_motion_settles_to_itself() -> None:
    screening = screen_motion(params(), GSL, mod("m", 600, 60, 1))
    assert settle_suggestion(screening, mover_accepts=False) == screening.motion


@pytest.mark.parametrize(
    ("fraction", "requested", "capped"), [("1", 900, 600), ("1/2", 400, 300), ("1/2", 300, None)]
)
def test_extension_is_limited_to_a_fraction_of_the_original(
    fraction: str, requested: int, capped: int | None
) -> None:
    """procedure.md §2.5: an extension lasts at most the original length (or half)."""
    ctx = replace(GSL, caucus_just_ended=EndedCaucus(M.MODERATED_CAUCUS, 600))
    motion = Motion("x", M.EXTEND_CAUCUS, "FR", 1, total_seconds=requested)
    screening = screen_motion(params(extension_max_fraction=fraction), ctx, motion)
    if capped is None:
        assert screening.in_order
    else:
        assert settle_suggestion(screening, mover_accepts=True).total_seconds == capped


def test_extension_count_is_limited() -> None:
    """procedure.md §2.5: max_extensions_per_caucus (default 1)."""
    ctx = replace(GSL, caucus_just_ended=EndedCaucus(M.MODERATED_CAUCUS, 600, extensions_used=1))
    with pytest.raises(ProcedureError) as info:
        screen_motion(params(), ctx, Motion("x", M.EXTEND_CAUCUS, "FR", 1, total_seconds=60))
    assert info.value.code == "extension_limit_reached"


def test_seconds() -> None:
    """procedure.md §3.1 step 4: a second from another present delegation; none in un_ga."""
    motion = mod("m", 600, 60, 1)
    with pytest.raises(ProcedureError) as info:
        require_second(params(), motion)
    assert info.value.code == "motion_needs_second"
    require_second(params("un_ga"), motion)
    seconded = second_motion(params(), motion, "CN", PRESENT)
    require_second(params(), seconded)
    for seconder, code in (("FR", "second_by_mover"), ("ZZ", "not_present")):
        with pytest.raises(ProcedureError) as info:
            second_motion(params(), motion, seconder, PRESENT)
        assert info.value.code == code


# ---- appeals and dilatory rulings ----------------------------------------------------------


@pytest.mark.parametrize(
    ("profile", "subject", "code"),
    [
        ("cn_common", RulingSubject.POINT_OF_ORDER, None),
        ("bimun_beijing", RulingSubject.DILATORY_MOTION, None),
        ("cn_common", RulingSubject.CAUCUS_LENGTH, "not_appealable"),
        ("cn_common", RulingSubject.RIGHT_OF_REPLY, "not_appealable"),
    ],
)
def test_appeal_motion_needs_an_appealable_ruling(
    profile: str, subject: RulingSubject, code: str | None
) -> None:
    """procedure.md §3.4, §8.17: non-appealable rulings offer no appeal."""
    ruling = Ruling("R1", subject, "out_of_order", T0)
    ctx = replace(GSL, floor_open=False, ruling=ruling)
    motion = Motion("a", M.APPEAL, "FR", 1, target="R1")
    if code is None:
        assert screen_motion(params(profile), ctx, motion).in_order
    else:
        with pytest.raises(ProcedureError) as info:
            screen_motion(params(profile), ctx, motion)
        assert info.value.code == code
    with pytest.raises(ProcedureError) as info:
        screen_motion(params(profile), replace(ctx, ruling=None), motion)
    assert info.value.code == "no_ruling_to_appeal"


def test_appeal_disabled_by_profile_override() -> None:
    ctx = replace(GSL, ruling=Ruling("R1", RulingSubject.POINT_OF_ORDER, "x", T0))
    with pytest.raises(ProcedureError) as info:
        screen_motion(
            params(appeal_enabled=False), ctx, Motion("a", M.APPEAL, "FR", 1, target="R1")
        )
    assert info.value.code == "motion_disabled"


def test_edge_16_repeated_failed_motion_reports_how_long_ago() -> None:
    """procedure.md §8.16: "same motion failed N minutes ago"; the chair may rule it dilatory."""
    failed = replace(mod("m1", 600, 60, 1), status=MotionStatus.FAILED, decided_at=at(0))
    other = replace(mod("m0", 300, 60, 0), status=MotionStatus.FAILED, decided_at=at(100))
    again = mod("m2", 600, 60, 2, mover="CN")
    assert recent_failure([failed, other], again, at(300)) == timedelta(minutes=5)
    assert recent_failure([other], again, at(300)) is None
    floor = rule_out(propose(MotionFloor(), again), "m2", dilatory=True)
    assert floor.get("m2").status is MotionStatus.DILATORY
    floor = rule_out(propose(MotionFloor(), again), "m2", dilatory=False)
    assert floor.get("m2").status is MotionStatus.OUT_OF_ORDER


# ---- the floor ----------------------------------------------------------------------------


def test_edge_13_identical_motions_merge_and_record_every_mover() -> None:
    """procedure.md §8.13."""
    floor = propose(MotionFloor(), mod("a", 600, 60, 1, mover="FR"))
    floor = propose(floor, replace(mod("b", 600, 60, 2, mover="CN"), topic="  Peacekeeping "))
    floor = propose(floor, mod("c", 600, 60, 3, mover="FR"))
    assert len(floor.motions) == 1
    assert floor.motions[0].movers == ("FR", "CN")
    floor = propose(floor, mod("d", 600, 45, 4, mover="US"))
    assert len(floor.motions) == 2


def test_merged_motion_keeps_a_second_from_the_later_copy() -> None:
    floor = propose(MotionFloor(), mod("a", 600, 60, 1, mover="FR"))
    floor = propose(floor, replace(mod("b", 600, 60, 2, mover="CN"), seconder="US"))
    assert floor.motions[0].seconder == "US"


@pytest.mark.parametrize(
    ("ordering", "expected"),
    [
        ("disruptiveness", ["u20", "u10", "m9_60", "m9_45", "m5"]),
        ("order_received", ["m9_45", "u10", "m5", "u20", "m9_60"]),
    ],
)
def test_edge_14_conflicting_caucus_motions_sort_by_precedence(
    ordering: str, expected: list[str]
) -> None:
    """procedure.md §8.14 and §3.3: unmoderated before moderated, longer total first, longer
    per-speaker time first; or order received."""
    motions = [
        mod("m9_45", 540, 45, 1),
        unmod("u10", 600, 2),
        mod("m5", 300, 60, 3),
        unmod("u20", 1200, 4),
        mod("m9_60", 540, 60, 5),
    ]
    assert [m.id for m in sort_motions(params(caucus_ordering=ordering), motions)] == expected


def test_edge_14_first_to_pass_is_carried_rest_superseded() -> None:
    """procedure.md §8.14, §3.1 step 7: after the first passes, the rest are "not voted
    (superseded)"; a failed one stays failed."""
    p = params("un_ga")
    floor = MotionFloor()
    for motion in (mod("m1", 600, 60, 1), unmod("u1", 600, 2), mod("m2", 300, 30, 3)):
        floor = propose(floor, motion)
    first = next_to_vote(p, floor)
    assert first is not None and first.id == "u1"
    floor = record_result(start_vote(p, floor, "u1"), "u1", False, at(1))
    second = next_to_vote(p, floor)
    assert second is not None and second.id == "m1"
    floor = start_vote(p, floor, "m1")
    voting = next_to_vote(p, floor)
    assert voting is not None and voting.id == "m1"
    floor = record_result(floor, "m1", True, at(2))
    statuses = {m.id: m.status for m in floor.motions}
    assert statuses == {
        "u1": MotionStatus.FAILED,
        "m1": MotionStatus.CARRIED,
        "m2": MotionStatus.SUPERSEDED,
    }
    carried = floor.carried
    assert carried is not None and carried.id == "m1"
    assert next_to_vote(p, floor) is None


def test_votes_follow_precedence_and_need_a_second() -> None:
    p = params()
    floor = propose(propose(MotionFloor(), mod("m1", 600, 60, 1)), unmod("u1", 600, 2))
    with pytest.raises(ProcedureError) as info:
        start_vote(p, floor, "u1")
    assert info.value.code == "motion_needs_second"
    floor = MotionFloor(tuple(replace(m, seconder="US") for m in floor.motions))
    with pytest.raises(ProcedureError) as info:
        start_vote(p, floor, "m1")
    assert info.value.code == "motion_not_next"
    with pytest.raises(ProcedureError) as info:
        record_result(floor, "u1", True, at(1))
    assert info.value.code == "motion_not_pending"
    with pytest.raises(ProcedureError) as info:
        floor.get("nope")
    assert info.value.code == "unknown_motion"


def test_edge_15_withdrawal_until_the_vote_and_taking_it_up() -> None:
    """procedure.md §8.15 / §3.1 step 8: withdraw until the vote starts; another delegation may
    re-propose it at once."""
    p = params("un_ga")
    floor = propose(MotionFloor(), mod("m1", 600, 60, 1, mover="FR"))
    with pytest.raises(ProcedureError) as info:
        withdraw(floor, "m1", "CN")
    assert info.value.code == "not_mover"
    withdrawn = withdraw(floor, "m1", "FR")
    assert withdrawn.get("m1").status is MotionStatus.WITHDRAWN
    assert ordered_pending(p, withdrawn) == ()
    taken = take_up(withdrawn, "m1", "CN", PRESENT)
    assert taken.get("m1").mover == "CN" and taken.get("m1").status is MotionStatus.PENDING
    with pytest.raises(ProcedureError) as info:
        take_up(taken, "m1", "US", PRESENT)
    assert info.value.code == "motion_not_pending"
    with pytest.raises(ProcedureError) as info:
        take_up(withdrawn, "m1", "ZZ", PRESENT)
    assert info.value.code == "not_present"
    voting = start_vote(p, taken, "m1")
    with pytest.raises(ProcedureError) as info:
        withdraw(voting, "m1", "CN")
    assert info.value.code == "vote_already_started"
    decided = record_result(voting, "m1", False, at(1))
    with pytest.raises(ProcedureError) as info:
        withdraw(decided, "m1", "CN")
    assert info.value.code == "motion_not_pending"


def test_edge_15_merged_motion_survives_one_movers_withdrawal() -> None:
    """procedure.md §8.13/§8.15: a merged motion stays while another mover remains."""
    floor = propose(propose(MotionFloor(), mod("a", 600, 60, 1, "FR")), mod("b", 600, 60, 2, "CN"))
    floor = withdraw(floor, "a", "FR")
    assert floor.get("a").status is MotionStatus.PENDING
    assert floor.get("a").movers == ("CN",)


def test_edge_15_chairs_friendly_change_needs_the_movers_acceptance() -> None:
    """procedure.md §8.15: otherwise the original is voted — here the original is over the cap
    so it is out of order; an in-order original is voted as proposed."""
    screening = screen_motion(params(), GSL, mod("m", 25 * 60, 60, 1))
    assert settle_suggestion(screening, mover_accepts=True).total_seconds == 20 * 60


def test_division_motions_with_most_parts_first_and_reorders_in_order_received() -> None:
    """procedure.md §6.5 step 2 and §8.33."""
    p = params()
    d2 = Motion("d2", M.DIVIDE_QUESTION, "FR", 1, target="DR1.1", parts=("1", "2"))
    d3 = Motion("d3", M.DIVIDE_QUESTION, "CN", 2, target="DR1.1", parts=("1", "2", "3"))
    r1 = Motion("r1", M.REORDER_DRS, "US", 3, order=("DR1.2", "DR1.1"))
    r2 = Motion("r2", M.REORDER_DRS, "BR", 4, order=("DR1.1", "DR1.2"))
    assert [m.id for m in sort_motions(p, [r2, d2, r1, d3])] == ["r1", "r2", "d3", "d2"]


motion_strategy = st.builds(
    Motion,
    id=st.text("abcdef", min_size=1, max_size=6),
    code=st.sampled_from(list(MotionCode)),
    mover=st.sampled_from(sorted(PRESENT)),
    seq=st.integers(0, 50),
    total_seconds=st.one_of(st.none(), st.integers(1, 1800)),
    speaker_seconds=st.one_of(st.none(), st.integers(1, 300)),
    parts=st.lists(st.text("123", min_size=1, max_size=2), max_size=4).map(tuple),
)


SORT_PARAMS = [
    params(profile, caucus_ordering=ordering)
    for profile in PROFILE_NAMES
    for ordering in ("disruptiveness", "order_received")
]


@settings(deadline=None, max_examples=50)
@given(
    st.lists(motion_strategy, max_size=12, unique_by=lambda m: m.id),
    st.sampled_from(SORT_PARAMS),
)
def test_property_sorting_motions_is_a_total_order_and_stable(
    motions: list[Motion], p: Parameters
) -> None:
    once = sort_motions(p, motions)
    assert sort_motions(p, reversed(motions)) == once  # independent of arrival order
    assert sort_motions(p, once) == once  # idempotent
    keys = [sort_key(p, m) for m in once]
    assert keys == sorted(keys)
    assert len(set(keys)) == len(motions)  # distinct motions never tie
