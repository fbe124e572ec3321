"""A mover without a working phone answers the offered change aloud; the dais records it.

The answer does to the floor and the record exactly what the same answer from the mover's phone
does; the log names the dais user as the actor, the mover in the payload, and says the dais
answered.
"""

import pytest
from django.urls import reverse

from committee.floor import decode_value
from committee.log.describe import describe_event
from committee.models import Delegation, FloorEvent, Motion
from committee.procedure.errors import ProcedureError
from committee.procedure.facts import EventKind
from committee.procedure.facts.motions import MotionChange
from committee.services import floor, motions
from tests.committee.floor_clock import start_clock
from tests.committee.test_floor_motions import (
    doc_of,
    open_floor,
    panel_html,
    raise_motion,
    raise_seconded,
)
from tests.conftest import user_client

pytestmark = pytest.mark.django_db

CHINESE_NAMES = {"Alpha": "阿尔法", "Beta": "贝塔", "Gamma": "伽马"}


def with_chinese_names():
    committee, user, d = open_floor(tuple(CHINESE_NAMES))
    for english, chinese in CHINESE_NAMES.items():
        Delegation.objects.filter(pk=d[english].pk).update(name_zh=chinese)
    return committee, user, d


def over_the_caps(committee, d):
    """Alpha moves an unmoderated caucus longer than the caps allow: the capped values wait."""
    return raise_motion(
        committee, d["Alpha"], "unmoderated_caucus", total_seconds=60 * 60, topic="Lobby"
    )


def with_a_suggested_change(committee, user, d):
    """Alpha's moderated caucus, seconded, with the chair's shorter time waiting for Alpha."""
    motion_id = raise_seconded(
        committee,
        d["Alpha"],
        d["Beta"],
        "moderated_caucus",
        total_seconds=600,
        speaker_seconds=90,
        topic="Mandates",
    )
    motions.motion_suggest(committee=committee, user=user, motion_id=motion_id, total_seconds=360)
    return motion_id


def make_offer(kind, committee, user, d):
    if kind == "over the caps":
        return over_the_caps(committee, d)
    return with_a_suggested_change(committee, user, d)


def post_answer(committee, user, motion_id, answer):
    return user_client(user).post(
        reverse("floor_motions_answer", args=[committee.slug]),
        {"motion_id": motion_id, "answer": answer},
        HTTP_HX_REQUEST="true",
    )


def last_event(committee):
    return FloorEvent.objects.filter(committee=committee).latest("seq")


def floor_outcome(committee):
    """The motions on the floor and waiting, and their rows, without the committee's ids."""
    doc = doc_of(committee)
    on_floor = [
        (m.id, m.code, m.status, m.total_seconds, m.speaker_seconds, m.topic, m.decided_at)
        for m in doc.motions.motions
    ]
    waiting = [(o.motion.id, o.friendly) for o in doc.motion_offers]
    rows = list(
        Motion.objects.filter(committee=committee)
        .order_by("floor_id")
        .values_list("floor_id", "status", "fields")
    )
    return on_floor, waiting, rows


# ---- the same answer as from the phone ----------------------------------------------------------


@pytest.mark.parametrize("answer", ["accept", "refuse"])
@pytest.mark.parametrize("offer", ["over the caps", "suggested"])
def test_the_dais_answer_does_what_the_movers_phone_would_do(offer, answer, monkeypatch):
    start_clock(monkeypatch)  # one instant for both committees: the times they keep compare
    by_phone, phone_user, phone_d = open_floor()
    phone_motion = make_offer(offer, by_phone, phone_user, phone_d)
    motions.motion_offer_answer(
        committee=by_phone,
        motion_id=phone_motion,
        accept=answer == "accept",
        delegation=phone_d["Alpha"],
    )

    by_dais, dais_user, dais_d = open_floor()
    dais_motion = make_offer(offer, by_dais, dais_user, dais_d)
    response = post_answer(by_dais, dais_user, dais_motion, answer)

    assert response.status_code == 204
    assert dais_motion == phone_motion
    assert floor_outcome(by_dais) == floor_outcome(by_phone)
    assert doc_of(by_dais).motion_offers == ()


def test_accepting_the_capped_values_puts_the_capped_motion_on_the_floor():
    committee, user, d = open_floor()
    motion_id = over_the_caps(committee, d)
    capped = doc_of(committee).motion_offers[0].suggestion.total_seconds

    assert post_answer(committee, user, motion_id, "accept").status_code == 204

    (motion,) = doc_of(committee).motions.pending
    assert (motion.id, motion.total_seconds, motion.mover) == (
        motion_id,
        capped,
        str(d["Alpha"].pk),
    )
    assert Motion.objects.get(committee=committee, floor_id=motion_id).fields["total_seconds"] == (
        capped
    )


def test_refusing_the_capped_values_leaves_the_motion_out_of_order():
    committee, user, d = open_floor()
    motion_id = over_the_caps(committee, d)

    assert post_answer(committee, user, motion_id, "refuse").status_code == 204

    doc = doc_of(committee)
    assert doc.motions.pending == ()
    assert [(m.id, m.status) for m in doc.motions.motions] == [(motion_id, "out_of_order")]
    assert Motion.objects.get(committee=committee, floor_id=motion_id).status == "out_of_order"


# ---- the record ---------------------------------------------------------------------------------


def test_the_log_names_the_dais_user_as_actor_and_the_mover_in_the_payload():
    committee, user, d = open_floor()
    motion_id = over_the_caps(committee, d)
    post_answer(committee, user, motion_id, "accept")

    event = last_event(committee)
    assert event.kind == EventKind.MOTION_CHANGE_ACCEPTED
    assert (event.actor_user_id, event.actor_delegation_id) == (user.pk, None)
    facts = decode_value(event.payload, MotionChange)
    assert (facts.motion, facts.mover, facts.friendly) == (motion_id, d["Alpha"].pk, False)
    assert facts.answered_by_dais is True


def test_a_phone_answer_is_not_marked_as_the_dais_answer():
    committee, _user, d = open_floor()
    motion_id = over_the_caps(committee, d)
    motions.motion_offer_answer(
        committee=committee, motion_id=motion_id, accept=True, delegation=d["Alpha"]
    )

    event = last_event(committee)
    assert (event.actor_user_id, event.actor_delegation_id) == (None, d["Alpha"].pk)
    assert decode_value(event.payload, MotionChange).answered_by_dais is False
    assert describe_event(event, "en") == "The mover accepted the change to Unmoderated caucus"


def test_the_sentences_say_the_dais_answered_for_the_mover_in_both_languages():
    committee, user, d = with_chinese_names()
    caucus = with_a_suggested_change(committee, user, d)
    post_answer(committee, user, caucus, "refuse")
    refused = last_event(committee)
    motions.motion_suggest(committee=committee, user=user, motion_id=caucus, total_seconds=300)
    post_answer(committee, user, caucus, "accept")
    accepted = last_event(committee)
    over = over_the_caps(committee, d)
    post_answer(committee, user, over, "refuse")
    limits_refused = last_event(committee)

    assert describe_event(refused, "en") == (
        "Alpha refused the change to Moderated caucus (answered by the dais)"
    )
    assert describe_event(accepted, "en") == (
        "Alpha accepted the change to Moderated caucus (answered by the dais)"
    )
    assert describe_event(limits_refused, "en") == (
        "Alpha refused the limits (answered by the dais): Unmoderated caucus is out of order"
    )
    assert describe_event(refused, "zh-hans") == (
        "阿尔法拒绝了对有主持核心磋商的修改（由主席团代为答复）"
    )
    assert describe_event(accepted, "zh-hans") == (
        "阿尔法接受了对有主持核心磋商的修改（由主席团代为答复）"
    )
    assert describe_event(limits_refused, "zh-hans") == (
        "阿尔法拒绝遵守限制（由主席团代为答复）：自由磋商不合程序"
    )


def test_the_dais_can_undo_the_answer_it_recorded_and_the_offer_waits_again():
    committee, user, d = open_floor()
    motion_id = over_the_caps(committee, d)
    waiting = doc_of(committee).motion_offers
    post_answer(committee, user, motion_id, "refuse")

    floor.floor_undo(committee=committee, user=user)

    doc = doc_of(committee)
    assert doc.motion_offers == waiting
    assert doc.motions.motions == ()
    assert Motion.objects.get(committee=committee, floor_id=motion_id).status == "pending"


# ---- refusals -----------------------------------------------------------------------------------


def test_an_offer_already_answered_is_refused_with_the_reason():
    committee, user, d = open_floor()
    motion_id = over_the_caps(committee, d)
    motions.motion_offer_answer(
        committee=committee, motion_id=motion_id, accept=True, delegation=d["Alpha"]
    )
    answers = FloorEvent.objects.filter(committee=committee).count()

    response = post_answer(committee, user, motion_id, "refuse")

    assert response.status_code == 409
    assert "That change is no longer waiting for an answer." in response.content.decode()
    assert FloorEvent.objects.filter(committee=committee).count() == answers
    assert [m.status for m in doc_of(committee).motions.motions] == ["pending"]


def test_an_answer_that_is_neither_accept_nor_refuse_is_bad_input():
    committee, user, d = open_floor()
    motion_id = over_the_caps(committee, d)

    response = post_answer(committee, user, motion_id, "maybe")

    assert response.status_code == 400
    assert "Accept or refuse the change." in response.content.decode()
    assert len(doc_of(committee).motion_offers) == 1


def test_a_delegates_phone_cannot_use_the_dais_answer(make_delegate_client):
    committee, _user, d = open_floor()
    motion_id = over_the_caps(committee, d)

    response = make_delegate_client(d["Alpha"]).post(
        reverse("floor_motions_answer", args=[committee.slug]),
        {"motion_id": motion_id, "answer": "accept"},
    )

    assert response.status_code == 302  # to the dais sign-in
    assert len(doc_of(committee).motion_offers) == 1


def test_a_phone_still_answers_only_for_its_own_motion():
    committee, _user, d = open_floor()
    motion_id = over_the_caps(committee, d)

    with pytest.raises(ProcedureError) as refused:
        motions.motion_offer_answer(
            committee=committee, motion_id=motion_id, accept=True, delegation=d["Beta"]
        )

    assert refused.value.code == "acts_only_for_itself"
    assert len(doc_of(committee).motion_offers) == 1


# ---- the dais panel -----------------------------------------------------------------------------


@pytest.mark.parametrize("offer", ["over the caps", "suggested"])
def test_the_panel_offers_both_answers_next_to_a_waiting_offer(offer):
    committee, user, d = open_floor()
    motion_id = make_offer(offer, committee, user, d)
    url = reverse("floor_motions_answer", args=[committee.slug])

    html = panel_html(committee)

    for answer, words in (("accept", "Mover accepts"), ("refuse", "Mover refuses")):
        assert f'hx-vals=\'{{"motion_id": "{motion_id}", "answer": "{answer}"}}\'' in html
        assert f'aria-label="{words} (Alpha)"' in html
    assert html.count(f'hx-post="{url}"') == 2

    post_answer(committee, user, motion_id, "accept")
    assert url not in panel_html(committee)
