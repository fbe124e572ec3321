"""The floor document as JSON: the one converter between the engine's floor values and the
committee's Floor row, and what a screen needs to count a timer down.

The document itself and its parts are engine values (``committee.procedure.floor``); cattrs
turns them into JSON and back, so a new engine field needs no code here.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

import cattrs

from committee.procedure.electorate import ElectorateSnapshot
from committee.procedure.floor import (
    FloorDoc,
)
from committee.procedure.timers import Timer


def _make_converter() -> cattrs.Converter:
    converter = cattrs.Converter()
    converter.register_unstructure_hook(datetime, lambda value: value.isoformat())
    converter.register_structure_hook(datetime, lambda value, _type: datetime.fromisoformat(value))
    converter.register_unstructure_hook(timedelta, lambda value: value.total_seconds())
    converter.register_structure_hook(timedelta, lambda value, _type: timedelta(seconds=value))
    # A set of ids in JSON: a sorted list, so the same set is always stored the same way.
    converter.register_unstructure_hook_func(
        lambda kind: kind is frozenset or getattr(kind, "__origin__", None) is frozenset,
        lambda value: sorted(value),
    )
    return converter


_converter = _make_converter()


def encode(doc: FloorDoc) -> dict[str, Any]:
    return _converter.unstructure(doc)


def decode(data: dict[str, Any]) -> FloorDoc:
    if not data:
        return FloorDoc()
    return _converter.structure(data, FloorDoc)


def encode_value(value: Any) -> Any:
    """Any engine value as JSON, e.g. for the facts of a log event."""
    return _converter.unstructure(value)


def decode_value(data: Any, value_type: type) -> Any:
    """An engine value of `value_type` back from its JSON."""
    return _converter.structure(data, value_type)


def decode_electorate(data: dict[str, Any]) -> ElectorateSnapshot | None:
    """Who may vote on a question, as its row keeps it; None when it keeps nobody."""
    return decode_value(data, ElectorateSnapshot) if data else None


def timer_attributes(timer: Timer | None, now: datetime) -> dict[str, Any]:
    """What a screen needs to count a timer down by itself (see static/js/live.js)."""
    if timer is None:
        return {"running": False, "deadline_ms": None, "remaining_ms": 0, "duration_ms": 0}
    remaining = (
        timer.remaining if timer.deadline is None else max(timer.deadline - now, timedelta())
    )
    return {
        "running": timer.deadline is not None,
        "deadline_ms": int(timer.deadline.timestamp() * 1000) if timer.deadline else None,
        "remaining_ms": int(remaining.total_seconds() * 1000),
        "duration_ms": int(timer.duration.total_seconds() * 1000),
    }
