"""Points (procedure.md §4): raised on phones, admitted by the engine, resolved by the dais."""

import pytest
from django.urls import reverse

from committee.floor import decode_value
from committee.log.describe import describe_event
from committee.models import Ruling
from committee.procedure.choices import MotionCode, PointKind
from committee.procedure.errors import ProcedureError
from committee.procedure.facts.points import PointResolved
from committee.procedure.points import Admission, PointOutcome
from committee.selectors import FloorView
from committee.services import caucuses, motions, points
from committee.services.floor import FloorRefusal
from tests.committee.floor_clock import Clock, start_clock
from tests.committee.floor_points_helpers import (
    dais_panel,
    doc_of,
    end_speech,
    give_floor,
    in_debate,
    into_voting_procedure,
    last_event,
    phone_of,
    remaining_seconds,
)
from tests.conftest import user_client

pytestmark = pytest.mark.django_db


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Clock:
    return start_clock(monkeypatch)


def raise_point(world, delegation, kind, **options):
    return points.point_raise(
        committee=world.committee, delegation=delegation, kind=PointKind(kind), **options
    )


def refusal_code(call) -> str:
    with pytest.raises(ProcedureError) as refused:
        call()
    return refused.value.code


# ---- which points the phone offers, and who may raise one ------------------------------------


def test_the_phone_offers_only_the_points_in_order_now():
    world = in_debate("un_ga")
    html = phone_of(world.committee, world.france)
    assert 'data-testid="raise-order"' in html
    assert 'data-testid="raise-audibility"' not in html
    assert 'data-testid="raise-parliamentary_inquiry"' not in html


def test_the_phone_in_voting_procedure_offers_the_conduct_of_the_vote():
    world = in_debate()
    into_voting_procedure(world)
    html = phone_of(world.committee, world.china)
    assert "Point of order on the conduct of the vote" in html
    assert '"conduct_of_vote": "1"' in html
    assert 'data-testid="raise-information_to_chair"' not in html


def test_an_absent_delegation_cannot_raise_a_point():
    world = in_debate()
    assert refusal_code(lambda: raise_point(world, world.kenya, "order")) == "raiser_not_present"
    assert 'data-testid="phone-points"' not in phone_of(world.committee, world.kenya)


# ---- interrupting and waiting ----------------------------------------------------------------


def test_audibility_pauses_the_speaker_and_keeps_the_remaining_time(clock):
    world = in_debate()
    give_floor(world, world.france)
    clock.advance(20)
    pending = raise_point(world, world.china, "personal_privilege", audibility=True)
    assert pending.admission is Admission.INTERRUPT
    assert remaining_seconds(world.committee) == 70
    clock.advance(45)
    assert remaining_seconds(world.committee) == 70  # the clock stood still meanwhile

    points.point_resolve(
        committee=world.committee, user=world.chair, seq=pending.point.seq, outcome="answered"
    )
    assert not doc_of(world.committee).speech.timer.running  # no silent restart
    assert 'data-testid="points-resume"' in dais_panel(world.committee)

    points.point_speaker_resume(committee=world.committee, user=world.chair)
    clock.advance(10)
    assert remaining_seconds(world.committee) == 60
    assert doc_of(world.committee).point_hold is None
    assert 'data-testid="points-resume"' not in dais_panel(world.committee)


def test_a_queued_point_waits_while_the_speaker_has_the_floor(clock):
    world = in_debate()
    give_floor(world, world.france)
    raise_point(world, world.china, "parliamentary_inquiry", text="How long are speeches?")
    assert doc_of(world.committee).speech.timer.running
    panel = dais_panel(world.committee)
    assert "Waits for the floor" in panel
    assert "How long are speeches?" in panel
    assert "Waiting until the speaker finishes." in phone_of(world.committee, world.china)

    end_speech(world)
    assert "Waits for the floor" not in dais_panel(world.committee)
    assert "The chair will hear you now." in phone_of(world.committee, world.china)


def test_an_interrupting_point_also_stops_a_moderated_caucus_speaker(clock):
    world = in_debate()
    motions.motion_raise(
        committee=world.committee,
        code=MotionCode.MODERATED_CAUCUS.value,
        mover_id=world.france.pk,
        total_seconds=600,
        speaker_seconds=60,
        topic="Mandates",
        user=world.chair,
    )
    motion_id = doc_of(world.committee).motions.motions[-1].id
    motions.motion_second(
        committee=world.committee, motion_id=motion_id, seconder_id=world.china.pk, user=world.chair
    )
    motions.motion_vote_open(
        committee=world.committee, user=world.chair, motion_id=motion_id, by_phone=False
    )
    motions.motion_vote_close(committee=world.committee, user=world.chair, yes=3, no=0)
    assert doc_of(world.committee).caucus is not None
    caucuses.caucus_recognise(
        committee=world.committee, user=world.chair, delegation_id=world.brazil.pk
    )
    clock.advance(15)
    raise_point(world, world.china, "personal_privilege", audibility=True)
    caucus = doc_of(world.committee).caucus
    assert not caucus.total.running and not caucus.slot.running
    assert caucus.slot.remaining.total_seconds() == 45

    points.point_speaker_resume(committee=world.committee, user=world.chair)
    caucus = doc_of(world.committee).caucus
    assert caucus.total.running and caucus.slot.running


# ---- the dais --------------------------------------------------------------------------------


def test_the_dais_sees_points_in_priority_order_with_the_interrupting_one_flagged(clock):
    world = in_debate(points_enabled=["personal_privilege", "order", "parliamentary_inquiry"])
    give_floor(world, world.france)
    raise_point(world, world.brazil, "parliamentary_inquiry")
    raise_point(world, world.france, "order")
    raise_point(world, world.china, "personal_privilege", audibility=True)
    rows = FloorView(world.committee).points_panel.points
    assert [row.kind for row in rows] == ["personal_privilege", "order", "parliamentary_inquiry"]

    html = dais_panel(world.committee)
    assert html.index("China") < html.index("France") < html.index("Brazil")
    assert html.count('data-testid="point-interrupting"') == 1
    assert "points--pending" in html
    assert html.count('data-shortcut="p"') == 1
    first_item = html[html.index('data-testid="point"') :]
    assert first_item.index('data-shortcut="p"') < first_item.index("France")


def test_the_panel_is_a_compact_line_when_nothing_is_pending():
    world = in_debate()
    html = dais_panel(world.committee)
    assert 'data-testid="points-none"' in html
    assert "No points" in html
    assert "points--pending" not in html


def test_resolving_a_point_of_order_records_the_ruling_in_the_log():
    world = in_debate()
    pending = raise_point(world, world.france, "order", text="The speaker was not recognised")
    points.point_resolve(
        committee=world.committee,
        user=world.chair,
        seq=pending.point.seq,
        outcome="not_well_taken",
        note="The chair recognised the speaker",
    )
    assert doc_of(world.committee).points == ()
    event = last_event(world.committee)
    assert event.kind == "point_resolved"
    resolved = decode_value(event.payload, PointResolved)
    assert resolved.point.kind is PointKind.ORDER
    assert resolved.outcome is PointOutcome.NOT_WELL_TAKEN
    assert resolved.appealable is True
    assert resolved.note == "The chair recognised the speaker"
    ruling = Ruling.objects.get(committee=world.committee)
    assert (ruling.subject, ruling.decision) == ("order", "not_well_taken")
    assert ruling.state == "in_force"
    assert ruling.point_by == world.france


def test_a_point_already_resolved_cannot_be_resolved_again():
    world = in_debate()
    seq = raise_point(world, world.france, "order").point.seq
    points.point_resolve(committee=world.committee, user=world.chair, seq=seq, outcome="answered")
    with pytest.raises(FloorRefusal):
        points.point_resolve(
            committee=world.committee, user=world.chair, seq=seq, outcome="answered"
        )


def test_raising_and_resolving_read_as_sentences_in_the_action_log():
    world = in_debate()
    seq = raise_point(world, world.france, "order", text="Wrong order").point.seq
    raised = describe_event(last_event(world.committee), "en")
    assert raised == "Point of order · France · “Wrong order”"
    points.point_resolve(
        committee=world.committee, user=world.chair, seq=seq, outcome="well_taken", note="Agreed"
    )
    resolved = describe_event(last_event(world.committee), "en")
    assert resolved == (
        "Point of order · France · ruled well taken · “Agreed” · the ruling may be appealed"
    )


# ---- the phone: one's own point only ---------------------------------------------------------


def test_a_delegate_raises_and_withdraws_their_own_point(make_delegate_client):
    world = in_debate()
    phone = make_delegate_client(world.france)
    slug = world.committee.slug
    response = phone.post(
        reverse("delegate_points_raise", args=[slug]),
        {"point": "audibility", "text": "Microphone off"},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 204
    pending = doc_of(world.committee).points[0]
    assert pending.point.delegation == str(world.france.pk)
    assert pending.point.audibility and pending.text == "Microphone off"
    html = phone_of(world.committee, world.france)
    assert 'data-testid="own-point"' in html and "Microphone off" in html

    response = phone.post(
        reverse("delegate_points_withdraw", args=[slug, pending.point.seq]),
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 204
    assert doc_of(world.committee).points == ()
    assert last_event(world.committee).kind == "point_withdrawn"


def test_a_delegate_cannot_withdraw_another_delegations_point(make_delegate_client):
    world = in_debate()
    seq = raise_point(world, world.france, "order").point.seq
    response = make_delegate_client(world.china).post(
        reverse("delegate_points_withdraw", args=[world.committee.slug, seq]),
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 409
    assert "only its own point" in response.content.decode()
    assert len(doc_of(world.committee).points) == 1


def test_a_delegate_cannot_raise_a_point_for_another_delegation(make_delegate_client):
    world = in_debate()
    response = make_delegate_client(world.china).post(
        reverse("delegate_points_raise", args=[world.committee.slug]),
        {"point": "order", "delegation": world.france.pk, "delegation_id": world.france.pk},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 204
    assert doc_of(world.committee).points[0].point.delegation == str(world.china.pk)


def test_the_phone_gets_the_engines_refusal_in_words(make_delegate_client):
    world = in_debate("un_ga")
    response = make_delegate_client(world.france).post(
        reverse("delegate_points_raise", args=[world.committee.slug]),
        {"point": "parliamentary_inquiry"},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 409
    assert "is not used in this committee" in response.content.decode()


def test_the_phone_must_choose_a_known_point(make_delegate_client):
    world = in_debate()
    response = make_delegate_client(world.france).post(
        reverse("delegate_points_raise", args=[world.committee.slug]),
        {"point": "motion"},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 400


def test_the_dais_resolves_and_resumes_through_its_views(clock):
    world = in_debate()
    dais = user_client(world.chair)
    give_floor(world, world.france)
    seq = raise_point(world, world.china, "personal_privilege", audibility=True).point.seq
    slug = world.committee.slug
    url = reverse("floor_points_resolve", args=[slug, seq])
    assert dais.post(url, {"outcome": "maybe"}, HTTP_HX_REQUEST="true").status_code == 400
    assert dais.post(url, {"outcome": "answered"}, HTTP_HX_REQUEST="true").status_code == 204
    assert dais.post(url, {"outcome": "answered"}, HTTP_HX_REQUEST="true").status_code == 409
    resume = reverse("floor_points_resume", args=[slug])
    assert dais.post(resume, HTTP_HX_REQUEST="true").status_code == 204
    assert doc_of(world.committee).speech.timer.running
    assert dais.post(resume, HTTP_HX_REQUEST="true").status_code == 409
