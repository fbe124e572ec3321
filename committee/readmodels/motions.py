"""What the motions panel shows.

What the rules decide ("the floor is open", which motions may be raised now, whether the last
ruling may be appealed) is asked of the engine (`committee.procedure.motions_floor`), as the
motions service does, so both see the same answer.
"""

from __future__ import annotations

import zlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import timedelta
from functools import cached_property
from typing import TYPE_CHECKING, Any

from django.utils.translation import get_language, gettext, ngettext

from committee.document_selectors import MotionPaper, MotionPapers, motion_papers
from committee.labels import motion_label
from committee.procedure import motions_floor
from committee.procedure.choices import MotionCode
from committee.procedure.clauses import numbering, walk
from committee.procedure.division import divisible
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
from committee.procedure.parameters import Parameters
from committee.procedure.speeches import SpeechStage
from committee.procedure.voting_motions import NAMING_DRAFTS, ON_A_DRAFT
from committee.procedure_messages import describe
from committee.resolutions.layout import body_to_resolution
from committee.wording import join_names, separator

if TYPE_CHECKING:
    from committee.models import Delegation
    from committee.selectors import FloorView

HISTORY_LENGTH = 8
# The projector lists this many waiting motions and counts the rest, so that the screen fits.
PROJECTOR_QUEUE_LENGTH = 4
RESULT_ON_SCREEN = timedelta(minutes=2)
# A clause offered for a division is named by its number and its first words.
CLAUSE_WORDS = 4
CLAUSE_CHARACTERS = 40
# The motions whose form names a paper: those to introduce one, a Q&A, those on drafts in voting.
NAMING_PAPERS = PAPER_MOTIONS | ON_A_DRAFT


def clock(seconds: int | None) -> str:
    """Seconds as m:ss, the same in every language ("10:00", "0:45")."""
    if seconds is None:
        return ""
    return f"{seconds // 60}:{seconds % 60:02d}"


def label(spec: MotionSpec) -> str:
    """The motion's name in the language being rendered."""
    return motion_label(spec.code)


def first_words(text: str) -> str:
    """The start of a clause, to recognise it by: its first few words, cut short."""
    words = text.split()
    short = " ".join(words[:CLAUSE_WORDS])
    if len(short) > CLAUSE_CHARACTERS:
        short = short[:CLAUSE_CHARACTERS].rstrip()
    return short if short == " ".join(words) else f"{short} …"


@dataclass(frozen=True)
class DraftChoices:
    """What the voting-procedure motions may name now, as the raise form checks it: the drafts
    in voting, in the order of voting, and by draft the clauses a division of it may name."""

    drafts: tuple[str, ...] = ()
    divisible: Mapping[str, frozenset[str]] = field(default_factory=dict)


def draft_choices(doc: FloorDoc, params: Parameters) -> DraftChoices:
    voting = doc.voting
    if voting is None:
        return DraftChoices()
    return DraftChoices(
        voting.dr_order,
        {dr.dr_id: divisible(params, dr.operative, dr.subclauses) for dr in voting.drs},
    )


@dataclass(frozen=True)
class RaiseChoices:
    """What the raise form for one motion offers to name, and what is chosen. `targets` are
    (value, label) of the papers or drafts it may name; a division offers the chosen draft's
    clauses (`parts`, `checked`), a reorder every draft in voting at each place (`places`:
    (place, the draft chosen there))."""

    targets: list[tuple[str, str]] = field(default_factory=list)
    target: str = ""
    names_draft: bool = False  # the target is a draft in voting
    parts: list[tuple[str, str]] = field(default_factory=list)
    checked: frozenset[str] = frozenset()
    drafts: list[tuple[str, str]] = field(default_factory=list)
    places: list[tuple[int, str]] = field(default_factory=list)


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
    drafts: tuple[MotionPaper, ...] = ()  # a reorder: the drafts in the order proposed
    part_numbers: tuple[str, ...] = ()  # a division: its parts' numbers in the text now

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
        """The motion's name, with what it names: "Introduce a draft resolution: DR 1.2",
        "Divide the question: DR 1.1, operative clauses 2, 3"."""
        subject = self.subject
        if not subject:
            return label(self.spec)
        # The separator is the language's own (full width in Chinese).
        return f"{label(self.spec)}{separator('label')}{subject}"

    @property
    def subject(self) -> str:
        """What the motion names: a paper, a draft and the parts of its division, or the
        drafts in the order a reorder proposes."""
        if self.drafts:
            return join_names(paper.label for paper in self.drafts)
        if self.paper is None:
            return ""
        if not self.part_numbers:
            return self.paper.label
        return ngettext(
            "%(document)s, operative clause %(parts)s",
            "%(document)s, operative clauses %(parts)s",
            len(self.part_numbers),
        ) % {"document": self.paper.label, "parts": join_names(self.part_numbers)}

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
        self._numbering: dict[int, Mapping[str, str]] = {}

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
        paper = None
        if motion.code in NAMING_PAPERS:
            paper = self.papers.by_target.get(motion.target or "")
        drafts = tuple(p for p in map(self.papers.by_target.get, motion.order) if p is not None)
        numbers: tuple[str, ...] = ()
        labels = self._numbers(paper) if paper is not None and motion.parts else {}
        if labels and all(part in labels for part in motion.parts):
            # (A part since struck from the text has no number: the draft alone is named.)
            numbers = tuple(labels[part] for part in motion.parts)
        return MotionRow(
            motion=motion,
            spec=self.registry[motion.code],
            movers=movers,
            seconder=self._delegation(motion.seconder),
            failed_minutes_ago=failed,
            friendly_offer=friendly,
            paper=paper,
            drafts=drafts if motion.code is MotionCode.REORDER_DRS else (),
            part_numbers=numbers,
        )

    def _numbers(self, paper: MotionPaper) -> Mapping[str, str]:
        """The clauses' numbers in the paper's text now, by clause id."""
        if paper.card.pk not in self._numbering:
            self._numbering[paper.card.pk] = numbering(body_to_resolution(paper.card.body))
        return self._numbering[paper.card.pk]

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
            if code in NAMING_DRAFTS:
                choices[code.value] = self.drafts_in_voting
                continue
            if code in INTRODUCTIONS:
                allowed = introducible(context, code)
            elif code is MotionCode.QA_SESSION:
                allowed = context.introduced
            else:
                continue
            choices[code.value] = [paper for paper in listed if paper.target in allowed]
        return choices

    @cached_property
    def drafts_in_voting(self) -> list[MotionPaper]:
        """The draft resolutions in voting procedure, in the order of voting."""
        drafts = self.draft_choices.drafts
        return [p for p in map(self.papers.by_target.get, drafts) if p is not None]

    @cached_property
    def draft_choices(self) -> DraftChoices:
        return draft_choices(self.doc, self.view.params)

    @cached_property
    def part_choices(self) -> dict[str, list[tuple[str, str]]]:
        """By draft in voting: (clause id, "3 — Urges …") for each clause a division of it may
        name, in the order of the text."""
        choices: dict[str, list[tuple[str, str]]] = {}
        for paper in self.drafts_in_voting:
            allowed = self.draft_choices.divisible.get(paper.target, frozenset())
            numbers = self._numbers(paper)
            resolution = body_to_resolution(paper.card.body)
            choices[paper.target] = [
                (clause.id, f"{numbers.get(clause.id, '?')} — {first_words(clause.text)}")
                for clause, _depth in walk(resolution.operative)
                if clause.id in allowed
            ]
        return choices

    def raise_choices(self, code: str, values: Any = None) -> RaiseChoices:
        """What the raise form for `code` offers to name, with what is chosen: `values` (the
        form's own data, when it is asked for again) or else the first of each."""
        papers = self.paper_choices.get(code, [])
        drafts = code in {c.value for c in NAMING_DRAFTS}
        targets = [(p.target, p.label if drafts else p.choice_label) for p in papers]
        given = values.get("target", "") if values is not None else ""
        target = given if given in {t for t, _label in targets} else next(iter(targets), ("",))[0]
        order = list(values.getlist("order")) if values is not None else []
        current = [paper.target for paper in self.drafts_in_voting]
        if sorted(order) != sorted(current):
            order = current
        return RaiseChoices(
            targets=targets,
            target=target,
            names_draft=drafts,
            parts=self.part_choices.get(target, []) if code == MotionCode.DIVIDE_QUESTION else [],
            checked=frozenset(values.getlist("parts")) if values is not None else frozenset(),
            drafts=[(paper.target, paper.label) for paper in self.drafts_in_voting],
            places=list(enumerate(order, start=1)),
        )

    @property
    def initial_raise_choices(self) -> RaiseChoices:
        """The raise form as the panels first show it: the first motion, nothing chosen."""
        options = self.raise_options
        return self.raise_choices(options[0][0] if options else "")

    @property
    def raise_options(self) -> list[tuple[str, str]]:
        """(code, label in the page's language) for every motion that can be raised now."""
        return [(code.value, label(self.registry[code])) for code in self.raisable]

    @property
    def _choices_named(self) -> tuple[str, ...]:
        """The motions to choose from, the papers each may name and the clauses of each draft
        in voting a division may name."""
        named = [
            f"{code}={','.join(paper.target for paper in papers)}"
            for code, papers in self.paper_choices.items()
        ]
        parts = [
            f"{draft}:{','.join(sorted(allowed))}"
            for draft, allowed in self.draft_choices.divisible.items()
        ]
        return (*self.raisable, *named, *parts)

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
