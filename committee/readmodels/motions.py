"""What the motions panel shows.

What the rules decide ("the floor is open", which motions may be raised now, whether the last
ruling may be appealed) is asked of the engine (`committee.procedure.motions_floor`), as the
motions service does, so both see the same answer.
"""

from __future__ import annotations

import zlib
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import timedelta
from functools import cached_property
from typing import TYPE_CHECKING

from django.utils.translation import get_language, gettext

from committee.document_selectors import MotionPaper, MotionPapers, motion_papers
from committee.labels import motion_label
from committee.procedure import motions_floor
from committee.procedure.choices import MotionCode
from committee.procedure.electorate import VoteChoice
from committee.procedure.errors import ProcedureError
from committee.procedure.floor import (
    EFFECT_NOT_AUTOMATIC,
    FloorDoc,
    MotionOffer,
    MotionRuling,
    MotionVoteResult,
    PlacardVote,
)
from committee.procedure.motion_registry import MotionSpec, motion_registry
from committee.procedure.motions import (
    INTRODUCTIONS,
    PAPER_MOTIONS,
    Motion,
    MotionStatus,
    introducible,
    ordered_pending,
    recent_failure,
)
from committee.procedure.speeches import SpeechStage
from committee.procedure_messages import describe

if TYPE_CHECKING:
    from committee.models import Delegation
    from committee.selectors import FloorView

HISTORY_LENGTH = 8
# The projector lists this many waiting motions and counts the rest, so that the screen fits.
PROJECTOR_QUEUE_LENGTH = 4
RESULT_ON_SCREEN = timedelta(minutes=2)


def clock(seconds: int | None) -> str:
    """Seconds as m:ss, the same in every language ("10:00", "0:45")."""
    if seconds is None:
        return ""
    return f"{seconds // 60}:{seconds % 60:02d}"


def label(spec: MotionSpec) -> str:
    """The motion's name in the language being rendered."""
    return motion_label(spec.code)


@dataclass(frozen=True)
class MotionRow:
    """One motion as the screens show it."""

    motion: Motion
    spec: MotionSpec
    movers: tuple[Delegation, ...]
    seconder: Delegation | None
    failed_minutes_ago: int | None = None  # the same motion failed this long ago (§8.16)
    friendly_offer: MotionOffer | None = None  # the chair's change, waiting for the mover
    paper: MotionPaper | None = None  # the document or amendment the motion names

    @property
    def id(self) -> str:
        return self.motion.id

    @property
    def code(self) -> str:
        return self.motion.code.value

    @property
    def status(self) -> str:
        return self.motion.status.value

    @property
    def label(self) -> str:
        """The motion's name, with the paper it names: "Introduce a draft resolution: DR 1.2"."""
        if self.paper is None:
            return label(self.spec)
        # The separator is the language's own (full width in Chinese).
        return f"{label(self.spec)}{gettext(': ')}{self.paper.label}"

    @property
    def takes_no_vote(self) -> bool:
        """Carried when the chair rules it in order in its turn (an introduction)."""
        return self.spec.threshold is None

    @property
    def total(self) -> str:
        return clock(self.motion.total_seconds)

    @property
    def speaker(self) -> str:
        return clock(self.motion.speaker_seconds)

    @property
    def topic(self) -> str:
        return self.motion.topic or ""

    @property
    def needs_second(self) -> bool:
        return self.spec.needs_second and self.motion.seconder is None

    @property
    def mover_ids(self) -> tuple[str, ...]:
        return self.motion.movers


@dataclass(frozen=True)
class OfferRow:
    """A suggested change the mover has not answered yet."""

    offer: MotionOffer
    spec: MotionSpec
    mover: Delegation | None

    @property
    def label(self) -> str:
        return label(self.spec)

    @property
    def motion_id(self) -> str:
        return self.offer.motion.id

    @property
    def changes(self) -> list[tuple[str, str, str]]:
        """(what, from, to) for each changed value; "what" is a key the templates name."""
        before, after = self.offer.motion, self.offer.suggestion
        rows = []
        if before.total_seconds != after.total_seconds:
            rows.append(("total", clock(before.total_seconds), clock(after.total_seconds)))
        if before.speaker_seconds != after.speaker_seconds:
            rows.append(("speaker", clock(before.speaker_seconds), clock(after.speaker_seconds)))
        if (before.topic or "") != (after.topic or ""):
            rows.append(("topic", before.topic or "", after.topic or ""))
        return rows


class MotionsPanel:
    def __init__(self, view: FloorView) -> None:
        self.view = view
        self.doc: FloorDoc = view.doc
        self.registry: Mapping[MotionCode, MotionSpec] = motion_registry(view.params)

    # ---- rows ------------------------------------------------------------------------------

    def _delegation(self, key: str | None) -> Delegation | None:
        return self.view.delegation_of(key)

    def _row(self, motion: Motion) -> MotionRow:
        movers = tuple(d for d in (self._delegation(k) for k in motion.movers) if d is not None)
        failed = None
        if motion.status is MotionStatus.PENDING:
            ago = recent_failure(self.doc.motions.motions, motion, self.view.now)
            failed = int(ago.total_seconds() // 60) if ago is not None else None
        friendly = next(
            (o for o in self.doc.motion_offers if o.friendly and o.motion.id == motion.id), None
        )
        return MotionRow(
            motion=motion,
            spec=self.registry[motion.code],
            movers=movers,
            seconder=self._delegation(motion.seconder),
            failed_minutes_ago=failed,
            friendly_offer=friendly,
            paper=self.papers.by_target.get(motion.target or "")
            if motion.code in PAPER_MOTIONS
            else None,
        )

    @cached_property
    def papers(self) -> MotionPapers:
        """The committee's papers as motions name them, read from the documents view."""
        return motion_papers(self.view.documents)

    @cached_property
    def queue(self) -> list[MotionRow]:
        """Pending motions, in the order they are voted (precedence, then tie-breaks)."""
        return [self._row(m) for m in ordered_pending(self.view.params, self.doc.motions)]

    @property
    def projector_queue(self) -> list[MotionRow]:
        """The first motions of the queue, as many as the projector has room for."""
        return self.queue[:PROJECTOR_QUEUE_LENGTH]

    @property
    def projector_queue_more(self) -> int:
        """How many waiting motions the projector does not list."""
        return max(len(self.queue) - PROJECTOR_QUEUE_LENGTH, 0)

    @property
    def top(self) -> MotionRow | None:
        """The motion "put to a vote" would take, when no vote is running."""
        if self.doc.vote is not None or not self.queue:
            return None
        return self.queue[0]

    @cached_property
    def history(self) -> list[MotionRow]:
        decided = [
            m
            for m in self.doc.motions.motions
            if m.status not in (MotionStatus.PENDING, MotionStatus.VOTING)
        ]
        return [self._row(m) for m in reversed(decided)][:HISTORY_LENGTH]

    @cached_property
    def offers(self) -> list[OfferRow]:
        """Motions over the caps, waiting for their mover to accept the capped values."""
        return [
            OfferRow(offer, self.registry[offer.motion.code], self._delegation(offer.motion.mover))
            for offer in self.doc.motion_offers
            if not offer.friendly
        ]

    # ---- the vote (a phone vote's ballots and electorate: the view's rows, read once) ---

    @property
    def vote(self) -> PlacardVote | None:
        return self.doc.vote

    @cached_property
    def voting(self) -> MotionRow | None:
        vote = self.doc.vote
        if vote is None:
            return None
        return self._row(self.doc.motions.get(vote.motion_id))

    @property
    def electorate_size(self) -> int:
        vote = self.doc.vote
        return vote.electorate_size if vote else 0

    @property
    def votes_cast(self) -> int:
        return len(self.view.phone_ballots)

    @property
    def votes_missing(self) -> int:
        return max(self.electorate_size - self.votes_cast, 0)

    @cached_property
    def tally_yes(self) -> int:
        return sum(1 for b in self.view.phone_ballots.values() if b.choice == VoteChoice.YES)

    @cached_property
    def tally_no(self) -> int:
        return sum(1 for b in self.view.phone_ballots.values() if b.choice == VoteChoice.NO)

    @cached_property
    def may_vote(self) -> dict[str, bool]:
        """By delegation id: in the electorate of the phone vote running now."""
        electorate = self.view.phone_electorate
        if electorate is None:
            return {}
        return dict.fromkeys(electorate.ids, True)

    @cached_property
    def not_voted(self) -> list[Delegation]:
        """Roll order: who may vote in the phone vote running now and has not voted yet, so
        the dais can enter the votes of delegations without a working phone."""
        electorate = self.view.phone_electorate
        if electorate is None:
            return []
        waiting = set(electorate.ids) - self.view.phone_ballots.keys()
        return [d for d in self.view.delegations if str(d.pk) in waiting]

    @property
    def votes_entered_by_dais(self) -> int:
        return sum(1 for b in self.view.phone_ballots.values() if b.entered_by_dais)

    @cached_property
    def ballot_of(self) -> dict[str, str]:
        """By delegation id: its vote in the phone vote running now ("yes" / "no")."""
        return {key: ballot.choice for key, ballot in self.view.phone_ballots.items()}

    @property
    def result(self) -> MotionVoteResult | None:
        return self.doc.motion_result

    @cached_property
    def result_row(self) -> MotionRow | None:
        result = self.doc.motion_result
        if result is None:
            return None
        try:
            return self._row(self.doc.motions.get(result.motion_id))
        except ProcedureError:
            return None  # a new session started since

    @property
    def result_effect_error(self) -> str:
        result = self.doc.motion_result
        if result is None or not result.effect_error:
            return ""
        code = result.effect_error.get("code")
        if code is None or code == EFFECT_NOT_AUTOMATIC:
            # (No code: a result stored before refusals were kept as codes.)
            return gettext("This motion is not carried out automatically yet: apply it by hand.")
        facts = dict(result.effect_error.get("facts", {}))
        for key in ("delegation", "expected"):
            name = self.view.delegation_name(facts.get(key))
            if name:
                facts[key] = name
        return describe(ProcedureError(code, **facts), get_language() or "en")

    # ---- rulings and appeals ---------------------------------------------------------------

    @property
    def ruling(self) -> MotionRuling | None:
        return self.doc.motion_ruling

    @cached_property
    def ruling_row(self) -> MotionRow | None:
        ruling = self.doc.motion_ruling
        if ruling is None:
            return None
        return self._row(self.doc.motions.get(ruling.motion_id))

    @property
    def ruling_appealable(self) -> bool:
        """The last ruling is in force and the profile lets delegates appeal it."""
        return motions_floor.ruling_appealable(self.doc, self.view.params)

    # ---- raising ---------------------------------------------------------------------------

    @property
    def labels(self) -> dict[str, str]:
        """Every motion's name by code, in the page's language (for the action log)."""
        return {code.value: label(spec) for code, spec in self.registry.items()}

    @property
    def floor_open(self) -> bool:
        return motions_floor.floor_is_open(self.doc)

    @cached_property
    def raisable(self) -> tuple[MotionCode, ...]:
        """What a delegation in the room may raise now (the phones show it to those present;
        the dais enters motions for them)."""
        return motions_floor.available_motions(
            self.doc, self.view.params, documents=self.papers.engine
        )

    @cached_property
    def paper_choices(self) -> dict[str, list[MotionPaper]]:
        """By motion code: the papers its form offers to name (a document to introduce, an
        introduced one for a Q&A session), as the screening would accept them now."""
        papers = self.papers
        context = motions_floor.motion_context(self.doc, documents=papers.engine)
        listed = [
            *papers.draft_resolutions,
            *papers.working_papers,
            *papers.amendments,
            *papers.introduced,
        ]
        choices: dict[str, list[MotionPaper]] = {}
        for code in self.raisable:
            if code in INTRODUCTIONS:
                allowed = introducible(context, code)
            elif code is MotionCode.QA_SESSION:
                allowed = context.introduced
            else:
                continue
            choices[code.value] = [paper for paper in listed if paper.target in allowed]
        return choices

    @property
    def raise_options(self) -> list[tuple[str, str]]:
        """(code, label in the page's language) for every motion that can be raised now."""
        return [(code.value, label(self.registry[code])) for code in self.raisable]

    @property
    def _choices_named(self) -> tuple[str, ...]:
        """The motions to choose from, and the papers each may name."""
        named = [
            f"{code}={','.join(paper.target for paper in papers)}"
            for code, papers in self.paper_choices.items()
        ]
        return (*self.raisable, *named)

    @property
    def raisable_key(self) -> str:
        """Changes when the motions (or the papers) to choose from change: names the raise
        forms, so a form kept while someone types (hx-preserve) is replaced once out of date."""
        return str(zlib.crc32(" ".join(self._choices_named).encode()))

    @property
    def dais_raisable_key(self) -> str:
        """As `raisable_key`, and also when the delegations the dais chooses a mover from
        change (a phone's form names no delegation, so it is not replaced then)."""
        present = sorted(self.doc.present_ids())
        return str(zlib.crc32(" ".join((*self._choices_named, *present)).encode()))

    @cached_property
    def fields(self) -> dict[str, list[str]]:
        """By motion code: the fields its form asks for."""
        return {
            code.value: [arg.value for arg in spec.params_schema]
            for code, spec in self.registry.items()
        }

    @property
    def present_delegations(self) -> list[Delegation]:
        """Roll order: who the dais may enter a motion for, or record as seconder."""
        present = self.doc.present_ids()
        return [d for d in self.view.delegations if str(d.pk) in present]

    # ---- per delegation (keyed by str(pk)) -------------------------------------------------

    @cached_property
    def own_motions(self) -> dict[str, list[MotionRow]]:
        """Pending motions the delegation moved (it may withdraw them)."""
        mine: dict[str, list[MotionRow]] = {}
        for row in self.queue:
            for key in row.mover_ids:
                mine.setdefault(key, []).append(row)
        return mine

    @cached_property
    def own_offers(self) -> dict[str, list[OfferRow]]:
        """Suggested changes waiting for this delegation, as the mover, to answer."""
        mine: dict[str, list[OfferRow]] = {}
        for offer in self.doc.motion_offers:
            row = OfferRow(offer, self.registry[offer.motion.code], None)
            mine.setdefault(offer.motion.mover, []).append(row)
        return mine

    @cached_property
    def secondable(self) -> dict[str, list[MotionRow]]:
        """Motions still waiting for a second that this delegation (present, not a mover) may
        second."""
        waiting = [row for row in self.queue if row.needs_second]
        return {
            key: [row for row in waiting if key not in row.mover_ids]
            for key in self.doc.present_ids()
        }

    @cached_property
    def is_present(self) -> dict[str, bool]:
        return dict.fromkeys(self.doc.present_ids(), True)

    # ---- what shows where ------------------------------------------------------------------

    @property
    def shown(self) -> bool:
        """The dais panel: whenever a session is open."""
        return self.view.in_session or bool(self.doc.motions.motions)

    @property
    def result_recent(self) -> bool:
        """A result from the last couple of minutes, for the room to read."""
        result = self.doc.motion_result
        if result is None or self.result_row is None or self.doc.vote is not None:
            return False
        return self.view.now - result.decided_at < RESULT_ON_SCREEN

    @property
    def on_screen(self) -> bool:
        """The projector shows motions while a vote runs or motions wait on the floor, and a
        result for a short while unless a speech or a caucus has taken the floor since."""
        if self.doc.vote is not None or self.queue or self.offers:
            return True
        busy = (self.doc.speech is not None and self.doc.speech.stage is not SpeechStage.ENDED) or (
            self.doc.caucus is not None and not self.doc.caucus.ended
        )
        return self.result_recent and not busy
