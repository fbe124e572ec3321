"""The general speakers' list and its speeches with yields (procedure.md §2.2, §8.6–8.8, §8.11).

Every function is one floor action: it loads the delegation it is asked about, checks that the
action still applies to the floor the asker saw (two dais members clicking at once: the second
one gets a clear refusal instead of, say, skipping a speaker), and applies the engine's
transition (committee.procedure.speakers_floor), which decides every rule. The turns at the
microphone the transition ends become Speech rows as it is applied: the speaker's own (`gsl`,
with the yield it made) and the time a delegate yielded to speaks (`yielded`), both counted on
the speech's clock, so interruptions are left out.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from committee.models import Committee, Delegation
from committee.procedure import speakers_floor
from committee.procedure.choices import YieldKind
from committee.procedure.facts import EventKind
from committee.procedure.speeches import SpeechStage
from committee.services.floor import FloorAction, FloorRefusal, floor_action

FLOOR_MOVED_ON = _("The floor has moved on meanwhile: look at the list again.")


def _key(delegation: Delegation | None) -> str | None:
    """The floor's key of the delegation acting from its phone; None for the dais."""
    return None if delegation is None else str(delegation.pk)


def _refuse_if_speech_ended(action: FloorAction) -> None:
    """Another dais screen has ended the speech meanwhile."""
    speech = action.doc.speech
    if speech is not None and speech.gsl and speech.stage is SpeechStage.ENDED:
        raise FloorRefusal(_("The speech has already ended."))


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
        action.apply(
            speakers_floor.add_speaker(
                action.doc, action.params, key, requested_by=_key(delegation)
            )
        )


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
        action.apply(speakers_floor.remove_speaker(action.doc, key, requested_by=_key(delegation)))


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
        seen_there = speakers_floor.entry_at(action.doc, from_position)
        if seen_there is not None and seen_there != key:
            raise FloorRefusal(_("The speakers' list has changed meanwhile. Try again."))
        action.apply(
            speakers_floor.move_speaker(action.doc, action.params, from_position, to_position)
        )


def self_service_set(*, committee: Committee, user: Any, on: bool) -> None:
    """Let delegations add themselves (and see the button) from their phones, or stop it."""
    with floor_action(committee, kind=EventKind.GSL_SELF_SERVICE, user=user) as action:
        if action.doc.gsl_self_service == on:  # another dais screen did it meanwhile
            if on:
                raise FloorRefusal(_("Phones can already add themselves to the list."))
            raise FloorRefusal(_("Phones already cannot add themselves to the list."))
        action.apply(speakers_floor.set_self_service(action.doc, on))


def list_closed_set(*, committee: Committee, user: Any, closed: bool) -> None:
    """Close the list to new names, or reopen it."""
    with floor_action(committee, kind=EventKind.GSL_LIST_CLOSED, user=user) as action:
        if action.doc.gsl.closed == closed:  # another dais screen did it meanwhile
            if closed:
                raise FloorRefusal(_("The speakers' list is already closed."))
            raise FloorRefusal(_("The speakers' list is already open."))
        action.apply(speakers_floor.set_list_closed(action.doc, action.params, closed))


# ---- speeches ------------------------------------------------------------------------------------


def speaker_next(*, committee: Committee, user: Any, seen_current: str | None = None) -> None:
    """End the current speech, if any, and give the floor to the next speaker on the list.

    `seen_current` is who had the floor on the asker's screen ("" for nobody): if the floor
    has moved on meanwhile, the request is refused rather than skipping a speaker.
    """
    with floor_action(committee, kind=EventKind.GSL_SPEAKER_CALLED, user=user) as action:
        if seen_current is not None and seen_current != (action.doc.gsl.current or ""):
            raise FloorRefusal(FLOOR_MOVED_ON)
        action.apply(
            speakers_floor.call_next_speaker(
                action.doc, action.params, action.attendees(), action.now
            )
        )


def speech_end(*, committee: Committee, user: Any, seen_speaker: str | None = None) -> None:
    """The chair ends the GSL speech under way (time is up, or the speaker has finished)."""
    with floor_action(committee, kind=EventKind.GSL_SPEECH_ENDED, user=user) as action:
        _refuse_if_speech_ended(action)
        speech = action.doc.speech
        if seen_speaker is not None and speech is not None and seen_speaker != speech.speaker:
            raise FloorRefusal(FLOOR_MOVED_ON)
        action.apply(
            speakers_floor.end_speech(action.doc, action.params, action.attendees(), action.now)
        )


def yield_declare(
    *, committee: Committee, user: Any, kind: str, target_id: int | str | None = None
) -> None:
    """The holder of the floor yields the remaining time (§2.2 "Yields"), as the chair records."""
    with floor_action(committee, kind=EventKind.GSL_YIELD, user=user) as action:
        _refuse_if_speech_ended(action)
        target = None if target_id is None else str(action.delegation(target_id).pk)
        action.apply(
            speakers_floor.declare_yield(
                action.doc,
                action.params,
                action.attendees(),
                YieldKind(kind),
                action.now,
                target=target,
            )
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
        action.apply(
            speakers_floor.answer_yield(
                action.doc,
                action.params,
                action.attendees(),
                accept,
                action.now,
                requested_by=_key(delegation),
            )
        )


def question_ask(
    *,
    committee: Committee,
    user: Any,
    questioner_id: int | str | None = None,
    follow_up: bool = False,
) -> None:
    """The chair recognises a questioner who asks, or the last one asks a follow-up; asking
    time does not count (§2.2)."""
    with floor_action(committee, kind=EventKind.GSL_QUESTION, user=user) as action:
        _refuse_if_speech_ended(action)
        if follow_up:
            action.apply(speakers_floor.ask_follow_up(action.doc, action.params, action.now))
            return
        if questioner_id is None:
            raise FloorRefusal(_("Choose the delegation that asks the question."))
        questioner = str(action.delegation(questioner_id).pk)
        action.apply(speakers_floor.ask_question(action.doc, action.params, questioner, action.now))


def answer_start(*, committee: Committee, user: Any) -> None:
    """The speaker answers: the remaining time runs."""
    with floor_action(committee, kind=EventKind.GSL_ANSWER_STARTED, user=user) as action:
        _refuse_if_speech_ended(action)
        action.apply(speakers_floor.start_answer(action.doc, action.now))


def answer_finish(*, committee: Committee, user: Any) -> None:
    """The answer is over: back to recognising questioners, or the speech ends if time is up."""
    with floor_action(committee, kind=EventKind.GSL_ANSWER_FINISHED, user=user) as action:
        _refuse_if_speech_ended(action)
        action.apply(
            speakers_floor.finish_answer(action.doc, action.params, action.attendees(), action.now)
        )


def comment_start(*, committee: Committee, user: Any, commenter_id: int | str) -> None:
    """The chair recognises a delegate to comment on the speech, for comment_seconds (§2.2)."""
    with floor_action(committee, kind=EventKind.GSL_COMMENT, user=user) as action:
        _refuse_if_speech_ended(action)
        commenter = str(action.delegation(commenter_id).pk)
        action.apply(speakers_floor.start_comment(action.doc, action.params, commenter, action.now))


# ---- open to points of information (THIMUN) ----------------------------------------------------


def pois_open(
    *,
    committee: Committee,
    offered: int | None = None,
    user: Any = None,
    delegation: Delegation | None = None,
) -> None:
    """The holder of the floor is open to `offered` points of information (None: as many as
    the chair takes), on its phone or as the dais records; its clock stops (§4, §7.2)."""
    with floor_action(
        committee, kind=EventKind.GSL_POIS_OPENED, user=user, delegation=delegation
    ) as action:
        _refuse_if_speech_ended(action)
        action.apply(
            speakers_floor.open_to_pois(
                action.doc,
                action.params,
                action.now,
                offered=offered,
                requested_by=_key(delegation),
            )
        )


def pois_close(
    *, committee: Committee, user: Any = None, delegation: Delegation | None = None
) -> None:
    """The holder takes no more points of information; those still waiting lapse."""
    with floor_action(
        committee, kind=EventKind.GSL_POIS_CLOSED, user=user, delegation=delegation
    ) as action:
        _refuse_if_speech_ended(action)
        speech = action.doc.speech
        if speech is not None and speech.gsl and speech.stage is not SpeechStage.OPEN_TO_POIS:
            raise FloorRefusal(_("The speaker is no longer taking points of information."))
        action.apply(speakers_floor.close_pois(action.doc, requested_by=_key(delegation)))


def debate_close(*, committee: Committee, user: Any) -> None:
    """With gsl_exhaustion_action=prompt_chair, the chair closes debate on an exhausted list."""
    with floor_action(committee, kind=EventKind.GSL_DEBATE_CLOSED, user=user) as action:
        action.apply(
            speakers_floor.close_debate(action.doc, action.params, action.attendees(), action.now)
        )
