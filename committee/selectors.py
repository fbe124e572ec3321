"""Reads for pages and broadcasts, each a fixed number of queries whatever the committee size."""

import zlib
from dataclasses import dataclass
from datetime import datetime
from functools import cached_property
from typing import Any

from django.db.models import Exists, OuterRef, QuerySet
from django.utils import timezone

from committee.document_selectors import DocumentCard, DocumentsView, documents_view
from committee.floor import decode, decode_electorate, timer_attributes
from committee.labels import motion_label
from committee.log import undo
from committee.log.describe import Names
from committee.models import (
    Ballot,
    Committee,
    ConsensusObjection,
    Delegation,
    Floor,
    FloorEvent,
    LiveConnection,
    Question,
    Topic,
)
from committee.procedure.attendance import (
    Attendee,
    DelegationKind,
    Numbers,
    RollStatus,
    announce_numbers,
)
from committee.procedure.clauses import find, numbering
from committee.procedure.electorate import ElectorateSnapshot
from committee.procedure.floor import FloorDoc
from committee.procedure.phases import Phase
from committee.procedure.speeches import Speech, SpeechStage
from committee.readmodels.caucus import CaucusPanel
from committee.readmodels.motions import MotionsPanel
from committee.readmodels.points import PointsPanel
from committee.readmodels.speakers import SpeakersPanel
from committee.readmodels.voting import VotingPanel
from committee.resolutions import pages
from committee.resolutions.layout import body_to_resolution


@dataclass(frozen=True)
class RosterEntry:
    delegation: Delegation
    online: bool


def roster(committee: Committee) -> list[RosterEntry]:
    """Delegations in roll-call order, each marked online when a phone of theirs is connected."""
    delegations: QuerySet[Delegation] = committee.delegations.annotate(
        online=Exists(LiveConnection.objects.filter(delegation=OuterRef("pk")))
    ).order_by("sort_key", "name")
    return [RosterEntry(delegation=d, online=d.online) for d in delegations]


def committees_overview() -> QuerySet[Committee]:
    return Committee.objects.select_related("conference").prefetch_related("topics")


def committee_topics(committee: Committee) -> list[str]:
    return [topic.display_title() for topic in committee.topics.all()]


LOG_LENGTH = 30


@dataclass(frozen=True)
class OwnState:
    """What one delegation's phone shows about itself."""

    status: str
    held_at_door: bool


@dataclass(frozen=True)
class AttendanceRow:
    delegation: Delegation
    status: str
    held_at_door: bool
    online: bool


class FloorView:
    """Everything the floor's screens show, read in a fixed number of queries.

    Built once per broadcast and shared by every region and audience, so a push costs the
    same few queries however many delegations the committee has.
    """

    def __init__(self, committee: Committee, now: datetime | None = None) -> None:
        self.committee = committee
        self.now = now or timezone.now()
        floor = Floor.objects.filter(pk=committee.pk).first()
        self.seq = floor.seq if floor else 0
        # The newest event about documents, and what the projector shows over the floor.
        self.documents_seq = floor.documents_seq if floor else 0
        self.projected_document_id = floor.projected_document_id if floor else None
        self.projected_page = floor.projected_page if floor else 1
        # The stored floor, as the fingerprints of the regions drawn from it read it.
        self.raw_state: dict[str, Any] = (floor.state or {}) if floor else {}
        self.doc: FloorDoc = decode(floor.state) if floor else FloorDoc()
        self.params = committee.parameters()
        self.delegations: list[Delegation] = list(
            committee.delegations.annotate(
                online=Exists(LiveConnection.objects.filter(delegation=OuterRef("pk")))
            ).order_by("sort_key", "name")
        )
        self.by_id = {str(d.pk): d for d in self.delegations}
        self._spelled: dict[int, tuple[Any, int]] = {}
        # Topic rows, not titles: each screen shows the title in its own language.
        self.topics: list[Topic] = list(committee.topics.all())

    # The panels' read models, each built at most once per render.
    @cached_property
    def documents(self) -> DocumentsView | None:
        """The committee's papers, read only once there are any (a few queries)."""
        return documents_view(self.committee, self.documents_seq) if self.documents_seq else None

    @cached_property
    def projected(self) -> DocumentCard | None:
        """The document the dais shows on the projector, if any."""
        if self.projected_document_id is None or self.documents is None:
            return None
        return self.documents.card(self.projected_document_id)

    @cached_property
    def projector_page(self) -> pages.ProjectorPage | None:
        """The page of the projected document the room sees (the number kept within the text)."""
        card = self.projected
        return None if card is None else pages.projector_page(card.layout, self.projected_page)

    @cached_property
    def speakers_panel(self) -> SpeakersPanel:
        return SpeakersPanel(self)

    @cached_property
    def motions_panel(self) -> MotionsPanel:
        return MotionsPanel(self)

    @cached_property
    def caucus_panel(self) -> CaucusPanel:
        return CaucusPanel(self)

    @cached_property
    def points_panel(self) -> PointsPanel:
        return PointsPanel(self)

    @cached_property
    def voting_panel(self) -> VotingPanel:
        return VotingPanel(self)

    # ---- voting procedure: the questions' rows, their ballots and objections -----------------

    @cached_property
    def _voting_rows(self) -> dict[int, Question]:
        """The question open now and the last one decided, in one query."""
        voting = self.doc.voting
        if voting is None:
            return {}
        ids = [q for q in (voting.question and voting.question.question_id,) if q]
        if voting.last is not None and voting.last.question_id:
            ids.append(voting.last.question_id)
        if not ids:
            return {}
        return {q.pk: q for q in Question.objects.filter(pk__in=ids)}

    @property
    def voting_question_row(self) -> Question | None:
        voting = self.doc.voting
        if voting is None or voting.question is None or voting.question.question_id is None:
            return None
        return self._voting_rows.get(voting.question.question_id)

    @property
    def voting_last_row(self) -> Question | None:
        voting = self.doc.voting
        if voting is None or voting.last is None or voting.last.question_id is None:
            return None
        return self._voting_rows.get(voting.last.question_id)

    @cached_property
    def voting_ballots(self) -> dict[tuple[str, int], Ballot]:
        """The ballots of the question open now, by (delegation id, round), in one query."""
        voting = self.doc.voting
        if voting is None or voting.question is None or voting.question.question_id is None:
            return {}
        ballots = Ballot.objects.filter(question_id=voting.question.question_id)
        return {(str(b.delegation_id), b.round): b for b in ballots}

    @cached_property
    def voting_last_ballots(self) -> dict[tuple[str, int], Ballot]:
        """The ballots of the last question decided, by (delegation id, round): one query."""
        voting = self.doc.voting
        if voting is None or voting.last is None or voting.last.question_id is None:
            return {}
        ballots = Ballot.objects.filter(question_id=voting.last.question_id)
        return {(str(b.delegation_id), b.round): b for b in ballots}

    @cached_property
    def voting_objections(self) -> list[ConsensusObjection]:
        voting = self.doc.voting
        question = voting.question if voting is not None else None
        if question is None or question.method.value != "consensus" or not question.question_id:
            return []
        return list(ConsensusObjection.objects.filter(question_id=question.question_id))

    def document_card(self, document_id: int) -> DocumentCard | None:
        return self.documents.card(document_id) if self.documents is not None else None

    def clause_label(self, document_id: int, clause_id: str) -> str:
        """A clause's number in the document's current text ("3", "3(b)")."""
        card = self.document_card(document_id)
        if card is None:
            return "?"
        return numbering(body_to_resolution(card.body)).get(clause_id, "?")

    def clause_text(self, document_id: int, clause_id: str) -> str:
        card = self.document_card(document_id)
        if card is None:
            return ""
        clause = find(body_to_resolution(card.body), clause_id)
        return clause.text if clause is not None else ""

    @property
    def server_now_ms(self) -> int:
        return int(self.now.timestamp() * 1000)

    @cached_property
    def numbers(self) -> Numbers | None:
        """The rapporteur's numbers; None while the committee has no Member States."""
        attendees = [
            Attendee(
                str(d.pk),
                DelegationKind(d.kind),
                self.doc.status_of(d.pk),
            )
            for d in self.delegations
        ]
        membership = sum(1 for d in self.delegations if d.is_member)
        if membership == 0:
            return None
        return announce_numbers(self.params, membership, attendees)

    @property
    def decision_quorum_lost(self) -> bool:
        """Roll call taken and too few Member States present for a decision: the engine
        refuses substantive votes, and the dais says so (§1.3, §8.2)."""
        numbers = self.numbers
        return (
            numbers is not None
            and self.in_session
            and not self.doc.roll_call_open
            and self.doc.phase is not Phase.NOT_STARTED
            and not numbers.quorum_decision_met
        )

    @cached_property
    def attendance(self) -> list[AttendanceRow]:
        rows = []
        for delegation in self.delegations:
            mark = self.doc.attendance.get(str(delegation.pk))
            rows.append(
                AttendanceRow(
                    delegation=delegation,
                    status=mark.status.value if mark else RollStatus.ABSENT.value,
                    held_at_door=bool(mark and mark.held_at_door),
                    online=delegation.online,
                )
            )
        return rows

    def attendance_row(self, delegation_id: str) -> AttendanceRow:
        """One delegation's row of the roster."""
        return self._attendance_by_id[delegation_id]

    @cached_property
    def _attendance_by_id(self) -> dict[str, AttendanceRow]:
        return {str(row.delegation.pk): row for row in self.attendance}

    @property
    def phase(self) -> str:
        return self.doc.phase.value

    @property
    def in_session(self) -> bool:
        return self.doc.session_number is not None and self.doc.phase is not Phase.ADJOURNED

    @property
    def speech_timer(self) -> dict[str, Any]:
        speech = self.active_speech
        return timer_attributes(speech.timer if speech else None, self.now)

    @cached_property
    def phone_ballots(self) -> dict[str, Ballot]:
        """The ballots of the phone vote running now, by delegation id, in one query."""
        vote = self.doc.vote
        if vote is None or not vote.by_phone or vote.question_id is None:
            return {}
        ballots = Ballot.objects.filter(question_id=vote.question_id)
        return {str(ballot.delegation_id): ballot for ballot in ballots}

    @cached_property
    def phone_electorate(self) -> ElectorateSnapshot | None:
        """Who may vote in the phone vote running now, kept with its question, in one query."""
        vote = self.doc.vote
        if vote is None or not vote.by_phone or vote.question_id is None:
            return None
        kept = Question.objects.filter(pk=vote.question_id).values_list("electorate", flat=True)
        return decode_electorate(kept.first() or {})

    @cached_property
    def tally_inputs(self) -> tuple[Any, ...]:
        """What a tally is drawn from: who voted what on a procedural phone vote, and who may
        vote; in voting procedure, the open question's ballots and objections."""
        ballots = sorted(
            (key, ballot.choice, ballot.entered_by_dais)
            for key, ballot in self.phone_ballots.items()
        )
        electorate = self.phone_electorate
        substantive = sorted(
            (key, round_, ballot.choice, ballot.entered_by_dais)
            for (key, round_), ballot in self.voting_ballots.items()
        )
        objections = sorted(o.delegation_id for o in self.voting_objections)
        return (
            tuple(ballots),
            electorate.ids if electorate is not None else None,
            tuple(substantive),
            tuple(objections),
        )

    @cached_property
    def _phone_shared_inputs(self) -> int:
        """What every phone's own fragment shows alike (the choices offered to all), spelled
        out once for every phone."""
        motions, points, caucus = self.motions_panel, self.points_panel, self.caucus_panel
        shared = (
            self.in_session,
            self.doc.roll_call_open,
            repr(motions.vote),
            repr(motions.voting),
            motions.ruling_appealable,
            repr(motions.ruling),
            repr(motions.ruling_row),
            motions.raise_options,
            motions.raisable_key,
            motions.floor_open,
            repr(motions.fields),
            repr(points.point_choices),
            points.replies_enabled,
            repr(points.reply_grounds),
            caucus.mover_id,
            caucus.mover_choices,
            caucus.mover_choice,
        )
        return zlib.crc32(repr(shared).encode())

    def phone_inputs(self, key: str) -> tuple[Any, ...]:
        """Everything one delegation's own phone fragment shows, as a small value: its
        fragment is drawn again only when this changes (committee/rendering.py)."""
        speakers, motions = self.speakers_panel, self.motions_panel
        points, caucus = self.points_panel, self.caucus_panel
        mine = speakers.phone.get(key)
        placard = caucus.placard_state.get(key)
        small = self._small
        return (
            self._phone_shared_inputs,
            self.own_state(self.by_id[key]) if key in self.by_id else None,
            small(mine),
            # The offer names the speaker who yields.
            speakers.holder.pk if mine and mine.yield_offered and speakers.holder else None,
            placard,
            caucus.queue_position.get(key),
            small(caucus.slot_timer) if placard == "speaking" else None,
            motions.may_vote.get(key),
            motions.ballot_of.get(key),
            small(motions.own_offers.get(key)),
            small(motions.own_motions.get(key)),
            small(motions.secondable.get(key)),
            motions.is_present.get(key),
            points.may_act.get(key),
            small(points.own_ruling.get(key)),
            small(points.own_point.get(key)),
            small(points.own_reply.get(key)),
            points.may_name_in_reply.get(key),
            self._document_asks(key),
            self._voting_inputs(key),
        )

    def _voting_inputs(self, key: str) -> Any:
        """What this delegation's phone shows of the question open in voting procedure."""
        question = self.voting_panel.question
        if question is None:
            return None
        called, after = question.called_next, question.called_after
        return (
            question.open,
            question.may_vote(key),
            question.ballot_of(key),
            question.choices_for(key),
            question.objected(key),
            called is not None and str(called.pk) == key,
            after is not None and str(after.pk) == key,
        )

    def _document_asks(self, key: str) -> Any:
        """What waits for this delegation's answer on papers and amendments."""
        if self.documents is None or key not in self.by_id:
            return None
        return self.documents.digest_for(self.by_id[key])

    def _small(self, value: Any) -> Any:
        """A read-model value as a short stand-in: the same rows are shared by many phones
        (the motions any delegation may second…), so each is spelled out once per view."""
        if value is None or isinstance(value, str | int | bool):
            return value
        if isinstance(value, list | tuple):
            return tuple(self._small(item) for item in value)
        kept = self._spelled.get(id(value))
        if kept is None:
            # The value is kept with its spelling, so its id cannot pass to another object.
            kept = (value, zlib.crc32(repr(value).encode()))
            self._spelled[id(value)] = kept
        return kept[1]

    @property
    def vote_label(self) -> str:
        """The motion being voted on, in the page's language, or ""."""
        vote = self.doc.vote
        if vote is None:
            return ""
        motion = next((m for m in self.doc.motions.motions if m.id == vote.motion_id), None)
        if motion is None:
            return ""
        return motion_label(motion.code)

    @property
    def active_speech(self) -> Speech | None:
        """The speech under way; an ended one stays in the document for the record only."""
        speech = self.doc.speech
        if speech is None or speech.stage is SpeechStage.ENDED:
            return None
        return speech

    @property
    def speech_holder(self) -> Delegation | None:
        speech = self.active_speech
        return self.delegation_of(speech.holder) if speech else None

    @cached_property
    def events(self) -> list[FloorEvent]:
        """The latest log entries, newest first."""
        return list(
            FloorEvent.objects.filter(committee=self.committee)
            .select_related("actor_user", "actor_delegation", "undone_by", "undoes")
            .order_by("-seq")[:LOG_LENGTH]
        )

    @cached_property
    def log_names(self) -> Names:
        """Delegations by id, for the log's sentences (named when each sentence is written)."""
        return Names({d.pk: d for d in self.delegations})

    @property
    def undoable_event(self) -> FloorEvent | None:
        """The action undo would take back next, if the dais may undo it."""
        return undo.next_to_undo(self.events)

    def delegation_name(self, delegation_id: str | None) -> str:
        if delegation_id is None:
            return ""
        delegation = self.by_id.get(str(delegation_id))
        return delegation.display_name() if delegation else ""

    def delegation_of(self, delegation_id: str | None) -> Delegation | None:
        return self.by_id.get(str(delegation_id)) if delegation_id is not None else None

    def status_of(self, delegation: Delegation) -> str:
        return self.doc.status_of(delegation.pk).value

    def own_state(self, delegation: Delegation) -> OwnState:
        mark = self.doc.attendance.get(str(delegation.pk))
        return OwnState(
            status=self.status_of(delegation),
            held_at_door=bool(mark and mark.held_at_door),
        )
