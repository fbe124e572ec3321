"""The app's own ASGI server in a subprocess, on a database that exists only for the tests.

pytest-django's live_server serves WSGI from a thread (no websockets), so tests that need the
real thing run `uvicorn bimun.asgi:application` the way `make serve` does, against a throwaway
database (a temp-file SQLite database, or a fresh PostgreSQL database when DATABASE_URL points
at PostgreSQL). Such tests reach the server only over HTTP and websockets, and prepare its
database with subprocesses (`manage.py …`, or a script run with the server's settings).
"""

import contextlib
import os
import secrets
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest

ROOT = Path(__file__).resolve().parents[1]
SERVER_START_TIMEOUT = 30


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextlib.contextmanager
def throwaway_database(var_dir: Path) -> Iterator[str]:
    """A DATABASE_URL for a database that exists only for this test session."""
    configured = os.environ.get("DATABASE_URL", "")
    parts = urlsplit(configured)
    if not parts.scheme.startswith("postgres"):
        yield f"sqlite:///{var_dir / 'live.sqlite3'}"
        return

    import psycopg
    from psycopg import sql

    name = f"bimun_live_{secrets.token_hex(4)}"
    maintenance = urlunsplit(parts._replace(scheme="postgresql", path="/postgres"))
    with psycopg.connect(maintenance, autocommit=True) as conn:
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    try:
        yield urlunsplit(parts._replace(path=f"/{name}"))
    finally:
        with psycopg.connect(maintenance, autocommit=True) as conn:
            # FORCE: a connection the server left behind must not keep the database alive.
            conn.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
            )


def server_env(var_dir: Path, database_url: str) -> dict[str, str]:
    # The developer's own BIMUN_* settings (debug, https, rate limits) must not leak in.
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith("BIMUN_") and key not in {"DATABASE_URL", "DJANGO_SETTINGS_MODULE"}
    }
    env.update(
        DJANGO_SETTINGS_MODULE="bimun.settings",
        DATABASE_URL=database_url,
        BIMUN_SECRET_KEY="browser-tests-only-secret-key-not-for-production",
        BIMUN_VAR_DIR=str(var_dir),
        BIMUN_ALLOWED_HOSTS="127.0.0.1,localhost",
        # On PostgreSQL the tests' own processes and up to two such servers run at once:
        # together they must stay under the server's 100 connections.
        BIMUN_DB_CONNECTIONS="15",
        PYTHONUNBUFFERED="1",
    )
    return env


def manage(env: dict[str, str], *args: str) -> subprocess.Popen[str]:
    return python(env, "manage.py", *args)


def python(env: dict[str, str], *args: str) -> subprocess.Popen[str]:
    """Python with the server's settings, in the project's directory."""
    return subprocess.Popen(
        [sys.executable, *args],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


def finish(process: subprocess.Popen[str]) -> str:
    """Wait for the process; fail the test if it failed. Its output."""
    output, _ = process.communicate(timeout=120)
    if process.returncode != 0:
        command = " ".join(process.args[1:])
        pytest.fail(f"{command} failed ({process.returncode}):\n{output}", pytrace=False)
    return output


def wait_until_serving(url: str, server: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + SERVER_START_TIMEOUT
    while time.monotonic() < deadline:
        if server.poll() is not None:
            output = log.read_text(errors="replace")
            message = f"the ASGI server exited with {server.returncode}:\n{output}"
            pytest.fail(message, pytrace=False)
        try:
            with urllib.request.urlopen(f"{url}/login/", timeout=2):
                return
        except urllib.error.HTTPError:
            return  # it answers HTTP; the page itself is the tests' business
        except OSError:
            time.sleep(0.1)
    output = log.read_text(errors="replace")
    pytest.fail(
        f"the ASGI server did not answer within {SERVER_START_TIMEOUT} s:\n{output}", pytrace=False
    )


@contextlib.contextmanager
def asgi_server(env: dict[str, str], var_dir: Path) -> Iterator[str]:
    """The server, serving until the block ends; its URL."""
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    log = var_dir / "server.log"
    command = [
        *(sys.executable, "-m", "uvicorn", "bimun.asgi:application"),
        *("--host", "127.0.0.1", "--port", str(port), "--ws", "websockets"),
        # As `make serve`; the tests use X-Forwarded-For to act as distinct phones.
        *("--proxy-headers", "--forwarded-allow-ips", "127.0.0.1", "--no-access-log"),
    ]
    with log.open("wb") as log_file:
        server = subprocess.Popen(
            command, cwd=ROOT, env=env, stdout=log_file, stderr=subprocess.STDOUT
        )
        try:
            wait_until_serving(url, server, log)
            yield url
        finally:
            server.terminate()
            try:
                server.wait(timeout=10)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()
