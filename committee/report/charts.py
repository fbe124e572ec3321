"""The report's pictures, drawn on the server as SVG: no JavaScript, no web font, no CDN.

Three charts: speaking time per delegation, one vote as a bar with its threshold line, and a
delegation × question grid of the recorded votes. Each returns the markup of one `<svg>`
element, safe to embed as it is in an HTML page or in the PDF (WeasyPrint): every text is
escaped here, and only presentation attributes are used (no `style`, which the CSP forbids).

The words are in the active language, looked up when the chart is drawn. The same input
always gives the same bytes. Sizes are in CSS pixels; a printed A4 column is about 640 wide.
Layouts do not depend on the names, so a long list cut into slices (one per page) lines up,
as long as every slice of the speaking-time chart is given the same `longest`.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Hashable, Mapping, Sequence
from html import escape

from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import pgettext

FONT_FAMILY = "'Noto Sans', 'Noto Sans CJK SC', sans-serif"
INK = "#16202c"
MUTED = "#5a6675"
LINE = "#d9dee5"
BAND = "#f4f6f9"
BRAND = "#1d4f91"
# The projector's live bar (bimun.css .vote-bar): the same colours on paper.
COLOURS = {
    "yes": "#1f7a3a",
    "no": "#b3261e",
    "abstain": "#9aa5b1",
    "not_voting": "#ffffff",
}
# White swatches need an edge; the dashed one stands for a cell left empty.
OUTLINES: dict[str, dict[str, object]] = {
    "#ffffff": {"stroke": MUTED},
    "none": {"stroke": MUTED, "stroke-dasharray": "2 2"},
}
BAR_BACKGROUND = "#e9edf2"
THRESHOLD = "#111111"
ELLIPSIS = "…"
WIDTH = 640
PAD = 8

# A ballot's choice as the grid draws it; a vote with rights of explanation is still a vote.
GRID_CHOICES = {
    "yes": "yes",
    "yes_with_rights": "yes",
    "no": "no",
    "no_with_rights": "no",
    "abstain": "abstain",
    "not_voting": "not_voting",
}

# Characters XML 1.0 does not allow, even escaped.
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


# ---- a tiny writer ----


def _num(value: float) -> str:
    """A coordinate with at most two decimals, written the same way every time."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("", "-0") else text


def _text(value: object) -> str:
    """Text made safe for an XML element or a quoted attribute."""
    return escape(_NOT_XML.sub("", str(value)), quote=True)


def _el(tag: str, attrs: Mapping[str, object] | None = None, inner: str = "") -> str:
    """One element; `inner` is markup already made (escape text with `_text`)."""
    parts = [tag]
    for name, value in (attrs or {}).items():
        written = _num(value) if isinstance(value, float) else str(value)
        parts.append(f'{name}="{_text(written)}"')
    opening = " ".join(parts)
    return f"<{opening}>{inner}</{tag}>" if inner else f"<{opening}/>"


def _svg(width: float, height: float, title: str, body: str, font_size: int) -> SafeString:
    attrs = {
        "xmlns": "http://www.w3.org/2000/svg",
        "width": _num(width),
        "height": _num(height),
        "viewBox": f"0 0 {_num(width)} {_num(height)}",
        "role": "img",
        "font-family": FONT_FAMILY,
        "font-size": font_size,
        "fill": INK,
    }
    return mark_safe(_el("svg", attrs, _el("title", None, _text(title)) + body))


def _width(text: str, size: float) -> float:
    """About how wide `text` is drawn at `size`: SVG cannot measure, so wide (CJK)
    characters count one em, combining marks nothing, the rest a little over half an em."""
    total = 0.0
    for char in text:
        if unicodedata.combining(char):
            continue
        total += 1.0 if unicodedata.east_asian_width(char) in ("W", "F") else 0.62
    return total * size


def _fit(text: str, room: float, size: float) -> str:
    """`text` shortened with an ellipsis to fit `room`."""
    text = " ".join(_NOT_XML.sub("", text).split())
    if _width(text, size) <= room:
        return text
    room -= _width(ELLIPSIS, size)
    kept = ""
    for char in text:
        if _width(kept + char, size) > room:
            break
        kept += char
    return kept.rstrip() + ELLIPSIS


def _label(text: str, room: float, size: float, attrs: Mapping[str, object]) -> str:
    """A text fitted to `room`, with its full wording as the tooltip."""
    shown = _fit(text, room, size)
    return _el("g", None, _el("title", None, _text(text)) + _el("text", attrs, _text(shown)))


def _legend(
    items: Sequence[tuple[str | None, str, str]], top: float, size: int, right: float
) -> tuple[str, float]:
    """Swatches with their words (and a count in bold when there is one), wrapping to a new
    line at `right`; `items` are (colour or None for no swatch, word, count). Returns the
    markup and its bottom."""
    markup, x, baseline, step = [], float(PAD), top + size, size + 8
    for colour, word, count in items:
        swatch_room = size + 3 if colour else 0
        wide = swatch_room + _width(f"{word} {count}".strip(), size) + 16
        if x > PAD and x + wide > right:
            x, baseline = float(PAD), baseline + step
        if colour:
            stroke = OUTLINES.get(colour, {})
            swatch = {"x": x, "y": baseline - size + 1.0, "width": size - 1, "height": size - 1}
            markup.append(_el("rect", {**swatch, "fill": colour, **stroke}))
        inner = _text(word)
        if count:
            inner += " " + _el("tspan", {"font-weight": "bold"}, _text(count))
        markup.append(_el("text", {"x": x + swatch_room, "y": baseline}, inner))
        x += wide
    return "".join(markup), baseline + 6


# ---- speaking time ----


def minutes_seconds(seconds: float) -> str:
    """Whole seconds as m:ss (62:05 for an hour and two minutes)."""
    minutes, rest = divmod(int(round(seconds)), 60)
    return f"{minutes}:{rest:02d}"


def speaking_time_chart(
    rows: Sequence[tuple[str, float]], *, longest: float | None = None
) -> SafeString:
    """Horizontal bars of speaking time per delegation, longest first (ties by name), each
    with its time in m:ss at its end. Bars are scaled to the longest time, or to `longest`
    (seconds) when slices of one list are drawn apart. `rows` are (name, seconds)."""
    size, row_height, bar_height, top = 11, 18, 12, 30
    label_room = 170
    bar_x = PAD + label_room + 6
    bar_room = WIDTH - PAD - 44 - bar_x
    if any(seconds < 0 for _, seconds in rows):
        raise ValueError("Speaking time cannot be negative.")
    ordered = sorted(rows, key=lambda row: (-row[1], row[0]))
    scale = max([longest or 0, *(seconds for _, seconds in ordered)])
    axis = pgettext("report chart", "Speaking time")
    height = top + row_height * len(ordered) + PAD
    body = [
        _el("text", {"x": bar_x, "y": 18, "font-weight": "bold"}, _text(axis)),
        _el(
            "line",
            {"x1": bar_x, "y1": top - 2, "x2": bar_x, "y2": height - PAD + 2, "stroke": LINE},
        ),
    ]
    for index, (name, seconds) in enumerate(ordered):
        y = float(top + index * row_height)
        baseline = y + row_height / 2 + size * 0.35
        width = bar_room * seconds / scale if scale else 0.0
        end = {"x": PAD + label_room, "y": baseline, "text-anchor": "end"}
        body.append(_label(name, label_room, size, end))
        bar = {"x": bar_x, "y": y + (row_height - bar_height) / 2, "width": width}
        body.append(_el("rect", {**bar, "height": bar_height, "fill": BRAND}))
        time = {"x": bar_x + width + 4, "y": baseline, "fill": MUTED}
        body.append(_el("text", time, _text(minutes_seconds(seconds))))
    return _svg(WIDTH, height, axis, "".join(body), size)


# ---- one vote ----


def vote_bar(
    yes: int,
    no: int,
    abstain: int = 0,
    not_voting: int = 0,
    *,
    required_yes: int,
    base_size: int,
    labels: bool = True,
) -> SafeString:
    """One vote as a stacked bar (Yes, No, Abstain, did not vote) with a line where the
    threshold falls, like the projector's live bar. The bar's full length is the base, or
    every vote counted if there are more (a present-and-voting base leaves abstentions out):
    bars and line share one scale, so Yes reaches the line exactly when it is enough.
    With `labels`, a legend below gives the counts and the Yes needed of the base."""
    size, bar_top, bar_height = 12, 10, 24
    counts = {"yes": yes, "no": no, "abstain": abstain, "not_voting": not_voting}
    scale = max(base_size, sum(counts.values()), 1)
    room = WIDTH - 2 * PAD
    words = {
        "yes": pgettext("report chart", "Yes"),
        "no": pgettext("report chart", "No"),
        "abstain": pgettext("report chart", "Abstain"),
        "not_voting": pgettext("report chart", "did not vote"),
    }
    needed = pgettext("report chart", "%(required)s Yes needed of %(base)s") % {
        "required": required_yes,
        "base": base_size,
    }
    whole = {"x": PAD, "y": bar_top, "width": room, "height": bar_height}
    body = [_el("rect", {**whole, "rx": 4, "fill": BAR_BACKGROUND})]
    x = float(PAD)
    for key, count in counts.items():
        if count <= 0:
            continue
        width = room * count / scale
        part = {"x": x, "y": bar_top, "width": width, "height": bar_height}
        stroke = {"stroke": MUTED} if key == "not_voting" else {}
        body.append(_el("rect", {**part, "fill": COLOURS[key], **stroke}))
        x += width
    line_x = PAD + room * min(required_yes, scale) / scale
    line = {"x1": line_x, "y1": bar_top - 6, "x2": line_x, "y2": bar_top + bar_height + 6}
    body.append(_el("line", {**line, "stroke": THRESHOLD, "stroke-width": 3}))
    height = float(bar_top + bar_height + 6 + PAD)
    if labels:
        items = [(COLOURS[key], words[key], str(count)) for key, count in counts.items()]
        legend, bottom = _legend([*items, (None, needed, "")], height, size, WIDTH)
        body.append(legend)
        height = bottom + PAD
    title = pgettext(
        "report chart",
        "Yes %(yes)s, No %(no)s, Abstain %(abstain)s, did not vote %(not_voting)s; "
        "%(required)s Yes needed of %(base)s",
    ) % {**counts, "required": required_yes, "base": base_size}
    return _svg(WIDTH, height, title, "".join(body), size)


# ---- the roll-call grid ----


def vote_grid(
    delegations: Sequence[tuple[Hashable, str]],
    questions: Sequence[tuple[Hashable, str]],
    choices: Mapping[tuple[Hashable, Hashable], str | None],
) -> SafeString:
    """Who voted what on each recorded vote: a row per delegation, a column per question,
    in the order given. `delegations` and `questions` are (key, label); `choices` maps
    (delegation key, question key) to "yes", "no", "abstain" (or a vote with rights) or
    "not_voting" (in the electorate, did not vote); a pair missing (or None) was not in the
    electorate. Small cells and row labels keep 193 delegations readable."""
    size, cell, pitch, label_room = 9, 10, 13, 160
    column_room = 130
    grid_x = PAD + label_room + 6
    words = {
        "yes": pgettext("report chart", "Yes"),
        "no": pgettext("report chart", "No"),
        "abstain": pgettext("report chart", "Abstain"),
        "not_voting": pgettext("report chart", "did not vote"),
        "outside": pgettext("report chart", "not in the electorate"),
    }
    heads = [_fit(label, column_room, size) for _, label in questions]
    longest = max((_width(head, size) for head in heads), default=0.0)
    slant = math.sqrt(0.5)  # column labels turned 45°
    columns_right = grid_x + pitch * len(questions)
    width = max(float(WIDTH), columns_right + longest * slant + PAD)
    items = [(COLOURS[key], words[key], "") for key in ("yes", "no", "abstain", "not_voting")]
    legend, legend_bottom = _legend([*items, ("none", words["outside"], "")], 4, size + 2, width)
    grid_top = legend_bottom + longest * slant + 10
    body = [legend]
    for column, (_, label) in enumerate(questions):
        x, y = grid_x + column * pitch + cell / 2 + 3, grid_top - 4
        turned = {"transform": f"translate({_num(x)} {_num(y)}) rotate(-45)"}
        body.append(_label(label, column_room, size, turned))
    for row, (delegation, name) in enumerate(delegations):
        y = grid_top + row * pitch
        if row % 2:
            band = {"x": PAD, "y": y - 1.5, "width": columns_right - PAD, "height": pitch}
            body.append(_el("rect", {**band, "fill": BAND}))
        end = {"x": grid_x - 6, "y": y + cell - 1, "text-anchor": "end"}
        body.append(_label(name, label_room, size, end))
        for column, (question, _) in enumerate(questions):
            choice = choices.get((delegation, question))
            if choice is None:
                continue
            if choice not in GRID_CHOICES:
                raise ValueError(f"Unknown choice {choice!r} in the vote grid.")
            key = GRID_CHOICES[choice]
            box = {"x": grid_x + column * pitch, "y": y, "width": cell, "height": cell}
            stroke = {"stroke": MUTED} if key == "not_voting" else {}
            body.append(_el("rect", {**box, "fill": COLOURS[key], **stroke}))
    height = grid_top + pitch * len(delegations) + PAD
    title = pgettext("report chart", "Recorded votes by delegation")
    return _svg(width, height, title, "".join(body), size)
