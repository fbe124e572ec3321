"""The export bench: one measured export, a format whose module is not written yet, and the
section RESULTS.md gets."""

import json

import pytest

from bench import report_export
from bench.report import markdown
from tests import factories

RUN = {
    "started": "2025-01-01T00:00:00+00:00",
    "commit": "abc",
    "machine": {"cores": 2, "cpu": "x", "memory_gib": 4, "python": "3.11"},
    "options": "",
    "generator_limit": 0.9,
    "background_cores": 0.0,
    "took_s": 1.0,
}


def exported(kind, language="en", **figures):
    row = {
        "format": kind,
        "language": language,
        "available": True,
        "runs_s": [figures.get("best_s", 1.0) + 0.5, figures.get("best_s", 1.0)],
        "best_s": 1.0,
        "traced_peak_mib": 40.0,
        "rss_growth_mib": 120.0,
        "peak_rss_mib": 200.0,
        "bytes": 2_500_000,
        "filename": f"x.{kind}",
        "steps": [["Reading the record", 0.4], ["Writing the file", 0.6]],
        "other_cores": 0.0,
    }
    return row | figures


def bench_result(*exports):
    return {
        "database": "sqlite",
        "cores": 2,
        "runs": 2,
        "committee": {
            "build_s": 7.0,
            "counts": {
                "delegations": 193,
                "sessions": 8,
                "speeches": 2000,
                "motions": 300,
                "draft_resolutions": 10,
                "questions": 193,
                "ballots": 7567,
                "events": 16426,
            },
        },
        "exports": list(exports),
        "took_s": 60.0,
    }


def test_results_have_a_row_per_export_and_judge_the_pdf_only():
    result = bench_result(
        exported("pdf", best_s=8.5, target_s=10.0, **{"pass": True}),
        exported("pdf", "zh-hans", best_s=12.0, target_s=10.0, **{"pass": False}),
        {"format": "docx", "language": "en", "available": False, "reason": "no word.py"},
        exported("csv", best_s=0.8),
    )
    text = markdown({"run": RUN, "setups": {}, "report_export": result})
    section = text.split("## Exporting the final report", 1)[1]
    rows = [line for line in section.splitlines() if line.startswith("| ")]
    assert rows[2].startswith("| pdf | en | 8.5 s | 9.0 s | 40.0 MiB | 120.0 MiB | 2.50 MB |")
    assert "**pass** (under 10 s on 2 cores)" in rows[2]
    assert "**FAIL**" in rows[3]
    assert rows[4] == "| docx | en | not available | — | — | — | — | — |"
    assert rows[5].endswith("| report |")
    assert "193 delegations, 8 sessions, 2,000 speeches, 300 motions" in section
    assert "Steps of the best pdf (en) run: Reading the record 0.4 s" in section
    assert "Disturbed" not in section


def test_a_busy_machine_or_a_failed_build_is_said():
    busy = bench_result(exported("csv", other_cores=0.8))
    assert "**Disturbed:**" in markdown({"run": RUN, "setups": {}, "report_export": busy})
    failed = {"error": "build exited with 1: boom", "took_s": 3.0}
    text = markdown({"run": RUN, "setups": {}, "report_export": failed})
    assert "Not measured: build exited with 1: boom" in text


def test_results_without_the_export_have_no_section():
    assert "Exporting the final report" not in markdown({"run": RUN, "setups": {}})


@pytest.mark.django_db
def test_an_export_is_timed_measured_and_sized(tmp_path):
    committee = factories.committee()
    factories.delegations(committee, ["Alphaland", "Betastan"])
    out = tmp_path / "csv.json"
    report_export.export_child(out, committee.slug, "csv", "en", runs=2)
    measured = json.loads(out.read_text())
    assert measured["available"] is True
    assert len(measured["runs_s"]) == 2 and measured["best_s"] == min(measured["runs_s"])
    assert measured["bytes"] > 0 and measured["filename"].endswith("-tables.zip")
    assert measured["traced_peak_mib"] > 0
    # The steps the export reported in its best run, each with how long it ran.
    assert measured["steps"] and all(isinstance(step, str) for step, _ in measured["steps"])
    assert sum(seconds for _, seconds in measured["steps"]) <= measured["best_s"] + 0.02


@pytest.mark.django_db
def test_a_format_whose_module_is_not_written_yet_is_not_available(tmp_path, monkeypatch):
    committee = factories.committee()

    def missing(*args, **kwargs):
        raise ModuleNotFoundError("No module named 'committee.report.word'")

    monkeypatch.setattr("committee.report.export.export", missing)
    out = tmp_path / "docx.json"
    report_export.export_child(out, committee.slug, "docx", "en", runs=2)
    assert json.loads(out.read_text()) == {
        "available": False,
        "reason": "No module named 'committee.report.word'",
    }
