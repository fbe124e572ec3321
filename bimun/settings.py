"""Settings for bimun, driven by environment variables.

Out of the box (no variables set) bimun runs on SQLite with an in-process channel layer, which
is enough for one server process. A real conference sets DATABASE_URL (PostgreSQL) and
REDIS_URL (Redis) so that several server processes share state and websocket groups.
"""

import os
import re
import secrets
import warnings
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from csp.constants import NONE, SELF

BASE_DIR = Path(__file__).resolve().parent.parent
# Runtime files (SQLite database, generated secret key) live here, outside version control.
VAR_DIR = Path(os.environ.get("BIMUN_VAR_DIR", BASE_DIR / "var"))


def env_flag(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def load_secret_key() -> str:
    """Use BIMUN_SECRET_KEY, or a random key generated once and kept in var/.

    A generated key is shared by every process started from this checkout, so sessions
    survive restarts without anyone having to invent a secret for the demo.
    """
    configured = os.environ.get("BIMUN_SECRET_KEY")
    if configured:
        return configured
    key_file = VAR_DIR / "secret_key"
    if not key_file.exists():
        VAR_DIR.mkdir(parents=True, exist_ok=True)
        key_file.write_text(secrets.token_urlsafe(50))
        key_file.chmod(0o600)
    return key_file.read_text().strip()


SECRET_KEY = load_secret_key()
DEBUG = env_flag("BIMUN_DEBUG")
ALLOWED_HOSTS = env_list("BIMUN_ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("BIMUN_CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "channels",
    "django_htmx",
    "template_partials",
    "django_countries",
    "csp",
    "committee",
    "delegates",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "committee.access.DelegationAccessMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "csp.middleware.CSPMiddleware",
    "committee.middleware.DatabaseBusyMiddleware",
]

ROOT_URLCONF = "bimun.urls"
ASGI_APPLICATION = "bimun.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "committee.context_processors.identity",
            ],
        },
    }
]

# Server processes started by `make serve` (uvicorn --workers); the connection pool and the
# channel-layer check below depend on it.
WORKERS = int(os.environ.get("BIMUN_WORKERS", "1"))

# No persistent connections: under ASGI every request runs in a thread of its own, so a kept
# connection per thread piles up. PostgreSQL connections come from a pool instead.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{VAR_DIR / 'bimun.sqlite3'}", conn_max_age=0, conn_health_checks=True
    )
}
DATABASES["default"].setdefault("OPTIONS", {})
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Every worker has a pool of its own; together they stay within BIMUN_DB_CONNECTIONS, well
    # under PostgreSQL's stock max_connections (100). A request that finds the pool empty waits
    # up to BIMUN_DB_POOL_TIMEOUT seconds, then is answered 503 "not recorded, try again".
    # This wait and the floor's (below) together stay under the 10 s a page waits for an answer.
    DB_CONNECTIONS = int(os.environ.get("BIMUN_DB_CONNECTIONS", "40"))
    DB_POOL_SIZE = int(os.environ.get("BIMUN_DB_POOL_SIZE", max(4, DB_CONNECTIONS // WORKERS)))
    DATABASES["default"]["OPTIONS"]["pool"] = {
        "min_size": min(2, DB_POOL_SIZE),
        "max_size": DB_POOL_SIZE,
        "timeout": float(os.environ.get("BIMUN_DB_POOL_TIMEOUT", "5")),
        "max_idle": 60,
    }
# How long a floor action waits for another one on the same committee to finish before it is
# answered 503 "not recorded, try again" (PostgreSQL's lock_timeout for the floor row).
FLOOR_LOCK_TIMEOUT_SECONDS = float(os.environ.get("BIMUN_FLOOR_LOCK_TIMEOUT", "3"))
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    # Opening an SQLite connection (the file, the pragmas, Django's SQL functions) cost more
    # than most of the queries made on it: the threads that live as long as the server (the
    # websockets' database thread, the pushers') keep theirs. A request's thread ends with
    # the request, and its connection with it, so nothing piles up.
    DATABASES["default"]["CONN_MAX_AGE"] = 600
    # IMMEDIATE transactions take the write lock at BEGIN, so two dais members writing at
    # once queue up instead of failing with "database is locked" half-way through.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }

# HTTP requests inside Django at once, per server process (bimun/concurrency.py). Django runs
# each request in a thread of its own with a connection of its own, so without a limit a burst
# of 193 votes is 193 threads and connections: more than PostgreSQL takes, or a crowd waiting
# on SQLite's one write lock. Requests over the limit wait on the event loop, in order, holding
# neither. On PostgreSQL the limit leaves two of the pool's connections to the live screens
# and the pushes; SQLite writes one at a time, so a few let reads run beside the writer.
if "pool" in DATABASES["default"]["OPTIONS"]:
    DEFAULT_HTTP_CONCURRENCY = max(2, DATABASES["default"]["OPTIONS"]["pool"]["max_size"] - 2)
else:
    DEFAULT_HTTP_CONCURRENCY = 4
HTTP_CONCURRENCY = int(os.environ.get("BIMUN_HTTP_CONCURRENCY", DEFAULT_HTTP_CONCURRENCY))
# A request that has not been let in after this long is answered 503 "not recorded, try
# again". Requests let in are fewer than the pool's connections and seldom wait for one, so
# this wait and the floor's stay under the 10 s a page waits for an answer: a page should not
# give up on a request that is then saved.
HTTP_QUEUE_TIMEOUT_SECONDS = float(os.environ.get("BIMUN_HTTP_QUEUE_TIMEOUT", "5"))
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = os.environ.get("REDIS_URL", "")


def instance_name() -> str:
    """What sets this installation apart from others sharing one Redis server.

    Redis pub/sub channels ignore the database number in REDIS_URL, so without a name of its
    own one installation's screens would receive another's pushes. BIMUN_INSTANCE names it;
    by default the database name and the Redis database number do.
    """
    configured = os.environ.get("BIMUN_INSTANCE")
    if not configured:
        database = Path(str(DATABASES["default"]["NAME"])).stem
        configured = f"{database}.{urlsplit(REDIS_URL).path.strip('/') or '0'}"
    # Channel names allow only these characters, and at most 100 of them.
    return re.sub(r"[^A-Za-z0-9_.-]", "-", configured)[:40]


# What each group of screens was last sent, for one process: a state per committee, audience
# and language, and one per connected phone (so well over the stock 300 entries).
SCREENS_IN_MEMORY = {
    "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
    "LOCATION": "screens",
    "OPTIONS": {"MAX_ENTRIES": 100_000},
}

if REDIS_URL:
    BIMUN_INSTANCE = instance_name()
    # The pub/sub layer measured 1.3-1.5x cheaper per message than the core Redis layer.
    CHANNEL_LAYERS = {
        "default": {
            "BACKEND": "committee.layers.PubSubChannelLayer",
            "CONFIG": {
                # A Redis that stopped answering is noticed in seconds, not minutes.
                "hosts": [{"address": REDIS_URL, "socket_connect_timeout": 2}],
                "prefix": f"bimun.{BIMUN_INSTANCE}.",
            },
        }
    }
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": BIMUN_INSTANCE,
        },
        # What each group of screens was last sent (committee/rendering.py): every server
        # process reads and writes the same, so any of them may push a committee.
        "screens": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": f"{BIMUN_INSTANCE}.screens",
        },
    }
else:
    # One process: groups live in its memory. Channels' own in-memory layer rescans every
    # channel on every receive (its cost per message grows with the screens); this one does
    # not. A screen more than `capacity` messages behind loses the newer ones, and catches up
    # with a snapshot when the heartbeat shows it a newer sequence number.
    CHANNEL_LAYERS = {
        "default": {"BACKEND": "committee.layers.LocalChannelLayer", "CONFIG": {"capacity": 100}}
    }
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        "screens": SCREENS_IN_MEMORY,
    }

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"

LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English"), ("zh-hans", "简体中文")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = os.environ.get("BIMUN_TIME_ZONE", "Asia/Shanghai")
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
# WhiteNoise hands Django a file iterator that is not async; under ASGI Django reads it in a
# worker thread, which is fine for static files, and warns on every one of them.
warnings.filterwarnings(
    "ignore", message="StreamingHttpResponse must consume synchronous iterators"
)
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
if DEBUG:
    STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}

SESSION_COOKIE_AGE = 60 * 60 * 24 * 7  # a conference lasts a few days
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
if env_flag("BIMUN_HTTPS"):
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# Every page is served by the app itself: no script, style, font or image from elsewhere,
# and no inline script (htmx is configured to need neither eval nor injected styles).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

COUNTRIES_FLAG_URL = "flags/{code}.gif"

# Failed access-code attempts allowed per client before it must wait.
ACCESS_CODE_MAX_FAILURES = int(os.environ.get("BIMUN_ACCESS_CODE_MAX_FAILURES", "5"))
ACCESS_CODE_LOCKOUT_SECONDS = int(os.environ.get("BIMUN_ACCESS_CODE_LOCKOUT_SECONDS", "60"))

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "client_error_without_traceback": {"()": "bimun.logging.ClientErrorWithoutTraceback"}
    },
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "loggers": {
        "django.request": {"filters": ["client_error_without_traceback"]},
        # WeasyPrint tells every step of typesetting the report at INFO: only its warnings.
        "weasyprint": {"level": "WARNING"},
        "weasyprint.progress": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
    "root": {"handlers": ["console"], "level": os.environ.get("BIMUN_LOG_LEVEL", "INFO")},
}

# Floor pushes are rendered and sent from a background thread after commit, so a POST never
# waits for the fan-out; the tests turn this off to see every push at once.
BIMUN_PUSH_IN_BACKGROUND = env_flag("BIMUN_PUSH_IN_BACKGROUND", default=True)
