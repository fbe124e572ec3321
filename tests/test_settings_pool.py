"""Database connections under ASGI, the pool's size, and the check before serving.

Settings are read once per process, so each configuration is loaded in a fresh Python.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

from django.conf import settings
from django.db import connection

ROOT = Path(__file__).resolve().parent.parent
POSTGRES = "postgres://bimun@db.example:5432/bimun"

SHOW_SETTINGS = """
import json
from bimun import settings
print(json.dumps({
    "database": settings.DATABASES["default"],
    "layer": settings.CHANNEL_LAYERS["default"],
}, default=str))
"""


def environment(**variables: str) -> dict[str, str]:
    """This process's environment without the variables under test, plus the given ones."""
    env = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith(("BIMUN_DB_", "BIMUN_WORKERS", "BIMUN_INSTANCE"))
        and name not in {"DATABASE_URL", "REDIS_URL"}
    }
    env.setdefault("BIMUN_SECRET_KEY", "test-only-secret-key-not-for-production")
    return {**env, **variables}


def settings_with(**variables: str) -> dict:
    shown = subprocess.run(
        [sys.executable, "-c", SHOW_SETTINGS],
        cwd=ROOT,
        env=environment(**variables),
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(shown.stdout)


def test_connections_are_kept_only_where_they_cannot_pile_up():
    # On PostgreSQL connections come from the pool and go back to it after each request. An
    # SQLite connection is kept by the thread that opened it: the long-lived ones (websocket
    # database work, pushes) save reopening it; a request's thread ends, and its with it.
    kept = settings.DATABASES["default"]["CONN_MAX_AGE"]
    assert kept == (0 if connection.vendor == "postgresql" else 600)


def test_the_suite_uses_the_pool_exactly_when_it_runs_on_postgresql():
    uses_pool = getattr(connection, "pool", None) is not None
    assert uses_pool == (connection.vendor == "postgresql")


def test_postgresql_connections_come_from_a_pool_shared_out_among_the_workers():
    one = settings_with(DATABASE_URL=POSTGRES)["database"]
    two = settings_with(DATABASE_URL=POSTGRES, BIMUN_WORKERS="2")["database"]
    assert one["CONN_MAX_AGE"] == two["CONN_MAX_AGE"] == 0
    assert one["OPTIONS"]["pool"]["max_size"] == 40
    assert two["OPTIONS"]["pool"]["max_size"] == 20  # 40 connections for both processes
    assert 0 < two["OPTIONS"]["pool"]["timeout"] < 10  # answered before the page gives up


def test_the_pool_size_can_be_set():
    budget = settings_with(DATABASE_URL=POSTGRES, BIMUN_WORKERS="4", BIMUN_DB_CONNECTIONS="80")
    assert budget["database"]["OPTIONS"]["pool"]["max_size"] == 20
    fixed = settings_with(DATABASE_URL=POSTGRES, BIMUN_WORKERS="4", BIMUN_DB_POOL_SIZE="7")
    assert fixed["database"]["OPTIONS"]["pool"]["max_size"] == 7


def test_sqlite_has_no_pool():
    database = settings_with()["database"]
    assert database["ENGINE"] == "django.db.backends.sqlite3"
    assert "pool" not in database["OPTIONS"]


def check_workers(**variables: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "manage.py", "check_workers"],
        cwd=ROOT,
        env=environment(DJANGO_SETTINGS_MODULE="bimun.settings", **variables),
        capture_output=True,
        text=True,
    )


def test_several_workers_without_redis_are_refused_with_what_to_set():
    refused = check_workers(BIMUN_WORKERS="2")
    assert refused.returncode != 0
    assert "WORKERS=2 needs Redis" in refused.stderr
    assert "Set REDIS_URL" in refused.stderr


def test_one_worker_without_redis_or_several_with_redis_may_start():
    assert check_workers(BIMUN_WORKERS="1").returncode == 0
    assert check_workers(BIMUN_WORKERS="2", REDIS_URL="redis://127.0.0.1:6379/0").returncode == 0


def test_make_serve_checks_the_workers_before_starting_the_server():
    makefile = (ROOT / "Makefile").read_text()
    serve = makefile.split("\nserve:", 1)[1].split("\n\n", 1)[0]
    assert serve.index("manage.py check_workers") < serve.index("uvicorn")
    assert "export BIMUN_WORKERS := $(WORKERS)" in makefile
