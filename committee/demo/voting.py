"""The afternoon of the C34 demo day: voting procedure, played through the services
(`seed_demo --day`).

After the papers (committee/demo/papers.py) the committee meets again in the afternoon, on the
same simulated clock:

* a third session opens with a roll call; Canada and Pakistan move to introduce their draft
  resolutions and Egypt its amendment, and the chair rules each motion in order;
* Sweden moves the closure of debate, Japan seconds it and the placards carry it: the doors
  close and the order of voting is drawn up (Egypt's amendment, DR 1.1, DR 1.2);
* before the first vote, India moves to divide the question on DR 1.1 so that its operative
  clause on a reserve of equipment at Brindisi is voted on its own, the United States asks for
  a roll-call vote on DR 1.1 and Pakistan for the adoption of DR 1.2 by consensus: each motion
  is carried by placard;
* Egypt's amendment is voted on the phones (one delegation without a working phone has the
  dais enter its vote) and adopted: the clause on consent joins DR 1.1;
* the clause on the reserve at Brindisi is voted on its own, by placards, and falls short of
  two thirds: it is struck from DR 1.1;
* DR 1.1 is voted by roll call: China passes and votes Yes when called again, Egypt votes Yes
  with the right to explain its vote; it is adopted as the committee's first resolution;
* nobody objects to DR 1.2, which is adopted by consensus as the second; voting procedure
  ends and the committee returns to its agenda.

As in day.py and papers.py, the script is data and `play_c34_voting()` runs it through the
services only; it checks every step (what is put to the vote, the result, what it did to the
papers) and stops with `DayScriptError` when one does not end as written.

Within `seed_demo`'s one transaction a document introduced by a carried motion would be
introduced only once everything commits (`committee.services.motions` introduces it after
the floor's change is stored); the player introduces it at once, as the dais user who carried
the motion, exactly as that step would, so that debate can close on it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from django.db import transaction

from committee.demo import day, papers
from committee.demo.day import DayScriptError
from committee.document_rows import engine_document
from committee.floor import decode_electorate
from committee.models import Amendment, Ballot, Committee, Delegation, Document, Question
from committee.procedure.choices import MotionCode
from committee.procedure.electorate import ElectorateSnapshot
from committee.procedure.motions import MotionStatus
from committee.procedure.phases import Phase
from committee.services import clock, documents, motions, voting

AFTERNOON_STARTS_AT = datetime(2024, 12, 7, 14, 0, tzinfo=ZoneInfo("Asia/Shanghai"))

# How long a delegation takes to vote on its phone, and the rapporteur to count placards.
PHONE_SECONDS = 3
COUNTING_SECONDS = day.COUNTING_SECONDS

YES = "yes"
NO = "no"
ABSTAIN = "abstain"
PASS = "pass"
YES_WITH_RIGHTS = "yes_with_rights"

PLACARDS_METHOD = "placards"
ROLL_CALL_METHOD = "roll_call"

# The afternoon's roll call: three members stay away; the members that keep the right to
# abstain on substance answer "present", as they did in the morning.
AFTERNOON_ABSENT = ("Mauritania", "Sierra Leone", "Yugoslavia")
AFTERNOON_PRESENT_ONLY = (*day.PRESENT_ONLY, "Iraq")


# ---- the steps of the afternoon -----------------------------------------------------------------


@dataclass(frozen=True)
class Introduce:
    """A delegation moves on its phone to introduce a paper (a draft resolution, or with
    `amendment` the papers' amendment of that label); the chair rules the motion in order,
    which carries it without a vote."""

    label: str
    mover: str
    paper: str = ""
    amendment: str = ""


@dataclass(frozen=True)
class VotingMotion:
    """A motion of voting procedure on a draft resolution, raised on the mover's phone and
    seconded on the seconder's where it needs a second. `parts` are the operative clauses put
    separately, numbered as the draft reads when the motion is moved."""

    label: str
    code: MotionCode
    paper: str
    mover: str
    seconder: str = ""
    parts: tuple[int, ...] = ()


@dataclass(frozen=True)
class Carry:
    """A placard vote on the motion `label` that carries it: every delegation entitled to vote
    raises Yes but `against`."""

    label: str
    against: int = 0


@dataclass(frozen=True)
class PhoneVote:
    """The next item, the papers' amendment `amendment`, is voted on the phones: everyone
    called votes Yes but those in `no` and `abstain`; those in `entered_by_dais` have no
    working phone and the dais enters their vote."""

    amendment: str
    no: tuple[str, ...]
    abstain: tuple[str, ...]
    entered_by_dais: tuple[tuple[str, str], ...]
    adopted: bool


@dataclass(frozen=True)
class PartVote:
    """The next item, a part of a divided question (operative clause `clause` of `paper`, as
    it read when the question was divided), is put by `method`: every delegation called votes
    Yes but those in `no` and `abstain` (by placard, the dais counts them)."""

    paper: str
    clause: int
    method: str
    no: tuple[str, ...]
    abstain: tuple[str, ...]
    adopted: bool


@dataclass(frozen=True)
class RollCallVote:
    """The next item, `paper`, is voted by roll call in the order of calling: every
    delegation answers Yes but those in `answers` (their first answer) and `second_round`
    (a passer's answer when called again)."""

    paper: str
    answers: tuple[tuple[str, str], ...]
    second_round: tuple[tuple[str, str], ...]
    adopted: bool


@dataclass(frozen=True)
class ConsensusVote:
    """The next item, `paper`, is put for adoption without a vote; nobody objects before the
    chair closes the objection window."""

    paper: str


@dataclass(frozen=True)
class EndVoting:
    pass


VotingStep = (
    day.Wait
    | day.OpenSession
    | day.RollCall
    | day.RaiseMotion
    | Introduce
    | VotingMotion
    | Carry
    | PhoneVote
    | PartVote
    | RollCallVote
    | ConsensusVote
    | EndVoting
)

# The motions, as the script names them.
INTRODUCE_RAPID_DEPLOYMENT = "introduce DR 1.1"
INTRODUCE_SAFETY = "introduce DR 1.2"
INTRODUCE_CONSENT = "introduce the amendment on consent"
CLOSURE = "closure of debate"
DIVISION = "divide the question on DR 1.1"
ROLL_CALL = "roll-call vote on DR 1.1"
CONSENSUS = "adopt DR 1.2 by consensus"

# DR 1.1's fifth operative clause: a reserve of equipment at Brindisi.
RESERVE_CLAUSE = 5

C34_VOTING: tuple[VotingStep, ...] = (
    day.OpenSession(),
    day.RollCall(
        absent=AFTERNOON_ABSENT,
        present_only=AFTERNOON_PRESENT_ONLY,
        answered_on_phone=("Afghanistan", "Egypt", "Pakistan"),
    ),
    Introduce(INTRODUCE_RAPID_DEPLOYMENT, "Canada", paper=papers.RAPID_DEPLOYMENT),
    Introduce(INTRODUCE_SAFETY, "Pakistan", paper=papers.SAFETY),
    Introduce(INTRODUCE_CONSENT, "Egypt", amendment=papers.UNFRIENDLY),
    day.RaiseMotion(CLOSURE, MotionCode.CLOSE_DEBATE, mover="Sweden", seconder="Japan"),
    Carry(CLOSURE, against=5),
    day.Wait(60),
    VotingMotion(
        DIVISION,
        MotionCode.DIVIDE_QUESTION,
        papers.RAPID_DEPLOYMENT,
        mover="India",
        seconder="Egypt",
        parts=(RESERVE_CLAUSE,),
    ),
    Carry(DIVISION, against=8),
    VotingMotion(
        ROLL_CALL, MotionCode.ROLL_CALL_VOTE, papers.RAPID_DEPLOYMENT, mover=day.US, seconder=day.UK
    ),
    Carry(ROLL_CALL, against=4),
    VotingMotion(CONSENSUS, MotionCode.ADOPT_BY_CONSENSUS, papers.SAFETY, mover="Pakistan"),
    Carry(CONSENSUS),
    day.Wait(30),
    # Egypt's amendment: the sponsors of DR 1.1 and most of its signatories vote against.
    PhoneVote(
        papers.UNFRIENDLY,
        no=("Canada", "Netherlands", "Denmark", "Sweden", "Australia", "Argentina"),
        abstain=("Hungary", "Italy", "Romania", "Spain"),
        entered_by_dais=(("Venezuela", YES),),
        adopted=True,
    ),
    day.Wait(30),
    # The reserve at Brindisi: those who would pay for it are not convinced. The placards are
    # counted (the roll call carried on DR 1.1 is for the draft as amended).
    PartVote(
        papers.RAPID_DEPLOYMENT,
        RESERVE_CLAUSE,
        PLACARDS_METHOD,
        no=(
            "China",
            "Egypt",
            "India",
            "Iraq",
            "Mexico",
            "Nigeria",
            "Pakistan",
            day.RUSSIA,
            "Thailand",
            "Ethiopia",
            "Venezuela",
        ),
        abstain=("Afghanistan", "El Salvador", "Hungary", "Romania", "Spain"),
        adopted=False,
    ),
    day.Wait(30),
    RollCallVote(
        papers.RAPID_DEPLOYMENT,
        answers=(
            ("China", PASS),
            ("Egypt", YES_WITH_RIGHTS),
            ("India", NO),
            ("Venezuela", NO),
            ("Algeria", ABSTAIN),
            ("Hungary", ABSTAIN),
            ("Thailand", ABSTAIN),
        ),
        second_round=(("China", YES),),
        adopted=True,
    ),
    day.Wait(60),
    ConsensusVote(papers.SAFETY),
    EndVoting(),
)


# ---- what the afternoon must leave on the record, from the script alone -------------------------


def expected_motions(script: tuple[VotingStep, ...] = C34_VOTING) -> dict[str, str]:
    """Each motion of the afternoon by label, with its mover: every one of them carries."""
    return {
        step.label: step.mover
        for step in script
        if isinstance(step, Introduce | VotingMotion | day.RaiseMotion)
    }


def expected_statistics(
    morning: tuple[day.Step, ...] = day.C34_MORNING,
    afternoon: tuple[VotingStep, ...] = C34_VOTING,
) -> dict[str, dict[str, int]]:
    """The whole day's statistics per delegation (see day.expected_statistics): the morning's,
    with the afternoon's motions, all carried. The afternoon has no speeches or points."""
    stats = day.expected_statistics(morning)
    empty = vars(day.DelegationStatistics()).copy()
    for mover in expected_motions(afternoon).values():
        row = stats.setdefault(mover, empty.copy())
        row["motions_raised"] += 1
        row["motions_carried"] += 1
    return dict(sorted(stats.items()))


# ---- playing it ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Result:
    """One item decided in voting procedure."""

    label: str
    method: str
    passed: bool
    counts: tuple[int, int, int] | None  # yes, no, abstain; None without a vote

    def line(self) -> str:
        verdict = "adopted" if self.passed else "rejected"
        if self.counts is None:
            return f"{self.label} {verdict} by {self.method}"
        yes, no, abstain = self.counts
        return f"{self.label} {verdict} {yes}-{no}-{abstain} ({self.method})"


@dataclass(frozen=True)
class VotingSummary:
    finished_at: datetime
    results: tuple[Result, ...]

    def line(self) -> str:
        """E.g. "voting procedure: amendment 2 to DR 1.1 adopted 21-6-4 (phones), …"."""
        return "voting procedure: " + ", ".join(r.line() for r in self.results)


def play_c34_voting(committee: Committee, chair_user: Any, *, start: datetime) -> VotingSummary:
    """Play the afternoon on `committee` after the papers (`start`, when they ended), the dais
    as `chair_user`, every other step on the phone of the delegation that takes it."""
    if start > AFTERNOON_STARTS_AT:
        raise DayScriptError(f"The papers ended at {start}, after the afternoon began.")
    player = _Player(committee, chair_user)
    with transaction.atomic(), clock.simulated(AFTERNOON_STARTS_AT):  # all of it, or none
        for step in C34_VOTING:
            player.play(step)
        finished_at = clock.now()
    return VotingSummary(finished_at, tuple(player.results))


class _Player:
    def __init__(self, committee: Committee, chair: Any) -> None:
        self.committee = committee
        self.chair = chair
        # The morning's player plays the session, its roll call and plain motions.
        self.floor = day._Player(committee, chair)
        self.results: list[Result] = []

    # -- helpers

    def delegation(self, name: str) -> Delegation:
        return self.floor.delegation(name)

    def pause(self, seconds: float = day.BEAT_SECONDS) -> None:
        clock.advance(seconds)

    def document(self, paper: str) -> Document:
        titles = {
            papers.RAPID_DEPLOYMENT: papers.RAPID_DEPLOYMENT_TITLE,
            papers.SAFETY: papers.SAFETY_TITLE,
        }
        document = (
            Document.objects.select_related("topic")
            .filter(committee=self.committee, title=titles[paper])
            .first()
        )
        if document is None:
            raise DayScriptError(f"The committee has no paper on {paper}: play the papers first.")
        return document

    def label(self, paper: str) -> str:
        return engine_document(self.document(paper)).label

    def amendment(self, label: str) -> Amendment:
        texts = {papers.UNFRIENDLY: papers.CONSENT_CLAUSE}
        amendment = Amendment.objects.filter(
            document__committee=self.committee, text=texts[label]
        ).first()
        if amendment is None:
            raise DayScriptError(f"The committee has no amendment {label!r}.")
        return amendment

    def operative(self, paper: str) -> list[dict[str, Any]]:
        document = self.document(paper)
        body: dict[str, Any] = document.versions.get(number=document.version).body
        return list(body["operative"])

    def newest_motion(self, label: str, mover: Delegation) -> str:
        doc = self.floor.doc()
        newest = max(doc.motions.motions, key=lambda m: m.seq, default=None)
        if newest is None or newest.mover != str(mover.pk) or doc.motion_offers:
            raise DayScriptError(f"The motion {label!r} did not reach the floor as moved.")
        self.floor.motion_ids[label] = newest.id
        return newest.id

    def motion_status(self, label: str) -> MotionStatus:
        return self.floor.doc().motions.get(self.floor.motion_ids[label]).status

    def question(self, method: str, kind: str) -> Question:
        self.pause()
        question = voting.vote_open(committee=self.committee, user=self.chair, method=method)
        if question.kind != kind:
            raise DayScriptError(f"A {question.kind} was put to the vote, not a {kind}.")
        return question

    def closed(self, question: Question, adopted: bool, label: str) -> Question:
        question.refresh_from_db()
        if question.closed_at is None or question.passed is not adopted:
            raise DayScriptError(f"The vote on {label} went the other way.")
        counts = None
        if question.yes is not None:
            counts = (question.yes, question.no or 0, question.abstain or 0)
        self.results.append(Result(label, question.method.replace("_", " "), adopted, counts))
        return question

    # -- steps

    def play(self, step: VotingStep) -> None:
        match step:
            case day.Wait() | day.OpenSession() | day.RollCall() | day.RaiseMotion():
                self.floor.play(step)
            case Introduce():
                self.introduce(step)
            case VotingMotion():
                self.voting_motion(step)
            case Carry():
                self.carry(step)
            case PhoneVote():
                self.phone_vote(step)
            case PartVote():
                self.part_vote(step)
            case RollCallVote():
                self.roll_call_vote(step)
            case ConsensusVote(paper=paper):
                self.consensus_vote(paper)
            case EndVoting():
                self.pause()
                voting.voting_end(committee=self.committee, user=self.chair)
                if self.floor.doc().phase is not Phase.AGENDA:
                    raise DayScriptError("Voting procedure did not end.")
            case _:
                raise DayScriptError(f"No way to play {step!r}.")

    def introduce(self, step: Introduce) -> None:
        mover = self.delegation(step.mover)
        if step.amendment:
            code, target = MotionCode.INTRODUCE_AMENDMENT, f"a{self.amendment(step.amendment).pk}"
        else:
            code, target = MotionCode.INTRODUCE_DR, str(self.document(step.paper).pk)
        self.pause()
        motions.motion_raise(
            committee=self.committee,
            code=code.value,
            mover_id=mover.pk,
            target=target,
            delegation=mover,
        )
        motion_id = self.newest_motion(step.label, mover)
        self.pause()
        motions.motion_rule(
            committee=self.committee, user=self.chair, motion_id=motion_id, decision="in_order"
        )
        if self.motion_status(step.label) is not MotionStatus.CARRIED:
            raise DayScriptError(f"The motion {step.label!r} was not carried.")
        if step.paper:
            document = self.document(step.paper)
            if document.status != "introduced":
                # What the motions service does once the floor's change commits.
                documents.document_introduce(
                    committee=self.committee, user=self.chair, document_id=document.pk
                )
            if self.document(step.paper).status != "introduced":
                raise DayScriptError(f"{step.paper} was not introduced.")

    def voting_motion(self, step: VotingMotion) -> None:
        mover = self.delegation(step.mover)
        fields: dict[str, Any] = {}
        if step.parts:
            operative = self.operative(step.paper)
            fields["parts"] = tuple(operative[n - 1]["id"] for n in step.parts)
        self.pause()
        motions.motion_raise(
            committee=self.committee,
            code=step.code.value,
            mover_id=mover.pk,
            target=str(self.document(step.paper).pk),
            delegation=mover,
            **fields,
        )
        motion_id = self.newest_motion(step.label, mover)
        if step.seconder:
            seconder = self.delegation(step.seconder)
            self.pause()
            motions.motion_second(
                committee=self.committee,
                motion_id=motion_id,
                seconder_id=seconder.pk,
                delegation=seconder,
            )

    def carry(self, step: Carry) -> None:
        self.pause()
        motions.motion_vote_open(
            committee=self.committee,
            user=self.chair,
            motion_id=self.floor.motion_ids[step.label],
            by_phone=False,
        )
        vote = self.floor.doc().vote
        if vote is None:
            raise DayScriptError(f"The vote on {step.label!r} did not open.")
        self.pause(COUNTING_SECONDS)
        motions.motion_vote_close(
            committee=self.committee,
            user=self.chair,
            yes=vote.electorate_size - step.against,
            no=step.against,
        )
        if self.motion_status(step.label) is not MotionStatus.CARRIED:
            raise DayScriptError(f"The motion {step.label!r} was not carried.")

    def called(self, question: Question, names: list[str]) -> ElectorateSnapshot:
        """Who may vote on `question`; every name the script gives must be among them."""
        snapshot = decode_electorate(question.electorate)
        if snapshot is None:
            raise DayScriptError("The question keeps nobody who may vote.")
        ids = set(snapshot.ids)
        for name in names:
            if str(self.delegation(name).pk) not in ids:
                raise DayScriptError(f"{name} may not vote on this question.")
        return snapshot

    def phone_vote(self, step: PhoneVote) -> None:
        amendment = self.amendment(step.amendment)
        question = self.question("phones", Question.Kind.AMENDMENT)
        if question.amendment_id != amendment.pk:
            raise DayScriptError(f"The amendment {step.amendment!r} was not put to the vote.")
        choices = {name: NO for name in step.no} | {name: ABSTAIN for name in step.abstain}
        by_dais = dict(step.entered_by_dais)
        snapshot = self.called(question, [*choices, *by_dais])
        for voter in snapshot.voters:
            delegation = self.delegation(self.floor.name_of(voter.delegation_id))
            if delegation.name in by_dais:
                continue
            self.pause(PHONE_SECONDS)
            voting.vote_ballot_cast(
                committee=self.committee,
                delegation=delegation,
                choice=choices.get(delegation.name, YES),
            )
        for name, choice in step.entered_by_dais:
            self.pause()
            voting.vote_ballot_enter(
                committee=self.committee,
                user=self.chair,
                delegation_id=self.delegation(name).pk,
                choice=choice,
            )
        self.pause()
        voting.vote_close(committee=self.committee, user=self.chair)
        label = f"amendment {amendment.number} to {engine_document(amendment.document).label}"
        self.closed(question, step.adopted, label)
        amendment.refresh_from_db()
        expected = "adopted" if step.adopted else "rejected"
        if amendment.status != expected:
            raise DayScriptError(f"The amendment {step.amendment!r} is {amendment.status}.")

    def part_vote(self, step: PartVote) -> None:
        question = self.question(step.method, Question.Kind.DIVISION_PART)
        operative = self.operative_as_divided(step.paper)
        if question.clause != operative[step.clause - 1]:
            raise DayScriptError(f"Operative clause {step.clause} was not put on its own.")
        choices = {name: NO for name in step.no} | {name: ABSTAIN for name in step.abstain}
        snapshot = self.called(question, list(choices))
        # Numbered as the DR reads when the part is put (an adopted amendment may have moved it).
        number = [clause["id"] for clause in self.operative(step.paper)].index(question.clause)
        label = f"operative clause {number + 1} of {self.label(step.paper)}"
        if step.method == ROLL_CALL_METHOD:
            self.roll_call(question, choices, {})
        else:
            self.pause(COUNTING_SECONDS)
            voting.vote_close(
                committee=self.committee,
                user=self.chair,
                yes=snapshot.size - len(choices),
                no=len(step.no),
                abstain=len(step.abstain),
            )
        self.closed(question, step.adopted, label)
        still = {clause["id"] for clause in self.operative(step.paper)}
        if (question.clause in still) is not step.adopted:
            raise DayScriptError(f"The {label} was not kept or struck as voted.")

    def operative_as_divided(self, paper: str) -> tuple[str, ...]:
        """The operative clauses of `paper` as voting procedure began (its ids, in order): the
        text the division named them in."""
        state = self.floor.doc().voting
        if state is None:
            raise DayScriptError("The committee is not in voting procedure.")
        versions = self.document(paper).versions.filter(created_at__lte=state.entered_at)
        body = versions.order_by("number").last().body
        return tuple(clause["id"] for clause in body["operative"])

    def roll_call_vote(self, step: RollCallVote) -> None:
        document = self.document(step.paper)
        question = self.question(ROLL_CALL_METHOD, Question.Kind.DR)
        if question.document_id != document.pk:
            raise DayScriptError(f"{step.paper} was not put to the vote.")
        first, second = dict(step.answers), dict(step.second_round)
        self.called(question, [*first, *second])
        self.roll_call(question, first, second)
        self.closed(question, step.adopted, self.label(step.paper))
        self.decided(step.paper, step.adopted)

    def roll_call(self, question: Question, first: dict[str, str], second: dict[str, str]) -> None:
        """Call every delegation in the order of calling (Yes unless `first` says otherwise),
        then the passers again with their answers in `second`, and announce the result."""
        for delegation_id in question.call_order:
            self.pause(day.ROLL_CALL_SECONDS)
            voting.vote_roll_answer(
                committee=self.committee,
                user=self.chair,
                delegation_id=delegation_id,
                choice=first.get(self.floor.name_of(str(delegation_id)), YES),
            )
        passers = [name for name, choice in first.items() if choice == PASS]
        if sorted(passers) != sorted(second):
            raise DayScriptError("Every passer is called again, and only they.")
        if passers:
            self.pause()
            voting.vote_roll_round_two(committee=self.committee, user=self.chair)
            question.refresh_from_db()
            for delegation_id in question.call_order:
                name = self.floor.name_of(str(delegation_id))
                if name in second:
                    self.pause(day.ROLL_CALL_SECONDS)
                    voting.vote_roll_answer(
                        committee=self.committee,
                        user=self.chair,
                        delegation_id=delegation_id,
                        choice=second[name],
                    )
        self.pause()
        voting.vote_close(committee=self.committee, user=self.chair)
        answered = Ballot.objects.filter(question=question).count()
        if answered != len(question.call_order) + len(second):
            raise DayScriptError("Not every answer of the roll call was recorded.")

    def consensus_vote(self, paper: str) -> None:
        label = self.label(paper)
        question = self.question("consensus", Question.Kind.DR)
        if question.document_id != self.document(paper).pk:
            raise DayScriptError(f"{paper} was not put for adoption by consensus.")
        # "Is there any objection?" The chair waits out the window, then closes it.
        self.pause(self.committee.parameters().consensus_objection_window + day.BEAT_SECONDS)
        voting.vote_consensus_confirm(committee=self.committee, user=self.chair)
        self.closed(question, True, label)
        self.decided(paper, True)

    def decided(self, paper: str, adopted: bool) -> None:
        document = self.document(paper)
        if adopted and (document.status != "adopted" or document.resolution_number is None):
            raise DayScriptError(f"{paper} was not adopted as a resolution.")
        if not adopted and document.status != "rejected":
            raise DayScriptError(f"{paper} was not rejected.")
