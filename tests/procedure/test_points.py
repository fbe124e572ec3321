from __future__ import annotations

import pytest

from committee.procedure.choices import PointKind
from committee.procedure.errors import ProcedureError
from committee.procedure.phases import Phase
from committee.procedure.points import (
    PRIORITY,
    Admission,
    Point,
    PointContext,
    admit_point,
    may_interrupt,
    sort_points,
)
from committee.procedure.profiles import PROFILE_NAMES
from tests.procedure.helpers import params

K = PointKind
SPEAKING = PointContext(Phase.GSL, speaker_has_floor=True)
OPEN = PointContext(Phase.GSL)
VOTING = PointContext(Phase.VOTING_PROCEDURE)


def test_priority_order() -> None:
    """procedure.md §4: privilege > order > inquiry > information to the chair."""
    assert PRIORITY[:4] == (
        K.PERSONAL_PRIVILEGE,
        K.ORDER,
        K.PARLIAMENTARY_INQUIRY,
        K.INFORMATION_TO_CHAIR,
    )
    raised = [
        Point(K.INFORMATION_TO_CHAIR, "A", 1),
        Point(K.ORDER, "B", 2),
        Point(K.PERSONAL_PRIVILEGE, "C", 3),
        Point(K.ORDER, "D", 0),
    ]
    assert [p.delegation for p in sort_points(raised)] == ["C", "D", "B", "A"]


@pytest.mark.parametrize(
    ("profile", "point", "expected"),
    [
        ("cn_common", Point(K.PERSONAL_PRIVILEGE, "A", 1, audibility=True), Admission.INTERRUPT),
        ("cn_common", Point(K.PERSONAL_PRIVILEGE, "A", 1), Admission.QUEUED),
        ("cn_common", Point(K.ORDER, "A", 1), Admission.QUEUED),
        ("thimun", Point(K.ORDER, "A", 1), Admission.QUEUED),
        ("un_ga", Point(K.ORDER, "A", 1), Admission.INTERRUPT),
        ("cn_common", Point(K.PARLIAMENTARY_INQUIRY, "A", 1), Admission.QUEUED),
        ("cn_common", Point(K.INFORMATION_TO_CHAIR, "A", 1), Admission.QUEUED),
    ],
)
def test_which_points_interrupt_a_speaker(profile: str, point: Point, expected: Admission) -> None:
    """procedure.md §4: privilege interrupts only for audibility; order never in MUN sets, any
    time in the GA; the rest wait for the floor."""
    p = params(profile)
    assert admit_point(p, SPEAKING, point) is expected
    assert may_interrupt(p, point) is (expected is Admission.INTERRUPT)
    assert admit_point(p, OPEN, point) is Admission.NOW


@pytest.mark.parametrize(
    ("profile", "kind", "enabled"),
    [
        ("un_ga", K.PERSONAL_PRIVILEGE, False),
        ("un_ga", K.PARLIAMENTARY_INQUIRY, False),
        ("un_ga", K.INFORMATION_TO_CHAIR, False),
        ("un_ga", K.ORDER, True),
        ("thimun", K.INFORMATION_TO_CHAIR, False),
        ("cn_common", K.INFORMATION_TO_CHAIR, True),
    ],
)
def test_points_enabled_by_profile(profile: str, kind: PointKind, enabled: bool) -> None:
    """procedure.md §4 notes / §7.2: the GA has only the point of order."""
    point = Point(kind, "A", 1)
    if enabled:
        assert admit_point(params(profile), OPEN, point) is Admission.NOW
    else:
        with pytest.raises(ProcedureError) as info:
            admit_point(params(profile), OPEN, point)
        assert info.value.code == "point_disabled"


@pytest.mark.parametrize("profile", [n for n in PROFILE_NAMES if n != "un_ga"])
@pytest.mark.parametrize(
    ("point", "error"),
    [
        (Point(K.PERSONAL_PRIVILEGE, "A", 1), None),
        (Point(K.PARLIAMENTARY_INQUIRY, "A", 1), None),
        (Point(K.ORDER, "A", 1, about_conduct_of_vote=True), None),
        (Point(K.ORDER, "A", 1), "conduct_of_vote_only"),
        (Point(K.INFORMATION_TO_SPEAKER, "A", 1), "voting_procedure"),
    ],
)
def test_points_in_order_during_voting_procedure(
    profile: str, point: Point, error: str | None
) -> None:
    """procedure.md §6.1: privilege, order about the conduct of the vote, and inquiry."""
    p = params(profile)
    if point.kind not in p.points_enabled:
        return
    if error is None:
        assert admit_point(p, VOTING, point) is Admission.NOW
    else:
        with pytest.raises(ProcedureError) as info:
            admit_point(p, VOTING, point)
        assert info.value.code == "point_not_in_order"
        assert info.value.facts["reason"] == error


def test_information_to_the_speaker_only_during_a_yield_to_questions() -> None:
    """procedure.md §4: POI only when the speaker has yielded to questions."""
    point = Point(K.INFORMATION_TO_SPEAKER, "A", 1)
    with pytest.raises(ProcedureError) as info:
        admit_point(params(), SPEAKING, point)
    assert info.value.facts["reason"] == "no_yield_to_questions"
    questions = PointContext(Phase.GSL, speaker_has_floor=True, questions_open=True)
    assert admit_point(params(), questions, point) is Admission.NOW
