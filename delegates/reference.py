"""Reading a reference document (e.g. the background guide) on a phone: sections, blocks, search.

A reference document is plain text, usually pasted from a PDF or a word processor. This module
turns it into sections with stable anchors for a table of contents, splits each section into
blocks (paragraphs, lists, tables, footnotes), and searches it. Nothing here touches the
database; the only HTML it builds is the highlighted text, always through `escape`/`format_html`.

How sections are found:
1. If the text has a "Contents" block (headings followed by page numbers), its entries are
   looked for, in order, as whole lines of the body; each one found starts a section.
2. Otherwise, Markdown headings ("# Title") or short stand-alone lines followed by a
   paragraph are taken as headings.
3. A document with neither is one untitled section.
"""

import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import cached_property, lru_cache

from django.utils.html import escape, format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.text import slugify

PARAGRAPH = "paragraph"
SUBHEADING = "subheading"  # a short stand-alone line that introduces what follows
LIST = "list"
TABLE = "table"
FOOTNOTE = "footnote"

Span = tuple[int, int]

CONTENTS_TITLES = {"contents", "table of contents", "目录", "目次"}
# "Title<TAB>12", "Title ..... 12", "Title.....<TAB>12"
CONTENTS_ENTRY = re.compile(
    r"^(?P<title>\S.*?)(?:\s*[.·…]{2,}\s*|\s*\t\s*|\s{2,}|\s)(?P<page>\d{1,4})$"
)
LETTERED = re.compile(r"^(?:[a-z]|\d{1,2}|[ivx]{1,4})[.)]", re.IGNORECASE)
MARKDOWN_HEADING = re.compile(r"^(?P<hashes>#{1,6})\s+(?P<title>.+?)\s*#*$")
LIST_ITEM = re.compile(r"^[-•*·]\s+")
SUPERSCRIPT_DIGITS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
FOOTNOTE_SUPERSCRIPT = re.compile(rf"^[{SUPERSCRIPT_DIGITS}]+\s*\S")
FOOTNOTE_NUMBER = re.compile(r"^\d{1,3}\s+\S")
# A line that starts with a plain number is a footnote only if it reads like a citation.
CITATION_MARK = re.compile(r"[\"“”《》]|\bIbid\b|https?://|Accessed|\d{4}年", re.IGNORECASE)
SENTENCE_END = tuple(".,;!?。，；！？、")
BOLD = re.compile(r"\*\*")
ITALIC = re.compile(r"(?<![\w*])\*(?=\S)([^*\n]+?)(?<=\S)\*(?![\w*])")

SUBHEADING_MAX_CHARS = 90
EXCERPT_CHARS = 280
EXCERPT_LEAD = 90
# Search limits: a search costs about what reading the page costs, whatever a phone types.
# A one-letter word matches nearly every paragraph and would mark tens of thousands of spots.
MAX_QUERY_CHARS = 100
MAX_TERMS = 4
MIN_TERM_CHARS = 2
MAX_HITS = 20
MAX_BODY_MARKS = 200  # marks in the document's text (the hits' excerpts have their own)


@dataclass(frozen=True)
class Block:
    anchor: str  # the element id, e.g. "p12"
    kind: str
    text: str = ""  # paragraph, subheading, footnote
    items: tuple[str, ...] = ()  # list
    rows: tuple[tuple[str, ...], ...] = ()  # table

    @property
    def plain_text(self) -> str:
        """The block as one line of text, for search results."""
        if self.kind == LIST:
            return " · ".join(self.items)
        if self.kind == TABLE:
            return " / ".join(" · ".join(row) for row in self.rows)
        return self.text


@dataclass(frozen=True)
class Section:
    anchor: str  # the element id, e.g. "sec-country-positions"
    title: str  # "" for the text before the first heading
    level: int  # 1 for a chapter, 2 for a lettered or numbered sub-heading
    blocks: tuple[Block, ...]


@dataclass(frozen=True)
class SearchEntry:
    """One searchable piece: a section's heading or one of its blocks, folded once."""

    section: Section
    anchor: str
    text: str
    folded: str


@dataclass(frozen=True)
class Document:
    sections: tuple[Section, ...]
    has_contents: bool  # the sections come from the document's own contents list

    @property
    def toc(self) -> tuple[Section, ...]:
        return tuple(section for section in self.sections if section.title)

    # Computed once per document: parse_document keeps the document in its cache, so every
    # later reading and search reuses them.
    @cached_property
    def search_entries(self) -> tuple[SearchEntry, ...]:
        entries = []
        for section in self.sections:
            if section.title:
                entries.append(
                    SearchEntry(section, section.anchor, section.title, section.title.casefold())
                )
            entries.extend(
                SearchEntry(section, block.anchor, block.plain_text, block.plain_text.casefold())
                for block in section.blocks
            )
        return tuple(entries)

    @cached_property
    def plain_sections(self) -> tuple["RenderedSection", ...]:
        no_marks = _Marks(())
        return tuple(
            _render_section(section, no_marks, lambda anchor: False) for section in self.sections
        )


@dataclass(frozen=True)
class SearchHit:
    section_anchor: str
    section_title: str
    anchor: str  # where the link goes: the block, or the section for a heading match
    text: str  # an excerpt of the block
    spans: tuple[Span, ...]  # where the terms are in `text`
    clipped_start: bool = False
    clipped_end: bool = False

    @property
    def html(self) -> SafeString:
        return highlight(self.text, self.spans)


@dataclass(frozen=True)
class SearchResult:
    terms: tuple[str, ...]
    hits: tuple[SearchHit, ...]
    total: int  # may be more than len(hits) when the list was cut
    truncated: bool = False
    ignored: tuple[str, ...] = ()  # words too short, or beyond the first MAX_TERMS

    @property
    def hit_anchors(self) -> frozenset[str]:
        return frozenset(hit.anchor for hit in self.hits)


# Parsing ------------------------------------------------------------------------------------


def _clean(line: str) -> str:
    """Trim, and drop the Markdown emphasis markers that PDF-to-text tools leave behind."""
    line = BOLD.sub("", line.strip())
    return ITALIC.sub(r"\1", line)


def _heading_key(title: str) -> str:
    """How headings are compared: width, case, spaces and dots do not matter."""
    normal = unicodedata.normalize("NFKC", title).casefold()
    return re.sub(r"[\s.:：·…]+", "", normal)


def _display_title(title: str) -> str:
    title = title.strip().rstrip(".·… ").strip()
    return re.sub(r"^([a-z])\.(?=\S)", r"\1. ", title)  # "e.Guiding" -> "e. Guiding"


def _heading_level(title: str) -> int:
    return 2 if LETTERED.match(title) else 1


def _is_blank(line: str) -> bool:
    return not line.strip()


def _find_contents(lines: Sequence[str]) -> tuple[list[str], int, int] | None:
    """The titles listed in a contents block, and the block's first and after-last lines."""
    contents_keys = {_heading_key(title) for title in CONTENTS_TITLES}
    for start, line in enumerate(lines):
        if _heading_key(line) not in contents_keys:
            continue
        titles: list[str] = []
        end = start + 1
        for index in range(start + 1, len(lines)):
            candidate = lines[index].strip()
            if not candidate:
                continue
            match = CONTENTS_ENTRY.match(candidate)
            if match is None:
                break
            titles.append(_display_title(match.group("title")))
            end = index + 1
        if len(titles) >= 2:
            return titles, start, end
    return None


def _sections_from_contents(
    lines: Sequence[str], titles: Sequence[str], body_start: int
) -> list[tuple[int, str, int]] | None:
    """(line index, title, level) of each contents entry found, in order, in the body."""
    keys = [_heading_key(line) for line in lines]
    found: list[tuple[int, str, int]] = []
    position = body_start
    for title in titles:
        key = _heading_key(title)
        for index in range(position, len(lines)):
            if keys[index] == key:
                found.append((index, title, _heading_level(title)))
                position = index + 1
                break
    # A contents list that mostly does not match the body is not this body's contents.
    if len(found) * 2 < len(titles):
        return None
    return found


def _looks_like_heading(line: str) -> bool:
    text = line.strip()
    return (
        0 < len(text) <= SUBHEADING_MAX_CHARS
        and not text.endswith(SENTENCE_END)
        and "\t" not in text
        and not LIST_ITEM.match(text)
        and not _is_footnote(text)
    )


def _sections_by_layout(lines: Sequence[str]) -> list[tuple[int, str, int]]:
    """Headings without a contents list: Markdown headings, else stand-alone short lines."""
    markdown = [
        (index, match.group("title"), min(len(match.group("hashes")), 2))
        for index, line in enumerate(lines)
        if (match := MARKDOWN_HEADING.match(line.strip()))
    ]
    if markdown:
        return markdown
    found = []
    for index, line in enumerate(lines):
        alone = (index == 0 or _is_blank(lines[index - 1])) and (
            index + 1 == len(lines) or _is_blank(lines[index + 1])
        )
        if not alone or not _looks_like_heading(line):
            continue
        following = next((lines[i] for i in range(index + 1, len(lines)) if lines[i].strip()), "")
        # A heading introduces a real paragraph, not another short line.
        if len(following.strip()) > 2 * SUBHEADING_MAX_CHARS:
            found.append((index, _display_title(line), _heading_level(line.strip())))
    return found


def _is_footnote(line: str) -> bool:
    if FOOTNOTE_SUPERSCRIPT.match(line):
        return True
    return bool(FOOTNOTE_NUMBER.match(line) and CITATION_MARK.search(line))


@dataclass
class _Draft:
    """A block while it is being built (anchors are given once the whole text is read)."""

    kind: str
    text: str = ""
    items: list[str] = field(default_factory=list)
    rows: list[tuple[str, ...]] = field(default_factory=list)

    def finish(self, anchor: str) -> Block:
        return Block(
            anchor=anchor,
            kind=self.kind,
            text=self.text,
            items=tuple(self.items),
            rows=tuple(self.rows),
        )


def _blocks(lines: Sequence[str]) -> list[_Draft]:
    """Split a section's lines into blocks; blank lines separate groups of lines."""
    drafts: list[_Draft] = []
    group: list[str] = []
    for line in [*lines, ""]:
        if _is_blank(line):
            if group:
                drafts.extend(_group_blocks(group))
                group = []
        else:
            group.append(line.strip())
    _mark_subheadings(drafts)
    return drafts


def _group_blocks(group: Sequence[str]) -> list[_Draft]:
    """Blocks from consecutive non-blank lines: table rows, list items, footnotes, prose."""
    drafts: list[_Draft] = []
    prose: list[str] = []

    def end_prose() -> None:
        if prose:
            # Consecutive prose lines are one paragraph that was wrapped by hand.
            drafts.append(_Draft(PARAGRAPH, text=" ".join(prose)))
            prose.clear()

    for raw in group:
        last = drafts[-1] if drafts else None
        if "\t" in raw:
            end_prose()
            cells = tuple(_clean(cell) for cell in raw.split("\t"))
            if last is not None and last.kind == TABLE:
                last.rows.append(cells)
            else:
                drafts.append(_Draft(TABLE, rows=[cells]))
            continue
        line = _clean(raw)
        if LIST_ITEM.match(line):
            end_prose()
            item = LIST_ITEM.sub("", line)
            if last is not None and last.kind == LIST:
                last.items.append(item)
            else:
                drafts.append(_Draft(LIST, items=[item]))
        elif _is_footnote(line):
            end_prose()
            drafts.append(_Draft(FOOTNOTE, text=line))
        elif last is not None and last.kind == LIST and not prose:
            # A line that lost its bullet, right after a list, continues the last item.
            last.items[-1] = f"{last.items[-1]} {line}"
        else:
            prose.append(line)
    end_prose()
    return drafts


def _mark_subheadings(drafts: list[_Draft]) -> None:
    """A short line without a full stop that introduces a paragraph, list or table."""
    for draft, following in zip(drafts, drafts[1:], strict=False):
        if (
            draft.kind == PARAGRAPH
            and _looks_like_heading(draft.text)
            and (following.kind in {LIST, TABLE} or len(following.text) > 120)
        ):
            draft.kind = SUBHEADING


def _anchor_for(title: str, number: int, taken: set[str]) -> str:
    base = slugify(unicodedata.normalize("NFKC", title)) or f"section-{number}"
    anchor = f"sec-{base}"
    suffix = 2
    while anchor in taken:
        anchor = f"sec-{base}-{suffix}"
        suffix += 1
    taken.add(anchor)
    return anchor


@lru_cache(maxsize=16)
def parse_document(text: str) -> Document:
    """Sections and blocks of a reference document's text (cached: documents rarely change)."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    headings: list[tuple[int, str, int]] | None = None
    skip: tuple[int, int] | None = None  # the contents block itself is not shown as text
    contents = _find_contents(lines)
    if contents is not None:
        titles, contents_start, body_start = contents
        headings = _sections_from_contents(lines, titles, body_start)
        if headings is not None:
            skip = (contents_start, body_start)
    has_contents = headings is not None
    if headings is None:
        headings = _sections_by_layout(lines)

    def body(start: int, end: int) -> list[str]:
        if skip is None:
            return list(lines[start:end])
        return [
            line for i, line in enumerate(lines[start:end], start) if not skip[0] <= i < skip[1]
        ]

    spans: list[tuple[str, int, int, int]] = []  # (title, level, first body line, end)
    first = headings[0][0] if headings else len(lines)
    spans.append(("", 0, 0, first))
    for position, (index, title, level) in enumerate(headings):
        end = headings[position + 1][0] if position + 1 < len(headings) else len(lines)
        spans.append((title, level, index + 1, end))

    taken: set[str] = set()
    sections: list[Section] = []
    block_number = 0
    for number, (title, level, start, end) in enumerate(spans):
        blocks = []
        for draft in _blocks(body(start, end)):
            block_number += 1
            blocks.append(draft.finish(f"p{block_number}"))
        if not title and not blocks:
            continue
        anchor = _anchor_for(title, number, taken) if title else "sec-start"
        sections.append(Section(anchor=anchor, title=title, level=level, blocks=tuple(blocks)))
    return Document(sections=tuple(sections), has_contents=has_contents)


# Search -------------------------------------------------------------------------------------


def split_query(query: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The words to look for, and the words left out (too short, or too many).

    "Quoted phrases" stay whole; width and case do not matter.
    """
    query = unicodedata.normalize("NFKC", query)[:MAX_QUERY_CHARS]
    terms: list[str] = []
    ignored: list[str] = []
    for phrase, word in re.findall(r'"([^"]+)"|(\S+)', query):
        term = " ".join((phrase or word).split())
        if not term or term.casefold() in {t.casefold() for t in (*terms, *ignored)}:
            continue
        if len(term) < MIN_TERM_CHARS or len(terms) >= MAX_TERMS:
            ignored.append(term)
        else:
            terms.append(term)
    return tuple(terms), tuple(ignored)


def query_terms(query: str) -> tuple[str, ...]:
    return split_query(query)[0]


def find_spans(text: str, terms: Iterable[str]) -> tuple[Span, ...]:
    """Where any of the terms occurs in text, case-insensitively; overlaps merged."""
    found = sorted(
        (match.start(), match.end())
        for term in terms
        for match in re.finditer(re.escape(term), text, re.IGNORECASE)
    )
    merged: list[Span] = []
    for start, end in found:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return tuple(merged)


def highlight(text: str, spans: Sequence[Span]) -> SafeString:
    """The text as HTML with each span in <mark>; everything is escaped."""
    parts: list[SafeString] = []
    position = 0
    for start, end in spans:
        parts.append(escape(text[position:start]))
        parts.append(format_html("<mark>{}</mark>", text[start:end]))
        position = end
    parts.append(escape(text[position:]))
    return format_html_join("", "{}", ((part,) for part in parts))


def excerpt(text: str, spans: Sequence[Span]) -> tuple[str, tuple[Span, ...], bool, bool]:
    """A window of the text around its first match, with the spans moved into the window."""
    if len(text) <= EXCERPT_CHARS or not spans:
        return text, tuple(spans), False, False
    window_end = min(len(text), max(0, spans[0][0] - EXCERPT_LEAD) + EXCERPT_CHARS)
    window_start = max(0, window_end - EXCERPT_CHARS)
    # Start and end at a space when one is near, so words are not cut in half.
    space = text.find(" ", window_start, window_start + 15)
    if window_start > 0 and space != -1 and space < spans[0][0]:
        window_start = space + 1
    space = text.rfind(" ", window_end - 15, window_end)
    if window_end < len(text) and space > max(window_start, spans[0][1]):
        window_end = space
    moved = tuple(
        (max(start, window_start) - window_start, min(end, window_end) - window_start)
        for start, end in spans
        if start < window_end and end > window_start
    )
    return text[window_start:window_end], moved, window_start > 0, window_end < len(text)


def search(document: Document, query: str, limit: int = MAX_HITS) -> SearchResult:
    """Blocks (and headings) that contain every term of the query, in document order."""
    terms, ignored = split_query(query)
    if not terms:
        return SearchResult(terms=(), hits=(), total=0, ignored=ignored)
    folded_terms = [term.casefold() for term in terms]
    hits: list[SearchHit] = []
    total = 0
    for entry in document.search_entries:
        if not all(term in entry.folded for term in folded_terms):
            continue
        total += 1
        if len(hits) >= limit:
            continue
        text = entry.text
        shown, spans, clipped_start, clipped_end = excerpt(text, find_spans(text, terms))
        hits.append(
            SearchHit(
                section_anchor=entry.section.anchor,
                section_title=entry.section.title,
                anchor=entry.anchor,
                text=shown,
                spans=spans,
                clipped_start=clipped_start,
                clipped_end=clipped_end,
            )
        )
    return SearchResult(
        terms=terms,
        hits=tuple(hits),
        total=total,
        truncated=total > len(hits),
        ignored=ignored,
    )


# Rendering ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class RenderedBlock:
    """A block as escaped HTML, with the search terms marked, ready for the template."""

    anchor: str
    kind: str
    html: SafeString
    items: tuple[SafeString, ...] = ()
    rows: tuple[tuple[SafeString, ...], ...] = ()


@dataclass(frozen=True)
class RenderedSection:
    anchor: str
    title: str
    level: int
    title_html: SafeString
    blocks: tuple[RenderedBlock, ...]


class _Marks:
    """Highlights the terms until MAX_BODY_MARKS marks are placed, then leaves text plain."""

    def __init__(self, terms: Sequence[str]) -> None:
        self.terms = terms
        self.left = MAX_BODY_MARKS if terms else 0

    def html(self, text: str) -> SafeString:
        if self.left <= 0:
            return highlight(text, ())
        spans = find_spans(text, self.terms)[: self.left]
        self.left -= len(spans)
        return highlight(text, spans)


def render_sections(
    document: Document, terms: Sequence[str] = (), anchors: Iterable[str] | None = None
) -> tuple[RenderedSection, ...]:
    """Every section with its text escaped and the terms in <mark>: in every heading and block,
    or only in those whose anchor is listed (the search's hits), up to MAX_BODY_MARKS marks.

    Sections without marks reuse the document's own rendering, made once.
    """
    plain = document.plain_sections
    if not terms:
        return plain
    marks = _Marks(terms)
    listed = None if anchors is None else frozenset(anchors)

    def wanted(anchor: str) -> bool:
        return marks.left > 0 and (listed is None or anchor in listed)

    return tuple(
        _render_section(section, marks, wanted)
        if any(wanted(anchor) for anchor in _anchors_of(section))
        else plain[index]
        for index, section in enumerate(document.sections)
    )


def _anchors_of(section: Section) -> Iterable[str]:
    yield section.anchor
    yield from (block.anchor for block in section.blocks)


def _render_section(
    section: Section, marks: _Marks, wanted: Callable[[str], bool]
) -> RenderedSection:
    no_marks = _Marks(())
    return RenderedSection(
        anchor=section.anchor,
        title=section.title,
        level=section.level,
        title_html=(marks if wanted(section.anchor) else no_marks).html(section.title),
        blocks=tuple(
            _render_block(block, marks if wanted(block.anchor) else no_marks)
            for block in section.blocks
        ),
    )


def _render_block(block: Block, marks: _Marks) -> RenderedBlock:
    return RenderedBlock(
        anchor=block.anchor,
        kind=block.kind,
        html=marks.html(block.text),
        items=tuple(marks.html(item) for item in block.items),
        rows=tuple(tuple(marks.html(cell) for cell in row) for row in block.rows),
    )
