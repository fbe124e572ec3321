"""The words for the rules engine's refusals, in the reader's language (gettext).

The engine (``committee.procedure``) raises ``ProcedureError(code, **facts)`` and never
translates. Views and forms call ``describe(error, language)``. Each code's message is a
gettext msgid (context "procedure error") whose ``%(name)s`` placeholders are filled from the
error's facts. Facts that carry the engine's own values (phases, point kinds, motion codes,
statuses, yield kinds…) are shown through the label tables of ``committee.labels``; lists are
joined with the language's own separator; limits in seconds are written as durations.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from enum import Enum
from numbers import Real

from django.utils import translation
from django.utils.functional import Promise
from django.utils.translation import pgettext_lazy

from committee import labels
from committee.labels import Labels
from committee.procedure.errors import ErrorCode, ProcedureError
from committee.wording import format_duration, separator

MESSAGES: Mapping[str, Promise] = {
    ErrorCode.NAIVE_DATETIME: pgettext_lazy(
        "procedure error", "Internal error: a time without a time zone was used (%(value)s)."
    ),
    ErrorCode.INVALID_DURATION: pgettext_lazy(
        "procedure error", "A duration cannot be negative (%(seconds)s s)."
    ),
    ErrorCode.TIMER_NOT_RUNNING: pgettext_lazy("procedure error", "The timer is not running."),
    ErrorCode.TIMER_ALREADY_RUNNING: pgettext_lazy(
        "procedure error", "The timer is already running."
    ),
    ErrorCode.SESSION_ALREADY_OPEN: pgettext_lazy(
        "procedure error", "Session %(number)s is already open."
    ),
    ErrorCode.NO_OPEN_SESSION: pgettext_lazy(
        "procedure error", "No session is open. Open a session first."
    ),
    ErrorCode.ROLL_CALL_IN_VOTING: pgettext_lazy(
        "procedure error", "Roll call cannot be taken during voting procedure."
    ),
    ErrorCode.ROLL_CALL_NOT_OPEN: pgettext_lazy("procedure error", "Roll call is not being taken."),
    ErrorCode.ANSWERS_ONLY_FOR_ITSELF: pgettext_lazy(
        "procedure error", "A delegation answers only for itself."
    ),
    ErrorCode.LATE_ANSWER: pgettext_lazy(
        "procedure error",
        "Roll call is not being taken. Send a note to the dais if you arrived late.",
    ),
    ErrorCode.NO_SPEAKER: pgettext_lazy(
        "procedure error", "Nobody has the floor, so there is no speaker's timer."
    ),
    ErrorCode.INVALID_EXTENSION: pgettext_lazy(
        "procedure error",
        "Give the extension in seconds, more than zero and at most %(limit)s.",
    ),
    ErrorCode.UNKNOWN_PROFILE: pgettext_lazy(
        "procedure error", "Unknown rules profile “%(name)s”. Choose one of: %(allowed)s."
    ),
    ErrorCode.UNKNOWN_PARAMETER: pgettext_lazy(
        "procedure error", "Unknown rules parameter “%(name)s”. Known parameters: %(allowed)s."
    ),
    ErrorCode.INVALID_PARAMETER_VALUE: pgettext_lazy(
        "procedure error",
        "The value %(value)s is not allowed for “%(name)s”: expected %(allowed)s.",
    ),
    ErrorCode.INVALID_THRESHOLD: pgettext_lazy(
        "procedure error",
        "Invalid threshold %(value)s: kind must be one of %(allowed_kinds)s and base one of "
        "%(allowed_bases)s.",
    ),
    ErrorCode.UNKNOWN_DELEGATION: pgettext_lazy(
        "procedure error", "Unknown delegation “%(delegation)s”."
    ),
    ErrorCode.STATUS_NOT_ALLOWED_FOR_KIND: pgettext_lazy(
        "procedure error", "%(kind)s delegations cannot be %(status)s; allowed: %(allowed)s."
    ),
    ErrorCode.DOWNGRADE_NOT_ALLOWED: pgettext_lazy(
        "procedure error",
        "%(delegation)s is Present and Voting and cannot return to Present (it gave up the "
        "right to abstain).",
    ),
    ErrorCode.STATUS_LOCKED_IN_VOTING: pgettext_lazy(
        "procedure error",
        "The doors are closed during voting procedure: %(delegation)s stays %(status)s.",
    ),
    ErrorCode.INVALID_MEMBERSHIP: pgettext_lazy(
        "procedure error", "The committee's membership must be at least 1 (got %(membership)s)."
    ),
    ErrorCode.NOT_PRESENT: pgettext_lazy("procedure error", "%(delegation)s is not present."),
    ErrorCode.ALREADY_ON_LIST: pgettext_lazy(
        "procedure error",
        "%(delegation)s is already on the speakers' list (%(entries)s of %(limit)s entries).",
    ),
    ErrorCode.CONSECUTIVE_ENTRY: pgettext_lazy(
        "procedure error",
        "%(delegation)s cannot hold two consecutive places on the speakers' list.",
    ),
    ErrorCode.SPEAKERS_LIST_CLOSED: pgettext_lazy(
        "procedure error", "The speakers' list is closed."
    ),
    ErrorCode.SPEAKERS_LIST_EMPTY: pgettext_lazy("procedure error", "The speakers' list is empty."),
    ErrorCode.NOT_ON_LIST: pgettext_lazy(
        "procedure error", "%(delegation)s is not on the speakers' list."
    ),
    ErrorCode.NO_SUCH_PLACE: pgettext_lazy(
        "procedure error", "The speakers' list has no place %(position)s (it has %(length)s)."
    ),
    ErrorCode.SPEAKING_TIME_OUT_OF_RANGE: pgettext_lazy(
        "procedure error", "Speaking time %(value)s is outside %(minimum)s–%(maximum)s."
    ),
    ErrorCode.YIELD_NOT_ENABLED: pgettext_lazy(
        "procedure error", "Yielding to %(kind)s is not allowed here. Allowed: %(allowed)s."
    ),
    ErrorCode.YIELD_ALREADY_DECLARED: pgettext_lazy(
        "procedure error", "A yield has already been declared for this speech."
    ),
    ErrorCode.YIELD_CHAIN_EXCEEDED: pgettext_lazy(
        "procedure error",
        "No more yields to delegates (%(limit)s allowed); only a yield to the chair.",
    ),
    ErrorCode.YIELD_TO_SELF: pgettext_lazy(
        "procedure error", "A delegate cannot yield to themselves."
    ),
    ErrorCode.NO_TIME_TO_YIELD: pgettext_lazy(
        "procedure error", "No speaking time is left to yield."
    ),
    ErrorCode.NO_PENDING_YIELD: pgettext_lazy(
        "procedure error", "No yield to a delegate is waiting for an answer."
    ),
    ErrorCode.WRONG_YIELD_STAGE: pgettext_lazy(
        "procedure error", "That is not possible now (current stage: %(stage)s)."
    ),
    ErrorCode.QUESTION_LIMIT_REACHED: pgettext_lazy(
        "procedure error", "The limit of %(limit)s questions has been reached."
    ),
    ErrorCode.FOLLOW_UP_NOT_ALLOWED: pgettext_lazy(
        "procedure error", "Follow-up questions are not allowed."
    ),
    ErrorCode.COMMENT_LIMIT_REACHED: pgettext_lazy(
        "procedure error", "The limit of %(limit)s comments has been reached."
    ),
    ErrorCode.POIS_NOT_ENABLED: pgettext_lazy(
        "procedure error", "Speakers do not take points of information in this committee."
    ),
    ErrorCode.POIS_ALREADY_OPEN: pgettext_lazy(
        "procedure error", "The speaker is already open to points of information."
    ),
    ErrorCode.INVALID_POI_OFFER: pgettext_lazy(
        "procedure error",
        "A speaker open to points of information takes at least one (%(value)s given).",
    ),
    ErrorCode.POI_OFFER_OVER_LIMIT: pgettext_lazy(
        "procedure error",
        "The chair takes at most %(limit)s points of information per speech (%(value)s offered).",
    ),
    ErrorCode.POI_LIMIT_REACHED: pgettext_lazy(
        "procedure error",
        "The speaker has taken the %(limit)s points of information it was open to.",
    ),
    ErrorCode.POI_IN_PROGRESS: pgettext_lazy(
        "procedure error", "A point of information is being asked or answered: finish it first."
    ),
    ErrorCode.NO_POI_ASKED: pgettext_lazy(
        "procedure error", "No point of information is waiting for an answer."
    ),
    ErrorCode.NOT_FLOOR_HOLDER: pgettext_lazy(
        "procedure error",
        "Only the delegation that has the floor opens or closes its points of information.",
    ),
    ErrorCode.DEBATE_CLOSED: pgettext_lazy(
        "procedure error", "Debate is closed: the committee is in voting procedure."
    ),
    ErrorCode.SELF_SERVICE_OFF: pgettext_lazy(
        "procedure error",
        "The dais is not taking names from phones now. Raise your placard instead.",
    ),
    ErrorCode.NOT_IN_GSL: pgettext_lazy(
        "procedure error",
        "The committee is not in formal debate on the general speakers' list now.",
    ),
    ErrorCode.NOT_A_LIST_SPEECH: pgettext_lazy(
        "procedure error", "The speech on the floor is not from the speakers' list."
    ),
    ErrorCode.NO_LIST_SPEECH: pgettext_lazy(
        "procedure error", "No speech from the speakers' list is under way."
    ),
    ErrorCode.NOT_YIELDED_TO: pgettext_lazy(
        "procedure error", "Only the delegation yielded to can answer."
    ),
    ErrorCode.HOLDER_NOT_RECOGNISABLE: pgettext_lazy(
        "procedure error",
        "The delegation holding the floor cannot be recognised on its own speech.",
    ),
    ErrorCode.LIST_NOT_EXHAUSTED: pgettext_lazy(
        "procedure error", "Debate closes this way only once the speakers' list is exhausted."
    ),
    ErrorCode.CAUCUS_ENDED: pgettext_lazy("procedure error", "The caucus has ended."),
    ErrorCode.MOVER_POSITION_NOT_ALLOWED: pgettext_lazy(
        "procedure error", "The mover may not choose to %(choice)s; allowed: %(allowed)s."
    ),
    ErrorCode.MOVER_CHOICE_TOO_LATE: pgettext_lazy(
        "procedure error",
        "Too late to choose to %(choice)s: the mover has spoken or others already have.",
    ),
    ErrorCode.EXTENSION_LIMIT_REACHED: pgettext_lazy(
        "procedure error",
        "This caucus has already been extended %(used)s time(s); the limit is %(limit)s.",
    ),
    ErrorCode.EXTENSION_TOO_LONG: pgettext_lazy(
        "procedure error", "An extension may last at most %(maximum)s (requested %(value)s)."
    ),
    ErrorCode.ROUND_ROBIN_DISABLED: pgettext_lazy(
        "procedure error", "Round robins are not used in this committee."
    ),
    ErrorCode.RIGHT_OF_REPLY_DISABLED: pgettext_lazy(
        "procedure error", "Rights of reply are not used in this committee."
    ),
    ErrorCode.RIGHT_OF_REPLY_OUT_OF_SCOPE: pgettext_lazy(
        "procedure error",
        "A right of reply needs an attack on %(scope)s; “%(ground)s” does not qualify.",
    ),
    ErrorCode.REPLY_TO_REPLY: pgettext_lazy(
        "procedure error", "There is no right of reply to a right of reply."
    ),
    ErrorCode.NO_CAUCUS: pgettext_lazy("procedure error", "No caucus is running."),
    ErrorCode.CAUCUS_NO_SPEAKER: pgettext_lazy(
        "procedure error", "Nobody is speaking in the caucus."
    ),
    ErrorCode.CAUCUS_ALREADY_PAUSED: pgettext_lazy(
        "procedure error", "The caucus is already paused."
    ),
    ErrorCode.CAUCUS_ALREADY_RUNNING: pgettext_lazy(
        "procedure error", "The caucus is already running."
    ),
    ErrorCode.CAUCUS_WAITS_FOR_SPEECH: pgettext_lazy(
        "procedure error",
        "The caucus waits until the speech outside it (a right of reply) has ended.",
    ),
    ErrorCode.CAUCUS_NOT_MOVER: pgettext_lazy(
        "procedure error", "Only the mover of the caucus chooses when to speak."
    ),
    ErrorCode.PLACARDS_ONLY_IN_MODERATED: pgettext_lazy(
        "procedure error", "Placards are raised only in a moderated caucus."
    ),
    ErrorCode.PLACARD_ALREADY_RAISED: pgettext_lazy(
        "procedure error", "Your placard is already raised."
    ),
    ErrorCode.PLACARD_WHILE_SPEAKING: pgettext_lazy("procedure error", "You have the floor now."),
    ErrorCode.PLACARD_NOT_RAISED: pgettext_lazy("procedure error", "Your placard is not raised."),
    ErrorCode.MOTION_DISABLED: pgettext_lazy(
        "procedure error", "The motion “%(motion)s” is not used in this committee."
    ),
    ErrorCode.MOTION_WRONG_PHASE: pgettext_lazy(
        "procedure error",
        "The motion “%(motion)s” is not in order now (current phase: %(phase)s; in order "
        "during: %(allowed)s; reason: %(reason)s).",
    ),
    ErrorCode.FLOOR_NOT_OPEN: pgettext_lazy(
        "procedure error", "Motions may be raised only when the floor is open."
    ),
    ErrorCode.MOTION_MISSING_PARAMETER: pgettext_lazy(
        "procedure error", "The motion “%(motion)s” must state its %(parameter)s."
    ),
    ErrorCode.MOTION_OVER_CAP: pgettext_lazy(
        "procedure error",
        "The %(parameter)s of “%(motion)s” is %(value)s; allowed %(minimum)s–%(maximum)s.",
    ),
    ErrorCode.MOTION_NEEDS_SECOND: pgettext_lazy(
        "procedure error", "The motion “%(motion)s” needs a second."
    ),
    ErrorCode.SECOND_BY_MOVER: pgettext_lazy(
        "procedure error", "%(delegation)s cannot second its own motion."
    ),
    ErrorCode.NO_DRAFT_RESOLUTION: pgettext_lazy(
        "procedure error", "Closure of debate needs at least one draft resolution on the floor."
    ),
    ErrorCode.TOPIC_NOT_TABLED: pgettext_lazy(
        "procedure error", "The topic is not tabled, so debate cannot be resumed."
    ),
    ErrorCode.NO_CAUCUS_TO_EXTEND: pgettext_lazy(
        "procedure error", "No caucus has just ended, so there is nothing to extend."
    ),
    ErrorCode.NO_RULING_TO_APPEAL: pgettext_lazy(
        "procedure error", "There is no ruling %(target)s to appeal."
    ),
    ErrorCode.NOT_APPEALABLE: pgettext_lazy(
        "procedure error", "Rulings on %(subject)s cannot be appealed."
    ),
    ErrorCode.APPEAL_DISABLED: pgettext_lazy(
        "procedure error", "Appeals are not used in this committee."
    ),
    ErrorCode.RULING_ALREADY_APPEALED: pgettext_lazy(
        "procedure error", "The committee has already decided the appeal of this ruling."
    ),
    ErrorCode.RULING_NO_LONGER_APPEALABLE: pgettext_lazy(
        "procedure error",
        "The floor has moved on since this ruling: an appeal must follow it at once.",
    ),
    ErrorCode.NOTHING_TO_RECONSIDER: pgettext_lazy(
        "procedure error", "There is no decision %(target)s to reconsider."
    ),
    ErrorCode.DOCUMENT_NOT_READY: pgettext_lazy(
        "procedure error",
        "The motion “%(motion)s” cannot target %(target)s: the document is not ready.",
    ),
    ErrorCode.MOTION_NOT_PENDING: pgettext_lazy(
        "procedure error", "The motion %(motion_id)s is no longer pending (its status: %(status)s)."
    ),
    ErrorCode.UNKNOWN_MOTION: pgettext_lazy("procedure error", "Unknown motion %(motion_id)s."),
    ErrorCode.NOT_MOVER: pgettext_lazy(
        "procedure error", "%(delegation)s did not move %(motion_id)s."
    ),
    ErrorCode.VOTE_ALREADY_STARTED: pgettext_lazy(
        "procedure error", "The vote on %(motion_id)s has already started."
    ),
    ErrorCode.SUGGESTION_REFUSED: pgettext_lazy(
        "procedure error",
        "The mover refused the chair's change (%(reasons)s); “%(motion)s” is out of order.",
    ),
    ErrorCode.MOTION_DILATORY: pgettext_lazy(
        "procedure error", "The chair ruled “%(motion)s” dilatory."
    ),
    ErrorCode.CANNOT_MOVE: pgettext_lazy(
        "procedure error", "%(delegation)s may not raise motions without the chair's permission."
    ),
    ErrorCode.ACTS_ONLY_FOR_ITSELF: pgettext_lazy(
        "procedure error", "A delegation acts only for itself."
    ),
    ErrorCode.SUGGESTION_UNCHANGED: pgettext_lazy(
        "procedure error", "The suggested change is the same as the motion."
    ),
    ErrorCode.SECOND_NOT_NEEDED: pgettext_lazy("procedure error", "This motion needs no second."),
    ErrorCode.ALREADY_SECONDED: pgettext_lazy(
        "procedure error", "%(delegation)s has already seconded this motion."
    ),
    ErrorCode.RULING_UNDER_APPEAL: pgettext_lazy(
        "procedure error", "The last ruling is under appeal: vote on the appeal first."
    ),
    ErrorCode.CHANGE_AWAITING_MOVER: pgettext_lazy(
        "procedure error", "The mover has not yet answered the suggested change."
    ),
    ErrorCode.MOTION_NOT_VOTED: pgettext_lazy(
        "procedure error", "This motion is not put to a vote."
    ),
    ErrorCode.MOTION_NOT_NEXT: pgettext_lazy(
        "procedure error", "Another motion comes first in precedence: vote on it first."
    ),
    ErrorCode.VOTE_ALREADY_RUNNING: pgettext_lazy(
        "procedure error", "A vote is already running. Close it first."
    ),
    ErrorCode.NO_VOTE_OPEN: pgettext_lazy("procedure error", "No vote is open."),
    ErrorCode.BALLOT_IN_PLACARD_VOTE: pgettext_lazy(
        "procedure error", "This vote is taken by placard: raise your placard."
    ),
    ErrorCode.ENTRY_IN_PLACARD_VOTE: pgettext_lazy(
        "procedure error", "This vote is taken by placard: count the placards instead."
    ),
    ErrorCode.OWN_VOTE_STANDS: pgettext_lazy(
        "procedure error", "%(delegation)s has already voted; its own vote stands."
    ),
    ErrorCode.PLACARD_COUNTS_NEEDED: pgettext_lazy(
        "procedure error", "Enter the number of Yes and No placards."
    ),
    ErrorCode.PLACARD_COUNTS_TOO_HIGH: pgettext_lazy(
        "procedure error",
        "The placards counted cannot exceed the %(size)s delegations entitled to vote.",
    ),
    ErrorCode.MEETING_NOT_SUSPENDED: pgettext_lazy(
        "procedure error", "The meeting is not suspended."
    ),
    ErrorCode.POINT_DISABLED: pgettext_lazy(
        "procedure error", "The %(point)s is not used in this committee."
    ),
    ErrorCode.POINT_NOT_IN_ORDER: pgettext_lazy(
        "procedure error", "A %(point)s is not in order now (%(reason)s)."
    ),
    ErrorCode.RAISER_NOT_PRESENT: pgettext_lazy(
        "procedure error",
        "Your delegation is not marked present. Answer the roll call or send a note first.",
    ),
    ErrorCode.POINT_ALREADY_PENDING: pgettext_lazy(
        "procedure error",
        "Your delegation already has a point pending. Withdraw it to raise another.",
    ),
    ErrorCode.NOT_OWN_POINT: pgettext_lazy(
        "procedure error", "A delegation can withdraw only its own point."
    ),
    ErrorCode.NOT_A_POINT_OF_ORDER: pgettext_lazy(
        "procedure error", "Only a point of order is ruled well taken or not well taken."
    ),
    ErrorCode.NO_SPEAKER_TO_RESUME: pgettext_lazy(
        "procedure error", "No speaker is waiting to resume after a point."
    ),
    ErrorCode.REPLY_ALREADY_REQUESTED: pgettext_lazy(
        "procedure error", "Your delegation has already asked for a right of reply."
    ),
    ErrorCode.REPLY_ALREADY_DECIDED: pgettext_lazy(
        "procedure error", "That right of reply has already been decided."
    ),
    ErrorCode.REPLY_NOT_GRANTED: pgettext_lazy(
        "procedure error", "Grant the right of reply first."
    ),
    ErrorCode.REPLY_WAITS_FOR_FLOOR: pgettext_lazy(
        "procedure error", "Someone has the floor. Give the reply the floor after them."
    ),
    ErrorCode.NO_REPLY_ON_FLOOR: pgettext_lazy(
        "procedure error", "No right of reply is being made."
    ),
    ErrorCode.CANNOT_SPONSOR: pgettext_lazy(
        "procedure error", "%(delegation)s (%(kind)s) cannot sponsor a draft resolution."
    ),
    ErrorCode.CANNOT_SIGN: pgettext_lazy(
        "procedure error", "%(delegation)s (%(kind)s) cannot sign a draft resolution."
    ),
    ErrorCode.SPONSOR_LIMIT: pgettext_lazy(
        "procedure error",
        "%(delegation)s already sponsors %(documents)s; withdraw first (limit %(limit)s).",
    ),
    ErrorCode.SPONSOR_OF_OTHER_DR: pgettext_lazy(
        "procedure error",
        "%(delegation)s sponsors %(documents)s and so cannot sign another draft resolution.",
    ),
    ErrorCode.SIGNATORY_OF_OTHER_DR: pgettext_lazy(
        "procedure error",
        "%(delegation)s signs %(documents)s and so cannot sponsor another draft resolution.",
    ),
    ErrorCode.MAX_SPONSORS: pgettext_lazy(
        "procedure error", "A draft resolution may have at most %(limit)s sponsors."
    ),
    ErrorCode.ALREADY_LISTED: pgettext_lazy(
        "procedure error", "%(delegation)s is already listed on %(document)s."
    ),
    ErrorCode.NOT_LISTED: pgettext_lazy(
        "procedure error", "%(delegation)s is not listed on %(document)s."
    ),
    ErrorCode.QUOTA_NOT_MET: pgettext_lazy(
        "procedure error",
        "%(document)s has %(count)s sponsors and signatories; %(quota)s are needed.",
    ),
    ErrorCode.DOCUMENT_WRONG_STATUS: pgettext_lazy(
        "procedure error",
        "The status of %(document)s is %(status)s; this needs one of: %(expected)s.",
    ),
    ErrorCode.NOT_APPROVED: pgettext_lazy(
        "procedure error", "%(document)s has not been approved by the Director."
    ),
    ErrorCode.WITHDRAWAL_NEEDS_ALL_SPONSORS: pgettext_lazy(
        "procedure error",
        "Withdrawing %(document)s needs every current sponsor; missing: %(missing)s.",
    ),
    ErrorCode.UNKNOWN_CLAUSE: pgettext_lazy(
        "procedure error", "Clause %(clause)s does not exist in %(document)s."
    ),
    ErrorCode.DUPLICATE_CLAUSE_ID: pgettext_lazy(
        "procedure error", "Clause id %(clause)s is used twice."
    ),
    ErrorCode.CLAUSE_TOO_DEEP: pgettext_lazy(
        "procedure error", "Sub-clauses may be nested at most %(limit)s levels deep."
    ),
    ErrorCode.PREAMBLE_NOT_AMENDABLE: pgettext_lazy(
        "procedure error", "Preambular clauses cannot be amended (clause %(clause)s)."
    ),
    ErrorCode.AMENDMENT_LAPSED: pgettext_lazy(
        "procedure error", "Amendment %(amendment)s lapsed: its target %(clause)s no longer exists."
    ),
    ErrorCode.SECOND_DEGREE_NOT_ALLOWED: pgettext_lazy(
        "procedure error", "Amendments to amendments are not allowed in this committee."
    ),
    ErrorCode.THIRD_DEGREE_NOT_ALLOWED: pgettext_lazy(
        "procedure error",
        "Amendment %(parent)s is itself an amendment to an amendment: third-degree amendments "
        "are never in order.",
    ),
    ErrorCode.FRIENDLY_NEEDS_ALL_SPONSORS: pgettext_lazy(
        "procedure error", "A friendly amendment needs every current sponsor; missing: %(missing)s."
    ),
    ErrorCode.FRIENDLY_LOCKED: pgettext_lazy(
        "procedure error",
        "%(document)s was changed by a voted amendment; friendly amendments are locked.",
    ),
    ErrorCode.EMPTY_AMENDMENT: pgettext_lazy(
        "procedure error", "An amendment must contain at least one change."
    ),
    ErrorCode.MOVE_NOT_ALLOWED: pgettext_lazy(
        "procedure error", "Clause %(clause)s cannot be moved there."
    ),
    ErrorCode.NOT_A_SPONSOR: pgettext_lazy(
        "procedure error", "Only the sponsors of %(document)s can do this."
    ),
    ErrorCode.NOT_A_WORKING_PAPER: pgettext_lazy(
        "procedure error", "%(document)s is already a draft resolution."
    ),
    ErrorCode.AMENDMENT_WRONG_STATUS: pgettext_lazy(
        "procedure error",
        "Amendment %(amendment)s is %(status)s; this needs it to be: %(expected)s.",
    ),
    ErrorCode.NOT_ASKED: pgettext_lazy(
        "procedure error",
        "%(delegation)s is not a sponsor of the draft resolution, so it is not asked about "
        "amendment %(amendment)s.",
    ),
    ErrorCode.ALREADY_ANSWERED: pgettext_lazy(
        "procedure error", "%(delegation)s has already answered on amendment %(amendment)s."
    ),
    ErrorCode.OWN_AMENDMENT: pgettext_lazy(
        "procedure error", "Only the delegation that wrote amendment %(amendment)s can withdraw it."
    ),
    ErrorCode.NOT_IN_SNAPSHOT: pgettext_lazy(
        "procedure error",
        "%(delegation)s was not present when voting began and cannot vote on this.",
    ),
    ErrorCode.NOT_ELIGIBLE_TO_VOTE: pgettext_lazy(
        "procedure error", "%(delegation)s has no vote on this question."
    ),
    ErrorCode.ABSTENTION_NOT_ALLOWED: pgettext_lazy(
        "procedure error", "%(delegation)s may not abstain here; please vote Yes or No."
    ),
    ErrorCode.PASS_NOT_ALLOWED: pgettext_lazy(
        "procedure error", "%(delegation)s may not pass now; only Yes or No."
    ),
    ErrorCode.RIGHTS_NOT_ALLOWED: pgettext_lazy(
        "procedure error", "%(delegation)s may not vote with rights here."
    ),
    ErrorCode.ALREADY_VOTED: pgettext_lazy("procedure error", "%(delegation)s has already voted."),
    ErrorCode.NOT_YOUR_TURN: pgettext_lazy(
        "procedure error", "It is not %(delegation)s's turn; next is %(expected)s."
    ),
    ErrorCode.ROUND_NOT_FINISHED: pgettext_lazy(
        "procedure error", "The current round is not finished; still to answer: %(missing)s."
    ),
    ErrorCode.RESULT_ALREADY_ANNOUNCED: pgettext_lazy(
        "procedure error", "The result has been announced; votes are frozen."
    ),
    ErrorCode.VOTE_CHANGE_NOT_ALLOWED: pgettext_lazy(
        "procedure error", "Votes may not be changed in this committee."
    ),
    ErrorCode.VOID_NEEDS_REASON: pgettext_lazy(
        "procedure error", "Voiding a vote needs a reason, which is logged."
    ),
    ErrorCode.DECISION_QUORUM_LOST: pgettext_lazy(
        "procedure error",
        "No decision quorum: %(members_present)s members present, %(required)s needed.",
    ),
    ErrorCode.NOT_IN_VOTING_PROCEDURE: pgettext_lazy(
        "procedure error", "The committee is not in voting procedure."
    ),
    ErrorCode.ALREADY_IN_VOTING_PROCEDURE: pgettext_lazy(
        "procedure error", "The committee is already in voting procedure."
    ),
    ErrorCode.NOT_A_MEMBER: pgettext_lazy(
        "procedure error", "%(delegation)s is not a Member State."
    ),
    ErrorCode.CONSENSUS_DISABLED: pgettext_lazy(
        "procedure error", "Adoption by consensus is not used in this committee."
    ),
    ErrorCode.DIVISION_INVALID: pgettext_lazy(
        "procedure error", "The division is not valid (%(parts)s)."
    ),
    ErrorCode.REORDER_INVALID: pgettext_lazy(
        "procedure error", "The new order %(order)s must list exactly these drafts: %(expected)s."
    ),
    ErrorCode.VOTES_MISSING: pgettext_lazy(
        "procedure error", "%(count)s vote(s) missing: %(missing)s."
    ),
    ErrorCode.QUESTION_ALREADY_OPEN: pgettext_lazy(
        "procedure error", "A question is already before the committee. Close it first."
    ),
    ErrorCode.NO_QUESTION_OPEN: pgettext_lazy(
        "procedure error", "No question is open for this way of voting."
    ),
    ErrorCode.NOTHING_TO_VOTE_ON: pgettext_lazy(
        "procedure error", "Every item has been decided: there is nothing left to vote on."
    ),
    ErrorCode.MOTIONS_PENDING: pgettext_lazy(
        "procedure error", "Decide the %(count)s pending motion(s) before putting the question."
    ),
    ErrorCode.METHOD_NOT_ALLOWED: pgettext_lazy(
        "procedure error", "This question cannot be put that way here."
    ),
    ErrorCode.ROLL_CALL_REQUIRED: pgettext_lazy(
        "procedure error", "A roll-call vote was carried on this draft resolution: call the roll."
    ),
    ErrorCode.OBJECTION_WINDOW_OPEN: pgettext_lazy(
        "procedure error", "Objections are open for %(seconds)s more second(s)."
    ),
    ErrorCode.VOTING_NOT_FINISHED: pgettext_lazy(
        "procedure error", "Items are still to be voted on: voting procedure cannot end yet."
    ),
    ErrorCode.NOTHING_TO_VOID: pgettext_lazy(
        "procedure error", "Only the last result announced can be voided."
    ),
    ErrorCode.DOCUMENT_IN_VOTING: pgettext_lazy(
        "procedure error",
        "This draft resolution is being voted on: it cannot change until voting procedure ends.",
    ),
    ErrorCode.TOO_MANY_ABSTENTIONS: pgettext_lazy(
        "procedure error",
        "Only %(allowed)s delegation(s) may abstain on this question, not %(abstain)s.",
    ),
}


# The words a placeholder draws from: first by message code, then by placeholder name.
WORDS_BY_FACT: dict[str, Labels] = {
    "motion": labels.MOTIONS,
    "phase": labels.PHASES,
    "point": labels.POINT_KINDS,
    "stage": labels.STAGES,
    "choice": labels.MOVER_CHOICES,
    "scope": labels.ROR_SCOPES,
    "ground": labels.ROR_GROUNDS,
    "subject": labels.RULING_SUBJECTS,
}
WORDS_BY_CODE: dict[str, dict[str, Labels]] = {
    ErrorCode.MOTION_WRONG_PHASE: {"allowed": labels.PHASES, "reason": labels.MOTION_REASONS},
    ErrorCode.POINT_NOT_IN_ORDER: {"reason": labels.POINT_REASONS},
    ErrorCode.YIELD_NOT_ENABLED: {"kind": labels.YIELD_KINDS, "allowed": labels.YIELD_KINDS},
    ErrorCode.STATUS_NOT_ALLOWED_FOR_KIND: {
        "kind": labels.DELEGATION_KINDS,
        "status": labels.ROLL_STATUSES,
        "allowed": labels.ROLL_STATUSES,
    },
    ErrorCode.STATUS_LOCKED_IN_VOTING: {"status": labels.ROLL_STATUSES},
    ErrorCode.MOTION_NOT_PENDING: {"status": labels.MOTION_STATUSES},
    ErrorCode.DOCUMENT_WRONG_STATUS: {
        "status": labels.DOCUMENT_STATUSES,
        "expected": labels.DOCUMENT_STATUSES,
    },
    ErrorCode.AMENDMENT_WRONG_STATUS: {
        "status": labels.AMENDMENT_STATUSES,
        "expected": labels.AMENDMENT_STATUSES,
    },
    ErrorCode.CANNOT_SPONSOR: {"kind": labels.DELEGATION_KINDS},
    ErrorCode.CANNOT_SIGN: {"kind": labels.DELEGATION_KINDS},
    ErrorCode.MOVER_POSITION_NOT_ALLOWED: {"allowed": labels.MOVER_CHOICES},
    ErrorCode.MOTION_MISSING_PARAMETER: {"parameter": labels.MOTION_ARGS},
    ErrorCode.MOTION_OVER_CAP: {"parameter": labels.MOTION_ARGS},
    ErrorCode.SUGGESTION_REFUSED: {"reasons": labels.MOTION_ARGS},
}

# Facts in seconds that are limits or requested lengths: shown as "20 min", not "1200 s".
DURATION_FACTS: dict[str, frozenset[str]] = {
    ErrorCode.SPEAKING_TIME_OUT_OF_RANGE: frozenset({"value", "minimum", "maximum"}),
    ErrorCode.EXTENSION_TOO_LONG: frozenset({"value", "maximum"}),
    ErrorCode.MOTION_OVER_CAP: frozenset({"value", "minimum", "maximum"}),
}

_PLACEHOLDER = re.compile(r"%\((\w+)\)s")


def words_for(code: str, fact: str) -> Labels | None:
    return WORDS_BY_CODE.get(code, {}).get(fact) or WORDS_BY_FACT.get(fact)


def _show(value: object, words: Labels | None) -> str:
    if isinstance(value, list | tuple | set | frozenset):
        return separator("names").join(_show(item, words) for item in value)
    if words is not None:
        return labels.label(words, value)
    return str(value.value if isinstance(value, Enum) else value)


class _Facts(dict[str, str]):
    def __missing__(self, key: str) -> str:
        # A fact the engine did not supply shows as "?" rather than breaking the page.
        return "?"


def placeholders(template: str) -> set[str]:
    return set(_PLACEHOLDER.findall(template))


def render(template: str, facts: Mapping[str, object], code: str = "") -> str:
    """Fill ``template`` in the active language; engine values of known kinds become words."""
    shown = {key: _show(value, words_for(code, key)) for key, value in facts.items()}
    for key in DURATION_FACTS.get(code, frozenset()) & facts.keys():
        if isinstance(facts[key], Real):
            shown[key] = format_duration(facts[key])
    return template % _Facts(shown)


def describe(error: ProcedureError, language: str) -> str:
    """The error in ``language`` (a language without a catalogue gets the English)."""
    message = MESSAGES.get(error.code)
    if message is None:
        return error.code
    with translation.override(language):
        return render(str(message), error.facts, error.code)
