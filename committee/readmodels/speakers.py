"""What the speakers panel shows: the general speakers' list, the speech and its yield, and
the points of information a speaker open to them takes (THIMUN).

Everything is derived from the floor document FloorView has loaded (no queries). Whether an
action is open (adding a delegation, a kind of yield, a follow-up, a comment) is asked of the
engine's queries (committee.procedure.speakers_floor), so the buttons a screen offers are the
ones the engine would accept.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING, Any

from committee.floor import timer_attributes
from committee.procedure import speakers as rules
from committee.procedure import speakers_floor
from committee.procedure.choices import GslExhaustionAction
from committee.procedure.phases import Phase
from committee.procedure.points import waiting_questioners
from committee.procedure.speakers import ListStatus
from committee.procedure.speeches import QuestionStep, Speech, SpeechStage

if TYPE_CHECKING:
    from committee.models import Delegation
    from committee.selectors import FloorView

NEXT_SPEAKERS_SHOWN = 3
POI_OFFER_CHOICES = 5  # numbers offered to a holder open to POIs when max_pois sets none


@dataclass(frozen=True)
class ListEntry:
    position: int  # 1 is the next speaker
    key: str  # the delegation's engine id
    delegation: Delegation | None
    is_first: bool
    is_last: bool


@dataclass(frozen=True)
class PhoneSpeakers:
    """One delegation's own view of the list, for its phone."""

    position: int | None  # its first place on the list, or None
    may_join: bool  # the button "Add me" applies: self-service is on and the engine agrees
    yield_offered: bool  # the speaker has yielded to it and waits for its answer
    holds_floor: bool
    may_open_pois: bool = False  # it holds the floor and may say it is open to POIs
    may_close_pois: bool = False  # it is open to POIs and may stop taking them


class SpeakersPanel:
    def __init__(self, view: FloorView) -> None:
        self.view = view
        self.doc = view.doc
        self.params = view.params
        self.gsl = view.doc.gsl

    # ---- the list --------------------------------------------------------------------------

    @property
    def visible(self) -> bool:
        return self.view.in_session

    @property
    def in_gsl(self) -> bool:
        return self.doc.phase is Phase.GSL

    @property
    def debate_open(self) -> bool:
        return speakers_floor.debate_open(self.doc)

    @cached_property
    def entries(self) -> list[ListEntry]:
        last = len(self.gsl.entries)
        return [
            ListEntry(
                position=index,
                key=key,
                delegation=self.view.delegation_of(key),
                is_first=index == 1,
                is_last=index == last,
            )
            for index, key in enumerate(self.gsl.entries, start=1)
        ]

    @property
    def next_speakers(self) -> list[ListEntry]:
        return self.entries[:NEXT_SPEAKERS_SHOWN]

    @property
    def current_key(self) -> str:
        """Who has the floor from the list, as the dais's "Next speaker" button saw it."""
        return self.gsl.current or ""

    @property
    def speaking_seconds(self) -> int:
        return speakers_floor.speaking_time(self.doc, self.params)

    @cached_property
    def status(self) -> ListStatus:
        return rules.list_status(self.params, self.gsl)

    @property
    def closes_debate(self) -> bool:
        return self.params.gsl_exhaustion_action is GslExhaustionAction.CLOSE_DEBATE

    @property
    def warning(self) -> bool:
        """§8.11: few speakers remain before the list runs out."""
        return self.in_gsl and self.status.warn

    @property
    def awaiting_close(self) -> bool:
        """prompt_chair: the list is exhausted and the chair decides to close debate."""
        return speakers_floor.may_close_debate(self.doc, self.params)

    @property
    def closed_by_exhaustion(self) -> bool:
        return self.doc.phase is Phase.VOTING_PROCEDURE and self.status.exhausted

    @property
    def can_close_list(self) -> bool:
        return self.params.allow_close_speakers_list

    @cached_property
    def present(self) -> frozenset[str]:
        return self.doc.present_ids()

    @cached_property
    def addable(self) -> list[Delegation]:
        """Delegations the dais may add now, in roll order."""
        return [
            d
            for d in self.view.delegations
            if speakers_floor.may_add(self.doc, self.params, str(d.pk))
        ]

    @property
    def present_not_addable(self) -> list[str]:
        """Present delegations the dais may not add now (on the list already…): the add
        select is the present delegations but these (static/js/live.js fills it)."""
        addable = {str(d.pk) for d in self.addable}
        return sorted(self.doc.present_ids() - addable, key=int)

    # ---- the speech --------------------------------------------------------------------------

    @cached_property
    def speech(self) -> Speech | None:
        """The GSL speech on the floor, under way or just ended (not a caucus or reply speech).

        Once a caucus has started, the speech that ended before it is history, not news.
        """
        speech = self.doc.speech
        if speech is None or not speech.gsl:
            return None
        caucus = self.doc.caucus
        if speech.stage is SpeechStage.ENDED and caucus is not None and not caucus.ended:
            return None
        return speech

    @property
    def speech_live(self) -> bool:
        return self.speech is not None and self.speech.stage is not SpeechStage.ENDED

    @property
    def stage(self) -> str:
        return self.speech.stage.value if self.speech else ""

    @property
    def question_step(self) -> str:
        return self.speech.question_step.value if self.speech else ""

    @property
    def speaker(self) -> Delegation | None:
        return self.view.delegation_of(self.speech.speaker) if self.speech else None

    @property
    def holder(self) -> Delegation | None:
        return self.view.delegation_of(self.speech.holder) if self.speech else None

    @property
    def yielded(self) -> bool:
        """Someone other than the speaker on the list holds the floor now."""
        return self.speech is not None and self.speech.holder != self.speech.speaker

    @property
    def pending_target(self) -> Delegation | None:
        return self.view.delegation_of(self.speech.pending_target) if self.speech else None

    @property
    def recognised(self) -> Delegation | None:
        """The questioner or commenter the chair has recognised."""
        return self.view.delegation_of(self.doc.gsl_recognised)

    @property
    def commenting(self) -> bool:
        speech = self.speech
        return (
            speech is not None
            and speech.stage is SpeechStage.COMMENTS
            and speech.comment_timer is not None
        )

    @property
    def timer(self) -> dict[str, Any]:
        """The clock that runs now: a comment's, or the speech's remaining time."""
        speech = self.speech
        if speech is None:
            return timer_attributes(None, self.view.now)
        running = speech.comment_timer if self.commenting else speech.timer
        return timer_attributes(running, self.view.now)

    @cached_property
    def yields_open(self) -> frozenset[str]:
        """The kinds of yield the engine would accept now."""
        if self.speech is None:
            return frozenset()
        return frozenset(
            kind.value for kind in speakers_floor.open_yields(self.doc, self.params, self.view.now)
        )

    @property
    def awaiting_acceptance(self) -> bool:
        return self.speech is not None and self.speech.stage is SpeechStage.AWAITING_ACCEPTANCE

    @property
    def in_questions(self) -> bool:
        return self.speech is not None and self.speech.stage is SpeechStage.QUESTIONS

    @property
    def in_pois(self) -> bool:
        """The holder is open to points of information (THIMUN)."""
        return self.speech is not None and self.speech.stage is SpeechStage.OPEN_TO_POIS

    @property
    def taking_questions(self) -> bool:
        """Yielded to questions, or open to points of information."""
        return self.in_questions or self.in_pois

    @property
    def between_questions(self) -> bool:
        """Taking questions, and none is being asked or answered."""
        return self.taking_questions and self.question_step == QuestionStep.IDLE

    @property
    def may_ask(self) -> bool:
        if self.in_pois:
            return speakers_floor.may_recognise_poi(self.doc)
        return self.in_questions and self.question_step == QuestionStep.IDLE

    @cached_property
    def may_open_pois(self) -> bool:
        """The dais may record that the holder is open to points of information."""
        return self.speech is not None and speakers_floor.may_open_to_pois(
            self.doc, self.params, self.view.now
        )

    @property
    def may_close_pois(self) -> bool:
        return self.in_pois

    @property
    def pois_taken(self) -> int:
        return self.speech.questions if self.in_pois and self.speech else 0

    @property
    def poi_limit(self) -> int | None:
        """How many points of information the holder takes (None: the chair's call)."""
        return self.speech.poi_limit if self.in_pois and self.speech else None

    @property
    def poi_offer_choices(self) -> range:
        """The numbers of points of information a holder may say it is open to."""
        return range(1, (self.params.max_pois or POI_OFFER_CHOICES) + 1)

    @cached_property
    def poi_queue(self) -> list[Delegation | None]:
        """The delegations waiting with a point of information, first raised first."""
        return [self.view.delegation_of(key) for key in speakers_floor.poi_queue(self.doc)]

    @cached_property
    def waiting_questioner(self) -> str:
        """The delegation whose point of information to the speaker came first: the dais's
        questioner choice starts on it."""
        if not self.may_ask:
            return ""
        waiting = waiting_questioners(pending.point for pending in self.doc.points)
        return waiting[0] if waiting else ""

    @property
    def may_follow_up(self) -> bool:
        """A follow-up to the last question may be asked (to a point of information, also
        once the holder has taken all it was open to)."""
        return self.between_questions and speakers_floor.may_ask_follow_up(
            self.doc, self.params, self.view.now
        )

    @property
    def asking(self) -> bool:
        return self.taking_questions and self.question_step == QuestionStep.ASKING

    @property
    def answering(self) -> bool:
        return self.taking_questions and self.question_step == QuestionStep.ANSWERING

    @property
    def in_comments(self) -> bool:
        return self.speech is not None and self.speech.stage is SpeechStage.COMMENTS

    @property
    def may_comment(self) -> bool:
        return self.in_comments and speakers_floor.may_comment(self.doc, self.params, self.view.now)

    # ---- phones ----------------------------------------------------------------------------------

    @cached_property
    def phone(self) -> dict[str, PhoneSpeakers]:
        """Each delegation's own part, keyed by str(pk), for `phone|lookup:delegation.pk`."""
        pending = self.speech.pending_target if self.awaiting_acceptance and self.speech else None
        holder = self.speech.holder if self.speech_live and self.speech else None
        may_open = holder is not None and speakers_floor.may_open_to_pois(
            self.doc, self.params, self.view.now, requested_by=holder
        )
        states = {}
        for delegation in self.view.delegations:
            key = str(delegation.pk)
            position = self.gsl.entries.index(key) + 1 if key in self.gsl.entries else None
            states[key] = PhoneSpeakers(
                position=position,
                may_join=speakers_floor.may_add(self.doc, self.params, key, by_itself=True),
                yield_offered=pending == key,
                holds_floor=holder == key,
                may_open_pois=may_open and holder == key,
                may_close_pois=self.in_pois and holder == key,
            )
        return states
