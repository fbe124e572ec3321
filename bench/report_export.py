"""How long exporting a big committee's final report takes in each format, and its memory.

python -m bench.report_export                  # SQLite in a temporary directory
python -m bench.report_export --runs 1         # one timed run per format instead of two
python -m bench.report_export --database-url postgres://postgres@127.0.0.1:5432/bench_export
python -m bench.report_export --into bench     # also add the section to bench/RESULTS.md

A process of its own migrates a throwaway database (SQLite in a temporary directory, or the
PostgreSQL database `--database-url` names, created empty and dropped afterwards) and builds
the committee of `bench/big_committee.py` in it: 193 delegations, 8 sessions, 2,000 speeches,
300 motions, 10 draft resolutions and their votes, and its log. Then each format of
`committee.report.export.FORMATS` (the PDF in English and in Chinese, the others in English)
is exported in a fresh process of its own, so that each memory figure is that export's alone:

* time: the wall clock of `export()`, best of `--runs` runs (one when the first took a minute
  or more); the first run also imports the format's modules and loads its fonts, as the first
  export after a server starts does;
* traced peak: the peak of Python allocations (tracemalloc) during one more run;
* RSS growth: the process's peak resident memory (getrusage) less what it held before the
  first run, which counts what WeasyPrint and its libraries allocate in C too;
* steps: how long each step `export()` reports took (reading the record, typesetting…).

A format whose module is not written yet (an ImportError) is reported "not available". The
target: the PDF in under 10 s on the 2-core machine. This process never imports Django, so
`make bench` runs it in its own process (scenario group `export`); `--into` adds this run's
figures to an existing results.json and writes RESULTS.md again from it.
"""

import argparse
import contextlib
import json
import logging
import os
import resource
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from bench import report
from bench.procstat import machine_busy_seconds
from bench.servers import ROOT, VAR_DIR, Setup, fresh_database, server_env

logger = logging.getLogger("bench.report_export")

RUNS = 2
# A run this long is not run again: a second one would tell nothing worth its time.
RUN_AGAIN_UNDER_S = 60.0
PDF_TARGET_S = 10.0
MIB = 2**20
# Languages each format is exported in: the PDF in both, as its fonts differ most.
LANGUAGES = {"pdf": ("en", "zh-hans")}
DEFAULT_LANGUAGES = ("en",)
CHILD_TIMEOUT_S = 900
# A fixed generation time: the same record gives the same file.
GENERATED_AT = datetime(2025, 4, 17, 18, 0, tzinfo=UTC)


# ---- the parent: builds, then exports each format in a process of its own --------------------


def measure(*, runs: int = RUNS, database_url: str = "") -> dict[str, Any]:
    """Build the committee in a throwaway database and export it in every format."""
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="bimun-report-export-") as scratch:
        directory = Path(scratch)
        try:
            with _database(database_url, directory) as url:
                env = _env(url, directory)
                built = _child(env, directory, "build")
                if "error" in built:
                    return {"error": built["error"], "took_s": _since(started)}
                exports = [
                    _child(
                        env,
                        directory,
                        "export",
                        *("--slug", built["slug"], "--format", kind),
                        *("--language", language, "--runs", str(runs)),
                    )
                    | {"format": kind, "language": language}
                    for kind in built["formats"]
                    for language in LANGUAGES.get(kind, DEFAULT_LANGUAGES)
                ]
        except Exception as error:  # the database could not be made: say so, go on
            logger.exception("report export bench failed")
            return {"error": f"{type(error).__name__}: {error}", "took_s": _since(started)}
    for row in exports:
        if row["format"] == "pdf":
            row["target_s"] = PDF_TARGET_S
            row["pass"] = row["best_s"] < PDF_TARGET_S if row.get("available") else None
    result = {
        "database": "postgresql" if database_url else "sqlite",
        "cores": os.cpu_count(),
        "runs": runs,
        "committee": built,
        "exports": exports,
        "took_s": _since(started),
    }
    for line in summary(result):
        logger.info("%s", line)
    return result


def _since(started: float) -> float:
    return round(time.perf_counter() - started, 1)


@contextlib.contextmanager
def _database(database_url: str, directory: Path) -> Iterator[str]:
    if not database_url:
        yield f"sqlite:///{directory / 'export.sqlite3'}"
        return
    with fresh_database(database_url):
        yield database_url


def _env(database_url: str, directory: Path) -> dict[str, str]:
    """The server's environment (the developer's own BIMUN_* settings and database do not leak
    in), with the throwaway database and a runtime directory of its own."""
    env = server_env(Setup("report-export", 1, database_url=database_url))
    env["BIMUN_VAR_DIR"] = str(directory)
    return env


def _child(env: dict[str, str], directory: Path, command: str, *args: str) -> dict[str, Any]:
    """Run `python -m bench.report_export <command>` and read what it wrote; its error (the
    end of its output) when it failed. `other_cores`: what every other process on the machine
    used meanwhile (above `report.DISTURBED_CORES` the figures are pessimistic)."""
    out = directory / f"{command}.json"
    out.unlink(missing_ok=True)
    log = directory / f"{command}.log"
    logger.info("report export: %s %s", command, " ".join(args))
    started, busy = time.perf_counter(), machine_busy_seconds()
    used = _children_cpu()
    with log.open("wb") as log_file:
        code = subprocess.run(
            [sys.executable, "-m", "bench.report_export", command, "--out", str(out), *args],
            cwd=ROOT,
            env=env,
            stdout=log_file,
            stderr=subprocess.STDOUT,
            timeout=CHILD_TIMEOUT_S,
            check=False,
        ).returncode
    others = machine_busy_seconds() - busy - (_children_cpu() - used)
    other_cores = round(max(0.0, others) / (time.perf_counter() - started), 2)
    if code != 0 or not out.exists():
        tail = log.read_text(errors="replace").strip().splitlines()[-12:]
        return {"error": f"{command} exited with {code}: " + "\n".join(tail)}
    return json.loads(out.read_text()) | {"other_cores": other_cores}


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def summary(result: dict[str, Any]) -> list[str]:
    """The run as log lines: what was built, then one line per export."""
    if "error" in result:
        return [f"report export: error: {result['error']}"]
    counts = result["committee"]["counts"]
    lines = [
        f"report export: committee built in {result['committee']['build_s']} s on "
        f"{result['database']}: "
        + ", ".join(f"{value:,} {name.replace('_', ' ')}" for name, value in counts.items())
    ]
    for row in result["exports"]:
        name = f"{row['format']} ({row['language']})"
        if "error" in row:
            lines.append(f"  {name}: error: {row['error'].splitlines()[-1]}")
        elif not row["available"]:
            lines.append(f"  {name}: not available ({row['reason']})")
        else:
            mark = {True: " [pass: under 10 s]", False: " [FAIL: 10 s or more]"}.get(
                row.get("pass"), ""
            )
            lines.append(
                f"  {name}: best {row['best_s']} s (first {row['runs_s'][0]} s), traced peak "
                f"{row['traced_peak_mib']} MiB, RSS growth {row['rss_growth_mib']} MiB, "
                f"{row['bytes']:,} bytes; other processes {row['other_cores']} cores{mark}"
            )
    return lines


# ---- the children -------------------------------------------------------------------------------


def _setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bimun.settings")
    import django

    django.setup()


def build_child(out: Path) -> None:
    from django.core.management import call_command
    from django.db import connection

    from bench import big_committee
    from committee.report.export import FORMATS

    started = time.perf_counter()
    call_command("migrate", "--no-input", verbosity=0)
    migrated = time.perf_counter()
    built = big_committee.build()
    out.write_text(
        json.dumps(
            {
                "slug": built.committee.slug,
                "counts": built.counts,
                "migrate_s": round(migrated - started, 1),
                "build_s": round(time.perf_counter() - migrated, 1),
                "formats": list(FORMATS),
                "database": connection.vendor,
            }
        )
    )


def export_child(out: Path, slug: str, kind: str, language: str, runs: int) -> None:
    from committee.models import Committee
    from committee.report.export import export

    committee = Committee.objects.get(slug=slug)
    rss_before = _current_rss()
    timings: list[float] = []
    steps: list[list[Any]] = []
    content = None
    while len(timings) < runs and sum(timings) < RUN_AGAIN_UNDER_S:
        marks: list[tuple[float, str]] = []

        def progress(done: int, total: int, step: str, marks: list = marks) -> None:
            marks.append((time.perf_counter(), step))

        started = time.perf_counter()
        try:
            exported = export(
                committee, kind, language=language, generated_at=GENERATED_AT, progress=progress
            )
        except ImportError as error:  # its module is not written yet
            out.write_text(json.dumps({"available": False, "reason": str(error)}))
            return
        ended = time.perf_counter()
        if not timings or ended - started < min(timings):
            steps = _steps(marks, ended)
        timings.append(ended - started)
        content = exported
    peak_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024  # KiB on Linux
    tracemalloc.start()
    export(committee, kind, language=language, generated_at=GENERATED_AT)
    traced_peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert content is not None
    out.write_text(
        json.dumps(
            {
                "available": True,
                "runs_s": [round(seconds, 2) for seconds in timings],
                "best_s": round(min(timings), 2),
                "traced_peak_mib": round(traced_peak / MIB, 1),
                "rss_growth_mib": round(max(0, peak_rss - rss_before) / MIB, 1),
                "peak_rss_mib": round(peak_rss / MIB, 1),
                "bytes": len(content.content),
                "filename": content.filename,
                "steps": steps,
            },
            ensure_ascii=False,
        )
    )


def _current_rss() -> int:
    """The resident memory of this process now, in bytes."""
    pages = int(Path("/proc/self/statm").read_text().split()[1])
    return pages * os.sysconf("SC_PAGE_SIZE")


def _steps(marks: list[tuple[float, str]], ended: float) -> list[list[Any]]:
    """Each step the export reported and how long it ran until the next one (or the end)."""
    ends = [at for at, _step in marks[1:]] + [ended]
    return [[step, round(end - at, 2)] for (at, step), end in zip(marks, ends, strict=True)]


# ---- the command line ---------------------------------------------------------------------------


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench.report_export", description=__doc__)
    parser.formatter_class = argparse.RawDescriptionHelpFormatter
    parser.add_argument("--runs", type=int, default=RUNS, help="timed runs per format")
    parser.add_argument(
        "--database-url",
        default="",
        help="a PostgreSQL database to create empty, use and drop (default: SQLite)",
    )
    parser.add_argument(
        "--json",
        type=Path,
        default=VAR_DIR / "report-export.json",
        help="where to write the figures",
    )
    parser.add_argument(
        "--into",
        type=Path,
        help="a directory with the results.json of `make bench`: add these figures to it and "
        "write its RESULTS.md again",
    )
    return parser.parse_args(argv)


def parse_child_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench.report_export")
    commands = parser.add_subparsers(dest="command", required=True)
    build = commands.add_parser("build", help="migrate and build the committee")
    build.add_argument("--out", type=Path, required=True)
    one = commands.add_parser("export", help="export the committee in one format, measured")
    one.add_argument("--out", type=Path, required=True)
    one.add_argument("--slug", required=True)
    one.add_argument("--format", required=True)
    one.add_argument("--language", required=True)
    one.add_argument("--runs", type=int, default=RUNS)
    return parser.parse_args(argv)


def add_to_results(directory: Path, result: dict[str, Any]) -> None:
    """Put this run into `make bench`'s results and write its RESULTS.md again (the other
    sections come out as they were: they are drawn from the same results.json)."""
    path = directory / "results.json"
    results = json.loads(path.read_text())
    results["report_export"] = result
    report.write_json(path, results)
    report.write_markdown(directory / "RESULTS.md", results)


def main(argv: list[str]) -> int:
    if argv and argv[0] in ("build", "export"):
        args = parse_child_args(argv)
        _setup_django()
        if args.command == "build":
            build_child(args.out)
        else:
            export_child(args.out, args.slug, args.format, args.language, args.runs)
        return 0
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s", datefmt="%H:%M:%S")
    args = parse_args(argv)
    result = measure(runs=args.runs, database_url=args.database_url)
    args.json.parent.mkdir(parents=True, exist_ok=True)
    report.write_json(args.json, result)
    logger.info("wrote %s", args.json)
    if args.into is not None:
        add_to_results(args.into, result)
        logger.info("wrote %s", args.into / "RESULTS.md")
    failed = "error" in result or any(
        "error" in row or row.get("pass") is False for row in result["exports"]
    )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
