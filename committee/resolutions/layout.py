"""A resolution's text laid out in the UN format (procedure.md §5.3).

The stored body holds clauses without numbers and without their closing punctuation; both are
computed here, so an amendment that adds or strikes a clause renumbers and re-punctuates the
whole text at once.

Punctuation. The whole resolution is one sentence:

- a clause that has sub-clauses ends its own text with a colon;
- every other clause ends with its part's separator: a comma in the preamble, a semicolon in
  the operative part;
- the last clause of the resolution with no sub-clauses of its own (the last operative clause,
  or its last sub-clause; the last preambular clause when there is no operative part yet) ends
  with the full stop.

So the last sub-clause of a clause ends the way the clause itself would. Chinese text uses the
full-width marks ，；：。 and the markers （a） and （i）; English uses (a) and (i). Operative
clauses are marked "1.", "2." …; top-level preambular clauses carry no marker.

A stored text that already ends with clause punctuation (of either width) loses it before the
computed mark is added, so nothing is doubled. A full stop that closes an abbreviation ("etc.",
"U.N.") is part of the text: it stays, and a full stop due after it is left out.

Opening phrases. A top-level preambular clause opens with a participle or adjective phrase
("Deeply concerned"), shown in italics; a top-level operative clause opens with its action
verb(s) ("Further requests"), shown underlined. Known phrases are matched longest first,
case-insensitively, at the start of the text, after optional adverbs ("Further", "Strongly")
and before an optional "also"/"further". English has a fallback for unknown phrases: a first
word in -ing or -ed in the preamble, in -s in the operative part; Chinese has none. Sub-clauses
have no emphasised opening.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, NamedTuple

from committee.procedure.clauses import (
    Clause,
    ClauseKind,
    Resolution,
    letter,
    numbering,
    roman,
    validate,
)

ENGLISH = "en"
CHINESE = "zh-hans"
LANGUAGES = (ENGLISH, CHINESE)


@dataclass(frozen=True, slots=True)
class Marks:
    comma: str
    semicolon: str
    colon: str
    full_stop: str


ENGLISH_MARKS = Marks(comma=",", semicolon=";", colon=":", full_stop=".")
CHINESE_MARKS = Marks(comma="，", semicolon="；", colon="：", full_stop="。")

# Marks that may close a clause as typed; they are dropped and computed again.
_CLAUSE_MARKS = ",;:.，；：。、"
_ABBREVIATIONS = frozenset({"etc.", "al.", "no.", "nos.", "inc.", "ltd.", "co.", "seq.", "vol."})


@dataclass(frozen=True, slots=True)
class LaidClause:
    """One clause as displayed: ``label`` + ``opening`` + ``rest`` + ``ending``.

    ``reference`` is the engine's number for the clause ("2(a)", "PP1"), the one amendments
    and votes name it by.
    """

    id: str
    label: str
    reference: str
    opening: str
    rest: str
    ending: str
    depth: int
    children: tuple[LaidClause, ...] = ()

    @property
    def text(self) -> str:
        return f"{self.opening}{self.rest}{self.ending}"


class Part(NamedTuple):
    kind: ClauseKind
    clauses: tuple[LaidClause, ...]


@dataclass(frozen=True, slots=True)
class Layout:
    language: str
    marks: Marks
    preambular: tuple[LaidClause, ...]
    operative: tuple[LaidClause, ...]

    @property
    def parts(self) -> tuple[Part, Part]:
        return (
            Part(ClauseKind.PREAMBULAR, self.preambular),
            Part(ClauseKind.OPERATIVE, self.operative),
        )


# ---- the stored body and the engine's clause tree ---------------------------------------------


def _clause_from(data: Mapping[str, Any]) -> Clause:
    return Clause(
        id=str(data["id"]),
        text=str(data.get("text") or ""),
        children=tuple(_clause_from(child) for child in data.get("children") or ()),
    )


def _clause_to(clause: Clause) -> dict[str, Any]:
    return {
        "id": clause.id,
        "text": clause.text,
        "children": [_clause_to(child) for child in clause.children],
    }


def body_to_resolution(body: Mapping[str, Any]) -> Resolution:
    """The stored JSON as the engine's tree; ids must be unique and depth at most three."""
    return validate(
        Resolution(
            preamble=tuple(_clause_from(c) for c in body.get("preambular") or ()),
            operative=tuple(_clause_from(c) for c in body.get("operative") or ()),
        )
    )


def resolution_to_body(resolution: Resolution) -> dict[str, Any]:
    return {
        "preambular": [_clause_to(c) for c in resolution.preamble],
        "operative": [_clause_to(c) for c in resolution.operative],
    }


# ---- language ----------------------------------------------------------------------------------

_CJK_CHARACTER = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


def _texts(clauses: Iterable[Mapping[str, Any]]) -> Iterable[str]:
    for clause in clauses:
        yield str(clause.get("text") or "")
        yield from _texts(clause.get("children") or ())


def guess_language(body: Mapping[str, Any]) -> str:
    """ "zh-hans" when most letters of the text are Chinese characters, else "en"."""
    text = "".join(_texts([*(body.get("preambular") or ()), *(body.get("operative") or ())]))
    chinese = len(_CJK_CHARACTER.findall(text))
    other_letters = sum(1 for char in text if char.isalpha()) - chinese
    return CHINESE if chinese > other_letters else ENGLISH


def marks_for(language: str) -> Marks:
    if language not in LANGUAGES:
        raise ValueError(f"no resolution layout for language {language!r}")
    return CHINESE_MARKS if language == CHINESE else ENGLISH_MARKS


# ---- closing punctuation -----------------------------------------------------------------------


def _ends_with_abbreviation(text: str) -> bool:
    if not text.endswith("."):
        return False
    word = text.rsplit(maxsplit=1)[-1]
    return "." in word[:-1] or word.lower() in _ABBREVIATIONS


def split_closing_mark(text: str) -> tuple[str, bool]:
    """The text without the clause punctuation typed at its end, and whether it ends with an
    abbreviation's full stop (which is kept)."""
    text = text.strip()
    while text and text[-1] in _CLAUSE_MARKS:
        if _ends_with_abbreviation(text):
            return text, True
        text = text[:-1].rstrip()
    return text, False


def clause_text(text: str) -> str:
    """The text as it compares: no surrounding space, no closing clause punctuation."""
    return split_closing_mark(text)[0]


# ---- opening phrases ---------------------------------------------------------------------------

_ENGLISH_PREAMBULAR = (
    "Acknowledging",
    "Affirming",
    "Alarmed",
    "Appreciating",
    "Approving",
    "Aware",
    "Bearing in mind",
    "Being aware",
    "Believing",
    "Cognizant",
    "Concerned",
    "Confident",
    "Conscious",
    "Considering",
    "Convinced",
    "Declaring",
    "Deploring",
    "Desiring",
    "Determined",
    "Disturbed",
    "Emphasizing",
    "Emphasising",
    "Encouraged",
    "Expecting",
    "Expressing its appreciation",
    "Expressing its concern",
    "Expressing its deep concern",
    "Expressing its gratitude",
    "Expressing its satisfaction",
    "Fulfilling",
    "Guided by",
    "Having adopted",
    "Having considered",
    "Having devoted attention",
    "Having examined",
    "Having heard",
    "Having received",
    "Having reviewed",
    "Having studied",
    "Highlighting",
    "Keeping in mind",
    "Mindful",
    "Noting",
    "Noting with appreciation",
    "Noting with concern",
    "Noting with deep concern",
    "Noting with regret",
    "Noting with satisfaction",
    "Observing",
    "Reaffirming",
    "Realizing",
    "Realising",
    "Recalling",
    "Recognizing",
    "Recognising",
    "Referring",
    "Regretting",
    "Reiterating",
    "Seeking",
    "Stressing",
    "Taking into account",
    "Taking into consideration",
    "Taking note",
    "Underlining",
    "Viewing with appreciation",
    "Welcoming",
)
_ENGLISH_OPERATIVE = (
    "Accepts",
    "Acknowledges",
    "Adopts",
    "Affirms",
    "Appeals",
    "Approves",
    "Authorizes",
    "Authorises",
    "Calls for",
    "Calls on",
    "Calls upon",
    "Commends",
    "Condemns",
    "Confirms",
    "Congratulates",
    "Considers",
    "Decides",
    "Declares",
    "Declares accordingly",
    "Demands",
    "Deplores",
    "Designates",
    "Directs",
    "Draws the attention",
    "Emphasizes",
    "Emphasises",
    "Encourages",
    "Endorses",
    "Expresses its appreciation",
    "Expresses its concern",
    "Expresses its deep concern",
    "Expresses its gratitude",
    "Expresses its hope",
    "Expresses its satisfaction",
    "Has resolved",
    "Highlights",
    "Instructs",
    "Invites",
    "Notes",
    "Proclaims",
    "Reaffirms",
    "Recalls",
    "Recognizes",
    "Recognises",
    "Recommends",
    "Regrets",
    "Reiterates",
    "Reminds",
    "Requests",
    "Resolves",
    "Stresses",
    "Supports",
    "Takes note",
    "Transmits",
    "Trusts",
    "Underlines",
    "Urges",
    "Welcomes",
)
# Adverbs that belong to the phrase they qualify: "Deeply concerned", "Further requests".
_ENGLISH_LEADING_ADVERBS = (
    "Also",
    "Again",
    "Deeply",
    "Earnestly",
    "Emphatically",
    "Firmly",
    "Fully",
    "Further",
    "Gravely",
    "Once again",
    "Seriously",
    "Solemnly",
    "Strongly",
    "Urgently",
)
_ENGLISH_TRAILING_ADVERBS = ("also", "further", "once again", "again")
_NOT_PARTICIPLES = frozenset(
    {"anything", "during", "everything", "hundred", "nothing", "something", "united"}
)

_CHINESE_PREAMBULAR = (
    "回顾",
    "忆及",
    "重申",
    "申明",
    "确认",
    "深表关切",
    "深为关切",
    "深感关切",
    "严重关切",
    "关切",
    "深感震惊",
    "震惊",
    "注意到",
    "满意地注意到",
    "赞赏地注意到",
    "关切地注意到",
    "遗憾地注意到",
    "认识到",
    "意识到",
    "铭记",
    "考虑到",
    "深信",
    "相信",
    "强调",
    "欢迎",
    "赞赏",
    "承认",
    "审议了",
    "决心",
    "希望",
    "遵循",
    "欣见",
)
_CHINESE_OPERATIVE = (
    "请",
    "请求",
    "敦促",
    "促请",
    "吁请",
    "呼吁",
    "决定",
    "鼓励",
    "谴责",
    "欢迎",
    "赞赏",
    "表示赞赏",
    "表示关切",
    "重申",
    "强调",
    "建议",
    "邀请",
    "授权",
    "核准",
    "批准",
    "注意到",
    "认可",
    "支持",
    "要求",
    "宣布",
    "赞扬",
    "感谢",
    "确认",
    "申明",
    "提醒",
    "责成",
)
_CHINESE_LEADING_ADVERBS = ("又", "还", "并", "也", "再", "再次", "进一步", "强烈", "坚决", "深切")


def _longest_first(phrases: Iterable[str]) -> tuple[str, ...]:
    return tuple(sorted({p.lower() for p in phrases}, key=lambda p: (-len(p), p)))


_ENGLISH_PHRASES = {
    ClauseKind.PREAMBULAR: _longest_first(_ENGLISH_PREAMBULAR),
    ClauseKind.OPERATIVE: _longest_first(_ENGLISH_OPERATIVE),
}
_CHINESE_PHRASES = {
    ClauseKind.PREAMBULAR: _longest_first(_CHINESE_PREAMBULAR),
    ClauseKind.OPERATIVE: _longest_first(_CHINESE_OPERATIVE),
}
_ENGLISH_ADVERB = re.compile(
    r"(?:{})\s+".format("|".join(_longest_first(_ENGLISH_LEADING_ADVERBS))), re.IGNORECASE
)
_ENGLISH_TRAILING_ADVERB = re.compile(
    r"\s+(?:{})\b".format("|".join(_longest_first(_ENGLISH_TRAILING_ADVERBS))), re.IGNORECASE
)
_FIRST_WORD = re.compile(r"[A-Za-z]+\b")


def _english_phrase_end(text: str, start: int, kind: ClauseKind) -> int | None:
    folded = text.lower()
    for phrase in _ENGLISH_PHRASES[kind]:
        end = start + len(phrase)
        if folded.startswith(phrase, start) and not text[end : end + 1].isalpha():
            return end
    word = _FIRST_WORD.match(text, start)
    if word is None:
        return None
    lowered = word.group().lower()
    if kind is ClauseKind.PREAMBULAR:
        participle = lowered.endswith(("ing", "ed")) and len(lowered) > 4
        return word.end() if participle and lowered not in _NOT_PARTICIPLES else None
    verb = len(lowered) > 3 and lowered.endswith("s") and not lowered.endswith(("ss", "us", "is"))
    return word.end() if verb else None


def _english_opening(text: str, kind: ClauseKind) -> int:
    start = 0
    while adverb := _ENGLISH_ADVERB.match(text, start):
        start = adverb.end()
    end = _english_phrase_end(text, start, kind)
    if end is None:
        return 0
    trailing = _ENGLISH_TRAILING_ADVERB.match(text, end)
    return trailing.end() if trailing else end


def _chinese_opening(text: str, kind: ClauseKind) -> int:
    start = 0
    for adverb in _longest_first(_CHINESE_LEADING_ADVERBS):
        if text.startswith(adverb) and len(text) > len(adverb):
            start = len(adverb)
            break
    for phrase in _CHINESE_PHRASES[kind]:
        if text.startswith(phrase, start):
            return start + len(phrase)
    return 0


def opening_length(text: str, kind: ClauseKind, language: str) -> int:
    """How many characters at the start of a top-level clause's text are its opening phrase."""
    if language == CHINESE:
        return _chinese_opening(text, kind)
    return _english_opening(text, kind)


# ---- laying out --------------------------------------------------------------------------------


def _label(kind: ClauseKind, index: int, depth: int, language: str) -> str:
    if depth == 1:
        return f"{index}." if kind is ClauseKind.OPERATIVE else ""
    marker = letter(index) if depth == 2 else roman(index)
    return f"（{marker}）" if language == CHINESE else f"({marker})"


def _last_leaf(clauses: tuple[Clause, ...]) -> Clause | None:
    if not clauses:
        return None
    last = clauses[-1]
    return _last_leaf(last.children) or last


@dataclass(frozen=True, slots=True)
class _Context:
    kind: ClauseKind
    language: str
    marks: Marks
    references: Mapping[str, str]
    last_leaf: str | None


def _lay(clause: Clause, index: int, depth: int, context: _Context) -> LaidClause:
    text, abbreviation = split_closing_mark(clause.text)
    marks = context.marks
    if clause.children:
        ending = marks.colon
    elif clause.id == context.last_leaf:
        ending = "" if abbreviation and marks.full_stop == "." else marks.full_stop
    else:
        ending = marks.comma if context.kind is ClauseKind.PREAMBULAR else marks.semicolon
    split = opening_length(text, context.kind, context.language) if depth == 1 else 0
    return LaidClause(
        id=clause.id,
        label=_label(context.kind, index, depth, context.language),
        reference=context.references[clause.id],
        opening=text[:split],
        rest=text[split:],
        ending=ending,
        depth=depth,
        children=tuple(
            _lay(child, position, depth + 1, context)
            for position, child in enumerate(clause.children, start=1)
        ),
    )


def lay_out(body: Mapping[str, Any], *, language: str) -> Layout:
    """The body's clauses with markers, opening phrases and punctuation, in ``language`` (the
    language of the document's text: "en" or "zh-hans")."""
    marks = marks_for(language)
    resolution = body_to_resolution(body)
    last = _last_leaf(resolution.operative) or _last_leaf(resolution.preamble)
    references = numbering(resolution)

    def part(kind: ClauseKind, clauses: tuple[Clause, ...]) -> tuple[LaidClause, ...]:
        context = _Context(kind, language, marks, references, last.id if last else None)
        return tuple(_lay(c, index, 1, context) for index, c in enumerate(clauses, start=1))

    return Layout(
        language=language,
        marks=marks,
        preambular=part(ClauseKind.PREAMBULAR, resolution.preamble),
        operative=part(ClauseKind.OPERATIVE, resolution.operative),
    )
