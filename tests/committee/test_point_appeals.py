"""Appeals of the chair's rulings on points of order (procedure.md §3.4, §4, §8.17): raised on
the phone or recorded by the dais, voted like any appeal, written to the record's rows."""

import pytest
from django.urls import reverse

from committee.floor import decode_value
from committee.log.describe import describe_event
from committee.models import Appeal, Motion, Ruling
from committee.procedure.errors import ProcedureError
from committee.procedure.facts.motions import MotionRaised, MotionVoteClosed
from committee.procedure.points import PointOutcome
from committee.selectors import FloorView
from committee.services import floor, motions, points
from tests.committee.floor_points_helpers import (
    World,
    dais_panel,
    doc_of,
    in_debate,
    last_event,
    phone_of,
)
from tests.conftest import user_client
from tests.regions import render_regions

pytestmark = pytest.mark.django_db


def ruled(world: World, outcome: str = "not_well_taken") -> str:
    """France raises a point of order and the chair rules on it: the ruling's id."""
    pending = points.point_raise(committee=world.committee, delegation=world.france, kind="order")
    points.point_resolve(
        committee=world.committee, user=world.chair, seq=pending.point.seq, outcome=outcome
    )
    (ruling,) = doc_of(world.committee).point_rulings
    return ruling.ruling.id


def appeal_on_phone(world: World, ruling_id: str, by=None) -> str:
    """The delegation (France by default) appeals on its phone: the appeal motion's id."""
    by = by or world.france
    motions.motion_appeal(
        committee=world.committee, appellant_id=by.pk, ruling_id=ruling_id, delegation=by
    )
    return decode_value(last_event(world.committee).payload, MotionRaised).motion


def second_and_vote(world: World, appeal_id: str, *, by_phone: bool = False) -> None:
    motions.motion_second(
        committee=world.committee,
        motion_id=appeal_id,
        seconder_id=world.china.pk,
        delegation=world.china,
    )
    motions.motion_vote_open(
        committee=world.committee, user=world.chair, motion_id=appeal_id, by_phone=by_phone
    )


def motions_panel(world: World) -> str:
    return render_regions(FloorView(world.committee), ("motions",))["en"]


def refusal_code(call) -> str:
    with pytest.raises(ProcedureError) as refused:
        call()
    return refused.value.code


# ---- the appeal moved ---------------------------------------------------------------------------


def test_an_appeal_of_a_point_ruling_freezes_its_row_and_names_the_appellant():
    world = in_debate()
    ruling_id = ruled(world)
    appeal_id = appeal_on_phone(world, ruling_id)

    ruling = Ruling.objects.get(committee=world.committee)
    assert (ruling.point_by, ruling.state) == (world.france, "under_appeal")
    appeal = Appeal.objects.get(ruling=ruling)
    assert (appeal.appellant, appeal.question, appeal.overturned) == (world.france, None, None)
    row = Motion.objects.get(committee=world.committee, floor_id=appeal_id)
    assert (row.code, row.mover, row.fields) == ("appeal", world.france, {"target": ruling_id})
    assert describe_event(last_event(world.committee), "en") == (
        "Appeal of the ruling on the point of order of France moved by France"
    )
    (frozen,) = doc_of(world.committee).point_rulings
    assert frozen.ruling.state == "under_appeal"


def test_a_second_appellant_joins_the_appeal_without_a_second_appeal_row():
    world = in_debate()
    ruling_id = ruled(world)
    appeal_id = appeal_on_phone(world, ruling_id)
    appeal_on_phone(world, ruling_id, by=world.brazil)
    (appeal,) = doc_of(world.committee).motions.pending
    assert appeal.id == appeal_id
    assert appeal.movers == (str(world.france.pk), str(world.brazil.pk))
    assert Appeal.objects.filter(ruling__committee=world.committee).count() == 1


def test_the_dais_records_the_appeal_of_a_delegation_without_a_phone():
    world = in_debate()
    ruling_id = ruled(world)
    motions.motion_appeal(
        committee=world.committee,
        appellant_id=world.brazil.pk,
        ruling_id=ruling_id,
        user=world.chair,
    )
    appeal = Appeal.objects.get(ruling__committee=world.committee)
    assert appeal.appellant == world.brazil
    event = last_event(world.committee)
    assert (event.actor_user, event.actor_delegation) == (world.chair, None)


def test_appeals_are_refused_when_off_twice_or_for_another_delegation():
    off = in_debate(appeal_enabled=False)
    ruling_id = ruled(off)
    assert refusal_code(lambda: appeal_on_phone(off, ruling_id)) == "appeal_disabled"
    assert not Appeal.objects.filter(ruling__committee=off.committee).exists()

    world = in_debate()
    ruling_id = ruled(world)
    acting_for_another = lambda: motions.motion_appeal(  # noqa: E731
        committee=world.committee,
        appellant_id=world.china.pk,
        ruling_id=ruling_id,
        delegation=world.france,
    )
    assert refusal_code(acting_for_another) == "acts_only_for_itself"
    appeal_id = appeal_on_phone(world, ruling_id)
    second_and_vote(world, appeal_id)
    motions.motion_vote_close(committee=world.committee, user=world.chair, yes=0, no=3)
    assert refusal_code(lambda: appeal_on_phone(world, ruling_id)) == "ruling_already_appealed"
    assert Appeal.objects.filter(ruling__committee=world.committee).count() == 1


def test_a_ruling_on_a_point_the_profile_makes_final_is_not_appealable():
    world = in_debate(non_appealable_rulings=["point_of_order"])
    ruling_id = ruled(world)
    assert refusal_code(lambda: appeal_on_phone(world, ruling_id)) == "not_appealable"
    assert 'data-testid="appeal-point-ruling"' not in phone_of(world.committee, world.france)


def test_undo_takes_a_recorded_appeal_back_and_the_ruling_is_in_force_again():
    world = in_debate()
    ruling_id = ruled(world)
    motions.motion_appeal(
        committee=world.committee,
        appellant_id=world.brazil.pk,
        ruling_id=ruling_id,
        user=world.chair,
    )
    assert Appeal.objects.filter(ruling__committee=world.committee).exists()
    floor.floor_undo(committee=world.committee, user=world.chair)
    assert not Appeal.objects.filter(ruling__committee=world.committee).exists()
    assert Ruling.objects.get(committee=world.committee).state == "in_force"
    (ruling,) = doc_of(world.committee).point_rulings
    assert ruling.ruling.state == "in_force"
    assert doc_of(world.committee).motions.pending == ()


# ---- the appeal decided -------------------------------------------------------------------------


def test_a_placard_vote_overturns_the_ruling_and_every_row_says_so():
    world = in_debate()
    ruling_id = ruled(world)
    appeal_id = appeal_on_phone(world, ruling_id)
    second_and_vote(world, appeal_id)
    appeal = Appeal.objects.get(ruling__committee=world.committee)
    assert appeal.question is not None  # the vote is linked to the appeal as it opens

    motions.motion_vote_close(committee=world.committee, user=world.chair, yes=2, no=1)  # ⅔ of 3
    appeal.refresh_from_db()
    ruling = Ruling.objects.get(committee=world.committee)
    assert (ruling.state, appeal.overturned) == ("overturned", True)
    question = appeal.question
    assert (question.yes, question.no, question.passed) == (2, 1, True)
    assert question.motion.floor_id == appeal_id
    assert Motion.objects.get(committee=world.committee, floor_id=appeal_id).status == "carried"
    closed = decode_value(last_event(world.committee).payload, MotionVoteClosed)
    assert (closed.ruling_overturned, closed.point_by) == (True, world.france.pk)
    assert describe_event(last_event(world.committee), "en") == (
        "Appeal: the ruling on the point of order of France is overturned (2–1)"
    )
    assert "Overturned on appeal: your point is well taken." in phone_of(
        world.committee, world.france
    )
    panel = motions_panel(world)
    assert "The chair ruled the point of order of France not well taken." in panel
    assert "overturned on appeal" in panel


def test_a_phone_vote_that_falls_short_upholds_the_ruling():
    world = in_debate()
    ruling_id = ruled(world, "well_taken")
    appeal_id = appeal_on_phone(world, ruling_id, by=world.brazil)
    second_and_vote(world, appeal_id, by_phone=True)
    for delegation, choice in ((world.france, "no"), (world.china, "no"), (world.brazil, "yes")):
        motions.motion_ballot_cast(committee=world.committee, delegation=delegation, choice=choice)
    motions.motion_vote_close(committee=world.committee, user=world.chair)

    ruling = Ruling.objects.get(committee=world.committee)
    appeal = Appeal.objects.get(ruling=ruling)
    assert (ruling.state, appeal.overturned, appeal.appellant) == ("upheld", False, world.brazil)
    assert (appeal.question.yes, appeal.question.no, appeal.question.passed) == (1, 2, False)
    assert Motion.objects.get(committee=world.committee, floor_id=appeal_id).status == "failed"
    assert describe_event(last_event(world.committee), "en") == (
        "Appeal: the ruling on the point of order of France stands (1–2)"
    )
    assert "Upheld on appeal: the ruling stands." in phone_of(world.committee, world.france)


def test_an_overturned_ruling_out_of_order_puts_the_point_back_before_the_chair():
    world = in_debate()
    ruling_id = ruled(world, "out_of_order")
    appeal_id = appeal_on_phone(world, ruling_id)
    second_and_vote(world, appeal_id)
    motions.motion_vote_close(committee=world.committee, user=world.chair, yes=3, no=0)

    assert Ruling.objects.get(committee=world.committee).state == "overturned"
    (back,) = doc_of(world.committee).points
    assert (back.point.delegation, back.point.kind) == (str(world.france.pk), "order")
    assert describe_event(last_event(world.committee), "en") == (
        "Appeal: the ruling on the point of order of France is overturned (3–0); "
        "the chair hears the point again"
    )
    assert 'data-testid="point"' in dais_panel(world.committee)
    # The chair rules on it again: a ruling of its own, which may be appealed in turn.
    points.point_resolve(
        committee=world.committee,
        user=world.chair,
        seq=back.point.seq,
        outcome=PointOutcome.NOT_WELL_TAKEN,
    )
    rows = Ruling.objects.filter(committee=world.committee).order_by("pk")
    assert [row.state for row in rows] == ["overturned", "in_force"]
    assert 'data-testid="appeal-point-ruling"' in phone_of(world.committee, world.france)


# ---- the phone and the dais ---------------------------------------------------------------------


def test_the_phone_offers_the_appeal_and_posting_it_moves_the_appeal(make_delegate_client):
    world = in_debate()
    ruling_id = ruled(world)
    phone = phone_of(world.committee, world.france)
    assert 'data-testid="appeal-point-ruling"' in phone
    assert f'hx-vals=\'{{"ruling": "{ruling_id}"}}\'' in phone
    assert reverse("delegate_motions_appeal", args=[world.committee.slug]) in phone

    response = make_delegate_client(world.france).post(
        reverse("delegate_motions_appeal", args=[world.committee.slug]),
        {"ruling": ruling_id},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 204
    assert Appeal.objects.get(ruling__committee=world.committee).appellant == world.france
    phone = phone_of(world.committee, world.france)
    assert 'data-testid="appeal-point-ruling"' not in phone
    assert "Under appeal: the committee votes on it first." in phone
    assert "The chair ruled the point of order of France not well taken." in motions_panel(world)


def test_the_phone_no_longer_offers_the_appeal_once_the_chair_rules_again(make_delegate_client):
    world = in_debate()
    ruling_id = ruled(world)
    pending = points.point_raise(committee=world.committee, delegation=world.china, kind="order")
    points.point_resolve(
        committee=world.committee, user=world.chair, seq=pending.point.seq, outcome="well_taken"
    )
    assert 'data-testid="appeal-point-ruling"' not in phone_of(world.committee, world.france)
    assert 'data-testid="appeal-point-ruling"' in phone_of(world.committee, world.china)
    response = make_delegate_client(world.france).post(
        reverse("delegate_motions_appeal", args=[world.committee.slug]),
        {"ruling": ruling_id},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 409
    assert "The floor has moved on since this ruling" in response.content.decode()
    assert not Appeal.objects.filter(ruling__committee=world.committee).exists()


def test_a_ruling_named_too_long_is_refused_as_bad_input(make_delegate_client):
    world = in_debate()
    ruled(world)
    response = make_delegate_client(world.france).post(
        reverse("delegate_motions_appeal", args=[world.committee.slug]),
        {"ruling": "x" * 500},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 400
    assert not Appeal.objects.filter(ruling__committee=world.committee).exists()


def test_the_dais_sees_the_ruling_and_records_an_appeal_for_a_delegation():
    world = in_debate()
    ruling_id = ruled(world)
    panel = motions_panel(world)
    assert 'data-testid="point-ruling"' in panel
    assert 'data-testid="record-appeal"' in panel
    assert reverse("floor_motions_appeal", args=[world.committee.slug]) in panel

    response = user_client(world.chair).post(
        reverse("floor_motions_appeal", args=[world.committee.slug]),
        {"ruling": ruling_id, "appellant": world.brazil.pk},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 204
    assert Appeal.objects.get(ruling__committee=world.committee).appellant == world.brazil
    panel = motions_panel(world)
    assert 'data-testid="appealed-point-ruling"' in panel
    assert "under appeal: the appeal is voted first" in panel
    assert 'data-testid="point-ruling"' not in panel  # no longer open to another appeal


def test_the_dais_records_an_appeal_of_its_last_ruling_on_a_motion_too():
    world = in_debate()
    motions.motion_raise(
        committee=world.committee,
        code="suspend_meeting",
        mover_id=world.china.pk,
        delegation=world.china,
    )
    (motion,) = doc_of(world.committee).motions.pending
    motions.motion_second(
        committee=world.committee,
        motion_id=motion.id,
        seconder_id=world.brazil.pk,
        delegation=world.brazil,
    )
    motions.motion_rule(
        committee=world.committee, user=world.chair, motion_id=motion.id, decision="out_of_order"
    )
    assert 'data-testid="record-appeal"' in motions_panel(world)
    response = user_client(world.chair).post(
        reverse("floor_motions_appeal", args=[world.committee.slug]),
        {"appellant": world.china.pk},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 204
    appeal = Appeal.objects.get(ruling__committee=world.committee)
    assert (appeal.appellant, appeal.ruling.motion.floor_id) == (world.china, motion.id)
    assert doc_of(world.committee).motion_ruling.ruling.state == "under_appeal"
    missing = user_client(world.chair).post(
        reverse("floor_motions_appeal", args=[world.committee.slug]), HTTP_HX_REQUEST="true"
    )
    assert missing.status_code == 400  # no appellant named
