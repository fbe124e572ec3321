"""What the points panel (dais) and the phone's points actions show.

Everything is derived from the floor document the FloorView has loaded, and asks the rules
engine which points are in order now, so the phone offers only what the dais will accept.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from functools import cached_property
from typing import TYPE_CHECKING

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from committee.labels import GROUND_TITLES, POINT_TITLES
from committee.models import Delegation
from committee.procedure import appeals_floor, points_floor
from committee.procedure.choices import PointKind, RorGround
from committee.procedure.errors import ProcedureError
from committee.procedure.floor import PendingPoint, PendingReply
from committee.procedure.phases import Phase
from committee.procedure.points import Admission, Point, admit_point, sort_points
from committee.procedure.reply import ReplyTiming, request_reply
from committee.procedure.rulings import RulingState

if TYPE_CHECKING:
    from committee.selectors import FloorView

# The phone's "I can't hear the speaker": the one personal privilege that may interrupt (§4).
AUDIBILITY_CHOICE = "audibility"
AUDIBILITY_LABEL = _("Personal privilege: I can't hear the speaker")
CONDUCT_OF_VOTE_LABEL = _("Point of order on the conduct of the vote")


@dataclass(frozen=True)
class PointRow:
    """One pending point, as the dais and the raising phone see it."""

    seq: int
    delegation_id: str
    delegation: Delegation | None
    kind: str
    label: str | Promise
    text: str
    raised_at: datetime
    interrupting: bool
    waiting: bool  # queued, and the speaker still has the floor
    is_order: bool
    to_speaker: bool = False  # a point of information: waits to be recognised as a question


@dataclass(frozen=True)
class ReplyRow:
    delegation_id: str
    delegation: Delegation | None
    against: Delegation | None
    ground_label: str | Promise
    seconds: int
    raised_at: datetime
    granted: bool | None
    end_of_day: bool


@dataclass(frozen=True)
class RulingRow:
    """The chair's ruling on a delegation's point of order, as its phone and the dais show it."""

    decision: str  # well_taken, not_well_taken or out_of_order
    note: str
    made_at: datetime
    ruling_id: str = ""  # what an appeal names
    state: str = RulingState.IN_FORCE.value  # in force, under appeal, upheld or overturned
    appealable: bool = False  # may be appealed now (the engine decides)
    delegation: Delegation | None = None  # whose point it was


@dataclass(frozen=True)
class PointChoice:
    """A button on the phone: a point that is in order right now."""

    value: str  # what the phone posts as "point"
    label: str | Promise
    interrupts: bool
    waits: bool
    conduct_of_vote: bool = False
    to_speaker: bool = False  # a point of information to the speaker


@dataclass(frozen=True)
class GroundChoice:
    value: str
    label: str | Promise


class PointsPanel:
    def __init__(self, view: FloorView) -> None:
        self.view = view
        self.doc = view.doc

    # ---- the dais ------------------------------------------------------------------------

    @cached_property
    def speaker_has_floor(self) -> bool:
        return points_floor.speaker_has_floor(self.doc)

    def _point_row(self, pending: PendingPoint) -> PointRow:
        point = pending.point
        if point.audibility:
            label: str | Promise = AUDIBILITY_LABEL
        elif point.about_conduct_of_vote:
            label = CONDUCT_OF_VOTE_LABEL
        else:
            label = POINT_TITLES[point.kind]
        return PointRow(
            seq=point.seq,
            delegation_id=point.delegation,
            delegation=self.view.delegation_of(point.delegation),
            kind=point.kind.value,
            label=label,
            text=pending.text,
            raised_at=pending.raised_at,
            interrupting=pending.admission is Admission.INTERRUPT,
            waiting=pending.admission is Admission.QUEUED and self.speaker_has_floor,
            is_order=point.kind is PointKind.ORDER,
            to_speaker=point.kind is PointKind.INFORMATION_TO_SPEAKER,
        )

    @cached_property
    def points(self) -> list[PointRow]:
        """Pending points, highest priority first, then in the order raised."""
        by_seq = {pending.point.seq: pending for pending in self.doc.points}
        ordered = sort_points(pending.point for pending in self.doc.points)
        return [self._point_row(by_seq[point.seq]) for point in ordered]

    @property
    def top_point(self) -> PointRow | None:
        return self.points[0] if self.points else None

    def _reply_row(self, pending: PendingReply) -> ReplyRow:
        request = pending.request
        return ReplyRow(
            delegation_id=request.requester,
            delegation=self.view.delegation_of(request.requester),
            against=self.view.delegation_of(request.against_speech_by),
            ground_label=GROUND_TITLES[request.ground],
            seconds=request.seconds,
            raised_at=pending.raised_at,
            granted=pending.granted,
            end_of_day=request.timing is ReplyTiming.END_OF_DAY,
        )

    @cached_property
    def replies(self) -> list[ReplyRow]:
        return [self._reply_row(pending) for pending in self.doc.replies]

    @property
    def replies_requested(self) -> list[ReplyRow]:
        return [row for row in self.replies if row.granted is None]

    @property
    def replies_granted(self) -> list[ReplyRow]:
        return [row for row in self.replies if row.granted]

    @property
    def floor_is_free(self) -> bool:
        return not self.speaker_has_floor

    @cached_property
    def reply_on_floor(self) -> Delegation | None:
        """The delegation making a right of reply now, for "Right of reply: X"."""
        holder = points_floor.reply_on_floor(self.doc)
        return self.view.delegation_of(holder) if holder is not None else None

    @cached_property
    def offer_resume(self) -> bool:
        """A point stopped the speaker's clocks and they are still stopped."""
        return points_floor.speaker_waits_to_resume(self.doc)

    @property
    def has_business(self) -> bool:
        return bool(self.points or self.replies or self.offer_resume or self.reply_on_floor)

    # ---- the phone ------------------------------------------------------------------------

    def _candidates(self) -> list[tuple[str, str | Promise, Point]]:
        """Every button the phone could show: (posted value, label, the point it raises)."""
        audibility = Point(PointKind.PERSONAL_PRIVILEGE, "", 0, audibility=True)
        candidates: list[tuple[str, str | Promise, Point]] = [
            (AUDIBILITY_CHOICE, AUDIBILITY_LABEL, audibility)
        ]
        for kind in PointKind:
            if kind is PointKind.ORDER and self.doc.phase is Phase.VOTING_PROCEDURE:
                conduct = Point(kind, "", 0, about_conduct_of_vote=True)
                candidates.append((kind.value, CONDUCT_OF_VOTE_LABEL, conduct))
            else:
                candidates.append((kind.value, POINT_TITLES[kind], Point(kind, "", 0)))
        return candidates

    @cached_property
    def point_choices(self) -> list[PointChoice]:
        """The points the engine would admit now, each with what it would do to the speaker."""
        context = points_floor.point_context(self.doc)
        choices = []
        for value, label, point in self._candidates():
            try:
                admission = admit_point(self.view.params, context, point)
            except ProcedureError:
                continue
            choices.append(
                PointChoice(
                    value=value,
                    label=label,
                    interrupts=admission is Admission.INTERRUPT,
                    waits=admission is Admission.QUEUED,
                    conduct_of_vote=point.about_conduct_of_vote,
                    to_speaker=point.kind is PointKind.INFORMATION_TO_SPEAKER,
                )
            )
        return choices

    @cached_property
    def point_choices_for(self) -> dict[str, list[PointChoice]]:
        """Each delegation's buttons, by str(pk): the points in order now, but a point of
        information to the speaker for the speaker itself."""
        speech = points_floor.speech_on_floor(self.doc)
        holder = speech.holder if speech is not None else None
        everyone = self.point_choices
        without = [choice for choice in everyone if not choice.to_speaker]
        return {
            str(d.pk): without if str(d.pk) == holder else everyone for d in self.view.delegations
        }

    @cached_property
    def reply_grounds(self) -> list[GroundChoice]:
        """The grounds the profile's scope accepts (the engine decides, with stand-in ids)."""
        grounds = []
        for ground in RorGround:
            try:
                request_reply(self.view.params, "requester", "speaker", ground)
            except ProcedureError:
                continue
            grounds.append(GroundChoice(ground.value, GROUND_TITLES[ground]))
        return grounds

    @property
    def replies_enabled(self) -> bool:
        return self.view.params.ror_enabled and bool(self.reply_grounds)

    @cached_property
    def last_speaker_id(self) -> str | None:
        """Who spoke last (or speaks now): the likely target of a right of reply."""
        speech = self.doc.speech
        return speech.holder if speech is not None else None

    @cached_property
    def may_act(self) -> dict[str, bool]:
        """Delegations that may raise a point or ask for a reply: present, in a sitting."""
        allowed = points_floor.who_may_raise(self.doc)
        return {key: key in allowed for key in self.doc.attendance}

    @cached_property
    def reply_candidates(self) -> list[Delegation]:
        """The delegations a right of reply may name: those present. Every phone shares the
        one list (its own delegation is left out on the phone)."""
        present = self.doc.present_ids()
        return [d for d in self.view.delegations if str(d.pk) in present]

    @cached_property
    def may_name_in_reply(self) -> dict[str, bool]:
        """For each delegation: whether another delegation is present for it to name."""
        present = self.doc.present_ids()
        return {str(d.pk): bool(present - {str(d.pk)}) for d in self.view.delegations}

    @cached_property
    def own_point(self) -> dict[str, PointRow]:
        return {row.delegation_id: row for row in self.points}

    @cached_property
    def own_reply(self) -> dict[str, ReplyRow]:
        return {row.delegation_id: row for row in self.replies}

    @cached_property
    def rulings(self) -> dict[str, RulingRow]:
        """The chair's rulings on points of order the floor keeps, by ruling id, each with
        whether it may be appealed now (asked of the engine, as the appeal is)."""
        return {
            ruled.ruling.id: RulingRow(
                decision=ruled.ruling.decision,
                note=ruled.note,
                made_at=ruled.ruling.made_at,
                ruling_id=ruled.ruling.id,
                state=ruled.ruling.state.value,
                appealable=appeals_floor.point_ruling_appealable(self.doc, self.view.params, ruled),
                delegation=self.view.delegation_of(ruled.point.delegation),
            )
            for ruled in self.doc.point_rulings
        }

    @cached_property
    def own_ruling(self) -> dict[str, RulingRow]:
        """The chair's latest ruling on each delegation's point of order, for its phone."""
        return {
            ruled.point.delegation: self.rulings[ruled.ruling.id]
            for ruled in self.doc.point_rulings
        }

    @property
    def appealable_ruling(self) -> RulingRow | None:
        """The ruling on a point of order that may be appealed now, for the dais to record the
        appeal of a delegation without a working phone."""
        return next((row for row in self.rulings.values() if row.appealable), None)
