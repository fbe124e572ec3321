"""procedure.md §2.3: the mover of a moderated caucus chooses to speak first, last or not at all."""

from __future__ import annotations

import pytest

from committee.procedure.caucuses import choose_mover_position, end_slot, recognise, start_caucus
from committee.procedure.choices import MotionCode, MoverChoice
from committee.procedure.errors import ProcedureError
from committee.procedure.motions import Motion
from tests.procedure.helpers import at, params

PRESENT = {"FR", "CN", "US"}
MOD = Motion("m", MotionCode.MODERATED_CAUCUS, "FR", 1, 300, 60, "mandates")
UNMOD = Motion("u", MotionCode.UNMODERATED_CAUCUS, "CN", 2, total_seconds=600, topic="drafting")


def test_a_mover_who_chooses_first_must_be_recognised_first() -> None:
    p = params()
    caucus = choose_mover_position(p, start_caucus(p, MOD, at(0)), MoverChoice.FIRST)
    with pytest.raises(ProcedureError) as info:
        recognise(p, caucus, "CN", at(1), PRESENT)
    assert info.value.code == "not_your_turn"
    assert recognise(p, caucus, "FR", at(1), PRESENT).current == "FR"


def test_first_is_too_late_once_someone_has_spoken_but_last_is_not() -> None:
    p = params()
    caucus = end_slot(recognise(p, start_caucus(p, MOD, at(0)), "CN", at(0), PRESENT), at(60))
    with pytest.raises(ProcedureError) as info:
        choose_mover_position(p, caucus, MoverChoice.FIRST)
    assert info.value.code == "mover_choice_too_late"
    assert choose_mover_position(p, caucus, MoverChoice.LAST).mover_choice is MoverChoice.LAST


def test_the_profile_limits_the_choice_and_unmoderated_caucuses_have_none() -> None:
    p = params(mod_mover_position="first")
    with pytest.raises(ProcedureError) as info:
        choose_mover_position(p, start_caucus(p, MOD, at(0)), MoverChoice.LAST)
    assert info.value.code == "mover_position_not_allowed"
    with pytest.raises(ProcedureError) as info:
        choose_mover_position(params(), start_caucus(params(), UNMOD, at(0)), MoverChoice.LAST)
    assert info.value.code == "wrong_yield_stage"
