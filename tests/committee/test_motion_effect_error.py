"""A carried motion whose effect is refused keeps why as a code, worded on each screen."""

import dataclasses

import pytest

from committee.floor import decode_value, encode
from committee.log.describe import describe_event
from committee.models import Delegation, Floor, FloorEvent
from committee.procedure.facts.motions import MotionVoteClosed
from committee.selectors import FloorView
from committee.services import caucuses, motions, speakers
from tests.committee.test_floor_motions import doc_of, open_floor, raise_seconded
from tests.regions import render_regions


def motions_panel(committee):
    """The motions region in each language, as the screens receive it."""
    return render_regions(FloorView(committee), ("motions",))


@pytest.mark.django_db
def test_an_effect_the_app_does_not_apply_is_stored_as_a_code_and_worded_per_language():
    committee, user, d = open_floor(rules_overrides={"round_robin_enabled": True})
    motion_id = raise_seconded(committee, d["Alpha"], d["Beta"], "round_robin", speaker_seconds=60)
    motions.motion_vote_open(committee=committee, user=user, motion_id=motion_id, by_phone=False)
    motions.motion_vote_close(committee=committee, user=user, yes=3, no=0)

    assert doc_of(committee).motion_result.effect_error == {"code": "not_automatic"}
    closed = FloorEvent.objects.filter(committee=committee).latest("seq")
    assert decode_value(closed.payload, MotionVoteClosed).effect_error == {"code": "not_automatic"}
    assert "the dais applies it by hand" in describe_event(closed, "en")
    html = motions_panel(committee)
    assert "not carried out automatically yet: apply it by hand" in html["en"]
    assert "请手动执行" in html["zh-hans"]


@pytest.mark.django_db
def test_an_engine_refusal_of_the_effect_names_the_delegation_in_the_screens_language():
    committee, user, d = open_floor(rules_overrides={"round_robin_enabled": True})
    Delegation.objects.filter(pk=d["Alpha"].pk).update(name_zh="阿尔法")
    motion_id = raise_seconded(committee, d["Alpha"], d["Beta"], "round_robin", speaker_seconds=60)
    motions.motion_vote_open(committee=committee, user=user, motion_id=motion_id, by_phone=False)
    motions.motion_vote_close(committee=committee, user=user, yes=3, no=0)
    # The stored form of an engine refusal: its code and facts, the delegation by its id.
    row = Floor.objects.get(committee=committee)
    doc = doc_of(committee)
    refused = {"code": "not_present", "facts": {"delegation": str(d["Alpha"].pk)}}
    row.state = encode(
        dataclasses.replace(
            doc, motion_result=dataclasses.replace(doc.motion_result, effect_error=refused)
        )
    )
    row.save()

    html = motions_panel(committee)
    assert "Carried, but not carried out: Alpha is not present." in html["en"]
    assert "阿尔法 未出席。" in html["zh-hans"]


def carry(committee, user, motion_id):
    """Put the motion to a placard vote and carry it 3–0."""
    motions.motion_vote_open(committee=committee, user=user, motion_id=motion_id, by_phone=False)
    motions.motion_vote_close(committee=committee, user=user, yes=3, no=0)


@pytest.mark.django_db
def test_a_caucus_refused_by_the_engine_leaves_the_vote_carried_and_nothing_else():
    committee, user, d = open_floor()
    caucus = raise_seconded(
        committee, d["Alpha"], d["Beta"], "unmoderated_caucus", total_seconds=300, topic="x"
    )
    carry(committee, user, caucus)
    caucuses.caucus_end(committee=committee, user=user)
    extension = raise_seconded(committee, d["Beta"], d["Alpha"], "extend_caucus", total_seconds=60)
    # Debate moves on before the vote: the caucus that ended can no longer be extended.
    for name in ("Gamma", "Alpha"):
        speakers.speaker_add(committee=committee, user=user, delegation_id=d[name].pk)
    speakers.speaker_next(committee=committee, user=user)
    speakers.speech_end(committee=committee, user=user)
    carry(committee, user, extension)

    doc = doc_of(committee)
    reason = {"code": "no_caucus_to_extend", "facts": {}}
    assert (doc.phase, doc.motion_result.effect_error) == ("gsl", reason)
    assert doc.motions.get(extension).status == "carried"
    assert doc.caucus.ended
    closed = FloorEvent.objects.filter(committee=committee).latest("seq")
    assert decode_value(closed.payload, MotionVoteClosed).effect_error == reason
    assert all(row.get("model") != "committee.speech" for row in closed.rows)
    html = motions_panel(committee)
    assert "Carried, but not carried out: No caucus has just ended" in html["en"]
    assert "没有刚结束的磋商可以延长。" in html["zh-hans"]
