"""Split a pasted resolution into preambular clauses, operative clauses and sub-clauses.

The text comes as Word or a shared document gives it as plain text, in English or Chinese:
numbered or not by hand, wrapped or not, with or without a heading. `split_resolution` keeps
every clause's words and drops what only marks its place: the number or letter, the trailing
comma, semicolon or full stop, and the spacing. What it cannot place is listed in `unplaced`.

How lines are read:

- Heading: the lines before the preamble. The committee's opening line ("The General Assembly,",
  "维和行动特别委员会，") and recognised metadata (Sponsors:, Signatories:, Topic:, 起草国：,
  "Draft resolution 1.1", document symbols, the committee's name, a title above the opening
  line) are skipped; any other line above the opening line is unplaced.
- Operative clauses are numbered: `1.` `1)` `(1)` `１.` `（1）` `1、` `一、`. Sub-clauses are
  lettered `(a)` `a)` `a.` `（a）`, `（一）`, or use a numbering that restarts at 1 in another
  style than the operative clauses' (`（1）` under `1.`); sub-sub-clauses `(i)` `i)` `（i）`.
  A level keeps the style it started with, so roman numerals directly under an operative
  clause are its sub-clauses. A letter that is also a roman numeral (`(i)`, `(v)`, `(x)`…) is
  read as whichever continues a list: the marker after it decides when both could (`(ii)`
  makes it roman), otherwise `(i)` after `(h)` is the letter and `(i)` after `(a)` the numeral.
- Depth stops at 3: a marker that would open a fourth level is unplaced, with the lines that
  continue it, so that the delegate sees it and fixes it.
- Preamble: the lines between the heading and the first operative clause. A clause ends at a
  blank line or at a line ending with `,` `;` `.` (full-width too), unless the next line
  plainly continues the sentence (lower case, a digit); with neither, a line opening with a
  capitalised participle or adjective ("Recalling", "Deeply concerned", 回顾…) starts a clause.
  A sub-clause marker there is unplaced.
- Operative clauses without numbers cannot be told from the preamble's: they are read as
  preambular clauses.
- A line without a marker continues the clause before it. After the last operative clause has
  ended with a full stop, the remaining lines are unplaced (metadata lines are skipped).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

MAX_CHARACTERS = 50_000

# A share of control characters above this is not a text someone wrote.
BINARY_SHARE = 0.3


class SplitError(ValueError):
    """The text cannot be split; `code` says why: "empty", "binary" or "too_long"."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


@dataclass(frozen=True)
class SplitClause:
    text: str
    children: tuple[SplitClause, ...] = ()

    def as_json(self) -> dict[str, Any]:
        return {"text": self.text, "children": [child.as_json() for child in self.children]}


@dataclass(frozen=True)
class SplitResult:
    preambular: tuple[SplitClause, ...]
    operative: tuple[SplitClause, ...]
    unplaced: tuple[str, ...]

    def as_json(self) -> dict[str, Any]:
        return {
            "preambular": [{"text": clause.text} for clause in self.preambular],
            "operative": [clause.as_json() for clause in self.operative],
            "unplaced": list(self.unplaced),
        }


# --- characters -------------------------------------------------------------------------------

INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"))
# Full-width ASCII (ｑ, （, ．, １) to ASCII, only to read markers.
FULL_WIDTH = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}
SPACES = re.compile(r"\s+")
CONTROL = re.compile(r"[\x00-\x08\x0e-\x1b\x7f-\x84\x86-\x9f\ufffd]")
CJK = re.compile(r"[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f]")
TRAILING_PUNCTUATION = re.compile(r"[\s,;.:，；。：]+$")
ENDS_CLAUSE = ",;，；"
ENDS_SENTENCE = ".。"
ABBREVIATIONS = frozenset(
    {"e.g.", "i.e.", "etc.", "no.", "nos.", "para.", "paras.", "art.", "arts.", "vol.", "p.",
     "pp.", "mr.", "ms.", "dr.", "st.", "u.n.", "u.s.", "cf.", "op.", "al."}
)  # fmt: skip


def _normalise(line: str) -> str:
    """One line with Word's invisible characters gone and every run of spacing one space."""
    return SPACES.sub(" ", CONTROL.sub("", line.translate(INVISIBLE))).strip()


def _join(text: str, more: str) -> str:
    """Glue a wrapped line to what came before: no space between Chinese characters, none
    inside a word hyphenated at the wrap."""
    if not text:
        return more
    if not more:
        return text
    if CJK.match(text[-1]) and CJK.match(more[0]):
        return text + more
    if text[-1] == "-" and len(text) > 1 and text[-2].isalpha() and more[0].islower():
        return text + more
    return f"{text} {more}"


def _clause_text(text: str) -> str:
    return TRAILING_PUNCTUATION.sub("", text)


def _check(text: str) -> None:
    if len(text) > MAX_CHARACTERS:
        raise SplitError("too_long")
    if not text.strip():
        raise SplitError("empty")
    if "\x00" in text:
        raise SplitError("binary")
    visible = len(text) - sum(1 for character in text if character.isspace())
    if len(CONTROL.findall(text)) > BINARY_SHARE * max(visible, 1):
        raise SplitError("binary")


# --- markers ----------------------------------------------------------------------------------

CHINESE_DIGITS = "零〇一二三四五六七八九"
CHINESE_NUMERAL = "[一二三四五六七八九十〇零两]{1,4}"
# Read on the line's start with full-width forms made ASCII (same length, so offsets match).
MARKER = re.compile(
    r"(?:"
    r"(?P<dot>\d{1,3})\s?[.、](?!\d)"
    r"|(?P<close>\d{1,3})\)"
    r"|\((?P<paren>\d{1,3})\)"
    rf"|(?P<hanzi>{CHINESE_NUMERAL})\s?、"
    rf"|\((?P<hanzi_paren>{CHINESE_NUMERAL})\)"
    r"|\((?P<letter_paren>[a-z]{1,6})\)"
    r"|(?P<letter>[a-z]{1,6})[.)、](?=\s|$)"
    r")\s*"
)
ROMAN = re.compile(r"(?=[ivxlc])(?P<tens>c?x{0,3}|xl|l?x{0,3}|xc)(?P<units>ix|iv|v?i{0,3})")
ROMAN_VALUES = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100}


@dataclass(frozen=True)
class Marker:
    """What a line's marker can mean: a number (operative clause, or a sub-list restarting in
    another style), or sub-clause readings (style, position in its list)."""

    number: int | None = None
    number_style: str = ""
    readings: tuple[tuple[str, int], ...] = ()


def _roman(token: str) -> int | None:
    if not token or not ROMAN.fullmatch(token):
        return None
    total = 0
    for index, character in enumerate(token):
        value = ROMAN_VALUES[character]
        following = ROMAN_VALUES[token[index + 1]] if index + 1 < len(token) else 0
        total += -value if value < following else value
    return total


def _chinese_number(token: str) -> int | None:
    token = token.replace("两", "二")
    if "十" not in token:
        return CHINESE_DIGITS.index(token) if len(token) == 1 else None
    tens, _, units = token.partition("十")
    if len(tens) > 1 or len(units) > 1 or "十" in units:
        return None
    value = (CHINESE_DIGITS.index(tens) if tens else 1) * 10
    return value + (CHINESE_DIGITS.index(units) if units else 0)


def _read_marker(line: str) -> tuple[Marker, str] | None:
    """The line's marker and the text after it, or None when it has no marker."""
    match = MARKER.match(line[:16].translate(FULL_WIDTH))
    if match is None:
        return None
    rest = line[match.end() :]
    groups = match.groupdict()
    for style in ("dot", "close", "paren"):
        if groups[style] is not None:
            return Marker(number=int(groups[style]), number_style=style), rest
    if groups["hanzi"] is not None:
        number = _chinese_number(groups["hanzi"])
        return (Marker(number=number, number_style="hanzi"), rest) if number else None
    if groups["hanzi_paren"] is not None:
        number = _chinese_number(groups["hanzi_paren"])
        return (Marker(readings=(("hanzi_paren", number),)), rest) if number else None
    token = groups["letter_paren"] or groups["letter"]
    readings = []
    if len(token) == 1:
        readings.append(("letter", ord(token) - ord("a") + 1))
    roman = _roman(token)
    if roman is not None:
        readings.append(("roman", roman))
    return (Marker(readings=tuple(readings)), rest) if readings else None


# --- heading and preamble ---------------------------------------------------------------------

METADATA_LABELS = (
    r"sponsors?|co-?sponsors?|sponsor\(s\)|signator(?:y|ies)|signatory\s+states|topic|"
    r"topics|committee|forum|organ|body|question\s+of|agenda\s+item|agenda|issue|subject|"
    r"submitted\s+by|main\s+submitter|co-?submitters?|submitters?|authors?|drafted\s+by|"
    r"draft\s+resolution|resolution|document|code|symbol|date|session|distr|original|"
    r"working\s+paper|delegations?|起草国|附议国|议题|主题|委员会|会场|会议|提交国|主提交国|"
    r"副提交国|联合提交国|联署国|签署国|提案国|决议草案|决议草案编号|文件编号|编号|日期|议程项目"
)
METADATA = re.compile(rf"^(?:{METADATA_LABELS})\.?\s*[:：]", re.IGNORECASE)
DOCUMENT_CODE = re.compile(
    r"^(?:(?:draft\s+)?resolution|draft|dr|working\s+paper|wp|amendment)\s*"
    r"(?:no\.?\s*)?[a-z]?[\d.\-/]*\d[\d.\-/]*$"
    r"|^(?:draft\s+resolution|working\s+paper|决议草案|工作文件)"
    r"|^[A-Z]{1,3}(?:/[A-Z0-9.\-]+)+(?:\s*\(\d{4}\))?$"
    r"|^(?:第\s*)?[\d.]+\s*号?\s*(?:决议草案|工作文件|决议|修正案)$"
    r"|^(?:决议草案|工作文件|修正案)\s*(?:第\s*)?[\d.]+\s*号?$",
    re.IGNORECASE,
)
BODIES = (
    "Assembly|Council|Committee|Commission|Conference|Forum|Board|Group|Summit|Organization|"
    "Organisation|Session|Panel|Parliament|Congress|Bureau"
)
BODY_NAME = re.compile(
    rf"^(?:The\s+)?(?:(?:[A-Z][\w'’.\-]*|of|on|for|and|the|to|in|de|des)\s+)*"
    rf"(?:{BODIES})(?:\s+(?:(?:[A-Z][\w'’.\-]*|of|on|for|and|the|to|in)))*\s*[,:，：]?$"
)
CHINESE_BODY_NAME = re.compile(
    r"^[^\s，,。；;：:]{0,30}(?:大会|委员会|理事会|会议|组织|论坛|峰会|小组)\s*[,:，：]?$"
)
TITLE_WORD = re.compile(r"[A-Z0-9\"“‘'(]|of$|on$|for$|and$|the$|to$|in$|a$|an$|at$|by$|with$")

ADJECTIVE_OPENERS = frozenset(
    {"aware", "mindful", "conscious", "cognizant", "cognisant", "convinced", "determined",
     "desirous", "alarmed", "concerned", "confident", "grateful", "appreciative", "anxious",
     "keen", "eager", "guided", "bearing", "taking", "having", "keeping", "acting", "pursuant",
     "recognizing", "recognising", "noting", "recalling", "welcoming", "affirming",
     "reaffirming", "emphasizing", "emphasising", "stressing", "expressing", "acknowledging",
     "underlining", "underscoring", "highlighting", "commending", "considering", "believing",
     "observing", "regretting", "deploring", "appreciating", "reiterating", "endorsing",
     "seeking", "encouraging", "fully", "deeply", "gravely", "seriously", "strongly"}
)  # fmt: skip
ADVERB_OPENERS = frozenset({"further", "also", "again", "moreover", "additionally", "once"})
NOT_PARTICIPLES = frozenset(
    {"united", "peacekeeping", "peacebuilding", "beijing", "nanjing", "chongqing", "kunming",
     "armed", "integrated", "sterling", "reading", "king", "wing", "spring", "thing", "nothing",
     "something", "anything", "everything", "bring", "during", "ring", "sing"}
)  # fmt: skip
CONTINUING_WORDS = frozenset(
    {"the", "a", "an", "of", "and", "or", "to", "in", "for", "by", "with", "on", "at", "its",
     "their", "that", "as", "from", "into", "under", "between", "including", "such", "which",
     "whose", "upon", "towards", "toward", "both", "all", "is", "are", "be", "been", "not"}
)  # fmt: skip
CHINESE_OPENER = re.compile(
    r"^(?:又|还|并|并且|进一步|再次|同时|此外|另外|亦|也)?(?:深为|深感|深表|严重|极为|十分|非常|深切|特别)?"
    r"(?:回顾|重申|忆及|回忆|注意到|认识到|意识到|强调|欢迎|铭记|确认|申明|考虑到|赞赏|深信|决心|"
    r"承认|关切|关注|感到|认为|遗憾|痛惜|震惊|满意地|赞扬|坚信|认可|鉴于|承诺|重视|惊悉|欣见|欣悉|"
    r"决意|深知|知悉|审议了|审查了|致力于|确信|担忧|念及|顾及|秉承)"
)
WORD = re.compile(r"[A-Za-z][A-Za-z'’\-]*")


def _is_participle(word: str) -> bool:
    lowered = word.lower()
    if lowered in ADJECTIVE_OPENERS:
        return True
    return lowered.endswith(("ing", "ed")) and len(lowered) > 4 and lowered not in NOT_PARTICIPLES


def _looks_like_preamble_start(line: str, *, capitalised: bool = True) -> bool:
    """Whether the line opens like a preambular clause: "Recalling", "Deeply concerned",
    "Further noting", "Aware", 回顾… (`capitalised=False` accepts a careless lower case)."""
    if CHINESE_OPENER.match(line):
        return True
    if not WORD.match(line):
        return False
    words = WORD.findall(line[:80])
    first, following = words[0], (words[1] if len(words) > 1 else "")
    if capitalised and not first[0].isupper():
        return False
    if not first[1:].islower() and len(first) > 1:
        return False  # an acronym or a name in capitals
    lowered = first.lower()
    if lowered in ADVERB_OPENERS or lowered.endswith("ly"):
        # "Deeply concerned", "Further recalling", "Once again reaffirming"
        return any(_is_participle(word) for word in words[1:3])
    if not _is_participle(first):
        return False
    return lowered in ADJECTIVE_OPENERS or not following or not following[0].isupper()


def _is_metadata(line: str) -> bool:
    return bool(METADATA.match(line) or DOCUMENT_CODE.match(line))


def _continues_metadata(metadata: str, text: str) -> bool:
    """Whether a line goes on with the list of the metadata line before it (sponsors…)."""
    if _looks_like_preamble_start(text):
        return False
    return metadata[-1] in ",，、" or _is_title(text)


def _is_body_name(line: str) -> bool:
    if len(line) > 120 or _looks_like_preamble_start(line):
        return False
    if line.isupper():  # "THE GENERAL ASSEMBLY,"
        line = line.title()
    return bool(BODY_NAME.match(line) or CHINESE_BODY_NAME.match(line))


def _is_title(line: str) -> bool:
    """A short line without a sentence's punctuation, words capitalised: a topic or a title."""
    if line[-1] in ENDS_CLAUSE + ENDS_SENTENCE or len(line) > 160:
        return False
    if CJK.search(line):
        return len(line) <= 60 and not re.search(r"[，；。,;]", line)
    words = line.split()
    return len(words) <= 20 and all(TITLE_WORD.match(word) for word in words)


def _ends_with_continuing_word(text: str) -> bool:
    last = text.rsplit(" ", 1)[-1].lower()
    return last in CONTINUING_WORDS


def _ends_sentence(text: str) -> bool:
    if not text or text[-1] not in ENDS_SENTENCE:
        return False
    return text.rsplit(" ", 1)[-1].lower() not in ABBREVIATIONS


# --- the tree ---------------------------------------------------------------------------------


@dataclass
class _Draft:
    text: str
    children: list[_Draft] = field(default_factory=list)

    def freeze(self) -> SplitClause:
        return SplitClause(
            _clause_text(self.text), tuple(child.freeze() for child in self.children)
        )


@dataclass
class _Level:
    style: str
    position: int
    clause: _Draft


@dataclass
class _Line:
    text: str  # normalised
    original: str  # stripped, for `unplaced`
    marker: Marker | None = None
    rest: str = ""


class _Splitter:
    def __init__(self, lines: list[_Line]) -> None:
        self.lines = lines
        self.preambular: list[_Draft] = []
        self.operative: list[_Draft] = []
        self.unplaced: list[str] = []

    def run(self) -> SplitResult:
        first_operative = next(
            (i for i, line in enumerate(self.lines) if line.marker and line.marker.number),
            len(self.lines),
        )
        preamble_start = self._skip_heading(first_operative)
        self._read_preamble(preamble_start, first_operative)
        self._read_operative(first_operative)
        preambular = tuple(c.freeze() for c in self.preambular if _clause_text(c.text))
        return SplitResult(
            preambular, tuple(c.freeze() for c in self.operative), tuple(self.unplaced)
        )

    # The heading ends where the preamble starts: after the opening line when there is one,
    # else at the first line that is not metadata.
    def _skip_heading(self, end: int) -> int:
        opening = None
        for index in range(end):
            text = self.lines[index].text
            if text and _looks_like_preamble_start(text):
                break
            if text and not self.lines[index].marker and _is_body_name(text):
                opening = index
        metadata = ""  # the metadata line a wrapped list may continue
        for index in range(end):
            line = self.lines[index]
            text = line.text
            if not text or index == opening:
                metadata = ""
            elif METADATA.match(text):
                metadata = text
            elif DOCUMENT_CODE.match(text):
                metadata = ""
            elif metadata and not line.marker and _continues_metadata(metadata, text):
                metadata = text
            elif opening is not None and index < opening:
                if not (_is_body_name(text) or _is_title(text)):
                    self.unplaced.append(line.original)
            else:
                return index
        return end

    def _read_preamble(self, start: int, end: int) -> None:
        block = self.lines[start:end]
        filled = [i for i, line in enumerate(block) if line.text]
        blank_mode = bool(filled) and any(
            not line.text for line in block[filled[0] : filled[-1] + 1]
        )
        clause: _Draft | None = None  # None: nothing yet, or the last line was unplaced
        stray = False
        previous = ""
        after_blank = True
        for line in block:
            if not line.text:
                after_blank = True
                continue
            if line.marker is not None:
                self.unplaced.append(line.original)
                stray, clause, previous, after_blank = True, None, line.text, False
                continue
            if after_blank or self._starts_preambular(previous, line.text, blank_mode):
                stray = False
                clause = _Draft(line.text)
                self.preambular.append(clause)
            elif stray or clause is None:
                self.unplaced.append(line.original)
            else:
                clause.text = _join(clause.text, line.text)
            previous, after_blank = line.text, False

    @staticmethod
    def _starts_preambular(previous: str, text: str, blank_mode: bool) -> bool:
        ended = previous[-1] in ENDS_CLAUSE or _ends_sentence(previous)
        opener = _looks_like_preamble_start(text)
        if ended:
            if CJK.match(text[0]):
                return opener or not blank_mode
            if text[0].islower():
                return _looks_like_preamble_start(text, capitalised=False)
            return not text[0].isdigit()
        return opener and not _ends_with_continuing_word(previous)

    def _read_operative(self, start: int) -> None:
        lines = self.lines
        markers = [i for i in range(start, len(lines)) if lines[i].marker]
        last_marker = markers[-1] if markers else len(lines)
        following = dict(zip(markers, markers[1:], strict=False))
        clause: _Draft | None = None  # None: the last marker line was unplaced
        levels: list[_Level] = []
        operative_style = ""
        ended = False
        for index in range(start, len(lines)):
            line = lines[index]
            if not line.text:
                continue
            if index > last_marker and (ended or METADATA.match(line.text)):
                ended = True
                if not _is_metadata(line.text):
                    self.unplaced.append(line.original)
                continue
            marker = line.marker
            if marker is None:
                if clause is None:
                    self.unplaced.append(line.original)
                else:
                    clause.text = _join(clause.text, line.text)
                    ended = _ends_sentence(clause.text)
                continue
            ended = _ends_sentence(line.rest)
            if marker.number is not None and self._is_operative(marker, operative_style, levels):
                operative_style = operative_style or marker.number_style
                clause = _Draft(line.rest)
                self.operative.append(clause)
                levels = []
                continue
            readings = marker.readings or ((f"number_{marker.number_style}", marker.number),)
            next_marker = lines[following[index]].marker if index in following else None
            clause = self._place_sub_clause(readings, levels, next_marker, line.rest)
            if clause is None:
                self.unplaced.append(line.original)

    def _is_operative(self, marker: Marker, operative_style: str, levels: list[_Level]) -> bool:
        """A number is the next operative clause unless, in another style than theirs, it
        restarts a list at 1 or continues such a list."""
        if not self.operative or marker.number_style == operative_style:
            return True
        style = f"number_{marker.number_style}"
        if any(level.style == style and level.position + 1 == marker.number for level in levels):
            return False
        return marker.number != 1

    def _place_sub_clause(
        self,
        readings: tuple[tuple[str, int], ...],
        levels: list[_Level],
        next_marker: Marker | None,
        text: str,
    ) -> _Draft | None:
        """Add a sub-clause where its marker continues or opens a list; None if it cannot go
        anywhere (no operative clause yet, or a fourth level)."""
        if not self.operative:
            return None
        options = []  # (rank, depth index, style, position): lower rank wins
        for style, number in readings:
            depth = next((d for d, level in enumerate(levels) if level.style == style), None)
            if depth is not None:
                rank = 0 if number == levels[depth].position + 1 else 2
                options.append((rank, -depth, style, number, depth))
            elif len(levels) < 2:
                options.append((1 if number == 1 else 3, 0, style, number, len(levels)))
        if not options:
            return None
        if len(options) > 1 and next_marker is not None:
            followed = [
                option
                for option in options
                if (option[2], option[3] + 1) in next_marker.readings
                or (option[2] == f"number_{next_marker.number_style}"
                    and next_marker.number == option[3] + 1)
            ]  # fmt: skip
            if len(followed) == 1:
                options = followed
        _, _, style, number, depth = min(options)
        del levels[depth:]
        parent = levels[depth - 1].clause if depth else self.operative[-1]
        clause = _Draft(text)
        parent.children.append(clause)
        levels.append(_Level(style, number, clause))
        return clause


def split_resolution(text: str) -> SplitResult:
    """Split a pasted resolution; raises SplitError for text that cannot be one."""
    _check(text)
    lines = []
    for raw in text.splitlines():
        normalised = _normalise(raw)
        line = _Line(normalised, raw.strip())
        read = _read_marker(normalised) if normalised else None
        if read is not None:
            line.marker, line.rest = read
        lines.append(line)
    return _Splitter(lines).run()
