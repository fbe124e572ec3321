from __future__ import annotations

from dataclasses import replace

import pytest

from committee.procedure.attendance import (
    Attendee,
    DelegationKind,
    QuorumState,
    RollStatus,
    announce_numbers,
    can_sign,
    can_sponsor,
    can_vote_procedural,
    can_vote_substantive,
    is_upgrade,
    may_abstain,
    needs_chair_permission_to_speak,
    present_auto_abstains,
    quorum_base_size,
    quorum_state,
    release_held,
    require_decision_quorum,
    set_status,
)
from committee.procedure.errors import ProcedureError
from committee.procedure.profiles import PROFILE_NAMES
from tests.procedure.helpers import T0, at, c34_attendance, member, observer, params

P, PV, ABSENT = RollStatus.PRESENT, RollStatus.PRESENT_AND_VOTING, RollStatus.ABSENT


def test_enum_values_are_the_stored_strings() -> None:
    assert [s.value for s in RollStatus] == ["absent", "present", "present_and_voting"]
    assert [k.value for k in DelegationKind] == ["member", "observer", "ngo"]


def test_c34_worked_example_numbers() -> None:
    """procedure.md §1.3–1.4: 34 members, 30 present → quorum 12/18, majority 16, 2/3 20."""
    numbers = announce_numbers(params(), 34, c34_attendance(30))
    assert numbers.members_present == 30
    assert numbers.delegations_present == 30
    assert (numbers.quorum_open_required, numbers.quorum_decision_required) == (12, 18)
    assert numbers.quorum_open_met and numbers.quorum_decision_met
    assert (numbers.simple_majority, numbers.two_thirds, numbers.signatory_quota) == (16, 20, 6)


@pytest.mark.parametrize(
    ("profile", "open_required", "decision_required"),
    [
        ("cn_common", 12, 18),
        ("una_usa", 12, 18),
        ("hmun", 12, 18),
        ("nmun", 12, 18),
        ("thimun", 12, 18),
        ("un_ga", 9, 18),
        ("bimun_beijing", 12, 18),
    ],
)
def test_quorum_by_profile(profile: str, open_required: int, decision_required: int) -> None:
    """procedure.md §1.3: opening quorum 1/3 (1/4 under GA committee rules), decision > 1/2."""
    numbers = announce_numbers(params(profile), 34, c34_attendance(10))
    assert numbers.quorum_open_required == open_required
    assert numbers.quorum_decision_required == decision_required


@pytest.mark.parametrize(
    ("profile", "procedural_size"), [("cn_common", 32), ("un_ga", 30), ("thimun", 32)]
)
def test_edge_05_numbers_for_both_bases(profile: str, procedural_size: int) -> None:
    """procedure.md §8.5: members present, delegations present (procedural electorate, with
    observers when they vote) and the substantive electorate, all at once."""
    numbers = announce_numbers(params(profile), 34, c34_attendance(30, observers=2))
    assert numbers.members_present == 30
    assert numbers.observers_present == 2
    assert numbers.delegations_present == 32
    assert numbers.procedural.size == procedural_size
    assert numbers.substantive.size == 30
    assert numbers.substantive.simple_majority == 16
    assert numbers.substantive.two_thirds == 20


def test_observers_and_ngos_never_count_toward_quorum() -> None:
    """procedure.md §1.1 / §1.3: quorum counts members only."""
    people = c34_attendance(11, observers=5) + [Attendee("NGO1", DelegationKind.NGO, P, T0)]
    numbers = announce_numbers(params(), 34, people)
    assert numbers.members_present == 11
    assert not numbers.quorum_open_met
    assert quorum_state(numbers) is QuorumState.NONE


def test_edge_01_late_arrival_recomputes_numbers() -> None:
    """procedure.md §8.1: a late delegation is recorded Present (not P&V) and the majorities and
    quota are recomputed."""
    people = c34_attendance(29)
    before = announce_numbers(params(), 34, people)
    late = set_status(params(), people[29], P, at(600))
    assert late.status is P and late.since == at(600)
    after = announce_numbers(params(), 34, [*people[:29], late, *people[30:]])
    assert (before.delegations_present, after.delegations_present) == (29, 30)
    assert (before.simple_majority, after.simple_majority) == (15, 16)
    assert (before.signatory_quota, after.signatory_quota) == (6, 6)


def test_edge_01_late_arrival_during_voting_procedure_waits_at_the_door() -> None:
    """procedure.md §8.1: arriving during voting procedure: "arrived — waiting", no vote."""
    p = params()
    late = set_status(p, member("LATE", ABSENT), P, at(5), in_voting_procedure=True)
    assert late.held_at_door and not late.is_present
    assert not can_vote_substantive(late)
    assert announce_numbers(p, 34, [late]).members_present == 0
    (released,) = release_held([late])
    assert released.is_present and not released.held_at_door
    assert release_held([member("A")]) == (member("A"),)


def test_edge_02_leaving_mid_session_can_lose_the_decision_quorum() -> None:
    """procedure.md §8.2: mark Absent, recompute; substantive votes blocked, debate continues."""
    p = params()
    people = c34_attendance(18)
    assert quorum_state(announce_numbers(p, 34, people)) is QuorumState.FULL
    people[0] = set_status(p, people[0], ABSENT, at(60))
    numbers = announce_numbers(p, 34, people)
    assert quorum_state(numbers) is QuorumState.DEBATE_ONLY
    with pytest.raises(ProcedureError) as info:
        require_decision_quorum(numbers)
    assert info.value.code == "decision_quorum_lost"
    assert info.value.facts == {"members_present": 17, "required": 18}


@pytest.mark.parametrize(
    ("profile", "overrides", "downgrade_allowed"),
    [
        ("cn_common", {}, False),
        ("un_ga", {}, False),
        ("cn_common", {"allow_pv_downgrade": True}, True),
    ],
)
def test_edge_03_status_upgrade_and_downgrade(
    profile: str, overrides: dict[str, object], downgrade_allowed: bool
) -> None:
    """procedure.md §8.3: Present→P&V allowed; P&V→Present only if the profile allows it;
    neither during voting procedure."""
    p = params(profile, **overrides)
    upgraded = set_status(p, member("A", P), PV, at(1))
    assert upgraded.status is PV and is_upgrade(P, PV)
    if downgrade_allowed:
        assert set_status(p, upgraded, P, at(2)).status is P
    else:
        with pytest.raises(ProcedureError) as info:
            set_status(p, upgraded, P, at(2))
        assert info.value.code == "downgrade_not_allowed"
    for old, new in ((P, PV), (PV, P)):
        with pytest.raises(ProcedureError) as info:
            set_status(p, member("B", old), new, at(3), in_voting_procedure=True)
        assert info.value.code == "status_locked_in_voting"


def test_re_taking_roll_replaces_answers_and_same_status_is_a_no_op() -> None:
    """procedure.md §1.2: the chair may re-take roll at any time (a new answer, no downgrade
    check); recording the same status changes nothing."""
    p = params()
    pv = member("A", PV)
    assert set_status(p, pv, P, at(9), roll_call=True).status is P
    assert set_status(p, pv, PV, at(9)) is pv


def test_observers_may_only_be_present() -> None:
    """procedure.md §1.2: observers answer "present" only."""
    with pytest.raises(ProcedureError) as info:
        set_status(params(), observer("O"), PV, at(1))
    assert info.value.code == "status_not_allowed_for_kind"
    assert info.value.facts["allowed"] == ["absent", "present"]


@pytest.mark.parametrize("profile", PROFILE_NAMES)
def test_permissions_by_kind_and_status(profile: str) -> None:
    """procedure.md §1.1–1.2: who votes, abstains, sponsors and signs."""
    p = params(profile)
    m_p, m_pv, obs = member("A", P), member("B", PV), observer("O")
    ngo = Attendee("N", DelegationKind.NGO, P, T0)
    assert can_vote_substantive(m_p) and can_vote_substantive(m_pv)
    assert not can_vote_substantive(obs) and not can_vote_substantive(ngo)
    assert can_vote_procedural(p, obs) is p.observers_vote_procedural
    assert not can_vote_procedural(p, ngo)
    assert not can_vote_procedural(p, member("C", ABSENT))
    assert may_abstain(p, m_p, substantive=True)
    assert not may_abstain(p, m_pv, substantive=True)
    assert may_abstain(p, m_p, substantive=False) is p.procedural_abstention_allowed
    assert can_sponsor(p, m_p) and not can_sponsor(p, obs) and not can_sponsor(p, ngo)
    assert can_sign(p, obs) is p.observers_may_sign_dr
    assert not can_sign(p, ngo)
    assert needs_chair_permission_to_speak(ngo) and not needs_chair_permission_to_speak(obs)


def test_observer_permissions_are_configurable() -> None:
    """procedure.md §7.1 Roles."""
    p = params(observers_may_sponsor=True, observers_may_sign_dr=False)
    assert can_sponsor(p, observer("O")) and not can_sign(p, observer("O"))


def test_present_means_auto_abstain() -> None:
    """procedure.md §1.2: present_means = auto_abstain (SMUN-style)."""
    assert present_auto_abstains(params(present_means="auto_abstain"), member("A"))
    assert not present_auto_abstains(params(), member("A"))
    assert not present_auto_abstains(params(present_means="auto_abstain"), member("A", PV))


@pytest.mark.parametrize(
    ("base", "expected"), [("membership", 34), ("registered", 30), ("present_at_first_roll", 25)]
)
def test_quorum_base_choice(base: str, expected: int) -> None:
    p = params(quorum_base=base)
    assert quorum_base_size(p, 34, registered=30, present_at_first_roll=25) == expected
    assert quorum_base_size(p, 34) == 34


def test_edge_04_quorum_challenge_reroll() -> None:
    """procedure.md §8.4: after a re-roll, quorum fails: debate may continue if the opening
    quorum is met, otherwise the chair may suspend."""
    p = params()
    assert quorum_state(announce_numbers(p, 34, c34_attendance(12))) is QuorumState.DEBATE_ONLY
    assert quorum_state(announce_numbers(p, 34, c34_attendance(11))) is QuorumState.NONE


def test_two_thirds_rounding_affects_the_announced_number() -> None:
    assert (
        announce_numbers(
            params(two_thirds_rounding="strictly_more"), 34, c34_attendance(30)
        ).two_thirds
        == 21
    )


def test_quota_on_membership_base_and_bad_membership() -> None:
    assert (
        announce_numbers(params(dr_quota_base="membership"), 34, c34_attendance(10)).signatory_quota
        == 7
    )
    with pytest.raises(ProcedureError) as info:
        announce_numbers(params(), 0, [])
    assert info.value.code == "invalid_membership"


def test_absent_held_members_are_not_present() -> None:
    held = replace(member("A"), held_at_door=True)
    assert not held.is_present
