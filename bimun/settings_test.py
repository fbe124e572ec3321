"""Settings for the test suite: the real settings, made fast and deterministic."""

import os

os.environ.setdefault("BIMUN_SECRET_KEY", "test-only-secret-key-not-for-production")

from bimun.settings import *  # noqa: E402,F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
LOGGING = {"version": 1, "disable_existing_loggers": False}
STATIC_ROOT = None
WHITENOISE_AUTOREFRESH = True
