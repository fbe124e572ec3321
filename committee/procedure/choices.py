"""The vocabulary of parameter values and procedural actions (string enums, stored as-is)."""

from __future__ import annotations

from enum import StrEnum


class PresentMeans(StrEnum):
    MAY_ABSTAIN = "may_abstain"
    AUTO_ABSTAIN = "auto_abstain"


class QuorumBase(StrEnum):
    MEMBERSHIP = "membership"
    REGISTERED = "registered"
    PRESENT_AT_FIRST_ROLL = "present_at_first_roll"


class GslExhaustionAction(StrEnum):
    CLOSE_DEBATE = "close_debate"
    PROMPT_CHAIR = "prompt_chair"


class YieldKind(StrEnum):
    CHAIR = "chair"
    DELEGATE = "delegate"
    QUESTIONS = "questions"
    COMMENTS = "comments"


class QuestionTimeCounts(StrEnum):
    ANSWERS_ONLY = "answers_only"
    ALL = "all"


class MoverPosition(StrEnum):
    FIRST = "first"
    CHOOSE = "choose"
    NONE = "none"


class MoverChoice(StrEnum):
    """What a mover picks when ``mod_mover_position`` allows a choice."""

    FIRST = "first"
    LAST = "last"
    NOT_SPEAKING = "not_speaking"


class CaucusOrdering(StrEnum):
    DISRUPTIVENESS = "disruptiveness"
    ORDER_RECEIVED = "order_received"


class CaucusRemainderAction(StrEnum):
    """§8.9: when the caucus remainder is shorter than a slot."""

    END = "end"
    PROMPT_CHAIR = "prompt_chair"


class RorScope(StrEnum):
    NATIONAL_OR_PERSONAL = "national_or_personal"
    PERSONAL_ONLY = "personal_only"
    END_OF_DAY = "end_of_day"  # un_ga: national or personal, taken at the end of the day


class RorGround(StrEnum):
    NATIONAL_INTEGRITY = "national_integrity"
    PERSONAL_INTEGRITY = "personal_integrity"
    POLICY_DISAGREEMENT = "policy_disagreement"


class RulingSubject(StrEnum):
    CAUCUS_LENGTH = "caucus_length"
    CAUCUS_TOPIC = "caucus_topic"
    DILATORY_CAUCUS = "dilatory_caucus"
    RIGHT_OF_REPLY = "right_of_reply"
    DILATORY_MOTION = "dilatory_motion"
    OUT_OF_ORDER = "out_of_order"
    POINT_OF_ORDER = "point_of_order"
    OTHER = "other"


class DrQuotaBase(StrEnum):
    PRESENT_AT_LAST_ROLL_CALL = "present_at_last_roll_call"
    MEMBERSHIP = "membership"


class QaAfterIntroduction(StrEnum):
    WORDING_QUESTIONS = "wording_questions"
    PANEL_OF_AUTHORS = "panel_of_authors"
    NONE = "none"


class AmendmentOrder(StrEnum):
    CHAIR_SEVERITY = "chair_severity"
    FURTHEST_REMOVED_FIRST = "furthest_removed_first"
    SUBMISSION = "submission"


class RollCallStart(StrEnum):
    ALPHABETICAL_FIRST = "alphabetical_first"
    DRAWN_BY_LOT = "drawn_by_lot"


class SecondPassPolicy(StrEnum):
    NOT_VOTING = "not_voting"
    ABSTAIN = "abstain"


class ConsensusFallback(StrEnum):
    VOTE = "vote"
    CONTINUE_NEGOTIATION = "continue_negotiation"


class DivisionUnit(StrEnum):
    CLAUSE = "clause"
    SUBCLAUSE = "subclause"


class PointKind(StrEnum):
    """Points in priority order (highest first, §4)."""

    PERSONAL_PRIVILEGE = "personal_privilege"
    ORDER = "order"
    PARLIAMENTARY_INQUIRY = "parliamentary_inquiry"
    INFORMATION_TO_CHAIR = "information_to_chair"
    INFORMATION_TO_SPEAKER = "information_to_speaker"


class MotionCode(StrEnum):
    """Every motion the registry knows, in the default (cn_common, §3.3) precedence."""

    APPEAL = "appeal"
    ADJOURN_MEETING = "adjourn_meeting"
    SUSPEND_MEETING = "suspend_meeting"
    TABLE_DEBATE = "table_debate"
    CLOSE_DEBATE = "close_debate"
    PREVIOUS_QUESTION = "previous_question"
    RESUME_DEBATE = "resume_debate"
    RECONSIDER = "reconsider"
    INTRODUCE_DR = "introduce_dr"
    INTRODUCE_AMENDMENT = "introduce_amendment"
    INTRODUCE_WP = "introduce_wp"
    EXTEND_CAUCUS = "extend_caucus"
    UNMODERATED_CAUCUS = "unmoderated_caucus"
    MODERATED_CAUCUS = "moderated_caucus"
    ROUND_ROBIN = "round_robin"
    QA_SESSION = "qa_session"
    EXTEND_DEBATE_TIME = "extend_debate_time"
    TABLE_CLAUSE = "table_clause"
    SET_SPEAKING_TIME = "set_speaking_time"
    CLOSE_SPEAKERS_LIST = "close_speakers_list"
    REOPEN_SPEAKERS_LIST = "reopen_speakers_list"
    OPEN_GSL = "open_gsl"
    SET_AGENDA = "set_agenda"
    REORDER_DRS = "reorder_drs"
    DIVIDE_QUESTION = "divide_question"
    ROLL_CALL_VOTE = "roll_call_vote"
    ADOPT_BY_CONSENSUS = "adopt_by_consensus"
    IMPORTANT_QUESTION = "important_question"
    DIVIDE_HOUSE = "divide_house"
