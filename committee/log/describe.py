"""The one place a log event becomes a sentence, in the reader's language.

The dais log, the projector and the report all call `describe_event()`. Each area of the floor
writes its sentences in `committee/log/sentences/<area>.py`: a function per kind that takes the
kind's typed payload and a `Names` (delegations by id, named in the active language) and
returns the sentence. Nothing is translated when the event is written; only here.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, ClassVar

from cattrs.errors import BaseValidationError
from django.utils import translation
from django.utils.translation import gettext as _

from committee.floor import decode_value
from committee.procedure.facts import PAYLOAD_TYPES, EventKind, payload_type

logger = logging.getLogger(__name__)

Sentence = Callable[[Any, "Names"], str]


@dataclass(frozen=True)
class Names:
    """Delegations by id, each named in the language active when the sentence is written."""

    # A template hands it to {% event_sentence %} as it is, instead of calling it.
    do_not_call_in_templates: ClassVar[bool] = True

    delegations: Mapping[int, Any]

    def __call__(self, delegation_id: int | str | None) -> str:
        if delegation_id is None:
            return ""
        delegation = self.delegations.get(int(delegation_id))
        return delegation.display_name() if delegation is not None else _("a former delegation")

    def join(self, delegation_ids: Any) -> str:
        from committee.wording import join_names

        return join_names(self(key) for key in delegation_ids)

    @classmethod
    def of_committee(cls, committee_id: int) -> Names:
        from committee.models import Delegation

        return cls({d.pk: d for d in Delegation.objects.filter(committee_id=committee_id)})


def _sentences() -> dict[EventKind, Sentence]:
    from committee.log.sentences import SENTENCES

    return SENTENCES


def describe_event(event: Any, language: str | None = None, names: Names | None = None) -> str:
    """The event's sentence in `language` (the active language when None)."""
    names = names if names is not None else Names.of_committee(event.committee_id)
    if language is None:
        return _describe(event, names)
    with translation.override(language):
        return _describe(event, names)


def _describe(event: Any, names: Names) -> str:
    kind = EventKind(event.kind)
    sentence = _sentences()[kind]
    try:
        payload = decode_value(event.payload, payload_type(kind))
    except (BaseValidationError, KeyError, TypeError, ValueError):
        # An event logged before the log was typed: its facts had another shape.
        logger.info("Event %s of %s predates its typed payload", event.seq, kind)
        return _("(an earlier record of this action)")
    if kind is EventKind.UNDO:
        # Repeat what was taken back, so the log says what the undo did.
        undone = _describe(event.undoes, names) if event.undoes_id else ""
        return sentence(payload, names) % {"action": undone}
    return sentence(payload, names)


def has_sentence(kind: EventKind) -> bool:
    return kind in _sentences() and kind in PAYLOAD_TYPES


__all__ = ["Names", "describe_event", "has_sentence"]
