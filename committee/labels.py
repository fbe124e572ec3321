"""The words for the rules engine's codes and enum values, in the language being rendered.

The engine (``committee.procedure``) speaks only in codes: phases, motion codes, statuses,
profile names. Templates, forms and the refusal messages (``committee.procedure_messages``)
show them through these tables, keyed by the engine's value. Each word is a gettext msgid
with a context, so the same English word may be translated differently in two tables.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import Enum

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy, pgettext, pgettext_lazy

from committee.procedure.choices import MotionCode, PointKind, RorGround

Labels = Mapping[str, Promise]

PHASES: Labels = {
    "not_started": pgettext_lazy("phase", "not started"),
    "roll_call": pgettext_lazy("phase", "roll call"),
    "agenda": pgettext_lazy("phase", "setting the agenda"),
    "gsl": pgettext_lazy("phase", "general speakers' list"),
    "mod_caucus": pgettext_lazy("phase", "moderated caucus"),
    "unmod_caucus": pgettext_lazy("phase", "unmoderated caucus"),
    "round_robin": pgettext_lazy("phase", "round robin"),
    "doc_intro": pgettext_lazy("phase", "introduction of documents"),
    "qa": pgettext_lazy("phase", "question-and-answer session"),
    "right_of_reply": pgettext_lazy("phase", "right of reply"),
    "voting_procedure": pgettext_lazy("phase", "voting procedure"),
    "suspended": pgettext_lazy("phase", "meeting suspended"),
    "adjourned": pgettext_lazy("phase", "adjourned"),
}
MOTION_REASONS: Labels = {
    "phase": pgettext_lazy("why a motion is not in order", "not in order in this phase"),
    "substantive_vote_started": pgettext_lazy(
        "why a motion is not in order", "voting on substance has begun"
    ),
    "speakers_list_open": pgettext_lazy(
        "why a motion is not in order", "the speakers' list is open"
    ),
}
POINT_KINDS: Labels = {
    "personal_privilege": pgettext_lazy("point", "point of personal privilege"),
    "order": pgettext_lazy("point", "point of order"),
    "parliamentary_inquiry": pgettext_lazy("point", "point of parliamentary inquiry"),
    "information_to_chair": pgettext_lazy("point", "point of information to the chair"),
    "information_to_speaker": pgettext_lazy("point", "point of information to the speaker"),
}
POINT_REASONS: Labels = {
    "voting_procedure": pgettext_lazy(
        "why a point is not in order", "the committee is in voting procedure"
    ),
    "conduct_of_vote_only": pgettext_lazy(
        "why a point is not in order", "during voting, only on the conduct of the vote"
    ),
    "no_yield_to_questions": pgettext_lazy(
        "why a point is not in order", "the speaker has not yielded to questions"
    ),
    "speaker_not_open_to_pois": pgettext_lazy(
        "why a point is not in order", "the speaker is not open to points of information"
    ),
    "pois_all_taken": pgettext_lazy(
        "why a point is not in order", "the speaker has taken all the points it was open to"
    ),
    "own_speech": pgettext_lazy(
        "why a point is not in order", "a delegation does not question its own speech"
    ),
}
MOTION_STATUSES: Labels = {
    "pending": pgettext_lazy("motion status", "pending"),
    "voting": pgettext_lazy("motion status", "being voted on"),
    "carried": pgettext_lazy("motion status", "carried"),
    "failed": pgettext_lazy("motion status", "failed"),
    "superseded": pgettext_lazy("motion status", "not voted (superseded)"),
    "withdrawn": pgettext_lazy("motion status", "withdrawn"),
    "out_of_order": pgettext_lazy("motion status", "out of order"),
    "dilatory": pgettext_lazy("motion status", "dilatory"),
}
ROLL_STATUSES: Labels = {
    "absent": pgettext_lazy("roll-call status", "absent"),
    "present": pgettext_lazy("roll-call status", "present"),
    "present_and_voting": pgettext_lazy("roll-call status", "present and voting"),
}
DELEGATION_KINDS: Labels = {
    "member": pgettext_lazy("delegation kind", "Member State"),
    "observer": pgettext_lazy("delegation kind", "Observer"),
    "ngo": pgettext_lazy("delegation kind", "NGO"),
}
DOCUMENT_STATUSES: Labels = {
    "draft": pgettext_lazy("document status", "draft"),
    "submitted": pgettext_lazy("document status", "submitted"),
    "approved": pgettext_lazy("document status", "approved"),
    "introduced": pgettext_lazy("document status", "introduced"),
    "withdrawn": pgettext_lazy("document status", "withdrawn"),
    "adopted": pgettext_lazy("document status", "adopted"),
    "rejected": pgettext_lazy("document status", "rejected"),
    "lapsed": pgettext_lazy("document status", "lapsed"),
}
DOCUMENT_KINDS: Labels = {
    "working_paper": pgettext_lazy("document kind", "working paper"),
    "draft_resolution": pgettext_lazy("document kind", "draft resolution"),
}
AMENDMENT_STATUSES: Labels = {
    "submitted": pgettext_lazy("amendment status", "waiting for the Director"),
    "returned": pgettext_lazy("amendment status", "returned"),
    "with_sponsors": pgettext_lazy("amendment status", "asked of the sponsors"),
    "applied": pgettext_lazy("amendment status", "friendly: applied"),
    "unfriendly": pgettext_lazy("amendment status", "unfriendly: collecting signatures"),
    "awaiting_vote": pgettext_lazy("amendment status", "unfriendly: waiting for the vote"),
    "withdrawn": pgettext_lazy("amendment status", "withdrawn"),
    "lapsed": pgettext_lazy("amendment status", "lapsed"),
    "not_put": pgettext_lazy("amendment status", "not put to the vote"),
    "adopted": pgettext_lazy("amendment status", "adopted"),
    "rejected": pgettext_lazy("amendment status", "rejected"),
}
AMENDMENT_ACTIONS: Labels = {
    "add": pgettext_lazy("amendment action", "add"),
    "modify": pgettext_lazy("amendment action", "modify"),
    "strike": pgettext_lazy("amendment action", "strike"),
    "move": pgettext_lazy("amendment action", "move"),
}
YIELD_KINDS: Labels = {
    "chair": pgettext_lazy("yield to", "the chair"),
    "delegate": pgettext_lazy("yield to", "another delegate"),
    "questions": pgettext_lazy("yield to", "questions"),
    "comments": pgettext_lazy("yield to", "comments"),
}
STAGES: Labels = {
    "speaking": pgettext_lazy("speech stage or caucus kind", "speaking"),
    "awaiting_acceptance": pgettext_lazy(
        "speech stage or caucus kind", "waiting for the yield to be accepted"
    ),
    "yielded_to_delegate": pgettext_lazy("speech stage or caucus kind", "speaking on yielded time"),
    "questions": pgettext_lazy("speech stage or caucus kind", "yielded to questions"),
    "comments": pgettext_lazy("speech stage or caucus kind", "yielded to comments"),
    "open_to_pois": pgettext_lazy("speech stage or caucus kind", "open to points of information"),
    "ended": pgettext_lazy("speech stage or caucus kind", "speech ended"),
    "moderated": pgettext_lazy("speech stage or caucus kind", "moderated caucus"),
    "unmoderated": pgettext_lazy("speech stage or caucus kind", "unmoderated caucus"),
    "round_robin": pgettext_lazy("speech stage or caucus kind", "round robin"),
}
MOVER_CHOICES: Labels = {
    "first": pgettext_lazy("caucus mover may", "speak first"),
    "last": pgettext_lazy("caucus mover may", "speak last"),
    "not_speaking": pgettext_lazy("caucus mover may", "not speak"),
}
ROR_SCOPES: Labels = {
    "national_or_personal": pgettext_lazy("right of reply scope", "national or personal integrity"),
    "personal_only": pgettext_lazy("right of reply scope", "personal integrity"),
    "end_of_day": pgettext_lazy("right of reply scope", "national or personal integrity"),
}
ROR_GROUNDS: Labels = {
    "national_integrity": pgettext_lazy("right of reply ground", "national integrity"),
    "personal_integrity": pgettext_lazy("right of reply ground", "personal integrity"),
    "policy_disagreement": pgettext_lazy("right of reply ground", "policy disagreement"),
}
RULING_SUBJECTS: Labels = {
    "caucus_length": pgettext_lazy("ruling on", "the length of a caucus"),
    "caucus_topic": pgettext_lazy("ruling on", "the topic of a caucus"),
    "dilatory_caucus": pgettext_lazy("ruling on", "a dilatory caucus"),
    "right_of_reply": pgettext_lazy("ruling on", "a right of reply"),
    "dilatory_motion": pgettext_lazy("ruling on", "a dilatory motion"),
    "out_of_order": pgettext_lazy("ruling on", "a motion out of order"),
    "point_of_order": pgettext_lazy("ruling on", "a point of order"),
    "other": pgettext_lazy("ruling on", "other matters"),
}
MOTION_ARGS: Labels = {
    "total_seconds": pgettext_lazy("motion parameter", "total time"),
    "speaker_seconds": pgettext_lazy("motion parameter", "speaking time"),
    "topic": pgettext_lazy("motion parameter", "topic"),
    "target": pgettext_lazy("motion parameter", "document"),
    "parts": pgettext_lazy("motion parameter", "parts"),
    "order": pgettext_lazy("motion parameter", "order"),
}
MOTIONS: Labels = {
    MotionCode.APPEAL: pgettext_lazy("motion", "Appeal the chair's decision"),
    MotionCode.ADJOURN_MEETING: pgettext_lazy("motion", "Adjourn the meeting"),
    MotionCode.SUSPEND_MEETING: pgettext_lazy("motion", "Suspend the meeting"),
    MotionCode.TABLE_DEBATE: pgettext_lazy("motion", "Adjourn debate (table the topic)"),
    MotionCode.CLOSE_DEBATE: pgettext_lazy("motion", "Closure of debate"),
    MotionCode.PREVIOUS_QUESTION: pgettext_lazy("motion", "Move to the previous question"),
    MotionCode.RESUME_DEBATE: pgettext_lazy("motion", "Resume debate"),
    MotionCode.RECONSIDER: pgettext_lazy("motion", "Reconsider"),
    MotionCode.INTRODUCE_DR: pgettext_lazy("motion", "Introduce a draft resolution"),
    MotionCode.INTRODUCE_AMENDMENT: pgettext_lazy("motion", "Introduce an amendment"),
    MotionCode.INTRODUCE_WP: pgettext_lazy("motion", "Introduce a working paper"),
    MotionCode.EXTEND_CAUCUS: pgettext_lazy("motion", "Extend the current caucus"),
    MotionCode.UNMODERATED_CAUCUS: pgettext_lazy("motion", "Unmoderated caucus"),
    MotionCode.MODERATED_CAUCUS: pgettext_lazy("motion", "Moderated caucus"),
    MotionCode.ROUND_ROBIN: pgettext_lazy("motion", "Round robin"),
    MotionCode.QA_SESSION: pgettext_lazy("motion", "Question-and-answer session"),
    MotionCode.EXTEND_DEBATE_TIME: pgettext_lazy("motion", "Extend debate time"),
    MotionCode.TABLE_CLAUSE: pgettext_lazy("motion", "Table a clause"),
    MotionCode.SET_SPEAKING_TIME: pgettext_lazy("motion", "Set speaking time"),
    MotionCode.CLOSE_SPEAKERS_LIST: pgettext_lazy("motion", "Close the speakers' list"),
    MotionCode.REOPEN_SPEAKERS_LIST: pgettext_lazy("motion", "Reopen the speakers' list"),
    MotionCode.OPEN_GSL: pgettext_lazy("motion", "Open the general speakers' list"),
    MotionCode.SET_AGENDA: pgettext_lazy("motion", "Set the agenda"),
    MotionCode.REORDER_DRS: pgettext_lazy("motion", "Reorder draft resolutions"),
    MotionCode.DIVIDE_QUESTION: pgettext_lazy("motion", "Divide the question"),
    MotionCode.ROLL_CALL_VOTE: pgettext_lazy("motion", "Roll-call vote"),
    MotionCode.ADOPT_BY_CONSENSUS: pgettext_lazy("motion", "Adopt by consensus"),
    MotionCode.IMPORTANT_QUESTION: pgettext_lazy("motion", "Declare an important question"),
    MotionCode.DIVIDE_HOUSE: pgettext_lazy("motion", "Divide the house"),
}
PROFILES: Labels = {
    "cn_common": pgettext_lazy("rules profile", "Chinese common rules (American/Harvard style)"),
    "una_usa": pgettext_lazy("rules profile", "UNA-USA"),
    "hmun": pgettext_lazy("rules profile", "HMUN (Harvard)"),
    "nmun": pgettext_lazy("rules profile", "NMUN (National Model United Nations)"),
    "thimun": pgettext_lazy("rules profile", "THIMUN"),
    "un_ga": pgettext_lazy("rules profile", "UN General Assembly (committee rules)"),
    "bimun_beijing": pgettext_lazy("rules profile", "BIMUN Beijing Rules (partial)"),
}

VOTE_METHODS: Labels = {
    "placards": pgettext_lazy("way of voting", "placards"),
    "phones": pgettext_lazy("way of voting", "phones"),
    "roll_call": pgettext_lazy("way of voting", "roll call"),
    "consensus": pgettext_lazy("way of voting", "consensus"),
}
VOTE_ITEM_STATUSES: Labels = {
    "pending": pgettext_lazy("vote item", "to be voted"),
    "adopted": pgettext_lazy("vote item", "adopted"),
    "rejected": pgettext_lazy("vote item", "rejected"),
    "not_put": pgettext_lazy("vote item", "not put (moot)"),
    "lapsed": pgettext_lazy("vote item", "lapsed"),
    "rejected_without_vote": pgettext_lazy("vote item", "rejected without a vote"),
}
VOTE_CHOICES: Labels = {
    "yes": pgettext_lazy("vote", "Yes"),
    "no": pgettext_lazy("vote", "No"),
    "abstain": pgettext_lazy("vote", "Abstain"),
    "pass": pgettext_lazy("vote", "Pass"),
    "yes_with_rights": pgettext_lazy("vote", "Yes with rights"),
    "no_with_rights": pgettext_lazy("vote", "No with rights"),
    "refused": pgettext_lazy("vote", "Would not answer"),
}
VOTING_TRIGGERS: Labels = {
    "closure": pgettext_lazy("voting procedure began on", "closure of debate"),
    "gsl_exhaustion": pgettext_lazy("voting procedure began on", "the speakers' list running out"),
    "previous_question": pgettext_lazy("voting procedure began on", "the previous question"),
    "end_of_debate_time": pgettext_lazy("voting procedure began on", "the end of debate time"),
}

# Names that stand alone, on a button or as a heading (the tables above are words within a
# sentence).
POINT_TITLES: Labels = {
    PointKind.PERSONAL_PRIVILEGE: gettext_lazy("Point of personal privilege"),
    PointKind.ORDER: gettext_lazy("Point of order"),
    PointKind.PARLIAMENTARY_INQUIRY: gettext_lazy("Point of parliamentary inquiry"),
    PointKind.INFORMATION_TO_CHAIR: gettext_lazy("Point of information to the chair"),
    PointKind.INFORMATION_TO_SPEAKER: gettext_lazy("Point of information to the speaker"),
}
GROUND_TITLES: Labels = {
    RorGround.NATIONAL_INTEGRITY: gettext_lazy("National integrity"),
    RorGround.PERSONAL_INTEGRITY: gettext_lazy("Personal integrity"),
    RorGround.POLICY_DISAGREEMENT: gettext_lazy("Policy disagreement"),
}


def label(table: Labels, value: object) -> str:
    """``value`` (an engine enum or its string) in words, or as given when the table lacks it."""
    key = value.value if isinstance(value, Enum) else str(value)
    word = table.get(key)
    return str(word) if word is not None else key


def motion_label(code: MotionCode | str) -> str:
    """A motion's name in the active language ("Moderated caucus" / "有主持核心磋商")."""
    return label(MOTIONS, code)


def profile_label(name: str) -> str:
    """A rules profile's name in the active language."""
    return label(PROFILES, name)


def document_label(kind: object, topic: int, number: int | None) -> str:
    """ "WP 1.2" / "DR 1.2" in the reader's language; "DR 1.?" before the Director numbers it."""
    words = {"topic": topic, "number": "?" if number is None else number}
    if str(getattr(kind, "value", kind)) == "working_paper":
        return pgettext("document number", "WP %(topic)s.%(number)s") % words
    return pgettext("document number", "DR %(topic)s.%(number)s") % words
