"""`manage.py seed_demo --day`: the afternoon of the C34 day, voting procedure on its two
draft resolutions, played through the services."""

from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from committee import realtime
from committee.demo import papers, voting
from committee.demo.day import DayScriptError, play_c34_morning
from committee.floor import decode, decode_electorate
from committee.models import (
    Amendment,
    Ballot,
    Committee,
    Delegation,
    Document,
    DocumentVersion,
    Floor,
    FloorEvent,
    Motion,
    Question,
    Session,
)
from committee.procedure.phases import Phase
from tests.committee.test_screens_stay_true import Screens, fresh

pytestmark = pytest.mark.django_db

User = get_user_model()

RESERVE = papers.RAPID_DEPLOYMENT_DRAFTS[-1].operative[voting.RESERVE_CLAUSE - 1].text


@pytest.fixture(autouse=True)
def _served_on_this_computer_only(settings) -> None:
    settings.ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]"]


def seed(*options: str) -> str:
    out = StringIO()
    call_command("seed_demo", *options, stdout=out)
    return out.getvalue()


@pytest.fixture(name="played")
def played_fixture() -> str:
    return seed("--day")


def c34() -> Committee:
    return Committee.objects.get(slug="c34")


def dr(number: int) -> Document:
    return Document.objects.get(committee__slug="c34", kind="draft_resolution", dr_number=number)


def delegation(name: str) -> Delegation:
    return Delegation.objects.get(committee__slug="c34", name=name)


def operative_texts(document: Document) -> list[str]:
    body = document.versions.get(number=document.version).body
    return [clause["text"] for clause in body["operative"]]


def voted(kind: str, **filters) -> Question:
    return Question.objects.get(committee__slug="c34", kind=kind, **filters)


def electorate_size(question: Question) -> int:
    snapshot = decode_electorate(question.electorate)
    assert snapshot is not None
    return snapshot.size


# ---- before the votes ---------------------------------------------------------------------------


def test_both_drafts_are_introduced_by_carried_motions_and_debate_is_closed(played):
    afternoon = Session.objects.get(committee__slug="c34", number=3)
    assert afternoon.opened_at == voting.AFTERNOON_STARTS_AT
    moved = {
        row.code: row for row in Motion.objects.filter(session=afternoon).select_related("mover")
    }
    assert set(moved) == {
        "introduce_dr",
        "introduce_amendment",
        "close_debate",
        "divide_question",
        "roll_call_vote",
        "adopt_by_consensus",
    }
    assert all(row.status == "carried" for row in Motion.objects.filter(session=afternoon))
    introductions = Motion.objects.filter(session=afternoon, code="introduce_dr").order_by("pk")
    assert [(row.mover.name, row.fields["target"]) for row in introductions] == [
        ("Canada", str(dr(1).pk)),
        ("Pakistan", str(dr(2).pk)),
    ]
    for document in (dr(1), dr(2)):
        assert document.introduced_at is not None
    # Each DR is introduced right after the chair carried the motion that moved it.
    kinds = list(
        FloorEvent.objects.filter(committee__slug="c34", session=afternoon)
        .order_by("seq")
        .values_list("kind", flat=True)
    )
    introduced_at = [i for i, kind in enumerate(kinds) if kind == "document_introduced"]
    assert len(introduced_at) == 2
    assert all(kinds[i - 1] == "motion_ruled" for i in introduced_at)
    assert kinds.index("voting_procedure_ended") > kinds.index("motion_vote_closed")
    # Closure, the division, the roll call and the consensus motion each carried by placard.
    motion_votes = Question.objects.filter(session=afternoon, kind="motion").order_by("pk")
    assert [q.motion.code for q in motion_votes] == [
        "close_debate",
        "divide_question",
        "roll_call_vote",
        "adopt_by_consensus",
    ]
    assert all(q.method == "placards" and q.passed for q in motion_votes)
    division = moved["divide_question"]
    assert (division.mover.name, division.seconder.name) == ("India", "Egypt")
    assert moved["roll_call_vote"].mover.name == voting.day.US


# ---- the amendment, on the phones ---------------------------------------------------------------


def test_the_unfriendly_amendment_is_voted_on_phones_adopted_and_applied(played):
    amendment = Amendment.objects.get(document=dr(1), action="add")
    assert amendment.status == "adopted" and amendment.decided_at is not None
    question = voted("amendment", amendment=amendment)
    assert question.method == "phones" and question.passed
    assert (question.yes, question.no, question.abstain, question.not_voting) == (21, 6, 4, 0)
    ballots = Ballot.objects.filter(question=question)
    assert ballots.count() == electorate_size(question) == 31
    by_dais = ballots.filter(entered_by_dais=True)
    assert [(b.delegation.name, b.choice) for b in by_dais] == [("Venezuela", "yes")]
    assert ballots.get(delegation=delegation("Canada")).choice == "no"
    # Applied: a new version of DR 1.1 has Egypt's clause after operative clause 3.
    applied = dr(1).versions.get(amendment=amendment)
    assert applied.source == DocumentVersion.Source.AMENDMENT
    texts = [clause["text"] for clause in applied.body["operative"]]
    assert texts[3] == papers.CONSENT_CLAUSE
    assert papers.CONSENT_CLAUSE in operative_texts(dr(1))


# ---- the divided question -----------------------------------------------------------------------


def test_the_reserve_clause_put_on_its_own_falls_short_of_two_thirds_and_is_struck(played):
    document = dr(1)
    question = voted("division_part", document=document)
    # Counted by placard: the roll call carried on DR 1.1 is for the draft as amended.
    assert question.method == "placards" and question.passed is False
    assert (question.yes, question.no, question.abstain, question.not_voting) == (15, 11, 5, 0)
    assert electorate_size(question) == 31 and not Ballot.objects.filter(question=question)
    # Two thirds of those present and voting were needed: 18 of 26.
    assert (question.required_yes, question.verdict) == (18, "rejected")
    struck = document.versions.get(source=DocumentVersion.Source.DIVISION)
    before = document.versions.get(number=struck.number - 1)
    [reserve] = [c for c in before.body["operative"] if c["text"] == RESERVE]
    assert question.clause == reserve["id"]
    assert RESERVE not in operative_texts(document)
    # Egypt's clause came in, the reserve went out.
    assert len(operative_texts(document)) == len(papers.RAPID_DEPLOYMENT_DRAFTS[-1].operative)
    assert question.closed_at < voted("dr", document=document).opened_at


# ---- DR 1.1, by roll call -----------------------------------------------------------------------


def test_dr_1_1_is_adopted_by_roll_call_with_a_pass_and_a_yes_with_rights(played):
    document = dr(1)
    question = voted("dr", document=document)
    assert question.method == "roll_call" and question.round == 2
    assert question.passed and question.verdict == "adopted"
    assert (question.yes, question.no, question.abstain) == (26, 2, 3)
    assert len(question.call_order) == electorate_size(question) == 31
    china = delegation("China")
    first = Ballot.objects.get(question=question, delegation=china, round=1)
    second = Ballot.objects.get(question=question, delegation=china, round=2)
    assert (first.choice, second.choice) == ("pass", "yes")
    assert Ballot.objects.filter(question=question, round=2).count() == 1
    egypt = Ballot.objects.get(question=question, delegation=delegation("Egypt"))
    assert egypt.choice == "yes_with_rights"
    assert question.rights == [delegation("Egypt").pk]
    assert (document.status, document.resolution_number) == ("adopted", 1)
    assert document.decided_at == question.closed_at


# ---- DR 1.2, by consensus, and the end ----------------------------------------------------------


def test_dr_1_2_is_adopted_by_consensus_and_voting_procedure_ends(played):
    document = dr(2)
    question = voted("dr", document=document)
    assert question.method == "consensus" and question.passed
    assert question.yes is None  # adopted without a vote
    assert not question.objections.exists()
    assert (question.closed_at - question.opened_at).total_seconds() > (
        c34().parameters().consensus_objection_window
    )
    assert (document.status, document.resolution_number) == ("adopted", 2)
    floor = decode(Floor.objects.get(committee__slug="c34").state)
    assert floor.phase is Phase.AGENDA and floor.voting is None
    ended = FloorEvent.objects.get(committee__slug="c34", kind="voting_procedure_ended")
    assert ended.payload["adopted"] == [dr(1).pk, dr(2).pk]
    assert FloorEvent.objects.filter(committee__slug="c34").latest("seq") == ended


def test_the_command_reports_the_votes_and_the_log_verifies(played):
    assert "demo day: 3 sessions played as demo-chair" in played
    assert (
        "voting procedure: amendment 2 to DR 1.1 adopted 21-6-4 (phones), "
        "operative clause 6 of DR 1.1 rejected 15-11-5 (placards), "
        "DR 1.1 adopted 26-2-3 (roll call), DR 1.2 adopted by consensus"
    ) in played
    out = StringIO()
    call_command("verify_log", "c34", stdout=out)
    assert "chain intact, replay gives today's floor" in out.getvalue()


# ---- once ---------------------------------------------------------------------------------------


def test_seeding_twice_votes_once(played):
    rows = (Question, Ballot, Motion, Document, DocumentVersion, FloorEvent, Session)
    counts = {model: model.objects.count() for model in rows}
    output = seed("--day")
    assert {model: model.objects.count() for model in rows} == counts
    assert "demo day: already there" in output
    assert "voting procedure" not in output


def test_the_afternoon_stops_and_leaves_nothing_without_the_papers() -> None:
    seed()
    committee = c34()
    chair = User.objects.create_user("a-chair")
    morning = play_c34_morning(committee, chair)
    events = FloorEvent.objects.count()
    with pytest.raises(DayScriptError, match="play the papers first"):
        voting.play_c34_voting(committee, chair, start=morning.finished_at)
    assert FloorEvent.objects.count() == events  # all of the afternoon, or none of it
    assert not Session.objects.filter(number=3).exists()


# ---- the script alone ---------------------------------------------------------------------------


def test_the_days_statistics_add_the_afternoons_motions_to_the_morning() -> None:
    morning = voting.day.expected_statistics()
    day = voting.expected_statistics()
    movers = voting.expected_motions().values()
    assert sum(r["motions_raised"] for r in day.values()) == sum(
        r["motions_raised"] for r in morning.values()
    ) + len(movers)
    # Pakistan moved the failed caucus in the morning; in the afternoon, two that carried.
    assert (day["Pakistan"]["motions_raised"], day["Pakistan"]["motions_carried"]) == (3, 2)
    assert day["Sweden"]["motions_carried"] == 1  # closure of debate
    assert {name: row["speeches"] for name, row in day.items()} == {
        name: morning.get(name, {"speeches": 0})["speeches"] for name in day
    }


# ---- the screens --------------------------------------------------------------------------------


def test_the_afternoons_votes_leave_every_screen_as_a_fresh_page_would(monkeypatch):
    """Every push of the afternoon (motions, ballots on the phones, the roll calls, consensus)
    applied to every watched screen, which must equal a fresh drawing along the way and at the
    end."""
    seed()
    committee = c34()
    chair = User.objects.create_user("a-chair")
    morning = play_c34_morning(committee, chair)
    lunch = papers.play_c34_papers(committee, chair, start=morning.finished_at)
    screens = Screens()
    monkeypatch.setattr(realtime, "groups_with_screens", lambda names: set(names))
    monkeypatch.setattr(
        realtime, "send_to_group", lambda group, msg: screens.apply(group, msg["text"])
    )
    realtime.push_floor_now(committee)  # every screen connects after lunch
    pushes = []

    def push_at_once(pushed: Committee) -> None:
        pushes.append(pushed.pk)
        realtime.push_floor_now(pushed)
        if len(pushes) % 40 == 0:
            fresh(pushed, screens)

    monkeypatch.setattr(realtime, "broadcast_floor", push_at_once)
    logged_before = FloorEvent.objects.filter(committee=committee).count()
    voting.play_c34_voting(committee, chair, start=lunch.finished_at)
    fresh(committee, screens)
    # Every action of the afternoon reached the screens.
    assert len(pushes) == FloorEvent.objects.filter(committee=committee).count() - logged_before
    assert screens.regions_sent["voting"] > 0
