"""Redis unreachable: everything is still saved, and the dais is told live updates are down.

The channel layer here points at a port where nothing listens, as when the Redis server has
stopped. Joining, dais actions and websocket handshakes must all go on working; pushes are
logged and dropped, and screens catch up with a snapshot when they reconnect.
"""

from typing import Any

import pytest
from asgiref.sync import async_to_sync
from django.urls import reverse

from committee import realtime
from committee.consumers import CLOSE_TRY_AGAIN_LATER
from committee.models import DelegationAccess, FloorEvent, Session
from committee.services import credentials
from tests import factories
from tests.committee.test_consumers import communicator_for
from tests.conftest import user_client

NOWHERE = "redis://127.0.0.1:1/0"  # nothing listens on port 1
LAYER_DOWN = {
    "default": {"BACKEND": "committee.layers.PubSubChannelLayer", "CONFIG": {"hosts": [NOWHERE]}}
}
LIVE_DOWN_TEXT = "live updates are down"


@pytest.fixture
def layer_down(settings, monkeypatch):
    monkeypatch.setattr(realtime, "_health", {"checked_at": None, "up": True})
    settings.CHANNEL_LAYERS = LAYER_DOWN


def banner_shown(html: str) -> bool:
    start = html.index('id="live-status"')
    tag = html[html.rindex("<", 0, start) : html.index(">", start)]
    return " hidden" not in tag


@pytest.mark.django_db
def test_joining_with_a_code_works_while_redis_is_down(layer_down, committee_x, client):
    delegation = factories.delegation(committee_x, "Alphaland")
    code = DelegationAccess.objects.get(delegation=delegation).code
    response = client.post(reverse("delegate_join"), {"code": code})
    assert response.status_code == 302
    assert response["Location"] == reverse("delegate_home", args=[committee_x.slug])


@pytest.mark.django_db
def test_the_qr_link_joins_while_redis_is_down(layer_down, committee_x, client):
    delegation = factories.delegation(committee_x, "Alphaland")
    url = reverse(
        "delegate_join_qr", args=[DelegationAccess.objects.get(delegation=delegation).code]
    )
    assert client.get(url).status_code == 200
    assert client.post(url).status_code == 302


@pytest.mark.django_db(transaction=True)
def test_a_new_code_is_saved_while_redis_is_down(layer_down, committee_x):
    delegation = factories.delegation(committee_x, "Alphaland")
    old_code = DelegationAccess.objects.get(delegation=delegation).code
    # Telling the old code's phones to leave happens after commit, and cannot reach them.
    credentials.access_code_regenerate(delegation=delegation)
    assert DelegationAccess.objects.get(delegation=delegation).code != old_code


@pytest.mark.django_db(transaction=True)
def test_a_dais_action_is_saved_and_says_live_updates_are_down(layer_down, committee_x):
    chair = user_client(factories.dais_user(committee_x))
    response = chair.post(
        reverse("floor_session_open", args=[committee_x.slug]), HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200
    assert response["HX-Retarget"] == "#notices"
    assert response["HX-Trigger"] == "liveUpdatesDown"
    html = response.content.decode()
    assert "Saved, but live updates are down" in html
    assert banner_shown(html)  # the dais's banner is turned on
    assert Session.objects.filter(committee=committee_x).count() == 1
    assert FloorEvent.objects.filter(committee=committee_x, kind="session_opened").exists()


@pytest.mark.django_db(transaction=True)
def test_a_dais_action_answers_204_when_live_updates_work(committee_x):
    chair = user_client(factories.dais_user(committee_x))
    response = chair.post(
        reverse("floor_session_open", args=[committee_x.slug]), HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 204


def test_redis_is_asked_at_most_once_every_couple_of_seconds(layer_down, monkeypatch):
    asked: list[str] = []

    def ping(url: str) -> bool:
        asked.append(url)
        return False

    monkeypatch.setattr(realtime, "_ping", ping)
    assert realtime.live_updates_available() is False
    assert realtime.live_updates_available() is False
    assert asked == [NOWHERE]


def test_a_push_while_redis_is_known_to_be_down_is_logged_not_raised(layer_down, caplog):
    realtime.send_to_group("committee.1.dais", {"type": realtime.PUSH_FRAGMENTS, "html": {}})
    assert "Live updates are down: nothing was pushed to committee.1.dais" in caplog.text


def test_a_push_that_fails_is_logged_and_marks_live_updates_down(layer_down, monkeypatch, caplog):
    monkeypatch.setattr(realtime, "_ping", lambda url: True)  # Redis answered a moment ago
    assert realtime.live_updates_available() is True
    realtime.send_to_group("committee.1.dais", {"type": realtime.PUSH_FRAGMENTS, "html": {}})
    assert "Live updates are down: nothing was pushed to committee.1.dais" in caplog.text
    assert realtime.live_updates_available() is False


def connect_and_listen(path: str, client) -> tuple[bool, str, dict[str, Any]]:
    async def scenario():
        ws = communicator_for(path, client)
        connected, _ = await ws.connect()
        snapshot = await ws.receive_from()
        closed = await ws.receive_output()
        return connected, snapshot, closed

    return async_to_sync(scenario)()


@pytest.mark.django_db(transaction=True)
def test_the_dais_socket_gets_a_snapshot_and_is_told_to_try_again_later(layer_down, committee_x):
    factories.delegations(committee_x, ["Alphaland"])
    chair = user_client(factories.dais_user(committee_x))
    connected, snapshot, closed = connect_and_listen(f"/ws/c/{committee_x.slug}/", chair)
    assert connected  # no failed handshake
    assert 'data-delegation="Alphaland"' in snapshot  # the screen as it is now
    assert banner_shown(snapshot)
    assert closed == {"type": "websocket.close", "code": CLOSE_TRY_AGAIN_LATER}


@pytest.mark.django_db(transaction=True)
def test_the_secretariat_socket_gets_a_snapshot_and_is_told_to_try_again_later(
    layer_down, committee_x
):
    secretariat = user_client(factories.secretariat_user())
    connected, snapshot, closed = connect_and_listen("/ws/secretariat/", secretariat)
    assert connected
    assert 'id="committee-summary' in snapshot
    assert closed == {"type": "websocket.close", "code": CLOSE_TRY_AGAIN_LATER}


@pytest.mark.django_db(transaction=True)
def test_a_dais_that_reconnects_to_working_live_updates_hides_the_banner(committee_x):
    chair = user_client(factories.dais_user(committee_x))

    async def scenario():
        ws = communicator_for(f"/ws/c/{committee_x.slug}/", chair)
        await ws.connect()
        snapshot = await ws.receive_from()
        await ws.disconnect()
        return snapshot

    snapshot = async_to_sync(scenario)()
    assert LIVE_DOWN_TEXT in snapshot.lower() and not banner_shown(snapshot)
