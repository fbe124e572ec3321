"""The bench's summaries: nearest-rank percentiles, where a lost delivery is the slowest."""

import pytest

from bench.load import Action, Deliveries, expected_seqs
from bench.stats import percentile, ratio, summary


def test_nearest_rank_percentiles():
    samples = [float(n) for n in range(1, 101)]
    assert percentile(samples, 50) == 50
    assert percentile(samples, 95) == 95
    assert percentile(samples, 99) == 99
    assert percentile(samples, 100) == 100
    assert percentile([7.0], 95) == 7


def test_what_never_arrived_counts_as_slower_than_anything_that_did():
    arrived = [float(n) for n in range(1, 96)]  # 95 of 100 arrived
    assert percentile(arrived, 95, missing=5) == 95
    assert percentile(arrived, 96, missing=5) is None
    assert percentile([], 50, missing=3) is None
    assert percentile([], 50) is None


def test_a_summary_in_milliseconds():
    result = summary([0.001, 0.002, 0.003, 0.004])
    assert result == {
        "count": 4,
        "missing": 0,
        "p50_ms": 2.0,
        "p95_ms": 4.0,
        "p99_ms": 4.0,
        "max_ms": 4.0,
        "mean_ms": 2.5,
    }


def test_a_summary_with_losses_has_no_max():
    result = summary([0.010] * 99, missing=1)
    assert (result["p95_ms"], result["p99_ms"], result["max_ms"]) == (10.0, 10.0, None)
    assert summary([], missing=2)["p50_ms"] is None


def test_ratio_to_the_bare_floor():
    assert ratio(25.0, 5.0) == 5.0
    assert ratio(None, 5.0) is None
    assert ratio(25.0, 0.0) is None


@pytest.mark.parametrize(
    ("statuses", "expected"),
    [
        ([204, 204, 204], [(11, 0.0), (12, 1.0), (13, 2.0)]),
        ([204, 409, 204], [(11, 0.0), (12, 2.0)]),  # a refused action moves no sequence number
        ([None, 500], []),
    ],
)
def test_each_successful_action_produces_the_next_sequence_number(statuses, expected):
    actions = [
        Action(scheduled_at=0.0, sent_at=float(index), status=status)
        for index, status in enumerate(statuses)
    ]
    assert expected_seqs(actions, base_seq=10) == expected


class Arrived:
    """A screen that received pushes of these sequence numbers at these times."""

    def __init__(self, arrivals):
        self.arrivals = arrivals
        self.max_seq = arrivals[-1][0] if arrivals else -1

    def first_arrival(self, seq):
        return next((when for shown, when in self.arrivals if shown >= seq), None)


def test_deliveries_per_screen_and_action_with_merged_and_lost_pushes():
    deliveries = Deliveries()
    expected = [(11, 1.0), (12, 2.0)]
    on_time = Arrived([(10, 0.0), (11, 1.010), (12, 2.020)])
    merged = Arrived([(10, 0.0), (12, 2.050)])  # one push for both actions
    stuck = Arrived([(10, 0.0), (11, 1.030)])
    deliveries.add([on_time, merged, stuck], expected)
    described = deliveries.describe()
    assert sorted(round(s, 3) for s in deliveries.samples) == [0.01, 0.02, 0.03, 0.05, 1.05]
    assert (described["missing"], described["lost_screens"]) == (1, 1)
    assert described["all_screens_ms_by_action"] == [1050.0, None]
