"""The export bench's committee is as big as it says, shaped as the services shape it, and its
log is a real one: `chain.verify` (the report's seal) finds it intact."""

from collections import Counter

import pytest
from django.db import transaction
from django.db.models import Count

from bench import big_committee
from committee.log import chain
from committee.models import (
    AttendanceRecord,
    Ballot,
    DocumentVersion,
    Floor,
    FloorEvent,
    Question,
    Signature,
)
from committee.procedure.facts import EventKind, payload_type
from committee.report.tables import record_tables

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def built(django_db_setup, django_db_blocker):
    """Built once for the module (it takes a few seconds), and rolled back afterwards."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield big_committee.build()
        transaction.set_rollback(True)


def test_it_has_what_the_benchmark_claims(built):
    committee = built.committee
    assert committee.delegations.count() == 193
    assert set(committee.delegations.values_list("country", flat=True)) == set(
        big_committee.UN_MEMBERS
    )
    assert committee.delegations.filter(name="China", name_zh="中国").exists()
    assert committee.sessions.count() == 8
    assert committee.speeches.count() == 2000
    assert committee.motions.count() == 300
    papers = committee.documents.filter(kind="draft_resolution")
    assert papers.count() == 10
    assert Counter(papers.values_list("status", flat=True)) == {
        "adopted": 6,
        "rejected": 3,
        "withdrawn": 1,
    }
    assert built.counts["speeches"] == 2000 and built.counts["events"] > 10_000


def test_every_delegation_has_its_attendance_in_every_session_some_absent_or_late(built):
    records = AttendanceRecord.objects.filter(session__committee=built.committee)
    assert records.count() == 8 * 193
    assert records.filter(status="absent").exists()
    late = 0
    for session in built.committee.sessions.all():
        closed = FloorEvent.objects.get(session=session, kind=EventKind.ROLL_CALL_CLOSED)
        late += records.filter(session=session, since__gt=closed.created_at).count()
    assert late > 0


def test_the_papers_have_clauses_signatures_amendments_and_their_votes(built):
    committee = built.committee
    adopted = committee.documents.filter(status="adopted")
    assert sorted(adopted.values_list("resolution_number", flat=True)) == [1, 2, 3, 4, 5, 6]
    for paper in committee.documents.all():
        body = paper.versions.get(number=paper.version).body
        assert len(body["preambular"]) >= 8 and len(body["operative"]) >= 12
        assert any(clause["children"] for clause in body["operative"])
        sponsors = paper.signatures.filter(role=Signature.Role.SPONSOR, signed_at__isnull=False)
        signatories = paper.signatures.filter(role=Signature.Role.SIGNATORY, ended="")
        assert sponsors.exists() and signatories.count() >= paper.quota
    assert DocumentVersion.objects.filter(
        document__committee=committee, source=DocumentVersion.Source.AMENDMENT
    ).exists()
    dr_votes = Question.objects.filter(committee=committee, kind=Question.Kind.DR)
    assert dr_votes.filter(passed=True).count() == 6
    assert dr_votes.filter(passed=False).count() == 3
    roll_calls = dr_votes.filter(method=Question.Method.ROLL_CALL)
    assert roll_calls.filter(passed=True).count() == 2
    first_round = Ballot.objects.filter(question__in=roll_calls, round=1)
    by_question = first_round.values("question").annotate(n=Count("pk"))
    assert {row["n"] for row in by_question} == {193}
    assert Question.objects.filter(committee=committee, kind=Question.Kind.AMENDMENT).exists()


def test_the_log_is_chained_in_order_and_replays_to_the_floor_stored(built):
    committee = built.committee
    checked, problem = chain.verify(committee)
    assert problem is None
    floor = Floor.objects.get(committee=committee)
    assert checked == floor.seq == built.counts["events"]
    assert floor.last_hash == FloorEvent.objects.get(committee=committee, seq=floor.seq).hash
    assert len(floor.state["attendance"]) == 193


def test_every_event_carries_its_kinds_facts(built):
    events = FloorEvent.objects.filter(committee=built.committee)
    kinds = set(events.values_list("kind", flat=True))
    for kind in kinds:
        payload = events.filter(kind=kind).values_list("payload", flat=True).first()
        fields = payload_type(EventKind(kind)).__dataclass_fields__
        assert set(payload) == set(fields), kind
    raised = events.filter(kind=EventKind.POINT_RAISED, actor_delegation__isnull=False)
    assert raised.exists()


def test_the_tables_export_reads_it(built):
    tables = {table.name: table for table in record_tables(built.committee)}
    assert len(tables["speeches"].rows) == 2000
    assert len(tables["motions"].rows) == 300
    assert len(tables["attendance"].rows) == 8 * 193
