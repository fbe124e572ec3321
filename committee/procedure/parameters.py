"""Every parameter of procedure.md §7.1, its type, its allowed values and its default.

``Parameters`` holds the resolved values (defaults are ``cn_common``). ``SPECS`` says how a
JSON-shaped override is converted and validated; the committee settings form uses it. Names
marked *bimun* are engine additions the spec implies but does not name.

JSON forms accepted for overrides:
- booleans: ``true``/``false``;
- seconds and counts: integers; "unlimited" parameters also take ``null``;
- fractions: a number (``0.2``), a string (``"1/3"``) or a pair (``[1, 3]``);
- thresholds: ``"two_thirds/present"`` (``"two_thirds·present"`` also works),
  ``{"kind": "two_thirds", "base": "present"}`` or ``["two_thirds", "present"]``;
  "same as another parameter" thresholds also take ``null``;
- speaker splits: ``"0+2"``, ``[0, 2]`` or ``{"for": 0, "against": 2}``;
- choices: the enum's string value; sets of choices: a list of strings;
- ``motion_precedence``: a list of motion codes, most disruptive first; motions left out keep
  their default order after the listed ones.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, fields
from enum import StrEnum
from fractions import Fraction
from typing import Any

from .choices import (
    AmendmentOrder,
    CaucusOrdering,
    CaucusRemainderAction,
    ConsensusFallback,
    DivisionUnit,
    DrQuotaBase,
    GslExhaustionAction,
    MotionCode,
    MoverPosition,
    PointKind,
    PresentMeans,
    QaAfterIntroduction,
    QuestionTimeCounts,
    QuorumBase,
    RollCallStart,
    RorScope,
    RulingSubject,
    SecondPassPolicy,
    YieldKind,
)
from .errors import ErrorCode, ProcedureError
from .thresholds import (
    Threshold,
    ThresholdBase,
    ThresholdKind,
    TwoThirdsRounding,
    parse_threshold,
)


@dataclass(frozen=True, slots=True)
class SpeakerSplit:
    """Speakers allowed on a motion: ``for_`` in favour and ``against`` opposed."""

    for_: int
    against: int


def _t(kind: ThresholdKind, base: ThresholdBase) -> Threshold:
    return Threshold(kind, base)


TWO_THIRDS_PRESENT = _t(ThresholdKind.TWO_THIRDS, ThresholdBase.PRESENT)
TWO_THIRDS_PV = _t(ThresholdKind.TWO_THIRDS, ThresholdBase.PRESENT_AND_VOTING)
SIMPLE_PRESENT = _t(ThresholdKind.SIMPLE, ThresholdBase.PRESENT)
SIMPLE_PV = _t(ThresholdKind.SIMPLE, ThresholdBase.PRESENT_AND_VOTING)

DEFAULT_PRECEDENCE: tuple[MotionCode, ...] = tuple(MotionCode)


@dataclass(frozen=True, slots=True)
class Parameters:
    # Roles
    observers_vote_procedural: bool = True
    observers_may_sign_dr: bool = True
    observers_may_sponsor: bool = False
    present_means: PresentMeans = PresentMeans.MAY_ABSTAIN
    allow_pv_downgrade: bool = False
    procedural_abstention_allowed: bool = False
    # Quorum
    quorum_base: QuorumBase = QuorumBase.MEMBERSHIP
    quorum_open_fraction: Fraction = Fraction(1, 3)
    quorum_decision_fraction: Fraction = Fraction(1, 2)
    # Arithmetic
    two_thirds_rounding: TwoThirdsRounding = TwoThirdsRounding.CEIL
    # Agenda
    topics: int = 1
    agenda_speakers_per_side: int = 2
    agenda_speech_seconds: int = 60
    # GSL
    gsl_speaking_time: int = 90
    min_speaking_time: int = 30
    max_speaking_time: int = 300
    gsl_max_entries_per_delegation: int = 1
    gsl_allow_consecutive: bool = False
    gsl_exhaustion_action: GslExhaustionAction = GslExhaustionAction.CLOSE_DEBATE
    gsl_warning_remaining: int = 2  # bimun: "warn when 2 speakers remain" (§2.2, §8.11)
    allow_close_speakers_list: bool = True
    # Yields
    yields_enabled: frozenset[YieldKind] = frozenset(YieldKind)
    yield_chain_max: int = 1
    question_time_counts: QuestionTimeCounts = QuestionTimeCounts.ANSWERS_ONLY
    max_questions: int | None = None
    allow_follow_up: bool = False
    max_comments: int = 2
    comment_seconds: int = 30
    # bimun: THIMUN speakers say they are open to points of information (§4, §7.2), not a yield
    open_to_pois_enabled: bool = False
    max_pois: int | None = None  # bimun: points of information per speech; None: chair's call
    # Caucuses
    mod_total_max: int = 20 * 60
    mod_speaker_min: int = 30
    mod_speaker_max: int = 120
    mod_total_must_be_multiple_of_speaker_time: bool = False
    mod_mover_position: MoverPosition = MoverPosition.CHOOSE
    caucus_remainder_action: CaucusRemainderAction = CaucusRemainderAction.END  # bimun (§8.9)
    unmod_total_max: int = 20 * 60
    extension_max_fraction: Fraction = Fraction(1)
    max_extensions_per_caucus: int = 1
    caucus_ordering: CaucusOrdering = CaucusOrdering.DISRUPTIVENESS
    round_robin_enabled: bool = False
    round_robin_seconds: int = 30  # bimun (§2.6 "e.g. 30 s")
    # Right of reply
    ror_enabled: bool = True
    ror_seconds: int = 30
    ror_scope: RorScope = RorScope.NATIONAL_OR_PERSONAL
    ror_reply_to_reply: bool = False
    # Motions
    motions_require_second: bool = True
    motion_precedence: tuple[MotionCode, ...] = DEFAULT_PRECEDENCE
    motion_speaker_seconds: int = 45
    closure_threshold: Threshold = TWO_THIRDS_PRESENT
    closure_speakers: SpeakerSplit = SpeakerSplit(0, 2)
    table_threshold: Threshold = TWO_THIRDS_PRESENT
    table_speakers: SpeakerSplit = SpeakerSplit(2, 2)
    closure_requires_dr: bool = True
    reconsider_enabled: bool = False
    reconsider_threshold: Threshold = TWO_THIRDS_PV
    appeal_enabled: bool = True
    appeal_threshold: Threshold = TWO_THIRDS_PRESENT
    non_appealable_rulings: frozenset[RulingSubject] = frozenset(
        {
            RulingSubject.CAUCUS_LENGTH,
            RulingSubject.CAUCUS_TOPIC,
            RulingSubject.DILATORY_CAUCUS,
            RulingSubject.RIGHT_OF_REPLY,
        }
    )
    important_question_enabled: bool = False  # bimun: V5 is "off by default"
    important_question_threshold: Threshold = TWO_THIRDS_PV
    thimun_motions_enabled: bool = False  # bimun: previous question, divide the house, ...
    points_enabled: frozenset[PointKind] = frozenset(PointKind)  # bimun: un_ga has order only
    point_of_order_interrupts: bool = False  # bimun: true in the GA (§4), never in MUN sets
    # Documents
    wp_requires_director_approval: bool = True
    wp_signatory_quota: Fraction = Fraction(0)
    dr_quota_fraction: Fraction = Fraction(1, 5)
    dr_quota_base: DrQuotaBase = DrQuotaBase.PRESENT_AT_LAST_ROLL_CALL
    dr_sponsor_limit_per_delegation: int | None = 1
    sponsor_may_sign_other_dr: bool = False
    dr_max_sponsors: int | None = None
    dr_min_sponsors: int = 1
    dr_introduction_vote: Threshold | None = None
    qa_after_introduction: QaAfterIntroduction = QaAfterIntroduction.WORDING_QUESTIONS
    qa_wording_questions: int = 3  # bimun (§5.2 "up to 3 questions on wording")
    stop_after_first_adopted: bool = False
    # Amendments
    allow_preamble_amendments: bool = False
    unfriendly_quota_fraction: Fraction | None = None  # None: same as dr_quota_fraction
    allow_second_degree: bool = False
    amendment_order: AmendmentOrder = AmendmentOrder.CHAIR_SEVERITY
    amendment_passes_if_unopposed: bool = False
    lock_friendly_after_voted_amendment: bool = False
    # Voting
    substantive_threshold: Threshold = TWO_THIRDS_PV
    unfriendly_amendment_threshold: Threshold | None = None  # None: = substantive_threshold
    roll_call_on_request: bool = False
    roll_call_start: RollCallStart = RollCallStart.ALPHABETICAL_FIRST
    allow_pass: bool = True
    passers_may_request_rights: bool = False
    second_pass_policy: SecondPassPolicy = SecondPassPolicy.NOT_VOTING
    rights_enabled: bool = True
    rights_seconds: int = 30
    max_rights_per_vote: int | None = None
    sponsors_may_explain_own_vote: bool = True
    allow_vote_change_before_result: bool = True
    division_enabled: bool = True
    division_unit: DivisionUnit = DivisionUnit.CLAUSE
    reorder_enabled: bool = True
    consensus_enabled: bool = True
    consensus_fallback: ConsensusFallback = ConsensusFallback.VOTE
    consensus_objection_window: int = 10
    chair_may_propose_consensus: bool = False
    veto_members: tuple[str, ...] = ()
    doors_closed_in_voting: bool = True

    @property
    def effective_unfriendly_quota_fraction(self) -> Fraction:
        if self.unfriendly_quota_fraction is None:
            return self.dr_quota_fraction
        return self.unfriendly_quota_fraction

    @property
    def effective_unfriendly_amendment_threshold(self) -> Threshold:
        if self.unfriendly_amendment_threshold is None:
            return self.substantive_threshold
        return self.unfriendly_amendment_threshold


# ---- conversion of JSON-shaped values -------------------------------------------------------

Converter = Callable[[str, object], object]


@dataclass(frozen=True, slots=True)
class Spec:
    """How one parameter is read: ``allowed`` is shown to the user when a value is refused."""

    convert: Converter
    allowed: str
    choices: tuple[str, ...] = field(default=())


def _refuse(name: str, value: object, allowed: str, choices: Sequence[str] = ()) -> ProcedureError:
    return ProcedureError(
        ErrorCode.INVALID_PARAMETER_VALUE,
        name=name,
        value=repr(value),
        allowed=allowed,
        choices=list(choices),
    )


def _bool() -> Spec:
    def convert(name: str, value: object) -> object:
        if isinstance(value, bool):
            return value
        raise _refuse(name, value, "true or false")

    return Spec(convert, "true or false")


def _int(low: int, high: int, *, nullable: bool = False) -> Spec:
    allowed = f"an integer from {low} to {high}" + (", or null for no limit" if nullable else "")

    def convert(name: str, value: object) -> object:
        if value is None and nullable:
            return None
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        if isinstance(value, int) and not isinstance(value, bool) and low <= value <= high:
            return value
        raise _refuse(name, value, allowed)

    return Spec(convert, allowed)


def parse_fraction(value: object) -> Fraction | None:
    """A number, ``"1/3"`` or ``[1, 3]``; ``None`` when the shape is wrong."""
    try:
        if isinstance(value, bool):
            return None
        if isinstance(value, Fraction | int):
            return Fraction(value)
        if isinstance(value, float):
            return Fraction(str(value))  # 0.2 -> 1/5, not the binary approximation
        if isinstance(value, str):
            return Fraction(value.strip())
        if isinstance(value, list | tuple) and len(value) == 2:
            num, den = value
            if isinstance(num, int) and isinstance(den, int) and not isinstance(num, bool):
                return Fraction(num, den)
    except (ValueError, ZeroDivisionError):
        return None
    return None


def _fraction(low: Fraction, high: Fraction, *, nullable: bool = False) -> Spec:
    allowed = f'a fraction from {low} to {high} (0.2, "1/5" or [1, 5])'
    if nullable:
        allowed += ", or null for the default rule"

    def convert(name: str, value: object) -> object:
        if value is None and nullable:
            return None
        parsed = parse_fraction(value)
        if parsed is not None and low <= parsed <= high:
            return parsed
        raise _refuse(name, value, allowed)

    return Spec(convert, allowed)


def _choice(enum: type[StrEnum]) -> Spec:
    values = tuple(member.value for member in enum)
    allowed = "one of " + ", ".join(values)

    def convert(name: str, value: object) -> object:
        if isinstance(value, str) and value in values:
            return enum(value)
        raise _refuse(name, value, allowed, values)

    return Spec(convert, allowed, values)


def _choice_set(enum: type[StrEnum]) -> Spec:
    values = tuple(member.value for member in enum)
    allowed = "a list drawn from " + ", ".join(values)

    def convert(name: str, value: object) -> object:
        if isinstance(value, list | tuple | set | frozenset) and all(
            isinstance(item, str) and item in values for item in value
        ):
            return frozenset(enum(item) for item in value)
        raise _refuse(name, value, allowed, values)

    return Spec(convert, allowed, values)


def _threshold(*, nullable: bool = False) -> Spec:
    kinds = [k.value for k in ThresholdKind]
    bases = [b.value for b in ThresholdBase]
    allowed = (
        f'"kind/base" or {{"kind": .., "base": ..}} with kind in {", ".join(kinds)} '
        f"and base in {', '.join(bases)}"
    )
    if nullable:
        allowed += ", or null"

    def convert(name: str, value: object) -> object:
        if value is None and nullable:
            return None
        try:
            return parse_threshold(value)
        except ProcedureError:
            raise _refuse(name, value, allowed) from None

    return Spec(convert, allowed)


def _speakers(high: int) -> Spec:
    allowed = f'"for+against", [for, against] or {{"for": n, "against": n}}, each 0 to {high}'

    def convert(name: str, value: object) -> object:
        pair: tuple[object, object] | None = None
        if isinstance(value, SpeakerSplit):
            pair = (value.for_, value.against)
        elif isinstance(value, str) and value.count("+") == 1:
            left, right = value.split("+")
            if left.strip().isdigit() and right.strip().isdigit():
                pair = (int(left), int(right))
        elif isinstance(value, list | tuple) and len(value) == 2:
            pair = (value[0], value[1])
        elif isinstance(value, Mapping) and set(value) == {"for", "against"}:
            pair = (value["for"], value["against"])
        if pair is not None:
            a, b = pair
            if (
                isinstance(a, int)
                and isinstance(b, int)
                and not isinstance(a, bool)
                and not isinstance(b, bool)
                and 0 <= a <= high
                and 0 <= b <= high
            ):
                return SpeakerSplit(a, b)
        raise _refuse(name, value, allowed)

    return Spec(convert, allowed)


def _precedence() -> Spec:
    values = tuple(code.value for code in MotionCode)
    allowed = "a list of distinct motion codes, most disruptive first: " + ", ".join(values)

    def convert(name: str, value: object) -> object:
        if (
            isinstance(value, list | tuple)
            and all(isinstance(item, str) and item in values for item in value)
            and len(set(value)) == len(value)
        ):
            listed = tuple(MotionCode(item) for item in value)
            rest = tuple(code for code in DEFAULT_PRECEDENCE if code not in listed)
            return listed + rest
        raise _refuse(name, value, allowed, values)

    return Spec(convert, allowed, values)


def _delegations() -> Spec:
    allowed = "a list of delegation identifiers (strings)"

    def convert(name: str, value: object) -> object:
        if isinstance(value, list | tuple) and all(isinstance(v, str) and v for v in value):
            return tuple(dict.fromkeys(value))
        raise _refuse(name, value, allowed)

    return Spec(convert, allowed)


_HOUR = 3600
_ONE = Fraction(1)
_ZERO = Fraction(0)

SPECS: Mapping[str, Spec] = {
    "observers_vote_procedural": _bool(),
    "observers_may_sign_dr": _bool(),
    "observers_may_sponsor": _bool(),
    "present_means": _choice(PresentMeans),
    "allow_pv_downgrade": _bool(),
    "procedural_abstention_allowed": _bool(),
    "quorum_base": _choice(QuorumBase),
    "quorum_open_fraction": _fraction(Fraction(1, 100), _ONE),
    "quorum_decision_fraction": _fraction(Fraction(1, 100), Fraction(99, 100)),
    "two_thirds_rounding": _choice(TwoThirdsRounding),
    "topics": _int(1, 10),
    "agenda_speakers_per_side": _int(0, 10),
    "agenda_speech_seconds": _int(10, 600),
    "gsl_speaking_time": _int(10, 900),
    "min_speaking_time": _int(5, 900),
    "max_speaking_time": _int(10, 1800),
    "gsl_max_entries_per_delegation": _int(1, 5),
    "gsl_allow_consecutive": _bool(),
    "gsl_exhaustion_action": _choice(GslExhaustionAction),
    "gsl_warning_remaining": _int(0, 10),
    "allow_close_speakers_list": _bool(),
    "yields_enabled": _choice_set(YieldKind),
    "yield_chain_max": _int(0, 5),
    "question_time_counts": _choice(QuestionTimeCounts),
    "max_questions": _int(0, 50, nullable=True),
    "allow_follow_up": _bool(),
    "max_comments": _int(0, 20),
    "comment_seconds": _int(5, 300),
    "open_to_pois_enabled": _bool(),
    "max_pois": _int(1, 20, nullable=True),
    "mod_total_max": _int(60, 2 * _HOUR),
    "mod_speaker_min": _int(5, 600),
    "mod_speaker_max": _int(5, 900),
    "mod_total_must_be_multiple_of_speaker_time": _bool(),
    "mod_mover_position": _choice(MoverPosition),
    "caucus_remainder_action": _choice(CaucusRemainderAction),
    "unmod_total_max": _int(60, 4 * _HOUR),
    "extension_max_fraction": _fraction(_ZERO, Fraction(4)),
    "max_extensions_per_caucus": _int(0, 10),
    "caucus_ordering": _choice(CaucusOrdering),
    "round_robin_enabled": _bool(),
    "round_robin_seconds": _int(10, 300),
    "ror_enabled": _bool(),
    "ror_seconds": _int(10, 900),
    "ror_scope": _choice(RorScope),
    "ror_reply_to_reply": _bool(),
    "motions_require_second": _bool(),
    "motion_precedence": _precedence(),
    "motion_speaker_seconds": _int(10, 600),
    "closure_threshold": _threshold(),
    "closure_speakers": _speakers(5),
    "table_threshold": _threshold(),
    "table_speakers": _speakers(5),
    "closure_requires_dr": _bool(),
    "reconsider_enabled": _bool(),
    "reconsider_threshold": _threshold(),
    "appeal_enabled": _bool(),
    "appeal_threshold": _threshold(),
    "non_appealable_rulings": _choice_set(RulingSubject),
    "important_question_enabled": _bool(),
    "important_question_threshold": _threshold(),
    "thimun_motions_enabled": _bool(),
    "points_enabled": _choice_set(PointKind),
    "point_of_order_interrupts": _bool(),
    "wp_requires_director_approval": _bool(),
    "wp_signatory_quota": _fraction(_ZERO, _ONE),
    "dr_quota_fraction": _fraction(_ZERO, _ONE),
    "dr_quota_base": _choice(DrQuotaBase),
    "dr_sponsor_limit_per_delegation": _int(1, 20, nullable=True),
    "sponsor_may_sign_other_dr": _bool(),
    "dr_max_sponsors": _int(1, 200, nullable=True),
    "dr_min_sponsors": _int(1, 20),
    "dr_introduction_vote": _threshold(nullable=True),
    "qa_after_introduction": _choice(QaAfterIntroduction),
    "qa_wording_questions": _int(0, 20),
    "stop_after_first_adopted": _bool(),
    "allow_preamble_amendments": _bool(),
    "unfriendly_quota_fraction": _fraction(_ZERO, _ONE, nullable=True),
    "allow_second_degree": _bool(),
    "amendment_order": _choice(AmendmentOrder),
    "amendment_passes_if_unopposed": _bool(),
    "lock_friendly_after_voted_amendment": _bool(),
    "substantive_threshold": _threshold(),
    "unfriendly_amendment_threshold": _threshold(nullable=True),
    "roll_call_on_request": _bool(),
    "roll_call_start": _choice(RollCallStart),
    "allow_pass": _bool(),
    "passers_may_request_rights": _bool(),
    "second_pass_policy": _choice(SecondPassPolicy),
    "rights_enabled": _bool(),
    "rights_seconds": _int(5, 600),
    "max_rights_per_vote": _int(0, 200, nullable=True),
    "sponsors_may_explain_own_vote": _bool(),
    "allow_vote_change_before_result": _bool(),
    "division_enabled": _bool(),
    "division_unit": _choice(DivisionUnit),
    "reorder_enabled": _bool(),
    "consensus_enabled": _bool(),
    "consensus_fallback": _choice(ConsensusFallback),
    "consensus_objection_window": _int(0, 600),
    "chair_may_propose_consensus": _bool(),
    "veto_members": _delegations(),
    "doors_closed_in_voting": _bool(),
}

PARAMETER_NAMES: tuple[str, ...] = tuple(f.name for f in fields(Parameters))


def convert_values(raw: Mapping[str, object]) -> dict[str, Any]:
    """Convert and check each value; unknown names are refused with the allowed list."""
    converted: dict[str, Any] = {}
    for name, value in raw.items():
        spec = SPECS.get(name)
        if spec is None:
            raise ProcedureError(
                ErrorCode.UNKNOWN_PARAMETER, name=name, allowed=sorted(PARAMETER_NAMES)
            )
        converted[name] = spec.convert(name, value)
    return converted


def check_consistency(params: Parameters) -> None:
    """Cross-parameter rules a single value cannot express."""
    if params.min_speaking_time > params.max_speaking_time:
        raise _refuse(
            "min_speaking_time",
            params.min_speaking_time,
            f"at most max_speaking_time ({params.max_speaking_time})",
        )
    if not params.min_speaking_time <= params.gsl_speaking_time <= params.max_speaking_time:
        raise _refuse(
            "gsl_speaking_time",
            params.gsl_speaking_time,
            f"between min_speaking_time ({params.min_speaking_time}) "
            f"and max_speaking_time ({params.max_speaking_time})",
        )
    if params.mod_speaker_min > params.mod_speaker_max:
        raise _refuse(
            "mod_speaker_min",
            params.mod_speaker_min,
            f"at most mod_speaker_max ({params.mod_speaker_max})",
        )
    if (
        params.open_to_pois_enabled
        and PointKind.INFORMATION_TO_SPEAKER not in params.points_enabled
    ):
        raise _refuse(
            "open_to_pois_enabled",
            params.open_to_pois_enabled,
            "false while points_enabled leaves out information_to_speaker",
        )
    if params.dr_max_sponsors is not None and params.dr_max_sponsors < params.dr_min_sponsors:
        raise _refuse(
            "dr_max_sponsors",
            params.dr_max_sponsors,
            f"at least dr_min_sponsors ({params.dr_min_sponsors})",
        )
