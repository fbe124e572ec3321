"""How long splitting the longest paste the form accepts takes, and the memory it needs.

python -m bench.splitter

Builds a paste of close to `MAX_CHARACTERS` from the sample resolutions the tests use (an
English and a Chinese one, their clauses repeated and renumbered, with sub-clauses
and sub-sub-clauses), splits it `RUNS` times and logs one line: best and median time, and the
peak of memory traced during one split. The target: well under a second.
"""

import logging
import re
import statistics
import sys
import time
import tracemalloc
from pathlib import Path
from typing import Any

from committee.resolutions.splitter import MAX_CHARACTERS, split_resolution

logger = logging.getLogger("bench.splitter")

RUNS = 20
TARGET_MS = 1000.0
SAMPLES = Path(__file__).resolve().parent.parent / "tests/committee/resolutions/texts"
NUMBER = re.compile(r"[0-9０-９]+[.．]\s*")
OPENING_ENDS = ("Operations,", "委员会，")


def _clauses(name: str) -> tuple[list[str], list[str]]:
    """The sample's preamble lines (after the committee's opening line) and its operative
    lines (from the first number on, without what follows the last one)."""
    lines = SAMPLES.joinpath(name).read_text(encoding="utf-8").splitlines()
    numbered = [i for i, line in enumerate(lines) if NUMBER.match(line)]
    opening = next(i for i, line in enumerate(lines) if line.endswith(OPENING_ENDS))
    preamble = [line for line in lines[opening + 1 : numbered[0]] if line]
    return preamble, [line for line in lines[numbered[0] : numbered[-1] + 1] if line]


def paste(limit: int = MAX_CHARACTERS) -> str:
    """A long resolution, as a delegate pastes it, of at most `limit` characters."""
    english_preamble, english_operative = _clauses("en_heading_sponsors.txt")
    chinese_preamble, chinese_operative = _clauses("zh_fullwidth_brackets.txt")
    preamble = (english_preamble + chinese_preamble) * 4
    body = english_operative + chinese_operative
    parts = ["The Special Committee on Peacekeeping Operations,", "", *preamble, ""]
    size = sum(len(part) + 1 for part in parts)
    number = 0
    while True:
        block = []
        for line in body:
            marker = NUMBER.match(line)
            if marker:
                number += 1
                line = f"{number}. {line[marker.end() :]}"
            block.append(line)
        block_size = sum(len(line) + 1 for line in block)
        if size + block_size > limit:
            return "\n".join(parts)
        parts += block
        size += block_size


def measure(runs: int = RUNS) -> dict[str, Any]:
    text = paste()
    result = split_resolution(text)  # warm up, and the size of what was split
    timings = []
    for _ in range(runs):
        started = time.perf_counter()
        split_resolution(text)
        timings.append((time.perf_counter() - started) * 1000)
    tracemalloc.start()
    try:
        split_resolution(text)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    median = statistics.median(timings)
    return {
        "characters": len(text),
        "lines": text.count("\n") + 1,
        "clauses": len(result.preambular) + len(result.operative),
        "runs": runs,
        "best_ms": round(min(timings), 2),
        "median_ms": round(median, 2),
        "peak_kib": round(peak / 1024),
        "target_ms": TARGET_MS,
        "pass": median < TARGET_MS,
    }


def summary(result: dict[str, Any]) -> str:
    mark = "pass" if result["pass"] else "FAIL"
    return (
        f"splitter: {result['characters']:,} characters ({result['clauses']} clauses) "
        f"best {result['best_ms']} ms, median {result['median_ms']} ms of {result['runs']}, "
        f"peak {result['peak_kib']} KiB [{mark}: median under {result['target_ms']:.0f} ms]"
    )


def main() -> dict[str, Any]:
    result = measure()
    logger.info("%s", summary(result))
    return result


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s", datefmt="%H:%M:%S")
    sys.exit(0 if main()["pass"] else 1)
