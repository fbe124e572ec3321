"""Voting procedure as the dais, the projector and the phones show it (procedure.md §6).

`VotingPanel` is read from the floor (the order of voting, the question open, the last
result) and from the record (the question's row with who may vote, its ballots and
objections): three queries at most, whatever the committee's size. Every count shown is
the engine's, computed from the ballot rows; labels are worded when a template reads them,
in the language being drawn.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any

from django.utils.translation import pgettext

from committee.floor import decode_electorate
from committee.labels import VOTE_CHOICES, VOTE_ITEM_STATUSES, VOTE_METHODS, VOTING_TRIGGERS, label
from committee.models import Ballot, ConsensusObjection, Delegation, Question
from committee.procedure import voting_floor
from committee.procedure.electorate import ElectorateSnapshot, VoteChoice
from committee.procedure.errors import ProcedureError
from committee.procedure.thresholds import Outcome, Threshold, parse_threshold
from committee.procedure.voting import ItemKind, ItemStatus, VoteItem, outcome_of, tally_votes
from committee.procedure.voting_state import OpenQuestion, VoteMethod, VotingState, ref_target

if TYPE_CHECKING:
    from committee.selectors import FloorView

# The answers a phone offers, in the order of its buttons.
PHONE_CHOICES = (
    VoteChoice.YES,
    VoteChoice.NO,
    VoteChoice.ABSTAIN,
    VoteChoice.YES_WITH_RIGHTS,
    VoteChoice.NO_WITH_RIGHTS,
)
# The answers the dais records at a roll call, each on a key (Y, N, A, P, R, T).
ROLL_CALL_CHOICES = (
    VoteChoice.YES,
    VoteChoice.NO,
    VoteChoice.ABSTAIN,
    VoteChoice.PASS,
    VoteChoice.YES_WITH_RIGHTS,
    VoteChoice.NO_WITH_RIGHTS,
)
REFUSED = "refused"


@dataclass
class ItemRow:
    """One item of the order of voting."""

    item: VoteItem
    view: FloorView
    current: bool = False
    move_up: str = ""  # the DR's amendments in order with this one a place earlier ("am:2,am:1")

    @property
    def ref(self) -> str:
        return self.item.ref

    @property
    def kind(self) -> str:
        return self.item.kind.value

    @property
    def status(self) -> str:
        return self.item.status.value

    @property
    def status_label(self) -> str:
        return label(VOTE_ITEM_STATUSES, self.item.status)

    @property
    def document_id(self) -> int:
        return int(self.item.dr_id.removeprefix("dr:"))

    @property
    def dr_label(self) -> str:
        card = self.view.document_card(self.document_id)
        return card.label if card is not None else ""

    @property
    def label(self) -> str:
        """ "DR 1.1", "Amendment 2 to DR 1.1", "Operative clause 3(b) of DR 1.1"."""
        dr = self.dr_label
        if self.item.kind is ItemKind.AMENDMENT:
            card = self.view.document_card(self.document_id)
            number = next(
                (
                    a.number
                    for a in (card.amendments if card else [])
                    if str(a.pk) == ref_target(self.item)
                ),
                "?",
            )
            return pgettext("vote item", "Amendment %(number)s to %(dr)s") % {
                "number": number,
                "dr": dr,
            }
        if self.item.kind is ItemKind.DIVISION_PART:
            return pgettext("vote item", "Operative clause %(clause)s of %(dr)s") % {
                "clause": self.view.clause_label(self.document_id, ref_target(self.item)),
                "dr": dr,
            }
        return dr

    @property
    def text(self) -> str:
        """What the item changes or keeps, for the room to read: the amendment's words or the
        clause's text."""
        card = self.view.document_card(self.document_id)
        if card is None:
            return ""
        if self.item.kind is ItemKind.AMENDMENT:
            amendment = next(
                (a for a in card.amendments if str(a.pk) == ref_target(self.item)), None
            )
            return amendment.row.text if amendment is not None else ""
        if self.item.kind is ItemKind.DIVISION_PART:
            return self.view.clause_text(self.document_id, ref_target(self.item))
        return card.title


@dataclass
class Answer:
    """One delegation in a question's record: its answer (or none yet) and how it came."""

    delegation: Delegation
    choice: str = ""
    second: str = ""  # a passer's answer in round 2
    entered_by_dais: bool = False

    @property
    def choice_label(self) -> str:
        return label(VOTE_CHOICES, self.choice) if self.choice else ""

    @property
    def second_label(self) -> str:
        return label(VOTE_CHOICES, self.second) if self.second else ""


@dataclass
class QuestionView:
    """The question open now, with its live tally from the ballot rows."""

    open: OpenQuestion
    row: ItemRow
    snapshot: ElectorateSnapshot
    threshold: Threshold
    first_round: dict[str, Ballot]
    second_round: dict[str, Ballot]
    objections: list[ConsensusObjection]
    call_order: tuple[str, ...]
    view: FloorView
    params: Any

    @property
    def method(self) -> str:
        return self.open.method.value

    @property
    def method_label(self) -> str:
        return label(VOTE_METHODS, self.open.method)

    @property
    def round(self) -> int:
        return self.open.round

    @property
    def electorate_size(self) -> int:
        return self.snapshot.size

    @cached_property
    def votes(self) -> dict[str, VoteChoice]:
        """The answers that count now: round 1, a passer's round-2 answer over its Pass."""
        votes: dict[str, VoteChoice] = {}
        for key, ballot in self.first_round.items():
            if ballot.choice in {c.value for c in VoteChoice}:
                votes[key] = VoteChoice(ballot.choice)
        for key, ballot in self.second_round.items():
            if ballot.choice == REFUSED:
                votes.pop(key, None)
            else:
                votes[key] = VoteChoice(ballot.choice)
        return {k: v for k, v in votes.items() if v is not VoteChoice.PASS}

    @cached_property
    def outcome(self) -> Outcome:
        """The result if the vote closed now: the bar's numbers and its threshold line."""
        tally = tally_votes(self.snapshot, self.votes)
        return outcome_of(self.params, self.snapshot, self.threshold, tally)

    @property
    def live(self) -> bool:
        """Phones and roll calls are counted as they come; placards only when closed."""
        return self.open.method in (VoteMethod.PHONES, VoteMethod.ROLL_CALL)

    @property
    def cast(self) -> int:
        return len(self.first_round)

    @property
    def missing(self) -> int:
        return max(self.snapshot.size - self.cast, 0)

    @cached_property
    def not_voted(self) -> list[Delegation]:
        return [
            self.view.by_id[key]
            for key in self.snapshot.ids
            if key not in self.first_round and key in self.view.by_id
        ]

    @property
    def entered_by_dais(self) -> int:
        return sum(1 for b in self.first_round.values() if b.entered_by_dais)

    @cached_property
    def bar(self) -> dict[str, float]:
        """Widths in per cent of the electorate for the projector's bar, and the line where
        the threshold falls."""
        size = max(self.snapshot.size, 1)
        tally = self.outcome.tally
        return {
            "yes": round(100 * tally.yes / size, 2),
            "no": round(100 * tally.no / size, 2),
            "abstain": round(100 * tally.abstain / size, 2),
            "line": round(100 * min(self.outcome.required_yes, size) / size, 2),
        }

    @property
    def bar_yes(self) -> float:
        return self.bar["yes"]

    @property
    def bar_no(self) -> float:
        return self.bar["no"]

    @property
    def bar_abstain(self) -> float:
        return self.bar["abstain"]

    @property
    def bar_line(self) -> float:
        return self.bar["line"]

    # ---- roll call ----

    @cached_property
    def roll(self) -> list[Answer]:
        rows = []
        for key in self.call_order:
            delegation = self.view.by_id.get(key)
            if delegation is None:
                continue
            first, second = self.first_round.get(key), self.second_round.get(key)
            rows.append(
                Answer(
                    delegation,
                    first.choice if first else "",
                    second.choice if second else "",
                    bool(first and first.entered_by_dais),
                )
            )
        return rows

    @cached_property
    def _still_to_call(self) -> list[str]:
        """Who is still to answer at the roll call in this round, in calling order."""
        if self.open.method is not VoteMethod.ROLL_CALL:
            return []
        if self.open.round == 1:
            return [k for k in self.call_order if k not in self.first_round]
        passers = [
            k for k in self.call_order if (b := self.first_round.get(k)) and b.choice == "pass"
        ]
        return [k for k in passers if k not in self.second_round]

    @property
    def called_next(self) -> Delegation | None:
        """Who answers now at the roll call."""
        waiting = self._still_to_call
        return self.view.by_id.get(waiting[0]) if waiting else None

    @property
    def called_after(self) -> Delegation | None:
        """Who is called after the one answering now: its phone says to be ready."""
        waiting = self._still_to_call
        return self.view.by_id.get(waiting[1]) if len(waiting) > 1 else None

    @property
    def passers_waiting(self) -> bool:
        """Round 1 is over and some passed: the dais calls them again."""
        return (
            self.open.method is VoteMethod.ROLL_CALL
            and self.open.round == 1
            and self.called_next is None
            and any(b.choice == "pass" for b in self.first_round.values())
        )

    @property
    def roll_call_choices(self) -> list[tuple[str, str]]:
        choices = ROLL_CALL_CHOICES if self.open.round == 1 else (VoteChoice.YES, VoteChoice.NO)
        return [(c.value, label(VOTE_CHOICES, c)) for c in choices if self._offered(c)]

    def _offered(self, choice: VoteChoice) -> bool:
        if choice.with_rights:
            return bool(self.params.rights_enabled)
        if choice is VoteChoice.PASS:
            return bool(self.params.allow_pass)
        if choice is VoteChoice.ABSTAIN:
            return any(v.may_abstain for v in self.snapshot.voters)
        return True

    @property
    def seed(self) -> int | None:
        return self.view.voting_question_row.call_seed if self.view.voting_question_row else None

    # ---- consensus ----

    @property
    def objections_until_ms(self) -> int | None:
        until = self.open.objections_until
        return int(until.timestamp() * 1000) if until else None

    @property
    def window_open(self) -> bool:
        until = self.open.objections_until
        return until is not None and self.view.now < until

    @cached_property
    def objectors(self) -> list[tuple[Delegation, bool]]:
        """Who objected, and whether the objection counts (a Member State present)."""
        rows = []
        for objection in self.objections:
            delegation = self.view.by_id.get(str(objection.delegation_id))
            if delegation is None:
                continue
            counts = delegation.is_member and str(delegation.pk) in self.view.doc.present_ids()
            rows.append((delegation, counts))
        return rows

    # ---- the phones, by delegation id (templates read them with `lookup`) ----

    @cached_property
    def phone_choices(self) -> dict[str, list[tuple[str, Any]]]:
        """The buttons each delegation's phone offers: (choice, words)."""
        # The words stay lazy: one view is drawn in every language.
        return {
            key: [(c, VOTE_CHOICES[c]) for c in self.choices_for(key)] for key in self.snapshot.ids
        }

    @cached_property
    def phone_ballots(self) -> dict[str, str]:
        return {key: ballot.choice for key, ballot in self.first_round.items()}

    @cached_property
    def phone_ballot_labels(self) -> dict[str, Any]:
        return {key: VOTE_CHOICES[choice] for key, choice in self.phone_ballots.items()}

    @cached_property
    def objected_by(self) -> dict[str, bool]:
        return {str(o.delegation_id): True for o in self.objections}

    @cached_property
    def voters(self) -> dict[str, bool]:
        return dict.fromkeys(self.snapshot.ids, True)

    # ---- one phone ----

    def may_vote(self, key: str) -> bool:
        return key in self.snapshot.ids

    def choices_for(self, key: str) -> tuple[str, ...]:
        """The answers this delegation's phone offers on this question."""
        if self.open.method is not VoteMethod.PHONES or key not in self.snapshot.ids:
            return ()
        voter = self.snapshot.voter(key)
        offered = []
        for choice in PHONE_CHOICES:
            if choice is VoteChoice.ABSTAIN and not voter.may_abstain:
                continue
            if choice.with_rights and not self.params.rights_enabled:
                continue
            offered.append(choice.value)
        return tuple(offered)

    def ballot_of(self, key: str) -> str:
        ballot = self.first_round.get(key)
        return ballot.choice if ballot else ""

    def objected(self, key: str) -> bool:
        return any(str(o.delegation_id) == key for o in self.objections)


@dataclass
class ResultView:
    """The last result announced, as the record keeps it."""

    row: ItemRow
    question: Question | None
    passed: bool
    method: VoteMethod
    voidable: bool = True
    answers: list[Answer] = field(default_factory=list)

    @property
    def method_label(self) -> str:
        return label(VOTE_METHODS, self.method)

    @property
    def without_vote(self) -> bool:
        return self.method is VoteMethod.CONSENSUS

    @property
    def threshold(self) -> Threshold | None:
        q = self.question
        return parse_threshold(q.threshold) if q and q.threshold and not self.without_vote else None

    @property
    def votes(self) -> list[Answer]:
        """Every delegation's vote, where the method records one (phones, roll call)."""
        if self.question is None or self.method not in (VoteMethod.PHONES, VoteMethod.ROLL_CALL):
            return []
        ballots = self.row.view.voting_last_ballots
        by_id = self.row.view.by_id
        rows = []
        for key in decode_electorate(self.question.electorate).ids:
            first, second = ballots.get((key, 1)), ballots.get((key, 2))
            if key in by_id:
                rows.append(
                    Answer(
                        by_id[key],
                        first.choice if first else "",
                        second.choice if second else "",
                        bool(first and first.entered_by_dais),
                    )
                )
        return rows

    @property
    def rights(self) -> list[Delegation]:
        if self.question is None:
            return []
        by_id = self.row.view.by_id
        return [by_id[str(d)] for d in self.question.rights if str(d) in by_id]


class VotingPanel:
    def __init__(self, view: FloorView) -> None:
        self.view = view
        self.state: VotingState | None = view.doc.voting

    @property
    def active(self) -> bool:
        return self.state is not None and self.view.phase == "voting_procedure"

    @property
    def on_screen(self) -> bool:
        """The projector shows the question put, else the last result, while voting lasts
        and no procedural vote runs."""
        return (
            self.active
            and self.view.doc.vote is None
            and (self.question is not None or self.last is not None or self.next_item is not None)
        )

    @property
    def trigger_label(self) -> str:
        return label(VOTING_TRIGGERS, self.state.trigger) if self.state else ""

    @property
    def admitted(self) -> int:
        return len(self.state.admitted) if self.state else 0

    @cached_property
    def at_the_door(self) -> list[Delegation]:
        """Arrived after the doors closed: in the room for the record, no ballot here."""
        marks = self.view.doc.attendance
        return [d for d in self.view.delegations if (m := marks.get(str(d.pk))) and m.held_at_door]

    @cached_property
    def items(self) -> list[ItemRow]:
        if self.state is None:
            return []
        current = self.state.question.ref if self.state.question else None
        rows = [ItemRow(i, self.view, i.ref == current) for i in self.state.items]
        for dr in self.state.drs:
            self._offer_reordering(rows, dr.dr_id, dict(dr.second_degree))
        return rows

    def _offer_reordering(self, rows: list[ItemRow], dr_id: str, parent_of: dict[str, str]) -> None:
        """Before a DR's first amendment is voted, the chair may move each one up a place."""
        mine = [r for r in rows if r.item.dr_id == f"dr:{dr_id}" and r.kind == "amendment"]
        if any(r.item.status is not ItemStatus.PENDING or r.current for r in mine):
            return
        firsts = [r for r in mine if r.ref not in parent_of]
        for index in range(1, len(firsts)):
            order = [r.ref for r in firsts]
            order[index - 1], order[index] = order[index], order[index - 1]
            firsts[index].move_up = ",".join(order)

    @cached_property
    def next_item(self) -> ItemRow | None:
        return next((r for r in self.items if r.item.status is ItemStatus.PENDING), None)

    @property
    def finished(self) -> bool:
        return self.state is not None and self.state.finished and self.state.question is None

    @cached_property
    def methods(self) -> list[tuple[str, Any]]:
        """The ways the dais may put the next item now."""
        state, item = self.state, self.next_item
        if state is None or item is None or state.question is not None:
            return []
        offered = []
        for method in VoteMethod:
            try:
                voting_floor.check_method(self.view.params, state, item.item, method)
            except ProcedureError:
                continue
            offered.append((method.value, VOTE_METHODS[method.value]))
        return offered

    @cached_property
    def question(self) -> QuestionView | None:
        state = self.state
        row = self.view.voting_question_row
        if state is None or state.question is None or row is None:
            return None
        item = next(r for r in self.items if r.ref == state.question.ref)
        snapshot = decode_electorate(row.electorate)
        assert snapshot is not None
        ballots = self.view.voting_ballots
        return QuestionView(
            state.question,
            item,
            snapshot,
            parse_threshold(row.threshold),
            {k: b for (k, r), b in ballots.items() if r == 1},
            {k: b for (k, r), b in ballots.items() if r == 2},
            self.view.voting_objections,
            tuple(str(d) for d in row.call_order),
            self.view,
            self.view.params,
        )

    @cached_property
    def last(self) -> ResultView | None:
        state = self.state
        if state is None or state.last is None or state.question is not None:
            return None
        last = state.last
        item = state.item(last.ref)
        if item is None:
            return None
        question = self.view.voting_last_row
        return ResultView(ItemRow(item, self.view), question, last.passed, last.method)
