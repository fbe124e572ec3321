"""The worked example of committee/procedure/README.md, computed by the engine."""

from __future__ import annotations

import pytest

from committee.procedure.attendance import announce_numbers
from committee.procedure.profiles import C34_OVERRIDES, resolve_parameters
from committee.procedure.thresholds import Tally, Threshold, ThresholdBase, ThresholdKind, evaluate
from tests.procedure.helpers import c34_attendance


def test_c34_quorum_and_announced_numbers() -> None:
    """procedure.md §1.3–1.4 with C34 (34 members, 30 present)."""
    params = resolve_parameters("cn_common", C34_OVERRIDES)
    numbers = announce_numbers(params, 34, c34_attendance(30, pv=10))
    assert (numbers.quorum_open_required, numbers.quorum_decision_required) == (12, 18)
    assert numbers.quorum_open_met and numbers.quorum_decision_met
    assert (numbers.simple_majority, numbers.two_thirds, numbers.signatory_quota) == (16, 20, 6)
    strict = resolve_parameters(
        "cn_common", {**C34_OVERRIDES, "two_thirds_rounding": "strictly_more"}
    )
    assert announce_numbers(strict, 34, c34_attendance(30)).two_thirds == 21


@pytest.mark.parametrize(
    ("profile", "threshold", "tally", "adopted"),
    [
        ("cn_common", None, Tally(18, 8, 4), True),
        (
            "cn_common",
            Threshold(ThresholdKind.TWO_THIRDS, ThresholdBase.PRESENT),
            Tally(18, 8, 4),
            False,
        ),
        ("una_usa", None, Tally(18, 8, 4), True),
        ("una_usa", None, Tally(13, 13, 4), False),
    ],
)
def test_c34_two_thirds_vote_with_abstentions(
    profile: str, threshold: Threshold | None, tally: Tally, adopted: bool
) -> None:
    """procedure.md §1.4 / §6.6: the README's 18–8–4 vote."""
    params = resolve_parameters(profile, C34_OVERRIDES)
    outcome = evaluate(threshold or params.substantive_threshold, tally, present=30, membership=34)
    assert outcome.passed is adopted
    if profile == "cn_common" and threshold is None:
        assert (outcome.base_size, outcome.required_yes) == (26, 18)
