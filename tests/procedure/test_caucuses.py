from __future__ import annotations

from dataclasses import replace

import pytest

from committee.procedure.caucuses import (
    CaucusEndReason,
    CaucusKind,
    SlotSpoken,
    as_ended,
    due_end_reason,
    end_caucus,
    end_slot,
    extend,
    next_required_speaker,
    pause_caucus,
    recognise,
    remainder_shorter_than_slot,
    resume_caucus,
    return_by,
    should_end,
    slot_spoken,
    start_caucus,
)
from committee.procedure.choices import MotionCode, MoverChoice, RorGround
from committee.procedure.errors import ProcedureError
from committee.procedure.motions import EndedCaucus, Motion
from committee.procedure.reply import ReplyTiming, decide_reply, request_reply
from committee.procedure.rulings import is_appealable
from committee.procedure.timers import remaining, seconds
from tests.procedure.helpers import at, params

PRESENT = {"FR", "CN", "US", "BR"}
MOD = Motion("m", MotionCode.MODERATED_CAUCUS, "FR", 1, 300, 60, "mandates")
UNMOD = Motion("u", MotionCode.UNMODERATED_CAUCUS, "CN", 2, total_seconds=600, topic="drafting")


@pytest.mark.parametrize(
    ("overrides", "ends"),
    [({}, True), ({"caucus_remainder_action": "prompt_chair"}, False)],
)
def test_edge_09_caucus_remainder_shorter_than_one_slot(
    overrides: dict[str, object], ends: bool
) -> None:
    """procedure.md §8.9 / §2.3: end automatically when less than one slot remains, or ask the
    chair; a speaker whose slot would run past the total gets only what remains."""
    p = params(**overrides)
    caucus = start_caucus(p, MOD, at(0))
    caucus = end_slot(recognise(p, caucus, "CN", at(0), PRESENT), at(250))
    assert remainder_shorter_than_slot(caucus, at(250))
    assert should_end(p, caucus, at(250)) is ends
    if ends:
        with pytest.raises(ProcedureError) as info:
            recognise(p, caucus, "US", at(250), PRESENT)
        assert info.value.code == "caucus_ended"
    else:
        caucus = recognise(p, caucus, "US", at(250), PRESENT)
        assert caucus.slot is not None
        assert remaining(caucus.slot, at(250)) == seconds(50)


def test_caucus_ends_when_total_time_runs_out_and_records_the_actual_end() -> None:
    """procedure.md §2.3–2.4: ending; the app records the actual end time."""
    p = params()
    caucus = start_caucus(p, UNMOD, at(0))
    assert caucus.kind is CaucusKind.UNMODERATED
    assert return_by(caucus) == at(600)
    assert not should_end(p, caucus, at(599)) and should_end(p, caucus, at(600))
    early = end_caucus(caucus, at(420))
    assert early.ended and early.ended_at == at(420)
    with pytest.raises(ProcedureError) as info:
        end_caucus(early, at(421))
    assert info.value.code == "caucus_ended"
    assert should_end(p, early, at(421))
    with pytest.raises(ProcedureError) as info:
        recognise(p, caucus, "FR", at(10), PRESENT)
    assert info.value.code == "wrong_yield_stage"


@pytest.mark.parametrize(
    ("position", "choice", "error"),
    [
        ("first", None, None),
        ("first", MoverChoice.LAST, "mover_position_not_allowed"),
        ("choose", MoverChoice.LAST, None),
        ("choose", MoverChoice.FIRST, None),
        ("none", MoverChoice.FIRST, "mover_position_not_allowed"),
        ("none", None, None),
    ],
)
def test_mover_position(position: str, choice: MoverChoice | None, error: str | None) -> None:
    """procedure.md §2.3: mod_mover_position ∈ {first, choose (default), none}."""
    p = params(mod_mover_position=position)
    if error:
        with pytest.raises(ProcedureError) as info:
            start_caucus(p, MOD, at(0), mover_choice=choice)
        assert info.value.code == error
        return
    caucus = start_caucus(p, MOD, at(0), mover_choice=choice)
    if caucus.mover_choice is MoverChoice.FIRST:
        assert next_required_speaker(caucus, at(0)) == "FR"
        with pytest.raises(ProcedureError) as info:
            recognise(p, caucus, "CN", at(0), PRESENT)
        assert info.value.code == "not_your_turn"
        assert recognise(p, caucus, "FR", at(0), PRESENT).current == "FR"
    elif caucus.mover_choice is MoverChoice.LAST:
        assert next_required_speaker(caucus, at(0)) is None
        assert next_required_speaker(caucus, at(200)) == "FR"  # the last full slot
    else:
        with pytest.raises(ProcedureError) as info:
            recognise(p, caucus, "FR", at(0), PRESENT)
        assert info.value.code == "mover_position_not_allowed"


def test_recognising_an_absent_delegation_is_refused() -> None:
    p = params()
    with pytest.raises(ProcedureError) as info:
        recognise(p, start_caucus(p, MOD, at(0)), "ZZ", at(1), PRESENT)
    assert info.value.code == "not_present"


def test_points_pause_both_caucus_clocks() -> None:
    p = params()
    caucus = recognise(p, start_caucus(p, MOD, at(0)), "CN", at(0), PRESENT)
    paused = pause_caucus(caucus, at(10))
    resumed = resume_caucus(paused, at(100))
    assert remaining(resumed.total, at(100)) == seconds(290)
    assert resumed.slot is not None and remaining(resumed.slot, at(100)) == seconds(50)
    bare = resume_caucus(pause_caucus(start_caucus(p, UNMOD, at(0)), at(1)), at(2))
    assert bare.slot is None


@pytest.mark.parametrize(
    ("overrides", "extra", "error"),
    [
        ({}, 300, None),
        ({}, 301, "extension_too_long"),
        ({"extension_max_fraction": 0.5}, 200, "extension_too_long"),
        ({"extension_max_fraction": 0.5}, 150, None),
    ],
)
def test_extension_of_a_caucus(overrides: dict[str, object], extra: int, error: str | None) -> None:
    """procedure.md §2.5: at most the original length (or half); one extension by default."""
    p = params(**overrides)
    ended = end_caucus(start_caucus(p, MOD, at(0)), at(300))
    assert as_ended(ended) == EndedCaucus(MotionCode.MODERATED_CAUCUS, 300, 0)
    if error:
        with pytest.raises(ProcedureError) as info:
            extend(p, ended, extra, at(301))
        assert info.value.code == error
        return
    extended = extend(p, ended, extra, at(301))
    assert not extended.ended and extended.extensions_used == 1
    assert remaining(extended.total, at(301)) == seconds(extra)
    with pytest.raises(ProcedureError) as info:
        extend(p, extended, 10, at(302))
    assert info.value.code == "extension_limit_reached"


def test_round_robin_goes_through_present_delegations_in_roll_order() -> None:
    """procedure.md §2.6: every present delegation in roll order, a short fixed time each."""
    motion = Motion("r", MotionCode.ROUND_ROBIN, "FR", 1, speaker_seconds=30)
    with pytest.raises(ProcedureError) as info:
        start_caucus(params(), motion, at(0), roll_order=["BR", "CN"])
    assert info.value.code == "round_robin_disabled"
    p = params(round_robin_enabled=True)
    caucus = start_caucus(p, replace(motion, speaker_seconds=None), at(0), roll_order=["BR", "CN"])
    assert caucus.original_seconds == 60
    assert next_required_speaker(caucus, at(0)) == "BR"
    with pytest.raises(ProcedureError) as info:
        recognise(p, caucus, "CN", at(0), PRESENT)
    assert info.value.code == "not_your_turn"
    caucus = recognise(p, recognise(p, caucus, "BR", at(0), PRESENT), "CN", at(30), PRESENT)
    assert caucus.spoken == ("BR",)
    assert next_required_speaker(end_slot(caucus, at(60)), at(60)) is None


def test_only_caucus_motions_start_caucuses() -> None:
    with pytest.raises(ProcedureError) as info:
        start_caucus(params(), Motion("x", MotionCode.CLOSE_DEBATE, "FR", 1), at(0))
    assert info.value.code == "unknown_motion"


# ---- right of reply (§2.7) ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("profile", "overrides", "ground", "error", "timing"),
    [
        ("cn_common", {}, RorGround.NATIONAL_INTEGRITY, None, ReplyTiming.CHAIR_SETS),
        ("cn_common", {}, RorGround.POLICY_DISAGREEMENT, "right_of_reply_out_of_scope", None),
        (
            "cn_common",
            {"ror_scope": "personal_only"},
            RorGround.NATIONAL_INTEGRITY,
            "right_of_reply_out_of_scope",
            None,
        ),
        ("un_ga", {}, RorGround.PERSONAL_INTEGRITY, None, ReplyTiming.END_OF_DAY),
        (
            "cn_common",
            {"ror_enabled": False},
            RorGround.NATIONAL_INTEGRITY,
            "right_of_reply_disabled",
            None,
        ),
    ],
)
def test_right_of_reply_scope_by_profile(
    profile: str,
    overrides: dict[str, object],
    ground: RorGround,
    error: str | None,
    timing: ReplyTiming | None,
) -> None:
    """procedure.md §2.7: integrity impugned, not policy; PacificMUN personal only; un_ga at
    the end of the day."""
    p = params(profile, **overrides)
    if error:
        with pytest.raises(ProcedureError) as info:
            request_reply(p, "CN", "FR", ground)
        assert info.value.code == error
    else:
        request = request_reply(p, "CN", "FR", ground)
        assert request.timing is timing and request.seconds == p.ror_seconds


def test_no_reply_to_a_reply_and_not_to_oneself() -> None:
    """procedure.md §2.7: no reply to a reply (standard UNA-USA)."""
    p = params()
    with pytest.raises(ProcedureError) as info:
        request_reply(
            p, "CN", "FR", RorGround.NATIONAL_INTEGRITY, offending_speech_was_a_reply=True
        )
    assert info.value.code == "reply_to_reply"
    allowed = params(ror_reply_to_reply=True)
    assert request_reply(
        allowed, "CN", "FR", RorGround.NATIONAL_INTEGRITY, offending_speech_was_a_reply=True
    )
    with pytest.raises(ProcedureError) as info:
        request_reply(p, "FR", "FR", RorGround.NATIONAL_INTEGRITY)
    assert info.value.code == "yield_to_self"


def test_the_chairs_decision_on_a_reply_is_not_appealable() -> None:
    """procedure.md §2.7: the decision is not appealable."""
    ruling = decide_reply(False, "R7", at(0))
    assert ruling.decision == "refused"
    assert not is_appealable(params(), ruling)
    assert decide_reply(True, "R8", at(0)).decision == "granted"


def test_a_slots_turn_counts_its_clock_without_pauses() -> None:
    p = params()
    caucus = recognise(p, start_caucus(p, MOD, at(0)), "CN", at(10), PRESENT)
    assert caucus.slot_started_at == at(10)
    caucus = resume_caucus(pause_caucus(caucus, at(30)), at(90))
    spoken = slot_spoken(caucus, at(100))
    assert spoken == SlotSpoken("CN", at(10), at(100), seconds(30))
    assert end_slot(caucus, at(100)).slot_started_at is None
    assert slot_spoken(end_slot(caucus, at(100)), at(100)) is None


def test_a_slot_that_ran_out_ended_with_its_clock() -> None:
    p = params()
    caucus = recognise(p, start_caucus(p, MOD, at(0)), "CN", at(10), PRESENT)
    assert slot_spoken(caucus, at(95)) == SlotSpoken("CN", at(10), at(70), seconds(60))


def test_a_turn_from_a_floor_stored_before_its_start_was_kept_dates_back_by_its_length() -> None:
    p = params()
    caucus = recognise(p, start_caucus(p, MOD, at(0)), "CN", at(10), PRESENT)
    spoken = slot_spoken(replace(caucus, slot_started_at=None), at(40))
    assert spoken is not None and spoken.started_at == at(10)


@pytest.mark.parametrize(
    ("overrides", "after", "reason"),
    [
        ({}, 100, None),
        ({}, 250, CaucusEndReason.REMAINDER),
        ({"caucus_remainder_action": "prompt_chair"}, 250, None),
        ({"caucus_remainder_action": "prompt_chair"}, 300, CaucusEndReason.TIME_UP),
    ],
)
def test_why_a_caucus_must_end_by_itself(
    overrides: dict[str, object], after: int, reason: CaucusEndReason | None
) -> None:
    p = params(**overrides)
    assert due_end_reason(p, start_caucus(p, MOD, at(0)), at(after)) is reason
