"""Sentences for voting procedure: the question put, ballots and roll-call answers, objections
to consensus, results, voided results and the end of voting procedure.

An item is named as it stood when the event happened: "DR 1.1", "amendment 2 to DR 1.1",
"operative clause 3 of DR 1.1".
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from committee.labels import VOTE_CHOICES, VOTE_ITEM_STATUSES, VOTE_METHODS, document_label, label
from committee.log.describe import Names
from committee.procedure.facts import EventKind
from committee.procedure.facts.voting import (
    AmendmentsOrdered,
    ConsensusFailed,
    ConsensusObjected,
    RollCallRoundTwo,
    VoteAnnounced,
    VoteBallot,
    VoteOpened,
    VoteSubject,
    VoteVoided,
    VotingProcedureEnded,
)
from committee.procedure.thresholds import Verdict
from committee.procedure.voting import ItemKind
from committee.wording import join_clauses, join_names


def _item(subject: VoteSubject) -> str:
    doc = subject.doc
    dr = document_label(doc.kind, doc.topic, doc.number) if doc else _("a draft resolution")
    if subject.kind is ItemKind.AMENDMENT:
        return _("amendment %(number)s to %(document)s") % {
            "number": subject.amendment_number or "?",
            "document": dr,
        }
    if subject.kind is ItemKind.DIVISION_PART:
        return _("operative clause %(clause)s of %(document)s") % {
            "clause": subject.clause_label or "?",
            "document": dr,
        }
    return dr


def _opened(facts: VoteOpened, names: Names) -> str:
    words = {
        "item": _item(facts.subject),
        "method": label(VOTE_METHODS, facts.method),
        "count": facts.electorate,
    }
    clauses = [_("%(item)s put to the committee by %(method)s; %(count)s may vote") % words]
    if facts.seed is not None:
        clauses.append(
            _("the roll is called from %(first)s, drawn by lot (seed %(seed)s)")
            % {"first": names(facts.first_called), "seed": facts.seed}
        )
    if not facts.abstentions_allowed:
        clauses.append(_("division of the house: no abstentions"))
    return join_clauses(clauses)


def _ballot_words(facts: VoteBallot, names: Names) -> dict[str, object]:
    return {
        "delegation": names(facts.delegation),
        "choice": label(VOTE_CHOICES, facts.choice),
        "item": _item(facts.subject),
    }


def _cast(facts: VoteBallot, names: Names) -> str:
    if facts.changed:
        return _("%(delegation)s changed its vote on %(item)s to %(choice)s") % _ballot_words(
            facts, names
        )
    return _("%(delegation)s voted %(choice)s on %(item)s") % _ballot_words(facts, names)


def _entered(facts: VoteBallot, names: Names) -> str:
    return _("The dais entered %(choice)s for %(delegation)s on %(item)s") % _ballot_words(
        facts, names
    )


def _answered(facts: VoteBallot, names: Names) -> str:
    words = _ballot_words(facts, names)
    if facts.changed:
        return _("Roll call on %(item)s: the answer of %(delegation)s corrected to %(choice)s") % (
            words
        )
    if facts.round > 1:
        return _("Roll call on %(item)s, round 2: %(delegation)s answered %(choice)s") % words
    return _("Roll call on %(item)s: %(delegation)s answered %(choice)s") % words


def _round_two(facts: RollCallRoundTwo, names: Names) -> str:
    return _("Roll call on %(item)s: the passers are called again (%(delegations)s)") % {
        "item": _item(facts.subject),
        "delegations": names.join(facts.passers),
    }


def _objected(facts: ConsensusObjected, names: Names) -> str:
    words = {"delegation": names(facts.delegation), "item": _item(facts.subject)}
    if not facts.counts:
        return (
            _("%(delegation)s objected to adopting %(item)s without a vote (it cannot block)")
            % words
        )
    return _("%(delegation)s objected to adopting %(item)s without a vote") % words


def _announced(facts: VoteAnnounced, names: Names) -> str:
    words = {
        "item": _item(facts.subject),
        "yes": facts.yes,
        "no": facts.no,
        "abstain": facts.abstain,
        "required": facts.required_yes,
        "base": facts.base_size,
    }
    if facts.verdict is None:
        sentence = _("%(item)s adopted without a vote") % words
    elif facts.passed:
        sentence = (
            _(
                "%(item)s adopted: Yes %(yes)s, No %(no)s, Abstain %(abstain)s "
                "(%(required)s Yes needed of %(base)s)"
            )
            % words
        )
    elif facts.verdict is Verdict.EQUALLY_DIVIDED:
        sentence = _("%(item)s rejected, the votes equally divided: Yes %(yes)s, No %(no)s") % words
    else:
        sentence = (
            _(
                "%(item)s rejected: Yes %(yes)s, No %(no)s, Abstain %(abstain)s "
                "(%(required)s Yes needed of %(base)s)"
            )
            % words
        )
    clauses = [sentence]
    clauses += [
        _("%(item)s, without its own vote: %(status)s")
        % {
            "item": _item(settled.subject) if settled.subject else settled.ref,
            "status": label(VOTE_ITEM_STATUSES, settled.status),
        }
        for settled in facts.settled
    ]
    if facts.rights:
        clauses.append(
            _("explanations of vote: %(delegations)s") % {"delegations": names.join(facts.rights)}
        )
    return join_clauses(clauses)


def _consensus_failed(facts: ConsensusFailed, names: Names) -> str:
    words = {"item": _item(facts.subject), "delegations": names.join(facts.objections)}
    if facts.to_vote:
        return _("Objection by %(delegations)s: %(item)s goes to a vote") % words
    return _("Objection by %(delegations)s: %(item)s goes back to negotiation") % words


def _voided(facts: VoteVoided, names: Names) -> str:
    return _("The result on %(item)s was voided: %(reason)s") % {
        "item": _item(facts.subject),
        "reason": facts.reason,
    }


def _amendments_ordered(facts: AmendmentsOrdered, names: Names) -> str:
    return _("The amendments to %(document)s will be voted in this order: %(numbers)s") % {
        "document": document_label(facts.doc.kind, facts.doc.topic, facts.doc.number),
        "numbers": join_names(str(n) for n in facts.numbers),
    }


def _ended(facts: VotingProcedureEnded, names: Names) -> str:
    if facts.adopted:
        return _("Voting procedure ended")
    return _("Voting procedure ended with no draft resolution adopted")


SENTENCES = {
    EventKind.VOTE_OPENED: _opened,
    EventKind.VOTE_BALLOT_CAST: _cast,
    EventKind.VOTE_BALLOT_ENTERED: _entered,
    EventKind.VOTE_ROLL_ANSWERED: _answered,
    EventKind.VOTE_ROLL_ROUND_TWO: _round_two,
    EventKind.VOTE_CONSENSUS_OBJECTED: _objected,
    EventKind.VOTE_ANNOUNCED: _announced,
    EventKind.VOTE_CONSENSUS_FAILED: _consensus_failed,
    EventKind.VOTE_VOIDED: _voided,
    EventKind.VOTE_AMENDMENTS_ORDERED: _amendments_ordered,
    EventKind.VOTING_PROCEDURE_ENDED: _ended,
}
