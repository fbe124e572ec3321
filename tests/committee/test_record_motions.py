"""The record of motions and their votes: typed payloads, sentences in both languages, and the
lasting rows (Motion, Ruling, Appeal, Question, Ballot) that undo takes back."""

from __future__ import annotations

from collections import Counter
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db.models import Count, Q

from committee.demo import day
from committee.floor import decode_value
from committee.log.describe import describe_event, has_sentence
from committee.models import (
    Appeal,
    Ballot,
    Committee,
    Delegation,
    FloorEvent,
    Motion,
    Question,
    Ruling,
    Session,
    Speech,
)
from committee.procedure.choices import MotionCode
from committee.procedure.facts import EventKind, payload_type
from committee.procedure.facts import motions as motion_facts
from committee.procedure.facts.motions import MotionRef, MotionVoteClosed
from committee.selectors import FloorView
from committee.services import floor, motions, speakers
from tests.committee.floor_speakers_setup import install_clock
from tests.committee.test_floor_motions import doc_of, open_floor, raise_motion, raise_seconded
from tests.committee.test_floor_motions_votes import vote_on

pytestmark = pytest.mark.django_db

CHINESE_NAMES = {"Alpha": "阿尔法", "Beta": "贝塔", "Gamma": "伽马"}


def with_chinese_names(**options):
    committee, user, d = open_floor(tuple(CHINESE_NAMES), **options)
    for english, chinese in CHINESE_NAMES.items():
        Delegation.objects.filter(pk=d[english].pk).update(name_zh=chinese)
    return committee, user, d


def last_event(committee: Committee) -> FloorEvent:
    return FloorEvent.objects.filter(committee=committee).latest("seq")


def reads(committee: Committee, english: str, *chinese: str) -> None:
    """The newest event reads `english` in English; in Chinese it holds each of `chinese` and
    names no delegation in English."""
    event = last_event(committee)
    assert describe_event(event, "en") == english
    in_chinese = describe_event(event, "zh-hans")
    for part in chinese:
        assert part in in_chinese, in_chinese
    for name in CHINESE_NAMES:
        assert name not in in_chinese, in_chinese


def row_of(committee: Committee, motion_id: str) -> Motion:
    return Motion.objects.get(committee=committee, floor_id=motion_id)


def close(committee, user, yes=None, no=None) -> None:
    motions.motion_vote_close(committee=committee, user=user, yes=yes, no=no)


# ---- payloads and sentences --------------------------------------------------------------------


def test_every_motion_kind_has_a_typed_payload_and_a_sentence():
    kinds = {kind for kind in EventKind if kind.startswith("motion_")}
    assert set(motion_facts.PAYLOADS) == kinds | {EventKind.MEETING_RESUMED}
    for kind in motion_facts.PAYLOADS:
        assert payload_type(kind) is motion_facts.PAYLOADS[kind]
        assert has_sentence(kind)


def test_raising_merging_seconding_and_withdrawing_read_in_both_languages():
    committee, user, d = with_chinese_names()
    motion_id = raise_motion(committee, d["Alpha"], "suspend_meeting")
    reads(committee, "Suspend the meeting moved by Alpha", "阿尔法提出暂停会议")
    raise_motion(committee, d["Beta"], "suspend_meeting")
    reads(
        committee,
        "Suspend the meeting moved again: merged, now moved by Alpha, Beta",
        "再次提出暂停会议：已合并，现由阿尔法、贝塔提出",
    )
    motions.motion_second(
        committee=committee, motion_id=motion_id, seconder_id=d["Gamma"].pk, user=user
    )
    reads(committee, "Suspend the meeting seconded by Gamma", "伽马附议暂停会议")
    motions.motion_withdraw(committee=committee, motion_id=motion_id, delegation=d["Beta"])
    reads(
        committee,
        "Suspend the meeting withdrawn by Beta; still moved by Alpha",
        "贝塔撤回暂停会议",
        "阿尔法",
    )
    motions.motion_withdraw(committee=committee, motion_id=motion_id, user=user)
    reads(committee, "Suspend the meeting withdrawn by Alpha", "阿尔法撤回暂停会议")


def test_changes_rulings_and_votes_read_in_both_languages():
    committee, user, d = with_chinese_names()
    over = raise_motion(
        committee, d["Alpha"], "unmoderated_caucus", total_seconds=60 * 60, topic="Lobby"
    )
    reads(
        committee,
        "Unmoderated caucus moved by Alpha: over the limits, change offered to the mover",
        "阿尔法提出自由磋商：超出限制，已向提出方建议修改",
    )
    motions.motion_offer_answer(
        committee=committee, motion_id=over, accept=False, delegation=d["Alpha"]
    )
    reads(
        committee,
        "The mover refused the limits: Unmoderated caucus is out of order",
        "提出方拒绝遵守限制：自由磋商不合程序",
    )
    caucus = raise_seconded(
        committee,
        d["Beta"],
        d["Gamma"],
        "moderated_caucus",
        total_seconds=600,
        speaker_seconds=60,
        topic="Mandates",
    )
    motions.motion_suggest(committee=committee, user=user, motion_id=caucus, total_seconds=300)
    reads(committee, "Change to Moderated caucus suggested to the mover", "已向提出方建议修改")
    motions.motion_offer_answer(
        committee=committee, motion_id=caucus, accept=False, delegation=d["Beta"]
    )
    reads(committee, "The mover refused the change to Moderated caucus", "提出方拒绝了对")
    motions.motion_suggest(committee=committee, user=user, motion_id=caucus, total_seconds=300)
    motions.motion_offer_answer(
        committee=committee, motion_id=caucus, accept=True, delegation=d["Beta"]
    )
    reads(committee, "The mover accepted the change to Moderated caucus", "提出方接受了对")
    motions.motion_rule(committee=committee, user=user, motion_id=caucus, decision="in_order")
    reads(committee, "Moderated caucus ruled in order", "有主持核心磋商被裁定合乎程序")

    speaking = raise_seconded(
        committee, d["Gamma"], d["Alpha"], "set_speaking_time", speaker_seconds=45
    )
    vote_on(committee, user, caucus, by_phone=True)
    reads(committee, "Phone vote on Moderated caucus", "就有主持核心磋商进行手机投票")
    motions.motion_ballot_cast(committee=committee, delegation=d["Alpha"], choice="yes")
    reads(committee, "Alpha voted Yes", "阿尔法投赞成票")
    motions.motion_ballot_cast(committee=committee, delegation=d["Beta"], choice="no")
    reads(committee, "Beta voted No", "贝塔投反对票")
    motions.motion_ballot_enter(
        committee=committee, user=user, delegation_id=d["Gamma"].pk, choice="yes"
    )
    reads(committee, "Gamma voted Yes (entered by the dais)", "伽马投赞成票（由主席团录入）")
    close(committee, user)
    reads(
        committee,
        "Moderated caucus carried (2–1); superseded, not voted: Set speaking time",
        "有主持核心磋商通过（2–1）",
        "更改发言时间",
    )
    closed = decode_value(last_event(committee).payload, MotionVoteClosed)
    assert closed.superseded == (MotionRef(speaking, MotionCode.SET_SPEAKING_TIME),)
    assert (closed.yes, closed.no, closed.passed, closed.by_phone) == (2, 1, True, True)


def test_a_failed_vote_a_suspension_and_the_meeting_resumed_read_in_both_languages():
    committee, user, d = with_chinese_names()
    motion_id = raise_seconded(committee, d["Alpha"], d["Beta"], "suspend_meeting")
    vote_on(committee, user, motion_id)
    reads(committee, "Placard vote on Suspend the meeting", "就暂停会议进行举牌投票")
    close(committee, user, yes=1, no=2)
    reads(committee, "Suspend the meeting failed (1–2)", "暂停会议未通过（1–2）")
    again = raise_seconded(committee, d["Gamma"], d["Beta"], "suspend_meeting")
    motions.motion_rule(committee=committee, user=user, motion_id=again, decision="dilatory")
    reads(committee, "Suspend the meeting ruled dilatory", "暂停会议被裁定为拖延性动议")
    third = raise_seconded(committee, d["Beta"], d["Alpha"], "suspend_meeting")
    vote_on(committee, user, third)
    close(committee, user, yes=3, no=0)
    reads(committee, "Suspend the meeting carried (3–0)", "暂停会议通过（3–0）")
    motions.meeting_resume(committee=committee, user=user)
    reads(committee, "The meeting resumed", "会议继续")


def test_appeals_read_as_the_ruling_overturned_or_standing():
    committee, user, d = with_chinese_names()
    motion_id = raise_seconded(committee, d["Alpha"], d["Beta"], "suspend_meeting")
    motions.motion_rule(
        committee=committee, user=user, motion_id=motion_id, decision="out_of_order"
    )
    reads(committee, "Suspend the meeting ruled out of order", "暂停会议被裁定不合程序")
    motions.motion_appeal(committee=committee, appellant_id=d["Alpha"].pk, delegation=d["Alpha"])
    reads(committee, "Appeal the chair's decision moved by Alpha", "阿尔法提出申述")
    appeal = doc_of(committee).motions.pending[0].id
    motions.motion_second(committee=committee, motion_id=appeal, seconder_id=d["Beta"].pk)
    vote_on(committee, user, appeal)
    close(committee, user, yes=1, no=2)
    reads(
        committee,
        "Appeal the chair's decision: the ruling stands (1–2)",
        "申述：维持裁定（1–2）",
    )

    second = raise_seconded(committee, d["Gamma"], d["Beta"], "adjourn_meeting")
    motions.motion_rule(committee=committee, user=user, motion_id=second, decision="out_of_order")
    motions.motion_appeal(committee=committee, appellant_id=d["Gamma"].pk, delegation=d["Gamma"])
    appeal = next(m.id for m in doc_of(committee).motions.pending if m.code == "appeal")
    motions.motion_second(committee=committee, motion_id=appeal, seconder_id=d["Alpha"].pk)
    vote_on(committee, user, appeal)
    close(committee, user, yes=3, no=0)
    reads(
        committee,
        "Appeal the chair's decision: the ruling is overturned (3–0)",
        "申述：裁定被推翻（3–0）",
    )


# ---- the Motion rows -----------------------------------------------------------------------------


def test_a_motion_row_follows_the_motion_from_raised_to_carried():
    committee, user, d = open_floor()
    motion_id = raise_motion(
        committee,
        d["Alpha"],
        "moderated_caucus",
        total_seconds=600,
        speaker_seconds=60,
        topic="Mandates",
    )
    other = raise_seconded(
        committee, d["Gamma"], d["Alpha"], "set_speaking_time", speaker_seconds=45
    )
    row = row_of(committee, motion_id)
    assert (row.code, row.mover, row.seconder, row.status) == (
        "moderated_caucus",
        d["Alpha"],
        None,
        "pending",
    )
    assert row.fields == {"total_seconds": 600, "speaker_seconds": 60, "topic": "Mandates"}
    assert row.session.number == 1 and row.raised_at is not None and row.decided_at is None

    motions.motion_second(
        committee=committee, motion_id=motion_id, seconder_id=d["Beta"].pk, delegation=d["Beta"]
    )
    assert row_of(committee, motion_id).seconder == d["Beta"]
    vote_on(committee, user, motion_id)
    assert row_of(committee, motion_id).status == "voting"
    question = Question.objects.get(committee=committee)
    assert (question.motion, question.method, question.closed_at) == (
        row_of(committee, motion_id),
        "placards",
        None,
    )
    close(committee, user, yes=2, no=1)

    carried = row_of(committee, motion_id)
    assert carried.status == "carried" and carried.decided_at is not None
    superseded = row_of(committee, other)
    assert (superseded.status, superseded.decided_at) == ("superseded", carried.decided_at)
    question.refresh_from_db()
    assert (question.yes, question.no, question.passed) == (2, 1, True)
    assert question.closed_at == carried.decided_at


def test_motion_rows_record_failed_withdrawn_out_of_order_and_dilatory_motions():
    committee, user, d = open_floor()
    failed = raise_seconded(committee, d["Alpha"], d["Beta"], "suspend_meeting")
    vote_on(committee, user, failed)
    close(committee, user, yes=0, no=3)
    withdrawn = raise_motion(
        committee, d["Beta"], "unmoderated_caucus", total_seconds=300, topic="x"
    )
    motions.motion_withdraw(committee=committee, motion_id=withdrawn, delegation=d["Beta"])
    out = raise_motion(committee, d["Gamma"], "suspend_meeting")
    motions.motion_rule(committee=committee, user=user, motion_id=out, decision="out_of_order")
    dilatory = raise_motion(committee, d["Alpha"], "adjourn_meeting")
    motions.motion_rule(committee=committee, user=user, motion_id=dilatory, decision="dilatory")
    refused = raise_motion(
        committee, d["Gamma"], "unmoderated_caucus", total_seconds=60 * 60, topic="Lobby"
    )
    assert row_of(committee, refused).status == "pending"  # raised, waiting for its mover
    motions.motion_offer_answer(
        committee=committee, motion_id=refused, accept=False, delegation=d["Gamma"]
    )

    statuses = dict(Motion.objects.filter(committee=committee).values_list("floor_id", "status"))
    assert statuses == {
        failed: "failed",
        withdrawn: "withdrawn",
        out: "out_of_order",
        dilatory: "dilatory",
        refused: "out_of_order",
    }
    assert not Motion.objects.filter(committee=committee, decided_at__isnull=True).exclude(
        status="withdrawn"
    )
    rulings = Ruling.objects.filter(committee=committee).order_by("pk")
    assert [(r.motion.floor_id, r.decision, r.subject, r.state) for r in rulings] == [
        (out, "out_of_order", "out_of_order", "in_force"),
        (dilatory, "dilatory", "dilatory_motion", "in_force"),
    ]


def test_merged_motions_keep_one_row_with_its_co_movers_and_who_withdrew():
    committee, _user, d = open_floor()
    motion_id = raise_motion(committee, d["Alpha"], "suspend_meeting")
    raise_motion(committee, d["Beta"], "suspend_meeting")
    raise_motion(committee, d["Gamma"], "suspend_meeting")
    (row,) = Motion.objects.filter(committee=committee)
    assert (row.floor_id, row.mover) == (motion_id, d["Alpha"])
    assert set(row.co_movers.all()) == {d["Beta"], d["Gamma"]}
    motions.motion_withdraw(committee=committee, motion_id=motion_id, delegation=d["Alpha"])
    row.refresh_from_db()
    assert row.status == "pending"  # still moved by Beta and Gamma
    assert row.fields["withdrawn_by"] == [d["Alpha"].pk]


def test_a_motion_over_the_limits_gets_its_capped_values_or_is_superseded_while_waiting():
    committee, user, d = open_floor()
    accepted = raise_motion(
        committee, d["Alpha"], "unmoderated_caucus", total_seconds=60 * 60, topic="Lobby"
    )
    assert row_of(committee, accepted).fields["total_seconds"] == 60 * 60
    motions.motion_offer_answer(
        committee=committee, motion_id=accepted, accept=True, delegation=d["Alpha"]
    )
    capped = doc_of(committee).motions.get(accepted).total_seconds
    assert capped < 60 * 60
    assert row_of(committee, accepted).fields["total_seconds"] == capped

    waiting = raise_motion(
        committee, d["Beta"], "unmoderated_caucus", total_seconds=90 * 60, topic="Drafting"
    )
    suspend = raise_seconded(committee, d["Gamma"], d["Alpha"], "suspend_meeting")
    vote_on(committee, user, suspend)
    close(committee, user, yes=3, no=0)
    assert row_of(committee, waiting).status == "superseded"
    assert row_of(committee, accepted).status == "superseded"
    closed = decode_value(last_event(committee).payload, MotionVoteClosed)
    assert {ref.motion for ref in closed.superseded} == {accepted, waiting}


def test_an_appeal_writes_its_ruling_appeal_and_question_rows():
    committee, user, d = open_floor()
    motion_id = raise_seconded(committee, d["Alpha"], d["Beta"], "suspend_meeting")
    motions.motion_rule(
        committee=committee, user=user, motion_id=motion_id, decision="out_of_order"
    )
    ruling = Ruling.objects.get(committee=committee)
    motions.motion_appeal(committee=committee, appellant_id=d["Alpha"].pk, delegation=d["Alpha"])
    appeal_id = doc_of(committee).motions.pending[0].id
    appeal_row = row_of(committee, appeal_id)
    assert (appeal_row.code, appeal_row.fields) == (
        "appeal",
        {"target": doc_of(committee).motion_ruling.ruling.id},
    )
    ruling.refresh_from_db()
    appeal = Appeal.objects.get(ruling=ruling)
    assert (ruling.state, appeal.appellant, appeal.question, appeal.overturned) == (
        "under_appeal",
        d["Alpha"],
        None,
        None,
    )
    motions.motion_second(committee=committee, motion_id=appeal_id, seconder_id=d["Gamma"].pk)
    vote_on(committee, user, appeal_id, by_phone=True)
    for name in ("Alpha", "Beta", "Gamma"):
        motions.motion_ballot_cast(committee=committee, delegation=d[name], choice="yes")
    close(committee, user)

    ruling.refresh_from_db()
    appeal.refresh_from_db()
    assert ruling.state == "overturned"
    assert appeal.overturned is True
    assert appeal.question.motion == appeal_row
    assert (appeal.question.yes, appeal.question.no, appeal.question.passed) == (3, 0, True)
    assert row_of(committee, appeal_id).status == "carried"
    back = row_of(committee, motion_id)
    assert (back.status, back.decided_at) == ("pending", None)  # the motion is back


def test_adjourning_by_motion_records_the_speech_it_cuts_short(monkeypatch):
    clock = install_clock(monkeypatch)
    committee, user, d = open_floor()
    motion_id = raise_seconded(committee, d["Alpha"], d["Beta"], "adjourn_meeting")
    speakers.speaker_add(committee=committee, delegation_id=d["Gamma"].pk, user=user)
    speakers.speaker_next(committee=committee, user=user)
    vote_on(committee, user, motion_id)
    clock.advance(40)
    close(committee, user, yes=3, no=0)

    assert doc_of(committee).phase == "adjourned"
    (speech,) = Speech.objects.filter(committee=committee)
    assert (speech.delegation, speech.kind, speech.seconds) == (d["Gamma"], "gsl", 40)
    session = Session.objects.get(committee=committee, number=1)
    assert speech.session == session and session.closed_at == speech.ended_at


# ---- ballots -----------------------------------------------------------------------------------


def test_one_ballot_per_delegation_even_when_cast_twice_or_entered_by_the_dais_first():
    committee, user, d = open_floor()
    motion_id = raise_seconded(committee, d["Alpha"], d["Beta"], "suspend_meeting")
    vote_on(committee, user, motion_id, by_phone=True)
    motions.motion_ballot_cast(committee=committee, delegation=d["Alpha"], choice="yes")
    motions.motion_ballot_cast(committee=committee, delegation=d["Alpha"], choice="no")
    motions.motion_ballot_enter(
        committee=committee, user=user, delegation_id=d["Beta"].pk, choice="yes"
    )
    motions.motion_ballot_cast(committee=committee, delegation=d["Beta"], choice="yes")
    motions.motion_ballot_enter(
        committee=committee, user=user, delegation_id=d["Gamma"].pk, choice="yes"
    )

    question = Question.objects.get(committee=committee)
    assert (question.method, question.motion.floor_id) == ("phones", motion_id)
    ballots = {b.delegation.name: b for b in Ballot.objects.filter(question=question)}
    assert {name: (b.choice, b.entered_by_dais, b.round) for name, b in ballots.items()} == {
        "Alpha": ("no", False, 1),
        "Beta": ("yes", False, 1),
        "Gamma": ("yes", True, 1),
    }
    close(committee, user)
    question.refresh_from_db()
    assert (question.yes, question.no, question.passed) == (2, 1, True)


def test_the_screens_read_a_phone_vote_from_its_question_and_ballots_in_two_queries(
    django_assert_num_queries,
):
    committee, user, d = open_floor(("Alpha", "Beta", "Gamma", "Delta"))
    motion_id = raise_seconded(committee, d["Alpha"], d["Beta"], "suspend_meeting")
    vote_on(committee, user, motion_id, by_phone=True)
    motions.motion_ballot_cast(committee=committee, delegation=d["Alpha"], choice="yes")
    motions.motion_ballot_enter(
        committee=committee, user=user, delegation_id=d["Beta"].pk, choice="no"
    )
    panel = FloorView(committee).motions_panel
    # The ballots, and who may vote (kept with the question, not on the floor).
    with django_assert_num_queries(2):
        counts = (panel.tally_yes, panel.tally_no, panel.votes_cast, panel.votes_entered_by_dais)
        waiting = [delegation.name for delegation in panel.not_voted]
        voted = panel.ballot_of
    assert counts == (1, 1, 2, 1)
    assert waiting == ["Delta", "Gamma"]
    assert voted == {str(d["Alpha"].pk): "yes", str(d["Beta"].pk): "no"}


# ---- undo --------------------------------------------------------------------------------------


def test_undo_of_a_dais_action_takes_its_rows_back():
    committee, user, d = open_floor()
    motions.motion_raise(
        committee=committee, code="suspend_meeting", mover_id=d["Alpha"].pk, user=user
    )
    (motion_id,) = Motion.objects.filter(committee=committee).values_list("floor_id", flat=True)
    motions.motion_raise(
        committee=committee, code="suspend_meeting", mover_id=d["Beta"].pk, user=user
    )
    assert list(row_of(committee, motion_id).co_movers.all()) == [d["Beta"]]
    motions.motion_second(
        committee=committee, motion_id=motion_id, seconder_id=d["Gamma"].pk, user=user
    )
    motions.motion_rule(
        committee=committee, user=user, motion_id=motion_id, decision="out_of_order"
    )
    motions.motion_appeal(committee=committee, appellant_id=d["Alpha"].pk, user=user)
    assert Appeal.objects.filter(ruling__committee=committee).exists()
    assert Motion.objects.filter(committee=committee).count() == 2

    floor.floor_undo(committee=committee, user=user)  # the appeal
    assert Motion.objects.filter(committee=committee).count() == 1
    assert not Appeal.objects.filter(ruling__committee=committee).exists()
    assert Ruling.objects.get(committee=committee).state == "in_force"
    floor.floor_undo(committee=committee, user=user)  # the ruling
    assert not Ruling.objects.filter(committee=committee).exists()
    row = row_of(committee, motion_id)
    assert (row.status, row.decided_at) == ("pending", None)
    floor.floor_undo(committee=committee, user=user)  # the second
    assert row_of(committee, motion_id).seconder is None
    floor.floor_undo(committee=committee, user=user)  # the merge
    assert not row_of(committee, motion_id).co_movers.exists()
    floor.floor_undo(committee=committee, user=user)  # the raise
    assert not Motion.objects.filter(committee=committee).exists()
    assert doc_of(committee).motions.motions == ()


def test_undo_of_a_withdrawal_puts_the_motion_back_on_the_record():
    committee, user, d = open_floor()
    motion_id = raise_motion(committee, d["Alpha"], "suspend_meeting")
    motions.motion_withdraw(committee=committee, motion_id=motion_id, user=user)
    assert row_of(committee, motion_id).status == "withdrawn"
    floor.floor_undo(committee=committee, user=user)
    assert row_of(committee, motion_id).status == "pending"


# ---- against the demo day ----------------------------------------------------------------------


@pytest.fixture(name="morning")
def morning_fixture():
    call_command("seed_demo", stdout=StringIO())
    c34 = Committee.objects.get(slug="c34")
    chair = get_user_model().objects.create_user("a-chair")
    return c34, day.play_c34_morning(c34, chair)


def test_the_motions_each_delegation_raised_and_carried_on_the_demo_day(
    morning, django_assert_num_queries
):
    c34, summary = morning
    by_mover = Motion.objects.filter(committee=c34).values("mover__name")
    with django_assert_num_queries(1):
        raised = dict(by_mover.annotate(n=Count("pk")).values_list("mover__name", "n"))
    with django_assert_num_queries(1):
        carried = dict(
            by_mover.annotate(n=Count("pk", filter=Q(status="carried")))
            .filter(n__gt=0)
            .values_list("mover__name", "n")
        )
    stats = summary.statistics
    assert raised == {name: s["motions_raised"] for name, s in stats.items() if s["motions_raised"]}
    assert carried == {
        name: s["motions_carried"] for name, s in stats.items() if s["motions_carried"]
    }
    statuses = Counter(Motion.objects.filter(committee=c34).values_list("status", flat=True))
    assert statuses == Counter(summary.motion_outcomes.values())
    votes = Question.objects.filter(committee=c34)
    assert votes.count() == sum(isinstance(step, day.Vote) for step in day.C34_MORNING)
    assert not votes.filter(closed_at__isnull=True).exists()
