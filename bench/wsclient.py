"""A minimal websocket receiver on an asyncio protocol: the handshake, then frames.

A client library costs more per received message than the server costs to send it, so a load
generator built on one measures itself. This one keeps one bytearray per connection, reads the
frame header by hand, answers pings, and offers permessage-deflate as browsers do (so the
server compresses every message for every screen, as it would for real screens).
"""

import asyncio
import base64
import os
import re
import struct
import time
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

OP_CONTINUATION = 0x0
OP_TEXT = 0x1
OP_BINARY = 0x2
OP_CLOSE = 0x8
OP_PING = 0x9
OP_PONG = 0xA

SEQ = re.compile(rb'data-seq="(\d+)"')
HEARTBEAT = b'data-heartbeat="true"'
DEFLATE_TAIL = b"\x00\x00\xff\xff"


@dataclass(frozen=True)
class Frame:
    opcode: int
    fin: bool
    compressed: bool  # RSV1: the message's payload is deflated (permessage-deflate)
    payload: bytes


class FrameReader:
    """Cuts a server's byte stream into frames. Server frames are never masked."""

    def __init__(self) -> None:
        self.buffer = bytearray()
        self.needed = 2  # bytes the next frame needs before it is worth looking again

    def feed(self, data: bytes) -> Iterator[Frame]:
        buffer = self.buffer
        buffer += data
        if len(buffer) < self.needed:
            return
        start, end = 0, len(buffer)
        while True:
            available = end - start
            if available < 2:
                self.needed = 2
                break
            first, second = buffer[start], buffer[start + 1]
            if second & 0x80:
                raise ValueError("a server frame must not be masked")
            length, header = second & 0x7F, 2
            if length == 126:
                header = 4
            elif length == 127:
                header = 10
            if available < header:
                self.needed = header
                break
            if header == 4:
                (length,) = struct.unpack_from("!H", buffer, start + 2)
            elif header == 10:
                (length,) = struct.unpack_from("!Q", buffer, start + 2)
            if available < header + length:
                self.needed = header + length
                break
            payload = bytes(buffer[start + header : start + header + length])
            start += header + length
            yield Frame(first & 0x0F, bool(first & 0x80), bool(first & 0x40), payload)
        if start:
            del buffer[:start]


def masked_frame(opcode: int, payload: bytes = b"") -> bytes:
    """A client frame (clients must mask); only short control frames are ever sent."""
    if len(payload) > 125:
        raise ValueError("control frames carry at most 125 bytes")
    mask = os.urandom(4)
    body = bytes(byte ^ mask[index % 4] for index, byte in enumerate(payload))
    return bytes([0x80 | opcode, 0x80 | len(payload)]) + mask + body


def close_frame(code: int = 1000) -> bytes:
    return masked_frame(OP_CLOSE, struct.pack("!H", code))


def upgrade_request(host: str, path: str, headers: dict[str, str], *, deflate: bool) -> bytes:
    key = base64.b64encode(os.urandom(16)).decode()
    lines = [
        f"GET {path} HTTP/1.1",
        f"Host: {host}",
        "Upgrade: websocket",
        "Connection: Upgrade",
        f"Sec-WebSocket-Key: {key}",
        "Sec-WebSocket-Version: 13",
    ]
    if deflate:
        lines.append("Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits")
    lines.extend(f"{name}: {value}" for name, value in headers.items())
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1")


def push_seq(message: bytes) -> int | None:
    """The floor's sequence number a push was rendered from; None for heartbeats and
    messages that carry none (a delegation's own part, the dais roster)."""
    if HEARTBEAT in message:
        return None
    found = SEQ.findall(message)
    return max(int(value) for value in found) if found else None


@dataclass
class Screen(asyncio.Protocol):
    """One live screen: connects, keeps when each new sequence number first arrived."""

    request: bytes
    # Shown every push (not heartbeats) with its arrival time, e.g. to follow a vote's tally.
    watch: Callable[[bytes, float], None] | None = None
    handshake: asyncio.Future[float] = field(init=False)
    snapshot: asyncio.Future[float] = field(init=False)
    closed: asyncio.Future[None] = field(init=False)
    transport: asyncio.Transport | None = field(default=None, init=False)
    arrivals: list[tuple[int, float]] = field(default_factory=list, init=False)
    max_seq: int = field(default=-1, init=False)
    messages: int = field(default=0, init=False)
    heartbeats: int = field(default=0, init=False)
    wire_bytes: int = field(default=0, init=False)
    message_bytes: int = field(default=0, init=False)
    close_code: int | None = field(default=None, init=False)
    status_line: bytes = field(default=b"", init=False)
    snapshot_seq: int | None = field(default=None, init=False)
    deflate_accepted: bool = field(default=False, init=False)
    _header: bytearray = field(default_factory=bytearray, init=False)
    _reader: FrameReader | None = field(default=None, init=False)
    _inflater: "zlib._Decompress | None" = field(default=None, init=False)
    _fragments: list[bytes] = field(default_factory=list, init=False)
    _fragmented_compressed: bool = field(default=False, init=False)

    def __post_init__(self) -> None:
        loop = asyncio.get_running_loop()
        self.handshake = loop.create_future()
        self.snapshot = loop.create_future()
        self.closed = loop.create_future()

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        # uvloop's transports are not asyncio.Transport subclasses, though they act as one.
        self.transport = transport  # type: ignore[assignment]
        self.transport.write(self.request)

    def data_received(self, data: bytes) -> None:
        now = time.perf_counter()
        self.wire_bytes += len(data)
        if self._reader is None:
            data = self._read_handshake(data, now)
            if self._reader is None or not data:
                return
        try:
            for frame in self._reader.feed(data):
                self._on_frame(frame, now)
        except (ValueError, zlib.error) as error:
            self._fail(error)

    def _read_handshake(self, data: bytes, now: float) -> bytes:
        self._header += data
        end = self._header.find(b"\r\n\r\n")
        if end < 0:
            return b""
        head = bytes(self._header[:end])
        rest = bytes(self._header[end + 4 :])
        self._header.clear()
        self.status_line = head.split(b"\r\n", 1)[0]
        if b" 101 " not in self.status_line + b" ":
            self._fail(ConnectionError(self.status_line.decode("latin-1")))
            return b""
        if b"permessage-deflate" in head.lower():
            self.deflate_accepted = True
            self._inflater = zlib.decompressobj(wbits=-15)
        self._reader = FrameReader()
        if not self.handshake.done():
            self.handshake.set_result(now)
        return rest

    def _on_frame(self, frame: Frame, now: float) -> None:
        if frame.opcode == OP_PING:
            self._send(masked_frame(OP_PONG, frame.payload))
            return
        if frame.opcode == OP_CLOSE:
            if len(frame.payload) >= 2:
                (self.close_code,) = struct.unpack_from("!H", frame.payload)
            self._send(close_frame(self.close_code or 1000))
            if self.transport is not None:
                self.transport.close()
            return
        if frame.opcode == OP_PONG:
            return
        if frame.opcode != OP_CONTINUATION:
            self._fragments = []
            self._fragmented_compressed = frame.compressed
        self._fragments.append(frame.payload)
        if not frame.fin:
            return
        payload = b"".join(self._fragments)
        self._fragments = []
        if self._fragmented_compressed:
            if self._inflater is None:
                raise ValueError("a compressed message without permessage-deflate")
            payload = self._inflater.decompress(payload + DEFLATE_TAIL)
        self._on_message(payload, now)

    def _on_message(self, message: bytes, now: float) -> None:
        self.messages += 1
        self.message_bytes += len(message)
        if HEARTBEAT in message:
            self.heartbeats += 1
            return
        if self.watch is not None:
            self.watch(message, now)
        seq = push_seq(message)
        if seq is None:
            return
        if not self.snapshot.done():
            self.snapshot_seq = seq
            self.snapshot.set_result(now)
        if seq > self.max_seq:
            self.max_seq = seq
            self.arrivals.append((seq, now))

    def _send(self, data: bytes) -> None:
        if self.transport is not None and not self.transport.is_closing():
            self.transport.write(data)

    def _fail(self, error: BaseException) -> None:
        self._fail_waiters(error)
        if self.transport is not None:
            self.transport.abort()

    def _fail_waiters(self, error: BaseException) -> None:
        for future in (self.handshake, self.snapshot):
            if not future.done():
                future.set_exception(error)
                # Whoever awaits it still gets the error; nobody else need hear of it.
                future.exception()

    def connection_lost(self, exc: Exception | None) -> None:
        self._fail_waiters(exc or ConnectionError(f"closed ({self.close_code})"))
        if not self.closed.done():
            self.closed.set_result(None)

    def first_arrival(self, seq: int) -> float | None:
        """When a message rendered from `seq` or later first reached this screen."""
        arrivals = self.arrivals
        low, high = 0, len(arrivals)
        while low < high:
            middle = (low + high) // 2
            if arrivals[middle][0] < seq:
                low = middle + 1
            else:
                high = middle
        return arrivals[low][1] if low < len(arrivals) else None

    def close(self) -> None:
        self._send(close_frame())
