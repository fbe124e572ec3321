"""The targets, judged from the scenarios' results, and the two files a run leaves."""

import json
from pathlib import Path
from typing import Any

from bench.stats import ratio

KB = 1000
# Other processes using this many cores during a scenario make its figures pessimistic.
DISTURBED_CORES = 0.1
REPORT = "report"  # a target that is only reported, never passed or failed


def _get(data: Any, *keys: str) -> Any:
    for key in keys:
        if not isinstance(data, dict) or key not in data:
            return None
        data = data[key]
    return data


def _ms(value: float | None) -> str:
    return "—" if value is None else f"{value:.1f} ms"


def _target(
    identifier: str,
    metric: str,
    limit: str,
    measured: str,
    passed: bool | None,
    *,
    scenario: dict[str, Any] | None,
    values: dict[str, Any],
) -> dict[str, Any]:
    """One row of the targets table. A scenario that did not run, failed, or whose generator
    saturated cannot pass or fail: its pass is None, with the reason."""
    note = ""
    if scenario is None:
        note, passed, measured = "not run", None, "—"
    elif "error" in scenario:
        note, passed = f"error: {scenario['error']}", None
    elif not scenario.get("valid", True):
        note, passed = "invalid: the load generator saturated its core", None
    return {
        "id": identifier,
        "metric": metric,
        "target": limit,
        "measured": measured,
        "values": values,
        "pass": passed,
        "note": note,
    }


def _fanout_target(
    identifier: str, metric: str, app: dict | None, bare: dict | None, *, judged: bool
) -> dict[str, Any]:
    p95 = _get(app, "latency", "p95_ms")
    bare_p95 = _get(bare, "latency", "p95_ms")
    times_bare = ratio(p95, bare_p95)
    lost = _get(app, "latency", "lost_screens")
    passed = p95 is not None and p95 <= 25 and times_bare is not None and times_bare <= 8
    measured = f"p95 {_ms(p95)} = {times_bare if times_bare is not None else '—'}× bare"
    measured += f" ({_ms(bare_p95)}); lost screens {lost}"
    return _target(
        identifier,
        metric,
        "≤ 25 ms and ≤ 8× bare" if judged else "report (≤ 25 ms and ≤ 8× bare)",
        measured,
        passed if judged else None,
        scenario=app,
        values={"p95_ms": p95, "bare_p95_ms": bare_p95, "times_bare": times_bare},
    )


def judge(app: dict[str, dict], bare: dict[str, dict]) -> list[dict[str, Any]]:
    """Every target of the issue for one setup, from its scenarios and the bare floor's."""
    targets = [
        _fanout_target(
            "fanout-200-slow",
            "POST → all 200 screens (193 phones + dais + projectors), p95, 1 action / 5 s",
            app.get("fanout-200-slow"),
            bare.get("bare-200"),
            judged=True,
        ),
        _fanout_target(
            "fanout-200",
            "same at 2 actions/s",
            app.get("fanout-200"),
            bare.get("bare-200"),
            judged=False,
        ),
    ]
    big = app.get("fanout-1000")
    p95, lost = _get(big, "latency", "p95_ms"), _get(big, "latency", "missing")
    bare_p95 = _get(bare.get("bare-1000"), "latency", "p95_ms")
    targets.append(
        _target(
            "fanout-1000",
            "1,000 screens (193 phones + 806 projectors), p95, 2 actions/s",
            "≤ 200 ms, nothing lost",
            f"p95 {_ms(p95)} ({ratio(p95, bare_p95) or '—'}× bare {_ms(bare_p95)}); "
            f"{lost} deliveries lost",
            p95 is not None and p95 <= 200 and lost == 0,
            scenario=big,
            values={"p95_ms": p95, "missing": lost, "bare_p95_ms": bare_p95},
        )
    )
    per_message = {
        name: _get(scenario, "server_us_per_message")
        for name, scenario in (app | bare).items()
        if name.startswith(("fanout", "bare-"))
        and _get(scenario, "server_us_per_message") is not None
    }
    shown = ", ".join(f"{name} {value:g}" for name, value in per_message.items()) or "—"
    targets.append(
        _target(
            "cpu-per-message",
            "server CPU per delivered message (µs)",
            REPORT,
            shown,
            None,
            scenario=app.get("fanout-200") or app.get("fanout-1000"),
            values=per_message,
        )
    )
    targets.append(_vote_target(app.get("vote-storm")))
    connect_200 = _get(app.get("fanout-200"), "connect")
    targets.append(
        _target(
            "connect-200",
            "connect storm, 200 screens with 193 phones",
            REPORT,
            f"{_get(connect_200, 'all_snapshots_s')} s to every snapshot "
            f"({_get(connect_200, 'all_handshakes_s')} s to every handshake), "
            f"{_get(connect_200, 'failures')} failures",
            None,
            scenario=app.get("fanout-200"),
            values=connect_200 or {},
        )
    )
    storm = app.get("connect-3000")
    seconds = _get(storm, "connect", "all_snapshots_s")
    failures = _get(storm, "connect", "failures")
    bare_storm = _get(bare.get("bare-connect-3000"), "connect", "all_snapshots_s")
    targets.append(
        _target(
            "connect-3000",
            "connect storm, 3,000 projector sockets",
            "≤ 5 s, 0 failures",
            f"{seconds} s to every snapshot ({_get(storm, 'connect', 'all_handshakes_s')} s "
            f"to every handshake), {failures} failures; bare {bare_storm} s",
            seconds is not None and seconds <= 5 and failures == 0,
            scenario=storm,
            values={"seconds": seconds, "failures": failures, "bare_seconds": bare_storm},
        )
    )
    per_socket = _get(storm, "memory", "kib_per_socket")
    bare_socket = _get(bare.get("bare-connect-3000"), "memory", "kib_per_socket")
    targets.append(
        _target(
            "memory-per-socket",
            "memory per idle socket, 3,000 (server RSS delta / sockets)",
            "≤ 40 KiB",
            f"{per_socket} KiB (bare {bare_socket} KiB)",
            per_socket is not None and per_socket <= 40,
            scenario=storm,
            values={"kib_per_socket": per_socket, "bare_kib_per_socket": bare_socket},
        )
    )
    page = app.get("pages")
    dais_p95 = _get(page, "pages", "dais", "p95_ms")
    targets.append(
        _target(
            "dais-page",
            "dais page, 193 delegations",
            "p95 ≤ 50 ms",
            f"p95 {_ms(dais_p95)}, {_get(page, 'pages', 'dais', 'bytes')} bytes "
            f"({_get(page, 'pages', 'dais', 'gzip_bytes')} gzip)",
            dais_p95 is not None and dais_p95 <= 50,
            scenario=page,
            values={"p95_ms": dais_p95},
        )
    )
    phone_bytes = _get(page, "phone_with_assets", "gzip_bytes")
    wire = _get(page, "phone_with_assets", "wire_bytes")
    compressed = _get(page, "pages", "phone", "served_compressed")
    targets.append(
        _target(
            "phone-page",
            "phone page with assets (gzip)",
            "≤ 60 KB",
            f"{phone_bytes} bytes gzip; {wire} bytes as served"
            + ("" if compressed else " (the page itself is served uncompressed)"),
            phone_bytes is not None and phone_bytes <= 60 * KB,
            scenario=page,
            values={"gzip_bytes": phone_bytes, "wire_bytes": wire},
        )
    )
    room = app.get("conference")
    targets.append(
        _target(
            "conference",
            "conference load, 20 committees × 150 screens",
            REPORT,
            f"p95 {_ms(_get(room, 'latency', 'p95_ms'))}, "
            f"{_get(room, 'latency', 'missing')} deliveries lost, "
            f"server {_get(room, 'usage', 'server_cores')} cores",
            None,
            scenario=room,
            values={
                "p95_ms": _get(room, "latency", "p95_ms"),
                "server_cores": _get(room, "usage", "server_cores"),
            },
        )
    )
    return targets


def _vote_target(storm: dict[str, Any] | None) -> dict[str, Any]:
    errors = _get(storm, "ballots", "errors")
    lost = _get(storm, "ballots", "lost")
    answer = _get(storm, "ballots", "answer") or {}
    tally_p95 = _get(storm, "final_tally", "p95_ms")
    wrong = _get(storm, "final_tally", "screens_with_another_tally")
    passed = errors == 0 and lost == 0 and tally_p95 is not None and tally_p95 <= 300
    return _target(
        "vote-storm",
        "193 phones vote within 1 s while 200 screens watch",
        "0 errors, 0 lost, final tally on every screen p95 ≤ 300 ms",
        f"{errors} errors, {lost} lost, {_get(storm, 'ballots', 'retried_503')} taps again "
        f"after 503; ballot POST p50 {_ms(answer.get('p50_ms'))} p95 "
        f"{_ms(answer.get('p95_ms'))} max {_ms(answer.get('max_ms'))}; final tally p95 "
        f"{_ms(tally_p95)}, {wrong} screens showing another tally",
        passed,
        scenario=storm,
        values={"errors": errors, "lost": lost, "tally_p95_ms": tally_p95},
    )


# ---- the files ----------------------------------------------------------------------------------


def write_json(path: Path, results: dict[str, Any]) -> None:
    path.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n")


def _mark(passed: bool | None, note: str) -> str:
    if passed is None:
        return note.split(":")[0] if note else "report"
    return "**pass**" if passed else "**FAIL**"


def _row(cells: list[Any]) -> str:
    return "| " + " | ".join("—" if cell is None else str(cell) for cell in cells) + " |"


def _scenario_rows(scenarios: dict[str, dict[str, Any]]) -> list[str]:
    header = [
        "scenario",
        "screens",
        "p50",
        "p95",
        "p99",
        "max",
        "lost",
        "server cores",
        "µs/msg",
        "generator",
        "others",
        "valid",
        "took",
    ]
    rows = [_row(header), _row(["---"] * len(header))]
    for name, result in scenarios.items():
        if "error" in result:
            error = "error: " + result["error"][:60]
            rows.append(_row([name, error, *[""] * (len(header) - 3), result["took_s"]]))
            continue
        latency = result.get("latency") or result.get("final_tally") or {}
        screens = _get(result, "parameters", "screens") or {}
        shown = " + ".join(f"{count} {kind}" for kind, count in screens.items() if count)
        usage = result.get("usage") or result.get("connect") or {}
        rows.append(
            _row(
                [
                    name,
                    shown,
                    _ms(latency.get("p50_ms")),
                    _ms(latency.get("p95_ms")),
                    _ms(latency.get("p99_ms")),
                    _ms(latency.get("max_ms")),
                    latency.get("missing"),
                    usage.get("server_cores"),
                    result.get("server_us_per_message"),
                    usage.get("generator_share"),
                    usage.get("other_cores"),
                    "yes" if result.get("valid") else "**no**",
                    f"{result.get('took_s')} s",
                ]
            )
        )
    return rows


def _columns(generator_limit: float) -> str:
    return (
        "In the scenario table, latency (p50 … max) is from the moment the chair's POST left the "
        "generator to the first push on each screen rendered from that action's state or a later "
        "one (for vote-storm: from the last ballot's answer to the final tally on each screen); a "
        "delivery that never came counts as slower than any that did, so a percentile is `—` when "
        "more than its share was lost, and *lost* counts them. *server cores*: the server's CPU "
        "seconds per second while the actions ran; *µs/msg*: its CPU per delivered websocket "
        "message; *generator*: the load generator's share of its core (a scenario at "
        f"{generator_limit:g} or more is invalid: it measured itself); *others*: cores used by "
        "everything else on the machine meanwhile (above "
        f"{DISTURBED_CORES:g} the figures are disturbed). See bench/README.md."
    )


def _setup_lines(name: str, setup: dict[str, Any]) -> list[str]:
    described = setup["setup"]
    pinning = setup.get("pinning", {})
    lines = [
        "",
        f"## {name}: {described['database']}, {described['channel_layer']} channel layer, "
        f"{described['workers']} worker(s)",
    ]
    if setup.get("skipped"):
        return [*lines, "", f"Not run: {setup['skipped']}."]
    scenarios = setup.get("scenarios", {})
    deflate = next(
        (
            s["parameters"]["deflate"]
            for s in scenarios.values()
            if "deflate" in s.get("parameters", {})
        ),
        None,
    )
    lines += [
        "",
        f"Server on cores {pinning.get('server_cores')}, generator on "
        f"{pinning.get('generator_cores')}"
        + (" (shared: both cores are the server's)." if pinning.get("shared") else ".")
        + f" Set-up {setup.get('prepare_s')} s, this setup's run {setup.get('took_s')} s."
        + {
            True: " Screens offer permessage-deflate, as browsers do",
            False: " Screens do not offer permessage-deflate (browsers do)",
            None: "",
        }[deflate]
        + {
            True: "; the server accepts it (so does the bare server).",
            False: "; the server declines it (so does the bare server).",
            None: ".",
        }[setup.get("deflate_accepted") if deflate else None],
        "",
        f"Server: `{setup.get('server_command', '—')}`.",
        "",
        _row(["metric", "target", "measured", "pass"]),
        _row(["---"] * 4),
    ]
    for target in setup.get("targets", []):
        lines.append(
            _row(
                [
                    target["metric"],
                    target["target"],
                    target["measured"],
                    _mark(target["pass"], target["note"]),
                ]
            )
        )
    every = {**scenarios, **setup.get("bare", {})}
    lines += ["", *_scenario_rows(every)]
    others = [_get(result, "usage", "other_cores") or 0 for result in every.values()]
    if others and max(others) > DISTURBED_CORES:
        lines += [
            "",
            f"**Disturbed:** other processes used up to {max(others):g} cores during these "
            "scenarios, so their figures are pessimistic; run again on a quiet machine.",
        ]
    sizes = _get(scenarios, "fanout-200", "messages_by_kind")
    if sizes:
        shown = ", ".join(
            f"{kind} {size['messages_per_screen']:g} × {size['mean_bytes']} bytes "
            f"({size['mean_wire_bytes']} on the wire)"
            for kind, size in sizes.items()
        )
        lines += ["", f"Messages per screen in fanout-200 (20 actions), and their size: {shown}."]
    page = _get(scenarios, "pages", "pages")
    if page:
        lines += [
            "",
            _row(["page", "p50", "p95", "bytes", "gzip bytes", "served gzip"]),
            _row(["---"] * 6),
        ]
        for page_name, timing in page.items():
            lines.append(
                _row(
                    [
                        page_name,
                        _ms(timing["p50_ms"]),
                        _ms(timing["p95_ms"]),
                        timing["bytes"],
                        timing["gzip_bytes"],
                        "yes" if timing["served_compressed"] else "no",
                    ]
                )
            )
    return lines


def markdown(results: dict[str, Any]) -> str:
    run = results["run"]
    machine = run["machine"]
    lines = [
        "# `make bench` results",
        "",
        f"Run {run['started']} on commit `{run['commit']}`: {machine['cores']} cores "
        f"({machine['cpu']}), {machine['memory_gib']} GiB, Python {machine['python']}, "
        f"{run.get('background_cores')} cores busy with other work at the start. "
        f"The whole run took {run.get('took_s')} s. "
        f"Options: `{run['options'] or '(none)'}`.",
        "",
        _columns(run["generator_limit"]),
    ]
    for name, setup in results["setups"].items():
        lines += _setup_lines(name, setup)
    if "splitter" in results:
        split = results["splitter"]
        lines += [
            "",
            f"Splitting a pasted resolution of {split['characters']:,} characters: "
            f"best {split['best_ms']} ms, median {split['median_ms']} ms of {split['runs']} "
            f"runs, peak {split['peak_kib']} KiB traced (target: median under "
            f"{split['target_ms']:.0f} ms).",
        ]
    if "report_export" in results:
        lines += _export_lines(results["report_export"])
    lines.append("")
    return "\n".join(lines)


EXPORT_COLUMNS = [
    "format",
    "language",
    "time",
    "first run",
    "traced peak",
    "RSS growth",
    "size",
    "target",
]


def _export_lines(result: dict[str, Any]) -> list[str]:
    """The section of `python -m bench.report_export`: one row per format and language."""
    lines = ["", "## Exporting the final report", ""]
    if "error" in result:
        return [*lines, f"Not measured: {result['error']}"]
    built = result["committee"]
    counts = built["counts"]
    lines += [
        f"A committee of {counts['delegations']} delegations, {counts['sessions']} sessions, "
        f"{counts['speeches']:,} speeches, {counts['motions']} motions and "
        f"{counts['draft_resolutions']} draft resolutions ({counts['questions']} questions put "
        f"to the vote, {counts['ballots']:,} ballots, {counts['events']:,} log events), built "
        f"in {built['build_s']} s on {result['database']} by `bench/big_committee.py`, then "
        f"exported in each format in a fresh process on {result['cores']} cores. *Time*: the "
        f"best of {result['runs']} runs of `export()` (one when the first took a minute or "
        "more; the first also imports the format's modules and loads its fonts, as the first "
        "export after a server starts does); "
        "*traced peak*: the peak of Python allocations (tracemalloc) in one more run; *RSS "
        "growth*: the process's peak resident memory less what it held before the first run, "
        f"which counts what WeasyPrint allocates in C. The whole group took {result['took_s']} s.",
        "",
        _row(EXPORT_COLUMNS),
        _row(["---"] * len(EXPORT_COLUMNS)),
    ]
    for row in result["exports"]:
        name = [row["format"], row["language"]]
        if "error" in row:
            lines.append(_row([*name, "error: " + row["error"].splitlines()[-1][:80], *[None] * 5]))
            continue
        if not row["available"]:
            lines.append(_row([*name, "not available", *[None] * 5]))
            continue
        target = "report"
        if "target_s" in row:
            target = f"{_mark(row['pass'], '')} (under {row['target_s']:g} s on 2 cores)"
        lines.append(
            _row(
                [
                    *name,
                    f"{row['best_s']} s",
                    f"{row['runs_s'][0]} s",
                    f"{row['traced_peak_mib']} MiB",
                    f"{row['rss_growth_mib']} MiB",
                    f"{row['bytes'] / 1e6:.2f} MB",
                    target,
                ]
            )
        )
    others = [row.get("other_cores") or 0 for row in result["exports"]]
    if others and max(others) > DISTURBED_CORES:
        lines += [
            "",
            f"**Disturbed:** other processes used up to {max(others):g} cores during these "
            "exports, so their times are pessimistic; run again on a quiet machine"
            + (
                " (PostgreSQL's own work counts among them)."
                if result["database"] == "postgresql"
                else "."
            ),
        ]
    for row in result["exports"]:
        if row.get("available") and row.get("steps"):
            steps = ", ".join(f"{step} {seconds} s" for step, seconds in row["steps"])
            lines += ["", f"Steps of the best {row['format']} ({row['language']}) run: {steps}."]
    return lines


# Where the time goes when a target is missed: written by hand from profiles of the server
# (py-spy) and kept beside the code, so every RESULTS.md carries it.
ANALYSIS = Path(__file__).with_name("ANALYSIS.md")


def write_markdown(path: Path, results: dict[str, Any]) -> None:
    text = markdown(results)
    if ANALYSIS.exists():
        text += "\n" + ANALYSIS.read_text()
    path.write_text(text)
