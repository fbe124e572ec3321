"""`manage.py seed_demo --day`: the papers of the C34 day, played through the document services."""

import math
import re
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.utils import translation

from committee.demo import papers
from committee.demo.c34_1995 import DELEGATIONS
from committee.demo.day import MORNING_STARTS_AT, DayScriptError, play_c34_morning
from committee.document_selectors import DocumentsView
from committee.log.chain import verify
from committee.log.describe import Names, describe_event
from committee.models import (
    Amendment,
    AmendmentSupport,
    AttendanceRecord,
    Committee,
    Document,
    DocumentVersion,
    FloorEvent,
    Session,
    Signature,
)
from committee.resolutions.layout import lay_out
from committee.resolutions.splitter import split_resolution

User = get_user_model()

DOCUMENT_EVENTS = r"^(document|signature|amendment)_"


@pytest.fixture(autouse=True)
def _served_on_this_computer_only(settings) -> None:
    settings.ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]"]


def seed(*options: str) -> str:
    out = StringIO()
    call_command("seed_demo", *options, stdout=out)
    return out.getvalue()


@pytest.fixture(name="played")
def played_fixture() -> str:
    """The morning and its papers, as `seed_demo --day` plays them before the afternoon's votes
    (committee/demo/voting.py) change the papers; what the papers' summary says."""
    seed()
    c34 = Committee.objects.get(slug="c34")
    chair = User.objects.create_user("a-chair")
    morning = play_c34_morning(c34, chair)
    return papers.play_c34_papers(c34, chair, start=morning.finished_at).line()


def dr(number: int) -> Document:
    return Document.objects.get(committee__slug="c34", kind="draft_resolution", dr_number=number)


def live(document: Document, role: str) -> set[str]:
    return set(
        document.signatures.filter(
            role=role, signed_at__isnull=False, ended_at__isnull=True
        ).values_list("delegation__name", flat=True)
    )


def body(document: Document, number: int | None = None) -> dict:
    return document.versions.get(number=number or document.version).body


def operative_texts(version_body: dict) -> list[str]:
    return [clause["text"] for clause in version_body["operative"]]


def present_at_the_last_roll_call() -> int:
    """Counted from the attendance records of the morning's last session."""
    last = Session.objects.filter(committee__slug="c34").order_by("-number").first()
    return AttendanceRecord.objects.filter(session=last).exclude(status="absent").count()


def document_events():
    return (
        FloorEvent.objects.filter(committee__slug="c34", kind__regex=DOCUMENT_EVENTS)
        .select_related("undoes")
        .order_by("seq")
    )


# ---- the two papers ------------------------------------------------------------------------------


@pytest.mark.django_db
def test_two_draft_resolutions_are_numbered_in_the_order_the_director_approved_them(played):
    first, second = dr(1), dr(2)
    assert first.title == papers.RAPID_DEPLOYMENT_TITLE
    assert second.title == papers.SAFETY_TITLE
    assert first.status == second.status == "approved"
    assert first.approved_at < second.approved_at
    assert Document.objects.filter(committee__slug="c34").count() == 2
    assert "2 papers: DR 1.1 (amended once, one amendment awaiting the vote), DR 1.2" in played


@pytest.mark.django_db
def test_the_pasted_paper_keeps_its_working_paper_number_as_dr_1_2(played):
    pasted = dr(2)
    assert (pasted.wp_number, pasted.dr_number) == (1, 2)
    assert dr(1).wp_number is None  # submitted straight away as a draft resolution
    first = pasted.versions.get(number=1)
    assert first.source == DocumentVersion.Source.IMPORTED
    split = split_resolution(papers.SAFETY_PASTED)
    assert split.unplaced == ()
    assert operative_texts(first.body) == [c.text for c in split.operative]
    requests = first.body["operative"][1]
    assert requests["text"] == "Requests the Secretary-General"
    assert len(requests["children"]) == 3  # (a), (b), (c)
    steps = [
        (event.kind, event.payload["doc"]["document"], event.payload["doc"]["number"])
        for event in FloorEvent.objects.filter(
            committee__slug="c34", kind__in=["document_approved", "document_promoted"]
        ).order_by("seq")
    ]
    written = dr(1)
    assert steps == [
        ("document_approved", pasted.pk, 1),  # WP 1.1
        ("document_promoted", pasted.pk, None),  # DR 1.?, numbered when approved
        ("document_approved", written.pk, 1),  # DR 1.1
        ("document_approved", pasted.pk, 2),  # DR 1.2
    ]


@pytest.mark.django_db
def test_the_written_paper_grew_in_the_editor_keeping_its_clause_ids(played):
    written = dr(1)
    drafts = list(written.versions.filter(source="written").order_by("number"))
    assert [v.number for v in drafts] == [1, 2, 3]
    assert [v.author_delegation.name for v in drafts] == ["Canada", "Netherlands", "Canada"]
    first, last = drafts[0].body, drafts[-1].body
    assert first["operative"][0]["id"] == last["operative"][0]["id"]
    assert first["preambular"][0]["id"] == last["preambular"][0]["id"]
    training = last["operative"][3]
    assert len(training["children"]) == 3  # sub-clauses (a) to (c)
    assert len(last["operative"]) == len(papers.RAPID_DEPLOYMENT_DRAFTS[-1].operative)


@pytest.mark.django_db
def test_each_paper_has_its_sponsors_and_signatories_to_the_quota(played):
    quota = math.ceil(present_at_the_last_roll_call() / 5)
    assert quota == 7  # 34 delegations answered the second roll call
    first, second = dr(1), dr(2)
    assert live(first, "sponsor") == {"Canada", "Netherlands"}
    assert live(second, "sponsor") == {"Pakistan", "Egypt"}
    for document in (first, second):
        support = len(live(document, "sponsor")) + len(live(document, "signatory"))
        assert document.quota == quota and support == quota
    # A co-sponsor was asked and accepted; the signatories said yes on their phones.
    netherlands = first.signatures.get(delegation__name="Netherlands")
    assert netherlands.invited_by.name == "Canada" and netherlands.signed_at is not None
    answered = FloorEvent.objects.filter(
        committee__slug="c34", kind="signature_signed", actor_delegation__isnull=False
    )
    assert answered.count() == 2 + 5 + 5  # two co-sponsors, five signatories on each DR
    # The rules of §5.2: no sponsor of one DR signs or sponsors the other.
    assert not live(first, "sponsor") & (live(second, "sponsor") | live(second, "signatory"))
    assert not live(second, "sponsor") & live(first, "signatory")
    roster = {d.name for d in DELEGATIONS}
    everyone = Signature.objects.filter(document__committee__slug="c34")
    assert set(everyone.values_list("delegation__name", flat=True)) <= roster


@pytest.mark.django_db
def test_both_papers_read_as_resolutions_and_show_their_quota_met(played):
    with translation.override("en"):
        cards = {
            card.label: card for card in DocumentsView(Committee.objects.get(slug="c34")).cards
        }
    assert set(cards) == {"DR 1.1", "DR 1.2"}
    assert all(card.meets_quota and card.is_public for card in cards.values())
    for document in (dr(1), dr(2)):
        layout = lay_out(body(document), language="en")
        # Every clause opens with a phrase the format knows: "Recalling", "Requests"…
        assert all(clause.opening for clause in layout.preambular + layout.operative)
        assert layout.preambular[0].opening == "Recalling"
        assert [c.label for c in layout.operative] == [
            f"{n}." for n in range(1, len(layout.operative) + 1)
        ]
        assert any(c.opening == "Requests" for c in layout.operative)
        with_parts = [c for c in layout.operative if c.children]
        assert [child.label for child in with_parts[0].children] == ["(a)", "(b)", "(c)"]
        assert layout.operative[-1].ending == "."


# ---- the amendments to DR 1.1 --------------------------------------------------------------------


@pytest.mark.django_db
def test_the_friendly_amendment_rewrote_clause_2_as_a_new_version(played):
    document = dr(1)
    friendly = Amendment.objects.get(document=document, action="modify")
    assert friendly.status == "applied" and friendly.target_label == "2"
    assert friendly.submitter.name == "Japan"
    accepted = friendly.supports.filter(kind=AmendmentSupport.Kind.ACCEPTED)
    assert set(accepted.values_list("delegation__name", flat=True)) == {"Canada", "Netherlands"}
    version = document.versions.get(amendment=friendly)
    assert version.source == DocumentVersion.Source.AMENDMENT
    assert version.number == document.version
    before = body(document, version.number - 1)
    as_written = papers.RAPID_DEPLOYMENT_DRAFTS[-1].operative[1].text
    assert operative_texts(before)[1] == as_written
    assert operative_texts(version.body)[1] == papers.STANDBY_AMENDED
    assert version.body["operative"][1]["id"] == before["operative"][1]["id"] == friendly.target
    # Only clause 2 changed.
    assert operative_texts(version.body)[2:] == operative_texts(before)[2:]


@pytest.mark.django_db
def test_the_unfriendly_amendment_has_its_quota_and_awaits_the_vote(played):
    document = dr(1)
    unfriendly = Amendment.objects.get(document=document, action="add")
    assert unfriendly.status == "awaiting_vote"
    assert unfriendly.submitter.name == "Egypt" and unfriendly.target_label == "3"
    assert unfriendly.text == papers.CONSENT_CLAUSE
    refused = unfriendly.supports.filter(kind=AmendmentSupport.Kind.REFUSED)
    assert list(refused.values_list("delegation__name", flat=True)) == ["Canada"]
    signed = unfriendly.supports.filter(kind=AmendmentSupport.Kind.SIGNED).count()
    assert unfriendly.quota == document.quota == 7
    assert 1 + signed == unfriendly.quota  # its writer and its signatories
    # Not applied: the text of DR 1.1 does not have the clause.
    assert papers.CONSENT_CLAUSE not in operative_texts(body(document))


# ---- the record --------------------------------------------------------------------------------


@pytest.mark.django_db
def test_every_document_event_is_on_the_verified_chain(played):
    c34 = Committee.objects.get(slug="c34")
    checked, problem = verify(c34)
    assert problem is None
    assert checked == FloorEvent.objects.filter(committee=c34).count()
    events = list(document_events())
    assert len(events) > 40
    assert all(event.hash and event.prev_hash for event in events)
    kinds = {event.kind for event in events}
    assert kinds >= {
        "document_created",
        "document_edited",
        "document_submitted",
        "document_approved",
        "document_promoted",
        "signature_invited",
        "signature_signed",
        "amendment_submitted",
        "amendment_approved",
        "amendment_answered",
        "amendment_signed",
    }
    # On the simulated clock, after the morning, in the order they were played.
    adjourned = Session.objects.get(committee=c34, number=2).closed_at
    stamps = [event.created_at for event in events]
    assert stamps == sorted(stamps) and stamps[0] > adjourned


@pytest.mark.django_db
def test_the_document_events_read_in_english_and_in_chinese(played):
    c34 = Committee.objects.get(slug="c34")
    names = Names.of_committee(c34.pk)
    events = list(document_events())
    english = [describe_event(event, "en", names) for event in events]
    chinese = [describe_event(event, "zh-hans", names) for event in events]
    assert "The Director approved DR 1.1" in english
    assert "Canada asked Netherlands to co-sponsor WP 1.?" in english
    assert "主席团批准了 决议草案 1.2" in chinese
    assert any("加拿大" in s and "荷兰" in s for s in chinese)
    latin_names = re.compile("|".join(re.escape(d.name) for d in DELEGATIONS))
    assert [s for s in chinese if latin_names.search(s)] == []
    assert [s for s in chinese if re.search(r"\b(DR|WP)\b", s)] == []
    assert all(en != zh for en, zh in zip(english, chinese, strict=True))


@pytest.mark.django_db
def test_seeding_twice_plays_the_papers_once():
    first = seed("--day")
    assert "2 papers: DR 1.1 (amended once, one amendment awaiting the vote), DR 1.2" in first
    rows = (Document, DocumentVersion, Signature, Amendment, AmendmentSupport, FloorEvent)
    counts = {model: model.objects.count() for model in rows}
    output = seed("--day")
    assert {model: model.objects.count() for model in rows} == counts
    assert "demo day: already there" in output
    assert "papers" not in output


@pytest.mark.django_db
def test_the_player_stops_when_a_step_does_not_end_as_scripted() -> None:
    """Without the morning there was no roll call: the quota is not the scripted one."""
    seed()
    c34 = Committee.objects.get(slug="c34")
    chair = User.objects.create_user("a-chair")
    with pytest.raises(DayScriptError, match="quota"):
        papers.play_c34_papers(c34, chair, start=MORNING_STARTS_AT)
    assert not Document.objects.exists()  # all of the papers, or none of them


@pytest.mark.django_db
def test_the_papers_follow_the_morning_when_played_on_their_own() -> None:
    seed()
    c34 = Committee.objects.get(slug="c34")
    chair = User.objects.create_user("a-chair")
    morning = play_c34_morning(c34, chair)
    summary = papers.play_c34_papers(c34, chair, start=morning.finished_at)
    assert [p.label for p in summary.papers] == ["DR 1.1", "DR 1.2"]
    assert summary.finished_at > morning.finished_at
    assert summary.line() == (
        "2 papers: DR 1.1 (amended once, one amendment awaiting the vote), DR 1.2"
    )
