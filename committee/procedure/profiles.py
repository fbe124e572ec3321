"""Profiles: named bundles of parameter values (procedure.md §0.3, §7.2, §7.3).

A committee picks a profile and may override any parameter:
``resolve_parameters(profile, overrides)`` = defaults (``cn_common``) ← the profile's
differences ← the committee's overrides. Every value passes through the same conversion as
user input, so a profile can never hold a value the settings form would refuse.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from types import MappingProxyType

from .errors import ErrorCode, ProcedureError
from .parameters import Parameters, check_consistency, convert_values

DEFAULT_PROFILE = "cn_common"

# Differences from cn_common. Each value is written as JSON-shaped input on purpose.
_PROFILE_DIFFERENCES: Mapping[str, Mapping[str, object]] = {
    "cn_common": {},
    "una_usa": {
        # §6.6: simple majority of present and voting for DRs and amendments.
        "substantive_threshold": "simple/present_and_voting",
    },
    # §3.3: the default precedence. §7.2: points, seconds, about 20 % for a DR (○), closure by
    # 2/3 (○), roll call on motion with Pass and rights (○) and no second-degree amendments (○)
    # are cn_common's values already.
    "hmun": {
        "yields_enabled": ["chair", "delegate", "questions"],
        # §6.6, §7.2 "majority" ○: the documented value, pending the long-form rules.
        "substantive_threshold": "simple/present_and_voting",
    },
    # §7.2: points, seconds and closure by 2/3 (all ○) are cn_common's values already. It
    # gives no value for "limited" yields, the DR quota, roll call or second-degree amendments
    # (all ○), and no parameter says caucuses are moved as suspensions: those stay cn_common's
    # until the long-form rules are read.
    "nmun": {
        # §6.6, §7.2 "majority" ○: the documented value, pending the long-form rules.
        "substantive_threshold": "simple/present_and_voting",
        # §7.2 consensus "common" ○ (§6.7: the chair may propose it): the documented value,
        # pending the long-form rules.
        "chair_may_propose_consensus": True,
    },
    "thimun": {
        "yields_enabled": ["chair", "delegate"],
        "yield_chain_max": 2,
        # §4, §7.2: speakers take points of information from the floor when they say they
        # are open to them (not a yield); one follow-up each at the chair's discretion.
        "open_to_pois_enabled": True,
        "allow_follow_up": True,
        "allow_second_degree": True,
        "substantive_threshold": "simple/present_and_voting",
        # "move to the previous question, majority" (§7.2)
        "closure_threshold": "simple/present",
        "thimun_motions_enabled": True,
        "points_enabled": [
            "personal_privilege",
            "order",
            "parliamentary_inquiry",
            "information_to_speaker",
        ],
    },
    "un_ga": {
        "observers_vote_procedural": False,
        "procedural_abstention_allowed": True,
        "quorum_open_fraction": "1/4",
        "yields_enabled": [],
        "ror_scope": "end_of_day",
        "motions_require_second": False,
        # GA rule 119/77: these four outrank all other proposals.
        "motion_precedence": [
            "appeal",
            "suspend_meeting",
            "adjourn_meeting",
            "table_debate",
            "close_debate",
        ],
        "closure_threshold": "simple/present_and_voting",
        "table_threshold": "simple/present_and_voting",
        "appeal_threshold": "simple/present_and_voting",
        "reconsider_enabled": True,
        "important_question_enabled": True,
        "points_enabled": ["order"],
        "point_of_order_interrupts": True,
        "dr_quota_fraction": 0,  # any member may table a proposal
        "allow_second_degree": True,
        "amendment_order": "furthest_removed_first",
        "substantive_threshold": "simple/present_and_voting",
        "roll_call_on_request": True,
        "roll_call_start": "drawn_by_lot",
        "sponsors_may_explain_own_vote": False,
        "consensus_fallback": "continue_negotiation",
        "chair_may_propose_consensus": True,
    },
    # §7.3: what is known of the Beijing Rules (v8.5 §1). Everything else is INHERITED FROM
    # cn_common until the full rule text (bimun.org.cn/bjropchn/) is obtained: motions and
    # precedence, thresholds, GSL, quotas, voting methods, consensus.
    "bimun_beijing": {
        "appeal_enabled": True,  # the appeal motion is the only way to contest the chair
        "points_enabled": [  # privilege > order ◐; the others are inherited
            "personal_privilege",
            "order",
            "parliamentary_inquiry",
            "information_to_chair",
            "information_to_speaker",
        ],
        "chair_may_propose_consensus": True,  # real-UN orientation ◐
    },
}

PROFILE_NAMES: tuple[str, ...] = tuple(_PROFILE_DIFFERENCES)

# Parameters that bimun_beijing sets from §7.3; the rest are inherited from cn_common.
BEIJING_KNOWN_PARAMETERS: frozenset[str] = frozenset(_PROFILE_DIFFERENCES["bimun_beijing"])

# The shipped committee (C34 at BIMUN 2024) as per-committee overrides on cn_common (§7.1).
C34_OVERRIDES: Mapping[str, object] = MappingProxyType(
    {
        "topics": 1,
        "consensus_enabled": True,
        "chair_may_propose_consensus": True,
        "veto_members": [],
    }
)


def profile_differences(profile: str) -> Mapping[str, object]:
    """The raw differences a profile makes to cn_common (for display in settings)."""
    try:
        return MappingProxyType(dict(_PROFILE_DIFFERENCES[profile]))
    except KeyError:
        raise ProcedureError(
            ErrorCode.UNKNOWN_PROFILE, name=profile, allowed=list(PROFILE_NAMES)
        ) from None


def resolve_parameters(profile: str, overrides: Mapping[str, object] | None = None) -> Parameters:
    """Defaults, then the profile, then the committee's overrides (JSON-shaped)."""
    base = replace(Parameters(), **convert_values(profile_differences(profile)))
    params = replace(base, **convert_values(overrides or {}))
    check_consistency(params)
    return params


def validate_overrides(profile: str, overrides: Mapping[str, object]) -> None:
    """Raise the first problem with a committee's overrides, or return None."""
    resolve_parameters(profile, overrides)
