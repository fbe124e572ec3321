"""Settings for the test suite: the real settings, made fast and deterministic."""

import os

os.environ.setdefault("BIMUN_SECRET_KEY", "test-only-secret-key-not-for-production")

from bimun.settings import *  # noqa: E402,F403
from bimun.settings import (  # noqa: E402
    CHANNEL_LAYERS,
    DATABASES,
    REDIS_URL,
    SCREENS_IN_MEMORY,
    VAR_DIR,
    instance_name,
)

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
STATIC_ROOT = None
WHITENOISE_AUTOREFRESH = True
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "screens": SCREENS_IN_MEMORY,
}
LOGGING = {"version": 1, "disable_existing_loggers": False}

if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # A file, not SQLite's shared in-memory database: only a file gives threads the same
    # locking as production, which the concurrency tests rely on. One file per test run, so
    # runs side by side never share it. Tests need no durability, so commits skip the disk.
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / f"test-db-{os.getpid()}.sqlite3")}
    DATABASES["default"]["OPTIONS"]["init_command"] = (
        "PRAGMA journal_mode=WAL; PRAGMA synchronous=OFF;"
    )
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Tests need no durability: a commit does not wait for the disk (as SQLite's above).
    DATABASES["default"]["OPTIONS"]["options"] = "-c synchronous_commit=off"
if "pool" in DATABASES["default"]["OPTIONS"]:
    # Two test processes and the live servers some tests start (their own pools) share one
    # PostgreSQL of 100 connections: each takes fewer than a real server process would.
    DATABASES["default"]["OPTIONS"]["pool"]["max_size"] = 20
BIMUN_PUSH_IN_BACKGROUND = False

if REDIS_URL and os.environ.get("PYTEST_XDIST_WORKER"):
    # Each pytest-xdist worker has a test database of its own; its pushes must stay its own too,
    # or one worker's screens would receive the other's.
    BIMUN_INSTANCE = f"{instance_name()}-{os.environ['PYTEST_XDIST_WORKER']}"
    CHANNEL_LAYERS["default"]["CONFIG"]["prefix"] = f"bimun.{BIMUN_INSTANCE}."
