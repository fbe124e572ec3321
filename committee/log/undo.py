"""Which event undo takes back next, and how the rows an action wrote are taken back.

Undo works like a stack: it takes back the newest event that is neither an undo nor undone
already, so pressing it again goes one more step back. It stops at anything that cannot be
undone safely: a delegation's own action (a ballot, a placard), and actions marked not
undoable (opening or closing a session).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any

from django.apps import apps
from django.core.exceptions import ObjectDoesNotExist
from django.db import models

from committee.procedure.facts import EventKind
from committee.procedure.facts.documents import PAYLOADS as DOCUMENT_PAYLOADS

# Events about documents change rows, not the floor: the dais's undo passes over them (a
# document has its own ways back: taking a paper back, withdrawing a signature).
RECORD_KINDS = frozenset(DOCUMENT_PAYLOADS)


def is_undone(event: Any) -> bool:
    try:
        return event.undone_by is not None
    except ObjectDoesNotExist:
        return False


def newest_live_event(events_newest_first: Iterable[Any]) -> Any | None:
    """The newest event that is neither an undo nor undone: what undo would take back."""
    for event in events_newest_first:
        if event.kind == EventKind.UNDO or event.kind in RECORD_KINDS or is_undone(event):
            continue
        return event
    return None


def dais_may_undo(event: Any) -> bool:
    return event.undoable and event.actor_user_id is not None


def next_to_undo(events_newest_first: Iterable[Any]) -> Any | None:
    event = newest_live_event(events_newest_first)
    return event if event is not None and dais_may_undo(event) else None


def _json_value(value: Any) -> Any:
    return value.isoformat() if isinstance(value, datetime) else value


def row_created(instance: models.Model) -> dict[str, Any]:
    return {"model": instance._meta.label_lower, "pk": instance.pk, "created": True}


def row_updated(instance: models.Model, old_values: dict[str, Any]) -> dict[str, Any]:
    return {
        "model": instance._meta.label_lower,
        "pk": instance.pk,
        "old": {name: _json_value(value) for name, value in old_values.items()},
    }


def take_back_rows(rows: list[dict[str, Any]]) -> None:
    """Delete what an action created and restore what it changed, newest first."""
    for row in reversed(rows):
        model = apps.get_model(row["model"])
        if row.get("created"):
            model.objects.filter(pk=row["pk"]).delete()
            continue
        instance = model.objects.get(pk=row["pk"])
        for attname, value in row["old"].items():
            field = next(f for f in model._meta.concrete_fields if f.attname == attname)
            setattr(instance, attname, field.to_python(value))
        instance.save(update_fields=list(row["old"]))
