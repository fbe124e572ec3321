"""The live websocket: snapshot on connect, presence on the dais roster, revocation."""

import pytest
from asgiref.sync import async_to_sync, sync_to_async
from channels.testing import WebsocketCommunicator
from django.test import Client

from bimun.asgi import application
from committee.consumers import CLOSE_ACCESS_REVOKED
from committee.models import LiveConnection
from committee.services import credentials
from tests import factories
from tests.conftest import delegate_client, user_client

pytestmark = pytest.mark.django_db(transaction=True)


def communicator_for(path: str, client: Client, language: str | None = None):
    headers = [(b"origin", b"http://localhost"), (b"host", b"localhost")]
    cookies = (
        [f"sessionid={client.cookies['sessionid'].value}"] if "sessionid" in client.cookies else []
    )
    if language:
        cookies.append(f"django_language={language}")
    if cookies:
        headers.append((b"cookie", "; ".join(cookies).encode()))
    return WebsocketCommunicator(application, path, headers=headers)


def test_dais_gets_a_snapshot_of_the_roster_on_connect(committee_x):
    factories.delegations(committee_x, ["Alphaland", "Betastan"])
    chair = user_client(factories.dais_user(committee_x))

    async def scenario():
        ws = communicator_for(f"/ws/c/{committee_x.slug}/", chair)
        connected, _ = await ws.connect()
        assert connected
        snapshot = await ws.receive_from()
        await ws.disconnect()
        return snapshot

    snapshot = async_to_sync(scenario)()
    assert 'id="roster"' in snapshot and 'hx-swap-oob="true"' in snapshot
    assert 'data-delegation="Alphaland" data-online="false"' in snapshot
    assert 'data-delegation="Betastan"' in snapshot


def test_snapshot_is_in_the_screens_language(committee_x):
    factories.delegations(committee_x, ["Alphaland"])
    chair = user_client(factories.dais_user(committee_x))

    async def scenario():
        ws = communicator_for(f"/ws/c/{committee_x.slug}/", chair, language="zh-hans")
        await ws.connect()
        snapshot = await ws.receive_from()
        await ws.disconnect()
        return snapshot

    assert "代表团" in async_to_sync(scenario)()


def test_phone_connecting_turns_its_dot_online_on_the_dais_and_back(committee_x):
    alphaland = factories.delegation(committee_x, "Alphaland")
    chair = user_client(factories.dais_user(committee_x))
    phone = delegate_client(alphaland)

    async def scenario():
        dais = communicator_for(f"/ws/c/{committee_x.slug}/", chair)
        await dais.connect()
        await dais.receive_from()  # snapshot
        delegate = communicator_for(f"/ws/c/{committee_x.slug}/", phone)
        connected, _ = await delegate.connect()
        assert connected
        phone_snapshot = await delegate.receive_from()
        online = await dais.receive_from()
        online_rows = await sync_to_async(LiveConnection.objects.count)()
        await delegate.disconnect()
        offline = await dais.receive_from()
        offline_rows = await sync_to_async(LiveConnection.objects.count)()
        await dais.disconnect()
        return phone_snapshot, online, online_rows, offline, offline_rows

    phone_snapshot, online, online_rows, offline, offline_rows = async_to_sync(scenario)()
    assert 'id="phone-now"' in phone_snapshot
    assert 'data-delegation="Alphaland" data-online="true"' in online
    assert online_rows == 1
    assert 'data-delegation="Alphaland" data-online="false"' in offline
    assert offline_rows == 0


def test_regenerated_code_closes_the_phones_socket(committee_x):
    alphaland = factories.delegation(committee_x, "Alphaland")
    phone = delegate_client(alphaland)

    async def scenario():
        ws = communicator_for(f"/ws/c/{committee_x.slug}/", phone)
        await ws.connect()
        await ws.receive_from()
        await sync_to_async(credentials.access_code_regenerate)(delegation=alphaland)
        revoked = await ws.receive_from()
        closed = await ws.receive_output()
        return revoked, closed

    revoked, closed = async_to_sync(scenario)()
    assert 'id="access-revoked"' in revoked and 'data-revoked="true"' in revoked
    assert closed == {"type": "websocket.close", "code": CLOSE_ACCESS_REVOKED}


def test_old_projector_link_is_cut_off_and_new_one_works(committee_x):
    old_token = committee_x.projector_token

    async def scenario():
        ws = communicator_for(f"/ws/c/{committee_x.slug}/projector/{old_token}/", Client())
        connected, _ = await ws.connect()
        assert connected
        await ws.receive_from()
        updated = await sync_to_async(credentials.projector_link_regenerate)(committee=committee_x)
        await ws.receive_from()
        closed = await ws.receive_output()
        fresh = communicator_for(
            f"/ws/c/{committee_x.slug}/projector/{updated.projector_token}/", Client()
        )
        fresh_connected, _ = await fresh.connect()
        await fresh.disconnect()
        return closed, fresh_connected

    closed, fresh_connected = async_to_sync(scenario)()
    assert closed["code"] == CLOSE_ACCESS_REVOKED
    assert fresh_connected


def test_a_papers_page_gets_the_paper_on_connect_and_only_if_it_may_read_it(committee_x):
    from committee.services import documents

    author, reader = factories.delegations(committee_x, ["Alphaland", "Betastan"])
    paper = documents.document_create(
        committee=committee_x,
        delegation=author,
        topic_id=committee_x.topics.get().pk,
        title="Standby arrangements",
        body={"operative": [{"text": "Requests a report", "children": []}]},
    )

    async def first_message(client, document_id):
        ws = communicator_for(f"/ws/c/{committee_x.slug}/?document={document_id}", client)
        connected, _ = await ws.connect()
        assert connected
        message = await ws.receive_from()
        await ws.disconnect()
        return message

    own = async_to_sync(first_message)(delegate_client(author), paper.pk)
    assert f'id="document-{paper.pk}"' in own and "</span> a report" in own
    # A draft is its sponsors' own: another delegation's screen is not sent it.
    other = async_to_sync(first_message)(delegate_client(reader), paper.pk)
    assert f'id="document-{paper.pk}"' not in other and 'id="phone-now"' in other
    unknown = async_to_sync(first_message)(delegate_client(reader), 10**12)
    assert 'id="document-' not in unknown
