"""Sentences for motions, their procedural votes, and the meeting resumed.

A motion is named by its label in the reader's language (committee/labels.py); a vote's result
gives Yes–No, then what else the result did, as clauses: the motions it superseded, and an
effect the dais must apply by hand.
"""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from committee.labels import document_label, motion_label
from committee.log.describe import Names
from committee.procedure.choices import MotionCode
from committee.procedure.electorate import VoteChoice
from committee.procedure.facts import EventKind
from committee.procedure.facts.motions import (
    BallotCast,
    MeetingResumed,
    MotionChange,
    MotionDecision,
    MotionRaised,
    MotionRuled,
    MotionSeconded,
    MotionVoteClosed,
    MotionVoteOpened,
    MotionWithdrawn,
)
from committee.wording import join_clauses, join_names


def _raised(facts: MotionRaised, names: Names) -> str:
    words = {"motion": motion_label(facts.code), "movers": names.join(facts.movers)}
    if facts.point_by is not None:
        return _appeal_of_point_moved(facts, names)
    if facts.over_cap:
        return (
            _("%(motion)s moved by %(movers)s: over the limits, change offered to the mover")
            % words
        )
    if facts.merged_into:
        return _("%(motion)s moved again: merged, now moved by %(movers)s") % words
    if facts.papers:
        return _drafts_moved(facts, names)
    return _("%(motion)s moved by %(movers)s") % words


def _drafts_moved(facts: MotionRaised, names: Names) -> str:
    """A voting-procedure motion, with the drafts it names as labelled when it was moved and a
    division's parts as numbered then."""
    drafts = [document_label(ref.kind, ref.topic, ref.number) for ref in facts.papers]
    movers = names.join(facts.movers)
    if facts.code is MotionCode.REORDER_DRS:
        return _("%(movers)s moved to vote on the draft resolutions in this order: %(order)s") % {
            "movers": movers,
            "order": join_names(drafts),
        }
    if facts.code is MotionCode.DIVIDE_QUESTION and facts.part_numbers:
        return ngettext(
            "%(movers)s moved to divide the question on %(document)s: operative clause "
            "%(parts)s separately",
            "%(movers)s moved to divide the question on %(document)s: operative clauses "
            "%(parts)s separately",
            len(facts.part_numbers),
        ) % {"movers": movers, "document": drafts[0], "parts": join_names(facts.part_numbers)}
    words = {"motion": motion_label(facts.code), "movers": movers, "document": drafts[0]}
    return _("%(motion)s on %(document)s moved by %(movers)s") % words


def _appeal_of_point_moved(facts: MotionRaised, names: Names) -> str:
    """An appeal of the chair's ruling on a delegation's point of order."""
    words = {"delegation": names(facts.point_by), "movers": names.join(facts.movers)}
    if facts.merged_into:
        return (
            _(
                "Appeal of the ruling on the point of order of %(delegation)s moved again: "
                "now moved by %(movers)s"
            )
            % words
        )
    return (
        _("Appeal of the ruling on the point of order of %(delegation)s moved by %(movers)s")
        % words
    )


def _change_suggested(facts: MotionChange, _names: Names) -> str:
    return _("Change to %(motion)s suggested to the mover") % {"motion": motion_label(facts.code)}


def _change_accepted(facts: MotionChange, names: Names) -> str:
    words = {"motion": motion_label(facts.code), "mover": names(facts.mover)}
    if facts.answered_by_dais:
        return _("%(mover)s accepted the change to %(motion)s (answered by the dais)") % words
    return _("The mover accepted the change to %(motion)s") % words


def _change_refused(facts: MotionChange, names: Names) -> str:
    words = {"motion": motion_label(facts.code), "mover": names(facts.mover)}
    if facts.answered_by_dais:
        if facts.friendly:
            return _("%(mover)s refused the change to %(motion)s (answered by the dais)") % words
        return (
            _("%(mover)s refused the limits (answered by the dais): %(motion)s is out of order")
            % words
        )
    if facts.friendly:
        return _("The mover refused the change to %(motion)s") % words
    return _("The mover refused the limits: %(motion)s is out of order") % words


def _seconded(facts: MotionSeconded, names: Names) -> str:
    return _("%(motion)s seconded by %(seconder)s") % {
        "motion": motion_label(facts.code),
        "seconder": names(facts.seconder),
    }


def _withdrawn(facts: MotionWithdrawn, names: Names) -> str:
    withdrawn = _("%(motion)s withdrawn by %(by)s") % {
        "motion": motion_label(facts.code),
        "by": names.join(facts.by),
    }
    if not facts.still_moved_by:
        return withdrawn
    still = _("still moved by %(movers)s") % {"movers": names.join(facts.still_moved_by)}
    return join_clauses((withdrawn, still))


def _ruled(facts: MotionRuled, _names: Names) -> str:
    words = {"motion": motion_label(facts.code)}
    if facts.decision is MotionDecision.IN_ORDER:
        return _("%(motion)s ruled in order") % words
    if facts.decision is MotionDecision.DILATORY:
        return _("%(motion)s ruled dilatory") % words
    return _("%(motion)s ruled out of order") % words


def _vote_opened(facts: MotionVoteOpened, _names: Names) -> str:
    words = {"motion": motion_label(facts.code)}
    if facts.by_phone:
        return _("Phone vote on %(motion)s") % words
    return _("Placard vote on %(motion)s") % words


def _ballot(facts: BallotCast, names: Names) -> str:
    words = {"delegation": names(facts.delegation)}
    yes = facts.choice.counts_as is VoteChoice.YES
    if facts.entered_by_dais:
        if yes:
            return _("%(delegation)s voted Yes (entered by the dais)") % words
        return _("%(delegation)s voted No (entered by the dais)") % words
    return (_("%(delegation)s voted Yes") if yes else _("%(delegation)s voted No")) % words


def _appeal_of_point_decided(facts: MotionVoteClosed, names: Names) -> str:
    """The ruling on a delegation's point of order overturned or standing; a point ruled out of
    order and overturned is heard again."""
    words = {"delegation": names(facts.point_by), "yes": facts.yes, "no": facts.no}
    if not facts.ruling_overturned:
        return (
            _("Appeal: the ruling on the point of order of %(delegation)s stands (%(yes)s–%(no)s)")
            % words
        )
    overturned = (
        _(
            "Appeal: the ruling on the point of order of %(delegation)s is overturned "
            "(%(yes)s–%(no)s)"
        )
        % words
    )
    if not facts.point_heard_again:
        return overturned
    return join_clauses((overturned, _("the chair hears the point again")))


def _vote_closed(facts: MotionVoteClosed, names: Names) -> str:
    words = {"motion": motion_label(facts.code), "yes": facts.yes, "no": facts.no}
    if facts.code is MotionCode.APPEAL and facts.point_by is not None:
        return _appeal_of_point_decided(facts, names)
    if facts.code is MotionCode.APPEAL:
        if facts.ruling_overturned:
            return _("%(motion)s: the ruling is overturned (%(yes)s–%(no)s)") % words
        return _("%(motion)s: the ruling stands (%(yes)s–%(no)s)") % words
    if not facts.passed:
        return _("%(motion)s failed (%(yes)s–%(no)s)") % words
    clauses = [_("%(motion)s carried (%(yes)s–%(no)s)") % words]
    if facts.superseded:
        swept = join_names(motion_label(ref.code) for ref in facts.superseded)
        clauses.append(_("superseded, not voted: %(motions)s") % {"motions": swept})
    if facts.effect_error:
        clauses.append(_("not carried out automatically: the dais applies it by hand"))
    return join_clauses(clauses)


def _resumed(_facts: MeetingResumed, _names: Names) -> str:
    return _("The meeting resumed")


SENTENCES = {
    EventKind.MOTION_RAISED: _raised,
    EventKind.MOTION_CHANGE_SUGGESTED: _change_suggested,
    EventKind.MOTION_CHANGE_ACCEPTED: _change_accepted,
    EventKind.MOTION_CHANGE_REFUSED: _change_refused,
    EventKind.MOTION_SECONDED: _seconded,
    EventKind.MOTION_WITHDRAWN: _withdrawn,
    EventKind.MOTION_RULED: _ruled,
    EventKind.MOTION_VOTE_OPENED: _vote_opened,
    EventKind.MOTION_BALLOT_CAST: _ballot,
    EventKind.MOTION_BALLOT_ENTERED: _ballot,
    EventKind.MOTION_VOTE_CLOSED: _vote_closed,
    EventKind.MEETING_RESUMED: _resumed,
}
