"""`manage.py seed_demo --day`: a C34 morning played through the floor services, once."""

from collections import Counter
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from committee.demo import day
from committee.demo.c34_1995 import DELEGATIONS
from committee.management.commands import seed_demo
from committee.models import AttendanceRecord, Committee, FloorEvent, Session

User = get_user_model()


@pytest.fixture(autouse=True)
def _served_on_this_computer_only(settings) -> None:
    settings.ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]"]


def seed(*options: str) -> str:
    out = StringIO()
    call_command("seed_demo", *options, stdout=out)
    return out.getvalue()


def kinds() -> Counter[str]:
    """The morning's log: the afternoon's session (committee/demo/voting.py) left out."""
    morning = FloorEvent.objects.filter(committee__slug="c34").exclude(session__number__gt=2)
    return Counter(morning.values_list("kind", flat=True))


def steps(step_type: type) -> list:
    return [step for step in day.C34_MORNING if isinstance(step, step_type)]


@pytest.fixture(name="played")
def played_fixture() -> str:
    return seed("--day")


# ---- the command ---------------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_day_plays_two_sessions_at_the_scripted_times(played: str) -> None:
    c34 = Committee.objects.get(slug="c34")
    first, second = Session.objects.filter(committee=c34, number__lte=2).order_by("number")
    assert first.opened_at == day.MORNING_STARTS_AT
    assert first.closed_at is not None and first.closed_at < second.opened_at
    # The scripted durations add up to a morning, not to the seconds the script took to run.
    assert 30 * 60 < (first.closed_at - first.opened_at).total_seconds() < 2 * 60 * 60
    assert second.closed_at is not None  # adjourned for lunch by motion
    assert second.closed_at.astimezone(day.MORNING_STARTS_AT.tzinfo).hour < 12  # lunch
    assert "demo day: 3 sessions played as demo-chair" in played  # and the afternoon's


@pytest.mark.django_db
def test_the_log_has_every_kind_of_action_of_the_morning(played: str) -> None:
    log = kinds()
    assert log["session_opened"] == 2 and log["session_closed"] == 1
    assert log["roll_call_started"] == 2 and log["roll_call_closed"] == 2
    assert log["attendance_marked"] and log["attendance_answered"]
    assert log["gsl_self_service"] == 1
    assert log["gsl_speaker_added"] == sum(
        len(s.by_dais) + len(s.from_phones) for s in steps(day.AddSpeakers)
    )
    assert log["gsl_speaker_called"] == len(steps(day.GslSpeech))
    # One yield for each of the four kinds, then what each kind leads to.
    yields = [s.ends_with for s in steps(day.GslSpeech)]
    # The delegation yielded to yields back to the chair as well.
    assert log["gsl_yield"] == sum(not isinstance(y, day.ChairEnds) for y in yields) + 1
    assert {type(y) for y in yields} >= {
        day.YieldToChair,
        day.YieldToDelegate,
        day.YieldToQuestions,
        day.YieldToComments,
    }
    assert log["gsl_yield_answered"] == 1
    assert log["gsl_question"] == 2 and log["gsl_answer_started"] == 2
    assert log["gsl_comment"] == 2
    assert log["point_raised"] == 3  # privilege, order, and a point of information
    assert log["point_resolved"] == 2 and log["point_speaker_resumed"] == 1
    assert log["reply_requested"] == 1 and log["reply_granted"] == 1
    assert log["reply_ended"] == 1
    assert log["motion_raised"] == len(steps(day.RaiseMotion))
    assert log["motion_seconded"] == len(steps(day.RaiseMotion))
    assert log["motion_vote_opened"] == log["motion_vote_closed"] == len(steps(day.Vote))
    assert log["caucus_mover_chose"] == 1
    assert log["caucus_placard_raised"] == log["caucus_speaker_recognised"] - 1
    assert log["caucus_slot_ended"] == log["caucus_speaker_recognised"] == 8
    assert log["caucus_ended"] == 2
    assert log["undo"] == 1


@pytest.mark.django_db
def test_the_undo_reverses_the_mistaken_attendance_mark(played: str) -> None:
    undo = FloorEvent.objects.get(committee__slug="c34", kind="undo")
    assert undo.undoes is not None and undo.undoes.kind == "attendance_marked"
    first = Session.objects.get(committee__slug="c34", number=1)
    mistaken = AttendanceRecord.objects.get(session=first, delegation__name="Sierra Leone")
    assert mistaken.status == "absent"


@pytest.mark.django_db
def test_attendance_is_recorded_with_the_late_arrival(played: str) -> None:
    first = Session.objects.get(committee__slug="c34", number=1)
    records = {r.delegation.name: r for r in first.attendance.select_related("delegation")}
    assert records["China"].status == "present_and_voting"
    assert records["Afghanistan"].status == "present"
    assert records["Brazil"].status == "present"  # an observer is only ever present
    assert "Iraq" not in records  # called at roll call, never answered
    late = records["Ghana"]
    assert late.status == "present"
    answered_at_roll_call = max(
        r.since for name, r in records.items() if name not in ("Ghana", "Sierra Leone")
    )
    assert late.since > answered_at_roll_call
    second = Session.objects.get(committee__slug="c34", number=2)
    again = {r.delegation.name: r.status for r in second.attendance.select_related("delegation")}
    assert again["Ghana"] == "present" and again["Iraq"] == "present"
    assert again["Afghanistan"] == "absent"


@pytest.mark.django_db
def test_running_twice_plays_the_morning_once() -> None:
    seed("--day")
    events = FloorEvent.objects.count()
    sessions = Session.objects.count()
    output = seed("--day")
    assert FloorEvent.objects.count() == events
    assert Session.objects.count() == sessions == 3  # the morning's two, the afternoon's
    assert "demo day: already there" in output


@pytest.mark.django_db
def test_without_the_flag_no_day_is_played() -> None:
    seed()
    assert not Session.objects.exists()
    assert not FloorEvent.objects.exists()


@pytest.mark.django_db
def test_the_demo_chair_acts_when_there_is_one() -> None:
    output = seed("--demo-accounts", "--day")
    chair = User.objects.get(username=seed_demo.CHAIR_USERNAME)
    by_user = FloorEvent.objects.filter(committee__slug="c34", actor_user__isnull=False)
    assert set(by_user.values_list("actor_user", flat=True)) == {chair.pk}
    assert not User.objects.filter(username=seed_demo.DAY_CHAIR_USERNAME).exists()
    assert "played as chair" in output


@pytest.mark.django_db
def test_without_a_demo_chair_an_account_nobody_can_sign_in_with_acts() -> None:
    seed("--day")
    stand_in = User.objects.get(username=seed_demo.DAY_CHAIR_USERNAME)
    assert not stand_in.is_active
    assert not stand_in.has_usable_password()
    assert not stand_in.groups.exists()  # not one of the demo accounts with a known password
    assert not stand_in.dais_memberships.exists()
    assert FloorEvent.objects.filter(actor_user=stand_in, kind="session_opened").count() == 3


@pytest.mark.django_db
def test_motions_end_as_the_script_says() -> None:
    seed()
    c34 = Committee.objects.get(slug="c34")
    summary = day.play_c34_morning(c34, User.objects.create_user("a-chair"))
    assert summary.motion_outcomes == day.expected_motion_outcomes()
    assert Counter(summary.motion_outcomes.values()) == {
        "carried": 4,
        "failed": 1,
        "superseded": 1,
    }


# ---- the expected statistics, from the script alone -------------------------------------------


def test_every_name_in_the_script_is_a_c34_delegation() -> None:
    known = {d.name for d in DELEGATIONS}
    speeches = day.expected_speeches()
    assert {s.delegation for s in speeches} <= known
    assert set(day.expected_statistics()) <= known


def test_the_statistics_count_what_the_script_does() -> None:
    stats = day.expected_statistics()
    # Egypt: a moderated caucus slot of 58 s; it moved the caucus, which carried; it
    # commented on France's speech (not a speech).
    assert stats["Egypt"] == {
        "speeches": 1,
        "speaking_seconds": 58,
        "motions_raised": 1,
        "motions_carried": 1,
        "points_raised": 0,
    }
    # Russia's clock: 40 s of speech and 20 + 18 s of answers; asking time is not its own.
    assert stats[day.RUSSIA]["speaking_seconds"] == 78
    # Japan: 30 s yielded by the United States (not a speech of its own), then 70 s.
    assert stats["Japan"]["speeches"] == 1
    assert stats["Japan"]["speaking_seconds"] == 100
    assert (stats["Japan"]["motions_raised"], stats["Japan"]["motions_carried"]) == (2, 1)
    # India: a caucus slot and a right of reply.
    assert (stats["India"]["speeches"], stats["India"]["speaking_seconds"]) == (2, 47 + 28)
    # Pakistan moved the unmoderated caucus that failed.
    assert (stats["Pakistan"]["motions_raised"], stats["Pakistan"]["motions_carried"]) == (1, 0)
    # Points: Bangladesh's privilege, Argentina's order, the UK's point of information.
    assert {name: row["points_raised"] for name, row in stats.items() if row["points_raised"]} == {
        "Bangladesh": 1,
        "Argentina": 1,
        day.UK: 1,
    }
    assert "Iraq" not in stats  # present in session 2, but did nothing on the record


def test_the_statistics_add_up_to_the_script() -> None:
    stats = day.expected_statistics()
    speeches = day.expected_speeches()
    counted = [s for s in speeches if s.kind in day.SPEECH_KINDS]
    assert sum(row["speeches"] for row in stats.values()) == len(counted)
    assert sum(row["speaking_seconds"] for row in stats.values()) == sum(
        s.seconds for s in speeches
    )
    assert sum(row["motions_raised"] for row in stats.values()) == len(steps(day.RaiseMotion))
    assert sum(row["motions_carried"] for row in stats.values()) == sum(
        v.carries for v in steps(day.Vote)
    )
    kinds_of_speech = Counter(s.kind for s in speeches)
    assert kinds_of_speech == {"gsl": 13, "gsl_yielded": 1, "caucus": 8, "reply": 1}
