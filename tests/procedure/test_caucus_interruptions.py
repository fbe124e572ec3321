"""A caucus and what interrupts it: a right of reply stops its clocks, the mover's turn, and
a point of information settled by recognising its question (procedure.md §2.3, §2.7, §4)."""

from __future__ import annotations

from committee.procedure.caucuses import (
    end_caucus,
    hold_for_speech,
    next_required_speaker,
    pause_caucus,
    recognise,
    release_after_speech,
    resume_caucus,
    start_caucus,
)
from committee.procedure.choices import MotionCode, MoverChoice, PointKind
from committee.procedure.motions import Motion
from committee.procedure.points import Point, settled_by_question, waiting_questioners
from committee.procedure.timers import remaining, seconds
from tests.procedure.helpers import at, params

PRESENT = {"FR", "CN", "US", "BR"}
MOD = Motion("m", MotionCode.MODERATED_CAUCUS, "FR", 1, 300, 60, "mandates")
UNMOD = Motion("u", MotionCode.UNMODERATED_CAUCUS, "CN", 2, total_seconds=600, topic="drafting")


def test_a_reply_stops_an_unmoderated_caucus_clock_until_it_ends() -> None:
    caucus = start_caucus(params(), UNMOD, at(0))
    held = hold_for_speech(caucus, at(100))
    assert held.held and not held.total.running
    assert remaining(held.total, at(130)) == seconds(500)  # the 30 s reply cost nothing
    released = release_after_speech(held, at(130))
    assert released.total.running and not released.held
    assert remaining(released.total, at(130)) == seconds(500)


def test_a_reply_stops_a_moderated_caucus_and_its_slot() -> None:
    p = params()
    caucus = recognise(
        p, start_caucus(p, MOD, at(0), mover_choice=MoverChoice.FIRST), "FR", at(0), PRESENT
    )
    held = hold_for_speech(caucus, at(20))
    assert held.slot is not None and not held.slot.running
    released = release_after_speech(held, at(50))
    assert released.slot is not None and remaining(released.slot, at(50)) == seconds(40)
    assert remaining(released.total, at(50)) == seconds(280)


def test_a_caucus_the_chair_paused_stays_paused_after_the_reply() -> None:
    paused = pause_caucus(start_caucus(params(), UNMOD, at(0)), at(10))
    held = hold_for_speech(paused, at(20))
    assert not held.held
    assert release_after_speech(held, at(50)) == held


def test_resuming_or_ending_the_caucus_during_the_reply_drops_the_hold() -> None:
    held = hold_for_speech(start_caucus(params(), UNMOD, at(0)), at(10))
    assert not resume_caucus(held, at(20)).held
    ended = end_caucus(held, at(20))
    assert not ended.held
    assert release_after_speech(ended, at(30)) == ended


def test_the_mover_speaking_first_is_no_longer_required_once_recognised() -> None:
    p = params()
    caucus = start_caucus(p, MOD, at(0), mover_choice=MoverChoice.FIRST)
    assert next_required_speaker(caucus, at(0)) == "FR"
    speaking = recognise(p, caucus, "FR", at(0), PRESENT)
    assert next_required_speaker(speaking, at(10)) is None


def test_the_mover_speaking_last_is_no_longer_required_once_recognised() -> None:
    p = params(mod_mover_position="choose")
    caucus = start_caucus(p, MOD, at(0), mover_choice=MoverChoice.LAST)
    speaking = recognise(p, caucus, "FR", at(200), PRESENT)
    assert next_required_speaker(speaking, at(210)) is None


def test_the_first_point_of_information_to_the_speaker_names_the_questioner() -> None:
    points = [
        Point(PointKind.INFORMATION_TO_CHAIR, "US", 1),
        Point(PointKind.INFORMATION_TO_SPEAKER, "BR", 3),
        Point(PointKind.INFORMATION_TO_SPEAKER, "CN", 2),
    ]
    assert waiting_questioners(points) == ("CN", "BR")
    assert settled_by_question(points[2], "CN")
    assert not settled_by_question(points[1], "CN")
    assert not settled_by_question(points[0], "US")
