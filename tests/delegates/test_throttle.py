"""Guessing access codes is slowed per address: no reset by a right code, no race, no Redis."""

import threading

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from committee.access import SESSION_DELEGATION_KEY
from delegates.views import join as join_views
from tests import factories


def join(client: Client, code: str):
    return client.post(reverse("delegate_join"), {"code": code})


@pytest.fixture
def five_tries(settings):
    settings.ACCESS_CODE_MAX_FAILURES = 5
    settings.ACCESS_CODE_LOCKOUT_SECONDS = 60


@pytest.mark.django_db
def test_joining_with_its_own_code_does_not_wipe_the_wrong_guesses(delegation_a, five_tries):
    """A delegation holding its code cannot loop {4 wrong guesses, 1 right join} for ever."""
    own_code = factories.access_of(delegation_a).code
    guesser = Client(REMOTE_ADDR="10.0.0.9")
    statuses = []
    for _cycle in range(2):
        statuses += [join(guesser, "WRONG123").status_code for _guess in range(4)]
        statuses.append(join(guesser, own_code).status_code)
    assert statuses[:5] == [400, 400, 400, 400, 302]
    # The fifth wrong guess, the first of the second cycle, is the last one answered.
    assert statuses[5] == 429
    assert set(statuses[6:]) == {429}


@pytest.mark.django_db
def test_a_right_code_gives_back_its_own_try_so_it_can_always_join_before_the_limit(
    delegation_a, five_tries
):
    own_code = factories.access_of(delegation_a).code
    phone = Client(REMOTE_ADDR="10.0.0.10")
    for _guess in range(4):
        assert join(phone, "WRONG123").status_code == 400
    for _rejoin in range(3):  # rejoining costs nothing: several phones of one delegation
        assert join(phone, own_code).status_code == 302


@pytest.mark.django_db
def test_the_qr_link_counts_against_the_same_limit(delegation_a, five_tries):
    guesser = Client(REMOTE_ADDR="10.0.0.11")
    for _guess in range(4):
        assert join(guesser, "WRONG123").status_code == 400
    qr_guess = guesser.get(reverse("delegate_join_qr", args=["WRONG999"]))
    assert qr_guess.status_code == 429
    right_qr = reverse("delegate_join_qr", args=[factories.access_of(delegation_a).code])
    assert guesser.post(right_qr).status_code == 429
    assert SESSION_DELEGATION_KEY not in guesser.session


@pytest.mark.django_db
def test_joining_works_while_redis_is_unreachable(delegation_a, settings):
    # Nothing listens on port 1: every cache call would fail with a connection error.
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
        }
    }
    phone = Client()
    assert join(phone, "WRONG123").status_code == 400
    assert join(phone, factories.access_of(delegation_a).code).status_code == 302
    assert phone.session[SESSION_DELEGATION_KEY] == delegation_a.pk


@pytest.mark.django_db(transaction=True)
def test_forty_wrong_codes_at_once_have_exactly_five_checked(delegation_a, five_tries, monkeypatch):
    checked = []
    lock = threading.Lock()
    find_access = join_views._find_access

    def counting_find_access(typed: str):
        with lock:
            checked.append(typed)
        return find_access(typed)

    monkeypatch.setattr(join_views, "_find_access", counting_find_access)
    barrier = threading.Barrier(40)
    statuses: list[int] = []

    def guess(number: int) -> None:
        try:
            client = Client(REMOTE_ADDR="10.0.0.12")
            barrier.wait()
            status = join(client, f"WRONG{number:03d}").status_code
        except Exception:  # noqa: BLE001 - a crash is an outcome under test, like a 500
            status = 500
        finally:
            connection.close()
        with lock:
            statuses.append(status)

    threads = [threading.Thread(target=guess, args=(number,)) for number in range(40)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert len(statuses) == 40
    assert len(checked) == 5
    assert set(statuses) <= {400, 429}  # no 500
    # 35 refused unchecked, and at least the fifth checked one already answers "wait" (a
    # checked guess finishing after the lockout began says "wait" too).
    assert statuses.count(429) >= 36
