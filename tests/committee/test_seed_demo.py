"""`manage.py seed_demo`: the BIMUN 2024 C34 committee, created once and left alone after."""

import datetime
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

import committee.demo
from committee.demo.c34_1995 import MEMBERS, OBSERVERS, PROFILED_ISO_CODES
from committee.management.commands import seed_demo
from committee.models import (
    Committee,
    Conference,
    DaisMembership,
    Delegation,
    DelegationAccess,
    ReferenceDocument,
    SecretariatMember,
    Topic,
)
from committee.services.setup import DEMO_ACCOUNTS_GROUP

User = get_user_model()


@pytest.fixture(autouse=True)
def _served_on_this_computer_only(settings) -> None:
    # As `make run` serves it (the test client adds "testserver", which no real server has).
    settings.ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]"]


def seed(*options: str) -> str:
    out = StringIO()
    call_command("seed_demo", *options, stdout=out)
    return out.getvalue()


def snapshot() -> dict[str, Any]:
    """Everything the command writes, as plain values, to compare two runs."""
    c34 = Committee.objects.get(slug="c34")
    return {
        "conferences": list(Conference.objects.values()),
        "committees": list(Committee.objects.values()),
        "topics": list(Topic.objects.values()),
        "delegations": list(Delegation.objects.order_by("pk").values()),
        "access": list(DelegationAccess.objects.order_by("pk").values()),
        "users": list(User.objects.order_by("pk").values("pk", "username", "password")),
        "dais": list(DaisMembership.objects.order_by("pk").values()),
        "secretariat": list(SecretariatMember.objects.values()),
        "documents": list(ReferenceDocument.objects.filter(committee=c34).values()),
    }


@pytest.mark.django_db
def test_seeding_creates_the_34_members_and_the_observers() -> None:
    seed()
    c34 = Committee.objects.get(slug="c34")
    assert c34.delegations.filter(kind=Delegation.Kind.MEMBER).count() == 34
    assert c34.delegations.filter(kind=Delegation.Kind.OBSERVER).count() == len(OBSERVERS) >= 3
    assert len(MEMBERS) == 34


@pytest.mark.django_db
def test_the_nine_profiled_delegations_are_present() -> None:
    seed()
    c34 = Committee.objects.get(slug="c34")
    seated = {d.country.code: d for d in c34.delegations.all() if d.country}
    assert set(PROFILED_ISO_CODES) <= set(seated)
    assert seated["RU"].name == "Russian Federation"
    assert seated["CN"].name_zh == "中国"
    # Brazil is not one of the 34 in 1995, so it sits as an observer.
    assert seated["BR"].kind == Delegation.Kind.OBSERVER
    assert seated["US"].kind == Delegation.Kind.MEMBER


@pytest.mark.django_db
def test_every_delegation_has_its_own_access_code() -> None:
    seed()
    c34 = Committee.objects.get(slug="c34")
    codes = [d.access.code for d in c34.delegations.select_related("access")]
    assert len(codes) == 38
    assert all(len(code) == 8 for code in codes)
    assert len(set(codes)) == len(codes)


@pytest.mark.django_db
def test_conference_committee_topic_and_rules() -> None:
    output = seed()
    c34 = Committee.objects.select_related("conference").get(slug="c34")
    assert c34.conference.slug == "bimun2024"
    assert c34.conference.name_zh == "2024北京国际模拟联合国大会"
    assert c34.conference.starts_on == datetime.date(2024, 5, 23)
    assert c34.conference.ends_on == datetime.date(2024, 5, 26)
    assert (c34.acronym, c34.name_zh, c34.rules_profile) == (
        "C34",
        "维持和平行动特别委员会",
        "cn_common",
    )
    assert c34.rules_overrides == {
        "consensus_enabled": True,
        "chair_may_propose_consensus": True,
        "veto_members": [],
    }
    topic = c34.topics.get(number=1)
    assert (topic.title, topic.title_zh) == (
        "Reform of UN Peacekeeping (1995)",
        "联合国维和行动改革（1995）",
    )
    assert "34 members, 4 observers" in output


@pytest.mark.django_db
def test_demo_accounts_can_sign_in_and_are_marked_as_demo() -> None:
    seed("--demo-accounts")
    c34 = Committee.objects.get(slug="c34")
    chair = User.objects.get(username=seed_demo.CHAIR_USERNAME)
    cochair = User.objects.get(username=seed_demo.COCHAIR_USERNAME)
    secretariat = User.objects.get(username=seed_demo.SECRETARIAT_USERNAME)
    assert chair.check_password(seed_demo.CHAIR_PASSWORD)
    assert cochair.check_password(seed_demo.COCHAIR_PASSWORD)
    assert secretariat.check_password(seed_demo.SECRETARIAT_PASSWORD)
    assert c34.dais.get(user=chair).role == DaisMembership.Role.CHAIR
    assert c34.dais.get(user=cochair).role == DaisMembership.Role.CO_CHAIR
    assert SecretariatMember.objects.filter(user=secretariat).exists()
    assert secretariat.is_staff and secretariat.is_superuser  # /admin/ works for it too
    demo = set(User.objects.filter(groups__name=DEMO_ACCOUNTS_GROUP).values_list("username"))
    assert demo == {(chair.username,), (cochair.username,), (secretariat.username,)}


@pytest.mark.django_db
def test_without_the_demo_flag_no_account_is_created() -> None:
    output = seed()
    assert not User.objects.exists()
    assert "create_secretariat" in output


@pytest.mark.django_db
def test_demo_accounts_are_refused_on_a_server_reachable_from_the_network(settings) -> None:
    settings.ALLOWED_HOSTS = ["127.0.0.1", "192.168.1.10"]
    with pytest.raises(CommandError, match="Refusing to create demo accounts"):
        seed("--demo-accounts")
    assert not User.objects.exists()
    assert not Committee.objects.exists()  # nothing half-done


@pytest.mark.django_db
def test_an_existing_account_keeps_its_password() -> None:
    User.objects.create_user(username=seed_demo.CHAIR_USERNAME, password="set-by-the-conference")
    output = seed("--demo-accounts")
    chair = User.objects.get(username=seed_demo.CHAIR_USERNAME)
    assert chair.check_password("set-by-the-conference")
    assert not chair.check_password(seed_demo.CHAIR_PASSWORD)
    assert Committee.objects.get(slug="c34").dais.get(user=chair).role == DaisMembership.Role.CHAIR
    assert "chair," not in output and "cochair" in output


@pytest.mark.django_db
def test_running_twice_changes_nothing() -> None:
    seed("--demo-accounts")
    first = snapshot()
    output = seed("--demo-accounts")
    assert snapshot() == first
    assert "created 0, updated 0, unchanged 38" in output
    assert "passwords left unchanged" in output


@pytest.mark.django_db
def test_the_background_guide_is_attached() -> None:
    seed()
    guide = ReferenceDocument.objects.get(committee__slug="c34", slug="background-guide")
    shipped = Path(committee.demo.__file__).parent / "bimun2024-c34-background-guide.txt"
    assert guide.title == "Background Guide"
    assert guide.body == shipped.read_text(encoding="utf-8")
    assert "Country Positions" in guide.body
