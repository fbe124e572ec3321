"""Split a resolution written elsewhere, as the paste-in form does, and print its clauses.

    manage.py split_resolution draft.txt
    manage.py split_resolution - < draft.txt

Reads UTF-8 (with or without a byte order mark) or UTF-16 with its byte order mark, as Word
saves "Unicode text". Prints {"preambular", "operative", "unplaced"} as JSON; exits 1 with a
message when the file cannot be read or holds no resolution text.
"""

import codecs
import json
import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from committee.resolutions.splitter import MAX_CHARACTERS, SplitError, split_resolution

REFUSALS = {
    "empty": "there is no text in it",
    "binary": "it is not text (binary data)",
    "too_long": f"it is longer than {MAX_CHARACTERS:,} characters",
}
# Longest first: UTF-32's little-endian mark starts with UTF-16's.
BYTE_ORDER_MARKS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def decode(data: bytes) -> str:
    encoding = next((name for mark, name in BYTE_ORDER_MARKS if data.startswith(mark)), "utf-8")
    return data.decode(encoding)


class Command(BaseCommand):
    help = "Split a resolution's text into preambular, operative and sub-clauses (JSON)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", help="a text file, or - to read standard input")

    def handle(self, *args: Any, **options: Any) -> None:
        path = options["path"]
        name = "standard input" if path == "-" else path
        try:
            data = sys.stdin.buffer.read() if path == "-" else Path(path).read_bytes()
            text = decode(data)
        except OSError as error:
            raise CommandError(f"Cannot read {name}: {error.strerror or error}.") from error
        except UnicodeDecodeError as error:
            raise CommandError(
                f"Cannot read {name}: it is neither UTF-8 nor UTF-16 with a byte order mark."
            ) from error
        try:
            result = split_resolution(text)
        except SplitError as error:
            raise CommandError(f"Cannot split {name}: {REFUSALS[error.code]}.") from error
        self.stdout.write(json.dumps(result.as_json(), ensure_ascii=False, indent=2))
