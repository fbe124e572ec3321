"""One phone cannot load the server through its sockets: resyncs, socket counts, roster pushes."""

import pytest
from asgiref.sync import async_to_sync, sync_to_async

from committee import realtime
from committee.consumers import CLOSE_SUPERSEDED, RESYNC
from committee.models import LiveConnection
from committee.services import presence
from tests import factories
from tests.committee.test_consumers import communicator_for
from tests.conftest import delegate_client, user_client

pytestmark = pytest.mark.django_db(transaction=True)

WAIT = 10  # seconds; generous, for a busy machine


def test_a_burst_of_resyncs_gets_one_snapshot_later_not_one_each(committee_x, monkeypatch):
    alphaland = factories.delegation(committee_x, "Alphaland")
    phone = delegate_client(alphaland)
    rendered = []
    original_snapshot = realtime.snapshot

    def counting_snapshot(*args, **kwargs):
        rendered.append(args)
        return original_snapshot(*args, **kwargs)

    monkeypatch.setattr(realtime, "snapshot", counting_snapshot)

    async def scenario():
        ws = communicator_for(f"/ws/c/{committee_x.slug}/", phone)
        await ws.connect(timeout=WAIT)
        await ws.receive_from(timeout=WAIT)  # the snapshot every connection gets
        for _ in range(30):
            await ws.send_to(text_data=RESYNC)
        merged = await ws.receive_from(timeout=WAIT)
        nothing_more = await ws.receive_nothing(timeout=1)
        await ws.disconnect()
        return merged, nothing_more

    merged, nothing_more = async_to_sync(scenario)()
    assert 'id="phone-now"' in merged
    assert nothing_more is True
    assert len(rendered) == 2


def test_sockets_beyond_the_cap_close_the_delegations_oldest(committee_x, monkeypatch):
    monkeypatch.setattr(presence, "MAX_LIVE_CONNECTIONS_PER_DELEGATION", 2)
    alphaland = factories.delegation(committee_x, "Alphaland")
    phone = delegate_client(alphaland)

    async def scenario():
        sockets = []
        for _ in range(3):
            ws = communicator_for(f"/ws/c/{committee_x.slug}/", phone)
            connected, _code = await ws.connect(timeout=WAIT)
            assert connected
            await ws.receive_from(timeout=WAIT)
            sockets.append(ws)
        oldest_closed = await sockets[0].receive_output(timeout=WAIT)
        newer_untouched = [await ws.receive_nothing(timeout=0.5) for ws in sockets[1:]]
        open_rows = await sync_to_async(LiveConnection.objects.count)()
        for ws in sockets:
            await ws.disconnect()
        return oldest_closed, newer_untouched, open_rows

    oldest_closed, newer_untouched, open_rows = async_to_sync(scenario)()
    assert oldest_closed == {"type": "websocket.close", "code": CLOSE_SUPERSEDED}
    assert newer_untouched == [True, True]
    assert open_rows == 2


def test_dais_roster_is_pushed_only_when_a_delegation_comes_online_or_goes_offline(committee_x):
    alphaland = factories.delegation(committee_x, "Alphaland")
    chair = user_client(factories.dais_user(committee_x))
    phone = delegate_client(alphaland)

    async def scenario():
        dais = communicator_for(f"/ws/c/{committee_x.slug}/", chair)
        await dais.connect(timeout=WAIT)
        await dais.receive_from(timeout=WAIT)
        first = communicator_for(f"/ws/c/{committee_x.slug}/", phone)
        await first.connect(timeout=WAIT)
        came_online = await dais.receive_from(timeout=WAIT)
        second = communicator_for(f"/ws/c/{committee_x.slug}/", phone)
        await second.connect(timeout=WAIT)
        await second.receive_from(timeout=WAIT)
        quiet_on_second_open = await dais.receive_nothing(timeout=1)
        await second.disconnect()
        quiet_on_second_close = await dais.receive_nothing(timeout=1)
        await first.disconnect()
        went_offline = await dais.receive_from(timeout=WAIT)
        await dais.disconnect()
        return came_online, quiet_on_second_open, quiet_on_second_close, went_offline

    came_online, quiet_on_open, quiet_on_close, went_offline = async_to_sync(scenario)()
    assert 'data-delegation="Alphaland" data-online="true"' in came_online
    assert quiet_on_open is True
    assert quiet_on_close is True
    assert 'data-delegation="Alphaland" data-online="false"' in went_offline
