"""The servers under test: the app as `make serve` starts it, and the bare floor.

Each runs in a process of its own, pinned to its cores; the load generator (this process)
keeps the other core. With two workers on a two-core machine both cores are the server's and
the generator shares one of them: the results say so.
"""

import asyncio
import contextlib
import logging
import os
import shlex
import socket
import subprocess
import sys
import time
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from bench.httpclient import Client
from bench.procstat import ProcessGroup, descendants

logger = logging.getLogger(__name__)

ROOT = Path(__file__).resolve().parent.parent
VAR_DIR = ROOT / "var" / "bench"
START_TIMEOUT_SECONDS = 60.0
STOP_TIMEOUT_SECONDS = 10.0
SECRET_KEY = "bench-only-secret-key-never-used-by-a-real-server"
INSTANCE = "bimun-bench"


@dataclass(frozen=True)
class Setup:
    """How the app runs: the embedded default, or PostgreSQL + Redis with several workers."""

    name: str
    workers: int
    database_url: str = ""
    redis_url: str = ""

    def describe(self) -> dict[str, Any]:
        return {
            "workers": self.workers,
            "database": "postgresql" if self.database_url else "sqlite",
            "channel_layer": "redis" if self.redis_url else "in-memory",
        }


@dataclass(frozen=True)
class Pinning:
    server: tuple[int, ...]
    generator: tuple[int, ...]

    @classmethod
    def for_workers(cls, workers: int, cores: set[int]) -> "Pinning":
        """`cores`: every core the bench may use (its affinity before it pinned itself)."""
        available = sorted(cores)
        if len(available) < 2:
            return cls(tuple(available), tuple(available))
        if len(available) > workers:
            return cls(tuple(available[:workers]), (available[workers],))
        return cls(tuple(available), (available[-1],))

    def describe(self) -> dict[str, Any]:
        return {
            "server_cores": list(self.server),
            "generator_cores": list(self.generator),
            "shared": bool(set(self.server) & set(self.generator)),
        }

    def pin_generator(self) -> None:
        os.sched_setaffinity(0, self.generator)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def server_env(setup: Setup) -> dict[str, str]:
    """The environment of the server and of the set-up process: the developer's own BIMUN_*
    settings (debug, rate limits, another database) must not leak in."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith("BIMUN_")
        and key not in {"DATABASE_URL", "REDIS_URL", "DJANGO_SETTINGS_MODULE"}
    }
    env.update(
        DJANGO_SETTINGS_MODULE="bimun.settings",
        BIMUN_SECRET_KEY=SECRET_KEY,
        BIMUN_VAR_DIR=str(VAR_DIR),
        BIMUN_ALLOWED_HOSTS="127.0.0.1,localhost",
        BIMUN_WORKERS=str(setup.workers),
        BIMUN_INSTANCE=INSTANCE,
        BIMUN_LOG_LEVEL="WARNING",
        PYTHONUNBUFFERED="1",
    )
    if setup.database_url:
        env["DATABASE_URL"] = setup.database_url
    if setup.redis_url:
        env["REDIS_URL"] = setup.redis_url
    return env


def _pinned(cores: tuple[int, ...]) -> Any:
    def pin() -> None:
        os.sched_setaffinity(0, cores)

    return pin


@dataclass
class ServerProcess:
    process: subprocess.Popen[bytes]
    port: int
    log: Path
    group: ProcessGroup = field(init=False)

    def __post_init__(self) -> None:
        self.group = ProcessGroup([self.process.pid])

    def refresh_pids(self) -> None:
        """Workers are started after the server process itself; find them again."""
        self.group = ProcessGroup(descendants(self.process.pid))

    def log_tail(self, lines: int = 30) -> str:
        try:
            return "\n".join(self.log.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return ""

    async def wait_until_serving(self, path: str, workers: int) -> None:
        client = Client("127.0.0.1", self.port)
        deadline = time.monotonic() + START_TIMEOUT_SECONDS
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"the server exited:\n{self.log_tail()}")
            with contextlib.suppress(OSError, asyncio.TimeoutError, ConnectionError):
                await client.request("GET", path, timeout=5)
                self.refresh_pids()
                # The server answers; with several workers each must have started too.
                if len(self.group.pids) >= (1 if workers == 1 else workers + 1):
                    return
            await asyncio.sleep(0.2)
        raise RuntimeError(f"the server did not answer in {START_TIMEOUT_SECONDS} s")

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=STOP_TIMEOUT_SECONDS)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


# What `make serve` runs, for when make cannot say (keep in step with the Makefile).
SERVE_FALLBACK = (
    "{python} -m uvicorn bimun.asgi:application --host {host} --port {port} --workers {workers}"
    " --ws websockets-sansio --ws-per-message-deflate false --backlog 4096 --lifespan off"
    " --proxy-headers --no-access-log"
)


def serve_command(host: str, port: int, workers: int) -> list[str]:
    """The server command of `make serve`, as make would run it (`make -n`), so the bench
    serves the app with the same options whatever they become."""
    try:
        planned = subprocess.run(
            ["make", "-n", "--no-print-directory", "serve"]
            + [f"HOST={host}", f"PORT={port}", f"WORKERS={workers}"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
            timeout=30,
        ).stdout
    except (OSError, subprocess.SubprocessError):
        planned = ""
    for line in planned.replace("\\\n", " ").splitlines():
        if "uvicorn" in line:
            return shlex.split(line)
    fallback = SERVE_FALLBACK.format(python=sys.executable, host=host, port=port, workers=workers)
    return shlex.split(fallback)


def serve_compresses() -> bool:
    """Whether `make serve` lets uvicorn accept permessage-deflate (its default)."""
    command = serve_command("127.0.0.1", 8000, 1)
    if "--ws-per-message-deflate" not in command:
        return True
    value = command[command.index("--ws-per-message-deflate") + 1]
    return value.lower() not in {"false", "0", "no"}


@contextlib.asynccontextmanager
async def app_server(setup: Setup, pinning: Pinning) -> AsyncIterator[ServerProcess]:
    """The app's server, started as `make serve` starts it."""
    port = free_port()
    log = VAR_DIR / f"{setup.name}-server.log"
    command = serve_command("127.0.0.1", port, setup.workers)
    with log.open("wb") as log_file:
        process = subprocess.Popen(
            command,
            cwd=ROOT,
            env=server_env(setup),
            stdout=log_file,
            stderr=subprocess.STDOUT,
            # Pinned before exec, so the workers it starts inherit the cores.
            preexec_fn=_pinned(pinning.server),
        )
    server = ServerProcess(process, port, log)
    try:
        await server.wait_until_serving("/login/", setup.workers)
        yield server
    finally:
        server.stop()


@contextlib.asynccontextmanager
async def bare_server(
    pinning: Pinning, fragments: Path | None, *, deflate: bool
) -> AsyncIterator[ServerProcess]:
    port = free_port()
    log = VAR_DIR / "bare-server.log"
    command = [sys.executable, "-m", "bench.bare_server", "--port", str(port)]
    if fragments is not None:
        command += ["--fragments", str(fragments)]
    if not deflate:
        command.append("--no-deflate")
    with log.open("wb") as log_file:
        process = subprocess.Popen(
            command,
            cwd=ROOT,
            stdout=log_file,
            stderr=subprocess.STDOUT,
            preexec_fn=_pinned(pinning.server[:1]),
        )
    server = ServerProcess(process, port, log)
    try:
        await server.wait_until_serving("/", 1)
        yield server
    finally:
        server.stop()


async def run_prepare(setup: Setup, *args: str, timeout: float = 600) -> None:
    """python -m bench.prepare, with the server's environment, on any core."""
    log = VAR_DIR / f"{setup.name}-prepare.log"
    with log.open("ab") as log_file:
        process = await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "bench.prepare",
            *args,
            cwd=ROOT,
            env=server_env(setup),
            stdout=log_file,
            stderr=subprocess.STDOUT,
        )
        code = await asyncio.wait_for(process.wait(), timeout)
    if code != 0:
        tail = "\n".join(log.read_text(errors="replace").splitlines()[-30:])
        raise RuntimeError(f"bench.prepare {args[0]} failed ({code}):\n{tail}")


# ---- PostgreSQL and Redis for the production setup ------------------------------------------


def _maintenance_url(database_url: str) -> str:
    parts = urlsplit(database_url)
    return urlunsplit(parts._replace(scheme="postgresql", path="/postgres"))


def postgres_answers(database_url: str) -> bool:
    try:
        import psycopg

        with psycopg.connect(_maintenance_url(database_url), connect_timeout=3):
            return True
    except Exception:  # any failure means: no production run
        logger.info("PostgreSQL does not answer at %s", database_url, exc_info=True)
        return False


def redis_answers(redis_url: str) -> bool:
    parts = urlsplit(redis_url)
    try:
        with socket.create_connection((parts.hostname, parts.port or 6379), timeout=3) as sock:
            sock.sendall(b"PING\r\n")
            return sock.recv(64).startswith(b"+PONG")
    except OSError:
        return False


@contextlib.contextmanager
def fresh_database(database_url: str) -> Iterator[None]:
    """The bench's own database, created empty and dropped afterwards."""
    import psycopg
    from psycopg import sql

    name = urlsplit(database_url).path.strip("/")
    drop = sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
    with psycopg.connect(_maintenance_url(database_url), autocommit=True) as conn:
        conn.execute(drop)
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    try:
        yield
    finally:
        with psycopg.connect(_maintenance_url(database_url), autocommit=True) as conn:
            conn.execute(drop)


def fresh_sqlite() -> None:
    for suffix in ("", "-wal", "-shm"):
        (VAR_DIR / f"bimun.sqlite3{suffix}").unlink(missing_ok=True)
