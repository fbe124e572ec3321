"""What one floor action changed in the floor document, stored once per event.

A change is a list of steps `{"path": [...], "old": value, "new": value}`, one per value that
differs; "old" is missing when the value was added and "new" when it was removed. Objects are
compared key by key and lists of the same length item by item, so marking one delegation
present stores that one mark, not the whole roster. The same change played forwards rebuilds
the floor (verify_log), and played backwards is what undo needs.
"""

from __future__ import annotations

from typing import Any

Path = list[str | int]
Step = dict[str, Any]


def diff(old: Any, new: Any) -> list[Step]:
    steps: list[Step] = []
    _diff_into(steps, [], old, new)
    return steps


def _diff_into(steps: list[Step], path: Path, old: Any, new: Any) -> None:
    if type(old) is type(new) and old == new:
        return
    if isinstance(old, dict) and isinstance(new, dict):
        for key in [*old, *(key for key in new if key not in old)]:
            if key not in new:
                steps.append({"path": [*path, key], "old": old[key]})
            elif key not in old:
                steps.append({"path": [*path, key], "new": new[key]})
            else:
                _diff_into(steps, [*path, key], old[key], new[key])
        return
    if isinstance(old, list) and isinstance(new, list) and len(old) == len(new):
        for index, (old_item, new_item) in enumerate(zip(old, new, strict=True)):
            _diff_into(steps, [*path, index], old_item, new_item)
        return
    steps.append({"path": path, "old": old, "new": new})


class ChangeDoesNotApply(Exception):
    """The document is not in the state the change starts from (or, backwards, ends at)."""


def apply(document: Any, steps: list[Step]) -> Any:
    """The document after the change; the document itself is left as it was."""
    return _play(document, steps, source="old", target="new")


def revert(document: Any, steps: list[Step]) -> Any:
    """The document before the change, from the document right after it."""
    return _play(document, list(reversed(steps)), source="new", target="old")


_MISSING = object()


def _play(document: Any, steps: list[Step], *, source: str, target: str) -> Any:
    root = {"": _copy(document)}
    for step in steps:
        path = ["", *step["path"]]
        container = root
        for key in path[:-1]:
            container = _child(container, key)
        last = path[-1]
        current = _get(container, last)
        if current != step.get(source, _MISSING):
            raise ChangeDoesNotApply(f"at {step['path']!r}")
        if target in step:
            container[last] = _copy(step[target])
        else:
            del container[last]
    return root[""]


def _child(container: Any, key: str | int) -> Any:
    try:
        return container[key]
    except (KeyError, IndexError, TypeError):
        raise ChangeDoesNotApply(f"no {key!r} in the document") from None


def _get(container: Any, key: str | int) -> Any:
    try:
        return container[key]
    except (KeyError, IndexError):
        return _MISSING
    except TypeError:
        raise ChangeDoesNotApply(f"no {key!r} in the document") from None


def _copy(value: Any) -> Any:
    if isinstance(value, dict):
        return {key: _copy(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_copy(item) for item in value]
    return value
