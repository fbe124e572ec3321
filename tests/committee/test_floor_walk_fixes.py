"""A morning on the floor: a right of reply inside a caucus, the caucus on the projector and the
phones, the mover's turn, a point of information that becomes a question, and a point of order's
ruling on the raiser's phone."""

from __future__ import annotations

import re

import pytest

from committee import realtime
from committee.models import Committee, LiveConnection
from committee.procedure.choices import MoverChoice, PointKind, RorGround
from committee.procedure.errors import ErrorCode, ProcedureError
from committee.selectors import FloorView
from committee.services import caucuses, points, speakers
from tests.committee.floor_caucus_helpers import (
    carry,
    clock_fixture,  # noqa: F401 (the clock fixture)
    doc_of,
    in_session,
    moderated,
    unmoderated,
)
from tests.committee.floor_points_helpers import give_floor, in_debate
from tests.regions import render_regions

pytestmark = pytest.mark.django_db


def region(committee: Committee, name: str, delegation=None, language: str = "en") -> str:
    view = FloorView(committee)
    if delegation is not None:
        delegation = view.by_id[str(delegation.pk)]
    return render_regions(view, (name,), delegation=delegation)[language]


def total_left(committee: Committee, clock) -> float:
    total = doc_of(committee).caucus.total
    left = total.remaining if total.deadline is None else total.deadline - clock.now
    return left.total_seconds()


def reply_granted(world, requester, against) -> None:
    points.reply_request(
        committee=world.committee,
        delegation=requester,
        against_id=against.pk,
        ground=RorGround.NATIONAL_INTEGRITY,
    )
    points.reply_decide(
        committee=world.committee, user=world.chair, delegation_id=requester.pk, grant=True
    )


def timer_spans(html: str, marker: str) -> list[str]:
    """The opening tags of the timers that carry the class `marker`."""
    return [tag for tag in re.findall(r"<span class=\"timer[^\"]*\"", html) if marker in tag]


# ---- a right of reply during a caucus -------------------------------------------------------


def test_a_reply_during_an_unmoderated_caucus_stops_its_clock_until_the_reply_ends(clock) -> None:
    world = in_session()
    carry(world, unmoderated(world.france, total=900))
    clock.advance(100)
    reply_granted(world, world.china, world.france)
    assert doc_of(world.committee).speech.speaker == str(world.china.pk)
    clock.advance(30)
    assert total_left(world.committee, clock) == 800

    points.reply_end(committee=world.committee, user=world.chair)
    assert doc_of(world.committee).caucus.total.running
    clock.advance(10)
    assert total_left(world.committee, clock) == 790


def test_a_reply_between_moderated_caucus_slots_stops_the_caucus_clock(clock) -> None:
    world = in_session()
    carry(world, moderated(world.france, total=600, speaker=60))
    caucuses.caucus_recognise(
        committee=world.committee, user=world.chair, delegation_id=world.brazil.pk
    )
    clock.advance(60)
    caucuses.caucus_slot_end(committee=world.committee, user=world.chair)
    reply_granted(world, world.china, world.brazil)
    clock.advance(30)
    assert total_left(world.committee, clock) == 540
    assert "Paused for a right of reply" in region(world.committee, "caucus")

    points.reply_end(committee=world.committee, user=world.chair)
    clock.advance(5)
    assert total_left(world.committee, clock) == 535


def test_during_a_reply_the_caucus_neither_recognises_nor_resumes(clock) -> None:
    world = in_session()
    carry(world, moderated(world.france, total=600, speaker=60))
    caucuses.caucus_pause(committee=world.committee, user=world.chair)
    reply_granted(world, world.china, world.france)
    dais = region(world.committee, "caucus")
    assert 'data-testid="caucus-resume"' not in dais
    assert "floor_caucus_recognise" not in dais and "Recognise" not in dais
    for refused_action in (
        lambda: caucuses.caucus_recognise(
            committee=world.committee, user=world.chair, delegation_id=world.brazil.pk
        ),
        lambda: caucuses.caucus_resume(committee=world.committee, user=world.chair),
    ):
        with pytest.raises(ProcedureError) as refused:
            refused_action()
        assert refused.value.code == ErrorCode.CAUCUS_WAITS_FOR_SPEECH
    clock.advance(30)
    assert not doc_of(world.committee).caucus.total.running

    points.reply_end(committee=world.committee, user=world.chair)
    assert 'data-testid="caucus-resume"' in region(world.committee, "caucus")
    caucuses.caucus_resume(committee=world.committee, user=world.chair)
    assert doc_of(world.committee).caucus.total.running


def test_the_projector_shows_a_reply_made_during_a_caucus(clock) -> None:
    world = in_session()
    carry(world, unmoderated(world.france, total=900, topic="Drafting"))
    reply_granted(world, world.china, world.france)
    html = region(world.committee, "projector-main")
    assert 'data-testid="projector-caucus-reply">Right of reply<' in html
    assert 'data-testid="projector-reply-speaker">China<' in html
    assert "Paused" in html and "“Drafting”" in html

    points.reply_end(committee=world.committee, user=world.chair)
    html = region(world.committee, "projector-main")
    assert 'data-testid="projector-reply-speaker"' not in html
    assert 'data-testid="projector-return-by"' in html


# ---- the caucus on the projector and the phones --------------------------------------------


def test_an_expired_caucus_slot_turns_red_on_the_projector(clock) -> None:
    world = in_session()
    carry(world, moderated(world.france, total=600, speaker=60))
    caucuses.caucus_recognise(
        committee=world.committee, user=world.chair, delegation_id=world.china.pk
    )
    clock.advance(61)
    [slot] = timer_spans(region(world.committee, "projector-main"), "caucus-projector__slot")
    assert "timer--expired" in slot
    # The projector's own colours (red when expired) come with the projector timer class.
    assert "timer--projector" in slot


def test_phones_name_the_caucus_speakers_next_not_the_speakers_list(clock) -> None:
    world = in_session()
    speakers.speaker_add(committee=world.committee, delegation_id=world.brazil.pk, user=world.chair)
    carry(world, moderated(world.france, total=600, speaker=60))
    caucuses.caucus_placard_raise(committee=world.committee, delegation=world.china)
    html = region(world.committee, "phone-now")
    assert 'data-testid="phone-next-speakers"' not in html
    upcoming = html[html.index('data-testid="phone-caucus-next"') :]
    assert "China" in upcoming and "Brazil" not in upcoming


def test_the_speakers_list_is_next_again_on_phones_after_the_caucus(clock) -> None:
    world = in_session()
    speakers.speaker_add(committee=world.committee, delegation_id=world.brazil.pk, user=world.chair)
    carry(world, moderated(world.france, total=600, speaker=60))
    caucuses.caucus_end(committee=world.committee, user=world.chair)
    html = region(world.committee, "phone-now")
    assert 'data-testid="phone-caucus-next"' not in html
    assert 'data-testid="phone-next-speakers"' in html


def test_the_dais_stops_offering_the_mover_once_the_mover_speaks(clock) -> None:
    world = in_session()
    carry(world, moderated(world.france, total=600, speaker=60), MoverChoice.FIRST)
    assert "The mover, France, speaks next." in region(world.committee, "caucus")
    caucuses.caucus_recognise(
        committee=world.committee, user=world.chair, delegation_id=world.france.pk
    )
    html = region(world.committee, "caucus")
    assert 'data-testid="caucus-required"' not in html
    assert "speaks next" not in html


# ---- a point of information becomes the question ---------------------------------------------


def in_questions():
    world = in_debate()
    give_floor(world, world.france)
    speakers.yield_declare(committee=world.committee, user=world.chair, kind="questions")
    return world


def test_the_dais_starts_on_the_delegation_whose_point_of_information_is_first() -> None:
    world = in_questions()
    points.point_raise(
        committee=world.committee,
        delegation=world.brazil,
        kind=PointKind.INFORMATION_TO_SPEAKER,
    )
    html = region(world.committee, "speakers")
    choice = html[html.index('id="speakers-questioner"') :]
    choice = choice[: choice.index("</select>")]
    # The present delegations but the speaker, starting on Brazil (live.js fills them in).
    assert 'data-options-from="present-options"' in choice
    assert f'data-options-except="{world.france.pk}"' in choice
    assert f'data-options-selected="{world.brazil.pk}"' in choice


def test_recognising_the_question_settles_the_point_of_information() -> None:
    world = in_questions()
    for delegation in (world.brazil, world.china):
        points.point_raise(
            committee=world.committee,
            delegation=delegation,
            kind=PointKind.INFORMATION_TO_SPEAKER,
        )
    speakers.question_ask(
        committee=world.committee, user=world.chair, questioner_id=world.brazil.pk
    )
    pending = doc_of(world.committee).points
    assert [p.point.delegation for p in pending] == [str(world.china.pk)]
    html = region(world.committee, "points")
    assert html.count('data-testid="point"') == 1


# ---- a point of order's ruling reaches the raiser ---------------------------------------------


def test_the_raisers_phone_shows_the_ruling_on_its_point_of_order(
    broadcasts, django_capture_on_commit_callbacks
) -> None:
    world = in_debate()
    give_floor(world, world.france)
    pending = points.point_raise(
        committee=world.committee, delegation=world.china, kind=PointKind.ORDER
    )
    for delegation in (world.china, world.brazil):
        LiveConnection.objects.create(delegation=delegation, channel_name=f"test.{delegation.pk}")
    with django_capture_on_commit_callbacks(execute=True):
        points.point_resolve(
            committee=world.committee,
            user=world.chair,
            seq=pending.point.seq,
            outcome="not_well_taken",
            note="The speaker was on topic",
        )
    sent = dict(broadcasts)
    own = sent[realtime.phone_group(world.china.pk, "en")]["text"]
    assert "Your point of order was ruled not well taken." in own
    assert "The speaker was on topic" in own
    assert (
        'data-decision="not_well_taken"'
        in sent[realtime.phone_group(world.china.pk, "zh-hans")]["text"]
    )
    other = sent.get(realtime.phone_group(world.brazil.pk, "en"), {"text": ""})["text"]
    assert 'data-testid="own-point-ruling"' not in other


def test_a_new_point_clears_the_last_ruling_from_the_phone() -> None:
    world = in_debate()
    give_floor(world, world.france)
    first = points.point_raise(
        committee=world.committee, delegation=world.china, kind=PointKind.ORDER
    )
    points.point_resolve(
        committee=world.committee, user=world.chair, seq=first.point.seq, outcome="well_taken"
    )
    assert "ruled well taken" in region(world.committee, "phone-self", world.china)
    points.point_raise(committee=world.committee, delegation=world.china, kind=PointKind.ORDER)
    assert 'data-testid="own-point-ruling"' not in region(
        world.committee, "phone-self", world.china
    )
