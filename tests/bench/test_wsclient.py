"""The bench's websocket receiver: frames cut from any stream, as a server sends them."""

import asyncio
import struct
import zlib

import pytest

from bench.httpclient import dechunk, parse_response
from bench.scenarios import tally_shown
from bench.wsclient import (
    OP_CLOSE,
    OP_CONTINUATION,
    OP_PING,
    OP_PONG,
    OP_TEXT,
    FrameReader,
    Screen,
    masked_frame,
    push_seq,
)


def server_frame(payload: bytes, opcode: int = OP_TEXT, *, fin: bool = True, rsv1: bool = False):
    """A frame as a server writes it: unmasked, with the shortest length encoding."""
    first = (0x80 if fin else 0) | (0x40 if rsv1 else 0) | opcode
    length = len(payload)
    if length < 126:
        header = bytes([first, length])
    elif length < 2**16:
        header = bytes([first, 126]) + struct.pack("!H", length)
    else:
        header = bytes([first, 127]) + struct.pack("!Q", length)
    return header + payload


def unmask(frame: bytes) -> tuple[int, bytes]:
    """The opcode and payload of a short masked (client) frame."""
    assert frame[1] & 0x80, "a client frame must be masked"
    length = frame[1] & 0x7F
    mask, body = frame[2:6], frame[6 : 6 + length]
    return frame[0] & 0x0F, bytes(byte ^ mask[i % 4] for i, byte in enumerate(body))


@pytest.mark.parametrize("size", [0, 1, 125, 126, 65535, 65536, 200_000])
def test_every_length_encoding_reads_back_the_same_payload(size):
    payload = bytes(range(256)) * (size // 256) + bytes(size % 256)
    frames = list(FrameReader().feed(server_frame(payload)))
    assert [(f.opcode, f.fin, f.payload) for f in frames] == [(OP_TEXT, True, payload)]


def test_frames_split_at_every_byte_come_out_whole_and_in_order():
    stream = server_frame(b"a" * 300) + server_frame(b"bc") + server_frame(b"d" * 70_000)
    for cut in range(1, len(stream), 997):
        reader = FrameReader()
        frames = [*reader.feed(stream[:cut]), *reader.feed(stream[cut:])]
        assert [len(f.payload) for f in frames] == [300, 2, 70_000]
        assert not reader.buffer


def test_a_stream_fed_one_byte_at_a_time():
    stream = server_frame(b"x" * 130) + server_frame(b"", OP_PING) + server_frame(b"yz")
    reader = FrameReader()
    frames = [frame for byte in stream for frame in reader.feed(bytes([byte]))]
    assert [(f.opcode, f.payload) for f in frames] == [
        (OP_TEXT, b"x" * 130),
        (OP_PING, b""),
        (OP_TEXT, b"yz"),
    ]


def test_a_masked_server_frame_is_refused():
    with pytest.raises(ValueError, match="masked"):
        list(FrameReader().feed(bytes([0x81, 0x80 | 1]) + b"\0\0\0\0x"))


def test_client_frames_are_masked_and_carry_their_payload():
    assert unmask(masked_frame(OP_PONG, b"ping-data")) == (OP_PONG, b"ping-data")


def test_the_sequence_number_of_a_push_and_none_for_a_heartbeat():
    assert push_seq(b'<div id="x"></div><div id="live-meta" data-seq="42"></div>') == 42
    assert push_seq(b'<div data-heartbeat="true" data-seq="43"></div>') is None
    assert push_seq(b'<div id="roster"></div>') is None


class FakeTransport:
    def __init__(self):
        self.written = []
        self.closed = False

    def write(self, data):
        self.written.append(data)

    def is_closing(self):
        return self.closed

    def close(self):
        self.closed = True

    def abort(self):
        self.closed = True


def deflated_messages(*messages: bytes) -> list[bytes]:
    """Messages compressed as permessage-deflate does, one window kept across them."""
    compressor = zlib.compressobj(wbits=-15)
    out = []
    for message in messages:
        data = compressor.compress(message) + compressor.flush(zlib.Z_SYNC_FLUSH)
        assert data.endswith(b"\x00\x00\xff\xff")
        out.append(data[:-4])
    return out


def test_a_screen_reads_compressed_and_fragmented_pushes_and_answers_pings():
    async def scenario():
        seen = []
        screen = Screen(b"GET / HTTP/1.1\r\n\r\n", watch=lambda message, now: seen.append(message))
        transport = FakeTransport()
        screen.connection_made(transport)
        first, second = deflated_messages(
            b'<p>snapshot</p><i data-seq="7"></i>', b'<p>push</p><i data-seq="9"></i>'
        )
        handshake = (
            b"HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n"
            b"Sec-WebSocket-Extensions: permessage-deflate; server_max_window_bits=12\r\n\r\n"
        )
        screen.data_received(handshake + server_frame(first, rsv1=True)[:3])
        screen.data_received(server_frame(first, rsv1=True)[3:])
        screen.data_received(server_frame(b"", OP_PING))
        screen.data_received(
            server_frame(second[:5], fin=False, rsv1=True)
            + server_frame(second[5:], OP_CONTINUATION)
            + server_frame(b'<i data-heartbeat="true" data-seq="9"></i>')
        )
        screen.data_received(server_frame(struct.pack("!H", 1001), OP_CLOSE))
        return screen, transport, seen

    screen, transport, seen = asyncio.run(scenario())
    assert screen.snapshot_seq == 7
    assert [seq for seq, _when in screen.arrivals] == [7, 9]
    assert seen == [b'<p>snapshot</p><i data-seq="7"></i>', b'<p>push</p><i data-seq="9"></i>']
    assert (screen.messages, screen.heartbeats) == (3, 1)
    assert [unmask(frame)[0] for frame in transport.written[1:]] == [OP_PONG, OP_CLOSE]
    assert screen.close_code == 1001
    assert transport.closed


def test_a_refused_handshake_fails_the_screen():
    async def scenario():
        screen = Screen(b"GET / HTTP/1.1\r\n\r\n")
        screen.connection_made(FakeTransport())
        screen.data_received(b"HTTP/1.1 403 Forbidden\r\ncontent-length: 0\r\n\r\n")
        with pytest.raises(ConnectionError, match="403"):
            await screen.handshake
        with pytest.raises(ConnectionError, match="403"):
            await screen.snapshot

    asyncio.run(scenario())


def test_first_arrival_is_the_first_push_of_that_state_or_a_later_one():
    async def scenario():
        return Screen(b"")

    screen = asyncio.run(scenario())
    screen.arrivals = [(5, 1.0), (7, 2.0), (8, 3.0)]
    assert [screen.first_arrival(seq) for seq in (4, 5, 6, 7, 8, 9)] == [
        1.0,
        1.0,
        2.0,
        2.0,
        3.0,
        None,
    ]


def test_an_http_answer_with_cookies_and_a_chunked_body():
    raw = (
        b"HTTP/1.1 302 Found\r\nSet-Cookie: sessionid=abc; HttpOnly; Path=/\r\n"
        b"Set-Cookie: csrftoken=xyz; Path=/\r\nTransfer-Encoding: chunked\r\n\r\n"
        b"5\r\nhello\r\n6;x=y\r\n world\r\n0\r\n\r\n"
    )
    response = parse_response(raw)
    assert (response.status, response.body) == (302, b"hello world")
    assert response.cookies == {"sessionid": "abc", "csrftoken": "xyz"}
    assert dechunk(b"0\r\n\r\n") == b""


def test_the_tally_a_screen_shows_in_either_language():
    english = (
        b'<p class="t" data-testid="motion-tally">Yes <strong>129</strong> '
        b"No <strong>64</strong></p>"
    )
    chinese = (
        '<p data-testid="projector-tally"><span>赞成 <strong>3</strong></span> '
        "<span>反对 <strong>1</strong></span></p>"
    ).encode()
    assert tally_shown(english) == (129, 64)
    assert tally_shown(chinese) == (3, 1)
    assert tally_shown(b"<p>no vote</p>") is None
