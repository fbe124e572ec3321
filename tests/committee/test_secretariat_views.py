"""The secretariat's set-up pages: conferences, committees, dais accounts, the access sheet."""

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from committee.models import Committee, Conference, DaisMembership
from tests import factories


@pytest.mark.django_db
def test_secretariat_creates_a_conference(secretariat_client):
    response = secretariat_client.post(
        reverse("conference_create"),
        {
            "name": "Test MUN 2025",
            "slug": "tmun25",
            "starts_on": "2025-05-01",
            "ends_on": "2025-05-03",
        },
    )
    assert response.status_code == 302
    assert Conference.objects.get(slug="tmun25").name == "Test MUN 2025"


@pytest.mark.django_db
def test_conference_ending_before_it_starts_is_refused(secretariat_client):
    response = secretariat_client.post(
        reverse("conference_create"),
        {"name": "Backwards", "slug": "back", "starts_on": "2025-05-03", "ends_on": "2025-05-01"},
    )
    assert response.status_code == 400
    assert "The last day is before the first day." in response.content.decode()
    assert not Conference.objects.filter(slug="back").exists()


def committee_data(conference: Conference, **changes: str) -> dict[str, str]:
    return {
        "conference": str(conference.pk),
        "name": "Security Council",
        "name_zh": "安全理事会",
        "acronym": "UNSC",
        "slug": "unsc",
        "topic": "The situation in the Great Lakes region",
        "topic_zh": "",
        "rules_profile": "una_usa",
        "rules_overrides": "",
    } | changes


@pytest.mark.django_db
def test_secretariat_creates_a_committee_with_a_profile_and_overrides(secretariat_client):
    conference = factories.conference()
    data = committee_data(conference, rules_overrides='{"gsl_speaking_time": 120}')
    response = secretariat_client.post(reverse("committee_create"), data)
    assert response.status_code == 302
    committee = Committee.objects.get(slug="unsc")
    assert committee.rules_profile == "una_usa"
    assert committee.rules_overrides == {"gsl_speaking_time": 120}
    assert committee.topics.get().title == "The situation in the Great Lakes region"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ('{"speaking_time": 120}', "Unknown rules parameter “speaking_time”"),
        ('{"gsl_speaking_time": -5}', "The value -5 is not allowed for “gsl_speaking_time”"),
        ("{not json", "This is not valid JSON"),
        ("[1, 2]", "Write the overrides as one JSON object"),
    ],
)
def test_bad_overrides_are_refused_with_the_engines_reason(secretariat_client, overrides, message):
    conference = factories.conference()
    data = committee_data(conference, rules_overrides=overrides)
    response = secretariat_client.post(reverse("committee_create"), data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Committee.objects.filter(slug="unsc").exists()


@pytest.mark.django_db
def test_overrides_error_is_in_chinese_for_a_chinese_page(secretariat_client):
    conference = factories.conference()
    data = committee_data(conference, rules_overrides='{"speaking_time": 120}')
    secretariat_client.cookies["django_language"] = "zh-hans"
    response = secretariat_client.post(reverse("committee_create"), data)
    assert "未知的规则参数“speaking_time”" in response.content.decode()


@pytest.mark.django_db
def test_editing_a_committee_shows_its_current_overrides(secretariat_client, committee_x):
    committee_x.rules_overrides = {"gsl_speaking_time": 120}
    committee_x.save()
    response = secretariat_client.get(reverse("committee_edit", args=[committee_x.slug]))
    assert "&quot;gsl_speaking_time&quot;: 120" in response.content.decode()


@pytest.mark.django_db
def test_secretariat_creates_a_dais_account_that_can_sign_in(secretariat_client, committee_x):
    response = secretariat_client.post(
        reverse("dais_accounts", args=[committee_x.slug]),
        {
            "action": "create",
            "full_name": "Li Hua",
            "username": "lihua",
            "password": "blue-peacekeeper-42",
            "role": "rapporteur",
        },
    )
    assert response.status_code == 302
    membership = DaisMembership.objects.get(user__username="lihua")
    assert (membership.committee, membership.role) == (committee_x, "rapporteur")
    chair = Client()
    assert chair.login(username="lihua", password="blue-peacekeeper-42")
    assert chair.get(reverse("dais_floor", args=[committee_x.slug])).status_code == 200


@pytest.mark.django_db
def test_weak_password_and_taken_username_are_refused(secretariat_client, committee_x):
    factories.user("taken")
    response = secretariat_client.post(
        reverse("dais_accounts", args=[committee_x.slug]),
        {
            "action": "create",
            "full_name": "X",
            "username": "taken",
            "password": "123",
            "role": "chair",
        },
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "This username is taken." in html
    assert "This password is too short" in html
    assert get_user_model().objects.filter(username="taken").count() == 1


@pytest.mark.django_db
def test_existing_account_is_assigned_and_removed(secretariat_client, committee_x):
    person = factories.user("director1")
    url = reverse("dais_accounts", args=[committee_x.slug])
    secretariat_client.post(url, {"action": "assign", "user": person.pk, "role": "director"})
    membership = DaisMembership.objects.get(user=person, committee=committee_x)
    assert membership.role == "director"
    secretariat_client.post(url, {"action": "remove", "membership": membership.pk})
    assert not DaisMembership.objects.filter(user=person).exists()


@pytest.mark.django_db
def test_access_sheet_has_a_card_per_delegation_with_code_and_qr(secretariat_client, committee_x):
    delegations = factories.delegations(committee_x, ["Alphaland", "Betastan", "Gammaria"])
    response = secretariat_client.get(reverse("access_sheet", args=[committee_x.slug]))
    html = response.content.decode()
    assert html.count('data-testid="access-card"') == 3
    assert html.count("<svg") == 3
    for delegation in delegations:
        access = factories.access_of(delegation)
        assert access.formatted_code() in html
        assert f"/join/{access.code}/" not in html  # the link is inside the QR, not printed


@pytest.mark.django_db
def test_dashboard_lists_every_committee(secretariat_client, committee_x, committee_y):
    html = secretariat_client.get(reverse("secretariat_dashboard")).content.decode()
    assert "Committee X" in html and "Committee Y" in html


@pytest.mark.django_db
def test_dais_page_labels_point_at_their_own_forms(secretariat_client, committee_x):
    html = secretariat_client.get(
        reverse("dais_accounts", args=[committee_x.slug])
    ).content.decode()
    assert html.count('id="new_role"') == 1
    assert html.count('id="existing_role"') == 1
    assert 'for="new_role"' in html and 'for="existing_role"' in html
