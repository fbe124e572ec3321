"""The live floor's core: sessions, roll call and attendance, the speaker's timer, undo."""

from datetime import timedelta

import pytest
from django.urls import reverse

from committee import realtime
from committee.floor import decode
from committee.models import AttendanceRecord, Floor, FloorEvent, Session
from committee.procedure.errors import ProcedureError
from committee.procedure.facts import EventKind
from committee.procedure.facts.speakers import SpeakerCalled
from committee.procedure.speeches import start_speech
from committee.selectors import FloorView
from committee.services import floor
from committee.services.floor import FloorRefusal, floor_action
from tests import factories
from tests.regions import render_regions


@pytest.fixture
def chair(committee_x):
    return factories.dais_user(committee_x)


@pytest.fixture
def roster(committee_x):
    members = factories.delegations(committee_x, ["Alphaland", "Betastan", "Gammaria"])
    observer = factories.delegation(committee_x, "Observia", kind="observer")
    return {d.name: d for d in [*members, observer]}


def doc_of(committee):
    return decode(Floor.objects.get(pk=committee.pk).state)


def open_roll_call(committee, chair):
    floor.session_open(committee=committee, user=chair)
    floor.roll_call_start(committee=committee, user=chair)


@pytest.mark.django_db
def test_opening_a_session_numbers_it_and_starts_everyone_absent(committee_x, chair, roster):
    first = floor.session_open(committee=committee_x, user=chair)
    assert first.number == 1
    view = FloorView(committee_x)
    assert view.in_session
    assert view.numbers.delegations_present == 0
    floor.session_close(committee=committee_x, user=chair)
    second = floor.session_open(committee=committee_x, user=chair)
    assert second.number == 2
    assert Session.objects.get(number=1).closed_at is not None


@pytest.mark.django_db
def test_a_second_open_while_a_session_runs_is_refused(committee_x, chair):
    floor.session_open(committee=committee_x, user=chair)
    with pytest.raises(ProcedureError, match="session_already_open"):
        floor.session_open(committee=committee_x, user=chair)


@pytest.mark.django_db
def test_roll_call_answers_from_phones_and_the_dais_update_the_numbers(committee_x, chair, roster):
    open_roll_call(committee_x, chair)
    alphaland, betastan = roster["Alphaland"], roster["Betastan"]
    floor.attendance_set(
        committee=committee_x,
        delegation_id=alphaland.pk,
        status="present_and_voting",
        delegation=alphaland,
    )
    floor.attendance_set(
        committee=committee_x, delegation_id=betastan.pk, status="present", user=chair
    )
    numbers = FloorView(committee_x).numbers
    assert numbers.members_present == 2
    assert numbers.delegations_present == 2
    assert numbers.quorum_decision_met  # 2 of 3 members: a majority
    records = dict(
        AttendanceRecord.objects.filter(session__number=1).values_list("delegation__name", "status")
    )
    assert records == {"Alphaland": "present_and_voting", "Betastan": "present"}


@pytest.mark.django_db
def test_observer_may_not_answer_present_and_voting(committee_x, chair, roster):
    open_roll_call(committee_x, chair)
    observer = roster["Observia"]
    with pytest.raises(ProcedureError) as refused:
        floor.attendance_set(
            committee=committee_x,
            delegation_id=observer.pk,
            status="present_and_voting",
            delegation=observer,
        )
    assert refused.value.code == "status_not_allowed_for_kind"


@pytest.mark.django_db
def test_a_delegation_answers_only_for_itself_and_only_during_roll_call(committee_x, chair, roster):
    alphaland, betastan = roster["Alphaland"], roster["Betastan"]
    floor.session_open(committee=committee_x, user=chair)
    with pytest.raises(ProcedureError, match="late_answer"):
        floor.attendance_set(
            committee=committee_x,
            delegation_id=alphaland.pk,
            status="present",
            delegation=alphaland,
        )
    floor.roll_call_start(committee=committee_x, user=chair)
    with pytest.raises(ProcedureError, match="answers_only_for_itself"):
        floor.attendance_set(
            committee=committee_x, delegation_id=betastan.pk, status="present", delegation=alphaland
        )


@pytest.mark.django_db
def test_after_roll_call_a_downgrade_is_refused_by_the_engine(committee_x, chair, roster):
    open_roll_call(committee_x, chair)
    alphaland = roster["Alphaland"]
    floor.attendance_set(
        committee=committee_x, delegation_id=alphaland.pk, status="present_and_voting", user=chair
    )
    floor.roll_call_close(committee=committee_x, user=chair)
    with pytest.raises(ProcedureError) as refused:
        floor.attendance_set(
            committee=committee_x, delegation_id=alphaland.pk, status="present", user=chair
        )
    assert refused.value.code == "downgrade_not_allowed"
    assert doc_of(committee_x).status_of(alphaland.pk) == "present_and_voting"


@pytest.mark.django_db
def test_closing_roll_call_moves_to_the_speakers_list(committee_x, chair, roster):
    open_roll_call(committee_x, chair)
    floor.roll_call_close(committee=committee_x, user=chair)
    assert doc_of(committee_x).phase == "gsl"
    assert FloorEvent.objects.filter(kind="roll_call_closed").get().payload == {"present": 0}


def give_the_floor(committee, delegation, seconds=90):
    """A speech, the way the speakers' list starts one."""
    with floor_action(committee, kind=EventKind.GSL_SPEAKER_CALLED) as action:
        speech = start_speech(action.params, str(delegation.pk), action.now, duration=seconds)
        action.update(speech=speech)
        action.payload = SpeakerCalled(delegation.pk, seconds=seconds)


@pytest.mark.django_db
def test_speaker_timer_pauses_resumes_and_extends(committee_x, chair, roster):
    give_the_floor(committee_x, roster["Alphaland"])
    floor.speech_timer_control(committee=committee_x, user=chair, command="pause")
    paused = doc_of(committee_x).speech.timer
    assert paused.deadline is None
    assert timedelta(seconds=89) <= paused.remaining <= timedelta(seconds=90)
    floor.speech_timer_control(committee=committee_x, user=chair, command="extend", seconds=30)
    assert doc_of(committee_x).speech.timer.remaining >= timedelta(seconds=119)
    floor.speech_timer_control(committee=committee_x, user=chair, command="start")
    assert doc_of(committee_x).speech.timer.deadline is not None
    floor.speech_timer_control(committee=committee_x, user=chair, command="reset")
    reset = doc_of(committee_x).speech.timer
    assert reset.deadline is None and reset.remaining == reset.duration


@pytest.mark.django_db
def test_timer_without_a_speaker_is_refused(committee_x, chair):
    with pytest.raises(ProcedureError, match="no_speaker"):
        floor.speech_timer_control(committee=committee_x, user=chair, command="start")


@pytest.mark.django_db
def test_undo_restores_the_floor_and_appends_a_compensating_event(committee_x, chair, roster):
    open_roll_call(committee_x, chair)
    alphaland = roster["Alphaland"]
    floor.attendance_set(
        committee=committee_x, delegation_id=alphaland.pk, status="present", user=chair
    )
    marked = FloorEvent.objects.get(kind="attendance_marked")
    undo = floor.floor_undo(committee=committee_x, user=chair)
    assert undo.undoes == marked
    assert doc_of(committee_x).status_of(alphaland.pk) == "absent"
    assert FloorEvent.objects.filter(committee=committee_x).count() == 4  # nothing deleted
    record = AttendanceRecord.objects.get(delegation=alphaland)
    assert record.status == "absent"
    # Undo goes one more step back (roll call started), then stops at the session's opening.
    floor.floor_undo(committee=committee_x, user=chair)
    assert doc_of(committee_x).phase == "not_started"
    with pytest.raises(FloorRefusal, match="no action to undo"):
        floor.floor_undo(committee=committee_x, user=chair)


@pytest.mark.django_db
def test_a_delegations_own_answer_is_not_undone_by_the_dais(committee_x, chair, roster):
    open_roll_call(committee_x, chair)
    alphaland = roster["Alphaland"]
    floor.attendance_set(
        committee=committee_x, delegation_id=alphaland.pk, status="present", delegation=alphaland
    )
    with pytest.raises(FloorRefusal, match="Only dais actions"):
        floor.floor_undo(committee=committee_x, user=chair)


@pytest.mark.django_db
def test_opening_a_session_cannot_be_undone(committee_x, chair):
    floor.session_open(committee=committee_x, user=chair)
    with pytest.raises(FloorRefusal):
        floor.floor_undo(committee=committee_x, user=chair)


@pytest.mark.django_db
def test_every_action_pushes_every_audience_after_commit(
    committee_x, chair, roster, broadcasts, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        floor.session_open(committee=committee_x, user=chair)
    groups = [group for group, _message in broadcasts]
    for audience in realtime.AUDIENCES:
        for language in ("en", "zh-hans"):
            assert realtime.committee_group(committee_x.pk, audience, language) in groups
    assert realtime.secretariat_group("en") in groups
    dais = dict(broadcasts)[realtime.committee_group(committee_x.pk, realtime.DAIS, "en")]
    seq = Floor.objects.get(pk=committee_x.pk).seq
    assert f'data-seq="{seq}"' in dais["text"]
    assert 'id="floor-status"' in dais["text"] and "Session 1" in dais["text"]
    chinese = dict(broadcasts)[realtime.committee_group(committee_x.pk, realtime.DAIS, "zh-hans")]
    assert "第 1 会期" in chinese["text"] and "Session 1" not in chinese["text"]


@pytest.mark.django_db
def test_a_refused_action_changes_nothing_and_pushes_nothing(
    committee_x, chair, broadcasts, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        floor.session_open(committee=committee_x, user=chair)
    seq_before = Floor.objects.get(pk=committee_x.pk).seq
    broadcasts.clear()
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(ProcedureError):
        floor.session_open(committee=committee_x, user=chair)
    assert Floor.objects.get(pk=committee_x.pk).seq == seq_before
    assert broadcasts == []


# ---- the views --------------------------------------------------------------------------


@pytest.mark.django_db
def test_dais_view_answers_204_and_refusal_409_with_a_notice(committee_x, dais_x_client):
    url = reverse("floor_session_open", args=[committee_x.slug])
    assert dais_x_client.post(url, HTTP_HX_REQUEST="true").status_code == 204
    refused = dais_x_client.post(url, HTTP_HX_REQUEST="true")
    assert refused.status_code == 409
    assert refused["HX-Retarget"] == "#notices"
    assert "Session 1 is already open." in refused.content.decode()


@pytest.mark.django_db
def test_refusal_is_in_the_users_language(committee_x, dais_x_client):
    url = reverse("floor_session_open", args=[committee_x.slug])
    dais_x_client.post(url, HTTP_HX_REQUEST="true")
    dais_x_client.cookies["django_language"] = "zh-hans"
    refused = dais_x_client.post(url, HTTP_HX_REQUEST="true")
    assert "第 1 会期已经开始。" in refused.content.decode()


@pytest.mark.django_db
def test_bad_status_is_refused_with_400(committee_x, dais_x_client, roster):
    url = reverse("floor_attendance_mark", args=[committee_x.slug, roster["Alphaland"].pk])
    response = dais_x_client.post(url, {"status": "sleeping"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 400
    assert "Choose absent, present or present and voting." in response.content.decode()


@pytest.mark.django_db
def test_phone_answers_roll_call(committee_x, chair, roster, make_delegate_client):
    open_roll_call(committee_x, chair)
    phone = make_delegate_client(roster["Betastan"])
    response = phone.post(
        reverse("delegate_attendance", args=[committee_x.slug]),
        {"status": "present"},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 204
    assert doc_of(committee_x).status_of(roster["Betastan"].pk) == "present"
    home = phone.get(reverse("delegate_home", args=[committee_x.slug])).content.decode()
    assert 'data-status="present"' in home


@pytest.mark.django_db
def test_phone_cannot_send_an_absent_answer(committee_x, chair, roster, make_delegate_client):
    open_roll_call(committee_x, chair)
    phone = make_delegate_client(roster["Betastan"])
    response = phone.post(
        reverse("delegate_attendance", args=[committee_x.slug]),
        {"status": "absent"},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 400


@pytest.mark.django_db
def test_each_language_gets_the_topic_in_its_own_language(committee_x, chair):
    topic = committee_x.topics.get()
    topic.title_zh = "维和改革"
    topic.save()
    floor.session_open(committee=committee_x, user=chair)
    html = render_regions(FloorView(committee_x), ("projector-main",))
    assert "维和改革" in html["zh-hans"] and "维和改革" not in html["en"]
    assert topic.title in html["en"]


@pytest.mark.django_db
def test_a_running_timer_survives_a_restart_as_its_deadline(committee_x, chair, roster):
    """Nothing lives in a server process: a new process reads the same deadline back."""
    give_the_floor(committee_x, roster["Alphaland"], seconds=90)
    stored = Floor.objects.get(pk=committee_x.pk).state
    running = decode(stored).speech.timer
    assert running.deadline is not None
    # What a freshly started server process builds from the database alone:
    reloaded = FloorView(committee_x, now=running.deadline - timedelta(seconds=30))
    assert reloaded.speech_timer["running"] is True
    assert reloaded.speech_timer["remaining_ms"] == 30_000
    assert reloaded.speech_timer["deadline_ms"] == int(running.deadline.timestamp() * 1000)
