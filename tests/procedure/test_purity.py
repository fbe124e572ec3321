"""conventions.md "The rules engine is pure": no Django, no app imports, no clock."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import committee.procedure as engine

FORBIDDEN = ("django", "channels", "bimun", "delegates", "committee.")
SOURCES = sorted(Path(engine.__file__).parent.glob("*.py"))


def imported_modules(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module)
    return names


def test_the_engine_imports_only_the_standard_library_and_itself() -> None:
    assert len(SOURCES) > 10
    for path in SOURCES:
        bad = {m for m in imported_modules(path) if m.startswith(FORBIDDEN) or m == "committee"}
        assert not bad, (path.name, bad)


def test_the_engine_never_reads_the_clock() -> None:
    for path in SOURCES:
        text = path.read_text(encoding="utf-8")
        for call in ("datetime.now(", ".utcnow(", "time.time(", "time.monotonic(", "date.today("):
            assert call not in text, (path.name, call)


def test_modules_stay_small() -> None:
    """One idea per module; none over ~600 lines."""
    for path in SOURCES:
        assert len(path.read_text(encoding="utf-8").splitlines()) <= 600, path.name


def test_the_engine_holds_no_chinese_text() -> None:
    """The engine speaks in codes; the words for people are translated outside it."""
    han = re.compile(r"[\u4e00-\u9fff]")
    texts = [p for p in Path(engine.__file__).parent.rglob("*") if p.suffix in {".py", ".md"}]
    assert len(texts) > 10
    for path in texts:
        found = han.findall(path.read_text(encoding="utf-8"))
        assert not found, (path.name, "".join(found[:20]))
