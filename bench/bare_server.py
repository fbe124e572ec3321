"""The floor the app's fan-out is compared with: a bare `websockets` broadcast server.

No framework, no database: every screen that connects gets a snapshot, and each
`GET /broadcast` sends every connected screen one fragment, as the app pushes a floor action.
A screen says what it stands for by its path (`/dais`, `/phone`, `/projector`) and gets that
kind's fragment: a real push of the app to such a screen when the bench captured one (same
size, same compressibility), else a stand-in of about 2 KB. Each carries `data-seq` like the
app's, so the same receiver measures both.

    python -m bench.bare_server --port 8765 [--fragments fragments.json] [--no-deflate]

It compresses messages (permessage-deflate) for screens that offer it, as the `websockets`
library does by default, unless told not to, like an app server that declines it.
"""

import argparse
import asyncio
import json
import re
import sys
from http import HTTPStatus
from pathlib import Path

from websockets.asyncio.server import ServerConnection, broadcast, serve
from websockets.http11 import Request, Response

SEQ = re.compile(r'data-seq="\d+"')
STAND_IN_ROWS = 40  # about 2 KB of list items


def stand_in_fragment() -> str:
    rows = "".join(
        f'<li class="speaker" data-id="{n}"><span class="flag flag-{n % 50}"></span>'
        f"Delegation {n:03d}</li>"
        for n in range(STAND_IN_ROWS)
    )
    meta = '<div id="live-meta" hidden data-seq="0" hx-swap-oob="true"></div>'
    return f'<ol id="speakers" hx-swap-oob="true">{rows}</ol>{meta}'


class Floor:
    def __init__(self, fragments: dict[str, str]) -> None:
        self.fragments = {
            kind: fragment if SEQ.search(fragment) else f'{fragment}<div data-seq="0"></div>'
            for kind, fragment in fragments.items()
        }
        self.stand_in = stand_in_fragment()
        self.seq = 0
        self.screens: dict[str, set[ServerConnection]] = {}

    def message(self, kind: str) -> str:
        return SEQ.sub(f'data-seq="{self.seq}"', self.fragments.get(kind, self.stand_in))

    async def screen(self, connection: ServerConnection) -> None:
        assert connection.request is not None
        kind = connection.request.path.strip("/")
        screens = self.screens.setdefault(kind, set())
        screens.add(connection)
        try:
            await connection.send(self.message(kind))
            await connection.wait_closed()
        finally:
            screens.discard(connection)

    def trigger(self, connection: ServerConnection, request: Request) -> Response | None:
        if not request.path.startswith("/broadcast"):
            return None  # a screen: go on with the websocket handshake
        self.seq += 1
        for kind, screens in self.screens.items():
            broadcast(screens, self.message(kind))
        return connection.respond(HTTPStatus.OK, f"{self.seq}\n")


async def serve_forever(port: int, fragments: dict[str, str], *, deflate: bool) -> None:
    floor = Floor(fragments)
    async with serve(
        floor.screen,
        "127.0.0.1",
        port,
        process_request=floor.trigger,
        compression="deflate" if deflate else None,
        backlog=2048,
    ) as server:
        await server.serve_forever()


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.bare_server")
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument(
        "--fragments", type=Path, help="JSON: the HTML fragment to broadcast, by kind of screen"
    )
    parser.add_argument("--no-deflate", action="store_true", help="decline permessage-deflate")
    args = parser.parse_args(argv)
    fragments = json.loads(args.fragments.read_text()) if args.fragments else {}
    served = serve_forever(args.port, fragments, deflate=not args.no_deflate)
    try:
        import uvloop
    except ImportError:
        asyncio.run(served)
    else:
        uvloop.run(served)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
