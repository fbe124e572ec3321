"""A speaker open to points of information (procedure.md §4, §7.2: THIMUN) on the live floor:
the speaker's phone (or the dais) says it is open, phones raise points of information, the dais
recognises one from its queue, the speaker answers, one follow-up may be allowed, and none of it
takes the speaker's time. Other profiles offer none of it."""

from __future__ import annotations

from datetime import timedelta

import pytest

from committee import rendering
from committee.procedure.choices import PointKind
from committee.procedure.errors import ProcedureError
from committee.procedure.speeches import QuestionStep, SpeechStage
from committee.services import points, speakers
from committee.services.floor import FloorRefusal
from tests.committee.floor_speakers_setup import Clock, Room, install_clock, notice, open_room

pytestmark = pytest.mark.django_db


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Clock:
    return install_clock(monkeypatch)


def speaking(profile: str) -> Room:
    """Brazil has the floor (90 s); China and Egypt wait."""
    room = open_room(rules_profile=profile)
    for name in ("Brazil", "China", "Egypt"):
        speakers.speaker_add(committee=room.committee, delegation_id=room.id(name), user=room.chair)
    speakers.speaker_next(committee=room.committee, user=room.chair)
    return room


@pytest.fixture
def room(clock: Clock) -> Room:
    return speaking("thimun")


def post_pois(room: Room, client, url: str, **values: str):
    return client.post(room.url(url), values, HTTP_HX_REQUEST="true")


def raise_poi(room: Room, name: str):
    return room.phone(name).post(
        room.url("delegate_points_raise"),
        {"point": PointKind.INFORMATION_TO_SPEAKER.value},
        HTTP_HX_REQUEST="true",
    )


def remaining_seconds(room: Room, clock: Clock) -> float:
    timer = room.doc().speech.timer
    left = timer.remaining if timer.deadline is None else timer.deadline - clock.now
    return left.total_seconds()


def opened_on_phone(room: Room, clock: Clock, offered: str = "") -> None:
    clock.advance(60)
    response = post_pois(
        room, room.phone("Brazil"), "delegate_speakers_pois", open="1", offered=offered
    )
    assert response.status_code == 204


# ---- opening ----------------------------------------------------------------------------------


def test_the_speakers_phone_offers_to_open_and_only_the_speakers(room: Room) -> None:
    assert 'data-testid="phone-pois-open"' in room.phone_region("Brazil")
    assert 'data-testid="phone-pois-open"' not in room.phone_region("China")
    assert 'data-testid="speakers-pois-open"' in room.region()


def test_the_speaker_opens_on_its_phone_and_its_clock_stops(room: Room, clock: Clock) -> None:
    opened_on_phone(room, clock, offered="2")
    speech = room.doc().speech
    assert speech.stage is SpeechStage.OPEN_TO_POIS
    assert speech.poi_limit == 2
    clock.advance(300)
    assert remaining_seconds(room, clock) == 30
    assert room.log_line("gsl_pois_opened") == "Brazil is open to 2 points of information"
    assert room.event("gsl_pois_opened").actor_delegation == room.by_name["Brazil"]
    assert "Open to points of information: 0 of 2 taken (clock stopped)" in room.region()
    assert 'data-testid="phone-pois-close"' in room.phone_region("Brazil")


def test_another_phone_cannot_open_for_the_speaker(room: Room) -> None:
    response = post_pois(room, room.phone("China"), "delegate_speakers_pois", open="1")
    assert response.status_code == 409
    assert "Only the delegation that has the floor" in notice(response)
    assert room.doc().speech.stage is SpeechStage.SPEAKING


def test_the_dais_records_a_speaker_open_to_any_number(room: Room, clock: Clock) -> None:
    clock.advance(45)
    response = post_pois(room, room.dais(), "floor_speakers_pois", open="1")
    assert response.status_code == 204
    assert room.doc().speech.poi_limit is None
    assert room.log_line("gsl_pois_opened") == "Brazil is open to points of information"
    assert "Open to points of information: 0 taken (clock stopped)" in room.region()


def test_a_bad_number_answers_400_and_changes_nothing(room: Room) -> None:
    for offered in ("0", "21", "two"):
        response = post_pois(room, room.dais(), "floor_speakers_pois", open="1", offered=offered)
        assert response.status_code == 400
    assert room.doc().speech.stage is SpeechStage.SPEAKING


# ---- raising and taking points -----------------------------------------------------------------


def test_phones_raise_a_point_of_information_only_while_the_speaker_takes_them(
    room: Room, clock: Clock
) -> None:
    assert 'data-testid="raise-information_to_speaker"' not in room.phone_region("China")
    assert raise_poi(room, "China").status_code == 409
    opened_on_phone(room, clock)
    assert 'data-testid="raise-information_to_speaker"' in room.phone_region("China")
    # Never on its own speech.
    assert 'data-testid="raise-information_to_speaker"' not in room.phone_region("Brazil")
    assert raise_poi(room, "China").status_code == 204
    phone = room.phone_region("China")
    assert 'data-testid="own-point"' in phone
    assert "Waiting for the chair to recognise you." in phone


def test_the_dais_sees_the_queue_and_recognises_a_point_from_it(room: Room, clock: Clock) -> None:
    opened_on_phone(room, clock)
    raise_poi(room, "Egypt")
    raise_poi(room, "China")
    html = room.region()
    queue = html.split('data-testid="speakers-poi-queue"')[1].split("</ol>")[0]
    assert queue.index("Egypt") < queue.index("China")
    assert queue.count('data-testid="speakers-poi-recognise"') == 2
    projector = room.region("projector-main")
    assert 'data-testid="projector-poi-queue"' in projector
    response = post_pois(
        room, room.dais(), "floor_speakers_question", questioner=str(room.id("Egypt"))
    )
    assert response.status_code == 204
    doc = room.doc()
    assert doc.speech.question_step is QuestionStep.ASKING
    assert [p.point.delegation for p in doc.points] == [room.key("China")]
    assert room.log_line("gsl_question") == "Point of information 1 from Egypt"
    assert "Point of information from Egypt (clock stopped)" in room.region("projector-main")
    assert "Point of information from Egypt (clock stopped)" in room.region("phone-now")


def test_a_point_its_answer_and_one_follow_up_take_none_of_the_speakers_time(
    room: Room, clock: Clock
) -> None:
    opened_on_phone(room, clock)
    speakers.question_ask(committee=room.committee, user=room.chair, questioner_id=room.id("China"))
    clock.advance(20)
    speakers.answer_start(committee=room.committee, user=room.chair)
    assert "Answering the point of information from China (clock stopped)" in room.region()
    clock.advance(40)
    speakers.answer_finish(committee=room.committee, user=room.chair)
    assert 'data-testid="speakers-follow-up"' in room.region()
    speakers.question_ask(committee=room.committee, user=room.chair, follow_up=True)
    assert room.log_line("gsl_question") == "Follow-up to the point of information from China"
    speakers.answer_finish(committee=room.committee, user=room.chair)
    assert 'data-testid="speakers-follow-up"' not in room.region()
    with pytest.raises(ProcedureError) as refused:
        speakers.question_ask(committee=room.committee, user=room.chair, follow_up=True)
    assert refused.value.code == "follow_up_not_allowed"
    assert remaining_seconds(room, clock) == 30


def test_no_more_points_than_the_speaker_was_open_to(room: Room, clock: Clock) -> None:
    opened_on_phone(room, clock, offered="1")
    speakers.question_ask(committee=room.committee, user=room.chair, questioner_id=room.id("China"))
    speakers.answer_finish(committee=room.committee, user=room.chair)
    assert 'data-testid="raise-information_to_speaker"' not in room.phone_region("Egypt")
    html = room.region()
    assert "Open to points of information: 1 of 1 taken" in html
    assert 'data-testid="speakers-question"' not in html
    with pytest.raises(ProcedureError) as refused:
        speakers.question_ask(
            committee=room.committee, user=room.chair, questioner_id=room.id("Egypt")
        )
    assert refused.value.code == "poi_limit_reached"


# ---- closing and moving on ---------------------------------------------------------------------


def test_closing_on_the_phone_lapses_the_waiting_points(room: Room, clock: Clock) -> None:
    opened_on_phone(room, clock)
    raise_poi(room, "China")
    response = post_pois(room, room.phone("Brazil"), "delegate_speakers_pois", open="0")
    assert response.status_code == 204
    doc = room.doc()
    assert doc.speech.stage is SpeechStage.SPEAKING
    assert doc.points == ()
    assert room.log_line("gsl_pois_closed") == (
        "Brazil takes no more points of information (0 taken) · 1 point of information lapsed"
    )
    assert 'data-testid="own-point"' not in room.phone_region("China")
    again = post_pois(room, room.dais(), "floor_speakers_pois", open="0")
    assert again.status_code == 409
    assert "no longer taking points of information" in notice(again)


def test_the_speech_row_counts_only_the_time_spoken(room: Room, clock: Clock) -> None:
    opened_on_phone(room, clock)
    speakers.question_ask(committee=room.committee, user=room.chair, questioner_id=room.id("China"))
    clock.advance(120)
    speakers.answer_finish(committee=room.committee, user=room.chair)
    speakers.yield_declare(committee=room.committee, user=room.chair, kind="chair")
    row = room.committee.speeches.get(delegation=room.by_name["Brazil"])
    assert row.seconds == 60
    assert row.ended_at - row.started_at == timedelta(seconds=180)
    assert row.yielded_to == "chair"


def test_undo_takes_the_opening_back(room: Room, clock: Clock) -> None:
    opened_on_phone(room, clock)
    speakers.question_ask(committee=room.committee, user=room.chair, questioner_id=room.id("China"))
    response = room.dais().post(room.url("floor_undo"), HTTP_HX_REQUEST="true")
    assert response.status_code == 204
    speech = room.doc().speech
    assert speech.stage is SpeechStage.OPEN_TO_POIS
    assert speech.question_step is QuestionStep.IDLE


# ---- other profiles -----------------------------------------------------------------------------


@pytest.mark.parametrize("profile", ["cn_common", "una_usa", "hmun", "un_ga"])
def test_other_profiles_offer_no_opening_to_points(profile: str, clock: Clock) -> None:
    room = speaking(profile)
    assert 'data-testid="phone-pois-open"' not in room.phone_region("Brazil")
    assert 'data-testid="speakers-pois-open"' not in room.region()
    response = post_pois(room, room.phone("Brazil"), "delegate_speakers_pois", open="1")
    assert response.status_code == 409
    assert "do not take points of information" in notice(response)
    with pytest.raises(FloorRefusal):
        speakers.pois_close(committee=room.committee, user=room.chair)


def test_a_yield_to_questions_still_takes_questions_under_cn_common(clock: Clock) -> None:
    room = speaking("cn_common")
    clock.advance(30)
    speakers.yield_declare(committee=room.committee, user=room.chair, kind="questions")
    points.point_raise(
        committee=room.committee,
        delegation=room.by_name["China"],
        kind=PointKind.INFORMATION_TO_SPEAKER,
    )
    html = room.region()
    assert "Recognise: question asked" in html
    assert 'data-testid="speakers-poi-queue"' not in html
    speakers.question_ask(committee=room.committee, user=room.chair, questioner_id=room.id("China"))
    assert room.log_line("gsl_question") == "Question 1 from China"
    speakers.answer_start(committee=room.committee, user=room.chair)
    clock.advance(10)
    assert remaining_seconds(room, clock) == 50  # the answer runs the clock (§2.2)


# ---- live screens -------------------------------------------------------------------------------


def test_each_phone_is_redrawn_whenever_what_it_shows_changes(room: Room, clock: Clock) -> None:
    """A phone's own fragment is sent again only when its fingerprint changes: through the
    whole of a speaker's points of information, a phone whose fragment changed must have a
    new fingerprint (else it would keep showing the old buttons)."""
    steps = [
        lambda: speakers.pois_open(
            committee=room.committee, delegation=room.by_name["Brazil"], offered=1
        ),
        lambda: raise_poi(room, "China"),
        lambda: speakers.question_ask(
            committee=room.committee, user=room.chair, questioner_id=room.id("China")
        ),
        lambda: speakers.answer_finish(committee=room.committee, user=room.chair),
        lambda: speakers.pois_close(committee=room.committee, user=room.chair),
    ]

    def seen() -> dict[str, tuple[str, str]]:
        view = room.view()
        prints = rendering.Fingerprints(view, view.raw_state)
        return {
            name: (prints.own(delegation), room.phone_region(name))
            for name, delegation in room.by_name.items()
        }

    before = seen()
    shown_on_phones = []
    for number, step in enumerate(steps):
        clock.advance(5)
        step()
        after = seen()
        changed = [name for name in after if after[name][1] != before[name][1]]
        if changed:
            shown_on_phones.append(number)
        for name in changed:
            assert after[name][0] != before[name][0], (name, number)
        before = after
    # Only the end of the answer shows on no phone (the last point was taken when asked).
    assert shown_on_phones == [0, 1, 2, 4]
