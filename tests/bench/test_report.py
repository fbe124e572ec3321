"""The bench's verdicts: each target passes, fails, or cannot be judged (and says why)."""

from bench.report import judge, markdown


def fanout(p95_ms, *, missing=0, generator_share=0.1):
    return {
        "latency": {"p95_ms": p95_ms, "missing": missing, "lost_screens": 0},
        "usage": {"generator_share": generator_share, "server_cores": 0.5},
        "server_us_per_message": 60.0,
        "valid": generator_share < 0.9,
    }


def by_id(targets):
    return {target["id"]: target for target in targets}


def test_fanout_passes_under_25_ms_and_8_times_the_bare_floor():
    bare = {"bare-200": fanout(2.0), "bare-1000": fanout(12.0)}
    assert by_id(judge({"fanout-200-slow": fanout(15.0)}, bare))["fanout-200-slow"]["pass"]
    too_slow = by_id(judge({"fanout-200-slow": fanout(30.0)}, bare))["fanout-200-slow"]
    assert too_slow["pass"] is False
    too_far_from_bare = by_id(judge({"fanout-200-slow": fanout(20.0)}, bare))
    assert too_far_from_bare["fanout-200-slow"]["values"]["times_bare"] == 10.0
    assert too_far_from_bare["fanout-200-slow"]["pass"] is False


def test_a_lost_delivery_fails_the_1000_screen_target():
    targets = by_id(judge({"fanout-1000": fanout(150.0, missing=1)}, {}))
    assert targets["fanout-1000"]["pass"] is False
    assert by_id(judge({"fanout-1000": fanout(150.0)}, {}))["fanout-1000"]["pass"] is True


def test_a_saturated_generator_or_a_missing_scenario_cannot_pass_or_fail():
    targets = by_id(judge({"fanout-1000": fanout(500.0, generator_share=0.95)}, {}))
    assert targets["fanout-1000"]["pass"] is None
    assert targets["fanout-1000"]["note"].startswith("invalid")
    assert targets["vote-storm"]["pass"] is None
    assert targets["vote-storm"]["note"] == "not run"


def test_the_readable_results_name_every_target():
    targets = judge({"fanout-200-slow": fanout(15.0)}, {"bare-200": fanout(2.0)})
    results = {
        "run": {
            "started": "2025-01-01T00:00:00+00:00",
            "commit": "abc",
            "machine": {"cores": 2, "cpu": "x", "memory_gib": 4, "python": "3.11"},
            "options": "",
            "generator_limit": 0.9,
            "background_cores": 0.0,
            "took_s": 1.0,
        },
        "setups": {
            "embedded": {
                "setup": {"database": "sqlite", "channel_layer": "in-memory", "workers": 1},
                "scenarios": {"fanout-200-slow": fanout(15.0) | {"took_s": 1.0}},
                "targets": targets,
            }
        },
    }
    text = markdown(results)
    assert all(target["metric"] in text for target in targets)
    assert "**pass**" in text
