"""Motions that name a paper (procedure.md §3.2 rows 7–9 and 13): screened against the papers
the app hands in, carried without a vote when ruled in order in their turn, or voted where the
profile puts an introduction to a vote. No database."""

from __future__ import annotations

import pytest

from committee.procedure.choices import MotionCode
from committee.procedure.errors import ErrorCode, ProcedureError
from committee.procedure.facts.motions import MotionDecision, MotionRaised, MotionRuled
from committee.procedure.floor import FloorDoc
from committee.procedure.motion_registry import Effect
from committee.procedure.motions import (
    NO_DOCUMENTS,
    MotionDocuments,
    MotionStatus,
)
from committee.procedure.motions_floor import (
    answer_offer,
    available_motions,
    open_vote,
    raise_motion,
    rule_on_motion,
    suggest_change,
)
from committee.procedure.parameters import Parameters
from committee.procedure.phases import Phase
from committee.procedure.rulings import RulingState
from committee.procedure.transition import Transition
from tests.procedure.helpers import T0, at, params
from tests.procedure.test_motions_floor import (
    CN,
    attendees,
    closed,
    in_debate,
    refused,
    seconded,
    voting,
)

PAPERS = MotionDocuments(
    draft_resolutions=frozenset({"12"}),
    working_papers=frozenset({"14"}),
    amendments=frozenset({"a7"}),
    introduced=frozenset({"9"}),
)
VOTED = params("cn_common", dr_introduction_vote="simple/present")


def moved(
    floor: FloorDoc,
    code: MotionCode,
    target: str | None,
    *,
    mover: str = "1",
    rules: Parameters = CN,
    documents: MotionDocuments = PAPERS,
    **values: object,
) -> tuple[FloorDoc, str]:
    transition = raise_motion(
        floor, rules, code, mover, T0, target=target, documents=documents, **values
    )
    assert isinstance(transition.facts, MotionRaised)
    return transition.floor, transition.facts.motion


def ruled_in_order(floor: FloorDoc, motion_id: str, rules: Parameters = CN) -> Transition:
    return rule_on_motion(floor, rules, motion_id, MotionDecision.IN_ORDER, at(5))


# ---- what may be raised ------------------------------------------------------------------------


def test_each_introduction_is_offered_only_with_a_paper_of_its_kind() -> None:
    floor = in_debate()
    nothing = available_motions(floor, CN, "1")
    for code in (
        MotionCode.INTRODUCE_DR,
        MotionCode.INTRODUCE_WP,
        MotionCode.INTRODUCE_AMENDMENT,
        MotionCode.QA_SESSION,
    ):
        assert code not in nothing
    only_a_dr = MotionDocuments(draft_resolutions=frozenset({"12"}))
    codes = available_motions(floor, CN, "1", documents=only_a_dr)
    assert MotionCode.INTRODUCE_DR in codes
    assert MotionCode.INTRODUCE_WP not in codes and MotionCode.INTRODUCE_AMENDMENT not in codes
    every_kind = available_motions(floor, CN, documents=PAPERS)
    assert {
        MotionCode.INTRODUCE_DR,
        MotionCode.INTRODUCE_WP,
        MotionCode.INTRODUCE_AMENDMENT,
        MotionCode.QA_SESSION,
    } <= set(every_kind)


@pytest.mark.parametrize(
    ("code", "target"),
    [
        (MotionCode.INTRODUCE_DR, "14"),  # a working paper, not a DR
        (MotionCode.INTRODUCE_WP, "12"),  # a DR, not a working paper
        (MotionCode.INTRODUCE_AMENDMENT, "7"),  # an amendment is named "a7"
        (MotionCode.INTRODUCE_DR, "9"),  # already introduced
        (MotionCode.INTRODUCE_DR, "99"),  # no such paper ready
    ],
)
def test_a_motion_naming_a_paper_not_ready_for_it_is_refused(code: MotionCode, target: str) -> None:
    """procedure.md §8.12: introducing a DR without the quota (or anything not ready)."""
    error = refused(
        ErrorCode.DOCUMENT_NOT_READY, moved, in_debate(), code, target, documents=PAPERS
    )
    assert error.facts == {"motion": code.value, "target": target}


def test_a_motion_to_introduce_must_name_its_paper() -> None:
    refused(ErrorCode.MOTION_MISSING_PARAMETER, moved, in_debate(), MotionCode.INTRODUCE_DR, " ")


@pytest.mark.parametrize(
    ("code", "target"),
    [
        (MotionCode.INTRODUCE_DR, "12"),
        (MotionCode.INTRODUCE_WP, "14"),
        (MotionCode.INTRODUCE_AMENDMENT, "a7"),
    ],
)
def test_a_paper_ready_is_moved_with_its_name_in_the_facts(code: MotionCode, target: str) -> None:
    transition = raise_motion(
        in_debate(), CN, code, "1", T0, target=f" {target} ", documents=PAPERS
    )
    assert isinstance(transition.facts, MotionRaised)
    assert transition.facts.values.target == target
    motion = transition.floor.motions.get(transition.facts.motion)
    assert motion.target == target and motion.status is MotionStatus.PENDING
    # Introductions need no second (§3.2): nothing waits before the chair takes them up.
    assert motion.seconder is None


def test_the_same_introduction_moved_twice_is_one_motion_with_two_movers() -> None:
    floor, first = moved(in_debate(), MotionCode.INTRODUCE_DR, "12")
    floor, second = moved(floor, MotionCode.INTRODUCE_DR, "12", mover="2")
    assert len(floor.motions.pending) == 1
    assert floor.motions.get(first).movers == ("1", "2")
    assert second != first


# ---- carried without a vote ------------------------------------------------------------------


def test_an_introduction_ruled_in_order_in_its_turn_is_carried_without_a_vote() -> None:
    floor, caucus = seconded(
        in_debate(), MotionCode.MODERATED_CAUCUS, total_seconds=600, speaker_seconds=60, topic="x"
    )
    floor, introduction = moved(floor, MotionCode.INTRODUCE_DR, "12", mover="3")
    # Introduce DR outranks the caucus (§3.3): it is taken up first, and sweeps it away.
    taken = ruled_in_order(floor, introduction)
    after = taken.floor
    assert after.motions.get(introduction).status is MotionStatus.CARRIED
    assert after.motions.get(introduction).decided_at == at(5)
    assert after.motions.get(caucus).status is MotionStatus.SUPERSEDED
    assert after.motions.pending == ()
    # Nothing else on the floor changes: the app introduces the document.
    assert after.phase is Phase.GSL and after.vote is None and after.caucus is None
    assert after.motion_result is None
    # The floor has moved on: the ruling that carried it is not left to appeal.
    assert after.motion_ruling is None
    assert isinstance(taken.facts, MotionRuled)
    assert taken.facts.decision is MotionDecision.IN_ORDER and not taken.facts.appealable
    assert taken.ended_turns == ()


def test_a_paper_whose_introduction_was_carried_is_not_offered_again() -> None:
    floor, introduction = moved(in_debate(), MotionCode.INTRODUCE_AMENDMENT, "a7")
    after = ruled_in_order(floor, introduction).floor
    assert MotionCode.INTRODUCE_AMENDMENT not in available_motions(after, CN, documents=PAPERS)
    refused(ErrorCode.DOCUMENT_NOT_READY, moved, after, MotionCode.INTRODUCE_AMENDMENT, "a7")
    # Other papers still may be.
    assert MotionCode.INTRODUCE_DR in available_motions(after, CN, documents=PAPERS)


def test_motions_over_the_caps_waiting_for_their_mover_are_superseded_too() -> None:
    floor, _caucus = moved(
        in_debate(),
        MotionCode.UNMODERATED_CAUCUS,
        None,
        total_seconds=99 * 60,
        topic="drafting",
    )
    assert len(floor.motion_offers) == 1
    floor, introduction = moved(floor, MotionCode.INTRODUCE_WP, "14", mover="2")
    after = ruled_in_order(floor, introduction).floor
    assert after.motion_offers == ()
    assert after.motions.get(introduction).status is MotionStatus.CARRIED


def test_an_introduction_out_of_its_turn_is_only_ruled_in_order() -> None:
    floor, suspension = seconded(in_debate(), MotionCode.SUSPEND_MEETING)
    floor, introduction = moved(floor, MotionCode.INTRODUCE_DR, "12", mover="3")
    ruled = ruled_in_order(floor, introduction)
    # Suspending the meeting comes first in precedence: the introduction waits its turn.
    assert ruled.floor.motions.get(introduction).status is MotionStatus.PENDING
    assert ruled.floor.motions.get(suspension).status is MotionStatus.PENDING
    assert ruled.floor.motion_ruling is not None
    assert ruled.floor.motion_ruling.ruling.state is RulingState.IN_FORCE


def test_an_introduction_ruled_while_a_vote_runs_waits_for_the_vote() -> None:
    floor, suspension = seconded(in_debate(), MotionCode.SUSPEND_MEETING)
    floor, introduction = moved(floor, MotionCode.INTRODUCE_DR, "12", mover="3")
    running = voting(floor, suspension)
    ruled = ruled_in_order(running, introduction)
    assert ruled.floor.motions.get(introduction).status is MotionStatus.PENDING
    assert ruled.floor.vote is not None


def test_an_introduction_ruled_out_of_order_is_not_carried() -> None:
    floor, introduction = moved(in_debate(), MotionCode.INTRODUCE_DR, "12")
    ruled = rule_on_motion(floor, CN, introduction, MotionDecision.OUT_OF_ORDER, at(5))
    assert ruled.floor.motions.get(introduction).status is MotionStatus.OUT_OF_ORDER


def test_an_introduction_that_takes_no_vote_is_not_put_to_one() -> None:
    floor, introduction = moved(in_debate(), MotionCode.INTRODUCE_DR, "12")
    refused(
        ErrorCode.MOTION_NOT_VOTED,
        open_vote,
        floor,
        CN,
        introduction,
        at(5),
        by_phone=False,
        membership=4,
        attendees=attendees(),
    )


# ---- put to a vote where the profile says so -----------------------------------------------------


def test_where_the_profile_votes_on_introductions_the_vote_carries_it() -> None:
    """procedure.md §3.2 row 7: some scripts put a DR's introduction to a placard vote."""
    floor, introduction = moved(in_debate(), MotionCode.INTRODUCE_DR, "12", rules=VOTED)
    # Ruled in order, it still waits for its vote.
    waiting = ruled_in_order(floor, introduction, VOTED).floor
    assert waiting.motions.get(introduction).status is MotionStatus.PENDING
    closing = closed(voting(floor, introduction, rules=VOTED), VOTED, yes=3, no=0)
    after = closing.floor
    assert after.motions.get(introduction).status is MotionStatus.CARRIED
    # Carried out by the engine: nothing on the floor changes, and nothing is left by hand.
    assert closing.facts.effect is Effect.INTRODUCE_DOCUMENT
    assert closing.facts.effect_error == {}
    assert after.motion_result is not None and after.motion_result.effect_error == {}
    assert after.phase is Phase.GSL
    # The facts name the motion; the floor keeps what it names.
    assert closing.facts.motion == introduction
    assert after.motions.get(closing.facts.motion).target == "12"
    assert MotionCode.INTRODUCE_DR not in available_motions(after, VOTED, documents=PAPERS)


def test_an_introduction_that_fails_its_vote_leaves_the_paper_ready() -> None:
    floor, introduction = moved(in_debate(), MotionCode.INTRODUCE_DR, "12", rules=VOTED)
    after = closed(voting(floor, introduction, rules=VOTED), VOTED, yes=0, no=3).floor
    assert after.motions.get(introduction).status is MotionStatus.FAILED
    assert MotionCode.INTRODUCE_DR in available_motions(after, VOTED, documents=PAPERS)


# ---- a Q&A session on an introduced document -----------------------------------------------------


def test_a_qa_session_names_an_introduced_document_and_its_change_is_screened_with_it() -> None:
    floor, qa = moved(in_debate(), MotionCode.QA_SESSION, "9", total_seconds=600, documents=PAPERS)
    refused(
        ErrorCode.DOCUMENT_NOT_READY, moved, floor, MotionCode.QA_SESSION, "12", total_seconds=60
    )
    # The chair's shorter time is screened against the same papers.
    offered = suggest_change(floor, CN, qa, at(5), total_seconds=300, documents=PAPERS).floor
    assert offered.motion_offers[0].suggestion.total_seconds == 300
    refused(
        ErrorCode.DOCUMENT_NOT_READY,
        suggest_change,
        floor,
        CN,
        qa,
        at(5),
        total_seconds=300,
        documents=NO_DOCUMENTS,
    )
    accepted = answer_offer(offered, CN, qa, True, at(6), documents=PAPERS).floor
    assert accepted.motions.get(qa).total_seconds == 300


def test_without_the_papers_a_motion_cannot_name_one() -> None:
    """The engine knows no paper the app did not hand in."""
    with pytest.raises(ProcedureError) as error:
        raise_motion(in_debate(), CN, MotionCode.INTRODUCE_DR, "1", T0, target="12")
    assert error.value.code == ErrorCode.DOCUMENT_NOT_READY
