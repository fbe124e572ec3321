"""English and Chinese words for the rules engine's error codes.

The engine (``committee.procedure``) raises ``ProcedureError(code, **facts)`` and never
translates. Views and forms call ``describe(error, language)``. Placeholders in braces are
filled from the error's facts; lists are joined with commas (Chinese: 、). Facts that carry the
engine's own values (phases, point kinds, motion codes, statuses, yield kinds…) are shown as
words in the message's language, from the tables below. Plain Python: no Django here.
"""

from __future__ import annotations

import string
from collections.abc import Mapping
from enum import Enum
from functools import lru_cache
from numbers import Real
from types import MappingProxyType

from committee.procedure.errors import ProcedureError
from committee.procedure.motion_registry import motion_registry
from committee.procedure.profiles import DEFAULT_PROFILE, resolve_parameters
from committee.wording import format_duration

LANGUAGES = ("en", "zh-hans")

MESSAGES: dict[str, dict[str, str]] = {
    # time and values
    "naive_datetime": {
        "en": "Internal error: a time without a time zone was used ({value}).",
        "zh-hans": "内部错误：使用了不带时区的时间（{value}）。",
    },
    "invalid_duration": {
        "en": "A duration cannot be negative ({seconds} s).",
        "zh-hans": "时长不能为负数（{seconds} 秒）。",
    },
    "timer_not_running": {
        "en": "The timer is not running.",
        "zh-hans": "计时器未在运行。",
    },
    "timer_already_running": {
        "en": "The timer is already running.",
        "zh-hans": "计时器已在运行。",
    },
    # profiles and parameters
    "unknown_profile": {
        "en": "Unknown rules profile “{name}”. Choose one of: {allowed}.",
        "zh-hans": "未知的议事规则方案“{name}”。可选：{allowed}。",
    },
    "unknown_parameter": {
        "en": "Unknown rules parameter “{name}”. Known parameters: {allowed}.",
        "zh-hans": "未知的规则参数“{name}”。可用参数：{allowed}。",
    },
    "invalid_parameter_value": {
        "en": "The value {value} is not allowed for “{name}”: expected {allowed}.",
        "zh-hans": "参数“{name}”不接受取值 {value}：应为 {allowed}。",
    },
    "invalid_threshold": {
        "en": "Invalid threshold {value}: kind must be one of {allowed_kinds} "
        "and base one of {allowed_bases}.",
        "zh-hans": "无效的表决门槛 {value}：类型须为 {allowed_kinds} 之一，"
        "基数须为 {allowed_bases} 之一。",
    },
    # attendance
    "unknown_delegation": {
        "en": "Unknown delegation “{delegation}”.",
        "zh-hans": "未知的代表团“{delegation}”。",
    },
    "status_not_allowed_for_kind": {
        "en": "{kind} delegations cannot be {status}; allowed: {allowed}.",
        "zh-hans": "{kind}代表团不能登记为“{status}”；允许：{allowed}。",
    },
    "downgrade_not_allowed": {
        "en": "{delegation} is Present and Voting and cannot return to Present "
        "(it gave up the right to abstain).",
        "zh-hans": "{delegation} 已登记为“出席并投票”，不能改回“出席”（已放弃弃权权利）。",
    },
    "status_locked_in_voting": {
        "en": "The doors are closed during voting procedure: {delegation} stays {status}.",
        "zh-hans": "表决程序中会场关闭：{delegation} 的状态保持为“{status}”。",
    },
    "invalid_membership": {
        "en": "The committee's membership must be at least 1 (got {membership}).",
        "zh-hans": "委员会成员数至少为 1（当前为 {membership}）。",
    },
    # speakers
    "not_present": {
        "en": "{delegation} is not present.",
        "zh-hans": "{delegation} 未出席。",
    },
    "already_on_list": {
        "en": "{delegation} is already on the speakers' list ({entries} of {limit} entries).",
        "zh-hans": "{delegation} 已在发言名单上（{entries}/{limit} 个位置）。",
    },
    "consecutive_entry": {
        "en": "{delegation} cannot hold two consecutive places on the speakers' list.",
        "zh-hans": "{delegation} 不能在发言名单上连续占两个位置。",
    },
    "speakers_list_closed": {
        "en": "The speakers' list is closed.",
        "zh-hans": "发言名单已关闭。",
    },
    "speakers_list_empty": {
        "en": "The speakers' list is empty.",
        "zh-hans": "发言名单为空。",
    },
    "not_on_list": {
        "en": "{delegation} is not on the speakers' list.",
        "zh-hans": "{delegation} 不在发言名单上。",
    },
    "no_such_place": {
        "en": "The speakers' list has no place {position} (it has {length}).",
        "zh-hans": "发言名单上没有第 {position} 位（共 {length} 位）。",
    },
    "speaking_time_out_of_range": {
        "en": "Speaking time {value} is outside {minimum}–{maximum}.",
        "zh-hans": "发言时间 {value}不在 {minimum}–{maximum}范围内。",
    },
    "yield_not_enabled": {
        "en": "Yielding to {kind} is not allowed here. Allowed: {allowed}.",
        "zh-hans": "此处不允许让渡给{kind}。可让渡给：{allowed}。",
    },
    "yield_already_declared": {
        "en": "A yield has already been declared for this speech.",
        "zh-hans": "本次发言已经作出让渡。",
    },
    "yield_chain_exceeded": {
        "en": "No more yields to delegates ({limit} allowed); only a yield to the chair.",
        "zh-hans": "不能再让渡给代表（上限 {limit} 次）；只能让渡给主席。",
    },
    "yield_to_self": {
        "en": "A delegate cannot yield to themselves.",
        "zh-hans": "代表不能让渡给自己。",
    },
    "no_time_to_yield": {
        "en": "No speaking time is left to yield.",
        "zh-hans": "没有剩余时间可以让渡。",
    },
    "no_pending_yield": {
        "en": "No yield to a delegate is waiting for an answer.",
        "zh-hans": "没有等待回应的让渡。",
    },
    "wrong_yield_stage": {
        "en": "That is not possible now (current stage: {stage}).",
        "zh-hans": "当前无法进行此操作（当前阶段：{stage}）。",
    },
    "question_limit_reached": {
        "en": "The limit of {limit} questions has been reached.",
        "zh-hans": "已达到 {limit} 个问题的上限。",
    },
    "follow_up_not_allowed": {
        "en": "Follow-up questions are not allowed.",
        "zh-hans": "不允许追问。",
    },
    "comment_limit_reached": {
        "en": "The limit of {limit} comments has been reached.",
        "zh-hans": "已达到 {limit} 条评论的上限。",
    },
    "caucus_ended": {
        "en": "The caucus has ended.",
        "zh-hans": "磋商已结束。",
    },
    "mover_position_not_allowed": {
        "en": "The mover may not choose to {choice}; allowed: {allowed}.",
        "zh-hans": "动议提出者不能选择“{choice}”；可选：{allowed}。",
    },
    "mover_choice_too_late": {
        "en": "Too late to choose to {choice}: the mover has spoken or others already have.",
        "zh-hans": "已无法选择“{choice}”：动议提出者已发言，或已有其他代表发言。",
    },
    "extension_limit_reached": {
        "en": "This caucus has already been extended {used} time(s); the limit is {limit}.",
        "zh-hans": "该磋商已延长 {used} 次，上限为 {limit} 次。",
    },
    "extension_too_long": {
        "en": "An extension may last at most {maximum} (requested {value}).",
        "zh-hans": "延长时间最多 {maximum}（申请 {value}）。",
    },
    "round_robin_disabled": {
        "en": "Round robins are not used in this committee.",
        "zh-hans": "本委员会不使用轮流发言。",
    },
    "right_of_reply_disabled": {
        "en": "Rights of reply are not used in this committee.",
        "zh-hans": "本委员会不使用答辩权。",
    },
    "right_of_reply_out_of_scope": {
        "en": "A right of reply needs an attack on {scope}; “{ground}” does not qualify.",
        "zh-hans": "答辩权仅适用于对{scope}的冒犯；“{ground}”不符合条件。",
    },
    "reply_to_reply": {
        "en": "There is no right of reply to a right of reply.",
        "zh-hans": "不得对答辩进行再答辩。",
    },
    # motions
    "motion_disabled": {
        "en": "The motion “{motion}” is not used in this committee.",
        "zh-hans": "本委员会不使用动议“{motion}”。",
    },
    "motion_wrong_phase": {
        "en": "The motion “{motion}” is not in order now (current phase: {phase}; "
        "in order during: {allowed}; reason: {reason}).",
        "zh-hans": "动议“{motion}”此时不合程序（当前阶段：{phase}；"
        "适用阶段：{allowed}；原因：{reason}）。",
    },
    "floor_not_open": {
        "en": "Motions may be raised only when the floor is open.",
        "zh-hans": "只有在主席开放动议时才能提出动议。",
    },
    "motion_missing_parameter": {
        "en": "The motion “{motion}” must state its {parameter}.",
        "zh-hans": "动议“{motion}”必须说明{parameter}。",
    },
    "motion_over_cap": {
        "en": "The {parameter} of “{motion}” is {value}; allowed {minimum}–{maximum}.",
        "zh-hans": "动议“{motion}”的{parameter}为 {value}；允许范围 {minimum}–{maximum}。",
    },
    "motion_needs_second": {
        "en": "The motion “{motion}” needs a second.",
        "zh-hans": "动议“{motion}”需要附议。",
    },
    "second_by_mover": {
        "en": "{delegation} cannot second its own motion.",
        "zh-hans": "{delegation} 不能附议自己的动议。",
    },
    "no_draft_resolution": {
        "en": "Closure of debate needs at least one draft resolution on the floor.",
        "zh-hans": "结束辩论需要至少一份决议草案已提交至会场。",
    },
    "topic_not_tabled": {
        "en": "The topic is not tabled, so debate cannot be resumed.",
        "zh-hans": "议题未被搁置，无法恢复辩论。",
    },
    "no_caucus_to_extend": {
        "en": "No caucus has just ended, so there is nothing to extend.",
        "zh-hans": "没有刚结束的磋商可以延长。",
    },
    "no_ruling_to_appeal": {
        "en": "There is no ruling {target} to appeal.",
        "zh-hans": "没有可申述的裁决 {target}。",
    },
    "not_appealable": {
        "en": "Rulings on {subject} cannot be appealed.",
        "zh-hans": "关于{subject}的裁决不可申述。",
    },
    "appeal_disabled": {
        "en": "Appeals are not used in this committee.",
        "zh-hans": "本委员会不接受申述。",
    },
    "nothing_to_reconsider": {
        "en": "There is no decision {target} to reconsider.",
        "zh-hans": "没有可重新审议的决定 {target}。",
    },
    "document_not_ready": {
        "en": "The motion “{motion}” cannot target {target}: the document is not ready.",
        "zh-hans": "动议“{motion}”不能针对 {target}：该文件尚不符合条件。",
    },
    "motion_not_pending": {
        "en": "The motion {motion_id} is no longer pending (its status: {status}).",
        "zh-hans": "动议 {motion_id} 已不在待处理状态（当前为“{status}”）。",
    },
    "unknown_motion": {
        "en": "Unknown motion {motion_id}.",
        "zh-hans": "未知的动议 {motion_id}。",
    },
    "not_mover": {
        "en": "{delegation} did not move {motion_id}.",
        "zh-hans": "{delegation} 不是动议 {motion_id} 的提出者。",
    },
    "vote_already_started": {
        "en": "The vote on {motion_id} has already started.",
        "zh-hans": "对 {motion_id} 的表决已经开始。",
    },
    "suggestion_refused": {
        "en": "The mover refused the chair's change ({reasons}); “{motion}” is out of order.",
        "zh-hans": "动议提出者拒绝了主席的修改建议（{reasons}）；动议“{motion}”不合程序。",
    },
    "motion_dilatory": {
        "en": "The chair ruled “{motion}” dilatory.",
        "zh-hans": "主席裁定动议“{motion}”为拖延性动议。",
    },
    "cannot_move": {
        "en": "{delegation} may not raise motions without the chair's permission.",
        "zh-hans": "未经主席许可，{delegation} 不得提出动议。",
    },
    # points
    "point_disabled": {
        "en": "The {point} is not used in this committee.",
        "zh-hans": "本委员会不使用{point}。",
    },
    "point_not_in_order": {
        "en": "A {point} is not in order now ({reason}).",
        "zh-hans": "此时不能提出{point}（{reason}）。",
    },
    # documents and amendments
    "cannot_sponsor": {
        "en": "{delegation} ({kind}) cannot sponsor a draft resolution.",
        "zh-hans": "{delegation}（{kind}）不能成为决议草案的起草国。",
    },
    "cannot_sign": {
        "en": "{delegation} ({kind}) cannot sign a draft resolution.",
        "zh-hans": "{delegation}（{kind}）不能成为决议草案的附议国。",
    },
    "sponsor_limit": {
        "en": "{delegation} already sponsors {documents}; withdraw first (limit {limit}).",
        "zh-hans": "{delegation} 已是 {documents} 的起草国；须先书面退出（上限 {limit}）。",
    },
    "sponsor_of_other_dr": {
        "en": "{delegation} sponsors {documents} and so cannot sign another draft resolution.",
        "zh-hans": "{delegation} 是 {documents} 的起草国，不能附议其他决议草案。",
    },
    "signatory_of_other_dr": {
        "en": "{delegation} signs {documents} and so cannot sponsor another draft resolution.",
        "zh-hans": "{delegation} 是 {documents} 的附议国，不能起草其他决议草案。",
    },
    "max_sponsors": {
        "en": "A draft resolution may have at most {limit} sponsors.",
        "zh-hans": "一份决议草案最多有 {limit} 个起草国。",
    },
    "already_listed": {
        "en": "{delegation} is already listed on {document}.",
        "zh-hans": "{delegation} 已列于 {document}。",
    },
    "not_listed": {
        "en": "{delegation} is not listed on {document}.",
        "zh-hans": "{delegation} 未列于 {document}。",
    },
    "quota_not_met": {
        "en": "{document} has {count} sponsors and signatories; {quota} are needed.",
        "zh-hans": "{document} 有 {count} 个起草国和附议国；需要 {quota} 个。",
    },
    "document_wrong_status": {
        "en": "The status of {document} is {status}; this needs one of: {expected}.",
        "zh-hans": "{document} 当前为“{status}”；此操作需要其处于以下状态之一：{expected}。",
    },
    "not_approved": {
        "en": "{document} has not been approved by the Director.",
        "zh-hans": "{document} 尚未获得主任批准。",
    },
    "withdrawal_needs_all_sponsors": {
        "en": "Withdrawing {document} needs every current sponsor; missing: {missing}.",
        "zh-hans": "撤回 {document} 需要全部现任起草国同意；尚缺：{missing}。",
    },
    "unknown_clause": {
        "en": "Clause {clause} does not exist in {document}.",
        "zh-hans": "{document} 中不存在条款 {clause}。",
    },
    "duplicate_clause_id": {
        "en": "Clause id {clause} is used twice.",
        "zh-hans": "条款编号 {clause} 重复。",
    },
    "clause_too_deep": {
        "en": "Sub-clauses may be nested at most {limit} levels deep.",
        "zh-hans": "子条款最多嵌套 {limit} 层。",
    },
    "preamble_not_amendable": {
        "en": "Preambular clauses cannot be amended (clause {clause}).",
        "zh-hans": "序言性条款不可修正（条款 {clause}）。",
    },
    "amendment_lapsed": {
        "en": "Amendment {amendment} lapsed: its target {clause} no longer exists.",
        "zh-hans": "修正案 {amendment} 已失效：其针对的条款 {clause} 已不存在。",
    },
    "second_degree_not_allowed": {
        "en": "Amendments to amendments are not allowed in this committee.",
        "zh-hans": "本委员会不允许对修正案提出修正。",
    },
    "third_degree_not_allowed": {
        "en": "Amendment {parent} is itself an amendment to an amendment: "
        "third-degree amendments are never in order.",
        "zh-hans": "修正案 {parent} 本身是二级修正案：三级修正案一律不合程序。",
    },
    "friendly_needs_all_sponsors": {
        "en": "A friendly amendment needs every current sponsor; missing: {missing}.",
        "zh-hans": "友好修正案需要全部现任起草国签署；尚缺：{missing}。",
    },
    "friendly_locked": {
        "en": "{document} was changed by a voted amendment; friendly amendments are locked.",
        "zh-hans": "{document} 已被表决通过的修正案修改；不再接受友好修正案。",
    },
    "empty_amendment": {
        "en": "An amendment must contain at least one change.",
        "zh-hans": "修正案必须至少包含一项修改。",
    },
    "move_not_allowed": {
        "en": "Clause {clause} cannot be moved there.",
        "zh-hans": "条款 {clause} 不能移动到该位置。",
    },
    # voting
    "not_in_snapshot": {
        "en": "{delegation} was not present when voting began and cannot vote on this.",
        "zh-hans": "{delegation} 在表决开始时不在场，不能参加本次表决。",
    },
    "not_eligible_to_vote": {
        "en": "{delegation} has no vote on this question.",
        "zh-hans": "{delegation} 对此事项没有表决权。",
    },
    "abstention_not_allowed": {
        "en": "{delegation} may not abstain here; please vote Yes or No.",
        "zh-hans": "{delegation} 此时不能弃权，请投赞成或反对票。",
    },
    "pass_not_allowed": {
        "en": "{delegation} may not pass now; only Yes or No.",
        "zh-hans": "{delegation} 此时不能过，只能投赞成或反对票。",
    },
    "rights_not_allowed": {
        "en": "{delegation} may not vote with rights here.",
        "zh-hans": "{delegation} 此时不能要求解释投票。",
    },
    "already_voted": {
        "en": "{delegation} has already voted.",
        "zh-hans": "{delegation} 已经投票。",
    },
    "not_your_turn": {
        "en": "It is not {delegation}'s turn; next is {expected}.",
        "zh-hans": "现在不是 {delegation} 的顺序；下一位是 {expected}。",
    },
    "round_not_finished": {
        "en": "The current round is not finished; still to answer: {missing}.",
        "zh-hans": "本轮尚未结束；尚未回答：{missing}。",
    },
    "result_already_announced": {
        "en": "The result has been announced; votes are frozen.",
        "zh-hans": "结果已宣布，投票已锁定。",
    },
    "vote_change_not_allowed": {
        "en": "Votes may not be changed in this committee.",
        "zh-hans": "本委员会不允许更改投票。",
    },
    "void_needs_reason": {
        "en": "Voiding a vote needs a reason, which is logged.",
        "zh-hans": "宣布表决无效必须说明理由，理由将被记录。",
    },
    "decision_quorum_lost": {
        "en": "No decision quorum: {members_present} members present, {required} needed.",
        "zh-hans": "未达到决策法定人数：出席成员 {members_present} 个，需要 {required} 个。",
    },
    "not_in_voting_procedure": {
        "en": "The committee is not in voting procedure.",
        "zh-hans": "委员会未处于表决程序。",
    },
    "already_in_voting_procedure": {
        "en": "The committee is already in voting procedure.",
        "zh-hans": "委员会已处于表决程序中。",
    },
    "not_a_member": {
        "en": "{delegation} is not a Member State.",
        "zh-hans": "{delegation} 不是成员国。",
    },
    "consensus_disabled": {
        "en": "Adoption by consensus is not used in this committee.",
        "zh-hans": "本委员会不使用协商一致通过。",
    },
    "division_invalid": {
        "en": "The division is not valid ({parts}).",
        "zh-hans": "分项表决的划分无效（{parts}）。",
    },
    "reorder_invalid": {
        "en": "The new order {order} must list exactly these drafts: {expected}.",
        "zh-hans": "新的表决顺序 {order} 必须恰好包含这些草案：{expected}。",
    },
    "votes_missing": {
        "en": "{count} vote(s) missing: {missing}.",
        "zh-hans": "尚缺 {count} 票：{missing}。",
    },
}


# ---- engine values in words ----------------------------------------------------------------
# Some facts carry the engine's enum values ("voting_procedure", "order", "moderated_caucus").
# A message shows them as words in its own language: value -> (English, Chinese).

Words = Mapping[str, tuple[str, str]]

PHASES: Words = {
    "not_started": ("not started", "未开始"),
    "roll_call": ("roll call", "点名"),
    "agenda": ("setting the agenda", "确定议题"),
    "gsl": ("general speakers' list", "主发言名单"),
    "mod_caucus": ("moderated caucus", "有主持核心磋商"),
    "unmod_caucus": ("unmoderated caucus", "自由磋商"),
    "round_robin": ("round robin", "轮流发言"),
    "doc_intro": ("introduction of documents", "文件介绍"),
    "qa": ("question-and-answer session", "问答环节"),
    "right_of_reply": ("right of reply", "答辩权"),
    "voting_procedure": ("voting procedure", "表决程序"),
    "suspended": ("meeting suspended", "会议暂停"),
    "adjourned": ("adjourned", "已休会"),
}
MOTION_REASONS: Words = {
    "phase": ("not in order in this phase", "当前阶段不适用"),
    "substantive_vote_started": ("voting on substance has begun", "实质性表决已经开始"),
    "speakers_list_open": ("the speakers' list is open", "发言名单并未关闭"),
}
POINT_KINDS: Words = {
    "personal_privilege": ("point of personal privilege", "个人特权问题"),
    "order": ("point of order", "秩序问题"),
    "parliamentary_inquiry": ("point of parliamentary inquiry", "咨询性问题"),
    "information_to_chair": ("point of information to the chair", "向主席提出的信息问题"),
    "information_to_speaker": ("point of information to the speaker", "向发言者提出的信息问题"),
}
POINT_REASONS: Words = {
    "voting_procedure": ("the committee is in voting procedure", "委员会处于表决程序"),
    "conduct_of_vote_only": (
        "during voting, only on the conduct of the vote",
        "表决期间只能就投票进行方式提出",
    ),
    "no_yield_to_questions": ("the speaker has not yielded to questions", "发言者未让渡给问题"),
}
MOTION_STATUSES: Words = {
    "pending": ("pending", "待处理"),
    "voting": ("being voted on", "表决中"),
    "carried": ("carried", "已通过"),
    "failed": ("failed", "未通过"),
    "superseded": ("not voted (superseded)", "失效（未表决）"),
    "withdrawn": ("withdrawn", "已撤回"),
    "out_of_order": ("out of order", "不合程序"),
    "dilatory": ("dilatory", "拖延性的"),
}
ROLL_STATUSES: Words = {
    "absent": ("absent", "缺席"),
    "present": ("present", "出席"),
    "present_and_voting": ("present and voting", "出席并投票"),
}
DELEGATION_KINDS: Words = {
    "member": ("Member State", "成员国"),
    "observer": ("Observer", "观察员"),
    "ngo": ("NGO", "非政府组织"),
}
DOCUMENT_STATUSES: Words = {
    "draft": ("draft", "草稿"),
    "submitted": ("submitted", "已提交"),
    "approved": ("approved", "已批准"),
    "introduced": ("introduced", "已介绍"),
    "withdrawn": ("withdrawn", "已撤回"),
    "adopted": ("adopted", "已通过"),
    "rejected": ("rejected", "未通过"),
    "lapsed": ("lapsed", "已失效"),
}
YIELD_KINDS: Words = {
    "chair": ("the chair", "主席"),
    "delegate": ("another delegate", "其他代表"),
    "questions": ("questions", "问题"),
    "comments": ("comments", "评论"),
}
STAGES: Words = {  # a speech's stage, or the kind of caucus under way
    "speaking": ("speaking", "发言中"),
    "awaiting_acceptance": ("waiting for the yield to be accepted", "等待对方接受让渡"),
    "yielded_to_delegate": ("speaking on yielded time", "使用让渡时间发言"),
    "questions": ("yielded to questions", "让渡给问题"),
    "comments": ("yielded to comments", "让渡给评论"),
    "ended": ("speech ended", "发言已结束"),
    "moderated": ("moderated caucus", "有主持核心磋商"),
    "unmoderated": ("unmoderated caucus", "自由磋商"),
    "round_robin": ("round robin", "轮流发言"),
}
MOVER_CHOICES: Words = {
    "first": ("speak first", "首先发言"),
    "last": ("speak last", "最后发言"),
    "not_speaking": ("not speak", "不发言"),
}
ROR_SCOPES: Words = {
    "national_or_personal": ("national or personal integrity", "国家尊严或个人尊严"),
    "personal_only": ("personal integrity", "个人尊严"),
    "end_of_day": ("national or personal integrity", "国家尊严或个人尊严"),
}
ROR_GROUNDS: Words = {
    "national_integrity": ("national integrity", "国家尊严"),
    "personal_integrity": ("personal integrity", "个人尊严"),
    "policy_disagreement": ("policy disagreement", "政策分歧"),
}
RULING_SUBJECTS: Words = {
    "caucus_length": ("the length of a caucus", "磋商时长"),
    "caucus_topic": ("the topic of a caucus", "磋商议题"),
    "dilatory_caucus": ("a dilatory caucus", "拖延性磋商"),
    "right_of_reply": ("a right of reply", "答辩权"),
    "dilatory_motion": ("a dilatory motion", "拖延性动议"),
    "out_of_order": ("a motion out of order", "不合程序的动议"),
    "point_of_order": ("a point of order", "秩序问题"),
    "other": ("other matters", "其他事项"),
}
MOTION_ARGS: Words = {
    "total_seconds": ("total time", "总时长"),
    "speaker_seconds": ("speaking time", "个人发言时间"),
    "topic": ("topic", "议题"),
    "target": ("document", "针对的文件"),
    "parts": ("parts", "分项"),
    "order": ("order", "顺序"),
}


@lru_cache(maxsize=1)
def motion_words() -> Words:
    """Motion codes in words: the registry's own labels (they do not depend on the profile)."""
    specs = motion_registry(resolve_parameters(DEFAULT_PROFILE))
    return MappingProxyType(
        {code.value: (spec.label_en, spec.label_zh) for code, spec in specs.items()}
    )


# The words a placeholder draws from: first by message code, then by placeholder name.
WORDS_BY_FACT: dict[str, Words] = {
    "phase": PHASES,
    "point": POINT_KINDS,
    "stage": STAGES,
    "choice": MOVER_CHOICES,
    "scope": ROR_SCOPES,
    "ground": ROR_GROUNDS,
    "subject": RULING_SUBJECTS,
}
WORDS_BY_CODE: dict[str, dict[str, Words]] = {
    "motion_wrong_phase": {"allowed": PHASES, "reason": MOTION_REASONS},
    "point_not_in_order": {"reason": POINT_REASONS},
    "yield_not_enabled": {"kind": YIELD_KINDS, "allowed": YIELD_KINDS},
    "status_not_allowed_for_kind": {
        "kind": DELEGATION_KINDS,
        "status": ROLL_STATUSES,
        "allowed": ROLL_STATUSES,
    },
    "status_locked_in_voting": {"status": ROLL_STATUSES},
    "motion_not_pending": {"status": MOTION_STATUSES},
    "document_wrong_status": {"status": DOCUMENT_STATUSES, "expected": DOCUMENT_STATUSES},
    "cannot_sponsor": {"kind": DELEGATION_KINDS},
    "cannot_sign": {"kind": DELEGATION_KINDS},
    "mover_position_not_allowed": {"allowed": MOVER_CHOICES},
    "motion_missing_parameter": {"parameter": MOTION_ARGS},
    "motion_over_cap": {"parameter": MOTION_ARGS},
    "suggestion_refused": {"reasons": MOTION_ARGS},
}


# Facts in seconds that are limits or requested lengths: shown as "20 min", not "1200 s".
DURATION_FACTS: dict[str, frozenset[str]] = {
    "speaking_time_out_of_range": frozenset({"value", "minimum", "maximum"}),
    "extension_too_long": frozenset({"value", "maximum"}),
    "motion_over_cap": frozenset({"value", "minimum", "maximum"}),
}


def words_for(code: str, fact: str) -> Words | None:
    if fact == "motion":
        return motion_words()
    return WORDS_BY_CODE.get(code, {}).get(fact) or WORDS_BY_FACT.get(fact)


def _show(value: object, words: Words | None = None, language: str = "en") -> str:
    chinese = language == "zh-hans"
    if isinstance(value, list | tuple | set | frozenset):
        return ("、" if chinese else ", ").join(_show(item, words, language) for item in value)
    if isinstance(value, Enum):
        value = value.value
    text = str(value)
    if words is not None and text in words:
        english, zh = words[text]
        return zh if chinese else english
    return text


class _Facts(dict[str, str]):
    def __missing__(self, key: str) -> str:
        # A fact the engine did not supply shows as "?" rather than breaking the page.
        return "?"


def placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def render(template: str, facts: Mapping[str, object], language: str = "en", code: str = "") -> str:
    """Fill ``template``; engine values of known kinds become words in ``language``."""
    shown = {key: _show(value, words_for(code, key), language) for key, value in facts.items()}
    for key in DURATION_FACTS.get(code, frozenset()) & facts.keys():
        if isinstance(facts[key], Real):
            shown[key] = format_duration(facts[key], language)
    return template.format_map(_Facts(shown))


def describe(error: ProcedureError, language: str) -> str:
    """The error in ``language`` ("en" or "zh-hans"; anything else falls back to English)."""
    entry = MESSAGES.get(error.code)
    if entry is None:
        return error.code
    language = language.lower()
    if language not in entry:
        language = "en"
    return render(entry[language], error.facts, language, error.code)
