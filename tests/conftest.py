"""Fixtures shared by the Django tests: a committee with a roster, and a client per role."""

import io
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import coverage
import pytest
from django.core.cache import cache, caches
from django.test import Client
from django.utils import translation

from committee import realtime
from committee.access import SESSION_ACCESS_VERSION_KEY, SESSION_DELEGATION_KEY, bind_session
from committee.document_selectors import forget_documents_views
from committee.models import Committee, Delegation
from tests import factories


@pytest.fixture(autouse=True)
def _fresh_cache() -> Iterator[None]:
    # Whatever a test leaves in the caches must not leak into the next one (what screens were
    # last sent, above all: the next test's committee may have the same id).
    cache.clear()
    caches["screens"].clear()
    forget_documents_views()
    yield
    cache.clear()
    caches["screens"].clear()
    forget_documents_views()


@pytest.fixture(autouse=True)
def _default_language() -> Iterator[None]:
    # A request in Chinese leaves Chinese active in its thread; whichever test a pytest-xdist
    # worker runs next must still start in the default language.
    translation.deactivate()
    yield
    translation.deactivate()


@pytest.fixture
def committee_x(db) -> Committee:
    return factories.committee(name="Committee X", acronym="CX", slug="cx")


@pytest.fixture
def committee_y(db) -> Committee:
    return factories.committee(name="Committee Y", acronym="CY", slug="cy")


@pytest.fixture
def delegation_a(committee_x: Committee) -> Delegation:
    return factories.delegation(committee_x, "Alphaland")


@pytest.fixture
def delegation_b(committee_y: Committee) -> Delegation:
    return factories.delegation(committee_y, "Betastan")


def delegate_client(delegation: Delegation) -> Client:
    """A browser session bound to the delegation, as after typing its code."""
    client = Client()
    session = client.session
    bind_session(session, factories.access_of(delegation))
    session.save()
    client.cookies["sessionid"] = session.session_key
    assert session[SESSION_DELEGATION_KEY] == delegation.pk
    assert session[SESSION_ACCESS_VERSION_KEY] == factories.access_of(delegation).version
    return client


@pytest.fixture
def make_delegate_client() -> Callable[[Delegation], Client]:
    return delegate_client


def user_client(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def secretariat_client(db) -> Client:
    return user_client(factories.secretariat_user())


@pytest.fixture
def dais_x_client(committee_x: Committee) -> Client:
    return user_client(factories.dais_user(committee_x))


@contextmanager
def capture_broadcasts(*, watched: bool = True) -> Iterator[list[tuple[str, dict[str, Any]]]]:
    """Record what realtime would send (group, message) instead of sending it.

    With `watched`, every group of screens (each audience and phone, in each language) counts
    as having a screen in it, so every push is drawn for all of them.
    """
    sent: list[tuple[str, dict[str, Any]]] = []
    original_send, original_groups = realtime.send_to_group, realtime.groups_with_screens
    realtime.send_to_group = lambda group, message: sent.append((group, message))
    if watched:
        realtime.groups_with_screens = lambda names: set(names)
    try:
        yield sent
    finally:
        realtime.send_to_group, realtime.groups_with_screens = original_send, original_groups


@pytest.fixture
def broadcasts() -> Iterator[list[tuple[str, dict[str, Any]]]]:
    with capture_broadcasts() as sent:
        yield sent


ENGINE_COVERAGE_TARGET = 95.0


def pytest_terminal_summary(terminalreporter, exitstatus, config) -> None:
    """Report the rules engine's own branch coverage, which has a target of its own."""
    plugin = config.pluginmanager.getplugin("_cov")
    controller = getattr(plugin, "cov_controller", None)
    if controller is None or controller.cov is None:
        return
    # Read the data pytest-cov has just saved, with a Coverage of our own: the plugin's object
    # may already be reset by the time the summary is written.
    measured = coverage.Coverage(data_file=controller.cov.config.data_file)
    measured.load()
    try:
        percent = measured.report(include=["*/committee/procedure/*"], file=io.StringIO())
    except coverage.exceptions.NoDataError:
        return  # no engine code ran in this selection of tests
    verdict = "meets" if percent >= ENGINE_COVERAGE_TARGET else "BELOW"
    terminalreporter.write_line(
        f"Rules engine (committee/procedure) branch coverage: {percent:.1f} % "
        f"({verdict} the {ENGINE_COVERAGE_TARGET:.0f} % target)"
    )
