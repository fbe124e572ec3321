"""Every URL name and the websocket routes, for every role: allowed or refused.

A new URL without an entry in EXPECTED fails test_every_url_name_has_an_expectation, so no
view can ship without someone deciding who may open it.
"""

import pytest
from asgiref.sync import async_to_sync
from channels.testing import WebsocketCommunicator
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from bimun.asgi import application
from committee.models import ReferenceDocument
from tests import (
    factories,
    role_matrix_caucus,
    role_matrix_documents,
    role_matrix_editor,
    role_matrix_exports,
    role_matrix_motions,
    role_matrix_papers,
    role_matrix_points,
    role_matrix_speakers,
    role_matrix_voting,
)
from tests.conftest import delegate_client, user_client
from tests.role_matrix import (
    DAIS_OF_X,
    DELEGATE_OF_X,
    FORBIDDEN,
    JOIN,
    LOGIN,
    OK,
    ROLES,
    SECRETARIAT_ONLY,
    Expectation,
    everyone,
)

EXPECTED = {
    "home": Expectation("GET", everyone(OK)),
    "login": Expectation("GET", everyone(OK)),
    "logout": Expectation("POST", everyone(OK)),
    "password_change": Expectation(
        "GET",
        {**everyone(OK), "anonymous": LOGIN, "delegate_a": LOGIN, "delegate_b": LOGIN},
    ),
    "set_language": Expectation("POST", everyone(OK)),
    "secretariat_dashboard": Expectation("GET", SECRETARIAT_ONLY),
    "conference_create": Expectation("GET", SECRETARIAT_ONLY),
    "conference_edit": Expectation("GET", SECRETARIAT_ONLY),
    "committee_create": Expectation("GET", SECRETARIAT_ONLY),
    "committee_edit": Expectation("GET", SECRETARIAT_ONLY),
    "roster_import": Expectation("GET", SECRETARIAT_ONLY),
    "dais_accounts": Expectation("GET", SECRETARIAT_ONLY),
    "access_sheet": Expectation("GET", SECRETARIAT_ONLY),
    "dais_floor": Expectation("GET", DAIS_OF_X),
    "access_code_regenerate": Expectation("POST", DAIS_OF_X),
    "projector_link_regenerate": Expectation("POST", DAIS_OF_X),
    "floor_session_open": Expectation("POST", DAIS_OF_X),
    "floor_session_close": Expectation("POST", DAIS_OF_X),
    "floor_roll_call_start": Expectation("POST", DAIS_OF_X),
    "floor_roll_call_close": Expectation("POST", DAIS_OF_X),
    "floor_attendance_mark": Expectation("POST", DAIS_OF_X),
    "floor_timer": Expectation("POST", DAIS_OF_X),
    "floor_undo": Expectation("POST", DAIS_OF_X),
    "delegate_attendance": Expectation("POST", DELEGATE_OF_X),
    "projector": Expectation("GET", everyone(OK)),  # whoever holds the secret link
    "delegate_join": Expectation("GET", everyone(OK)),
    "delegate_join_qr": Expectation("GET", everyone(OK)),
    "delegate_leave": Expectation("POST", everyone(OK)),
    "delegate_home": Expectation("GET", DELEGATE_OF_X),
    "reference_list": Expectation("GET", DELEGATE_OF_X),
    "reference_read": Expectation("GET", DELEGATE_OF_X),
}


AREAS = (
    role_matrix_speakers,
    role_matrix_motions,
    role_matrix_caucus,
    role_matrix_points,
    role_matrix_documents,
    role_matrix_editor,
    role_matrix_papers,
    role_matrix_voting,
    role_matrix_exports,
)
for _area in AREAS:
    EXPECTED.update(_area.EXPECTED)


def project_url_names() -> set[str]:
    names: set[str] = set()

    def walk(patterns: list) -> None:
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                if pattern.namespace == "admin":
                    continue  # Django's admin checks staff status itself
                walk(pattern.url_patterns)
            elif isinstance(pattern, URLPattern) and pattern.name:
                names.add(pattern.name)

    walk(get_resolver().url_patterns)
    return names


def test_every_url_name_has_an_expectation() -> None:
    assert project_url_names() == set(EXPECTED)


def role_client(role: str, committee_x, committee_y, delegation_a, delegation_b) -> Client:
    """What a browser of that role sends; only the asked-for role's account is made."""
    builders = {
        "anonymous": Client,
        "delegate_a": lambda: delegate_client(delegation_a),
        "delegate_b": lambda: delegate_client(delegation_b),
        "dais_x": lambda: user_client(factories.dais_user(committee_x)),
        "dais_y": lambda: user_client(factories.dais_user(committee_y)),
        "secretariat": lambda: user_client(factories.secretariat_user()),
    }
    return builders[role]()


@pytest.fixture
def world(committee_x, committee_y, delegation_a, delegation_b):
    ReferenceDocument.objects.create(
        committee=committee_x, slug="guide", title="Guide", body="Contents\n\nHello"
    )
    return {
        "committee_x": committee_x,
        "committee_y": committee_y,
        "delegation_a": delegation_a,
        "delegation_b": delegation_b,
    }


def url_for(name: str, world: dict) -> str:
    committee = world["committee_x"]
    kwargs_by_name = {
        "conference_edit": {"conference_slug": committee.conference.slug},
        "committee_edit": {"slug": committee.slug},
        "roster_import": {"slug": committee.slug},
        "dais_accounts": {"slug": committee.slug},
        "access_sheet": {"slug": committee.slug},
        "dais_floor": {"slug": committee.slug},
        "access_code_regenerate": {
            "slug": committee.slug,
            "delegation_id": world["delegation_a"].pk,
        },
        "projector_link_regenerate": {"slug": committee.slug},
        "floor_session_open": {"slug": committee.slug},
        "floor_session_close": {"slug": committee.slug},
        "floor_roll_call_start": {"slug": committee.slug},
        "floor_roll_call_close": {"slug": committee.slug},
        "floor_attendance_mark": {
            "slug": committee.slug,
            "delegation_id": world["delegation_a"].pk,
        },
        "floor_timer": {"slug": committee.slug, "command": "start"},
        "floor_undo": {"slug": committee.slug},
        "delegate_attendance": {"slug": committee.slug},
        "projector": {"slug": committee.slug, "token": committee.projector_token},
        "delegate_join_qr": {"code": factories.access_of(world["delegation_a"]).code},
        "delegate_home": {"slug": committee.slug},
        "reference_list": {"slug": committee.slug},
        "reference_read": {"slug": committee.slug, "doc_slug": "guide"},
    }
    for area in AREAS:
        if name in area.KWARGS:  # only the asked URL's kwargs: some make rows to point at
            kwargs_by_name[name] = area.KWARGS[name](world)
    return reverse(name, kwargs=kwargs_by_name.get(name))


def outcome_of(response) -> str:
    if response.status_code == 403:
        return FORBIDDEN
    if response.status_code in (301, 302):
        location = response["Location"]
        if location.startswith(reverse("login")):
            return LOGIN
        if location == reverse("delegate_join"):
            return JOIN  # where a browser without a valid delegation binding is sent
        return OK
    if response.status_code in (200, 204):
        return OK
    if response.status_code in (400, 409):
        return OK  # the view was reached and answered: the floor refused the action itself
    return f"status {response.status_code}"


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_role_matrix(name: str, role: str, world: dict) -> None:
    expectation = EXPECTED[name]
    client = role_client(
        role,
        world["committee_x"],
        world["committee_y"],
        world["delegation_a"],
        world["delegation_b"],
    )
    url = url_for(name, world)
    if expectation.method == "GET":
        response = client.get(url)
    else:
        response = client.post(url, {"language": "en"} if name == "set_language" else {})
    # Leaving and logging out legitimately end at the join page / front page.
    expected = expectation.outcomes[role]
    actual = outcome_of(response)
    if name == "delegate_leave" and actual == JOIN:
        actual = OK
    assert actual == expected, f"{role} → {name}: {actual}, expected {expected}"


def test_projector_with_a_wrong_token_is_refused(world: dict) -> None:
    committee = world["committee_x"]
    url = reverse("projector", kwargs={"slug": committee.slug, "token": "not-the-token"})
    assert Client().get(url).status_code == 403


def test_projector_token_of_another_committee_is_refused(world: dict) -> None:
    token_of_y = world["committee_y"].projector_token
    url = reverse("projector", kwargs={"slug": world["committee_x"].slug, "token": token_of_y})
    assert Client().get(url).status_code == 403


# Websockets: who may join which committee's live groups.
WS_EXPECTED = {
    "anonymous": False,
    "delegate_a": True,
    "delegate_b": False,
    "dais_x": True,
    "dais_y": False,
    "secretariat": True,
}


def ws_connects(path: str, client: Client, origin: str = "http://localhost") -> bool:
    headers = [(b"origin", origin.encode()), (b"host", b"localhost")]
    session_cookie = client.cookies.get("sessionid")
    if session_cookie is not None:
        headers.append((b"cookie", f"sessionid={session_cookie.value}".encode()))

    async def attempt() -> bool:
        communicator = WebsocketCommunicator(application, path, headers=headers)
        connected, _code = await communicator.connect(timeout=5)
        if connected:
            await communicator.receive_from(timeout=5)  # the snapshot
            await communicator.disconnect()
        return connected

    return async_to_sync(attempt)()


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("role", ROLES)
def test_websocket_role_matrix(role: str, committee_x, committee_y, delegation_a, delegation_b):
    client = role_client(role, committee_x, committee_y, delegation_a, delegation_b)
    assert ws_connects(f"/ws/c/{committee_x.slug}/", client) is WS_EXPECTED[role]


@pytest.mark.django_db(transaction=True)
def test_projector_websocket_needs_the_current_token(committee_x):
    client = Client()  # the projector is an unauthenticated browser holding the link
    good = f"/ws/c/{committee_x.slug}/projector/{committee_x.projector_token}/"
    assert ws_connects(good, client) is True
    assert ws_connects(f"/ws/c/{committee_x.slug}/projector/wrong/", client) is False


@pytest.mark.django_db(transaction=True)
def test_websocket_from_another_origin_is_refused(committee_x):
    client = user_client(factories.secretariat_user())
    assert ws_connects(f"/ws/c/{committee_x.slug}/", client, origin="http://evil.example") is False


SECRETARIAT_WS_EXPECTED = {
    "anonymous": False,
    "delegate_a": False,
    "delegate_b": False,
    "dais_x": False,
    "dais_y": False,
    "secretariat": True,
}


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("role", ROLES)
def test_secretariat_websocket_is_for_the_secretariat_only(
    role: str, committee_x, committee_y, delegation_a, delegation_b
):
    client = role_client(role, committee_x, committee_y, delegation_a, delegation_b)
    assert ws_connects("/ws/secretariat/", client) is SECRETARIAT_WS_EXPECTED[role]
