"""The log is chained and replayable: `verify_log` catches any row edited behind the app's back."""

import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from committee.log import chain
from committee.models import Floor, FloorEvent
from committee.services import floor
from tests import factories


@pytest.fixture
def chair(committee_x):
    return factories.dais_user(committee_x)


@pytest.fixture
def played(committee_x, chair):
    """A session with a roll call and a few answers: events of several kinds."""
    members = factories.delegations(committee_x, ["Alphaland", "Betastan", "Gammaria"])
    floor.session_open(committee=committee_x, user=chair)
    floor.roll_call_start(committee=committee_x, user=chair)
    for member in members:
        floor.attendance_set(
            committee=committee_x, delegation_id=member.pk, status="present", user=chair
        )
    floor.roll_call_close(committee=committee_x, user=chair)
    floor.floor_undo(committee=committee_x, user=chair)
    return committee_x


def verify_log(slug):
    call_command("verify_log", slug)


@pytest.mark.django_db
def test_an_untouched_log_verifies(played, capsys):
    verify_log(played.slug)
    assert "7 events, chain intact" in capsys.readouterr().out
    assert chain.verify(played) == (7, None)


@pytest.mark.django_db
def test_each_event_links_to_the_one_before(played):
    events = list(FloorEvent.objects.filter(committee=played).order_by("seq"))
    assert events[0].prev_hash == chain.GENESIS
    for previous, event in zip(events, events[1:], strict=False):
        assert event.prev_hash == previous.hash
    assert Floor.objects.get(pk=played.pk).last_hash == events[-1].hash


@pytest.mark.django_db
def test_an_edited_payload_is_caught_and_named(played):
    # Behind the app's back: someone changes who was marked present in event 4.
    FloorEvent.objects.filter(committee=played, seq=4).update(payload={"delegation": 999})
    with pytest.raises(CommandError, match="event 4 does not add up: its content"):
        verify_log(played.slug)


@pytest.mark.django_db
def test_a_resealed_edit_still_breaks_the_next_link(played):
    event = FloorEvent.objects.get(committee=played, seq=3)
    event.payload = {"delegation": 999, "status": "present", "held_at_door": False}
    chain.seal(event, event.prev_hash)  # the forger recomputes this event's own hash…
    event.save()
    with pytest.raises(CommandError, match="event 4 does not add up: its link"):
        verify_log(played.slug)


@pytest.mark.django_db
def test_a_deleted_event_is_caught(played):
    with connection.cursor() as cursor:
        cursor.execute(
            "DELETE FROM committee_floorevent WHERE committee_id = %s AND seq = 5", [played.pk]
        )
    with pytest.raises(CommandError, match="event 6 does not add up: expected event 5"):
        verify_log(played.slug)


@pytest.mark.django_db
def test_a_floor_edited_behind_the_apps_back_no_longer_matches_its_replay(played):
    row = Floor.objects.get(pk=played.pk)
    state = dict(row.state)
    state["phase"] = "voting_procedure"
    Floor.objects.filter(pk=played.pk).update(state=state)
    with pytest.raises(CommandError, match="the floor does not add up: replaying"):
        verify_log(played.slug)


@pytest.mark.django_db
def test_checking_the_hashes_alone_skips_the_replay_but_not_the_chain(played):
    """What the report checks when it is made: the chain, in a fraction of the time."""
    assert chain.verify(played, replay=False) == (
        FloorEvent.objects.filter(committee=played).count(),
        None,
    )
    state = dict(Floor.objects.get(pk=played.pk).state)
    state["phase"] = "voting_procedure"
    Floor.objects.filter(pk=played.pk).update(state=state)
    assert chain.verify(played, replay=False)[1] is None  # the floor is what a replay checks
    assert chain.verify(played)[1].reason.startswith("replaying")
    Floor.objects.filter(pk=played.pk).update(last_hash="f" * 64)
    assert chain.verify(played, replay=False)[1].reason == "the floor's last hash is not the log's"
    event = FloorEvent.objects.get(committee=played, seq=3)
    FloorEvent.objects.filter(pk=event.pk).update(payload={"edited": True})
    assert chain.verify(played, replay=False)[1] == chain.Problem(
        3, "its content does not match its hash"
    )


@pytest.mark.django_db
def test_a_change_that_no_longer_fits_is_caught(played):
    event = FloorEvent.objects.get(committee=played, seq=4)
    FloorEvent.objects.filter(pk=event.pk).update(change=[{"path": ["nowhere", "x"], "new": 1}])
    with pytest.raises(CommandError, match="event 4 does not add up"):
        verify_log(played.slug)


@pytest.mark.django_db
def test_an_unknown_committee_is_an_error(db):
    with pytest.raises(CommandError, match="No committee is called 'nope'"):
        verify_log("nope")


@pytest.mark.django_db
def test_the_hash_covers_the_events_canonical_content(played):
    event = FloorEvent.objects.get(committee=played, seq=2)
    content = json.loads(chain.canonical_content(event))
    assert content["kind"] == "roll_call_started"
    assert content["seq"] == 2
    assert event.hash == chain.event_hash(event.prev_hash, event)


@pytest.mark.django_db
def test_a_committee_goes_with_its_whole_record(played):
    played.delete()
    assert not FloorEvent.objects.exists()
