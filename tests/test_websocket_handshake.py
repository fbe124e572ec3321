"""The websocket handshake: only this site's own pages may open a socket, at known addresses."""

import pytest
from asgiref.sync import async_to_sync
from channels.testing import WebsocketCommunicator
from django.test import override_settings

from bimun.asgi import application
from tests import factories
from tests.conftest import user_client

pytestmark = pytest.mark.django_db(transaction=True)

WAIT = 10  # seconds; generous, for a busy machine


def chair_connects(committee, *, origin: str, host: str, extra=()) -> bool:
    """Whether the chair's signed-in browser may open the dais socket from that page."""
    client = user_client(factories.dais_user(committee))
    headers = [
        (b"origin", origin.encode()),
        (b"host", host.encode()),
        (b"cookie", f"sessionid={client.cookies['sessionid'].value}".encode()),
        *extra,
    ]

    async def attempt() -> bool:
        ws = WebsocketCommunicator(application, f"/ws/c/{committee.slug}/", headers=headers)
        connected, _code = await ws.connect(timeout=WAIT)
        if connected:
            await ws.receive_from(timeout=WAIT)
            await ws.disconnect()
        return connected

    return async_to_sync(attempt)()


@pytest.mark.parametrize(
    "origin", ["http://127.0.0.1:1234", "http://localhost:9999", "https://localhost", "null"]
)
def test_page_on_another_port_or_scheme_cannot_use_the_chairs_cookies(committee_x, origin):
    assert chair_connects(committee_x, origin=origin, host="localhost") is False


def test_page_on_another_port_of_the_same_host_is_refused(committee_x):
    assert (
        chair_connects(committee_x, origin="http://localhost:9999", host="localhost:8000") is False
    )


@pytest.mark.parametrize(
    ("origin", "host"),
    [("http://localhost", "localhost"), ("http://127.0.0.1:8000", "127.0.0.1:8000")],
)
def test_the_sites_own_page_connects(committee_x, origin, host):
    assert chair_connects(committee_x, origin=origin, host=host) is True


def test_host_outside_allowed_hosts_is_refused_even_with_a_matching_origin(committee_x):
    assert chair_connects(committee_x, origin="http://evil.example", host="evil.example") is False


HTTPS_PROXY = {"SECURE_PROXY_SSL_HEADER": ("HTTP_X_FORWARDED_PROTO", "https")}
FROM_PROXY = ((b"x-forwarded-proto", b"https"),)


@override_settings(ALLOWED_HOSTS=["bimun.lan"], **HTTPS_PROXY)
def test_behind_an_https_proxy_the_https_page_connects(committee_x):
    assert chair_connects(
        committee_x, origin="https://bimun.lan", host="bimun.lan", extra=FROM_PROXY
    )


@override_settings(ALLOWED_HOSTS=["bimun.lan"], **HTTPS_PROXY)
def test_behind_an_https_proxy_a_plain_http_page_is_refused(committee_x):
    connected = chair_connects(
        committee_x, origin="http://bimun.lan", host="bimun.lan", extra=FROM_PROXY
    )
    assert connected is False


@override_settings(ALLOWED_HOSTS=["bimun.lan"])
def test_forwarded_proto_is_ignored_unless_the_proxy_is_configured(committee_x):
    connected = chair_connects(
        committee_x, origin="https://bimun.lan", host="bimun.lan", extra=FROM_PROXY
    )
    assert connected is False


@pytest.mark.parametrize(
    "path", ["/ws/nowhere/", "/ws/c/cx/extra/parts/here/", "/ws/c/Not a slug/"]
)
def test_unknown_websocket_address_is_refused_cleanly(committee_x, path, caplog):
    async def attempt():
        ws = WebsocketCommunicator(
            application, path, headers=[(b"origin", b"http://localhost"), (b"host", b"localhost")]
        )
        return await ws.connect(timeout=WAIT)

    connected, _code = async_to_sync(attempt)()
    assert connected is False
    assert not [record for record in caplog.records if record.levelname in {"ERROR", "CRITICAL"}]
