"""`make bench`: run the scenarios against each setup and write the results.

python -m bench                                  # every scenario, both setups
python -m bench --setup embedded --only fanout   # a quick look at one thing
"""

import argparse
import asyncio
import contextlib
import datetime
import json
import logging
import os
import platform
import resource
import shlex
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from bench import report, report_export, scenarios, splitter
from bench.load import close_screens, sign_in
from bench.procstat import ProcessGroup, machine_busy_seconds
from bench.servers import (
    ROOT,
    VAR_DIR,
    Pinning,
    Setup,
    app_server,
    bare_server,
    fresh_database,
    fresh_sqlite,
    postgres_answers,
    redis_answers,
    run_prepare,
    serve_compresses,
)

logger = logging.getLogger("bench")

BENCH_DIR = Path(__file__).resolve().parent
GROUPS = ("connect", "pages", "fanout", "vote", "conference", "bare", "export")
CHAIR_PASSWORD = "bench-chair-password-7d41"
DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/bench"
DEFAULT_REDIS_URL = "redis://127.0.0.1:6379/14"
SOCKETS_NEEDED = 8000


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.split("\n")[0])
    parser.add_argument(
        "--setup",
        choices=("all", "embedded", "production"),
        default="all",
        help="embedded: SQLite, in-memory layer, 1 worker; production: PostgreSQL, Redis, "
        "2 workers (run when both answer)",
    )
    parser.add_argument(
        "--only",
        default=",".join(GROUPS),
        help=f"comma-separated scenario groups among {', '.join(GROUPS)} "
        "(fanout and connect bring their bare counterparts)",
    )
    parser.add_argument(
        "--no-deflate",
        action="store_true",
        help="screens do not offer permessage-deflate (browsers do)",
    )
    parser.add_argument("--database-url", default=DEFAULT_DATABASE_URL)
    parser.add_argument("--redis-url", default=DEFAULT_REDIS_URL)
    parser.add_argument("--workers", type=int, default=2, help="workers of the production setup")
    parser.add_argument("--out", type=Path, default=BENCH_DIR)
    args = parser.parse_args(argv)
    args.groups = {group.strip() for group in args.only.split(",") if group.strip()}
    unknown = args.groups - set(GROUPS)
    if unknown:
        parser.error(f"unknown scenario groups: {', '.join(sorted(unknown))}")
    return args


def machine() -> dict[str, Any]:
    cpu = platform.processor() or ""
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return {
        "cores": os.cpu_count(),
        "cpu": cpu,
        "memory_gib": round(memory, 1),
        "python": platform.python_version(),
        "platform": platform.platform(),
    }


def commit() -> str:
    try:
        described = subprocess.run(
            ["git", "describe", "--always", "--dirty"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        )
    except (OSError, subprocess.CalledProcessError):
        return "unknown"
    return described.stdout.strip()


def raise_file_limit() -> None:
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    wanted = SOCKETS_NEEDED if hard == resource.RLIM_INFINITY else min(hard, SOCKETS_NEEDED)
    if soft < wanted:
        resource.setrlimit(resource.RLIMIT_NOFILE, (wanted, hard))


async def timed(
    results: dict[str, Any], name: str, scenario: Any, *args: Any, **kwargs: Any
) -> Any:
    """Run one scenario, keep its result (or its error) and how long it took."""
    logger.info("  %s …", name)
    started = time.perf_counter()
    try:
        outcome = await scenario(*args, **kwargs)
    except Exception as error:
        logger.exception("  %s failed", name)
        outcome = {"error": f"{type(error).__name__}: {error}"}
    result, extra = outcome if isinstance(outcome, tuple) else (outcome, None)
    result["took_s"] = round(time.perf_counter() - started, 1)
    results[name] = result
    logger.info("  %s: %s s", name, result["took_s"])
    return extra


async def app_scenarios(target: scenarios.Target, groups: set[str]) -> dict[str, Any]:
    results: dict[str, Any] = {}
    if "connect" in groups:
        # First, on a fresh server: the memory freed by later scenarios would hide the cost.
        specs = scenarios.projector_specs(target, scenarios.CONNECT_STORM_SCREENS)
        await timed(results, "connect-3000", scenarios.connect_storm, target, specs)
    if "pages" in groups:
        await timed(results, "pages", scenarios.pages, target)
    if "fanout" in groups:
        fast = {"interval": scenarios.FAST_INTERVAL, "actions": scenarios.FAST_ACTIONS}
        slow = {"interval": scenarios.SLOW_INTERVAL, "actions": scenarios.SLOW_ACTIONS}
        for name, screens, pace in (
            ("fanout-50", 50, fast),
            ("fanout-200-slow", 200, slow),
            ("fanout-200", 200, fast),
            ("fanout-1000", 1000, fast),
        ):
            # The pushes of this one give the bare server its fragment.
            watch = scenarios.LastPush if name == "fanout-200" else None
            room = await timed(
                results, name, scenarios.app_fanout, target, screens, **pace, watch=watch
            )
            if room is not None:
                if name == "fanout-200":
                    results["fanout-200"]["bare_fragments"] = scenarios.typical_pushes(room)
                await close_screens(room.screens)
    if "vote" in groups:
        await timed(results, "vote-storm", scenarios.vote_storm, target)
    if "conference" in groups:
        await timed(results, "conference", scenarios.conference, target)
    return results


async def bare_scenarios(
    pinning: Pinning, groups: set[str], fragments: dict[str, str], *, deflate: bool
) -> dict[str, Any]:
    """The bare floor, with the same screens, the same fragments and the same compression as
    the app's (deflate: whether the app's server accepted it)."""
    results: dict[str, Any] = {}
    fragments_path = None
    if fragments:
        fragments_path = VAR_DIR / "fragments.json"
        fragments_path.write_text(json.dumps(fragments))
    sizes = {kind: len(fragment.encode()) for kind, fragment in fragments.items()}
    used = {"source": "pushes of the app" if fragments else "stand-in", "bytes": sizes}
    async with bare_server(pinning, fragments_path, deflate=deflate) as server:
        target = scenarios.Target(server, deflate, ProcessGroup([]))
        if groups & {"connect", "bare"}:
            specs = scenarios.bare_screens(0, 0, scenarios.CONNECT_STORM_SCREENS)
            await timed(results, "bare-connect-3000", scenarios.connect_storm, target, specs)
        if groups & {"fanout", "bare"}:
            for screens in scenarios.FANOUT_MIX:
                name = f"bare-{screens}"
                await timed(results, name, scenarios.bare_fanout, target, screens)
                if "parameters" in results[name]:
                    results[name]["parameters"]["fragments"] = used
    return results


async def run_setup(setup: Setup, args: argparse.Namespace, cores: set[int]) -> dict[str, Any]:
    pinning = Pinning.for_workers(setup.workers, cores)
    pinning.pin_generator()
    outcome: dict[str, Any] = {"setup": setup.describe(), "pinning": pinning.describe()}
    started = time.perf_counter()
    app_groups = args.groups - {"bare", "export"}
    fragments: dict[str, str] = {}
    if app_groups:
        plan_path = VAR_DIR / f"{setup.name}-plan.json"
        prepare_started = time.perf_counter()
        conference = "20" if "conference" in app_groups else "0"
        await run_prepare(
            *(setup, "setup", "--out", str(plan_path), "--password", CHAIR_PASSWORD),
            *("--conference", conference),
        )
        outcome["prepare_s"] = round(time.perf_counter() - prepare_started, 1)
        plan = json.loads(plan_path.read_text())
        # Every PostgreSQL and Redis process of the machine, the app's among them.
        services = ProcessGroup([], ("postgres", "redis-server") if setup.redis_url else ())

        async def ballots(slug: str) -> dict[str, Any]:
            out = VAR_DIR / f"{setup.name}-ballots.json"
            await run_prepare(setup, "ballots", "--slug", slug, "--out", str(out))
            return json.loads(out.read_text())

        async with app_server(setup, pinning) as server:
            target = scenarios.Target(
                server, not args.no_deflate, services, plan=plan, ballots=ballots
            )
            chair = target.client()
            await sign_in(chair, plan["urls"]["login"], plan["chair"]["username"], CHAIR_PASSWORD)
            target.chair_cookies = chair.cookies
            outcome["server_command"] = shlex.join(server.process.args)
            outcome["deflate_accepted"] = await warm_up(target)
            outcome["scenarios"] = await app_scenarios(target, app_groups)
        fragments = outcome["scenarios"].get("fanout-200", {}).pop("bare_fragments", {})
    if args.groups & {"fanout", "connect", "bare"}:
        offered = not args.no_deflate
        deflate = outcome.get("deflate_accepted", offered and serve_compresses())
        outcome["bare"] = await bare_scenarios(pinning, args.groups, fragments, deflate=deflate)
    outcome["targets"] = report.judge(outcome.get("scenarios", {}), outcome.get("bare", {}))
    outcome["took_s"] = round(time.perf_counter() - started, 1)
    return outcome


async def warm_up(target: scenarios.Target) -> bool:
    """Load every template and code path once, so the first scenario does not pay for it.
    Whether the server compresses websocket messages for a screen that offers it."""
    assert target.plan is not None
    committee = target.plan["committees"]["fanout"]
    await target.client(target.chair_cookies).get(committee["urls"]["dais"])
    await target.client().get(committee["urls"]["projector"])
    specs = scenarios.projector_specs(target, 1)
    room, connect = await target.connect(specs)
    await close_screens(room.screens)
    return bool(connect["deflate_accepted"])


def setups(args: argparse.Namespace) -> list[tuple[Setup, str]]:
    """The setups to run, each with the reason it cannot run ('' when it can)."""
    if not args.groups - {"export"}:
        return []  # the export group needs no server
    chosen = []
    if args.setup in ("all", "embedded"):
        chosen.append((Setup("embedded", 1), ""))
    if args.setup in ("all", "production"):
        production = Setup("production", args.workers, args.database_url, args.redis_url)
        reason = ""
        if not postgres_answers(args.database_url):
            reason = f"PostgreSQL does not answer ({args.database_url})"
        elif not redis_answers(args.redis_url):
            reason = f"Redis does not answer ({args.redis_url})"
        chosen.append((production, reason))
    return chosen


async def background_cores(seconds: float = 1.0) -> float:
    """How many cores other work keeps busy before the bench starts anything."""
    before = machine_busy_seconds()
    await asyncio.sleep(seconds)
    return round((machine_busy_seconds() - before) / seconds, 2)


async def main(args: argparse.Namespace) -> dict[str, Any]:
    raise_file_limit()
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    cores = os.sched_getaffinity(0)  # before any setup pins this process to one of them
    busy = await background_cores()
    if busy > report.DISTURBED_CORES:
        logger.warning("other work keeps %s cores busy: the figures will be pessimistic", busy)
    started = time.perf_counter()
    results: dict[str, Any] = {
        "run": {
            "started": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
            "commit": commit(),
            "machine": machine(),
            "options": " ".join(sys.argv[1:]),
            "generator_limit": scenarios.GENERATOR_LIMIT,
            "background_cores": busy,
        },
        "setups": {},
    }
    # Not a server scenario: the paste-in splitter alone, in this process.
    results["splitter"] = splitter.main()
    if "export" in args.groups:
        # Nor this: the final report of a big committee, exported in processes of its own.
        results["report_export"] = report_export.measure()
    for setup, reason in setups(args):
        logger.info("%s setup", setup.name)
        if reason:
            logger.warning("%s setup skipped: %s", setup.name, reason)
            results["setups"][setup.name] = {
                "setup": setup.describe(),
                "skipped": reason,
            }
            continue
        if setup.database_url:
            with fresh_database(setup.database_url):
                results["setups"][setup.name] = await run_setup(setup, args, cores)
        else:
            fresh_sqlite()
            results["setups"][setup.name] = await run_setup(setup, args, cores)
        results["run"]["took_s"] = round(time.perf_counter() - started, 1)
        write(results, args.out)
    results["run"]["took_s"] = round(time.perf_counter() - started, 1)
    write(results, args.out)
    return results


def write(results: dict[str, Any], out: Path) -> None:
    report.write_json(out / "results.json", results)
    report.write_markdown(out / "RESULTS.md", results)


def run() -> int:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s", datefmt="%H:%M:%S")
    args = parse_args(sys.argv[1:])
    try:
        import uvloop
    except ImportError:
        results = asyncio.run(main(args))
    else:
        results = uvloop.run(main(args))
    for name, setup in results["setups"].items():
        for target in setup.get("targets", []):
            mark = {True: "pass", False: "FAIL", None: target["note"] or "report"}[target["pass"]]
            logger.info("%s %s: %s [%s]", name, target["id"], target["measured"], mark)
    logger.info("took %s s; wrote %s", results["run"]["took_s"], args.out / "RESULTS.md")
    return 0


if __name__ == "__main__":
    sys.exit(run())
