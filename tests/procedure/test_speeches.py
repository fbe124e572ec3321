from __future__ import annotations

from dataclasses import replace

import pytest

from committee.procedure.choices import YieldKind
from committee.procedure.errors import ProcedureError
from committee.procedure.speeches import (
    QuestionStep,
    SpeechStage,
    ask_question,
    declare_yield,
    end_speech,
    finish_answer,
    interrupt,
    respond_to_yield,
    resume,
    start_answer,
    start_comment,
    start_speech,
    time_left,
    turn_began,
    turn_open,
    turn_time,
)
from committee.procedure.timers import seconds
from tests.procedure.helpers import at, params

PRESENT = {"FR", "CN", "US"}


def test_interrupting_point_pauses_and_resume_continues() -> None:
    """procedure.md §2.2 timer behaviour, §4: interrupting points pause the timer."""
    speech = start_speech(params(), "FR", at(0))
    paused = interrupt(speech, at(30))
    assert time_left(paused, at(100)) == seconds(60)
    assert time_left(resume(paused, at(100)), at(110)) == seconds(50)


def test_yield_to_the_chair_drops_the_remaining_time() -> None:
    speech = declare_yield(params(), start_speech(params(), "FR", at(0)), YieldKind.CHAIR, at(40))
    assert speech.stage is SpeechStage.ENDED and speech.yield_kind is YieldKind.CHAIR
    with pytest.raises(ProcedureError) as info:
        declare_yield(params(), speech, YieldKind.CHAIR, at(41))
    assert info.value.code == "yield_already_declared"


def test_yield_to_a_delegate_who_accepts_speaks_for_the_remaining_time() -> None:
    p = params()
    speech = declare_yield(
        p, start_speech(p, "FR", at(0)), YieldKind.DELEGATE, at(50), target="CN", present=PRESENT
    )
    assert speech.stage is SpeechStage.AWAITING_ACCEPTANCE
    assert time_left(speech, at(70)) == seconds(40)  # paused while waiting
    speech = respond_to_yield(speech, True, at(70))
    assert speech.holder == "CN" and speech.stage is SpeechStage.YIELDED_TO_DELEGATE
    assert time_left(speech, at(80)) == seconds(30)


@pytest.mark.parametrize("case", ["absent", "declines"])
def test_edge_07_yield_to_an_absent_or_declining_delegate_reverts_to_the_chair(case: str) -> None:
    """procedure.md §8.7."""
    p = params()
    speech = start_speech(p, "FR", at(0))
    target = "ZZ" if case == "absent" else "CN"
    speech = declare_yield(p, speech, YieldKind.DELEGATE, at(10), target=target, present=PRESENT)
    if case == "declines":
        speech = respond_to_yield(speech, False, at(12))
    assert speech.stage is SpeechStage.ENDED and speech.reverted_to_chair
    with pytest.raises(ProcedureError) as info:
        respond_to_yield(speech, True, at(13))
    assert info.value.code == "no_pending_yield"


@pytest.mark.parametrize(("profile", "chain"), [("cn_common", 1), ("una_usa", 1), ("thimun", 2)])
def test_edge_08_second_yield_attempt_only_to_the_chair_beyond_the_chain(
    profile: str, chain: int
) -> None:
    """procedure.md §8.8 / §2.2: yield_chain_max = 1 (2 in THIMUN)."""
    p = params(profile)
    speech = start_speech(p, "FR", at(0))
    holders = ["CN", "US", "FR"]
    for step in range(chain):
        speech = declare_yield(
            p, speech, YieldKind.DELEGATE, at(step + 1), target=holders[step], present=PRESENT
        )
        speech = respond_to_yield(speech, True, at(step + 1))
    with pytest.raises(ProcedureError) as info:
        declare_yield(p, speech, YieldKind.DELEGATE, at(9), target="BR", present=PRESENT | {"BR"})
    assert info.value.code == "yield_chain_exceeded"
    with pytest.raises(ProcedureError) as info:
        declare_yield(p, speech, YieldKind.QUESTIONS, at(9))
    assert info.value.code in ("yield_already_declared", "yield_not_enabled")
    assert declare_yield(p, speech, YieldKind.CHAIR, at(9)).stage is SpeechStage.ENDED


@pytest.mark.parametrize(
    ("profile", "kind", "allowed"),
    [
        ("un_ga", YieldKind.DELEGATE, False),
        ("un_ga", YieldKind.QUESTIONS, False),
        ("thimun", YieldKind.COMMENTS, False),
        ("thimun", YieldKind.DELEGATE, True),
        ("cn_common", YieldKind.COMMENTS, True),
    ],
)
def test_yields_enabled_by_profile(profile: str, kind: YieldKind, allowed: bool) -> None:
    """procedure.md §7.1 yields_enabled: four kinds; THIMUN chair/delegate; un_ga none."""
    p = params(profile)
    speech = start_speech(p, "FR", at(0))
    if allowed:
        declare_yield(p, speech, kind, at(1), target="CN", present=PRESENT)
    else:
        with pytest.raises(ProcedureError) as info:
            declare_yield(p, speech, kind, at(1), target="CN", present=PRESENT)
        assert info.value.code == "yield_not_enabled"
    assert declare_yield(p, speech, YieldKind.CHAIR, at(1)).stage is SpeechStage.ENDED


def test_no_yields_in_a_moderated_caucus_speech() -> None:
    """procedure.md §2.2: yields are not used in moderated caucuses."""
    p = params()
    speech = start_speech(p, "FR", at(0), duration=60, gsl=False)
    with pytest.raises(ProcedureError) as info:
        declare_yield(p, speech, YieldKind.QUESTIONS, at(1))
    assert info.value.code == "yield_not_enabled"


def test_yield_refusals() -> None:
    p = params()
    speech = start_speech(p, "FR", at(0))
    with pytest.raises(ProcedureError) as info:
        declare_yield(p, speech, YieldKind.DELEGATE, at(1), target="FR", present=PRESENT)
    assert info.value.code == "yield_to_self"
    with pytest.raises(ProcedureError) as info:
        declare_yield(p, speech, YieldKind.QUESTIONS, at(95))
    assert info.value.code == "no_time_to_yield"
    questions = declare_yield(p, speech, YieldKind.QUESTIONS, at(10))
    with pytest.raises(ProcedureError) as info:
        declare_yield(p, questions, YieldKind.COMMENTS, at(11))
    assert info.value.code == "yield_already_declared"
    with pytest.raises(ProcedureError) as info:
        resume(questions, at(12))
    assert info.value.code == "wrong_yield_stage"


@pytest.mark.parametrize(("counts", "left"), [("answers_only", 50), ("all", 30)])
def test_only_answering_time_counts_against_the_remaining_time(counts: str, left: int) -> None:
    """procedure.md §2.2: only the speaker's answering time counts (question_time_counts)."""
    p = params(question_time_counts=counts)
    speech = declare_yield(p, start_speech(p, "FR", at(0)), YieldKind.QUESTIONS, at(30))
    assert speech.question_step is QuestionStep.IDLE
    speech = ask_question(p, speech, at(40))  # 20 s question
    speech = start_answer(speech, at(60))
    speech = finish_answer(speech, at(70))  # 10 s answer
    assert time_left(speech, at(200)) == seconds(left)
    assert speech.stage is SpeechStage.QUESTIONS


def test_answer_running_out_of_time_ends_the_speech() -> None:
    p = params()
    speech = declare_yield(p, start_speech(p, "FR", at(0)), YieldKind.QUESTIONS, at(80))
    speech = start_answer(ask_question(p, speech, at(81)), at(82))
    assert finish_answer(speech, at(200)).stage is SpeechStage.ENDED
    with pytest.raises(ProcedureError) as info:
        ask_question(p, end_speech(speech, at(90)), at(91))
    assert info.value.code == "wrong_yield_stage"


@pytest.mark.parametrize(("profile", "follow_up"), [("cn_common", False), ("thimun", True)])
def test_question_limits_and_follow_ups(profile: str, follow_up: bool) -> None:
    """procedure.md §2.2: max_questions; follow-ups none by default, THIMUN one at discretion."""
    p = params(profile, max_questions=1, yields_enabled=["questions", "chair"])
    speech = declare_yield(p, start_speech(p, "FR", at(0)), YieldKind.QUESTIONS, at(10))
    speech = finish_answer(start_answer(ask_question(p, speech, at(11)), at(12)), at(20))
    if follow_up:
        speech = ask_question(p, speech, at(21), follow_up=True)
        with pytest.raises(ProcedureError) as info:
            ask_question(p, speech, at(22), follow_up=True)
    else:
        with pytest.raises(ProcedureError) as info:
            ask_question(p, speech, at(21), follow_up=True)
    assert info.value.code == "follow_up_not_allowed"
    with pytest.raises(ProcedureError) as info:
        ask_question(p, speech, at(23))
    assert info.value.code == "question_limit_reached"


def test_asking_with_no_time_left_is_refused() -> None:
    p = params(question_time_counts="all")
    speech = declare_yield(p, start_speech(p, "FR", at(0)), YieldKind.QUESTIONS, at(10))
    speech = ask_question(p, speech, at(11))  # the clock runs while asking
    with pytest.raises(ProcedureError) as info:
        ask_question(p, speech, at(200))
    assert info.value.code == "no_time_to_yield"


def test_comments_are_limited_and_timed() -> None:
    """procedure.md §2.2: max_comments (2), comment_seconds (30)."""
    p = params()
    speech = declare_yield(p, start_speech(p, "FR", at(0)), YieldKind.COMMENTS, at(10))
    speech = start_comment(p, start_comment(p, speech, at(11)), at(45))
    assert speech.comment_timer is not None
    assert speech.comment_timer.duration == seconds(30)
    with pytest.raises(ProcedureError) as info:
        start_comment(p, speech, at(80))
    assert info.value.code == "comment_limit_reached"


# ---- the holder's turn, for the record ----------------------------------------------------------


def test_a_turn_counts_the_clock_without_its_pauses() -> None:
    speech = start_speech(params(), "FR", at(0))
    assert speech.turn_started_at == at(0) and turn_open(speech)
    paused = interrupt(speech, at(30))
    assert turn_time(resume(paused, at(100)), at(110)) == seconds(40)


def test_a_delegate_yielded_to_starts_a_turn_of_its_own() -> None:
    p = params()
    speech = declare_yield(
        p, start_speech(p, "FR", at(0)), YieldKind.DELEGATE, at(50), target="CN", present=PRESENT
    )
    assert not turn_open(speech)  # nobody holds the floor while CN decides
    speech = respond_to_yield(speech, True, at(70))
    assert (speech.turn_started_at, speech.turn_clock_at_start) == (at(70), seconds(50))
    assert turn_time(speech, at(85)) == seconds(15)
    assert turn_time(speech, at(500)) == seconds(40)  # no more than the time yielded
    assert not turn_open(end_speech(speech, at(85)))


def test_a_speech_stored_without_its_start_is_dated_by_its_clock() -> None:
    stored = replace(start_speech(params(), "FR", at(0)), turn_started_at=None)
    assert turn_began(stored, at(25)) == at(0)
