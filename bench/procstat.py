"""CPU time and memory of processes, read from /proc (Linux)."""

import os
import resource
import time
from dataclasses import dataclass
from pathlib import Path

PROC = Path("/proc")
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


def descendants(pid: int) -> list[int]:
    """The process and every process under it (a server's workers)."""
    found = [pid]
    index = 0
    while index < len(found):
        current = found[index]
        index += 1
        for task in (PROC / str(current) / "task").glob("*/children"):
            try:
                found.extend(int(child) for child in task.read_text().split())
            except OSError:
                continue
    return found


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of one process; 0 when it is gone."""
    try:
        stat = (PROC / str(pid) / "stat").read_text()
    except OSError:
        return 0.0
    # The command name may hold spaces; the fields after it are fixed.
    fields = stat[stat.rindex(")") + 2 :].split()
    return (int(fields[11]) + int(fields[12])) / CLOCK_TICKS


def rss_kib(pid: int) -> int:
    try:
        status = (PROC / str(pid) / "status").read_text()
    except OSError:
        return 0
    for line in status.splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


def machine_busy_seconds() -> float:
    """CPU time every core of the machine spent on anything but idling, since boot."""
    try:
        first = (PROC / "stat").read_text().split("\n", 1)[0].split()
    except OSError:
        return 0.0
    user, nice, system, _idle, _iowait, irq, softirq, steal = (int(v) for v in first[1:9])
    return (user + nice + system + irq + softirq + steal) / CLOCK_TICKS


def listen_overflows() -> int:
    """Connections the kernel dropped because a listening socket's accept queue was full
    (the client retries after a second): system-wide, since boot."""
    try:
        lines = (PROC / "net" / "netstat").read_text().splitlines()
    except OSError:
        return 0
    tcp_ext = [line.split()[1:] for line in lines if line.startswith("TcpExt:")]
    if len(tcp_ext) < 2:
        return 0
    values = dict(zip(tcp_ext[0], tcp_ext[1], strict=False))
    return int(values.get("ListenOverflows", 0))


def pids_named(*names: str) -> list[int]:
    """Processes whose command is one of `names` (PostgreSQL and Redis, for the record)."""
    found = []
    for entry in PROC.iterdir():
        if not entry.name.isdigit():
            continue
        try:
            command = (entry / "comm").read_text().strip()
        except OSError:
            continue
        if command in names:
            found.append(int(entry.name))
    return found


@dataclass
class ProcessGroup:
    """Some processes whose CPU is measured together (a server and its workers), or every
    process with one of `names`, found again at each reading (PostgreSQL starts a process per
    connection)."""

    pids: list[int]
    names: tuple[str, ...] = ()

    def current(self) -> list[int]:
        return pids_named(*self.names) if self.names else self.pids

    def cpu(self) -> float:
        return sum(cpu_seconds(pid) for pid in self.current())

    def rss_kib(self) -> int:
        return sum(rss_kib(pid) for pid in self.current())


@dataclass
class Usage:
    wall: float
    server: float
    generator: float
    services: float
    machine: float


class Meter:
    """CPU used by the server, the load generator (this process), the database and Redis, and
    anything else on the machine (which disturbs the measurement) between start() and stop()."""

    def __init__(self, server: ProcessGroup, services: ProcessGroup | None = None) -> None:
        self.server = server
        self.services = services or ProcessGroup([])
        self._start: Usage | None = None

    @staticmethod
    def _generator_cpu() -> float:
        usage = resource.getrusage(resource.RUSAGE_SELF)
        return usage.ru_utime + usage.ru_stime

    def _now(self) -> Usage:
        return Usage(
            time.perf_counter(),
            self.server.cpu(),
            self._generator_cpu(),
            self.services.cpu(),
            machine_busy_seconds(),
        )

    def start(self) -> None:
        self._start = self._now()

    def stop(self) -> dict[str, float]:
        assert self._start is not None, "start() first"
        end = self._now()
        wall = end.wall - self._start.wall
        used = {
            "seconds": round(wall, 3),
            "server_cpu_s": round(end.server - self._start.server, 3),
            "generator_cpu_s": round(end.generator - self._start.generator, 3),
            "services_cpu_s": round(end.services - self._start.services, 3),
        }
        ours = used["server_cpu_s"] + used["generator_cpu_s"] + used["services_cpu_s"]
        others = max(0.0, end.machine - self._start.machine - ours)
        used["server_cores"] = round(used["server_cpu_s"] / wall, 3) if wall else 0.0
        used["generator_share"] = round(used["generator_cpu_s"] / wall, 3) if wall else 0.0
        # Other processes' CPU (and the kernel's loopback work not charged to ours).
        used["other_cores"] = round(others / wall, 3) if wall else 0.0
        return used
