"""conventions.md "The rules engine is pure": no Django, no app imports, no clock."""

from __future__ import annotations

import ast
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
