"""A General Assembly committee at the end of its conference, for the export bench.

`build()` writes into the database Django is set up with (`python -m bench.report_export`
gives it a throwaway one; the tests their own):

* the 193 Member States of the United Nations, named as django-countries names them in
  English and in Chinese, with their access codes (through the roster import);
* 8 sessions, each opened with a roll call (a few delegations absent, a few late), over four
  days; the last one everyone attends, as it votes on the papers;
* 2,000 speeches: the speakers' list with its yields (to the chair, to a delegate, to
  questions and answers, to comments), moderated caucuses, rights of reply;
* 300 motions, raised and seconded, some withdrawn or ruled out of order or dilatory, the
  rest put to the vote by placard or by phone in order of precedence, the first carried
  superseding the others; unmoderated caucuses and suspensions take their time;
* points raised and answered;
* 10 draft resolutions of about 10 preambular and 15 operative clauses with sub-clauses (two
  written in Chinese), written and revised, sponsored and signed to their quota, submitted,
  approved, introduced and amended (friendly amendments applied, unfriendly ones signed to
  their quota), then put to the vote in the last session: 6 adopted (2 by roll call of 193, 1
  without a vote, 1 after a divided vote), 3 rejected, 1 withdrawn by its sponsors;
* the hash-chained log of all of it: some 16,000 events.

Playing that many floor actions through the services would take many minutes, so the rows
are written here in bulk, shaped as the services shape them: the engine freezes every
electorate and decides every vote, and each event's payload is its kind's typed facts. The log
is a real one: its events are sealed with `chain.seal` in order, and their changes, played
forwards from an empty floor, give the floor stored, so `chain.verify` (the report's seal)
finds it intact. The changes cover what the floor keeps between actions (the phase, the
session, the roll call and attendance, the speaking time, the motion and point counters), not
the speakers' list or the motions on the floor, which end every session empty anyway.

The same seed gives the same committee.
"""

from __future__ import annotations

import copy
import itertools
import random
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

from django.contrib.auth import get_user_model
from django.db import models, transaction
from django.utils import timezone, translation
from django_countries import countries

from committee.document_rows import to_change
from committee.floor import encode, encode_value
from committee.log import chain
from committee.log.undo import row_created
from committee.models import (
    Amendment,
    AmendmentSupport,
    AttendanceRecord,
    Ballot,
    Committee,
    Conference,
    DaisMembership,
    Delegation,
    Document,
    DocumentVersion,
    Floor,
    FloorEvent,
    Motion,
    Question,
    Ruling,
    Session,
    Signature,
    Speech,
)
from committee.procedure.amendments import AmendmentAction, AmendmentStatus, apply_change
from committee.procedure.attendance import Attendee, DelegationKind, RollStatus
from committee.procedure.caucuses import CaucusEndReason, CaucusKind
from committee.procedure.choices import MotionCode, PointKind, RorGround, RulingSubject, YieldKind
from committee.procedure.clauses import numbering
from committee.procedure.documents import DocumentKind, DocumentStatus, quota_for
from committee.procedure.electorate import ElectorateSnapshot, VoteChoice, snapshot_electorate
from committee.procedure.facts import EventKind
from committee.procedure.facts.caucus import CaucusDelegation, CaucusEnded, CaucusSpeakerRecognised
from committee.procedure.facts.documents import (
    AmendmentFacts,
    AmendmentRef,
    AmendmentReturned,
    AmendmentSubmitted,
    DocumentFacts,
    DocumentRef,
    DocumentSubmitted,
    DocumentVersioned,
    SignatureFacts,
)
from committee.procedure.facts.motions import (
    BallotCast,
    MeetingResumed,
    MotionDecision,
    MotionRaised,
    MotionRef,
    MotionRuled,
    MotionSeconded,
    MotionValues,
    MotionVoteClosed,
    MotionVoteOpened,
    MotionWithdrawn,
)
from committee.procedure.facts.points import (
    PointFacts,
    PointResolved,
    ReplyEnded,
    ReplyFacts,
    ReplyGranted,
)
from committee.procedure.facts.session import AttendanceSet, NoFacts, RollCallClosed, SessionFacts
from committee.procedure.facts.speakers import (
    AnswerFinished,
    AnswerStarted,
    CommentStarted,
    QuestionAsked,
    SpeakerAdded,
    SpeakerCalled,
    SpeechEnded,
    YieldAnswered,
    YieldDeclared,
)
from committee.procedure.facts.voting import (
    RollCallRoundTwo,
    VoteAnnounced,
    VoteBallot,
    VoteOpened,
    VoteSubject,
    VotingProcedureEnded,
)
from committee.procedure.floor import FloorDoc, Mark
from committee.procedure.motion_registry import motion_registry
from committee.procedure.phases import Phase
from committee.procedure.points import Admission, PointOutcome
from committee.procedure.thresholds import Tally, evaluate
from committee.procedure.voting import ItemKind, decide_votes
from committee.procedure.voting_floor import CONSENSUS_THRESHOLD
from committee.procedure.voting_state import VoteMethod
from committee.resolutions.body import check_body
from committee.resolutions.layout import body_to_resolution, resolution_to_body
from committee.roster import RosterRow
from committee.services import setup

SEED = 1995
SLUG = "bench-export-ga"
DELEGATIONS = 193
SESSIONS = 8
SPEECHES = 2000
MOTIONS = 300
DRAFT_RESOLUTIONS = 10
ADOPTED = 6

# The 193 Member States of the United Nations, by ISO 3166 code.
_UN_MEMBER_CODES = (
    "AF AL DZ AD AO AG AR AM AU AT AZ BS BH BD BB BY BE BZ BJ BT BO BA BW BR BN BG BF BI CV KH "
    "CM CA CF TD CL CN CO KM CG CD CR CI HR CU CY CZ KP DK DJ DM DO EC EG SV GQ ER EE SZ ET FJ "
    "FI FR GA GM GE DE GH GR GD GT GN GW GY HT HN HU IS IN ID IR IQ IE IL IT JM JP JO KZ KE KI "
    "KW KG LA LV LB LS LR LY LI LT LU MG MW MY MV ML MT MH MR MU MX FM MD MC MN ME MA MZ MM NA "
    "NR NP NL NZ NI NE NG MK NO OM PK PW PA PG PY PE PH PL PT QA KR RO RU RW KN LC VC WS SM ST "
    "SA SN RS SC SL SG SK SI SB SO ZA SS ES LK SD SR SE CH SY TJ TH TL TG TO TT TN TR TM TV UG "
    "UA AE GB TZ US UY UZ VU VE VN YE ZM ZW"
)
UN_MEMBERS = tuple(_UN_MEMBER_CODES.split())

# When each session opens, at the earliest: four days, two sittings a day.
FIRST_DAY = date(2025, 4, 14)
SITTINGS = ((0, time(9, 0)), (0, time(15, 0)), (1, time(9, 0)), (1, time(15, 0)))
SITTINGS += ((2, time(9, 0)), (2, time(15, 0)), (3, time(9, 0)), (3, time(14, 0)))
# The share of the speeches each session hears: the last one mostly votes.
SESSION_WEIGHTS = (1.1, 1.2, 1.2, 1.2, 1.2, 1.1, 1.0, 0.5)
# Motions raised in the general run of debate (the rest: 7 adjournments, 10 introductions and
# 6 in voting procedure), by how often delegates move them.
GENERAL_MOTIONS = MOTIONS - (SESSIONS - 1) - DRAFT_RESOLUTIONS - 6
MOTION_MIX = {
    MotionCode.MODERATED_CAUCUS: 50,
    MotionCode.UNMODERATED_CAUCUS: 27,
    MotionCode.SET_SPEAKING_TIME: 9,
    MotionCode.SUSPEND_MEETING: 6,
    MotionCode.TABLE_DEBATE: 4,
    MotionCode.CLOSE_DEBATE: 4,
}
POINTS_PER_SESSION = 15
REPLIES_PER_SESSION = 4

TOPIC = "Financing for sustainable development"
TOPIC_ZH = "可持续发展筹资"

_DELETE = object()  # an op that removes a key from the floor


# ---- the texts ----------------------------------------------------------------------------------

PREAMBLE_OPENERS = (
    "Recalling",
    "Reaffirming",
    "Recognizing",
    "Deeply concerned",
    "Noting with appreciation",
    "Bearing in mind",
    "Welcoming",
    "Emphasizing",
    "Alarmed",
    "Acknowledging",
    "Convinced",
    "Guided by",
    "Taking note",
    "Stressing",
    "Aware",
)
PREAMBLE_BODIES = (
    "that the Addis Ababa Action Agenda commits Member States to mobilize resources from all "
    "sources for the 2030 Agenda for Sustainable Development, with {topic} as a shared concern",
    "that developing countries face an annual financing gap of several trillion dollars in "
    "meeting the Sustainable Development Goals, which {topic} alone cannot close",
    "the work of the Inter-agency Task Force on Financing for Development and its annual "
    "reports on progress in {topic}",
    "that the least developed countries and small island developing States are the most "
    "exposed to external shocks and the least able to borrow on fair terms",
    "that official development assistance remains below the commitment of 0.7 per cent of "
    "gross national income made by many developed countries",
    "the role of multilateral development banks in lending at scale and at long maturities "
    "to countries that markets will not serve, and their capacity to support {topic}",
    "that the debt service of many developing countries now exceeds what they spend on "
    "health and education together",
    "the initiatives of regional organizations and of South-South cooperation that have "
    "advanced {topic} in recent years",
    "that transparent, accountable and inclusive institutions are a condition for the "
    "effective use of public resources",
    "that women, young people and persons with disabilities often lack access to the most "
    "basic financial services",
    "the commitment of the international community to leave no one behind",
    "that illicit financial flows deprive developing countries of resources that could "
    "finance their development, and hinder {topic}",
    "that climate change multiplies the risks faced by vulnerable economies and raises the "
    "cost of their borrowing",
    "the importance of reliable, comparable data for measuring progress in {topic}",
    "that private investment will follow where public policy reduces risk and builds trust",
    "the outcome documents of the International Conferences on Financing for Development",
)
OPERATIVE_OPENERS = (
    "Calls upon Member States",
    "Encourages all Member States",
    "Requests the Secretary-General",
    "Urges developed countries",
    "Invites the multilateral development banks",
    "Recommends",
    "Stresses the need",
    "Decides",
    "Welcomes the efforts of Member States",
    "Further requests the Secretary-General",
    "Affirms the importance",
    "Supports",
    "Appeals to the international community",
    "Endorses the proposal",
    "Invites the International Monetary Fund",
)
OPERATIVE_BODIES = (
    "to strengthen {topic} through national financing frameworks that bring together public "
    "and private, domestic and international resources",
    "to fulfil their commitments on official development assistance and to direct at least "
    "half of it to the least developed countries",
    "to expand concessional lending and to lengthen maturities for countries facing high "
    "risk of debt distress",
    "to establish a working group on {topic} that reports to the committee at its next session",
    "to include clauses on natural disasters and pandemics in new sovereign lending, so that "
    "payments pause when a crisis strikes",
    "to cooperate in the exchange of tax information and to build the capacity of tax "
    "administrations in developing countries",
    "to reduce the cost of sending remittances to less than three per cent of the amount sent",
    "to publish, in a common format, the terms of the loans they make to and receive from "
    "other States",
    "to consider the creation of a fund dedicated to {topic} in the most vulnerable countries",
    "to integrate climate and disaster risk into public investment and budget decisions",
    "to mobilize private investment for infrastructure through guarantees, blended finance "
    "and public-private partnerships that protect the public interest",
    "to support financial inclusion through digital payment systems that are safe, "
    "affordable and open to all",
    "to combat illicit financial flows and to return stolen assets to their countries of origin",
    "to ensure that the voice of developing countries in international economic "
    "decision-making reflects their weight in the world economy",
    "to report on the implementation of the present resolution at the next session of the "
    "committee",
    "to remain actively seized of the matter",
)
SUB_ITEMS = (
    "the mobilization of domestic resources through fair and progressive taxation",
    "the sharing of best practices among regional development banks",
    "technical assistance to the ministries of finance of the least developed countries",
    "the publication of annual reports on {topic}",
    "the participation of civil society and the private sector",
    "the protection of the most vulnerable groups from the effects of fiscal adjustment",
    "the use of sustainable development goal bonds and other innovative instruments",
    "independent evaluation of the projects financed",
    "the alignment of financial flows with national development strategies",
    "partnerships with academic institutions for data collection and analysis",
    "grants rather than loans for the poorest countries",
    "early warning of debt distress based on transparent indicators",
)
SUB_SUB_ITEMS = (
    "in cooperation with the regional economic commissions",
    "with particular attention to small island developing States",
    "within existing resources",
    "on the basis of voluntary contributions",
)

PREAMBLE_OPENERS_ZH = ("回顾", "重申", "认识到", "深为关切", "赞赏地注意到", "铭记", "欢迎", "强调")
PREAMBLE_BODIES_ZH = (
    "《亚的斯亚贝巴行动议程》承诺会员国从各种来源筹集资源，以落实《2030年可持续发展议程》",
    "发展中国家在实现可持续发展目标方面每年面临数万亿美元的资金缺口",
    "最不发达国家和小岛屿发展中国家最易受到外部冲击，且最难以公平条件借款",
    "许多发达国家作出的官方发展援助占国民总收入百分之零点七的承诺尚未兑现",
    "南南合作和区域组织近年来在{topic}方面取得的进展",
    "透明、负责和包容的机构是有效使用公共资源的前提",
    "气候变化加剧了脆弱经济体面临的风险，并提高了其借款成本",
    "非法资金流动使发展中国家失去了本可用于发展的资源",
    "可靠和可比的数据对于衡量{topic}进展的重要性",
    "国际社会不让任何一个人掉队的承诺",
)
OPERATIVE_OPENERS_ZH = (
    "呼吁会员国",
    "鼓励所有会员国",
    "请秘书长",
    "敦促发达国家",
    "邀请多边开发银行",
    "建议",
    "强调必须",
    "决定",
    "欢迎会员国努力",
    "还请秘书长",
)
OPERATIVE_BODIES_ZH = (
    "通过整合公共和私营、国内和国际资源的国家筹资框架加强{topic}",
    "履行其官方发展援助承诺，并将其中至少一半用于最不发达国家",
    "为面临高度债务困境风险的国家扩大优惠贷款并延长还款期限",
    "设立{topic}问题工作组，并向委员会下届会议提出报告",
    "在新的主权贷款中列入自然灾害和大流行病条款，使危机发生时暂停还款",
    "在交换税务信息方面开展合作，并加强发展中国家税务管理部门的能力",
    "将汇款成本降至汇款金额的百分之三以下",
    "以统一格式公布其向其他国家提供和从其他国家获得的贷款条件",
    "通过担保、混合融资以及保护公共利益的公私伙伴关系调动私人投资用于基础设施",
    "通过安全、负担得起和对所有人开放的数字支付系统促进普惠金融",
    "打击非法资金流动，并将被盗资产返还原籍国",
    "向委员会下届会议报告本决议的执行情况",
)
SUB_ITEMS_ZH = (
    "通过公平和累进的税收调动国内资源",
    "区域开发银行之间分享最佳做法",
    "向最不发达国家财政部提供技术援助",
    "每年发布关于{topic}的报告",
    "民间社会和私营部门的参与",
    "保护最脆弱群体免受财政调整的影响",
    "对所资助项目进行独立评估",
    "为最贫穷国家提供赠款而非贷款",
)

DR_TITLES = (
    "Mobilizing climate finance for developing countries",
    "Debt sustainability and relief for the least developed countries",
    "Domestic resource mobilization and international tax cooperation",
    "加强南南合作，促进可持续发展筹资",
    "Blended finance and private investment in sustainable infrastructure",
    "Remittances and financial inclusion",
    "Reform of the international financial architecture",
    "数字金融与普惠金融",
    "Official development assistance commitments",
    "Illicit financial flows and the recovery of stolen assets",
)
CHINESE_PAPERS = {4, 8}  # DR numbers written in Chinese
CAUCUS_TOPICS = (
    "Debt relief for the least developed countries",
    "Climate finance and adaptation",
    "Tax cooperation and illicit financial flows",
    "Private investment in infrastructure",
    "Remittances and financial inclusion",
    "Reform of the multilateral development banks",
    "Official development assistance",
    "Blocs and working papers",
    "南南合作与三方合作",
    "Merging the working papers",
    "Data and statistics for financing",
    "Small island developing States",
)
POINT_TEXTS = (
    "Could the chair repeat the speaking time?",
    "The delegate cannot be heard at the back of the room.",
    "Is a motion to close debate in order at this time?",
    "The speaker exceeded the time allotted.",
    "请问主席工作文件的提交截止时间？",
    "",
)


@dataclass(frozen=True)
class DraftPlan:
    """What becomes of one draft resolution, from its writing to the vote."""

    number: int  # its DR number, in the order the Director approves them
    wp_first: bool  # approved as a working paper before it went forward
    method: VoteMethod | None  # None: withdrawn by its sponsors before the vote
    adopted: bool
    roll_call_motion: bool = False
    consensus_motion: bool = False
    divided: bool = False
    # (action, what becomes of it, how its vote is put when it has one)
    amendments: tuple[tuple[AmendmentAction, AmendmentStatus, VoteMethod | None], ...] = ()


_A, _S, _M = AmendmentAction, AmendmentStatus, VoteMethod
DRAFTS = (
    DraftPlan(1, False, _M.ROLL_CALL, True, roll_call_motion=True,
              amendments=((_A.MODIFY, _S.APPLIED, None),)),
    DraftPlan(2, True, _M.PHONES, True, amendments=(
        (_A.ADD, _S.APPLIED, None),
        (_A.MODIFY, _S.ADOPTED, _M.PHONES),
        (_A.ADD, _S.REJECTED, _M.PLACARDS),
    )),
    DraftPlan(3, False, _M.PLACARDS, True, divided=True,
              amendments=((_A.MODIFY, _S.RETURNED, None),)),
    DraftPlan(4, False, _M.CONSENSUS, True, consensus_motion=True,
              amendments=((_A.MODIFY, _S.APPLIED, None),)),
    DraftPlan(5, True, _M.ROLL_CALL, True, roll_call_motion=True, amendments=(
        (_A.STRIKE, _S.REJECTED, _M.PHONES),
        (_A.ADD, _S.APPLIED, None),
    )),
    DraftPlan(6, False, _M.PHONES, True, amendments=((_A.MODIFY, _S.WITHDRAWN, None),)),
    DraftPlan(7, True, _M.ROLL_CALL, False, roll_call_motion=True,
              amendments=((_A.MODIFY, _S.ADOPTED, _M.PLACARDS),)),
    DraftPlan(8, False, _M.PHONES, False),
    DraftPlan(9, True, _M.PLACARDS, False, amendments=((_A.ADD, _S.REJECTED, _M.PLACARDS),)),
    DraftPlan(10, False, None, False),
)  # fmt: skip


# ---- the log ------------------------------------------------------------------------------------


@dataclass
class PendingEvent:
    at: datetime
    order: int
    kind: EventKind
    payload: Any  # the kind's facts
    session: Session | None
    user: Any = None
    delegation_id: int | None = None
    # What the action did to the floor: (path, the new value or _DELETE), played in seq order.
    ops: list[tuple[tuple[str, ...], Any]] = field(default_factory=list)
    made: list[models.Model] = field(default_factory=list)  # rows written (undo's "rows")
    undoable: bool = True
    about_documents: bool = False


class Log:
    """Events collected in any order, written in the order they happened, chained."""

    def __init__(self) -> None:
        self.events: list[PendingEvent] = []
        self._order = itertools.count()
        # The committee's first event starts its floor from nothing, as the first floor
        # action's change does: every key of the floor of session 1 is new.
        first = encode(FloorDoc(session_number=1))
        self.start: list[tuple[tuple[str, ...], Any]] = [((key,), v) for key, v in first.items()]

    def add(self, at: datetime, kind: EventKind, payload: Any, **fields: Any) -> PendingEvent:
        event = PendingEvent(at, next(self._order), kind, payload, **fields)
        self.events.append(event)
        return event

    def write(self, committee: Committee) -> Floor:
        """Seal the events in order, store them and the floor their changes lead to."""
        state: dict[str, Any] = {}
        previous = chain.GENESIS
        documents_seq = 0
        rows = []
        ordered = sorted(self.events, key=lambda event: (event.at, event.order))
        for seq, pending in enumerate(ordered, start=1):
            ops = self.start + pending.ops if seq == 1 else pending.ops
            event = FloorEvent(
                committee=committee,
                session=pending.session,
                seq=seq,
                kind=pending.kind.value,
                payload=encode_value(pending.payload),
                change=_play(state, ops),
                rows=[row_created(row) for row in pending.made],
                actor_user=pending.user,
                actor_delegation_id=pending.delegation_id,
                undoable=pending.undoable,
                created_at=pending.at,
            )
            chain.seal(event, previous)
            previous = event.hash
            if pending.about_documents:
                documents_seq = seq
            rows.append(event)
        FloorEvent.objects.bulk_create(rows, batch_size=1000)
        return Floor.objects.create(
            committee=committee,
            state=state,
            seq=len(rows),
            last_hash=previous,
            documents_seq=documents_seq,
        )


def _play(state: dict[str, Any], ops: list[tuple[tuple[str, ...], Any]]) -> list[dict[str, Any]]:
    """Apply the ops to the floor; the change steps they make, as `change.diff` words them."""
    steps = []
    for path, value in ops:
        container = state
        for key in path[:-1]:
            container = container[key]
        last = path[-1]
        step: dict[str, Any] = {"path": list(path)}
        if last in container:
            if value is not _DELETE and container[last] == value:
                continue
            step["old"] = copy.deepcopy(container[last])
        elif value is _DELETE:
            continue
        if value is _DELETE:
            del container[last]
        else:
            step["new"] = copy.deepcopy(value)
            container[last] = copy.deepcopy(value)
        steps.append(step)
    return steps


# ---- the builder --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Built:
    committee: Committee
    counts: dict[str, int]


def build(*, seed: int = SEED, slug: str = SLUG) -> Built:
    """Write the committee and its whole record; what was written, counted."""
    with transaction.atomic():
        builder = _Builder(random.Random(seed), slug)
        builder.run()
        # Nobody watches: the roster import's pushes after commit are dropped.
        transaction.get_connection().run_on_commit.clear()
    return Built(builder.committee, builder.counts())


class _Builder:
    def __init__(self, rng: random.Random, slug: str) -> None:
        self.rng = rng
        self.log = Log()
        self.tz = timezone.get_default_timezone()
        self.committee = self._committee(slug)
        self.params = self.committee.parameters()
        self.registry = motion_registry(self.params)
        self.topic = self.committee.topics.get(number=1)
        self.delegations = self._roster()
        self.members = len(self.delegations)
        self.chair, self.director = self._dais()
        # Some delegations speak far more than others.
        eager = list(self.delegations)
        rng.shuffle(eager)
        self.eagerness = {d.pk: 1 / (rank + 3) ** 0.7 for rank, d in enumerate(eager, start=1)}
        # The chair arrives before the first sitting.
        self.now = datetime.combine(FIRST_DAY, time(8, 0), tzinfo=self.tz)
        self.session: Session | None = None
        self.marks: dict[int, Mark] = {}
        self.speech_budget = SPEECHES
        self.speeches: list[Speech] = []
        self.motions: list[Motion] = []
        self.co_movers: list[tuple[Motion, int]] = []
        self.rulings: list[Ruling] = []
        self.questions: list[Question] = []
        self.ballots: list[Ballot] = []
        self.attendance: list[AttendanceRecord] = []
        self.motion_number = 1
        self.point_number = 1
        self.speaking_time = self.params.gsl_speaking_time
        self.last_speaker: int | None = None
        self.drafts: dict[int, _Draft] = {}
        self.dr_numbers = itertools.count(1)
        self.wp_numbers = itertools.count(1)
        self.resolution_numbers = itertools.count(1)

    # ---- who ----

    def _committee(self, slug: str) -> Committee:
        conference = Conference.objects.create(
            name="Bench Model United Nations Conference",
            name_zh="基准模拟联合国大会",
            slug=f"{slug}-conference",
            starts_on=FIRST_DAY,
            ends_on=FIRST_DAY + timedelta(days=3),
        )
        committee = Committee(
            conference=conference,
            name="General Assembly Second Committee",
            name_zh="大会第二委员会",
            acronym="GA2",
            slug=slug,
        )
        return setup.committee_save(committee=committee, topic_title=TOPIC, topic_title_zh=TOPIC_ZH)

    def _roster(self) -> list[Delegation]:
        with translation.override("en"):
            names = {code: str(countries.name(code)) for code in UN_MEMBERS}
        with translation.override("zh-hans"):
            names_zh = {code: str(countries.name(code)) for code in UN_MEMBERS}
        rows = [
            RosterRow(
                line=line,
                name=names[code],
                iso_code=code,
                kind=Delegation.Kind.MEMBER,
                name_zh=names_zh[code],
                sort_key=names[code],
            )
            for line, code in enumerate(UN_MEMBERS, start=2)
        ]
        setup.roster_import(committee=self.committee, rows=rows)
        return list(self.committee.delegations.order_by("sort_key", "name"))

    def _dais(self) -> tuple[Any, Any]:
        people = {}
        for role, first, last in (
            (DaisMembership.Role.CHAIR, "Lin", "Wei"),
            (DaisMembership.Role.CO_CHAIR, "Amara", "Okafor"),
            (DaisMembership.Role.RAPPORTEUR, "Sofia", "Lindqvist"),
            (DaisMembership.Role.DIRECTOR, "Chen", "Yutong"),
        ):
            user = get_user_model().objects.create_user(
                username=f"{self.committee.slug}-{role}", first_name=first, last_name=last
            )
            DaisMembership.objects.create(user=user, committee=self.committee, role=role)
            people[role] = user
        return people[DaisMembership.Role.CHAIR], people[DaisMembership.Role.DIRECTOR]

    def present(self) -> list[int]:
        return [
            pk
            for pk, mark in self.marks.items()
            if mark.status is not RollStatus.ABSENT and (mark.since or self.now) <= self.now
        ]

    def speaker(self, *, besides: Iterable[int] = ()) -> int:
        excluded = set(besides)
        candidates = [pk for pk in self.present() if pk not in excluded]
        weights = [self.eagerness[pk] for pk in candidates]
        return self.rng.choices(candidates, weights)[0]

    def attendees(self) -> list[Attendee]:
        return [
            Attendee(str(pk), DelegationKind.MEMBER, mark.status, mark.since)
            for pk, mark in self.marks.items()
            if (mark.since or self.now) <= self.now
        ]

    # ---- time and the log ----

    def wait(self, low: float, high: float | None = None) -> datetime:
        seconds = low if high is None else self.rng.uniform(low, high)
        self.now += timedelta(seconds=round(seconds))
        return self.now

    def event(self, kind: EventKind, payload: Any, **fields: Any) -> PendingEvent:
        fields.setdefault("session", self.session)
        at = fields.pop("at", self.now)
        return self.log.add(at, kind, payload, **fields)

    def by_chair(self, kind: EventKind, payload: Any, **fields: Any) -> PendingEvent:
        return self.event(kind, payload, user=self.chair, **fields)

    def by(self, delegation: int, kind: EventKind, payload: Any, **fields: Any) -> PendingEvent:
        return self.event(kind, payload, delegation_id=delegation, **fields)

    # ---- the conference ----

    def run(self) -> None:
        weights = sum(SESSION_WEIGHTS)
        quotas = [round(SPEECHES * w / weights) for w in SESSION_WEIGHTS]
        quotas[-1] = SPEECHES - sum(quotas[:-1])
        general = [round(GENERAL_MOTIONS * w / weights) for w in SESSION_WEIGHTS]
        general[-1] = GENERAL_MOTIONS - sum(general[:-1])
        steps = self._paper_steps()
        for number in range(1, SESSIONS + 1):
            self.sitting(number, quotas[number - 1], general[number - 1], steps.get(number, []))
        self._write_rows()

    def sitting(
        self,
        number: int,
        speeches: int,
        motions: int,
        steps: list[tuple[float, Callable[[], None]]],
    ) -> None:
        day, at = SITTINGS[number - 1]
        opens = datetime.combine(FIRST_DAY + timedelta(days=day), at, tzinfo=self.tz)
        self.now = max(opens, self.now + timedelta(minutes=45))
        self.open_session(number)
        rounds = _split(motions, self.rng)
        quota_left = min(speeches, self.speech_budget)
        target = self.speech_budget - quota_left
        points = sorted(self.rng.sample(range(quota_left), min(POINTS_PER_SESSION, quota_left)))
        replies = set(self.rng.sample(range(quota_left), min(REPLIES_PER_SESSION, quota_left)))
        round_at = [int(quota_left * (i + 0.5) / max(len(rounds), 1)) for i in range(len(rounds))]
        steps = sorted(steps, key=lambda step: step[0])
        done = 0
        while self.speech_budget > target or rounds:
            done = quota_left - (self.speech_budget - target)
            while steps and steps[0][0] * quota_left <= done:
                steps.pop(0)[1]()
            if rounds and (round_at[0] <= done or self.speech_budget <= target):
                round_at.pop(0)
                self.motion_round(rounds.pop(0), speech_floor=target)
                continue
            if points and points[0] <= done:
                points.pop(0)
                self.point()
            if done in replies and self.last_speaker is not None:
                replies.discard(done)
                self.reply(speech_floor=target)
                continue
            self.gsl_speech(speech_floor=target)
        for _at, step in steps:
            step()
        if number == SESSIONS:
            self.voting_procedure()
            self.wait(60, 120)
            self.by_chair(EventKind.SESSION_CLOSED, SessionFacts(number), ops=_CLOSING)
            self.close_session()
        else:
            self.adjourn()

    def open_session(self, number: int) -> None:
        self.session = Session.objects.create(
            committee=self.committee, number=number, opened_at=self.now
        )
        self.motion_number = self.point_number = 1
        self.last_speaker = None
        resets = [((key,), value) for key, value in _SESSION_RESETS.items()]
        resets += [(("attendance", str(pk)), _DELETE) for pk in self.marks]
        self.by_chair(
            EventKind.SESSION_OPENED,
            SessionFacts(number),
            ops=[(("session_number",), number), *resets],
        )
        self.marks = {}
        self.wait(30, 90)
        self.by_chair(
            EventKind.ROLL_CALL_STARTED,
            NoFacts(),
            ops=[(("phase",), Phase.ROLL_CALL.value), (("roll_call_open",), True)],
        )
        last = number == SESSIONS
        late = []
        for delegation in self.delegations:
            draw = self.rng.random()
            if not last and draw < 0.04:
                self.marks[delegation.pk] = Mark(RollStatus.ABSENT)
                continue
            status = RollStatus.PRESENT_AND_VOTING if draw > 0.72 else RollStatus.PRESENT
            if draw < (0.06 if last else 0.08):
                late.append((delegation.pk, status))
                continue
            self.wait(2, 6)
            self.mark(delegation.pk, status, by_phone=self.rng.random() < 0.4)
        self.wait(20, 40)
        present = len(self.present())
        self.by_chair(
            EventKind.ROLL_CALL_CLOSED,
            RollCallClosed(present),
            ops=[(("phase",), Phase.GSL.value), (("roll_call_open",), False)],
        )
        for pk, status in late:
            # Arrives while debate is under way (before the doors close in the last session).
            arrives = self.now + timedelta(minutes=self.rng.uniform(5, 25 if last else 70))
            self.marks[pk] = Mark(status, arrives)
            self.by_chair(
                EventKind.ATTENDANCE_MARKED,
                AttendanceSet(pk, status),
                at=arrives,
                ops=[(("attendance", str(pk)), encode_value(Mark(status, arrives)))],
            )

    def mark(self, pk: int, status: RollStatus, *, by_phone: bool) -> None:
        self.marks[pk] = Mark(status, self.now)
        facts = AttendanceSet(pk, status)
        ops = [(("attendance", str(pk)), encode_value(self.marks[pk]))]
        if by_phone:
            self.by(pk, EventKind.ATTENDANCE_ANSWERED, facts, ops=ops)
        else:
            self.by_chair(EventKind.ATTENDANCE_MARKED, facts, ops=ops)

    def close_session(self) -> None:
        assert self.session is not None
        self.session.closed_at = self.now
        self.session.save(update_fields=["closed_at"])
        for delegation in self.delegations:
            mark = self.marks.get(delegation.pk, Mark())
            self.attendance.append(
                AttendanceRecord(
                    session=self.session,
                    delegation=delegation,
                    status=mark.status.value,
                    since=mark.since,
                )
            )

    # ---- speeches ----

    def speech(
        self,
        delegation: int,
        kind: str,
        seconds: int,
        *,
        speech_floor: int,
        yielded_to: str = "",
        to: int | None = None,
    ) -> Speech | None:
        """A turn at the microphone, if the session's speeches are not all heard yet."""
        if self.speech_budget <= speech_floor:
            return None
        self.speech_budget -= 1
        started = self.now
        ended = self.wait(seconds + self.rng.randint(0, 4))
        row = Speech(
            committee=self.committee,
            session=self.session,
            delegation_id=delegation,
            kind=kind,
            started_at=started,
            ended_at=ended,
            seconds=seconds,
            yielded_to=yielded_to,
            yielded_to_delegation_id=to,
        )
        self.speeches.append(row)
        return row

    def gsl_speech(self, *, speech_floor: int) -> None:
        speaker = self.speaker(besides=[self.last_speaker] if self.last_speaker else [])
        listed = self.now - timedelta(minutes=self.rng.uniform(2, 40))
        self.by_chair(
            EventKind.GSL_SPEAKER_ADDED,
            SpeakerAdded(speaker, self.rng.randint(1, 12)),
            at=max(listed, self.session.opened_at + timedelta(minutes=3)),
        )
        self.wait(3, 10)
        self.by_chair(
            EventKind.GSL_SPEAKER_CALLED,
            SpeakerCalled(speaker, self.speaking_time, finished=self.last_speaker),
        )
        self.last_speaker = speaker
        spoken = min(self.speaking_time, max(20, round(self.rng.gauss(0.8, 0.15) * 90)))
        left = self.speaking_time - spoken
        draw = self.rng.random()
        if left < 15 or draw < 0.5:
            how = YieldKind.CHAIR
        elif draw < 0.65:
            how = YieldKind.DELEGATE
        elif draw < 0.85:
            how = YieldKind.QUESTIONS
        else:
            how = YieldKind.COMMENTS
        target = self.speaker(besides=[speaker]) if how is YieldKind.DELEGATE else None
        row = self.speech(
            speaker, Speech.Kind.GSL, spoken, speech_floor=speech_floor, yielded_to=how, to=target
        )
        if row is None:
            return
        self.by(speaker, EventKind.GSL_YIELD, YieldDeclared(speaker, how, target), made=[row])
        if how is YieldKind.DELEGATE and target is not None:
            self.wait(3, 8)
            self.by(target, EventKind.GSL_YIELD_ANSWERED, YieldAnswered(target, speaker, True))
            given = self.speech(target, Speech.Kind.YIELDED, left, speech_floor=speech_floor)
            if given is not None:
                self.by_chair(EventKind.GSL_SPEECH_ENDED, SpeechEnded(target), made=[given])
        elif how is YieldKind.QUESTIONS:
            for number in range(1, self.rng.choice((1, 2, 2, 3)) + 1):
                asker = self.speaker(besides=[speaker])
                self.wait(3, 10)
                self.by_chair(EventKind.GSL_QUESTION, QuestionAsked(asker, speaker, number))
                asked = self.speech(
                    asker, Speech.Kind.QUESTION, self.rng.randint(8, 25), speech_floor=speech_floor
                )
                self.by_chair(EventKind.GSL_ANSWER_STARTED, AnswerStarted(speaker))
                answer = self.speech(
                    speaker, Speech.Kind.ANSWER, self.rng.randint(10, 40), speech_floor=speech_floor
                )
                made = [row for row in (asked, answer) if row is not None]
                self.by_chair(EventKind.GSL_ANSWER_FINISHED, AnswerFinished(speaker), made=made)
        elif how is YieldKind.COMMENTS:
            for number in range(1, self.rng.randint(1, self.params.max_comments) + 1):
                commenter = self.speaker(besides=[speaker])
                self.wait(3, 8)
                seconds = self.params.comment_seconds
                comment = self.speech(
                    commenter,
                    Speech.Kind.COMMENT,
                    self.rng.randint(15, seconds),
                    speech_floor=speech_floor,
                )
                self.by_chair(
                    EventKind.GSL_COMMENT,
                    CommentStarted(commenter, speaker, number, seconds),
                    made=[comment] if comment is not None else [],
                )

    def reply(self, *, speech_floor: int) -> None:
        """A right of reply against the last speaker, granted and heard."""
        against = self.last_speaker
        assert against is not None
        replier = self.speaker(besides=[against])
        seconds = self.params.ror_seconds
        ground = self.rng.choice((RorGround.NATIONAL_INTEGRITY, RorGround.POLICY_DISAGREEMENT))
        self.wait(5, 20)
        asked = ReplyFacts(replier, against, ground, seconds)
        self.by(replier, EventKind.REPLY_REQUESTED, asked)
        self.wait(10, 30)
        if ground is RorGround.POLICY_DISAGREEMENT:
            self.by_chair(EventKind.REPLY_REFUSED, asked)
            return
        self.by_chair(
            EventKind.REPLY_GRANTED, ReplyGranted(replier, against, ground, seconds, True)
        )
        row = self.speech(
            replier, Speech.Kind.REPLY, self.rng.randint(20, seconds), speech_floor=speech_floor
        )
        if row is not None:
            self.by_chair(EventKind.REPLY_ENDED, ReplyEnded(replier, row.seconds), made=[row])

    def point(self) -> None:
        raiser = self.speaker()
        kind = self.rng.choice(
            (
                PointKind.PARLIAMENTARY_INQUIRY,
                PointKind.PARLIAMENTARY_INQUIRY,
                PointKind.ORDER,
                PointKind.INFORMATION_TO_CHAIR,
                PointKind.PERSONAL_PRIVILEGE,
            )
        )
        facts = PointFacts(
            self.point_number,
            raiser,
            kind,
            Admission.QUEUED if kind is not PointKind.PERSONAL_PRIVILEGE else Admission.INTERRUPT,
            audibility=kind is PointKind.PERSONAL_PRIVILEGE,
            text=self.rng.choice(POINT_TEXTS),
        )
        self.point_number += 1
        self.wait(2, 10)
        self.by(
            raiser,
            EventKind.POINT_RAISED,
            facts,
            ops=[(("next_point_number",), self.point_number)],
        )
        self.wait(10, 40)
        outcome = PointOutcome.ANSWERED
        if kind is PointKind.ORDER:
            outcome = self.rng.choice((PointOutcome.WELL_TAKEN, PointOutcome.NOT_WELL_TAKEN))
        self.by_chair(EventKind.POINT_RESOLVED, PointResolved(facts, outcome))

    # ---- motions ----

    def motion_round(self, count: int, *, speech_floor: int) -> None:
        """Motions raised together, then dealt with in order of precedence: the first one
        carried supersedes those not voted yet."""
        codes = self.rng.choices(list(MOTION_MIX), list(MOTION_MIX.values()), k=count)
        raised = [self.raise_motion(code) for code in codes]
        to_vote = []
        for motion in raised:
            draw = self.rng.random()
            self.wait(5, 20)
            if draw < 0.07:
                self.withdraw(motion)
            elif draw < 0.12:
                self.rule(motion, MotionDecision.OUT_OF_ORDER)
            elif draw < 0.15:
                self.rule(motion, MotionDecision.DILATORY)
            else:
                to_vote.append(motion)
        rank = {code: index for index, code in enumerate(self.params.motion_precedence)}
        to_vote.sort(key=lambda motion: (rank[MotionCode(motion.code)], motion.raised_at))
        for index, motion in enumerate(to_vote):
            # Closure and tabling need two thirds: before the last session they fail.
            closing = MotionCode(motion.code) in (MotionCode.TABLE_DEBATE, MotionCode.CLOSE_DEBATE)
            leaning = self.rng.uniform(0.2, 0.45) if closing else self.rng.uniform(0.35, 0.8)
            waiting = to_vote[index + 1 :]
            if self.vote_motion(motion, leaning, superseding=waiting):
                for other in waiting:
                    other.status = "superseded"
                    other.decided_at = self.now
                self.carry_out(motion, speech_floor=speech_floor)
                return

    def raise_motion(
        self,
        code: MotionCode,
        *,
        values: MotionValues | None = None,
        mover: int | None = None,
        papers: tuple[DocumentRef, ...] = (),
    ) -> Motion:
        mover = mover if mover is not None else self.speaker()
        values = values or self._values(code)
        floor_id = f"s{self.session.number}m{self.motion_number}"
        self.motion_number += 1
        self.wait(10, 30)
        fields = {
            name: list(value) if isinstance(value, tuple) else value
            for name, value in encode_value(values).items()
            if value not in (None, "", [], ())
        }
        row = Motion(
            committee=self.committee,
            session=self.session,
            floor_id=floor_id,
            code=code.value,
            mover_id=mover,
            fields=fields,
            status="pending",
            raised_at=self.now,
        )
        self.motions.append(row)
        movers = (mover,)
        if self.rng.random() < 0.05 and code is not MotionCode.ADJOURN_MEETING:
            co_mover = self.speaker(besides=[mover])
            self.co_movers.append((row, co_mover))
            movers = (mover, co_mover)
        self.by(
            mover,
            EventKind.MOTION_RAISED,
            MotionRaised(floor_id, code, movers, values, papers=papers),
            ops=[(("next_motion_number",), self.motion_number)],
            made=[row],
        )
        if self.registry[code].needs_second:
            seconder = self.speaker(besides=movers)
            self.wait(3, 10)
            row.seconder_id = seconder
            self.by(seconder, EventKind.MOTION_SECONDED, MotionSeconded(floor_id, code, seconder))
        return row

    def _values(self, code: MotionCode) -> MotionValues:
        if code is MotionCode.MODERATED_CAUCUS:
            return MotionValues(
                total_seconds=self.rng.choice((600, 900, 1200)),
                speaker_seconds=self.rng.choice((30, 45, 60, 60, 90)),
                topic=self.rng.choice(CAUCUS_TOPICS),
            )
        if code is MotionCode.UNMODERATED_CAUCUS:
            return MotionValues(
                total_seconds=self.rng.choice((600, 900, 1200)),
                topic=self.rng.choice(CAUCUS_TOPICS),
            )
        if code is MotionCode.SET_SPEAKING_TIME:
            choices = [s for s in (45, 60, 75, 90, 120) if s != self.speaking_time]
            return MotionValues(speaker_seconds=self.rng.choice(choices))
        return MotionValues()

    def withdraw(self, motion: Motion) -> None:
        motion.status = "withdrawn"
        motion.decided_at = self.now
        code = MotionCode(motion.code)
        self.by(
            motion.mover_id,
            EventKind.MOTION_WITHDRAWN,
            MotionWithdrawn(motion.floor_id, code, (motion.mover_id,)),
        )

    def rule(self, motion: Motion, decision: MotionDecision) -> None:
        code = MotionCode(motion.code)
        spec = self.registry[code]
        ruling_id = f"s{self.session.number}r{self.motion_number}"
        self.motion_number += 1
        subject = spec.ruling_subject
        if decision is MotionDecision.DILATORY:
            subject = (
                RulingSubject.DILATORY_CAUCUS if spec.is_caucus else RulingSubject.DILATORY_MOTION
            )
        motion.status = decision.value
        motion.decided_at = self.now
        row = Ruling(
            committee=self.committee,
            session=self.session,
            motion=motion,
            subject=subject.value,
            decision=decision.value,
            state="in_force",
            ruled_at=self.now,
        )
        self.rulings.append(row)
        self.by_chair(
            EventKind.MOTION_RULED,
            MotionRuled(motion.floor_id, code, ruling_id, decision, appealable=spec.appealable),
            ops=[(("next_motion_number",), self.motion_number)],
            made=[row],
        )

    def vote_motion(
        self, motion: Motion, leaning: float, *, superseding: Sequence[Motion] = ()
    ) -> bool:
        """Put a motion to a procedural vote by placard or by phone; whether it carried."""
        code = MotionCode(motion.code)
        by_phone = self.rng.random() < 0.25
        snapshot = snapshot_electorate(
            self.params, self.members, self.attendees(), substantive=False, now=self.wait(10, 30)
        )
        question = Question(
            committee=self.committee,
            session=self.session,
            motion=motion,
            method=Question.Method.PHONES if by_phone else Question.Method.PLACARDS,
            opened_at=self.now,
            electorate=encode_value(snapshot),
        )
        self.questions.append(question)
        motion.status = "voting"
        self.by_chair(
            EventKind.MOTION_VOTE_OPENED,
            MotionVoteOpened(motion.floor_id, code, by_phone, snapshot.size),
            made=[question],
            undoable=False,
        )
        if by_phone:
            yes, no = self.phone_ballots(question, snapshot, motion, leaning)
        else:
            self.wait(20, 45)
            yes = round(snapshot.size * leaning * self.rng.uniform(0.9, 1.0))
            no = max(0, snapshot.size - yes - self.rng.randint(0, 6))
        tally = Tally(yes, no, 0, snapshot.size - yes - no)
        threshold = self.registry[code].threshold
        assert threshold is not None
        outcome = evaluate(
            threshold,
            tally,
            present=snapshot.size,
            membership=self.members,
            rounding=self.params.two_thirds_rounding,
        )
        question.closed_at = self.wait(5, 15)
        question.yes, question.no, question.passed = yes, no, outcome.passed
        motion.status = "carried" if outcome.passed else "failed"
        motion.decided_at = self.now
        superseded = tuple(MotionRef(m.floor_id, MotionCode(m.code)) for m in superseding)
        self.by_chair(
            EventKind.MOTION_VOTE_CLOSED,
            MotionVoteClosed(
                motion.floor_id,
                code,
                (motion.mover_id,),
                by_phone,
                yes,
                no,
                tally.not_voting,
                outcome.passed,
                outcome.verdict,
                outcome.required_yes,
                outcome.base_size,
                superseded=superseded if outcome.passed else (),
            ),
            ops=self._effect_ops(code) if outcome.passed else [],
            undoable=False,
        )
        return outcome.passed

    def phone_ballots(
        self, question: Question, snapshot: ElectorateSnapshot, motion: Motion, leaning: float
    ) -> tuple[int, int]:
        code = MotionCode(motion.code)
        opened = self.now
        counts: Counter[str] = Counter()
        for voter in snapshot.voters:
            if self.rng.random() < 0.04:
                continue
            choice = VoteChoice.YES if self.rng.random() < leaning else VoteChoice.NO
            by_dais = self.rng.random() < 0.03
            cast = opened + timedelta(seconds=self.rng.uniform(3, 50))
            pk = int(voter.delegation_id)
            ballot = Ballot(
                question=question,
                delegation_id=pk,
                choice=choice.value,
                entered_by_dais=by_dais,
                cast_at=cast,
            )
            self.ballots.append(ballot)
            counts[choice.value] += 1
            facts = BallotCast(motion.floor_id, code, pk, choice, entered_by_dais=by_dais)
            kind = EventKind.MOTION_BALLOT_ENTERED if by_dais else EventKind.MOTION_BALLOT_CAST
            who = {"user": self.chair} if by_dais else {"delegation_id": pk}
            self.event(kind, facts, at=cast, made=[ballot], undoable=False, **who)
        self.wait(55, 70)
        return counts["yes"], counts["no"]

    def _effect_ops(self, code: MotionCode) -> list[tuple[tuple[str, ...], Any]]:
        phase = {
            MotionCode.MODERATED_CAUCUS: Phase.MOD_CAUCUS,
            MotionCode.UNMODERATED_CAUCUS: Phase.UNMOD_CAUCUS,
            MotionCode.SUSPEND_MEETING: Phase.SUSPENDED,
            MotionCode.CLOSE_DEBATE: Phase.VOTING_PROCEDURE,
        }.get(code)
        if code is MotionCode.ADJOURN_MEETING:
            return list(_CLOSING)
        return [(("phase",), phase.value)] if phase is not None else []

    def carry_out(self, motion: Motion, *, speech_floor: int) -> None:
        code = MotionCode(motion.code)
        fields = motion.fields
        if code is MotionCode.SET_SPEAKING_TIME:
            self.speaking_time = fields["speaker_seconds"]
            # Folded into the vote's own change: the floor keeps the new time from then on.
            self.log.events[-1].ops.append((("speaking_time",), self.speaking_time))
        elif code is MotionCode.MODERATED_CAUCUS:
            self.moderated_caucus(motion, speech_floor=speech_floor)
        elif code is MotionCode.UNMODERATED_CAUCUS:
            self.wait(fields["total_seconds"])
            self.caucus_ended(motion, CaucusKind.UNMODERATED)
        elif code is MotionCode.SUSPEND_MEETING:
            self.wait(600, 1200)
            self.by_chair(
                EventKind.MEETING_RESUMED,
                MeetingResumed(Phase.GSL),
                ops=[(("phase",), Phase.GSL.value)],
            )

    def moderated_caucus(self, motion: Motion, *, speech_floor: int) -> None:
        total, slot = motion.fields["total_seconds"], motion.fields["speaker_seconds"]
        used = 0
        while used + slot <= total and self.speech_budget > speech_floor:
            speaker = self.speaker()
            self.wait(3, 12)
            self.by_chair(
                EventKind.CAUCUS_SPEAKER_RECOGNISED, CaucusSpeakerRecognised(speaker, slot)
            )
            seconds = max(10, min(slot, round(slot * self.rng.uniform(0.7, 1.0))))
            row = self.speech(speaker, Speech.Kind.CAUCUS, seconds, speech_floor=speech_floor)
            assert row is not None
            self.by_chair(EventKind.CAUCUS_SLOT_ENDED, CaucusDelegation(speaker), made=[row])
            used += slot
        self.caucus_ended(motion, CaucusKind.MODERATED)

    def caucus_ended(self, motion: Motion, kind: CaucusKind) -> None:
        self.by_chair(
            EventKind.CAUCUS_ENDED,
            CaucusEnded(
                kind,
                motion.fields.get("topic", ""),
                motion.mover_id,
                CaucusEndReason.TIME_UP,
                self.now,
            ),
            ops=[(("phase",), Phase.GSL.value)],
        )

    def adjourn(self) -> None:
        motion = self.raise_motion(MotionCode.ADJOURN_MEETING)
        carried = self.vote_motion(motion, 0.9)
        assert carried, "the meeting must adjourn"
        self.close_session()

    # ---- papers ----

    def _paper_steps(self) -> dict[int, list[tuple[float, Callable[[], None]]]]:
        """Each paper's steps, by the session and the point of it when they happen."""
        steps: dict[int, list[tuple[float, Callable[[], None]]]] = {}

        def at(session: int, when: float, step: Callable[[], None]) -> None:
            steps.setdefault(session, []).append((when, step))

        sponsors = self.rng.sample([d.pk for d in self.delegations], 3 * DRAFT_RESOLUTIONS)
        for index, plan in enumerate(DRAFTS):
            draft = _Draft(plan, sponsors[3 * index : 3 * index + self.rng.randint(2, 3)])
            self.drafts[plan.number] = draft
            written = 2 + index // 4
            introduced = 5 + index * 3 // 10
            at(written, 0.1 + 0.2 * (index % 4), lambda d=draft: self.write_paper(d))
            at(written, 0.3 + 0.2 * (index % 4), lambda d=draft: self.revise_paper(d))
            at(written + 1, 0.1 + 0.2 * (index % 4), lambda d=draft: self.submit_paper(d))
            at(written + 1, 0.2 + 0.2 * (index % 4), lambda d=draft: self.approve_paper(d))
            at(introduced, 0.05 + 0.08 * (index % 4), lambda d=draft: self.introduce_paper(d))
            for number, (action, becomes, _method) in enumerate(plan.amendments, start=1):
                when = min(0.9, 0.4 + 0.1 * (index % 4) + 0.1 * number)
                at(
                    introduced,
                    when,
                    lambda d=draft, n=number, a=action, b=becomes: self.amend(d, n, a, b),
                )
            if plan.method is None:
                at(SESSIONS - 1, 0.85, lambda d=draft: self.withdraw_paper(d))
        return steps

    def ref(self, draft: _Draft) -> DocumentRef:
        document = draft.document
        kind = DocumentKind(document.kind)
        number = document.wp_number if kind is DocumentKind.WORKING_PAPER else document.dr_number
        return DocumentRef(document.pk, kind, self.topic.number, number)

    def paper_event(self, kind: EventKind, payload: Any, offset: float, **fields: Any) -> None:
        at = self.now + timedelta(seconds=round(offset))
        self.event(kind, payload, at=at, about_documents=True, **fields)

    def new_version(self, draft: _Draft, body: dict[str, Any], **fields: Any) -> None:
        document = draft.document
        document.version += 1
        document.save(update_fields=["version"])
        DocumentVersion.objects.create(
            document=document, number=document.version, body=body, created_at=self.now, **fields
        )
        draft.body = body

    def write_paper(self, draft: _Draft) -> None:
        plan = draft.plan
        chinese = plan.number in CHINESE_PAPERS
        kind = DocumentKind.WORKING_PAPER if plan.wp_first else DocumentKind.DRAFT_RESOLUTION
        draft.document = Document.objects.create(
            committee=self.committee,
            topic=self.topic,
            kind=kind.value,
            status=DocumentStatus.DRAFT.value,
            title=DR_TITLES[plan.number - 1],
            author_id=draft.author,
            created_at=self.now,
        )
        body = check_body(_paper_text(self.rng, chinese=chinese))
        draft.taken = _clause_ids(body)
        self.new_version(
            draft, body, source=DocumentVersion.Source.WRITTEN, author_delegation_id=draft.author
        )
        self.paper_event(
            EventKind.DOCUMENT_CREATED,
            DocumentFacts(self.ref(draft), draft.author),
            0,
            delegation_id=draft.author,
        )
        Signature.objects.create(
            document=draft.document,
            delegation_id=draft.author,
            role=Signature.Role.SPONSOR,
            signed_at=self.now,
        )
        for offset, sponsor in enumerate(draft.sponsors[1:], start=1):
            self.invite(draft, sponsor, sponsor=True, offset=60 * offset)

    def invite(self, draft: _Draft, delegation: int, *, sponsor: bool, offset: float) -> bool:
        """Asked on its phone by the paper's author; whether it signed."""
        invited = self.now + timedelta(seconds=round(offset))
        declines = not sponsor and self.rng.random() < 0.06
        answered = invited + timedelta(seconds=round(self.rng.uniform(20, 240)))
        facts = SignatureFacts(self.ref(draft), delegation, sponsor, by=draft.author)
        Signature.objects.create(
            document=draft.document,
            delegation_id=delegation,
            role=Signature.Role.SPONSOR if sponsor else Signature.Role.SIGNATORY,
            invited_by_id=draft.author,
            invited_at=invited,
            signed_at=None if declines else answered,
            ended_at=answered if declines else None,
            ended=Signature.Ended.DECLINED if declines else "",
        )
        self.event(
            EventKind.SIGNATURE_INVITED,
            facts,
            at=invited,
            delegation_id=draft.author,
            about_documents=True,
        )
        kind = EventKind.SIGNATURE_DECLINED if declines else EventKind.SIGNATURE_SIGNED
        self.event(kind, facts, at=answered, delegation_id=delegation, about_documents=True)
        return not declines

    def revise_paper(self, draft: _Draft) -> None:
        chinese = draft.plan.number in CHINESE_PAPERS
        for offset, editor in enumerate(draft.sponsors[: self.rng.randint(1, 2)]):
            body = copy.deepcopy(draft.body)
            operative = body["operative"]
            operative[self.rng.randrange(len(operative))]["text"] = _operative_text(
                self.rng, chinese=chinese
            )
            operative.insert(
                self.rng.randrange(len(operative)),
                {"text": _operative_text(self.rng, chinese=chinese)},
            )
            body = check_body(body, keep_ids_of=draft.body, taken=draft.taken)
            draft.taken |= _clause_ids(body)
            self.new_version(
                draft, body, source=DocumentVersion.Source.WRITTEN, author_delegation_id=editor
            )
            self.paper_event(
                EventKind.DOCUMENT_EDITED,
                DocumentVersioned(self.ref(draft), draft.document.version, editor),
                30 * offset,
                delegation_id=editor,
            )

    def quota(self) -> int:
        present = len(self.present())
        return quota_for(self.params, DocumentKind.DRAFT_RESOLUTION, present, self.members)

    def submit_paper(self, draft: _Draft) -> None:
        document = draft.document
        if draft.plan.wp_first:
            document.status = DocumentStatus.SUBMITTED.value
            document.submitted_at = self.now
            document.quota = 0
            document.save()
            self.paper_event(
                EventKind.DOCUMENT_SUBMITTED,
                DocumentSubmitted(self.ref(draft), draft.author, 0),
                0,
                delegation_id=draft.author,
            )
            document.status = DocumentStatus.APPROVED.value
            document.wp_number = next(self.wp_numbers)
            document.approved_at = self.now + timedelta(minutes=8)
            document.save()
            self.paper_event(
                EventKind.DOCUMENT_APPROVED, DocumentFacts(self.ref(draft)), 480, user=self.director
            )
        # Signatories: neither sponsors of any paper nor the paper's own.
        sponsors = {pk for d in self.drafts.values() for pk in d.sponsors}
        others = [pk for pk in self.present() if pk not in sponsors]
        quota = self.quota()
        signed = 0
        for offset, delegation in enumerate(self.rng.sample(others, quota + 8), start=1):
            if signed >= quota + self.rng.randint(0, 3):
                break
            signed += self.invite(draft, delegation, sponsor=False, offset=600 + 15 * offset)
        moment = 600 + 15 * (quota + 10) + 300
        document.kind = DocumentKind.DRAFT_RESOLUTION.value
        document.status = DocumentStatus.SUBMITTED.value
        document.submitted_at = self.now + timedelta(seconds=moment)
        document.quota = quota
        document.save()
        kind = EventKind.DOCUMENT_PROMOTED if draft.plan.wp_first else EventKind.DOCUMENT_SUBMITTED
        self.paper_event(
            kind,
            DocumentSubmitted(self.ref(draft), draft.author, quota),
            moment,
            delegation_id=draft.author,
        )

    def approve_paper(self, draft: _Draft) -> None:
        document = draft.document
        document.status = DocumentStatus.APPROVED.value
        document.dr_number = next(self.dr_numbers)
        document.approved_at = max(self.now, document.submitted_at + timedelta(minutes=5))
        document.save()
        offset = (document.approved_at - self.now).total_seconds()
        self.paper_event(
            EventKind.DOCUMENT_APPROVED, DocumentFacts(self.ref(draft)), offset, user=self.director
        )

    def introduce_paper(self, draft: _Draft) -> None:
        document = draft.document
        motion = self.raise_motion(
            MotionCode.INTRODUCE_DR,
            values=MotionValues(target=str(document.pk)),
            mover=draft.author,
            papers=(self.ref(draft),),
        )
        motion.status = "carried"
        motion.decided_at = self.wait(20, 40)
        document.status = DocumentStatus.INTRODUCED.value
        document.introduced_at = self.now
        document.save()
        self.by_chair(
            EventKind.DOCUMENT_INTRODUCED, DocumentFacts(self.ref(draft)), about_documents=True
        )
        self.wait(60, 120)

    def amend(
        self,
        draft: _Draft,
        number: int,
        action: AmendmentAction,
        becomes: AmendmentStatus,
    ) -> None:
        chinese = draft.plan.number in CHINESE_PAPERS
        resolution = body_to_resolution(draft.body)
        labels = numbering(resolution)
        operative = [clause["id"] for clause in draft.body["operative"]]
        target = self.rng.choice(operative)
        new_id = ""
        if action is AmendmentAction.ADD:
            new_id = f"c{max(int(i[1:]) for i in draft.taken) + 1}"
            draft.taken.add(new_id)
        sponsors = set(draft.sponsors)
        submitter = self.speaker(besides=sponsors)
        row = Amendment.objects.create(
            document=draft.document,
            number=number,
            submitter_id=submitter,
            action=action.value,
            target=target,
            placement="after" if action is AmendmentAction.ADD else "",
            new_clause_id=new_id,
            text=""
            if action is AmendmentAction.STRIKE
            else _operative_text(self.rng, chinese=chinese),
            rationale=self.rng.choice(
                (
                    "The clause as written does not reflect the concerns of our region.",
                    "To make the request to the Secretary-General more precise.",
                    "本条款应更加明确地体现共同但有区别的责任原则。",
                )
            ),
            target_label=labels.get(target, ""),
            status=AmendmentStatus.SUBMITTED.value,
            base_version=draft.document.version,
            created_at=self.now,
        )
        ref = AmendmentRef(row.pk, number, self.ref(draft))
        self.paper_event(
            EventKind.AMENDMENT_SUBMITTED,
            AmendmentSubmitted(ref, submitter, action, row.target_label),
            0,
            delegation_id=submitter,
        )
        if becomes is AmendmentStatus.RETURNED:
            row.status, row.return_reason = becomes.value, "Duplicates operative clause 2."
            row.save()
            self.paper_event(
                EventKind.AMENDMENT_RETURNED,
                AmendmentReturned(ref, row.return_reason),
                300,
                user=self.director,
            )
            return
        self.paper_event(
            EventKind.AMENDMENT_APPROVED,
            AmendmentFacts(ref, AmendmentStatus.WITH_SPONSORS),
            300,
            user=self.director,
        )
        friendly = becomes is AmendmentStatus.APPLIED
        at = self.now + timedelta(seconds=420)
        for sponsor in draft.sponsors if friendly else draft.sponsors[:1]:
            kind = AmendmentSupport.Kind.ACCEPTED if friendly else AmendmentSupport.Kind.REFUSED
            AmendmentSupport.objects.create(amendment=row, delegation_id=sponsor, kind=kind, at=at)
            at += timedelta(seconds=60)
        if friendly:
            row.status, row.decided_at = becomes.value, at
            row.save()
            self.new_version(
                draft,
                _applied(draft.body, row),
                source=DocumentVersion.Source.AMENDMENT,
                amendment=row,
            )
            facts = AmendmentFacts(ref, becomes, draft.sponsors[-1], draft.document.version)
            self.event(
                EventKind.AMENDMENT_ANSWERED,
                facts,
                at=at,
                delegation_id=draft.sponsors[-1],
                about_documents=True,
            )
            return
        self.event(
            EventKind.AMENDMENT_ANSWERED,
            AmendmentFacts(ref, AmendmentStatus.UNFRIENDLY, draft.sponsors[0]),
            at=at,
            delegation_id=draft.sponsors[0],
            about_documents=True,
        )
        if becomes is AmendmentStatus.WITHDRAWN:
            row.status, row.decided_at = becomes.value, at + timedelta(minutes=10)
            row.save()
            self.event(
                EventKind.AMENDMENT_WITHDRAWN,
                AmendmentFacts(ref, becomes, submitter),
                at=row.decided_at,
                delegation_id=submitter,
                about_documents=True,
            )
            return
        quota = self.quota()
        signers = self.rng.sample([pk for pk in self.present() if pk not in sponsors], quota)
        for index, signer in enumerate(signers, start=1):
            at += timedelta(seconds=self.rng.uniform(5, 30))
            AmendmentSupport.objects.create(
                amendment=row, delegation_id=signer, kind=AmendmentSupport.Kind.SIGNED, at=at
            )
            status = AmendmentStatus.AWAITING_VOTE if index == quota else AmendmentStatus.UNFRIENDLY
            self.event(
                EventKind.AMENDMENT_SIGNED,
                AmendmentFacts(ref, status, signer),
                at=at,
                delegation_id=signer,
                about_documents=True,
            )
        row.status, row.quota = AmendmentStatus.AWAITING_VOTE.value, quota
        row.save()
        draft.awaiting.append(row)

    def withdraw_paper(self, draft: _Draft) -> None:
        at = self.now
        for sponsor in draft.sponsors:
            at += timedelta(seconds=self.rng.uniform(30, 120))
            Signature.objects.filter(document=draft.document, delegation_id=sponsor).update(
                withdrawal_asked_at=at
            )
            self.event(
                EventKind.DOCUMENT_WITHDRAWAL_ASKED,
                DocumentFacts(self.ref(draft), sponsor),
                at=at,
                delegation_id=sponsor,
                about_documents=True,
            )
        draft.document.status = DocumentStatus.WITHDRAWN.value
        draft.document.save()
        self.event(
            EventKind.DOCUMENT_WITHDRAWN,
            DocumentFacts(self.ref(draft)),
            at=at,
            about_documents=True,
        )

    # ---- voting procedure ----

    def voting_procedure(self) -> None:
        """Debate closes; each draft resolution's amendments, parts and then itself are put."""
        closure = self.raise_motion(MotionCode.CLOSE_DEBATE)
        assert self.vote_motion(closure, 0.92), "debate must close"
        admitted = frozenset(str(pk) for pk in self.present())
        adopted = []
        for number in sorted(self.drafts):
            draft = self.drafts[number]
            plan = draft.plan
            if plan.method is None:
                continue
            if plan.roll_call_motion:
                motion = self.raise_motion(
                    MotionCode.ROLL_CALL_VOTE,
                    values=MotionValues(target=str(draft.document.pk)),
                    papers=(self.ref(draft),),
                )
                assert self.vote_motion(motion, 0.8), "the roll call must be carried"
            if plan.consensus_motion:
                motion = self.raise_motion(
                    MotionCode.ADOPT_BY_CONSENSUS,
                    values=MotionValues(target=str(draft.document.pk)),
                    mover=draft.author,
                    papers=(self.ref(draft),),
                )
                motion.status, motion.decided_at = "carried", self.wait(10, 20)
            for amendment in draft.awaiting:
                _action, becomes, method = plan.amendments[amendment.number - 1]
                assert method is not None
                self.put(draft, admitted, method, becomes is AmendmentStatus.ADOPTED, amendment)
            if plan.divided:
                parts = [c["id"] for c in draft.body["operative"][-3:-1]]
                motion = self.raise_motion(
                    MotionCode.DIVIDE_QUESTION,
                    values=MotionValues(target=str(draft.document.pk), parts=tuple(parts)),
                    papers=(self.ref(draft),),
                )
                assert self.vote_motion(motion, 0.8), "the division must be carried"
                for index, part in enumerate(parts):
                    self.put(draft, admitted, VoteMethod.PLACARDS, index == 0, part=part)
            assert plan.method is not None
            if self.put(draft, admitted, plan.method, plan.adopted):
                adopted.append(draft.document.pk)
        assert len(adopted) == ADOPTED
        self.wait(30, 60)
        self.by_chair(
            EventKind.VOTING_PROCEDURE_ENDED,
            VotingProcedureEnded(tuple(adopted)),
            ops=[(("phase",), Phase.GSL.value)],
            undoable=False,
        )

    def put(
        self,
        draft: _Draft,
        admitted: frozenset[str],
        method: VoteMethod,
        adopt: bool,
        amendment: Amendment | None = None,
        part: str = "",
    ) -> bool:
        """One question of voting procedure, from the opening to the result; whether it passed."""
        document = draft.document
        labels = numbering(body_to_resolution(draft.body))
        if amendment is not None:
            item = ItemKind.AMENDMENT
            subject = VoteSubject(
                f"am:{amendment.pk}",
                item,
                document.pk,
                amendment=amendment.pk,
                doc=self.ref(draft),
                amendment_number=amendment.number,
            )
            threshold = self.params.effective_unfriendly_amendment_threshold
        elif part:
            item = ItemKind.DIVISION_PART
            subject = VoteSubject(
                f"part:{document.pk}:{part}",
                item,
                document.pk,
                clause=part,
                doc=self.ref(draft),
                clause_label=labels[part],
            )
            threshold = self.params.substantive_threshold
        else:
            item = ItemKind.DR
            subject = VoteSubject(f"dr:{document.pk}", item, document.pk, doc=self.ref(draft))
            threshold = self.params.substantive_threshold
        if method is VoteMethod.CONSENSUS:
            threshold = CONSENSUS_THRESHOLD
        snapshot = snapshot_electorate(
            self.params,
            self.members,
            self.attendees(),
            substantive=True,
            now=self.wait(20, 60),
            admitted=admitted,
        )
        roll = method is VoteMethod.ROLL_CALL
        order = [int(pk) for pk in snapshot.ids] if roll else []
        question = Question(
            committee=self.committee,
            session=self.session,
            kind={
                ItemKind.AMENDMENT: Question.Kind.AMENDMENT,
                ItemKind.DIVISION_PART: Question.Kind.DIVISION_PART,
                ItemKind.DR: Question.Kind.DR,
            }[item],
            document=document,
            amendment=amendment,
            clause=part,
            method=method.value,
            opened_at=self.now,
            electorate=encode_value(snapshot),
            threshold=threshold.as_text(),
            call_order=order,
        )
        self.questions.append(question)
        self.by_chair(
            EventKind.VOTE_OPENED,
            VoteOpened(
                subject,
                method,
                snapshot.size,
                threshold.as_text(),
                first_called=order[0] if order else None,
            ),
            made=[question],
            undoable=False,
        )
        if method is VoteMethod.CONSENSUS:
            question.closed_at = self.wait(15, 25)
            question.passed = True
            self.by_chair(
                EventKind.VOTE_ANNOUNCED,
                VoteAnnounced(subject, method, True, None),
                undoable=False,
            )
            self.decided(draft, question, amendment, part, passed=True)
            return True
        votes = self.substantive_ballots(question, snapshot, subject, method, adopt)
        result = decide_votes(self.params, snapshot, votes, threshold)
        outcome = result.outcome
        assert outcome.passed is adopt, f"{subject.ref} was meant to be {adopt}"
        question.closed_at = self.wait(10, 30)
        question.yes, question.no = outcome.tally.yes, outcome.tally.no
        question.abstain, question.not_voting = outcome.tally.abstain, outcome.tally.not_voting
        question.passed, question.verdict = outcome.passed, outcome.verdict.value
        question.required_yes, question.base_size = outcome.required_yes, outcome.base_size
        question.rights = [int(pk) for pk in result.rights]
        self.by_chair(
            EventKind.VOTE_ANNOUNCED,
            VoteAnnounced(
                subject,
                method,
                outcome.passed,
                outcome.verdict,
                outcome.tally.yes,
                outcome.tally.no,
                outcome.tally.abstain,
                outcome.tally.not_voting,
                outcome.required_yes,
                outcome.base_size,
                threshold.as_text(),
                tuple(int(pk) for pk in result.rights),
            ),
            undoable=False,
        )
        self.decided(draft, question, amendment, part, passed=outcome.passed)
        return outcome.passed

    def substantive_ballots(
        self,
        question: Question,
        snapshot: ElectorateSnapshot,
        subject: VoteSubject,
        method: VoteMethod,
        adopt: bool,
    ) -> dict[str, VoteChoice]:
        """Each voter's answer (phones, roll call) or the dais's count (placards), leaning as
        the question is meant to end; the answers that count."""
        leaning = (0.74, 0.12) if adopt else (0.4, 0.42)  # (yes, no); the rest abstain
        votes: dict[str, VoteChoice] = {}
        passers = []
        for voter in snapshot.voters:
            draw = self.rng.random()
            if draw < leaning[0]:
                choice = VoteChoice.YES
            elif draw < leaning[0] + leaning[1]:
                choice = VoteChoice.NO
            else:
                choice = VoteChoice.ABSTAIN if voter.may_abstain else VoteChoice.NO
            if choice is not VoteChoice.ABSTAIN and self.rng.random() < 0.02:
                choice = (
                    VoteChoice.YES_WITH_RIGHTS
                    if choice is VoteChoice.YES
                    else VoteChoice.NO_WITH_RIGHTS
                )
            if method is VoteMethod.PHONES and self.rng.random() < 0.03:
                continue  # did not vote
            if method is VoteMethod.ROLL_CALL and self.rng.random() < 0.03:
                passers.append((voter.delegation_id, choice))
                choice = VoteChoice.PASS
            votes[voter.delegation_id] = choice
        if method is VoteMethod.PLACARDS:
            self.wait(40, 90)
            return votes
        opened = self.now
        for key, choice in list(votes.items()):
            pk = int(key)
            if method is VoteMethod.ROLL_CALL:
                at = self.wait(4, 9)
                kind, who = EventKind.VOTE_ROLL_ANSWERED, {"user": self.chair}
                by_dais = True
            else:
                at = opened + timedelta(seconds=self.rng.uniform(3, 60))
                by_dais = self.rng.random() < 0.03
                kind = EventKind.VOTE_BALLOT_ENTERED if by_dais else EventKind.VOTE_BALLOT_CAST
                who = {"user": self.chair} if by_dais else {"delegation_id": pk}
            ballot = Ballot(
                question=question,
                delegation_id=pk,
                choice=choice.value,
                entered_by_dais=by_dais,
                cast_at=at,
            )
            self.ballots.append(ballot)
            facts = VoteBallot(subject, pk, choice.value, entered_by_dais=by_dais)
            self.event(kind, facts, at=at, made=[ballot], undoable=False, **who)
        if method is VoteMethod.PHONES:
            self.wait(65, 80)
        if passers:
            question.round = 2
            self.by_chair(
                EventKind.VOTE_ROLL_ROUND_TWO,
                RollCallRoundTwo(subject, tuple(int(key) for key, _ in passers)),
                undoable=False,
            )
            for key, choice in passers:
                final = VoteChoice.NO if choice.counts_as is VoteChoice.NO else VoteChoice.YES
                ballot = Ballot(
                    question=question,
                    delegation_id=int(key),
                    round=2,
                    choice=final.value,
                    entered_by_dais=True,
                    cast_at=self.wait(4, 9),
                )
                self.ballots.append(ballot)
                votes[key] = final
                self.by_chair(
                    EventKind.VOTE_ROLL_ANSWERED,
                    VoteBallot(subject, int(key), final.value, round=2, entered_by_dais=True),
                    made=[ballot],
                    undoable=False,
                )
        return votes

    def decided(
        self,
        draft: _Draft,
        question: Question,
        amendment: Amendment | None,
        part: str,
        *,
        passed: bool,
    ) -> None:
        """What the result writes on the paper, kept with the question so it can be voided."""
        document = draft.document
        writes: dict[str, dict[str, Any]] = {"amendments": {}, "documents": {}, "texts": {}}
        if amendment is not None:
            writes["amendments"][str(amendment.pk)] = amendment.status
            amendment.status = (
                AmendmentStatus.ADOPTED if passed else AmendmentStatus.REJECTED
            ).value
            amendment.decided_at = self.now
            amendment.save()
            if passed:
                writes["texts"][str(document.pk)] = document.version
                document.changed_by_voted_amendment = True
                self.new_version(
                    draft,
                    _applied(draft.body, amendment),
                    source=DocumentVersion.Source.AMENDMENT,
                    amendment=amendment,
                )
        elif part:
            if not passed:
                writes["texts"][str(document.pk)] = document.version
                struck = apply_change(
                    body_to_resolution(draft.body), to_change(_strike(document, part), None)
                )
                self.new_version(
                    draft, resolution_to_body(struck), source=DocumentVersion.Source.DIVISION
                )
        else:
            writes["documents"][str(document.pk)] = document.status
            document.status = (DocumentStatus.ADOPTED if passed else DocumentStatus.REJECTED).value
            document.resolution_number = next(self.resolution_numbers) if passed else None
            document.decided_at = self.now
        document.save()
        question.effects = writes

    # ---- writing the rows ----

    def _write_rows(self) -> None:
        Motion.objects.bulk_create(self.motions, batch_size=500)
        Motion.co_movers.through.objects.bulk_create(
            Motion.co_movers.through(motion_id=motion.pk, delegation_id=pk)
            for motion, pk in self.co_movers
        )
        Ruling.objects.bulk_create(self.rulings)
        Question.objects.bulk_create(self.questions, batch_size=500)
        Ballot.objects.bulk_create(self.ballots, batch_size=2000)
        Speech.objects.bulk_create(self.speeches, batch_size=1000)
        AttendanceRecord.objects.bulk_create(self.attendance, batch_size=1000)
        self.log.write(self.committee)

    def counts(self) -> dict[str, int]:
        committee = self.committee
        return {
            "delegations": committee.delegations.count(),
            "sessions": committee.sessions.count(),
            "attendance_records": AttendanceRecord.objects.filter(
                session__committee=committee
            ).count(),
            "speeches": committee.speeches.count(),
            "motions": committee.motions.count(),
            "questions": committee.questions.count(),
            "ballots": Ballot.objects.filter(question__committee=committee).count(),
            "draft_resolutions": committee.documents.filter(kind="draft_resolution").count(),
            "adopted": committee.documents.filter(status=DocumentStatus.ADOPTED).count(),
            "amendments": Amendment.objects.filter(document__committee=committee).count(),
            "signatures": Signature.objects.filter(document__committee=committee).count(),
            "events": committee.events.count(),
        }


# ---- helpers --------------------------------------------------------------------------------


_SESSION_RESETS = {
    key: value
    for key, value in encode(FloorDoc()).items()
    if key not in ("session_number", "attendance", "speaking_time")
}


# A closed sitting keeps only its attendance and speaking time (sitting.close_session).
_CLOSING = [
    (("phase",), Phase.ADJOURNED.value),
    (("next_motion_number",), 1),
    (("next_point_number",), 1),
]


@dataclass
class _Draft:
    plan: DraftPlan
    sponsors: list[int]  # the author first
    document: Document = field(init=False)
    body: dict[str, Any] = field(default_factory=dict)
    taken: set[str] = field(default_factory=set)  # every clause id ever used in it
    awaiting: list[Amendment] = field(default_factory=list)

    @property
    def author(self) -> int:
        return self.sponsors[0]


def _split(total: int, rng: random.Random) -> list[int]:
    """`total` motions in rounds of one to four."""
    rounds = []
    while total > 0:
        size = min(total, rng.choice((1, 2, 2, 3, 3, 4)))
        rounds.append(size)
        total -= size
    return rounds


def _clause_ids(body: dict[str, Any]) -> set[str]:
    ids = set()
    stack = [*body["preambular"], *body["operative"]]
    while stack:
        clause = stack.pop()
        ids.add(clause["id"])
        stack.extend(clause.get("children", []))
    return ids


def _applied(body: dict[str, Any], amendment: Amendment) -> dict[str, Any]:
    resolution = body_to_resolution(body)
    return resolution_to_body(apply_change(resolution, to_change(amendment, resolution)))


def _strike(document: Document, clause: str) -> Amendment:
    """A divided part rejected: struck as an amendment striking it would."""
    return Amendment(document=document, action=AmendmentAction.STRIKE.value, target=clause)


def _fill(text: str, *, chinese: bool) -> str:
    return text.format(topic=TOPIC_ZH if chinese else TOPIC.lower())


def _operative_text(rng: random.Random, *, chinese: bool) -> str:
    if chinese:
        return _fill(
            rng.choice(OPERATIVE_OPENERS_ZH) + rng.choice(OPERATIVE_BODIES_ZH), chinese=True
        )
    return _fill(f"{rng.choice(OPERATIVE_OPENERS)} {rng.choice(OPERATIVE_BODIES)}", chinese=False)


def _paper_text(rng: random.Random, *, chinese: bool) -> dict[str, Any]:
    """About 10 preambular and 15 operative clauses, some with sub-clauses and one or two
    with sub-sub-clauses, as a sponsor writes them (no numbers, no closing marks)."""
    openers = PREAMBLE_OPENERS_ZH if chinese else PREAMBLE_OPENERS
    bodies = PREAMBLE_BODIES_ZH if chinese else PREAMBLE_BODIES
    items = SUB_ITEMS_ZH if chinese else SUB_ITEMS
    joiner = "" if chinese else " "
    preambular = [
        {"text": _fill(f"{rng.choice(openers)}{joiner}{body}", chinese=chinese)}
        for body in rng.sample(bodies, min(len(bodies), rng.randint(9, 11)))
    ]
    operative = []
    for index in range(rng.randint(14, 16)):
        clause: dict[str, Any] = {"text": _operative_text(rng, chinese=chinese)}
        if index % 3 == 1:
            children = [
                {"text": _fill(item, chinese=chinese)}
                for item in rng.sample(items, rng.randint(2, 4))
            ]
            if index % 6 == 1 and not chinese:
                children[0]["children"] = [
                    {"text": item} for item in rng.sample(SUB_SUB_ITEMS, rng.randint(2, 3))
                ]
            clause["children"] = children
        operative.append(clause)
    return {"preambular": preambular, "operative": operative}
