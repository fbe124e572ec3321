"""A delegate's phone joins with the delegation's code or its QR link; guessing is slowed."""

import pytest
from django.test import Client
from django.urls import reverse

from committee.access import SESSION_DELEGATION_KEY
from committee.models import BoundDevice
from committee.services import credentials
from tests import factories


def join(client: Client, code: str):
    return client.post(reverse("delegate_join"), {"code": code})


@pytest.mark.django_db
def test_typed_code_binds_the_phone_to_its_delegation(delegation_a):
    client = Client()
    code = factories.access_of(delegation_a).code
    response = join(client, code)
    assert response.status_code == 302
    assert response["Location"] == reverse("delegate_home", args=[delegation_a.committee.slug])
    assert client.session[SESSION_DELEGATION_KEY] == delegation_a.pk
    home = client.get(response["Location"])
    assert home.status_code == 200
    assert "Alphaland" in home.content.decode()
    assert BoundDevice.objects.filter(access__delegation=delegation_a).count() == 1


@pytest.mark.django_db
def test_code_is_case_insensitive_and_ignores_spaces(delegation_a):
    code = factories.access_of(delegation_a).code
    typed = f" {code[:4].lower()} {code[4:].lower()} "
    response = join(Client(), typed)
    assert response.status_code == 302


@pytest.mark.django_db
def test_wrong_code_is_refused_with_a_reason_and_binds_nothing(delegation_a):
    client = Client()
    response = join(client, "WRONG123")
    assert response.status_code == 400
    assert "This code is not valid" in response.content.decode()
    assert SESSION_DELEGATION_KEY not in client.session


@pytest.mark.django_db
def test_repeated_wrong_codes_make_the_client_wait(delegation_a, settings):
    settings.ACCESS_CODE_MAX_FAILURES = 3
    settings.ACCESS_CODE_LOCKOUT_SECONDS = 60
    client = Client()
    for _attempt in range(2):
        assert join(client, "WRONG123").status_code == 400
    locked = join(client, "WRONG123")
    assert locked.status_code == 429
    assert "Try again in 60 s" in locked.content.decode()
    # Even the right code waits until the lockout ends.
    right = join(client, factories.access_of(delegation_a).code)
    assert right.status_code == 429
    assert SESSION_DELEGATION_KEY not in client.session


@pytest.mark.django_db
def test_lockout_is_per_client_address(delegation_a, settings):
    settings.ACCESS_CODE_MAX_FAILURES = 1
    guesser = Client(REMOTE_ADDR="10.0.0.7")
    assert join(guesser, "WRONG123").status_code == 429
    other_phone = Client(REMOTE_ADDR="10.0.0.8")
    assert join(other_phone, factories.access_of(delegation_a).code).status_code == 302


@pytest.mark.django_db
def test_qr_link_shows_the_delegation_and_joins_on_one_tap(delegation_a):
    client = Client()
    url = reverse("delegate_join_qr", args=[factories.access_of(delegation_a).code])
    page = client.get(url)
    assert page.status_code == 200
    assert "Join as Alphaland" in page.content.decode()
    assert SESSION_DELEGATION_KEY not in client.session  # a GET never binds
    response = client.post(url)
    assert response.status_code == 302
    assert client.session[SESSION_DELEGATION_KEY] == delegation_a.pk


@pytest.mark.django_db
def test_qr_link_with_an_old_code_explains_itself(delegation_a):
    old_code = factories.access_of(delegation_a).code
    credentials.access_code_regenerate(delegation=delegation_a)
    response = Client().get(reverse("delegate_join_qr", args=[old_code]))
    assert response.status_code == 404
    assert "This code does not work" in response.content.decode()


@pytest.mark.django_db
def test_regenerated_code_logs_out_every_bound_phone(delegation_a, make_delegate_client):
    phone = Client()
    join(phone, factories.access_of(delegation_a).code)
    second_phone = make_delegate_client(delegation_a)
    home = reverse("delegate_home", args=[delegation_a.committee.slug])
    assert phone.get(home).status_code == 200
    assert second_phone.get(home).status_code == 200

    credentials.access_code_regenerate(delegation=delegation_a)

    for device in (phone, second_phone):
        response = device.get(home)
        assert response.status_code == 302
        assert response["Location"] == reverse("delegate_join")
    assert not BoundDevice.objects.filter(access__delegation=delegation_a).exists()


@pytest.mark.django_db
def test_old_code_stops_working_and_new_one_works(delegation_a):
    old_code = factories.access_of(delegation_a).code
    new_code = credentials.access_code_regenerate(delegation=delegation_a).code
    assert new_code != old_code
    assert join(Client(), old_code).status_code == 400
    assert join(Client(), new_code).status_code == 302


@pytest.mark.django_db
def test_leaving_unbinds_the_phone(delegation_a, make_delegate_client):
    phone = make_delegate_client(delegation_a)
    response = phone.post(reverse("delegate_leave"))
    assert response["Location"] == reverse("delegate_join")
    home = phone.get(reverse("delegate_home", args=[delegation_a.committee.slug]))
    assert home["Location"] == reverse("delegate_join")


@pytest.mark.django_db
def test_joining_starts_a_fresh_browser_session(delegation_a):
    client = Client()
    client.get(reverse("delegate_join"))
    client.cookies["sessionid"] = "attacker-chosen-session-key"
    join(client, factories.access_of(delegation_a).code)
    assert client.cookies["sessionid"].value != "attacker-chosen-session-key"
