"""Open sockets close as soon as the rights they were opened with go."""

import pytest
from asgiref.sync import async_to_sync, sync_to_async
from django.contrib.auth.models import update_last_login
from django.test import Client
from django.urls import reverse

from committee import realtime
from committee.consumers import CLOSE_ACCESS_REVOKED
from committee.models import DaisMembership
from committee.services import floor, setup
from tests import factories
from tests.committee.test_consumers import communicator_for
from tests.conftest import delegate_client, user_client

pytestmark = pytest.mark.django_db(transaction=True)

WAIT = 10  # seconds; generous, for a busy machine


async def open_screen(path: str, client: Client):
    ws = communicator_for(path, client)
    connected, _code = await ws.connect(timeout=WAIT)
    assert connected
    await ws.receive_from(timeout=WAIT)  # the snapshot
    return ws


async def expect_revoked(ws) -> None:
    revoked = await ws.receive_from(timeout=WAIT)
    assert 'id="access-revoked"' in revoked
    closed = await ws.receive_output(timeout=WAIT)
    assert closed == {"type": "websocket.close", "code": CLOSE_ACCESS_REVOKED}


def test_removed_dais_member_is_cut_off_and_gets_no_more_dais_pushes(committee_x):
    chair = factories.dais_user(committee_x)
    membership = DaisMembership.objects.get(user=chair, committee=committee_x)
    client = user_client(chair)

    async def scenario():
        ws = await open_screen(f"/ws/c/{committee_x.slug}/", client)
        await sync_to_async(setup.dais_remove)(membership=membership)
        await expect_revoked(ws)
        await sync_to_async(realtime.push_floor_now)(committee_x)
        nothing_more = await ws.receive_nothing(timeout=1)
        await ws.disconnect()
        return nothing_more

    assert async_to_sync(scenario)() is True


def test_removal_from_one_dais_leaves_the_members_other_committee_open(committee_x, committee_y):
    chair = factories.dais_user(committee_x)
    DaisMembership.objects.create(user=chair, committee=committee_y, role="chair")
    membership_x = DaisMembership.objects.get(user=chair, committee=committee_x)
    client = user_client(chair)

    async def scenario():
        ws_x = await open_screen(f"/ws/c/{committee_x.slug}/", client)
        ws_y = await open_screen(f"/ws/c/{committee_y.slug}/", client)
        await sync_to_async(setup.dais_remove)(membership=membership_x)
        await expect_revoked(ws_x)
        await sync_to_async(floor.session_open)(committee=committee_y, user=chair)
        still_live = await ws_y.receive_from(timeout=WAIT)
        await ws_y.disconnect()
        return still_live

    assert 'id="floor-status"' in async_to_sync(scenario)()


def test_phone_that_pressed_leave_has_its_socket_closed(committee_x):
    alphaland = factories.delegation(committee_x, "Alphaland")
    phone = delegate_client(alphaland)

    async def scenario():
        ws = await open_screen(f"/ws/c/{committee_x.slug}/", phone)
        response = await sync_to_async(phone.post)(reverse("delegate_leave"))
        assert response.status_code == 302
        await expect_revoked(ws)

    async_to_sync(scenario)()


def test_signing_out_closes_the_screens_of_that_browser_only(committee_x):
    chair = factories.dais_user(committee_x)
    laptop, tablet = user_client(chair), user_client(chair)

    async def scenario():
        ws_laptop = await open_screen(f"/ws/c/{committee_x.slug}/", laptop)
        ws_tablet = await open_screen(f"/ws/c/{committee_x.slug}/", tablet)
        await sync_to_async(laptop.post)(reverse("logout"))
        await expect_revoked(ws_laptop)
        tablet_untouched = await ws_tablet.receive_nothing(timeout=1)
        await ws_tablet.disconnect()
        return tablet_untouched

    assert async_to_sync(scenario)() is True


def test_new_password_closes_every_screen_of_the_user(committee_x):
    chair = factories.dais_user(committee_x)
    client = user_client(chair)

    async def scenario():
        ws = await open_screen(f"/ws/c/{committee_x.slug}/", client)

        def change_password() -> None:
            chair.set_password("a-brand-new-password")
            chair.save()

        await sync_to_async(change_password)()
        await expect_revoked(ws)

    async_to_sync(scenario)()


def test_deactivated_secretariat_member_loses_the_dashboard(db):
    member = factories.secretariat_user()
    client = user_client(member)

    async def scenario():
        ws = await open_screen("/ws/secretariat/", client)

        def deactivate() -> None:
            member.is_active = False
            member.save()

        await sync_to_async(deactivate)()
        await expect_revoked(ws)

    async_to_sync(scenario)()


def test_signing_in_elsewhere_leaves_open_screens_alone(committee_x):
    chair = factories.dais_user(committee_x)
    client = user_client(chair)

    async def scenario():
        ws = await open_screen(f"/ws/c/{committee_x.slug}/", client)
        await sync_to_async(update_last_login)(None, chair)
        untouched = await ws.receive_nothing(timeout=1)
        await ws.disconnect()
        return untouched

    assert async_to_sync(scenario)() is True


def test_leaving_a_delegation_keeps_the_same_browsers_dais_screen_open(committee_x, committee_y):
    betastan = factories.delegation(committee_y, "Betastan")
    browser = delegate_client(betastan)
    browser.force_login(factories.dais_user(committee_x))

    async def scenario():
        dais_screen = await open_screen(f"/ws/c/{committee_x.slug}/", browser)
        phone_screen = await open_screen(f"/ws/c/{committee_y.slug}/", browser)
        await sync_to_async(browser.post)(reverse("delegate_leave"))
        await expect_revoked(phone_screen)
        dais_untouched = await dais_screen.receive_nothing(timeout=1)
        await dais_screen.disconnect()
        return dais_untouched

    assert async_to_sync(scenario)() is True


def test_nothing_reaches_a_screen_after_it_was_closed(committee_x):
    chair = factories.dais_user(committee_x)
    client = user_client(chair)

    def revoke_twice_and_push() -> None:
        # All three are queued for the screen before it handles the first.
        realtime.revoke_user_screens(chair.pk)
        realtime.revoke_user_screens(chair.pk)
        realtime.push_floor_now(committee_x)

    async def scenario():
        ws = await open_screen(f"/ws/c/{committee_x.slug}/", client)
        await sync_to_async(revoke_twice_and_push)()
        await expect_revoked(ws)
        nothing_more = await ws.receive_nothing(timeout=1)
        await ws.disconnect()
        return nothing_more

    assert async_to_sync(scenario)() is True
