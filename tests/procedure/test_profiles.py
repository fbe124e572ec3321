from __future__ import annotations

from dataclasses import fields
from fractions import Fraction

import pytest

from committee.procedure.choices import (
    ConsensusFallback,
    MotionCode,
    PointKind,
    RollCallStart,
    YieldKind,
)
from committee.procedure.errors import ProcedureError
from committee.procedure.parameters import (
    DEFAULT_PRECEDENCE,
    PARAMETER_NAMES,
    SIMPLE_PV,
    SPECS,
    TWO_THIRDS_PRESENT,
    Parameters,
    SpeakerSplit,
    parse_fraction,
)
from committee.procedure.profiles import (
    BEIJING_KNOWN_PARAMETERS,
    C34_OVERRIDES,
    DEFAULT_PROFILE,
    PROFILE_NAMES,
    profile_differences,
    resolve_parameters,
    validate_overrides,
)
from committee.procedure.thresholds import Threshold, ThresholdBase, ThresholdKind


def test_every_parameter_has_a_spec_and_every_spec_a_field() -> None:
    """procedure.md §7.1: each parameter is readable from JSON and has a default."""
    assert set(SPECS) == set(PARAMETER_NAMES) == {f.name for f in fields(Parameters)}


def test_defaults_are_cn_common_values_from_section_7_1() -> None:
    """procedure.md §7.1 defaults column."""
    p = resolve_parameters(DEFAULT_PROFILE, {})
    assert p == Parameters()
    assert DEFAULT_PROFILE == "cn_common"
    assert p.quorum_open_fraction == Fraction(1, 3)
    assert p.gsl_speaking_time == 90
    assert (p.min_speaking_time, p.max_speaking_time) == (30, 300)
    assert p.yields_enabled == frozenset(YieldKind)
    assert (p.mod_total_max, p.mod_speaker_min, p.mod_speaker_max) == (1200, 30, 120)
    assert p.dr_quota_fraction == Fraction(1, 5)
    assert p.closure_speakers == SpeakerSplit(0, 2)
    assert p.table_speakers == SpeakerSplit(2, 2)
    assert p.closure_threshold == Threshold(ThresholdKind.TWO_THIRDS, ThresholdBase.PRESENT)
    assert p.motion_precedence == DEFAULT_PRECEDENCE
    assert p.effective_unfriendly_quota_fraction == Fraction(1, 5)


def test_every_profile_is_valid_input() -> None:
    """procedure.md §0.3: the seven profiles the app ships, in the §7.2 column order."""
    assert PROFILE_NAMES == (
        "cn_common",
        "una_usa",
        "hmun",
        "nmun",
        "thimun",
        "un_ga",
        "bimun_beijing",
    )
    for name in PROFILE_NAMES:
        resolve_parameters(name, {})


@pytest.mark.parametrize(
    ("profile", "name", "expected"),
    [
        ("un_ga", "observers_vote_procedural", False),
        ("un_ga", "procedural_abstention_allowed", True),
        ("un_ga", "quorum_open_fraction", Fraction(1, 4)),
        ("un_ga", "yields_enabled", frozenset()),
        ("un_ga", "motions_require_second", False),
        ("un_ga", "points_enabled", frozenset({PointKind.ORDER})),
        ("un_ga", "roll_call_start", RollCallStart.DRAWN_BY_LOT),
        ("un_ga", "consensus_fallback", ConsensusFallback.CONTINUE_NEGOTIATION),
        ("thimun", "yields_enabled", frozenset({YieldKind.CHAIR, YieldKind.DELEGATE})),
        ("thimun", "yield_chain_max", 2),
        ("thimun", "allow_second_degree", True),
        ("cn_common", "allow_second_degree", False),
        ("una_usa", "allow_second_degree", False),
        ("hmun", "allow_second_degree", False),
        (
            "hmun",
            "yields_enabled",
            frozenset({YieldKind.CHAIR, YieldKind.QUESTIONS, YieldKind.DELEGATE}),
        ),
        ("nmun", "chair_may_propose_consensus", True),
    ],
)
def test_profile_headline_differences(profile: str, name: str, expected: object) -> None:
    """procedure.md §7.2: the headline differences between profiles."""
    assert getattr(resolve_parameters(profile, {}), name) == expected


def test_un_ga_precedence_puts_the_four_ga_motions_first() -> None:
    """procedure.md §3.3: GA rule 119/77 order (suspend, adjourn, adjourn debate, closure)."""
    order = resolve_parameters("un_ga", {}).motion_precedence
    assert order[1:5] == (
        MotionCode.SUSPEND_MEETING,
        MotionCode.ADJOURN_MEETING,
        MotionCode.TABLE_DEBATE,
        MotionCode.CLOSE_DEBATE,
    )
    assert sorted(order) == sorted(MotionCode)


def test_bimun_beijing_is_cn_common_plus_what_section_7_3_knows() -> None:
    """procedure.md §7.3: everything not known is inherited from cn_common."""
    beijing = resolve_parameters("bimun_beijing", {})
    common = resolve_parameters("cn_common", {})
    differing = {
        f.name for f in fields(Parameters) if getattr(beijing, f.name) != getattr(common, f.name)
    }
    assert differing <= BEIJING_KNOWN_PARAMETERS
    assert beijing.appeal_enabled


@pytest.mark.parametrize("profile", ["hmun", "nmun"])
def test_hmun_and_nmun_adopt_texts_by_simple_majority_of_present_and_voting(
    profile: str,
) -> None:
    """procedure.md §6.6, §5.4, §7.1 and §7.2 "DR threshold: majority": DRs and unfriendly
    amendments alike."""
    p = resolve_parameters(profile, {})
    assert p.substantive_threshold == SIMPLE_PV
    assert p.effective_unfriendly_amendment_threshold == SIMPLE_PV


@pytest.mark.parametrize("profile", ["hmun", "nmun"])
def test_hmun_and_nmun_keep_what_section_7_2_gives_as_cn_common_values(profile: str) -> None:
    """procedure.md §7.2: every point ("all 4", as cn_common), seconds, closure by 2/3 with
    two against."""
    p = resolve_parameters(profile, {})
    assert p.points_enabled == frozenset(PointKind)
    assert p.motions_require_second
    assert p.closure_threshold == TWO_THIRDS_PRESENT
    assert p.closure_speakers == SpeakerSplit(0, 2)


def test_hmun_follows_the_default_precedence() -> None:
    """procedure.md §3.3: the default order is the one of cn_common, una_usa and hmun."""
    assert resolve_parameters("hmun", {}).motion_precedence == DEFAULT_PRECEDENCE


def test_hmun_takes_a_20_percent_quota_and_votes_by_roll_call_only_on_a_motion() -> None:
    """procedure.md §7.2 HMUN column: DR quota about 20 %; roll call on motion, with Pass and
    rights; no second-degree amendments; GSL speeches yield to the chair, to questions or to
    a delegate, never to comments."""
    p = resolve_parameters("hmun", {})
    assert p.dr_quota_fraction == Fraction(1, 5)
    assert not p.roll_call_on_request
    assert p.allow_pass and p.rights_enabled
    assert not p.allow_second_degree
    assert YieldKind.COMMENTS not in p.yields_enabled


def test_nmun_lets_the_chair_propose_consensus_and_falls_back_to_a_vote() -> None:
    """procedure.md §7.2 "consensus: common" and §6.7: the chair may propose it; an objection
    still leads to a normal vote."""
    p = resolve_parameters("nmun", {})
    assert p.consensus_enabled and p.chair_may_propose_consensus
    assert p.consensus_fallback is ConsensusFallback.VOTE


@pytest.mark.parametrize(
    ("profile", "documented"),
    [
        ("hmun", {"yields_enabled", "substantive_threshold"}),
        ("nmun", {"substantive_threshold", "chair_may_propose_consensus"}),
    ],
)
def test_hmun_and_nmun_differ_from_cn_common_only_where_the_document_says(
    profile: str, documented: set[str]
) -> None:
    """procedure.md §7.2: every other value (the ○ rows without a value too) is cn_common's."""
    resolved = resolve_parameters(profile, {})
    common = resolve_parameters("cn_common", {})
    differing = {
        f.name for f in fields(Parameters) if getattr(resolved, f.name) != getattr(common, f.name)
    }
    assert differing == documented == set(profile_differences(profile))


@pytest.mark.parametrize("profile", ["hmun", "nmun"])
def test_a_committee_may_override_the_hmun_and_nmun_values(profile: str) -> None:
    """procedure.md §0.3: a committee picks a profile and may override any value."""
    two_thirds_pv = "two_thirds/present_and_voting"
    assert validate_overrides(profile, {"substantive_threshold": two_thirds_pv}) is None
    p = resolve_parameters(profile, {"substantive_threshold": two_thirds_pv})
    assert p.substantive_threshold == Threshold(
        ThresholdKind.TWO_THIRDS, ThresholdBase.PRESENT_AND_VOTING
    )
    with pytest.raises(ProcedureError) as info:
        validate_overrides(profile, {"substantive_threshold": "most/present"})
    assert info.value.code == "invalid_parameter_value"


def test_c34_overrides_apply_on_top_of_the_profile() -> None:
    """procedure.md §7.1 rows marked C34."""
    p = resolve_parameters("cn_common", C34_OVERRIDES)
    assert p.consensus_enabled and p.chair_may_propose_consensus
    assert p.veto_members == ()
    assert p.topics == 1


@pytest.mark.parametrize(
    ("overrides", "name", "expected"),
    [
        (
            {"closure_threshold": {"kind": "simple", "base": "present"}},
            "closure_threshold",
            Threshold(ThresholdKind.SIMPLE, ThresholdBase.PRESENT),
        ),
        (
            {"closure_threshold": "simple·present_and_voting"},
            "closure_threshold",
            Threshold(ThresholdKind.SIMPLE, ThresholdBase.PRESENT_AND_VOTING),
        ),
        ({"dr_quota_fraction": 0.1}, "dr_quota_fraction", Fraction(1, 10)),
        ({"dr_quota_fraction": "1/5"}, "dr_quota_fraction", Fraction(1, 5)),
        ({"dr_quota_fraction": [1, 4]}, "dr_quota_fraction", Fraction(1, 4)),
        ({"table_speakers": "3+3"}, "table_speakers", SpeakerSplit(3, 3)),
        ({"table_speakers": [1, 2]}, "table_speakers", SpeakerSplit(1, 2)),
        ({"table_speakers": {"for": 0, "against": 1}}, "table_speakers", SpeakerSplit(0, 1)),
        ({"gsl_speaking_time": 120.0}, "gsl_speaking_time", 120),
        ({"max_questions": None}, "max_questions", None),
        ({"max_questions": 3}, "max_questions", 3),
        ({"yields_enabled": ["chair"]}, "yields_enabled", frozenset({YieldKind.CHAIR})),
        ({"veto_members": ["CN", "FR", "CN"]}, "veto_members", ("CN", "FR")),
        (
            {"dr_introduction_vote": "simple/present"},
            "dr_introduction_vote",
            Threshold(ThresholdKind.SIMPLE, ThresholdBase.PRESENT),
        ),
        ({"unfriendly_amendment_threshold": None}, "unfriendly_amendment_threshold", None),
        (
            {"motion_precedence": ["close_debate"]},
            "motion_precedence",
            (
                MotionCode.CLOSE_DEBATE,
                *[c for c in DEFAULT_PRECEDENCE if c is not MotionCode.CLOSE_DEBATE],
            ),
        ),
    ],
)
def test_json_shaped_overrides_are_converted(
    overrides: dict[str, object], name: str, expected: object
) -> None:
    assert getattr(resolve_parameters("cn_common", overrides), name) == expected


def test_unknown_profile_is_refused_with_the_allowed_names() -> None:
    with pytest.raises(ProcedureError) as info:
        resolve_parameters("hogwarts", {})
    assert info.value.code == "unknown_profile"
    assert info.value.facts["allowed"] == list(PROFILE_NAMES)
    with pytest.raises(ProcedureError):
        profile_differences("hogwarts")


def test_unknown_parameter_is_refused_with_the_allowed_names() -> None:
    with pytest.raises(ProcedureError) as info:
        validate_overrides("cn_common", {"speaking_time": 60})
    assert info.value.code == "unknown_parameter"
    assert info.value.facts["name"] == "speaking_time"
    assert "gsl_speaking_time" in info.value.facts["allowed"]  # type: ignore[operator]


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("gsl_speaking_time", 5),
        ("gsl_speaking_time", "90"),
        ("gsl_speaking_time", True),
        ("gsl_speaking_time", 90.5),
        ("max_questions", -1),
        ("observers_vote_procedural", "yes"),
        ("present_means", "sometimes"),
        ("yields_enabled", ["chair", "poetry"]),
        ("yields_enabled", "chair"),
        ("quorum_open_fraction", 2),
        ("quorum_open_fraction", "one third"),
        ("quorum_open_fraction", [1, 0]),
        ("quorum_open_fraction", True),
        ("quorum_open_fraction", [1.0, 3]),
        ("quorum_open_fraction", None),
        ("closure_threshold", "most/present"),
        ("closure_threshold", None),
        ("table_speakers", "a+b"),
        ("table_speakers", [9, 9]),
        ("table_speakers", [True, 1]),
        ("table_speakers", 2),
        ("motion_precedence", ["close_debate", "close_debate"]),
        ("motion_precedence", ["filibuster"]),
        ("veto_members", [1, 2]),
        ("veto_members", "CN"),
        ("dr_quota_fraction", 1.5),
    ],
)
def test_out_of_range_values_are_refused_with_what_is_allowed(name: str, value: object) -> None:
    """The settings form shows ``allowed`` (and ``choices`` for enums)."""
    with pytest.raises(ProcedureError) as info:
        validate_overrides("cn_common", {name: value})
    assert info.value.code == "invalid_parameter_value"
    assert info.value.facts["name"] == name
    assert info.value.facts["allowed"]


def test_enum_refusal_lists_the_choices() -> None:
    with pytest.raises(ProcedureError) as info:
        validate_overrides("cn_common", {"gsl_exhaustion_action": "panic"})
    assert info.value.facts["choices"] == ["close_debate", "prompt_chair"]


@pytest.mark.parametrize(
    ("overrides", "name"),
    [
        ({"min_speaking_time": 200, "max_speaking_time": 100}, "min_speaking_time"),
        ({"gsl_speaking_time": 400}, "gsl_speaking_time"),
        ({"mod_speaker_min": 200, "mod_speaker_max": 100}, "mod_speaker_min"),
        ({"dr_max_sponsors": 1, "dr_min_sponsors": 2}, "dr_max_sponsors"),
    ],
)
def test_inconsistent_combinations_are_refused(overrides: dict[str, object], name: str) -> None:
    with pytest.raises(ProcedureError) as info:
        validate_overrides("cn_common", overrides)
    assert info.value.code == "invalid_parameter_value"
    assert info.value.facts["name"] == name


def test_validate_overrides_accepts_valid_input() -> None:
    assert validate_overrides("thimun", {"gsl_speaking_time": 60}) is None


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (0.2, Fraction(1, 5)),
        ("1/3", Fraction(1, 3)),
        ([2, 3], Fraction(2, 3)),
        (1, Fraction(1)),
        (Fraction(1, 2), Fraction(1, 2)),
        (None, None),
        ("x", None),
        ([1, 2, 3], None),
    ],
)
def test_parse_fraction(raw: object, expected: Fraction | None) -> None:
    assert parse_fraction(raw) == expected
