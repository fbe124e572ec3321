"""Accounts: signing in is throttled, every account changes its own password, the secretariat
sets dais passwords, a real conference starts with `create_secretariat` and no demo accounts."""

from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse

from committee import realtime
from committee.models import SecretariatMember
from committee.services.setup import DEMO_ACCOUNTS_GROUP
from tests import factories

User = get_user_model()
NEW_PASSWORD = "blue-helmets-1995"


@pytest.fixture
def five_tries(settings):
    settings.ACCESS_CODE_MAX_FAILURES = 5
    settings.ACCESS_CODE_LOCKOUT_SECONDS = 60


def sign_in(client: Client, username: str, password: str, url: str = ""):
    return client.post(url or reverse("login"), {"username": username, "password": password})


def signed_in(client: Client) -> bool:
    return "_auth_user_id" in client.session


# Signing in --------------------------------------------------------------------------------


@pytest.mark.django_db
def test_sign_in_is_refused_after_five_wrong_passwords_even_with_the_right_one(five_tries):
    chair = factories.user("lihua")
    browser = Client(REMOTE_ADDR="10.0.1.1")
    statuses = [sign_in(browser, "lihua", "wrong-guess").status_code for _guess in range(5)]
    assert statuses == [400, 400, 400, 400, 429]
    right = sign_in(browser, "lihua", factories.PASSWORD)
    assert right.status_code == 429
    assert "Too many wrong passwords" in right.content.decode()
    assert not signed_in(browser)
    chair.refresh_from_db()
    assert chair.last_login is None


@pytest.mark.django_db
def test_a_right_password_does_not_wipe_the_wrong_guesses_before_it(five_tries):
    factories.user("lihua")
    statuses = []
    for _cycle in range(2):
        browser = Client(REMOTE_ADDR="10.0.1.2")
        statuses += [sign_in(browser, "lihua", "wrong-guess").status_code for _guess in range(4)]
        statuses.append(sign_in(browser, "lihua", factories.PASSWORD).status_code)
    assert statuses[:5] == [400, 400, 400, 400, 302]
    assert statuses[5] == 429
    assert set(statuses[6:]) == {429}


@pytest.mark.django_db
def test_sign_in_from_another_address_is_not_held_up(five_tries):
    factories.user("lihua")
    guesser = Client(REMOTE_ADDR="10.0.1.3")
    for _guess in range(5):
        sign_in(guesser, "lihua", "wrong-guess")
    chair = Client(REMOTE_ADDR="10.0.1.4")
    assert sign_in(chair, "lihua", factories.PASSWORD).status_code == 302
    assert signed_in(chair)


@pytest.mark.django_db
def test_admin_sign_in_is_throttled_too(five_tries):
    User.objects.create_superuser(username="root", password=factories.PASSWORD)
    admin_login = reverse("admin:login")
    browser = Client(REMOTE_ADDR="10.0.1.5")
    for _guess in range(5):
        sign_in(browser, "root", "wrong-guess", admin_login)
    right = sign_in(browser, "root", factories.PASSWORD, admin_login)
    assert "Too many wrong passwords" in right.content.decode()
    assert not signed_in(browser)


@pytest.mark.django_db
def test_admin_and_app_sign_in_share_one_count(five_tries):
    User.objects.create_superuser(username="root", password=factories.PASSWORD)
    browser = Client(REMOTE_ADDR="10.0.1.6")
    for _guess in range(3):
        sign_in(browser, "root", "wrong-guess", reverse("admin:login"))
    for _guess in range(2):
        sign_in(browser, "root", "wrong-guess")
    assert sign_in(browser, "root", factories.PASSWORD).status_code == 429


# Changing one's own password ----------------------------------------------------------------


def change_password(client: Client, old: str, new: str = NEW_PASSWORD):
    return client.post(
        reverse("password_change"),
        {"old_password": old, "new_password1": new, "new_password2": new},
    )


@pytest.mark.django_db
def test_a_dais_member_changes_their_password_and_other_browsers_are_signed_out(
    committee_x, broadcasts, django_capture_on_commit_callbacks
):
    chair = factories.dais_user(committee_x, username="lihua")
    here, elsewhere = Client(), Client()
    assert sign_in(here, "lihua", factories.PASSWORD).status_code == 302
    assert sign_in(elsewhere, "lihua", factories.PASSWORD).status_code == 302
    with django_capture_on_commit_callbacks(execute=True):
        response = change_password(here, factories.PASSWORD)
    assert response.status_code == 302
    chair.refresh_from_db()
    assert chair.check_password(NEW_PASSWORD)
    floor = reverse("dais_floor", args=[committee_x.slug])
    assert here.get(floor).status_code == 200  # this browser stays signed in
    assert elsewhere.get(floor)["Location"].startswith(reverse("login"))
    # Its open live screens are closed at once.
    assert (realtime.user_group(chair.pk), {"type": realtime.ACCESS_REVOKED}) in broadcasts


@pytest.mark.django_db
def test_a_wrong_old_password_changes_nothing(committee_x, five_tries):
    chair = factories.dais_user(committee_x, username="lihua")
    client = Client(REMOTE_ADDR="10.0.1.7")
    client.force_login(chair)
    response = change_password(client, "not-my-password")
    assert response.status_code == 400
    chair.refresh_from_db()
    assert chair.check_password(factories.PASSWORD)


@pytest.mark.django_db
def test_guessing_the_old_password_is_throttled(committee_x, five_tries):
    chair = factories.dais_user(committee_x, username="lihua")
    client = Client(REMOTE_ADDR="10.0.1.8")
    client.force_login(chair)
    for _guess in range(5):
        change_password(client, "not-my-password")
    response = change_password(client, factories.PASSWORD)
    assert response.status_code == 429
    chair.refresh_from_db()
    assert chair.check_password(factories.PASSWORD)


@pytest.mark.django_db
def test_a_weak_new_password_is_refused_with_a_reason(secretariat_client):
    response = change_password(secretariat_client, factories.PASSWORD, new="12345")
    assert response.status_code == 400
    assert "too short" in response.content.decode()


@pytest.mark.django_db
def test_the_password_page_speaks_chinese(secretariat_client):
    secretariat_client.cookies["django_language"] = "zh-hans"
    page = secretariat_client.get(reverse("password_change"))
    assert page.status_code == 200
    assert "旧密码" in page.content.decode()  # "Old password", from Django's own catalogue


@pytest.mark.django_db
def test_every_page_header_links_to_the_password_page(dais_x_client, committee_x):
    page = dais_x_client.get(reverse("dais_floor", args=[committee_x.slug]))
    assert reverse("password_change") in page.content.decode()


@pytest.mark.django_db
def test_admin_password_change_leads_to_the_app_page(secretariat_client):
    response = secretariat_client.get("/admin/password_change/")
    assert response.status_code == 302
    assert response["Location"] == reverse("password_change")


# The secretariat sets dais passwords -------------------------------------------------------


def set_dais_password(client: Client, committee, membership_id: int, new: str = NEW_PASSWORD):
    return client.post(
        reverse("dais_accounts", args=[committee.slug]),
        {
            "action": "password",
            "membership": membership_id,
            "new_password1": new,
            "new_password2": new,
        },
    )


@pytest.mark.django_db
def test_secretariat_sets_a_dais_password_and_closes_that_chairs_screens(
    secretariat_client, committee_x, broadcasts, django_capture_on_commit_callbacks
):
    chair = factories.dais_user(committee_x, username="lihua")
    chair_browser = Client()
    sign_in(chair_browser, "lihua", factories.PASSWORD)
    membership = committee_x.dais.get(user=chair)
    with django_capture_on_commit_callbacks(execute=True):
        response = set_dais_password(secretariat_client, committee_x, membership.pk)
    assert response.status_code == 302
    chair.refresh_from_db()
    assert chair.check_password(NEW_PASSWORD)
    floor = reverse("dais_floor", args=[committee_x.slug])
    assert chair_browser.get(floor)["Location"].startswith(reverse("login"))
    assert (realtime.user_group(chair.pk), {"type": realtime.ACCESS_REVOKED}) in broadcasts


@pytest.mark.django_db
def test_a_dais_password_that_does_not_match_is_refused(secretariat_client, committee_x):
    chair = factories.dais_user(committee_x, username="lihua")
    membership = committee_x.dais.get(user=chair)
    response = secretariat_client.post(
        reverse("dais_accounts", args=[committee_x.slug]),
        {
            "action": "password",
            "membership": membership.pk,
            "new_password1": NEW_PASSWORD,
            "new_password2": NEW_PASSWORD + "x",
        },
    )
    assert response.status_code == 400
    assert "didn’t match" in response.content.decode()
    chair.refresh_from_db()
    assert chair.check_password(factories.PASSWORD)


@pytest.mark.django_db
def test_a_secretariat_account_on_a_dais_keeps_its_password(secretariat_client, committee_x):
    colleague = factories.secretariat_user("colleague")
    membership = committee_x.dais.create(user=colleague, role="chair")
    response = set_dais_password(secretariat_client, committee_x, membership.pk)
    assert response.status_code == 400
    colleague.refresh_from_db()
    assert colleague.check_password(factories.PASSWORD)


@pytest.mark.django_db
def test_a_dais_member_of_another_committee_cannot_be_reached(
    secretariat_client, committee_x, committee_y
):
    other_chair = factories.dais_user(committee_y)
    membership = committee_y.dais.get(user=other_chair)
    response = set_dais_password(secretariat_client, committee_x, membership.pk)
    assert response.status_code == 400
    other_chair.refresh_from_db()
    assert other_chair.check_password(factories.PASSWORD)


@pytest.mark.django_db
@pytest.mark.parametrize("action", ["password", "remove"])
@pytest.mark.parametrize("membership", ["abc", "²", "1\x00", "99999999999999999999999", ""])
def test_a_dais_row_action_with_an_unreadable_member_is_a_400(
    secretariat_client, committee_x, action, membership
):
    chair = factories.dais_user(committee_x)
    response = secretariat_client.post(
        reverse("dais_accounts", args=[committee_x.slug]),
        {
            "action": action,
            "membership": membership,
            "new_password1": NEW_PASSWORD,
            "new_password2": NEW_PASSWORD,
        },
    )
    assert response.status_code == 400
    assert "nothing was changed" in response.content.decode()
    assert committee_x.dais.filter(user=chair).exists()
    chair.refresh_from_db()
    assert chair.check_password(factories.PASSWORD)


# A real conference: create_secretariat, and the demo kept apart ----------------------------


@pytest.mark.django_db
def test_create_secretariat_reads_the_password_from_the_environment(monkeypatch):
    monkeypatch.setenv("BIMUN_SECRETARIAT_PASSWORD", NEW_PASSWORD)
    call_command("create_secretariat", "--username", "sg", "--no-input", stdout=StringIO())
    user = User.objects.get(username="sg")
    assert user.check_password(NEW_PASSWORD)
    assert user.is_staff and user.is_superuser
    assert SecretariatMember.objects.filter(user=user).exists()
    browser = Client()
    assert sign_in(browser, "sg", NEW_PASSWORD)["Location"] == reverse("home")
    assert browser.get(reverse("home"))["Location"] == reverse("secretariat_dashboard")
    assert browser.get(reverse("admin:index")).status_code == 200


@pytest.mark.django_db
def test_create_secretariat_asks_twice(monkeypatch):
    answers = iter([NEW_PASSWORD, NEW_PASSWORD])
    monkeypatch.setattr("getpass.getpass", lambda prompt: next(answers))
    call_command("create_secretariat", stdout=StringIO())
    assert User.objects.get(username="secretariat").check_password(NEW_PASSWORD)


@pytest.mark.django_db
def test_create_secretariat_refuses_a_weak_password_and_an_existing_name(monkeypatch):
    monkeypatch.setenv("BIMUN_SECRETARIAT_PASSWORD", "12345")
    with pytest.raises(CommandError, match="too short"):
        call_command("create_secretariat", "--no-input")
    assert not User.objects.exists()
    factories.user("secretariat")
    monkeypatch.setenv("BIMUN_SECRETARIAT_PASSWORD", NEW_PASSWORD)
    with pytest.raises(CommandError, match="exists already"):
        call_command("create_secretariat", "--no-input")


@pytest.mark.django_db
def test_create_secretariat_without_input_needs_the_variable(monkeypatch):
    monkeypatch.delenv("BIMUN_SECRETARIAT_PASSWORD", raising=False)
    with pytest.raises(CommandError, match="BIMUN_SECRETARIAT_PASSWORD"):
        call_command("create_secretariat", "--no-input")


@pytest.fixture
def demo_accounts(settings):
    settings.ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
    call_command("seed_demo", "--demo-accounts", stdout=StringIO())
    settings.ALLOWED_HOSTS = ["testserver"]


@pytest.mark.django_db
def test_sign_in_page_says_demo_while_demo_accounts_exist(demo_accounts):
    page = Client().get(reverse("login")).content.decode()
    assert 'data-testid="demo-notice"' in page


@pytest.mark.django_db
def test_sign_in_page_of_a_real_conference_says_nothing_of_a_demo(monkeypatch):
    monkeypatch.setenv("BIMUN_SECRETARIAT_PASSWORD", NEW_PASSWORD)
    call_command("create_secretariat", "--no-input", stdout=StringIO())
    page = Client().get(reverse("login")).content.decode()
    assert 'data-testid="demo-notice"' not in page


@pytest.mark.django_db
def test_demo_label_goes_once_every_demo_password_is_changed(demo_accounts):
    for user in User.objects.filter(groups__name=DEMO_ACCOUNTS_GROUP):
        client = Client()
        client.force_login(user)
        assert change_password(client, f"bimun-{user.username}").status_code == 302
    assert not Group.objects.get(name=DEMO_ACCOUNTS_GROUP).user_set.exists()
    page = Client().get(reverse("login")).content.decode()
    assert 'data-testid="demo-notice"' not in page


@pytest.mark.django_db
def test_demo_logins_lists_only_accounts_still_on_their_published_password(demo_accounts):
    chair = User.objects.get(username="chair")
    client = Client()
    client.force_login(chair)
    change_password(client, "bimun-chair")
    out = StringIO()
    call_command("demo_logins", stdout=out)
    printed = out.getvalue()
    assert "secretariat / bimun-secretariat" in printed
    assert "bimun-chair" not in printed


# Redirects after a plain (non-htmx) form post -----------------------------------------------


@pytest.mark.django_db
def test_a_floor_action_returns_to_the_page_it_came_from(dais_x_client, committee_x):
    floor = "http://testserver" + reverse("dais_floor", args=[committee_x.slug])
    response = dais_x_client.post(
        reverse("floor_session_open", args=[committee_x.slug]), HTTP_REFERER=floor
    )
    assert response.status_code == 302
    assert response["Location"] == floor


@pytest.mark.django_db
def test_a_floor_action_never_sends_the_browser_off_site(dais_x_client, committee_x):
    url = reverse("floor_session_open", args=[committee_x.slug])
    opened = dais_x_client.post(url, HTTP_REFERER="https://evil.example/phish")
    assert opened["Location"] == reverse("home")
    refused = dais_x_client.post(url, HTTP_REFERER="//evil.example/phish")  # already open
    assert refused["Location"] == reverse("home")
