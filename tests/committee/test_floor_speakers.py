"""The general speakers' list on the live floor: building it, calling speakers, exhaustion.

Yields are in test_floor_speakers_yields.py; the set-up helpers in floor_speakers_setup.py.
"""

from __future__ import annotations

from datetime import timedelta

import pytest

from committee.floor import decode_value
from committee.models import FloorEvent
from committee.procedure.facts.speakers import ListExhausted, SpeechEnded
from committee.procedure.phases import Phase
from committee.services import floor, motions, speakers
from committee.services.floor import FloorRefusal
from tests.committee.floor_speakers_setup import (
    PRESENT,
    Clock,
    Room,
    install_clock,
    notice,
    open_room,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Clock:
    return install_clock(monkeypatch)


@pytest.fixture
def room(clock: Clock) -> Room:
    return open_room()


def add(room: Room, *names: str) -> None:
    for name in names:
        speakers.speaker_add(committee=room.committee, delegation_id=room.id(name), user=room.chair)


def next_speaker(room: Room) -> None:
    speakers.speaker_next(committee=room.committee, user=room.chair)


# ---- building the list -------------------------------------------------------------------------


def test_the_dais_adds_present_delegations_at_the_end(room: Room) -> None:
    add(room, "Brazil", "Argentina")
    assert room.doc().gsl.entries == (room.key("Brazil"), room.key("Argentina"))
    html = room.region()
    assert html.index("Brazil") < html.index("Argentina")
    event = room.event("gsl_speaker_added")
    assert event.payload == {"delegation": room.id("Argentina"), "position": 2}
    assert room.log_line("gsl_speaker_added") == "Argentina added to the speakers' list (number 2)"


def test_the_add_select_offers_present_delegations_not_yet_on_the_list(room: Room) -> None:
    add(room, "Brazil")
    select = room.region().split('data-testid="speakers-add-select"')[1].split("</select>")[0]
    # The present delegations (the dais page's one list of them), but Brazil, on the list.
    assert 'data-options-from="present-options"' in select
    assert f'data-options-except="{room.id("Brazil")}"' in select
    present = room.region("present-options")
    assert "Argentina" in present and "China" in present and "Egypt" in present
    assert "Denmark" not in present  # absent


def test_a_duplicate_entry_is_refused_with_the_engine_message(room: Room) -> None:
    add(room, "Brazil")
    response = room.dais().post(
        room.url("floor_speakers_add"), {"delegation": room.id("Brazil")}, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 409
    assert "Brazil is already on the speakers&#x27; list (1 of 1 entries)." in notice(response)
    assert room.doc().gsl.entries == (room.key("Brazil"),)


def test_an_absent_delegation_cannot_be_added(room: Room) -> None:
    response = room.dais().post(
        room.url("floor_speakers_add"), {"delegation": room.id("Denmark")}, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 409
    assert "Denmark is not present." in notice(response)
    assert room.doc().gsl.entries == ()


def test_the_add_view_asks_for_a_delegation(room: Room) -> None:
    response = room.dais().post(room.url("floor_speakers_add"), {}, HTTP_HX_REQUEST="true")
    assert response.status_code == 400
    assert "Choose a delegation." in notice(response)


def test_a_closed_list_takes_no_names_until_reopened(room: Room) -> None:
    dais = room.dais()
    assert dais.post(room.url("floor_speakers_closed"), {"closed": "1"}).status_code == 302
    assert 'data-testid="speakers-closed"' in room.region()
    response = dais.post(
        room.url("floor_speakers_add"), {"delegation": room.id("Brazil")}, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 409
    assert "The speakers&#x27; list is closed." in notice(response)
    speakers.list_closed_set(committee=room.committee, user=room.chair, closed=False)
    add(room, "Brazil")
    assert room.doc().gsl.entries == (room.key("Brazil"),)


def test_the_dais_removes_any_entry(room: Room) -> None:
    add(room, "Brazil", "China")
    response = room.dais().post(
        room.url("floor_speakers_remove"), {"delegation": room.id("Brazil")}, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 204
    assert room.doc().gsl.entries == (room.key("China"),)


def test_removing_twice_gets_a_clear_refusal(room: Room) -> None:
    add(room, "Brazil")
    dais = room.dais()
    url = room.url("floor_speakers_remove")
    assert (
        dais.post(url, {"delegation": room.id("Brazil")}, HTTP_HX_REQUEST="true").status_code == 204
    )
    second = dais.post(url, {"delegation": room.id("Brazil")}, HTTP_HX_REQUEST="true")
    assert second.status_code == 409
    assert "Brazil is not on the speakers&#x27; list." in notice(second)


def test_entries_move_up_and_down(room: Room) -> None:
    add(room, "Argentina", "Brazil", "China")
    dais = room.dais()
    url = room.url("floor_speakers_move")
    moved = dais.post(
        url, {"delegation": room.id("China"), "from": 3, "to": 1}, HTTP_HX_REQUEST="true"
    )
    assert moved.status_code == 204
    assert room.doc().gsl.entries == tuple(room.key(n) for n in ("China", "Argentina", "Brazil"))
    dais.post(url, {"delegation": room.id("China"), "from": 1, "to": 2}, HTTP_HX_REQUEST="true")
    assert room.doc().gsl.entries == tuple(room.key(n) for n in ("Argentina", "China", "Brazil"))
    assert room.log_line("gsl_speaker_moved") == "China moved from number 1 to number 2"


def test_the_list_has_keyboard_arrows_with_labels_and_drag_handles(room: Room) -> None:
    add(room, "Argentina", "Brazil")
    html = room.region()
    assert 'aria-label="Move Brazil up"' in html
    assert 'aria-label="Move Argentina down"' in html
    assert 'aria-label="Move Argentina up"' not in html  # first already
    assert 'aria-label="Remove Brazil from the list"' in html
    assert 'draggable="true"' in html
    assert "data-move-url=" in html
    assert f'data-delegation="{room.key("Brazil")}"' in html


def test_a_move_from_a_stale_screen_is_refused(room: Room) -> None:
    add(room, "Argentina", "Brazil", "China")
    speakers.speaker_remove(committee=room.committee, delegation_id=room.id("Argentina"))
    # The second dais screen still shows Brazil at number 2 (it is number 1 now).
    response = room.dais().post(
        room.url("floor_speakers_move"),
        {"delegation": room.id("Brazil"), "from": 2, "to": 1},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 409
    assert "The speakers&#x27; list has changed meanwhile." in notice(response)


# ---- phones: self-service ----------------------------------------------------------------------


def test_phones_cannot_add_themselves_while_self_service_is_off(room: Room) -> None:
    assert 'data-testid="speakers-join"' not in room.phone_region("Brazil")
    response = room.phone("Brazil").post(room.url("delegate_speakers_join"), HTTP_HX_REQUEST="true")
    assert response.status_code == 409
    assert "The dais is not taking names from phones now." in notice(response)
    assert room.doc().gsl.entries == ()


def test_with_self_service_on_a_phone_adds_itself_and_sees_its_place(room: Room) -> None:
    speakers.self_service_set(committee=room.committee, user=room.chair, on=True)
    add(room, "Argentina", "China")
    assert 'data-testid="speakers-join"' in room.phone_region("Brazil")
    joined = room.phone("Brazil").post(room.url("delegate_speakers_join"), HTTP_HX_REQUEST="true")
    assert joined.status_code == 204
    assert room.doc().gsl.entries[-1] == room.key("Brazil")
    phone = room.phone_region("Brazil")
    assert "You are number 3 on the speakers' list." in phone
    assert 'data-testid="speakers-join"' not in phone
    assert 'data-testid="speakers-leave"' in phone
    assert "You are next on the speakers' list." in room.phone_region("Argentina")
    event = FloorEvent.objects.filter(kind="gsl_speaker_added").order_by("-seq").first()
    assert event.actor_delegation == room.by_name["Brazil"]


def test_an_absent_delegation_is_not_offered_the_button(room: Room) -> None:
    speakers.self_service_set(committee=room.committee, user=room.chair, on=True)
    assert 'data-testid="speakers-join"' not in room.phone_region("Denmark")


def test_switching_self_service_off_twice_is_refused(room: Room) -> None:
    with pytest.raises(FloorRefusal):
        speakers.self_service_set(committee=room.committee, user=room.chair, on=False)


def test_a_phone_leaves_only_its_own_entry(room: Room) -> None:
    add(room, "Argentina")
    other = room.phone("Brazil").post(
        room.url("delegate_speakers_leave"),
        {"delegation": room.id("Argentina")},  # ignored: a phone acts only for itself
        HTTP_HX_REQUEST="true",
    )
    assert other.status_code == 409
    assert "Brazil is not on the speakers&#x27; list." in notice(other)
    assert room.doc().gsl.entries == (room.key("Argentina"),)
    own = room.phone("Argentina").post(room.url("delegate_speakers_leave"), HTTP_HX_REQUEST="true")
    assert own.status_code == 204
    assert room.doc().gsl.entries == ()


# ---- calling speakers ----------------------------------------------------------------------------


def test_next_speaker_starts_the_timer_with_the_profile_speaking_time(
    room: Room, clock: Clock
) -> None:
    add(room, "Brazil", "China")
    response = room.dais().post(
        room.url("floor_speakers_next"), {"current": ""}, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 204
    doc = room.doc()
    assert doc.phase is Phase.GSL
    assert doc.gsl.current == room.key("Brazil")
    assert doc.speech.holder == room.key("Brazil")
    assert doc.speech.timer.deadline == clock.now + timedelta(seconds=90)
    html = room.region()
    assert 'data-testid="speakers-holder">Brazil<' in html
    assert 'data-running="true"' in html
    assert room.log_line("gsl_speaker_called") == "Brazil has the floor (90 s)"
    assert "Brazil has the floor (90 s)" in room.region("log")  # the dais's action log


def test_next_speaker_uses_the_committee_speaking_time(clock: Clock) -> None:
    room = open_room(rules_overrides={"gsl_speaking_time": 120})
    add(room, "Brazil")
    next_speaker(room)
    assert room.doc().speech.timer.deadline == clock.now + timedelta(seconds=120)
    assert "Speaking time 2 min" in room.region()


def test_next_speaker_uses_the_speaking_time_a_motion_set(room: Room, clock: Clock) -> None:
    """The motions service stores a carried "set speaking time" in doc.speaking_time."""
    argentina, china = room.by_name["Argentina"], room.by_name["China"]
    motions.motion_raise(
        committee=room.committee,
        code="set_speaking_time",
        mover_id=argentina.pk,
        speaker_seconds=60,
        delegation=argentina,
    )
    motion_id = room.doc().motions.motions[-1].id
    motions.motion_second(
        committee=room.committee, motion_id=motion_id, seconder_id=china.pk, delegation=china
    )
    motions.motion_vote_open(
        committee=room.committee, user=room.chair, motion_id=motion_id, by_phone=False
    )
    motions.motion_vote_close(committee=room.committee, user=room.chair, yes=4, no=0)
    add(room, "Brazil")
    next_speaker(room)
    assert room.doc().speech.timer.deadline == clock.now + timedelta(seconds=60)
    assert "Speaking time 1 min" in room.region()


def test_next_speaker_ends_the_current_speech_and_records_it(room: Room, clock: Clock) -> None:
    add(room, "Brazil", "China", "Egypt")
    next_speaker(room)
    clock.advance(30)
    next_speaker(room)
    doc = room.doc()
    assert doc.gsl.spoken == (room.key("Brazil"),)
    assert doc.gsl.current == room.key("China")
    assert doc.speech.speaker == room.key("China")


def test_pressing_next_twice_on_the_same_screen_does_not_skip_a_speaker(room: Room) -> None:
    add(room, "Brazil", "China", "Egypt")
    next_speaker(room)
    seen = {"current": room.key("Brazil")}  # what both dais screens show
    first = room.dais().post(room.url("floor_speakers_next"), seen, HTTP_HX_REQUEST="true")
    second = room.dais().post(room.url("floor_speakers_next"), seen, HTTP_HX_REQUEST="true")
    assert first.status_code == 204
    assert second.status_code == 409
    assert "The floor has moved on meanwhile" in notice(second)
    assert room.doc().gsl.current == room.key("China")


def test_ending_a_speech_twice_gets_a_clear_refusal(room: Room) -> None:
    add(room, "Brazil", "China")
    next_speaker(room)
    url = room.url("floor_speakers_end")
    seen = {"speaker": room.key("Brazil")}
    assert room.dais().post(url, seen, HTTP_HX_REQUEST="true").status_code == 204
    second = room.dais().post(url, seen, HTTP_HX_REQUEST="true")
    assert second.status_code == 409
    assert "The speech has already ended." in notice(second)


def test_next_speaker_on_an_empty_list_is_refused(room: Room) -> None:
    response = room.dais().post(room.url("floor_speakers_next"), HTTP_HX_REQUEST="true")
    assert response.status_code == 409
    assert "The speakers&#x27; list is empty." in notice(response)


def test_the_dais_panel_has_the_shortcut_buttons(room: Room) -> None:
    add(room, "Brazil")
    html = room.region()
    assert 'data-shortcut="n"' in html
    next_speaker(room)
    assert 'data-shortcut="e"' in room.region()


# ---- phones and projector ------------------------------------------------------------------------


def test_phones_see_the_speaker_and_the_next_speakers(room: Room) -> None:
    add(room, "Brazil", "China", "Egypt", "Argentina")
    next_speaker(room)
    now = room.region("phone-now")
    assert 'data-testid="phone-speaker"' in now
    assert "Brazil" in now.split('data-testid="phone-speaker"')[1].split("</p>")[0]
    upcoming = now.split('data-testid="phone-next-speakers"')[1]
    assert upcoming.index("China") < upcoming.index("Egypt") < upcoming.index("Argentina")
    assert "You have the floor." in room.phone_region("Brazil")


def test_the_projector_shows_the_speaker_the_timer_and_who_is_next(room: Room) -> None:
    add(room, "Brazil", "China")
    next_speaker(room)
    html = room.region("projector-main")
    assert 'data-testid="projector-speaker">Brazil<' in html
    assert "timer--projector" in html
    assert "China" in html.split('data-testid="projector-next"')[1]


def test_chinese_screens_render(room: Room) -> None:
    add(room, "Brazil", "China")
    next_speaker(room)
    assert "Brazil" in room.region(language="zh-hans")
    assert "Brazil" in room.region("phone-now", language="zh-hans")


# ---- exhaustion (§2.2, §8.11) -------------------------------------------------------------------


def test_the_dais_is_warned_when_two_speakers_remain(room: Room) -> None:
    add(room, "Brazil", "China", "Egypt")
    next_speaker(room)
    assert 'data-testid="speakers-warning"' not in room.region()  # 3 remain
    next_speaker(room)
    html = room.region()
    assert "Closing debate automatically after 2 more speakers." in html
    next_speaker(room)
    assert "Closing debate automatically after 1 more speaker." in room.region()


def test_when_the_last_speaker_finishes_debate_closes(room: Room) -> None:
    add(room, "Brazil")
    next_speaker(room)
    response = room.dais().post(
        room.url("floor_speakers_end"), {"speaker": room.key("Brazil")}, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 204
    doc = room.doc()
    assert doc.phase is Phase.VOTING_PROCEDURE
    assert doc.speech is None
    event = FloorEvent.objects.order_by("-seq").first()
    assert event.kind == "gsl_speech_ended"
    assert decode_value(event.payload, SpeechEnded) == SpeechEnded(
        room.id("Brazil"), exhausted=ListExhausted(admitted=len(PRESENT))
    )
    html = room.region()
    assert 'data-testid="speakers-debate-closed"' in html
    assert "Voting on documents comes in a later version" in html
    assert "floor/undo/" in html
    assert room.log_line("gsl_speech_ended") == (
        "Speech of Brazil ended · The speakers' list is exhausted: voting procedure"
        " (4 delegations admitted)"
    )


def test_next_speaker_after_the_last_one_closes_debate_too(room: Room) -> None:
    add(room, "Brazil")
    next_speaker(room)
    next_speaker(room)
    assert room.doc().phase is Phase.VOTING_PROCEDURE


def test_undo_brings_debate_back(room: Room) -> None:
    add(room, "Brazil")
    next_speaker(room)
    speakers.speech_end(committee=room.committee, user=room.chair)
    floor.floor_undo(committee=room.committee, user=room.chair)
    doc = room.doc()
    assert doc.phase is Phase.GSL
    assert doc.speech.speaker == room.key("Brazil")


def test_with_prompt_chair_the_chair_closes_debate(clock: Clock) -> None:
    room = open_room(rules_overrides={"gsl_exhaustion_action": "prompt_chair"})
    add(room, "Brazil", "China")
    next_speaker(room)
    next_speaker(room)
    assert "The list runs out after 1 more speaker." in room.region()
    speakers.speech_end(committee=room.committee, user=room.chair)
    assert room.doc().phase is Phase.GSL
    assert 'data-testid="speakers-exhausted"' in room.region()
    response = room.dais().post(room.url("floor_speakers_close_debate"), HTTP_HX_REQUEST="true")
    assert response.status_code == 204
    assert room.doc().phase is Phase.VOTING_PROCEDURE


def test_debate_cannot_be_closed_on_a_list_that_is_not_exhausted(room: Room) -> None:
    add(room, "Brazil", "China")
    next_speaker(room)
    response = room.dais().post(room.url("floor_speakers_close_debate"), HTTP_HX_REQUEST="true")
    assert response.status_code == 409
    assert "only once the speakers&#x27; list is exhausted" in notice(response)
