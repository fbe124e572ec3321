"""Browser tests: the app's own ASGI server in a subprocess, driven with Debian's Chromium.

One session-wide server (tests/live_server.py) runs the way `make serve` does, on a throwaway
database. Tests reach it only over HTTP and websockets; they never use the `db` fixture.
"""

import contextlib
import itertools
import os
import secrets
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, BrowserContext, expect, sync_playwright

from tests.browser.helpers import ARTIFACTS, DESKTOP, PHONE, login
from tests.live_server import (
    asgi_server,
    finish,
    free_port,
    manage,
    server_env,
    throwaway_database,
    wait_until_serving,
)

# The names test_reconnect.py imports from here.
_finish, _free_port, _manage = finish, free_port, manage
_server_env, _throwaway_database = server_env, throwaway_database
_wait_until_serving = wait_until_serving

BROWSER_DIR = Path(__file__).resolve().parent

SKIP_REASON = "browser tests skipped: Debian's chromium is not installed (apt-get install chromium)"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]

# Live pushes and page loads on a busy CI machine can take a few seconds.
expect.set_options(timeout=10_000)

_skipped_for_missing_chromium = False


def chromium_executable() -> str | None:
    candidate = os.environ.get("BIMUN_CHROMIUM") or "/usr/bin/chromium"
    return shutil.which(candidate)


def browser_required() -> bool:
    def flag(name: str) -> bool:
        return os.environ.get(name, "").strip().lower() not in {"", "0", "false", "no"}

    return flag("CI") or flag("BIMUN_REQUIRE_BROWSER")


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    global _skipped_for_missing_chromium
    ours = [item for item in items if BROWSER_DIR in Path(str(item.path)).parents]
    skip = bool(ours) and chromium_executable() is None and not browser_required()
    _skipped_for_missing_chromium = skip
    for item in ours:
        item.add_marker(pytest.mark.browser)
        # Set up first: in CI a missing browser fails here, before any server starts.
        item.add_marker(pytest.mark.usefixtures("chromium_path"))
        # Under `pytest -n --dist loadgroup` a module's tests stay together on one worker, in
        # their order; each worker that gets some starts its own server and Chromium.
        item.add_marker(pytest.mark.xdist_group(f"browser-{item.path.stem}"))
        if skip:
            item.add_marker(pytest.mark.skip(reason=SKIP_REASON))
    # Browser tests last: Playwright keeps its event loop running in the main thread for the
    # rest of the session, where the other tests' async_to_sync would refuse to run. pytest-xdist
    # (without loadscope reordering) hands out work in this order, so no worker runs another
    # test after its browser tests.
    items[:] = [item for item in items if item not in ours] + ours


def pytest_terminal_summary(terminalreporter: Any, config: pytest.Config) -> None:
    # `-r s` already shows the reason, on one line (see pytest_runtest_makereport).
    shown = set(config.option.reportchars or "") & set("saA")
    if _skipped_for_missing_chromium and not shown:
        terminalreporter.write_line(SKIP_REASON, yellow=True)


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Any:
    report = yield
    if report.skipped and isinstance(report.longrepr, tuple) and SKIP_REASON in report.longrepr[2]:
        # One location for every such skip, so that `-r s` folds them into one line.
        folder = BROWSER_DIR.relative_to(item.config.rootpath)
        report.longrepr = (str(folder), None, report.longrepr[2])
    # Kept on the item so that fixture teardown can screenshot the pages of a failed test.
    setattr(item, f"bimun_report_{report.when}", report)
    return report


# The server ---------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def app_server(
    tmp_path_factory: pytest.TempPathFactory, chromium_path: str
) -> Iterator[tuple[str, dict[str, str]]]:
    """The server's URL, and the environment that runs `manage.py` against its database."""
    var_dir = tmp_path_factory.mktemp("bimun-var")
    with throwaway_database(var_dir) as database_url:
        env = server_env(var_dir, database_url)
        # Static files and the database are independent: prepare both at once. The database
        # is new, so `make serve`'s clear_live_connections has nothing to clear.
        static = manage(env, "collectstatic", "--no-input", "--verbosity", "0")
        finish(manage(env, "migrate", "--no-input", "--verbosity", "0"))
        finish(manage(env, "seed_demo", "--demo-accounts"))
        finish(static)
        with asgi_server(env, var_dir) as url:
            yield url, env


@pytest.fixture(scope="session")
def live_server_url(app_server: tuple[str, dict[str, str]]) -> str:
    return app_server[0]


@pytest.fixture(scope="session")
def live_server_env(app_server: tuple[str, dict[str, str]]) -> dict[str, str]:
    """For a test that prepares rows in the server's database with a script of its own."""
    return app_server[1]


# The browser --------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def chromium_path() -> str:
    path = chromium_executable()
    if path is None:
        # Reached only when browser tests are required (otherwise they were skipped).
        pytest.fail(
            "Chromium is required here (CI or BIMUN_REQUIRE_BROWSER is set) but "
            f"{os.environ.get('BIMUN_CHROMIUM') or '/usr/bin/chromium'} was not found: "
            "apt-get install chromium, or set BIMUN_CHROMIUM",
            pytrace=False,
        )
    return path


@pytest.fixture(scope="session")
def browser(chromium_path: str) -> Iterator[Browser]:
    # Screenshots of failures from an earlier run would mislead.
    for stale in ARTIFACTS.glob("failed-*.png"):
        stale.unlink()
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=chromium_path, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


# A random start: with Redis the lockouts of a run a minute ago are still in the cache.
_client_numbers = itertools.count(secrets.randbelow(60_000))


def _client_address() -> str:
    # One made-up address per browser context (198.18.0.0/15 is for tests), so that each
    # phone has its own wrong-code counter, as separate phones on a venue's wifi would.
    number = next(_client_numbers)
    return f"198.18.{number // 256}.{number % 256}"


@pytest.fixture(scope="session")
def signed_in_state(browser: Browser, live_server_url: str) -> Callable[[str, str], Any]:
    """The cookies of a signed-in account, signed in once per session (hashing is slow)."""
    states: dict[tuple[str, str], Any] = {}

    def state(username: str, password: str) -> Any:
        if (username, password) not in states:
            context = browser.new_context(base_url=live_server_url, locale="en-GB")
            login(context.new_page(), live_server_url, username, password)
            states[username, password] = context.storage_state()
            context.close()
        return states[username, password]

    return state


@pytest.fixture
def new_context(
    browser: Browser,
    live_server_url: str,
    signed_in_state: Callable[[str, str], Any],
    request: pytest.FixtureRequest,
) -> Iterator[Callable[..., BrowserContext]]:
    """Factory: new_context(viewport=, locale=, signed_in_as=(user, password), **options)."""
    contexts: list[BrowserContext] = []

    def make(
        *,
        viewport: dict[str, int] | None = None,
        locale: str = "en-GB",
        client_address: str | None = None,
        signed_in_as: tuple[str, str] | None = None,
        **options: Any,
    ) -> BrowserContext:
        if signed_in_as is not None:
            options["storage_state"] = signed_in_state(*signed_in_as)
        context = browser.new_context(
            base_url=live_server_url,
            viewport=viewport or DESKTOP,
            locale=locale,
            extra_http_headers={"X-Forwarded-For": client_address or _client_address()},
            **options,
        )
        # Fail a step in seconds, not Playwright's default 30 s.
        context.set_default_timeout(10_000)
        contexts.append(context)
        return context

    yield make

    failed = getattr(request.node, "bimun_report_call", None)
    if failed is not None and failed.failed:
        ARTIFACTS.mkdir(exist_ok=True)
        for number, page in enumerate(p for c in contexts for p in c.pages):
            with contextlib.suppress(Exception):
                page.screenshot(
                    path=ARTIFACTS / f"failed-{request.node.name}-{number}.png", full_page=True
                )
    for context in contexts:
        with contextlib.suppress(Exception):
            context.close()


@pytest.fixture
def phone(new_context: Callable[..., BrowserContext]) -> Callable[..., BrowserContext]:
    """Factory for a phone-sized touch context."""

    def make(**options: Any) -> BrowserContext:
        return new_context(**{**PHONE, **options})

    return make
