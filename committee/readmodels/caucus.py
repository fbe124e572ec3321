"""What the caucus panel shows: on the dais, the projector and the phones.

Everything is derived from the floor document FloorView has already loaded; nothing here
queries the database. Per-delegation values are dicts keyed by the delegation's id as text,
for the `lookup` template filter.
"""

from __future__ import annotations

from datetime import datetime
from functools import cached_property
from typing import TYPE_CHECKING, Any

from committee.floor import timer_attributes
from committee.procedure import caucus_floor
from committee.procedure import caucuses as rules
from committee.procedure.caucuses import Caucus, CaucusEndReason, CaucusKind
from committee.procedure.choices import MoverChoice
from committee.procedure.timers import Timer, remaining

if TYPE_CHECKING:
    from committee.models import Delegation
    from committee.selectors import FloorView

# What a delegation's placard is doing, for its phone (see placard_state).
PLACARD_ABSENT = "absent"
PLACARD_DOWN = "down"
PLACARD_RAISED = "raised"
PLACARD_SPEAKING = "speaking"
PLACARD_MOVER_SILENT = "mover_not_speaking"  # the mover chose not to speak
NEXT_SPEAKERS_SHOWN = 3


def timer_with_label(timer: Timer | None, now: datetime) -> dict[str, Any]:
    """timer_attributes plus the "m:ss" text shown before live.js takes over the countdown."""
    attributes = timer_attributes(timer, now)
    whole_seconds = -(-attributes["remaining_ms"] // 1000)  # round up, as live.js does
    attributes["label"] = f"{whole_seconds // 60}:{whole_seconds % 60:02d}"
    return attributes


class CaucusPanel:
    def __init__(self, view: FloorView) -> None:
        self.view = view

    # ---- which caucus, and is it running -----------------------------------------------------

    @property
    def caucus(self) -> Caucus | None:
        return self.view.doc.caucus

    @property
    def running(self) -> bool:
        return caucus_floor.is_running(self.view.doc)

    @property
    def just_ended(self) -> bool:
        """Ended, and a motion to extend it may still follow (§2.5)."""
        return caucus_floor.just_ended(self.view.doc)

    @property
    def visible(self) -> bool:
        """The dais panel shows while a caucus runs and just after it ended."""
        return self.running or self.just_ended

    @property
    def on_screen(self) -> bool:
        """The projector shows the caucus while it runs."""
        return self.running

    @property
    def kind(self) -> str:
        return self.caucus.kind.value if self.caucus else ""

    @property
    def has_speakers(self) -> bool:
        """Moderated caucuses and round robins have speakers; unmoderated ones do not."""
        return self.caucus is not None and self.caucus.kind is not CaucusKind.UNMODERATED

    @property
    def is_moderated(self) -> bool:
        return self.caucus is not None and self.caucus.kind is CaucusKind.MODERATED

    @property
    def is_unmoderated(self) -> bool:
        return self.caucus is not None and self.caucus.kind is CaucusKind.UNMODERATED

    @property
    def topic(self) -> str:
        return self.caucus.topic if self.caucus else ""

    @property
    def mover(self) -> Delegation | None:
        return self.view.delegation_of(self.caucus.mover) if self.caucus else None

    # ---- clocks ------------------------------------------------------------------------------

    @cached_property
    def total_timer(self) -> dict[str, Any]:
        return timer_with_label(self.caucus.total if self.caucus else None, self.view.now)

    @cached_property
    def slot_timer(self) -> dict[str, Any]:
        return timer_with_label(self.caucus.slot if self.caucus else None, self.view.now)

    @property
    def paused(self) -> bool:
        return self.running and self.caucus is not None and not self.caucus.total.running

    @property
    def waits_for_speech(self) -> bool:
        """A right of reply is being made: nobody is recognised and the clocks stay stopped."""
        return caucus_floor.waits_for_speech(self.view.doc)

    @property
    def held(self) -> bool:
        """Paused while a speech outside the caucus (a right of reply) is made."""
        return self.paused and self.caucus is not None and self.caucus.held

    @property
    def total_minutes(self) -> str:
        """The length the caucus has now, extensions included, as "m:ss"."""
        if self.caucus is None:
            return ""
        whole = int(self.caucus.total.duration.total_seconds())
        return f"{whole // 60}:{whole % 60:02d}"

    @property
    def return_by(self) -> datetime | None:
        """Unmoderated caucus: when the committee comes back (None while paused)."""
        if not self.running or self.caucus is None:
            return None
        return rules.return_by(self.caucus)

    @cached_property
    def due_reason(self) -> CaucusEndReason | None:
        return caucus_floor.due_end_reason(self.view.doc, self.view.params, self.view.now)

    @property
    def due(self) -> bool:
        """Time is up (or less than a slot remains): the next caucus action ends it (§8.9)."""
        return self.due_reason is not None

    @property
    def time_up(self) -> bool:
        return self.due_reason is CaucusEndReason.TIME_UP

    @property
    def remainder_warning(self) -> bool:
        """The chair decides (prompt_chair) and less than one slot is left: say so."""
        return caucus_floor.remainder_warning(self.view.doc, self.view.params, self.view.now)

    @property
    def ended_at(self) -> datetime | None:
        return self.caucus.ended_at if self.caucus else None

    # ---- speakers ----------------------------------------------------------------------------

    @property
    def current_speaker(self) -> Delegation | None:
        return self.view.delegation_of(self.caucus.current) if self.caucus else None

    @property
    def spoken(self) -> list[Delegation]:
        if self.caucus is None:
            return []
        return [d for d in map(self.view.delegation_of, self.caucus.spoken) if d is not None]

    @cached_property
    def raised(self) -> list[Delegation]:
        """The raised placards, in the order they went up."""
        found = map(self.view.delegation_of, self.view.doc.raised_placards)
        return [d for d in found if d is not None]

    @cached_property
    def present_delegations(self) -> list[Delegation]:
        """Whom the chair may recognise without a raised placard on a phone, in roll order."""
        present = self.view.doc.present_ids()
        current = self.caucus.current if self.caucus else None
        return [d for d in self.view.delegations if str(d.pk) in present and str(d.pk) != current]

    @cached_property
    def required_speaker(self) -> Delegation | None:
        """Who must speak next: the mover first or last, or the round robin's next."""
        required = caucus_floor.required_speaker(self.view.doc, self.view.now)
        return self.view.delegation_of(required)

    @property
    def next_to_recognise(self) -> Delegation | None:
        """What the k key recognises: the required speaker, else the first raised placard."""
        if self.required_speaker is not None:
            return self.required_speaker
        return self.raised[0] if self.raised else None

    @cached_property
    def next_speakers(self) -> list[Delegation]:
        """Who speaks next, for the phones: the required speaker, then the raised placards."""
        if not self.running or self.due or not self.has_speakers:
            return []
        upcoming = [self.required_speaker] if self.required_speaker is not None else []
        upcoming += [d for d in self.raised if d not in upcoming]
        return upcoming[:NEXT_SPEAKERS_SHOWN]

    @property
    def mover_choice(self) -> str:
        choice = self.caucus.mover_choice if self.caucus else None
        return choice.value if choice else ""

    @property
    def mover_choices(self) -> list[str]:
        """What the mover may still pick, while the profile lets the mover choose (§2.3)."""
        return [c.value for c in caucus_floor.mover_choices(self.view.doc, self.view.params)]

    @property
    def remaining_seconds(self) -> int:
        if self.caucus is None:
            return 0
        return int(remaining(self.caucus.total, self.view.now).total_seconds())

    # ---- extensions (§2.5) -------------------------------------------------------------------

    @property
    def extensions_used(self) -> int:
        return self.caucus.extensions_used if self.caucus else 0

    @property
    def extensions_allowed(self) -> int:
        return self.view.params.max_extensions_per_caucus

    @property
    def may_be_extended(self) -> bool:
        return self.caucus is not None and rules.may_be_extended(self.view.params, self.caucus)

    @property
    def longest_extension_seconds(self) -> int:
        if self.caucus is None:
            return 0
        return rules.longest_extension_seconds(self.view.params, self.caucus)

    # ---- per delegation, for the phones --------------------------------------------------------

    @cached_property
    def placard_state(self) -> dict[str, str]:
        """Each delegation's placard in a moderated caucus (the PLACARD_* values above)."""
        if not self.is_moderated or not self.running or self.due or self.caucus is None:
            return {}
        present = self.view.doc.present_ids()
        raised = set(self.view.doc.raised_placards)
        states = {}
        for delegation in self.view.delegations:
            key = str(delegation.pk)
            if key == self.caucus.current:
                states[key] = PLACARD_SPEAKING
            elif key in raised:
                states[key] = PLACARD_RAISED
            elif key == self.caucus.mover and self.caucus.mover_choice is MoverChoice.NOT_SPEAKING:
                states[key] = PLACARD_MOVER_SILENT
            elif key in present:
                states[key] = PLACARD_DOWN
            else:
                states[key] = PLACARD_ABSENT
        return states

    @cached_property
    def queue_position(self) -> dict[str, int]:
        return {key: place for place, key in enumerate(self.view.doc.raised_placards, start=1)}

    @cached_property
    def mover_id(self) -> str:
        return self.caucus.mover if self.caucus else ""
