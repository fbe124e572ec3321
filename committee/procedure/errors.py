"""Refusals of the rules engine.

Every refusal is a ``ProcedureError`` carrying a stable machine-readable ``code`` (one of
``ErrorCode``) and the ``facts`` needed to explain it. Words for humans live outside the
engine (``committee.procedure_messages``), so the engine never translates anything.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum
from types import MappingProxyType


class ErrorCode(StrEnum):
    """Every code the engine can raise. The message catalogue must cover each one."""

    # time and values
    NAIVE_DATETIME = "naive_datetime"
    INVALID_DURATION = "invalid_duration"
    TIMER_NOT_RUNNING = "timer_not_running"
    TIMER_ALREADY_RUNNING = "timer_already_running"
    # profiles and parameters
    UNKNOWN_PROFILE = "unknown_profile"
    UNKNOWN_PARAMETER = "unknown_parameter"
    INVALID_PARAMETER_VALUE = "invalid_parameter_value"
    INVALID_THRESHOLD = "invalid_threshold"
    # sessions and roll call
    SESSION_ALREADY_OPEN = "session_already_open"
    NO_OPEN_SESSION = "no_open_session"
    ROLL_CALL_IN_VOTING = "roll_call_in_voting"
    ROLL_CALL_NOT_OPEN = "roll_call_not_open"
    ANSWERS_ONLY_FOR_ITSELF = "answers_only_for_itself"
    LATE_ANSWER = "late_answer"
    # the speaker's timer
    NO_SPEAKER = "no_speaker"
    INVALID_EXTENSION = "invalid_extension"
    # attendance
    UNKNOWN_DELEGATION = "unknown_delegation"
    STATUS_NOT_ALLOWED_FOR_KIND = "status_not_allowed_for_kind"
    DOWNGRADE_NOT_ALLOWED = "downgrade_not_allowed"
    STATUS_LOCKED_IN_VOTING = "status_locked_in_voting"
    INVALID_MEMBERSHIP = "invalid_membership"
    # speakers
    NOT_PRESENT = "not_present"
    ALREADY_ON_LIST = "already_on_list"
    CONSECUTIVE_ENTRY = "consecutive_entry"
    SPEAKERS_LIST_CLOSED = "speakers_list_closed"
    SPEAKERS_LIST_EMPTY = "speakers_list_empty"
    NOT_ON_LIST = "not_on_list"
    NO_SUCH_PLACE = "no_such_place"
    SPEAKING_TIME_OUT_OF_RANGE = "speaking_time_out_of_range"
    YIELD_NOT_ENABLED = "yield_not_enabled"
    YIELD_ALREADY_DECLARED = "yield_already_declared"
    YIELD_CHAIN_EXCEEDED = "yield_chain_exceeded"
    YIELD_TO_SELF = "yield_to_self"
    NO_TIME_TO_YIELD = "no_time_to_yield"
    NO_PENDING_YIELD = "no_pending_yield"
    WRONG_YIELD_STAGE = "wrong_yield_stage"
    QUESTION_LIMIT_REACHED = "question_limit_reached"
    FOLLOW_UP_NOT_ALLOWED = "follow_up_not_allowed"
    COMMENT_LIMIT_REACHED = "comment_limit_reached"
    # open to points of information (THIMUN)
    POIS_NOT_ENABLED = "pois_not_enabled"
    POIS_ALREADY_OPEN = "pois_already_open"
    INVALID_POI_OFFER = "invalid_poi_offer"
    POI_OFFER_OVER_LIMIT = "poi_offer_over_limit"
    POI_LIMIT_REACHED = "poi_limit_reached"
    POI_IN_PROGRESS = "poi_in_progress"
    NO_POI_ASKED = "no_poi_asked"
    NOT_FLOOR_HOLDER = "not_floor_holder"
    # the speakers' list on the floor
    ACTS_ONLY_FOR_ITSELF = "acts_only_for_itself"
    DEBATE_CLOSED = "debate_closed"
    SELF_SERVICE_OFF = "self_service_off"
    NOT_IN_GSL = "not_in_gsl"
    NOT_A_LIST_SPEECH = "not_a_list_speech"
    NO_LIST_SPEECH = "no_list_speech"
    NOT_YIELDED_TO = "not_yielded_to"
    HOLDER_NOT_RECOGNISABLE = "holder_not_recognisable"
    LIST_NOT_EXHAUSTED = "list_not_exhausted"
    CAUCUS_ENDED = "caucus_ended"
    MOVER_POSITION_NOT_ALLOWED = "mover_position_not_allowed"
    MOVER_CHOICE_TOO_LATE = "mover_choice_too_late"
    EXTENSION_LIMIT_REACHED = "extension_limit_reached"
    EXTENSION_TOO_LONG = "extension_too_long"
    ROUND_ROBIN_DISABLED = "round_robin_disabled"
    RIGHT_OF_REPLY_DISABLED = "right_of_reply_disabled"
    RIGHT_OF_REPLY_OUT_OF_SCOPE = "right_of_reply_out_of_scope"
    REPLY_TO_REPLY = "reply_to_reply"
    # caucuses on the floor
    NO_CAUCUS = "no_caucus"
    CAUCUS_NO_SPEAKER = "caucus_no_speaker"
    CAUCUS_ALREADY_PAUSED = "caucus_already_paused"
    CAUCUS_ALREADY_RUNNING = "caucus_already_running"
    CAUCUS_WAITS_FOR_SPEECH = "caucus_waits_for_speech"
    CAUCUS_NOT_MOVER = "caucus_not_mover"
    PLACARDS_ONLY_IN_MODERATED = "placards_only_in_moderated"
    PLACARD_ALREADY_RAISED = "placard_already_raised"
    PLACARD_WHILE_SPEAKING = "placard_while_speaking"
    PLACARD_NOT_RAISED = "placard_not_raised"
    # motions
    MOTION_DISABLED = "motion_disabled"
    MOTION_WRONG_PHASE = "motion_wrong_phase"
    FLOOR_NOT_OPEN = "floor_not_open"
    MOTION_MISSING_PARAMETER = "motion_missing_parameter"
    MOTION_OVER_CAP = "motion_over_cap"
    MOTION_NEEDS_SECOND = "motion_needs_second"
    SECOND_BY_MOVER = "second_by_mover"
    NO_DRAFT_RESOLUTION = "no_draft_resolution"
    TOPIC_NOT_TABLED = "topic_not_tabled"
    NO_CAUCUS_TO_EXTEND = "no_caucus_to_extend"
    NO_RULING_TO_APPEAL = "no_ruling_to_appeal"
    NOT_APPEALABLE = "not_appealable"
    APPEAL_DISABLED = "appeal_disabled"
    RULING_ALREADY_APPEALED = "ruling_already_appealed"
    RULING_NO_LONGER_APPEALABLE = "ruling_no_longer_appealable"
    NOTHING_TO_RECONSIDER = "nothing_to_reconsider"
    DOCUMENT_NOT_READY = "document_not_ready"
    MOTION_NOT_PENDING = "motion_not_pending"
    UNKNOWN_MOTION = "unknown_motion"
    NOT_MOVER = "not_mover"
    VOTE_ALREADY_STARTED = "vote_already_started"
    SUGGESTION_REFUSED = "suggestion_refused"
    MOTION_DILATORY = "motion_dilatory"
    CANNOT_MOVE = "cannot_move"
    # motions on the floor and their procedural votes
    SUGGESTION_UNCHANGED = "suggestion_unchanged"
    SECOND_NOT_NEEDED = "second_not_needed"
    ALREADY_SECONDED = "already_seconded"
    RULING_UNDER_APPEAL = "ruling_under_appeal"
    CHANGE_AWAITING_MOVER = "change_awaiting_mover"
    MOTION_NOT_VOTED = "motion_not_voted"
    MOTION_NOT_NEXT = "motion_not_next"
    VOTE_ALREADY_RUNNING = "vote_already_running"
    NO_VOTE_OPEN = "no_vote_open"
    BALLOT_IN_PLACARD_VOTE = "ballot_in_placard_vote"
    ENTRY_IN_PLACARD_VOTE = "entry_in_placard_vote"
    OWN_VOTE_STANDS = "own_vote_stands"
    PLACARD_COUNTS_NEEDED = "placard_counts_needed"
    PLACARD_COUNTS_TOO_HIGH = "placard_counts_too_high"
    MEETING_NOT_SUSPENDED = "meeting_not_suspended"
    # points
    POINT_DISABLED = "point_disabled"
    POINT_NOT_IN_ORDER = "point_not_in_order"
    # points and rights of reply on the floor
    RAISER_NOT_PRESENT = "raiser_not_present"
    POINT_ALREADY_PENDING = "point_already_pending"
    NOT_OWN_POINT = "not_own_point"
    NOT_A_POINT_OF_ORDER = "not_a_point_of_order"
    NO_SPEAKER_TO_RESUME = "no_speaker_to_resume"
    REPLY_ALREADY_REQUESTED = "reply_already_requested"
    REPLY_ALREADY_DECIDED = "reply_already_decided"
    REPLY_NOT_GRANTED = "reply_not_granted"
    REPLY_WAITS_FOR_FLOOR = "reply_waits_for_floor"
    NO_REPLY_ON_FLOOR = "no_reply_on_floor"
    # documents and amendments
    CANNOT_SPONSOR = "cannot_sponsor"
    CANNOT_SIGN = "cannot_sign"
    SPONSOR_LIMIT = "sponsor_limit"
    SPONSOR_OF_OTHER_DR = "sponsor_of_other_dr"
    SIGNATORY_OF_OTHER_DR = "signatory_of_other_dr"
    MAX_SPONSORS = "max_sponsors"
    ALREADY_LISTED = "already_listed"
    NOT_LISTED = "not_listed"
    QUOTA_NOT_MET = "quota_not_met"
    DOCUMENT_WRONG_STATUS = "document_wrong_status"
    NOT_APPROVED = "not_approved"
    WITHDRAWAL_NEEDS_ALL_SPONSORS = "withdrawal_needs_all_sponsors"
    UNKNOWN_CLAUSE = "unknown_clause"
    DUPLICATE_CLAUSE_ID = "duplicate_clause_id"
    CLAUSE_TOO_DEEP = "clause_too_deep"
    PREAMBLE_NOT_AMENDABLE = "preamble_not_amendable"
    AMENDMENT_LAPSED = "amendment_lapsed"
    SECOND_DEGREE_NOT_ALLOWED = "second_degree_not_allowed"
    THIRD_DEGREE_NOT_ALLOWED = "third_degree_not_allowed"
    FRIENDLY_NEEDS_ALL_SPONSORS = "friendly_needs_all_sponsors"
    FRIENDLY_LOCKED = "friendly_locked"
    EMPTY_AMENDMENT = "empty_amendment"
    MOVE_NOT_ALLOWED = "move_not_allowed"
    NOT_A_SPONSOR = "not_a_sponsor"
    NOT_A_WORKING_PAPER = "not_a_working_paper"
    AMENDMENT_WRONG_STATUS = "amendment_wrong_status"
    NOT_ASKED = "not_asked"
    ALREADY_ANSWERED = "already_answered"
    OWN_AMENDMENT = "own_amendment"
    # voting
    NOT_IN_SNAPSHOT = "not_in_snapshot"
    NOT_ELIGIBLE_TO_VOTE = "not_eligible_to_vote"
    ABSTENTION_NOT_ALLOWED = "abstention_not_allowed"
    PASS_NOT_ALLOWED = "pass_not_allowed"
    RIGHTS_NOT_ALLOWED = "rights_not_allowed"
    ALREADY_VOTED = "already_voted"
    NOT_YOUR_TURN = "not_your_turn"
    ROUND_NOT_FINISHED = "round_not_finished"
    RESULT_ALREADY_ANNOUNCED = "result_already_announced"
    VOTE_CHANGE_NOT_ALLOWED = "vote_change_not_allowed"
    VOID_NEEDS_REASON = "void_needs_reason"
    DECISION_QUORUM_LOST = "decision_quorum_lost"
    NOT_IN_VOTING_PROCEDURE = "not_in_voting_procedure"
    ALREADY_IN_VOTING_PROCEDURE = "already_in_voting_procedure"
    NOT_A_MEMBER = "not_a_member"
    CONSENSUS_DISABLED = "consensus_disabled"
    DIVISION_INVALID = "division_invalid"
    REORDER_INVALID = "reorder_invalid"
    VOTES_MISSING = "votes_missing"
    QUESTION_ALREADY_OPEN = "question_already_open"
    NO_QUESTION_OPEN = "no_question_open"
    NOTHING_TO_VOTE_ON = "nothing_to_vote_on"
    MOTIONS_PENDING = "motions_pending"
    METHOD_NOT_ALLOWED = "method_not_allowed"
    ROLL_CALL_REQUIRED = "roll_call_required"
    OBJECTION_WINDOW_OPEN = "objection_window_open"
    VOTING_NOT_FINISHED = "voting_not_finished"
    NOTHING_TO_VOID = "nothing_to_void"
    TOO_MANY_ABSTENTIONS = "too_many_abstentions"
    DOCUMENT_IN_VOTING = "document_in_voting"


ALL_ERROR_CODES: frozenset[str] = frozenset(code.value for code in ErrorCode)


class ProcedureError(Exception):
    """A refusal with a stable code and the facts that explain it.

    >>> ProcedureError("unknown_parameter", name="foo", allowed=["bar"]).code
    'unknown_parameter'
    """

    code: str
    facts: Mapping[str, object]

    def __init__(self, code: ErrorCode | str, **facts: object) -> None:
        # Normalise to the plain string so callers can compare with either form.
        self.code = ErrorCode(code).value
        self.facts = MappingProxyType(dict(facts))
        super().__init__(self.code, dict(facts))

    def __str__(self) -> str:
        details = ", ".join(f"{key}={value!r}" for key, value in self.facts.items())
        return f"{self.code}({details})"
