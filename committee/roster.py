"""Reading a roster CSV: the whole file is checked before anything is imported.

Columns (a header row is required; column order is free, names are case-insensitive):
  name       the delegation's name as the committee uses it (required, unique in the file)
  iso_code   ISO 3166-1 alpha-2 code for the flag, e.g. CN (optional)
  kind       member or observer (optional, default member)
  name_zh    the Chinese name (optional)
  sort_key   roll-call order key (optional, default: the name)
"""

import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass

from django.utils.translation import gettext as _
from django_countries import countries

from committee.wording import join_clauses, join_names

COLUMNS = ("name", "iso_code", "kind", "name_zh", "sort_key")
REQUIRED_COLUMNS = ("name",)
KINDS = {"member": "member", "observer": "observer", "成员国": "member", "观察员": "observer"}
MAX_ROWS = 1000
MAX_FIELD_LENGTH = 120  # the longest name or sort key the delegation's record keeps


@dataclass(frozen=True)
class RosterRow:
    line: int
    name: str
    iso_code: str
    kind: str
    name_zh: str
    sort_key: str


@dataclass(frozen=True)
class RosterError:
    line: int
    message: str


@dataclass(frozen=True)
class ParsedRoster:
    rows: list[RosterRow]
    errors: list[RosterError]

    @property
    def is_valid(self) -> bool:
        return not self.errors and bool(self.rows)


def decode_upload(raw: bytes) -> str:
    """Spreadsheet programs save CSV as UTF-8 with or without a BOM, or as GB18030 in China."""
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ValueError(_("The file is not text in UTF-8 or GB18030."))


def parse_roster(text: str) -> ParsedRoster:
    reader = csv.reader(io.StringIO(text.strip("\ufeff")))
    try:
        header = next(reader)
    except StopIteration:
        return ParsedRoster([], [RosterError(1, _("The file is empty."))])
    except csv.Error:
        return ParsedRoster([], [RosterError(1, _("This line cannot be read as CSV."))])
    columns = [cell.strip().lower() for cell in header]
    unknown = [c for c in columns if c and c not in COLUMNS]
    missing = [c for c in REQUIRED_COLUMNS if c not in columns]
    if unknown or missing:
        problems = []
        if missing:
            problems.append(_("missing column(s): %s") % join_names(missing))
        if unknown:
            problems.append(_("unknown column(s): %s") % join_names(unknown))
        allowed = join_names(COLUMNS)
        message = _("Header row: %(problems)s. Allowed columns: %(allowed)s.") % {
            "problems": join_clauses(problems),
            "allowed": allowed,
        }
        return ParsedRoster([], [RosterError(1, message)])

    rows: list[RosterRow] = []
    errors: list[RosterError] = []
    seen_names: dict[str, int] = {}
    for line_number, cells in _numbered_lines(reader, errors):
        if not any(cell.strip() for cell in cells):
            continue  # blank lines are allowed
        if len(rows) + len(errors) >= MAX_ROWS:
            errors.append(RosterError(line_number, _("More than %d lines.") % MAX_ROWS))
            break
        if len(cells) > len(columns):
            errors.append(
                RosterError(
                    line_number,
                    _("%(found)d cells, but the header has %(expected)d columns.")
                    % {"found": len(cells), "expected": len(columns)},
                )
            )
            continue
        values = {column: "" for column in COLUMNS}
        for column, cell in zip(columns, cells, strict=False):
            values[column] = cell.strip()
        row_errors = _check_row(values, seen_names)
        if row_errors:
            errors.extend(RosterError(line_number, message) for message in row_errors)
            continue
        seen_names[values["name"].casefold()] = line_number
        rows.append(
            RosterRow(
                line=line_number,
                name=values["name"],
                iso_code=values["iso_code"].upper(),
                kind=KINDS[values["kind"].lower() or "member"],
                name_zh=values["name_zh"],
                sort_key=values["sort_key"] or values["name"],
            )
        )
    if not rows and not errors:
        errors.append(RosterError(1, _("The file has a header but no delegations.")))
    return ParsedRoster(rows, errors)


def _numbered_lines(
    reader: Iterator[list[str]], errors: list[RosterError]
) -> Iterator[tuple[int, list[str]]]:
    """The data lines with their numbers; a line the csv module cannot read (a cell over its
    size limit) ends the file with an error on that line."""
    line_number = 2
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error:
            errors.append(RosterError(line_number, _("This line cannot be read as CSV.")))
            return
        yield line_number, cells
        line_number += 1


def _check_row(values: dict[str, str], seen_names: dict[str, int]) -> list[str]:
    if any("\x00" in value for value in values.values()):
        # A NUL is never meant; the database would refuse it anyway.
        return [_("This line contains a NUL character.")]
    problems = []
    name = values["name"]
    if not name:
        problems.append(_("The name is empty."))
    elif len(name) > MAX_FIELD_LENGTH:
        problems.append(_("The name is longer than 120 characters."))
    elif name.casefold() in seen_names:
        problems.append(
            _("“%(name)s” is already on line %(line)d.")
            % {"name": name, "line": seen_names[name.casefold()]}
        )
    iso_code = values["iso_code"].upper()
    if iso_code and iso_code not in dict(countries):
        problems.append(_("“%s” is not an ISO 3166 country code.") % values["iso_code"])
    kind = values["kind"].lower()
    if kind and kind not in KINDS:
        problems.append(
            _("Kind “%s” is not one of: member, observer.") % values["kind"],
        )
    if len(values["name_zh"]) > MAX_FIELD_LENGTH:
        problems.append(_("The Chinese name is longer than 120 characters."))
    if len(values["sort_key"]) > MAX_FIELD_LENGTH:
        problems.append(_("The sort key is longer than 120 characters."))
    return problems
