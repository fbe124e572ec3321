"""A morning of the C34 committee, played through the floor services (`seed_demo --day`).

The morning is written below as data: two sessions of roll calls, speeches with every kind of
yield, points, a right of reply, motions and caucuses, in the order they happen. `play()` runs
it through the same services the dais and the phones call, on a simulated clock
(`committee.services.clock`), so the log, the attendance records and the durations are what a
real morning would leave behind, yet the whole morning plays in seconds. Nothing here writes
the floor document or a row by itself.

The script also says, without asking the database, what a report of the morning must show for
each delegation (`expected_statistics`). What counts:

* a speech is a turn on the floor of one of three kinds: a speech from the general speakers'
  list (`gsl`), a slot in a moderated caucus (`caucus`) and a right of reply (`reply`). Time a
  speaker yields to another delegation is that delegation's speaking time (`gsl_yielded`) but
  not a speech of its own; asking a question and commenting on a speech are not speeches;
* speaking seconds are the seconds on the speaker's clock: the clock stops for an interrupting
  point and while a question is asked, so that time is not counted;
* a motion is raised by its mover and carried when its vote carries it; a point is raised by
  the delegation that raises it, points of information to the speaker included.

The player checks the floor as it goes (the right speaker has the floor, the clocks used the
scripted time, motions ended as the script says) and stops with `DayScriptError` otherwise, so
a change in the services cannot quietly give the demo a different morning.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from django.db import transaction

from committee.floor import decode
from committee.models import Committee, Delegation, Floor
from committee.procedure.caucuses import CaucusKind
from committee.procedure.choices import MotionCode, MoverChoice, PointKind, RorGround
from committee.procedure.floor import FloorDoc
from committee.procedure.motions import MotionStatus
from committee.procedure.speeches import SpeechStage
from committee.procedure.timers import elapsed
from committee.services import caucuses, clock, floor, motions, points, speakers

MORNING_STARTS_AT = datetime(2024, 12, 7, 9, 0, tzinfo=ZoneInfo("Asia/Shanghai"))

# How long the dais takes between two actions, and to call one delegation at roll call.
BEAT_SECONDS = 5
ROLL_CALL_SECONDS = 6
# How long the rapporteur takes to count the placards of a procedural vote.
COUNTING_SECONDS = 20

# Kinds of speech, as the statistics count them (see the module docstring).
GSL = "gsl"
GSL_YIELDED = "gsl_yielded"
CAUCUS = "caucus"
REPLY = "reply"
SPEECH_KINDS = (GSL, CAUCUS, REPLY)  # what the statistics count as speeches

PRESENT = "present"
PRESENT_AND_VOTING = "present_and_voting"

# The long English names, as in c34_1995.py.
UK = "United Kingdom of Great Britain and Northern Ireland"
US = "United States of America"
RUSSIA = "Russian Federation"


class DayScriptError(RuntimeError):
    """The floor did not go as the script says."""


# ---- the steps of a morning ------------------------------------------------------------------


@dataclass(frozen=True)
class OpenSession:
    pass


@dataclass(frozen=True)
class CloseSession:
    pass


@dataclass(frozen=True)
class Wait:
    """Time passes with nothing on the record (a break, the chair's announcements)."""

    seconds: int


@dataclass(frozen=True)
class RollCall:
    """The rapporteur calls every delegation in roll order. Those in `absent` do not answer;
    the members in `present_only` answer present; every other member answers present and
    voting, and every other observer present, the most an observer may.

    Most answers are marked by the dais; `answered_on_phone` answer for themselves.
    """

    absent: tuple[str, ...]
    present_only: tuple[str, ...]
    answered_on_phone: tuple[str, ...] = ()

    def answers(self, roll: Iterable[Delegation]) -> dict[str, str]:
        """Each answering delegation's status, in roll order."""
        return {
            d.name: PRESENT
            if d.name in self.present_only or not d.is_member
            else PRESENT_AND_VOTING
            for d in roll
            if d.name not in self.absent
        }


@dataclass(frozen=True)
class MarkAttendance:
    """The dais marks one delegation after roll call (a late arrival's note, or a slip)."""

    delegation: str
    status: str


@dataclass(frozen=True)
class UndoLast:
    """The dais undoes its last action."""


@dataclass(frozen=True)
class SelfService:
    """The dais lets phones add themselves to the speakers' list."""

    on: bool


@dataclass(frozen=True)
class AddSpeakers:
    """Names go on the speakers' list: read from placards by the dais, or added on phones."""

    by_dais: tuple[str, ...] = ()
    from_phones: tuple[str, ...] = ()


@dataclass(frozen=True)
class ChairEnds:
    """No yield: the chair ends the speech (the speaker has finished, or time is up)."""


@dataclass(frozen=True)
class YieldToChair:
    pass


@dataclass(frozen=True)
class YieldToDelegate:
    """The delegate accepts, speaks `seconds` of the time left, and yields to the chair."""

    delegate: str
    seconds: int


@dataclass(frozen=True)
class Question:
    """A question to the speaker; with `by_point` the asker first raises a point of
    information to the speaker on its phone, otherwise the chair picks its placard."""

    asker: str
    asking_seconds: int
    answer_seconds: int
    by_point: bool = False


@dataclass(frozen=True)
class YieldToQuestions:
    questions: tuple[Question, ...]


@dataclass(frozen=True)
class Comment:
    commenter: str
    seconds: int


@dataclass(frozen=True)
class YieldToComments:
    comments: tuple[Comment, ...]


EndOfSpeech = ChairEnds | YieldToChair | YieldToDelegate | YieldToQuestions | YieldToComments


@dataclass(frozen=True)
class Interruption:
    """A point of personal privilege about audibility stops the speaker's clock."""

    after_seconds: int  # into the speech
    delegation: str
    text: str
    pause_seconds: int


@dataclass(frozen=True)
class GslSpeech:
    """The next speaker on the list speaks `seconds` by its clock, then yields (or not)."""

    speaker: str
    seconds: int
    ends_with: EndOfSpeech = ChairEnds()
    interruption: Interruption | None = None


@dataclass(frozen=True)
class RaisePoint:
    """A point raised on a phone while nobody speaks, answered or ruled by the dais."""

    delegation: str
    kind: PointKind
    text: str
    outcome: str  # points.ANSWERED, WELL_TAKEN, NOT_WELL_TAKEN or OUT_OF_ORDER


@dataclass(frozen=True)
class RightOfReply:
    """Asked for right after the speech; the chair grants it and the reply is made at once."""

    delegation: str
    against: str
    ground: RorGround
    seconds: int


@dataclass(frozen=True)
class RaiseMotion:
    """A motion raised and seconded on phones, or entered by the dais when `from_phone` is
    false. `label` names it in the script (and in the summary's outcomes)."""

    label: str
    code: MotionCode
    mover: str
    seconder: str
    total_seconds: int | None = None
    speaker_seconds: int | None = None
    topic: str = ""
    from_phone: bool = True


@dataclass(frozen=True)
class Vote:
    """A placard vote: `yes` placards, every other delegation entitled to vote says no."""

    label: str
    yes: int
    carries: bool


@dataclass(frozen=True)
class CaucusSpeech:
    delegation: str
    seconds: int


@dataclass(frozen=True)
class ModeratedCaucus:
    """The moderated caucus a motion just started. With `mover_first` the mover chooses to
    speak first (the first speech is the mover's); the others raise placards on their phones
    and are recognised in turn. Then the chair ends the caucus: no more placards."""

    speeches: tuple[CaucusSpeech, ...]
    mover_first: bool = True


@dataclass(frozen=True)
class UnmoderatedCaucus:
    """The unmoderated caucus a motion just started runs out; the chair ends it a little
    after its time is up, and the record keeps the time it ran out."""

    noticed_after_seconds: int


Step = (
    OpenSession
    | CloseSession
    | Wait
    | RollCall
    | MarkAttendance
    | UndoLast
    | SelfService
    | AddSpeakers
    | GslSpeech
    | RaisePoint
    | RightOfReply
    | RaiseMotion
    | Vote
    | ModeratedCaucus
    | UnmoderatedCaucus
)


# ---- the morning of 7 December 2024 ----------------------------------------------------------

# The members that answer "present", keeping the right to abstain on substance (§1.2).
PRESENT_ONLY = (
    "Afghanistan",
    "Algeria",
    "El Salvador",
    "Ethiopia",
    "Hungary",
    "Italy",
    "Mexico",
    "Romania",
    "Spain",
    "Thailand",
    "Venezuela",
)

FIRST_SESSION: tuple[Step, ...] = (
    OpenSession(),
    RollCall(
        absent=("Iraq", "Mauritania", "Sierra Leone", "Yugoslavia", "Ghana"),  # Ghana comes late
        present_only=PRESENT_ONLY,
        answered_on_phone=("Brazil", "Canada", "Malaysia", "Netherlands"),
    ),
    AddSpeakers(by_dais=("China", US, RUSSIA, "France", UK, "Pakistan", "Germany", "Japan")),
    SelfService(on=True),
    AddSpeakers(from_phones=("Brazil", "Netherlands", "Argentina", "Nigeria", "Bangladesh")),
    GslSpeech("China", 82, YieldToChair()),
    GslSpeech(US, 55, YieldToDelegate("Japan", 30)),
    GslSpeech(
        RUSSIA,
        40,
        YieldToQuestions(
            (
                Question(UK, asking_seconds=12, answer_seconds=20, by_point=True),
                Question("Germany", asking_seconds=10, answer_seconds=18),
            )
        ),
    ),
    GslSpeech("France", 60, YieldToComments((Comment("Egypt", 28), Comment("Canada", 25)))),
    # Ghana's note arrives; the rapporteur first clicks Sierra Leone's row by mistake.
    MarkAttendance("Sierra Leone", PRESENT),
    UndoLast(),
    MarkAttendance("Ghana", PRESENT),
    AddSpeakers(from_phones=("Ghana",)),
    GslSpeech(
        UK,
        85,
        interruption=Interruption(
            after_seconds=30,
            delegation="Bangladesh",
            text="The microphone at the back of the room is off.",
            pause_seconds=15,
        ),
    ),
    GslSpeech("Pakistan", 75),
    RightOfReply("India", against="Pakistan", ground=RorGround.NATIONAL_INTEGRITY, seconds=28),
    RaisePoint(
        "Argentina",
        PointKind.ORDER,
        "Pakistan spoke beyond the speaking time.",
        points.NOT_WELL_TAKEN,
    ),
    RaiseMotion(
        "moderated caucus on host-state consent",
        MotionCode.MODERATED_CAUCUS,
        mover="Egypt",
        seconder="Canada",
        total_seconds=600,
        speaker_seconds=60,
        topic="Consent of host states and the use of force",
    ),
    RaiseMotion(
        "speaking time of 60 seconds",
        MotionCode.SET_SPEAKING_TIME,
        mover="Japan",
        seconder="Australia",
        speaker_seconds=60,
        from_phone=False,
    ),
    RaiseMotion(
        "unmoderated caucus for drafting",
        MotionCode.UNMODERATED_CAUCUS,
        mover="Pakistan",
        seconder="Nigeria",
        total_seconds=900,
        topic="Drafting a working paper",
    ),
    # Precedence: the unmoderated caucus first; once the moderated one carries, the motion
    # on speaking time is superseded.
    Vote("unmoderated caucus for drafting", yes=9, carries=False),
    Vote("moderated caucus on host-state consent", yes=24, carries=True),
    ModeratedCaucus(
        (
            CaucusSpeech("Egypt", 58),
            CaucusSpeech("China", 60),
            CaucusSpeech("France", 52),
            CaucusSpeech("India", 47),
            CaucusSpeech("Canada", 60),
            CaucusSpeech("Brazil", 55),
            CaucusSpeech("Nigeria", 44),
            CaucusSpeech("Netherlands", 50),
        )
    ),
    RaiseMotion(
        "unmoderated caucus on rapid deployment",
        MotionCode.UNMODERATED_CAUCUS,
        mover="Canada",
        seconder="Netherlands",
        total_seconds=600,
        topic="Working paper on rapid deployment",
    ),
    Vote("unmoderated caucus on rapid deployment", yes=27, carries=True),
    UnmoderatedCaucus(noticed_after_seconds=40),
    GslSpeech("Germany", 88),
    GslSpeech("Japan", 70, YieldToChair()),
    GslSpeech("Brazil", 64),
    CloseSession(),
)

SECOND_SESSION: tuple[Step, ...] = (
    OpenSession(),
    RollCall(
        absent=("Afghanistan", "Mauritania", "Sierra Leone", "Yugoslavia"),
        present_only=(*PRESENT_ONLY, "Iraq"),
        answered_on_phone=("Ghana", "Iraq", "Sweden"),
    ),
    AddSpeakers(by_dais=("Netherlands", "Argentina", "Nigeria", "Mexico", "Sweden", "Ghana")),
    RaiseMotion(
        "speaking time of 60 seconds, again",
        MotionCode.SET_SPEAKING_TIME,
        mover="Japan",
        seconder="Australia",
        speaker_seconds=60,
    ),
    Vote("speaking time of 60 seconds, again", yes=26, carries=True),
    GslSpeech("Netherlands", 58, YieldToChair()),
    GslSpeech("Argentina", 60),
    GslSpeech("Nigeria", 45, YieldToChair()),
    GslSpeech("Mexico", 52),
    # Lunch: adjourning the meeting closes the session.
    RaiseMotion(
        "adjourn the meeting for lunch",
        MotionCode.ADJOURN_MEETING,
        mover="Thailand",
        seconder="Malaysia",
    ),
    Vote("adjourn the meeting for lunch", yes=25, carries=True),
)

C34_MORNING: tuple[Step, ...] = (*FIRST_SESSION, Wait(15 * 60), *SECOND_SESSION)


# ---- what the morning must leave on the record, from the script alone --------------------------


@dataclass(frozen=True)
class ExpectedSpeech:
    session: int
    delegation: str
    kind: str  # GSL, GSL_YIELDED, CAUCUS or REPLY
    seconds: int


@dataclass
class DelegationStatistics:
    speeches: int = 0
    speaking_seconds: int = 0
    motions_raised: int = 0
    motions_carried: int = 0
    points_raised: int = 0


def expected_speeches(script: Iterable[Step] = C34_MORNING) -> tuple[ExpectedSpeech, ...]:
    """Every turn on the floor the script makes, in order."""
    session = 0
    found: list[ExpectedSpeech] = []
    for step in script:
        match step:
            case OpenSession():
                session += 1
            case GslSpeech(speaker=speaker, seconds=seconds, ends_with=ends_with):
                answers = 0
                if isinstance(ends_with, YieldToQuestions):
                    answers = sum(q.answer_seconds for q in ends_with.questions)
                found.append(ExpectedSpeech(session, speaker, GSL, seconds + answers))
                if isinstance(ends_with, YieldToDelegate):
                    found.append(
                        ExpectedSpeech(session, ends_with.delegate, GSL_YIELDED, ends_with.seconds)
                    )
            case ModeratedCaucus(speeches=caucus_speeches):
                found += [
                    ExpectedSpeech(session, s.delegation, CAUCUS, s.seconds)
                    for s in caucus_speeches
                ]
            case RightOfReply(delegation=delegation, seconds=seconds):
                found.append(ExpectedSpeech(session, delegation, REPLY, seconds))
    return tuple(found)


def expected_motion_outcomes(script: Iterable[Step] = C34_MORNING) -> dict[str, str]:
    """How each scripted motion ends: carried, failed, superseded (or still pending)."""
    outcomes: dict[str, str] = {}
    pending: list[str] = []
    for step in script:
        match step:
            case OpenSession():
                pending = []
            case RaiseMotion(label=label):
                outcomes[label] = MotionStatus.PENDING.value
                pending.append(label)
            case Vote(label=label, carries=carries):
                pending.remove(label)
                if carries:
                    outcomes[label] = MotionStatus.CARRIED.value
                    for other in pending:
                        outcomes[other] = MotionStatus.SUPERSEDED.value
                    pending = []
                else:
                    outcomes[label] = MotionStatus.FAILED.value
    return outcomes


def expected_statistics(script: Iterable[Step] = C34_MORNING) -> dict[str, dict[str, int]]:
    """Per delegation, by English name: {"speeches", "speaking_seconds", "motions_raised",
    "motions_carried", "points_raised"} (see the module docstring for what counts).
    Delegations that did none of these are left out."""
    script = tuple(script)
    stats: dict[str, DelegationStatistics] = {}

    def of(name: str) -> DelegationStatistics:
        return stats.setdefault(name, DelegationStatistics())

    for speech in expected_speeches(script):
        of(speech.delegation).speaking_seconds += speech.seconds
        if speech.kind in SPEECH_KINDS:
            of(speech.delegation).speeches += 1
    movers = {s.label: s.mover for s in script if isinstance(s, RaiseMotion)}
    for label, outcome in expected_motion_outcomes(script).items():
        of(movers[label]).motions_raised += 1
        if outcome == MotionStatus.CARRIED.value:
            of(movers[label]).motions_carried += 1
    for raiser in _point_raisers(script):
        of(raiser).points_raised += 1
    return {name: vars(row).copy() for name, row in sorted(stats.items())}


def _point_raisers(script: Iterable[Step]) -> list[str]:
    raisers: list[str] = []
    for step in script:
        match step:
            case RaisePoint(delegation=delegation):
                raisers.append(delegation)
            case GslSpeech(interruption=interruption, ends_with=ends_with):
                if interruption is not None:
                    raisers.append(interruption.delegation)
                if isinstance(ends_with, YieldToQuestions):
                    raisers += [q.asker for q in ends_with.questions if q.by_point]
    return raisers


# ---- playing it ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class DaySummary:
    """What was played. `statistics` and `speeches` come from the script, not the database;
    `motion_outcomes` is what the floor recorded for each scripted motion."""

    sessions: int
    started_at: datetime
    finished_at: datetime
    speeches: tuple[ExpectedSpeech, ...]
    statistics: dict[str, dict[str, int]]
    motion_outcomes: dict[str, str]


def play_c34_morning(committee: Committee, chair_user: Any) -> DaySummary:
    """Play the C34 morning on `committee`, every dais action by `chair_user`."""
    return play(committee, chair_user, C34_MORNING, start=MORNING_STARTS_AT)


def play(
    committee: Committee, chair_user: Any, script: tuple[Step, ...], *, start: datetime
) -> DaySummary:
    player = _Player(committee, chair_user)
    with transaction.atomic(), clock.simulated(start):  # all of the morning, or none of it
        for step in script:
            player.play(step)
        finished_at = clock.now()
    expected = expected_motion_outcomes(script)
    if player.outcomes != expected:
        raise DayScriptError(f"Motions ended as {player.outcomes}, not as {expected}.")
    return DaySummary(
        sessions=sum(1 for step in script if isinstance(step, OpenSession)),
        started_at=start,
        finished_at=finished_at,
        speeches=expected_speeches(script),
        statistics=expected_statistics(script),
        motion_outcomes=player.outcomes,
    )


class _Player:
    """Plays steps through the services: the dais as `chair`, phones as their delegation."""

    def __init__(self, committee: Committee, chair: Any) -> None:
        self.committee = committee
        self.chair = chair
        self.roll = list(committee.delegations.order_by("sort_key", "name"))
        self.by_name = {d.name: d for d in self.roll}
        self.motion_ids: dict[str, str] = {}  # script label → motion id on the floor
        self.outcomes: dict[str, str] = {}

    # -- helpers

    def delegation(self, name: str) -> Delegation:
        try:
            return self.by_name[name]
        except KeyError:
            raise DayScriptError(f"{name} is not a delegation of this committee.") from None

    def key(self, name: str) -> str:
        return str(self.delegation(name).pk)

    def doc(self) -> FloorDoc:
        return decode(Floor.objects.get(pk=self.committee.pk).state)

    def name_of(self, key: str | None) -> str:
        return next((d.name for d in self.roll if str(d.pk) == key), "nobody")

    def pause(self, seconds: float = BEAT_SECONDS) -> None:
        clock.advance(seconds)

    # -- steps

    def play(self, step: Step) -> None:
        match step:
            case OpenSession():
                floor.session_open(committee=self.committee, user=self.chair)
            case CloseSession():
                self.pause()
                floor.session_close(committee=self.committee, user=self.chair)
            case Wait(seconds=seconds):
                self.pause(seconds)
            case RollCall():
                self.roll_call(step)
            case MarkAttendance(delegation=name, status=status):
                self.pause()
                self.mark(name, status)
            case UndoLast():
                self.pause()
                floor.floor_undo(committee=self.committee, user=self.chair)
            case SelfService(on=on):
                self.pause()
                speakers.self_service_set(committee=self.committee, user=self.chair, on=on)
            case AddSpeakers():
                self.add_speakers(step)
            case GslSpeech():
                self.gsl_speech(step)
            case RaisePoint():
                self.raise_point(step)
            case RightOfReply():
                self.right_of_reply(step)
            case RaiseMotion():
                self.raise_motion(step)
            case Vote():
                self.vote(step)
            case ModeratedCaucus():
                self.moderated_caucus(step)
            case UnmoderatedCaucus(noticed_after_seconds=late):
                self.unmoderated_caucus(late)
            case _:
                raise DayScriptError(f"No way to play {step!r}.")

    def roll_call(self, step: RollCall) -> None:
        answers = step.answers(self.roll)
        for name in (*step.absent, *step.present_only, *step.answered_on_phone):
            self.delegation(name)  # a misspelt name would otherwise change the answers silently
        self.pause()
        floor.roll_call_start(committee=self.committee, user=self.chair)
        for delegation in self.roll:
            self.pause(ROLL_CALL_SECONDS)
            status = answers.get(delegation.name)
            if status is None:
                continue  # called, no answer: stays absent
            if delegation.name in step.answered_on_phone:
                floor.attendance_set(
                    committee=self.committee,
                    delegation_id=delegation.pk,
                    status=status,
                    delegation=delegation,
                )
            else:
                floor.attendance_set(
                    committee=self.committee,
                    delegation_id=delegation.pk,
                    status=status,
                    user=self.chair,
                )
        self.pause()
        floor.roll_call_close(committee=self.committee, user=self.chair)

    def mark(self, name: str, status: str) -> None:
        floor.attendance_set(
            committee=self.committee,
            delegation_id=self.delegation(name).pk,
            status=status,
            user=self.chair,
        )
        recorded = self.doc().status_of(self.key(name))
        if recorded.value != status:
            raise DayScriptError(f"{name} is marked {recorded.value}, not {status}.")

    def add_speakers(self, step: AddSpeakers) -> None:
        for name in step.by_dais:
            self.pause(2)
            speakers.speaker_add(
                committee=self.committee, delegation_id=self.delegation(name).pk, user=self.chair
            )
        for name in step.from_phones:
            self.pause(2)
            delegation = self.delegation(name)
            speakers.speaker_add(
                committee=self.committee, delegation_id=delegation.pk, delegation=delegation
            )

    # -- the speakers' list

    def gsl_speech(self, step: GslSpeech) -> None:
        self.pause()
        speakers.speaker_next(committee=self.committee, user=self.chair)
        speech = self.doc().speech
        if speech is None or speech.speaker != self.key(step.speaker):
            called = self.name_of(speech.speaker if speech else None)
            raise DayScriptError(f"{step.speaker} should have the floor, not {called}.")
        interruption = step.interruption
        if interruption is None:
            self.pause(step.seconds)
        else:
            self.pause(interruption.after_seconds)
            self.interrupt(interruption)
            self.pause(step.seconds - interruption.after_seconds)
        clock_seconds = step.seconds + self.end_speech(step.ends_with)
        ended = self.doc().speech
        if ended is None or ended.stage is not SpeechStage.ENDED:
            raise DayScriptError(f"The speech of {step.speaker} has not ended.")
        used = elapsed(ended.timer, clock.now()).total_seconds()
        if used != clock_seconds:
            raise DayScriptError(
                f"The speech of {step.speaker} used {used:g} s, not {clock_seconds} s."
            )

    def interrupt(self, interruption: Interruption) -> None:
        pending = points.point_raise(
            committee=self.committee,
            delegation=self.delegation(interruption.delegation),
            kind=PointKind.PERSONAL_PRIVILEGE,
            audibility=True,
            text=interruption.text,
        )
        self.pause(interruption.pause_seconds)
        points.point_resolve(
            committee=self.committee,
            user=self.chair,
            seq=pending.point.seq,
            outcome=points.ANSWERED,
        )
        self.pause(2)
        points.point_speaker_resume(committee=self.committee, user=self.chair)

    def end_speech(self, ends_with: EndOfSpeech) -> int:
        """Play the end of a GSL speech; return the seconds it adds to the speaker's clock."""
        added = 0
        match ends_with:
            case ChairEnds():
                speakers.speech_end(committee=self.committee, user=self.chair)
            case YieldToChair():
                self.yield_to("chair")
            case YieldToDelegate(delegate=name, seconds=seconds):
                self.yield_to("delegate", target_id=self.delegation(name).pk)
                self.pause()
                speakers.yield_respond(
                    committee=self.committee, accept=True, delegation=self.delegation(name)
                )
                self.pause(seconds)
                self.yield_to("chair")
                added = seconds
            case YieldToQuestions(questions=questions):
                self.yield_to("questions")
                for question in questions:
                    self.ask(question)
                    added += question.answer_seconds
                self.pause()
                speakers.speech_end(committee=self.committee, user=self.chair)
            case YieldToComments(comments=comments):
                self.yield_to("comments")
                for comment in comments:
                    self.pause()
                    speakers.comment_start(
                        committee=self.committee,
                        user=self.chair,
                        commenter_id=self.delegation(comment.commenter).pk,
                    )
                    self.pause(comment.seconds)
                self.pause()
                speakers.speech_end(committee=self.committee, user=self.chair)
        return added

    def yield_to(self, kind: str, target_id: int | None = None) -> None:
        speakers.yield_declare(
            committee=self.committee, user=self.chair, kind=kind, target_id=target_id
        )

    def ask(self, question: Question) -> None:
        asker = self.delegation(question.asker)
        self.pause()
        if question.by_point:
            points.point_raise(
                committee=self.committee, delegation=asker, kind=PointKind.INFORMATION_TO_SPEAKER
            )
            self.pause(2)
        speakers.question_ask(committee=self.committee, user=self.chair, questioner_id=asker.pk)
        self.pause(question.asking_seconds)
        speakers.answer_start(committee=self.committee, user=self.chair)
        self.pause(question.answer_seconds)
        speakers.answer_finish(committee=self.committee, user=self.chair)

    # -- points and replies

    def raise_point(self, step: RaisePoint) -> None:
        self.pause()
        pending = points.point_raise(
            committee=self.committee,
            delegation=self.delegation(step.delegation),
            kind=step.kind,
            text=step.text,
        )
        self.pause(2 * BEAT_SECONDS)
        points.point_resolve(
            committee=self.committee, user=self.chair, seq=pending.point.seq, outcome=step.outcome
        )

    def right_of_reply(self, step: RightOfReply) -> None:
        replier = self.delegation(step.delegation)
        self.pause()
        points.reply_request(
            committee=self.committee,
            delegation=replier,
            against_id=self.delegation(step.against).pk,
            ground=step.ground,
        )
        self.pause()
        points.reply_decide(
            committee=self.committee, user=self.chair, delegation_id=replier.pk, grant=True
        )
        if self.doc().reply_speech_by != str(replier.pk):
            raise DayScriptError(f"The reply of {step.delegation} was not given the floor.")
        self.pause(step.seconds)
        points.reply_end(committee=self.committee, user=self.chair)
        speech = self.doc().speech
        used = elapsed(speech.timer, clock.now()).total_seconds() if speech else 0
        if used != step.seconds:
            raise DayScriptError(f"The reply of {step.delegation} used {used:g} s.")

    # -- motions and caucuses

    def raise_motion(self, step: RaiseMotion) -> None:
        mover, seconder = self.delegation(step.mover), self.delegation(step.seconder)
        by_phone = step.from_phone
        self.pause()
        motions.motion_raise(
            committee=self.committee,
            code=step.code.value,
            mover_id=mover.pk,
            total_seconds=step.total_seconds,
            speaker_seconds=step.speaker_seconds,
            topic=step.topic,
            user=None if by_phone else self.chair,
            delegation=mover if by_phone else None,
        )
        doc = self.doc()
        newest = max(doc.motions.motions, key=lambda m: m.seq, default=None)
        if newest is None or newest.mover != str(mover.pk) or doc.motion_offers:
            raise DayScriptError(f"The motion {step.label!r} did not reach the floor as moved.")
        self.motion_ids[step.label] = newest.id
        self.outcomes[step.label] = newest.status.value
        self.pause()
        motions.motion_second(
            committee=self.committee,
            motion_id=newest.id,
            seconder_id=seconder.pk,
            user=None if by_phone else self.chair,
            delegation=seconder if by_phone else None,
        )

    def vote(self, step: Vote) -> None:
        self.pause()
        motions.motion_vote_open(
            committee=self.committee,
            user=self.chair,
            motion_id=self.motion_ids[step.label],
            by_phone=False,
        )
        vote = self.doc().vote
        if vote is None:
            raise DayScriptError(f"The vote on {step.label!r} did not open.")
        self.pause(COUNTING_SECONDS)
        motions.motion_vote_close(
            committee=self.committee,
            user=self.chair,
            yes=step.yes,
            no=vote.electorate_size - step.yes,
        )
        labels = {motion_id: label for label, motion_id in self.motion_ids.items()}
        for motion in self.doc().motions.motions:
            if motion.id in labels:
                self.outcomes[labels[motion.id]] = motion.status.value
        carried = self.outcomes.get(step.label) == MotionStatus.CARRIED.value
        if carried != step.carries:
            raise DayScriptError(f"The vote on {step.label!r} went the other way.")

    def moderated_caucus(self, step: ModeratedCaucus) -> None:
        caucus = self.doc().caucus
        if caucus is None or caucus.ended or caucus.kind is not CaucusKind.MODERATED:
            raise DayScriptError("No moderated caucus is running.")
        mover = self.delegation(self.name_of(caucus.mover))
        first, *others = step.speeches
        if step.mover_first:
            if first.delegation != mover.name:
                raise DayScriptError(
                    f"The mover, {mover.name}, speaks first, not {first.delegation}."
                )
            self.pause()
            caucuses.caucus_mover_choose(
                committee=self.committee, choice=MoverChoice.FIRST.value, delegation=mover
            )
        self.pause()
        self.caucus_speech(first, raise_placard=not step.mover_first)
        for speech in others:
            self.pause()
            self.caucus_speech(speech, raise_placard=True)
        self.pause()
        caucuses.caucus_end(
            committee=self.committee, user=self.chair, reason=caucuses.END_NO_SPEAKERS
        )

    def caucus_speech(self, speech: CaucusSpeech, *, raise_placard: bool) -> None:
        delegation = self.delegation(speech.delegation)
        if raise_placard:
            caucuses.caucus_placard_raise(committee=self.committee, delegation=delegation)
            self.pause(2)
        caucuses.caucus_recognise(
            committee=self.committee, user=self.chair, delegation_id=delegation.pk
        )
        self.pause(speech.seconds)
        caucuses.caucus_slot_end(committee=self.committee, user=self.chair)

    def unmoderated_caucus(self, noticed_after_seconds: int) -> None:
        caucus = self.doc().caucus
        deadline = caucus.total.deadline if caucus is not None else None
        if caucus is None or caucus.kind is not CaucusKind.UNMODERATED or deadline is None:
            raise DayScriptError("No unmoderated caucus is running.")
        self.pause((deadline - clock.now()).total_seconds() + noticed_after_seconds)
        caucuses.caucus_end(committee=self.committee, user=self.chair)
