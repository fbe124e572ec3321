from __future__ import annotations

import pytest

from committee.procedure.choices import RulingSubject
from committee.procedure.errors import ProcedureError
from committee.procedure.rulings import (
    RulingState,
    decide_appeal,
    is_appealable,
    make_ruling,
    open_appeal,
)
from committee.procedure.thresholds import Tally
from tests.procedure.helpers import T0, at, params


@pytest.mark.parametrize(
    ("profile", "tally", "overturned"),
    [
        ("cn_common", Tally(19, 11), False),  # 19 of 30 present < 20
        ("cn_common", Tally(20, 10), True),
        ("bimun_beijing", Tally(19, 11), False),
        ("un_ga", Tally(16, 14), True),  # simple majority of present and voting
        ("un_ga", Tally(15, 15), False),  # a tie leaves the ruling standing
    ],
)
def test_edge_17_appeal_of_a_ruling(profile: str, tally: Tally, overturned: bool) -> None:
    """procedure.md §8.17 / §3.4: the ruling is frozen until the appeal vote; it stands unless
    overturned by appeal_threshold (2/3 present; simple P&V in un_ga)."""
    p = params(profile)
    ruling = make_ruling(RulingSubject.DILATORY_MOTION, "dilatory", "R1", T0)
    frozen = open_appeal(p, ruling)
    assert frozen.state is RulingState.UNDER_APPEAL
    result = decide_appeal(p, frozen, tally, present=30, membership=34)
    assert result.overturned is overturned
    assert result.ruling.state is (RulingState.OVERTURNED if overturned else RulingState.UPHELD)
    with pytest.raises(ProcedureError) as info:
        decide_appeal(p, result.ruling, tally, present=30, membership=34)
    assert info.value.code == "no_ruling_to_appeal"
    with pytest.raises(ProcedureError) as info:
        open_appeal(p, frozen)
    assert info.value.code == "no_ruling_to_appeal"


@pytest.mark.parametrize(
    ("overrides", "subject", "code"),
    [
        ({}, RulingSubject.CAUCUS_TOPIC, "not_appealable"),
        ({}, RulingSubject.DILATORY_CAUCUS, "not_appealable"),
        ({"appeal_enabled": False}, RulingSubject.POINT_OF_ORDER, "appeal_disabled"),
        ({"non_appealable_rulings": []}, RulingSubject.CAUCUS_LENGTH, None),
    ],
)
def test_edge_17_non_appealable_rulings_offer_no_appeal(
    overrides: dict[str, object], subject: RulingSubject, code: str | None
) -> None:
    """procedure.md §8.17 / §3.4: non_appealable_rulings."""
    p = params(**overrides)
    ruling = make_ruling(subject, "out_of_order", "R2", at(1))
    assert is_appealable(p, ruling) is (code is None)
    if code is None:
        assert open_appeal(p, ruling).state is RulingState.UNDER_APPEAL
    else:
        with pytest.raises(ProcedureError) as info:
            open_appeal(p, ruling)
        assert info.value.code == code
