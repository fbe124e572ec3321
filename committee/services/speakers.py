"""The general speakers' list and its speeches with yields (procedure.md §2.2, §8.6–8.8, §8.11).

Every function is one floor action. The rules engine (committee.procedure.speakers and
.speeches) decides every rule; this module checks who may ask, and whether the action still
applies to the floor the asker saw (two dais members clicking at once: the second one gets a
clear refusal instead of, say, skipping a speaker).

`doc.gsl` is the engine's SpeakersList and `doc.speech` the engine's Speech; the motions service
sets `doc.speaking_time` and closes the list with the engine's set_closed, and the points
service pauses `doc.speech` for interrupting points. When a GSL speech ends (by the chair, by a
yield to the chair, or because a yielded delegate declined), the speaker's turn is recorded and,
if nobody is left and the rules say so, debate closes and the committee enters voting procedure.

Each turn at the microphone becomes a lasting Speech row when it ends (`record_speech_end`):
the speaker's own (`gsl`, with the yield it made) and the time a delegate yielded to speaks
(`yielded`), both counted on the speech's clock, so interruptions are left out.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.utils.translation import gettext_lazy as _

from committee.models import Committee, Delegation
from committee.models import Speech as SpeechRecord
from committee.procedure import speakers as rules
from committee.procedure import speeches as rules_speeches
from committee.procedure.choices import GslExhaustionAction, YieldKind
from committee.procedure.errors import ErrorCode, ProcedureError
from committee.procedure.facts import EventKind
from committee.procedure.facts.speakers import (
    AnswerFinished,
    AnswerStarted,
    CommentStarted,
    DebateClosed,
    ListClosedSet,
    ListExhausted,
    QuestionAsked,
    SelfServiceSet,
    SpeakerAdded,
    SpeakerCalled,
    SpeakerMoved,
    SpeakerRemoved,
    SpeechEnded,
    YieldAnswered,
    YieldDeclared,
)
from committee.procedure.phases import Phase
from committee.procedure.points import settled_by_question
from committee.procedure.speeches import Speech, SpeechStage
from committee.procedure.voting import VotingTrigger, enter_voting_procedure
from committee.services.floor import FloorAction, FloorRefusal, floor_action
from committee.services.points import record_reply_end

# The engine's facts that name a delegation by its id.
DELEGATION_FACTS = ("delegation",)


@contextmanager
def _names_in_refusals(action: FloorAction) -> Iterator[None]:
    """Show delegations' names, not their ids, in the engine's refusals."""
    try:
        yield
    except ProcedureError as error:
        facts = dict(error.facts)
        for fact in DELEGATION_FACTS:
            if str(facts.get(fact)) in action.delegations:
                facts[fact] = action.delegations[str(facts[fact])].display_name()
        raise ProcedureError(error.code, **facts) from error


def _require_open_session(action: FloorAction) -> None:
    if action.session is None or action.session.closed_at is not None:
        raise FloorRefusal(_("No session is open. Open a session first."))


def _require_debate_open(action: FloorAction) -> None:
    """The list can be built in any phase of the session except voting procedure."""
    _require_open_session(action)
    if action.doc.phase is Phase.VOTING_PROCEDURE:
        raise FloorRefusal(_("Debate is closed: the committee is in voting procedure."))


def _require_gsl_phase(action: FloorAction) -> None:
    _require_open_session(action)
    if action.doc.phase is not Phase.GSL:
        raise FloorRefusal(
            _("The committee is not in formal debate on the general speakers' list now.")
        )


def _acting_for_itself(action: FloorAction, delegation: Delegation | None, key: str) -> None:
    if delegation is not None and str(delegation.pk) != key:
        raise FloorRefusal(_("A delegation acts only for itself."))


def _gsl_speech(action: FloorAction) -> Speech:
    """The GSL speech under way; refused when there is none (or it has ended)."""
    speech = action.doc.speech
    if speech is None or not speech.gsl:
        raise FloorRefusal(_("No speech from the speakers' list is under way."))
    if speech.stage is SpeechStage.ENDED:
        raise FloorRefusal(_("The speech has already ended."))
    return speech


def _id(key: str | None) -> int | None:
    """A delegation's key on the floor as the id the log's facts use."""
    return None if key is None else int(key)


def _speaking_seconds(action: FloorAction) -> int:
    """The speaking time in force: set by motion, else the profile's (§2.2)."""
    return action.doc.speaking_time or action.params.gsl_speaking_time


# ---- the record of a turn at the microphone ----------------------------------------------------


def record_speech_end(action: FloorAction, speech: Speech | None) -> None:
    """Write the Speech row of whoever holds the floor in a GSL speech that stops now.

    Pass the speech as it stands before it ends: any floor action that ends a GSL speech or
    takes it off the floor (a caucus starting, a session closing) calls this first. Nothing is
    written for another kind of speech, or when nobody holds the floor in it (it has ended
    already, or a yield waits for its answer): that turn has been recorded.
    """
    _record_turn(action, speech)


def _record_turn(
    action: FloorAction,
    speech: Speech | None,
    *,
    yielded_to: YieldKind | None = None,
    target: str | None = None,
) -> None:
    """The holder's turn ends now, with the yield the holder makes (if any)."""
    if speech is None or not speech.gsl or not rules_speeches.turn_open(speech):
        return
    if yielded_to is None and speech.stage in (SpeechStage.QUESTIONS, SpeechStage.COMMENTS):
        yielded_to = speech.yield_kind  # the speaker answered, or heard comments, to the end
    on_the_clock = rules_speeches.turn_time(speech, action.now)
    action.create_row(
        SpeechRecord,
        committee=action.committee,
        session=action.session,
        delegation_id=int(speech.holder),
        # A delegate yielded to speaks on the speaker's clock, but not in its own speech.
        kind=SpeechRecord.Kind.GSL if speech.delegate_yields == 0 else SpeechRecord.Kind.YIELDED,
        started_at=rules_speeches.turn_began(speech, action.now),
        ended_at=action.now,
        seconds=round(on_the_clock.total_seconds()),
        yielded_to=yielded_to.value if yielded_to is not None else "",
        yielded_to_delegation_id=_id(target),
    )


# ---- the end of a turn and of the list ----------------------------------------------------------


def _finish_turn(action: FloorAction) -> ListExhausted | None:
    """The current speaker has finished: mark it spoken, and close debate if the list is
    exhausted and the rules say so. Says whether the list ran out."""
    action.update(gsl=rules.finish_current(action.doc.gsl), gsl_recognised=None)
    status = rules.list_status(action.params, action.doc.gsl)
    if not status.exhausted:
        return None
    if status.action is GslExhaustionAction.CLOSE_DEBATE:
        return ListExhausted(admitted=_enter_voting_procedure(action))
    return ListExhausted()


def _enter_voting_procedure(action: FloorAction) -> int:
    """§2.2 exhaustion / §6.1: debate on the topic closes and voting procedure begins.
    Returns how many delegations are admitted to it."""
    # The speech on the floor goes. A GSL speech has ended by now (the list is exhausted), but
    # a right of reply to the last speech may be under way: it is recorded first.
    record_reply_end(action)
    procedure = enter_voting_procedure(
        VotingTrigger.GSL_EXHAUSTION,
        action.attendees(),
        (),  # documents come in a later version: nothing to vote on yet
        action.now,
        already_in_voting=action.doc.phase is Phase.VOTING_PROCEDURE,
    )
    action.update(phase=Phase.VOTING_PROCEDURE, speech=None, gsl_recognised=None)
    return len(procedure.admitted)


def _end_if_ended(action: FloorAction, speech: Speech) -> ListExhausted | None:
    """Store the speech; if it has just ended, the speaker's turn on the list is over."""
    action.update(speech=speech)
    if speech.stage is SpeechStage.ENDED:
        return _finish_turn(action)
    return None


# ---- the list -----------------------------------------------------------------------------------


def speaker_add(
    *,
    committee: Committee,
    delegation_id: int | str,
    user: Any = None,
    delegation: Delegation | None = None,
) -> None:
    """Add a delegation at the end: the dais adds anyone present; a phone adds itself (§2.2)."""
    with floor_action(
        committee, kind=EventKind.GSL_SPEAKER_ADDED, user=user, delegation=delegation
    ) as action:
        key = str(action.delegation(delegation_id).pk)
        _acting_for_itself(action, delegation, key)
        _require_debate_open(action)
        if delegation is not None and not action.doc.gsl_self_service:
            raise FloorRefusal(
                _("The dais is not taking names from phones now. Raise your placard instead.")
            )
        with _names_in_refusals(action):
            gsl = rules.add_speaker(action.params, action.doc.gsl, key, action.doc.present_ids())
        action.update(gsl=gsl)
        action.payload = SpeakerAdded(int(key), position=len(gsl.entries))


def speaker_remove(
    *,
    committee: Committee,
    delegation_id: int | str,
    user: Any = None,
    delegation: Delegation | None = None,
) -> None:
    """The dais removes an entry; a delegation withdraws its own (§2.2)."""
    with floor_action(
        committee, kind=EventKind.GSL_SPEAKER_REMOVED, user=user, delegation=delegation
    ) as action:
        key = str(action.delegation(delegation_id).pk)
        _acting_for_itself(action, delegation, key)
        _require_open_session(action)
        with _names_in_refusals(action):
            action.update(gsl=rules.remove_speaker(action.doc.gsl, key))
        action.payload = SpeakerRemoved(int(key))


def speaker_move(
    *,
    committee: Committee,
    user: Any,
    delegation_id: int | str,
    from_position: int,
    to_position: int,
) -> None:
    """The dais moves an entry to another place (positions count from 1, the next speaker)."""
    with floor_action(committee, kind=EventKind.GSL_SPEAKER_MOVED, user=user) as action:
        key = str(action.delegation(delegation_id).pk)
        _require_open_session(action)
        entries = action.doc.gsl.entries
        if 1 <= from_position <= len(entries) and entries[from_position - 1] != key:
            raise FloorRefusal(_("The speakers' list has changed meanwhile. Try again."))
        with _names_in_refusals(action):
            gsl = rules.move_speaker(
                action.params, action.doc.gsl, from_position - 1, to_position - 1
            )
        action.update(gsl=gsl)
        action.payload = SpeakerMoved(int(key), from_position, to_position)


def self_service_set(*, committee: Committee, user: Any, on: bool) -> None:
    """Let delegations add themselves (and see the button) from their phones, or stop it."""
    with floor_action(committee, kind=EventKind.GSL_SELF_SERVICE, user=user) as action:
        _require_open_session(action)
        if action.doc.gsl_self_service == on:
            if on:
                raise FloorRefusal(_("Phones can already add themselves to the list."))
            raise FloorRefusal(_("Phones already cannot add themselves to the list."))
        action.update(gsl_self_service=on)
        action.payload = SelfServiceSet(on)


def list_closed_set(*, committee: Committee, user: Any, closed: bool) -> None:
    """Close the list to new names, or reopen it (the engine's set_closed, as motions use it)."""
    with floor_action(committee, kind=EventKind.GSL_LIST_CLOSED, user=user) as action:
        _require_open_session(action)
        if action.doc.gsl.closed == closed:
            if closed:
                raise FloorRefusal(_("The speakers' list is already closed."))
            raise FloorRefusal(_("The speakers' list is already open."))
        action.update(gsl=rules.set_closed(action.params, action.doc.gsl, closed))
        action.payload = ListClosedSet(closed)


# ---- speeches ------------------------------------------------------------------------------------


def speaker_next(*, committee: Committee, user: Any, seen_current: str | None = None) -> None:
    """End the current speech, if any, and give the floor to the next speaker on the list.

    `seen_current` is who had the floor on the asker's screen ("" for nobody): if the floor
    has moved on meanwhile, the request is refused rather than skipping a speaker.
    """
    with floor_action(committee, kind=EventKind.GSL_SPEAKER_CALLED, user=user) as action:
        _require_gsl_phase(action)
        gsl = action.doc.gsl
        if seen_current is not None and seen_current != (gsl.current or ""):
            raise FloorRefusal(_("The floor has moved on meanwhile: look at the list again."))
        speech = action.doc.speech
        ending_now = speech is not None and speech.stage is not SpeechStage.ENDED
        if speech is not None and ending_now and not speech.gsl:
            raise FloorRefusal(_("The speech on the floor is not from the speakers' list."))
        finished = ending_now or gsl.current is not None
        if speech is not None and ending_now:
            record_speech_end(action, speech)
            action.update(speech=rules_speeches.end_speech(speech, action.now))
        exhausted = _finish_turn(action) if finished else None
        if not action.doc.gsl.entries and finished:
            # The last speaker has finished: the list is exhausted.
            action.payload = SpeakerCalled(None, finished=_id(gsl.current), exhausted=exhausted)
            return
        with _names_in_refusals(action):
            called = rules.call_next(action.doc.gsl)
            seconds = _speaking_seconds(action)
            speech = rules_speeches.start_speech(
                action.params, called.current or "", action.now, duration=seconds
            )
        # Debate has moved on: the caucus that ended before can no longer be extended.
        action.update(gsl=called, speech=speech, gsl_recognised=None, last_ended_caucus=None)
        action.payload = SpeakerCalled(
            _id(called.current), seconds=seconds, finished=_id(gsl.current) if finished else None
        )


def speech_end(*, committee: Committee, user: Any, seen_speaker: str | None = None) -> None:
    """The chair ends the GSL speech under way (time is up, or the speaker has finished)."""
    with floor_action(committee, kind=EventKind.GSL_SPEECH_ENDED, user=user) as action:
        _require_open_session(action)
        speech = _gsl_speech(action)
        if seen_speaker is not None and seen_speaker != speech.speaker:
            raise FloorRefusal(_("The floor has moved on meanwhile: look at the list again."))
        record_speech_end(action, speech)
        exhausted = _end_if_ended(action, rules_speeches.end_speech(speech, action.now))
        action.payload = SpeechEnded(int(speech.speaker), exhausted=exhausted)


def yield_declare(
    *, committee: Committee, user: Any, kind: str, target_id: int | str | None = None
) -> None:
    """The holder of the floor yields the remaining time (§2.2 "Yields"), as the chair records."""
    with floor_action(committee, kind=EventKind.GSL_YIELD, user=user) as action:
        _require_open_session(action)
        speech = _gsl_speech(action)
        target = None if target_id is None else str(action.delegation(target_id).pk)
        yield_kind = YieldKind(kind)
        with _names_in_refusals(action):
            yielded = rules_speeches.declare_yield(
                action.params,
                speech,
                yield_kind,
                action.now,
                target=target,
                present=action.doc.present_ids(),
            )
        if yield_kind in (YieldKind.CHAIR, YieldKind.DELEGATE):
            # The holder's turn ends here; a delegate yielded to starts its own on accepting.
            _record_turn(action, speech, yielded_to=yield_kind, target=target)
        exhausted = _end_if_ended(action, yielded)
        action.payload = YieldDeclared(
            int(speech.holder),
            yield_kind,
            target=_id(target),
            reverted=yielded.reverted_to_chair,
            exhausted=exhausted,
        )


def yield_respond(
    *,
    committee: Committee,
    accept: bool,
    user: Any = None,
    delegation: Delegation | None = None,
) -> None:
    """The delegate yielded to accepts or declines, on its phone (or the dais records it)."""
    with floor_action(
        committee, kind=EventKind.GSL_YIELD_ANSWERED, user=user, delegation=delegation
    ) as action:
        _require_open_session(action)
        speech = action.doc.speech
        if speech is None or speech.pending_target is None:
            raise ProcedureError(ErrorCode.NO_PENDING_YIELD)
        if delegation is not None and str(delegation.pk) != speech.pending_target:
            raise FloorRefusal(_("Only the delegation yielded to can answer."))
        answered = rules_speeches.respond_to_yield(speech, accept, action.now)
        exhausted = _end_if_ended(action, answered)
        action.payload = YieldAnswered(
            int(speech.pending_target), int(speech.holder), accept, exhausted=exhausted
        )


def _recognisable(action: FloorAction, delegation_id: int | str, speech: Speech) -> str:
    """A questioner or commenter: a present delegation other than the one holding the floor."""
    key = str(action.delegation(delegation_id).pk)
    if key == speech.holder:
        raise FloorRefusal(
            _("The delegation holding the floor cannot be recognised on its own speech.")
        )
    if key not in action.doc.present_ids():
        name = action.delegations[key].display_name()
        raise ProcedureError(ErrorCode.NOT_PRESENT, delegation=name)
    return key


def question_ask(
    *,
    committee: Committee,
    user: Any,
    questioner_id: int | str | None = None,
    follow_up: bool = False,
) -> None:
    """The chair recognises a questioner who asks; asking time does not count (§2.2)."""
    with floor_action(committee, kind=EventKind.GSL_QUESTION, user=user) as action:
        _require_open_session(action)
        speech = _gsl_speech(action)
        if follow_up:
            questioner = action.doc.gsl_recognised
        elif questioner_id is None:
            raise FloorRefusal(_("Choose the delegation that asks the question."))
        else:
            questioner = _recognisable(action, questioner_id, speech)
        with _names_in_refusals(action):
            asked = rules_speeches.ask_question(
                action.params, speech, action.now, follow_up=follow_up
            )
        # The questioner's point of information to the speaker is answered by recognising it.
        settled = [p for p in action.doc.points if settled_by_question(p.point, questioner or "")]
        action.update(
            speech=asked,
            gsl_recognised=questioner,
            points=tuple(p for p in action.doc.points if p not in settled),
        )
        action.payload = QuestionAsked(
            _id(questioner),
            int(speech.holder),
            asked.questions,
            follow_up=follow_up,
            points_settled=tuple(p.point.seq for p in settled),
        )


def answer_start(*, committee: Committee, user: Any) -> None:
    """The speaker answers: the remaining time runs."""
    with floor_action(committee, kind=EventKind.GSL_ANSWER_STARTED, user=user) as action:
        _require_open_session(action)
        speech = _gsl_speech(action)
        action.update(speech=rules_speeches.start_answer(speech, action.now))
        action.payload = AnswerStarted(int(speech.holder))


def answer_finish(*, committee: Committee, user: Any) -> None:
    """The answer is over: back to recognising questioners, or the speech ends if time is up."""
    with floor_action(committee, kind=EventKind.GSL_ANSWER_FINISHED, user=user) as action:
        _require_open_session(action)
        speech = _gsl_speech(action)
        finished = rules_speeches.finish_answer(speech, action.now)
        speech_ended = finished.stage is SpeechStage.ENDED
        if speech_ended:
            record_speech_end(action, speech)  # the answer used up the time
        exhausted = _end_if_ended(action, finished)
        action.payload = AnswerFinished(
            int(speech.holder), speech_ended=speech_ended, exhausted=exhausted
        )


def comment_start(*, committee: Committee, user: Any, commenter_id: int | str) -> None:
    """The chair recognises a delegate to comment on the speech, for comment_seconds (§2.2)."""
    with floor_action(committee, kind=EventKind.GSL_COMMENT, user=user) as action:
        _require_open_session(action)
        speech = _gsl_speech(action)
        commenter = _recognisable(action, commenter_id, speech)
        with _names_in_refusals(action):
            commented = rules_speeches.start_comment(action.params, speech, action.now)
        action.update(speech=commented, gsl_recognised=commenter)
        action.payload = CommentStarted(
            int(commenter),
            int(speech.holder),
            number=commented.comments,
            seconds=action.params.comment_seconds,
        )


def debate_close(*, committee: Committee, user: Any) -> None:
    """With gsl_exhaustion_action=prompt_chair, the chair closes debate on an exhausted list."""
    with floor_action(committee, kind=EventKind.GSL_DEBATE_CLOSED, user=user) as action:
        _require_gsl_phase(action)
        if not rules.list_status(action.params, action.doc.gsl).exhausted:
            raise FloorRefusal(
                _("Debate closes this way only once the speakers' list is exhausted.")
            )
        action.payload = DebateClosed(admitted=_enter_voting_procedure(action))
