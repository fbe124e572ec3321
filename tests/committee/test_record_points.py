"""The record of points and rights of reply: typed payloads, sentences in both languages, and
the lasting rows (a reply's Speech, a point of order's Ruling) that undo takes back."""

from __future__ import annotations

from collections import Counter
from datetime import timedelta
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db.models import Count

from committee.demo import day
from committee.floor import decode_value
from committee.log.describe import describe_event, has_sentence
from committee.models import Committee, Delegation, FloorEvent, Ruling, Speech
from committee.procedure.choices import PointKind, RorGround
from committee.procedure.errors import ProcedureError
from committee.procedure.facts import EventKind, payload_type
from committee.procedure.facts import points as point_facts
from committee.procedure.facts.points import PointFacts, ReplyEnded, SpeakerResumed
from committee.procedure.points import Admission
from committee.procedure.speeches import SpeechStage
from committee.services import floor, points
from tests.committee.floor_clock import T0, Clock, start_clock
from tests.committee.floor_points_helpers import (
    World,
    doc_of,
    end_speech,
    give_floor,
    in_debate,
    last_event,
)

pytestmark = pytest.mark.django_db

# Debate stays open when the speakers' list runs out, so replies are asked in debate.
KEEP_DEBATE_OPEN = {"gsl_exhaustion_action": "prompt_chair"}
CHINESE_NAMES = {"France": "法国", "China": "中国", "Brazil": "巴西"}


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Clock:
    return start_clock(monkeypatch)


def with_chinese_names(world: World) -> World:
    for english, chinese in CHINESE_NAMES.items():
        Delegation.objects.filter(committee=world.committee, name=english).update(name_zh=chinese)
    return world


def sentences(world: World) -> tuple[str, str]:
    """The newest event's sentence in English and in Chinese."""
    event = last_event(world.committee)
    return describe_event(event, "en"), describe_event(event, "zh-hans")


def raise_point(world: World, delegation: Delegation, kind: PointKind, **options):
    return points.point_raise(
        committee=world.committee, delegation=delegation, kind=kind, **options
    )


def resolve(world: World, seq: int, outcome: str, note: str = "") -> None:
    points.point_resolve(
        committee=world.committee, user=world.chair, seq=seq, outcome=outcome, note=note
    )


def ask_reply(world: World, delegation: Delegation, against: Delegation) -> None:
    points.reply_request(
        committee=world.committee,
        delegation=delegation,
        against_id=against.pk,
        ground=RorGround.NATIONAL_INTEGRITY,
    )


def decide_reply(world: World, delegation: Delegation, *, grant: bool) -> None:
    points.reply_decide(
        committee=world.committee, user=world.chair, delegation_id=delegation.pk, grant=grant
    )


def interrupt_for_audibility(world: World, delegation: Delegation) -> int:
    pending = raise_point(world, delegation, PointKind.PERSONAL_PRIVILEGE, audibility=True)
    assert pending.admission is Admission.INTERRUPT
    return pending.point.seq


# ---- payloads and sentences --------------------------------------------------------------------


def test_every_point_and_reply_kind_has_a_typed_payload_and_a_sentence():
    kinds = {kind for kind in EventKind if kind.startswith(("point_", "reply_"))}
    assert set(point_facts.PAYLOADS) == kinds
    for kind in kinds:
        assert payload_type(kind) is point_facts.PAYLOADS[kind]
        assert has_sentence(kind)


def test_points_read_in_english_and_in_chinese(clock):
    world = with_chinese_names(in_debate(**KEEP_DEBATE_OPEN))
    give_floor(world, world.france)
    seq = raise_point(
        world, world.brazil, PointKind.PERSONAL_PRIVILEGE, audibility=True, text="Louder, please"
    ).point.seq
    raised = decode_value(last_event(world.committee).payload, PointFacts)
    assert raised == PointFacts(
        seq=seq,
        delegation=world.brazil.pk,
        kind=PointKind.PERSONAL_PRIVILEGE,
        admission=Admission.INTERRUPT,
        audibility=True,
        text="Louder, please",
    )
    assert sentences(world) == (
        "Point of personal privilege (cannot hear the speaker) · Brazil · speaker paused"
        " · “Louder, please”",
        "个人特权问题（听不清发言者） · 巴西 · 发言者暂停 · “Louder, please”",
    )

    resolve(world, seq, "answered")
    assert sentences(world) == (
        "Point of personal privilege (cannot hear the speaker) · Brazil · answered",
        "个人特权问题（听不清发言者） · 巴西 · 已答复",
    )

    points.point_speaker_resume(committee=world.committee, user=world.chair)
    payload = last_event(world.committee).payload
    assert decode_value(payload, SpeakerResumed) == SpeakerResumed(world.france.pk)
    assert sentences(world) == ("France resumes after the point", "问题处理完毕，法国继续发言")

    end_speech(world)
    seq = raise_point(world, world.china, PointKind.ORDER, text="Wrong order").point.seq
    assert sentences(world) == (
        "Point of order · China · “Wrong order”",
        "秩序问题 · 中国 · “Wrong order”",
    )
    resolve(world, seq, "not_well_taken", note="  The list was followed  ")
    assert sentences(world) == (
        "Point of order · China · ruled not well taken · “The list was followed”"
        " · the ruling may be appealed",
        "秩序问题 · 中国 · 裁定不成立 · “The list was followed” · 可对裁定提出申述",
    )

    seq = raise_point(world, world.brazil, PointKind.PARLIAMENTARY_INQUIRY).point.seq
    points.point_withdraw(committee=world.committee, delegation=world.brazil, seq=seq)
    assert sentences(world) == (
        "Point of parliamentary inquiry · withdrawn by Brazil",
        "咨询性问题 · 已由巴西撤回",
    )


def test_a_point_of_order_ruled_out_of_order_names_no_appeal_when_appeals_are_off():
    world = with_chinese_names(in_debate(appeal_enabled=False))
    seq = raise_point(world, world.china, PointKind.ORDER).point.seq
    resolve(world, seq, "out_of_order")
    assert sentences(world) == (
        "Point of order · China · ruled out of order",
        "秩序问题 · 中国 · 裁定不合程序",
    )
    assert Ruling.objects.get(committee=world.committee).decision == "out_of_order"


def test_rights_of_reply_read_in_english_and_in_chinese():
    world = with_chinese_names(in_debate(**KEEP_DEBATE_OPEN))
    ask_reply(world, world.china, world.france)
    assert sentences(world) == (
        "China asks for a right of reply to France",
        "中国申请对法国行使答辩权",
    )
    points.reply_withdraw(committee=world.committee, delegation=world.china)
    assert sentences(world) == (
        "China withdrew its request for a right of reply",
        "中国撤回了答辩权申请",
    )
    ask_reply(world, world.brazil, world.france)
    decide_reply(world, world.brazil, grant=False)
    assert sentences(world) == ("Right of reply refused to Brazil", "驳回巴西的答辩权申请")

    give_floor(world, world.france)
    ask_reply(world, world.china, world.france)
    decide_reply(world, world.china, grant=True)  # France still speaks: the reply waits
    assert sentences(world) == (
        "Right of reply granted to China (30 s)",
        "批准中国行使答辩权（30 秒）",
    )
    end_speech(world)
    points.reply_give_floor(
        committee=world.committee, user=world.chair, delegation_id=world.china.pk
    )
    assert sentences(world) == (
        "Right of reply: China has the floor (30 s)",
        "答辩权：中国发言（30 秒）",
    )
    points.reply_end(committee=world.committee, user=world.chair)
    assert sentences(world) == ("Right of reply of China ended", "中国的答辩结束")

    ask_reply(world, world.brazil, world.france)
    decide_reply(world, world.brazil, grant=True)  # nobody speaks: the reply speaks at once
    assert sentences(world) == (
        "Right of reply granted to Brazil (30 s) · has the floor",
        "批准巴西行使答辩权（30 秒） · 正在发言",
    )


# ---- the reply's Speech row -----------------------------------------------------------------


def test_a_reply_is_recorded_as_a_speech_with_its_pause_left_out(clock):
    world = in_debate(ror_seconds=60, **KEEP_DEBATE_OPEN)
    ask_reply(world, world.china, world.france)
    clock.advance(5)
    given_at = clock.now
    decide_reply(world, world.china, grant=True)
    clock.advance(10)
    seq = interrupt_for_audibility(world, world.brazil)
    clock.advance(15)  # the microphone is fixed: the reply's clock stands still
    resolve(world, seq, "answered")
    clock.advance(2)
    points.point_speaker_resume(committee=world.committee, user=world.chair)
    clock.advance(8)
    points.reply_end(committee=world.committee, user=world.chair)

    speech = Speech.objects.get(committee=world.committee)
    assert speech.kind == Speech.Kind.REPLY
    assert speech.delegation == world.china
    assert speech.seconds == 18
    assert speech.started_at == given_at
    assert speech.ended_at == clock.now == T0 + timedelta(seconds=40)
    assert speech.session.number == 1
    ended = decode_value(last_event(world.committee).payload, ReplyEnded)
    assert ended == ReplyEnded(world.china.pk, 18)
    assert last_event(world.committee).rows == [
        {"model": "committee.speech", "pk": speech.pk, "created": True}
    ]


def test_a_reply_ended_while_a_point_holds_it_counts_only_its_running_time(clock):
    world = with_chinese_names(in_debate(**KEEP_DEBATE_OPEN))
    ask_reply(world, world.china, world.france)
    decide_reply(world, world.china, grant=True)
    clock.advance(7)
    interrupt_for_audibility(world, world.brazil)
    clock.advance(20)
    points.reply_end(committee=world.committee, user=world.chair)
    assert Speech.objects.get(committee=world.committee).seconds == 7

    # Nobody is left to resume: the log says so without a name.
    points.point_speaker_resume(committee=world.committee, user=world.chair)
    payload = last_event(world.committee).payload
    assert decode_value(payload, SpeakerResumed) == SpeakerResumed(None)
    assert sentences(world) == ("Speaker resumes after the point", "问题处理完毕，发言者继续发言")


def test_a_reply_is_recorded_once(clock):
    world = in_debate(**KEEP_DEBATE_OPEN)
    ask_reply(world, world.china, world.france)
    decide_reply(world, world.china, grant=True)
    clock.advance(12)
    points.reply_end(committee=world.committee, user=world.chair)
    with pytest.raises(ProcedureError, match="no_reply_on_floor"):
        points.reply_end(committee=world.committee, user=world.chair)
    give_floor(world, world.france)  # a speakers'-list speech is no reply
    with pytest.raises(ProcedureError, match="no_reply_on_floor"):
        points.reply_end(committee=world.committee, user=world.chair)
    assert Speech.objects.filter(committee=world.committee).count() == 1


def test_undoing_the_end_of_a_reply_takes_its_speech_back(clock):
    world = in_debate(**KEEP_DEBATE_OPEN)
    ask_reply(world, world.china, world.france)
    decide_reply(world, world.china, grant=True)
    clock.advance(12)
    points.reply_end(committee=world.committee, user=world.chair)
    assert Speech.objects.filter(committee=world.committee).exists()

    floor.floor_undo(committee=world.committee, user=world.chair)
    assert not Speech.objects.filter(committee=world.committee).exists()
    speech = doc_of(world.committee).speech
    assert speech is not None and speech.stage is SpeechStage.SPEAKING

    clock.advance(6)
    points.reply_end(committee=world.committee, user=world.chair)
    assert Speech.objects.get(committee=world.committee).seconds == 18


# ---- the Ruling row of a point of order ----------------------------------------------------------


def test_a_ruling_on_a_point_of_order_is_kept_and_undo_takes_it_back(clock):
    world = in_debate()
    seq = raise_point(world, world.china, PointKind.ORDER).point.seq
    resolve(world, seq, "well_taken")
    ruling = Ruling.objects.get(committee=world.committee)
    assert ruling.point_by == world.china
    assert (ruling.subject, ruling.decision, ruling.state) == ("order", "well_taken", "in_force")
    assert ruling.ruled_at == clock.now
    assert ruling.session.number == 1 and ruling.motion is None

    floor.floor_undo(committee=world.committee, user=world.chair)
    assert not Ruling.objects.filter(committee=world.committee).exists()
    assert [p.point.seq for p in doc_of(world.committee).points] == [seq]


def test_answering_a_point_is_no_ruling():
    world = in_debate()
    order = raise_point(world, world.china, PointKind.ORDER).point.seq
    resolve(world, order, "answered")
    inquiry = raise_point(world, world.brazil, PointKind.PARLIAMENTARY_INQUIRY).point.seq
    resolve(world, inquiry, "out_of_order")
    assert not Ruling.objects.filter(committee=world.committee).exists()
    assert last_event(world.committee).rows == []


# ---- against the demo day ----------------------------------------------------------------------


@pytest.fixture(name="morning")
def morning_fixture() -> tuple[Committee, day.DaySummary]:
    call_command("seed_demo", stdout=StringIO())
    c34 = Committee.objects.get(slug="c34")
    chair = get_user_model().objects.create_user("a-chair")
    return c34, day.play_c34_morning(c34, chair)


def test_the_replies_of_the_demo_day_are_its_reply_speeches(morning):
    c34, summary = morning
    recorded = Counter(
        (s.session.number, s.delegation.name, s.seconds)
        for s in Speech.objects.filter(committee=c34, kind=Speech.Kind.REPLY).select_related(
            "session", "delegation"
        )
    )
    expected = Counter(
        (s.session, s.delegation, s.seconds) for s in summary.speeches if s.kind == day.REPLY
    )
    assert recorded == expected
    assert expected  # the morning has a right of reply


def test_the_points_each_delegation_raised_on_the_demo_day(morning, django_assert_num_queries):
    c34, summary = morning
    with django_assert_num_queries(1):
        raised = dict(
            FloorEvent.objects.filter(
                committee=c34, kind=EventKind.POINT_RAISED, undone_by__isnull=True
            )
            .values("actor_delegation__name")
            .annotate(points=Count("pk"))
            .values_list("actor_delegation__name", "points")
        )
    expected = {
        name: row["points_raised"]
        for name, row in summary.statistics.items()
        if row["points_raised"]
    }
    assert raised == expected
    ruled = Ruling.objects.filter(committee=c34).select_related("point_by").get()
    assert (ruled.point_by.name, ruled.subject, ruled.decision) == (
        "Argentina",
        "order",
        "not_well_taken",
    )
