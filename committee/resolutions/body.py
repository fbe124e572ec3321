"""A document's text as stored: checked, trimmed, and every clause given a stable id.

The stored body is `{"preambular": [{"id", "text"}], "operative": [{"id", "text",
"children": [...]}]}`. An editor sends back the ids of the clauses it loaded and none for
the clauses it added; `check_body` keeps known ids, gives new clauses ids never used in the
document before (so an amendment aimed at a struck clause can never hit a new one), and
refuses what the format does not allow, with a message in the reader's language.
"""

from __future__ import annotations

from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from committee.procedure.clauses import MAX_DEPTH

CLAUSE_TEXT_MAX = 2000
MAX_CLAUSES = 400
PARTS = ("preambular", "operative")


class BodyError(ValueError):
    """The text cannot be stored as it is; `message` says why, in the reader's language."""

    def __init__(self, message: Promise | str) -> None:
        super().__init__(str(message))
        self.message = message


def check_body(
    body: Any,
    *,
    keep_ids_of: dict[str, Any] | None = None,
    taken: set[str] | frozenset[str] = frozenset(),
    same_structure: bool = False,
) -> dict[str, Any]:
    """The body cleaned and with ids, or a BodyError. `keep_ids_of` is the stored version the
    editor started from: only its ids are kept. With `same_structure`, the clauses must be the
    same ones in the same places (a Director's correction changes words only). `taken` are
    the ids used before (struck clauses, clauses amendments propose): never given again."""
    if not isinstance(body, dict):
        raise BodyError(_("The text could not be read."))
    known = _ids(keep_ids_of) if keep_ids_of else set()
    counter = [_highest_number(known | set(taken))]
    fresh_ids: list[str] = []

    def fresh() -> str:
        counter[0] += 1
        new_id = f"c{counter[0]}"
        fresh_ids.append(new_id)
        return new_id

    seen: set[str] = set()
    count = [0]

    def clean(items: Any, depth: int, part: str) -> list[dict[str, Any]]:
        if not isinstance(items, list):
            raise BodyError(_("The text could not be read."))
        out = []
        for item in items:
            if not isinstance(item, dict) or not isinstance(item.get("text", ""), str):
                raise BodyError(_("The text could not be read."))
            count[0] += 1
            if count[0] > MAX_CLAUSES:
                raise BodyError(
                    _("A document may have at most %(limit)s clauses.") % {"limit": MAX_CLAUSES}
                )
            text = " ".join(item.get("text", "").split())
            if not text:
                raise BodyError(_("A clause is empty: write its text or remove it."))
            if len(text) > CLAUSE_TEXT_MAX:
                raise BodyError(
                    _("A clause may be at most %(limit)s characters long.")
                    % {"limit": CLAUSE_TEXT_MAX}
                )
            if depth > MAX_DEPTH:
                raise BodyError(
                    _("Sub-clauses may be nested at most %(limit)s levels deep.")
                    % {"limit": MAX_DEPTH}
                )
            clause_id = item.get("id")
            if not isinstance(clause_id, str) or clause_id not in known or clause_id in seen:
                clause_id = fresh()
            seen.add(clause_id)
            cleaned: dict[str, Any] = {"id": clause_id, "text": text}
            children = item.get("children") or []
            if part == "preambular":
                if children:
                    raise BodyError(_("Preambular clauses have no sub-clauses."))
            else:
                cleaned["children"] = clean(children, depth + 1, part)
            out.append(cleaned)
        return out

    cleaned_body = {part: clean(body.get(part) or [], 1, part) for part in PARTS}
    if not cleaned_body["preambular"] and not cleaned_body["operative"]:
        raise BodyError(_("The document has no clauses yet."))
    if same_structure and keep_ids_of is not None and _shape(cleaned_body) != _shape(keep_ids_of):
        raise BodyError(
            _("A correction may change words only: clauses cannot be added, removed or moved.")
        )
    return cleaned_body


def same_text(one: dict[str, Any], other: dict[str, Any]) -> bool:
    """The same clauses with the same words in the same places, ids aside."""
    return _texts(one) == _texts(other)


def clause_ids(body: dict[str, Any] | None) -> set[str]:
    return _ids(body) if body else set()


def _walk(items: list[dict[str, Any]]) -> Any:
    for item in items:
        yield item
        yield from _walk(item.get("children") or [])


def _ids(body: dict[str, Any]) -> set[str]:
    return {
        str(item.get("id"))
        for part in PARTS
        for item in _walk(body.get(part) or [])
        if item.get("id")
    }


def _highest_number(ids: set[str]) -> int:
    return max((int(i[1:]) for i in ids if i[1:].isdigit()), default=0)


def _shape(body: dict[str, Any]) -> Any:
    def shape(items: list[dict[str, Any]]) -> Any:
        return [(item.get("id"), shape(item.get("children") or [])) for item in items]

    return [shape(body.get(part) or []) for part in PARTS]


def _texts(body: dict[str, Any]) -> Any:
    def texts(items: Any) -> Any:
        if not isinstance(items, list):
            return None
        return [
            (" ".join(str(item.get("text", "")).split()), texts(item.get("children") or []))
            for item in items
            if isinstance(item, dict)
        ]

    return [texts(body.get(part) or []) for part in PARTS] if isinstance(body, dict) else None
