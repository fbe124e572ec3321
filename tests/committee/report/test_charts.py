"""The report's SVG charts: well-formed, to scale, escaped, readable at 193 rows, translated."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
from django.utils import translation

from committee.report.charts import (
    BRAND,
    COLOURS,
    MUTED,
    minutes_seconds,
    speaking_time_chart,
    vote_bar,
    vote_grid,
)

SVG = "{http://www.w3.org/2000/svg}"
HOSTILE = "</text><script>alert(\"x\")</script>&amp; 'Ruritania' <b>\x00"


def parse(svg: str) -> ET.Element:
    root = ET.fromstring(svg)
    assert root.tag == f"{SVG}svg"
    return root


def elements(root: ET.Element, tag: str, **attrs: str) -> list[ET.Element]:
    return [
        node
        for node in root.iter(f"{SVG}{tag}")
        if all(node.get(name.replace("_", "-")) == value for name, value in attrs.items())
    ]


def texts(root: ET.Element) -> list[str]:
    return ["".join(node.itertext()) for node in root.iter(f"{SVG}text")]


def titles(root: ET.Element) -> list[str]:
    return [node.text or "" for node in root.iter(f"{SVG}title")]


def bars(root: ET.Element) -> list[float]:
    return [float(node.get("width", "")) for node in elements(root, "rect", fill=BRAND)]


def delegations(count: int) -> list[tuple[int, str]]:
    return [(index, f"Delegation {index:03d}") for index in range(count)]


# ---- speaking time ----


def test_speaking_bars_are_sorted_longest_first_and_proportional_to_time() -> None:
    root = parse(speaking_time_chart([("Chad", 150), ("France", 600), ("Brazil", 300)]))

    widths = bars(root)
    assert widths[0] > 0
    assert [round(width / widths[0], 3) for width in widths] == [1.0, 0.5, 0.25]
    names = [text for text in texts(root) if text in {"Chad", "France", "Brazil"}]
    assert names == ["France", "Brazil", "Chad"]
    times = ["".join(node.itertext()) for node in elements(root, "text", fill=MUTED)]
    assert times == ["10:00", "5:00", "2:30"]


def test_speaking_time_is_written_at_each_bar_end() -> None:
    root = parse(speaking_time_chart([("France", 600), ("Chad", 150)]))

    ends = elements(root, "text", fill=MUTED)
    for bar, time in zip(elements(root, "rect", fill=BRAND), ends, strict=True):
        end = float(bar.get("x", "")) + float(bar.get("width", ""))
        assert end < float(time.get("x", "")) <= end + 6


def test_speaking_bars_of_slices_share_the_scale_given() -> None:
    whole = bars(parse(speaking_time_chart([("France", 600), ("Chad", 150)])))
    second_slice = bars(parse(speaking_time_chart([("Chad", 150)], longest=600)))

    assert second_slice == [whole[1]]


def test_speaking_time_of_nobody_draws_no_bar_of_nan_width() -> None:
    root = parse(speaking_time_chart([("Chad", 0)]))

    assert bars(root) == [0.0]
    assert "0:00" in texts(root)


def test_speaking_time_refuses_negative_seconds() -> None:
    with pytest.raises(ValueError):
        speaking_time_chart([("Chad", -1)])


def test_time_is_written_as_minutes_and_seconds() -> None:
    assert minutes_seconds(3725) == "62:05"
    assert minutes_seconds(59.6) == "1:00"
    assert minutes_seconds(7) == "0:07"


def test_speaking_chart_grows_to_193_delegations_with_every_name() -> None:
    rows = [(name, 30 + index) for index, name in delegations(193)]
    few = parse(speaking_time_chart(rows[:10]))
    root = parse(speaking_time_chart(rows))

    assert len(bars(root)) == 193
    assert set(titles(root)) >= {name for name, _ in rows}
    per_row = (float(root.get("height", "")) - float(few.get("height", ""))) / 183
    assert per_row >= 16  # each row keeps its height: the chart grows, it does not shrink
    assert root.get("viewBox") == f"0 0 {root.get('width')} {root.get('height')}"


def test_a_long_name_is_cut_with_an_ellipsis_and_kept_whole_in_its_title() -> None:
    name = "The United Kingdom of Great Britain and Northern Ireland"
    root = parse(speaking_time_chart([(name, 60)]))

    shown = [text for text in texts(root) if text.startswith("The United")]
    assert len(shown) == 1 and shown[0].endswith("…") and len(shown[0]) < len(name)
    assert name in titles(root)


def test_a_hostile_name_is_escaped_in_every_chart() -> None:
    name = HOSTILE.replace("\x00", "")
    speaking = parse(speaking_time_chart([(HOSTILE, 60)]))
    grid = parse(vote_grid([(1, HOSTILE)], [(1, HOSTILE)], {(1, 1): "yes"}))

    for root in (speaking, grid):
        assert not list(root.iter(f"{SVG}script")) and not list(root.iter(f"{SVG}b"))
        assert name in titles(root)


def test_a_chinese_name_is_drawn_in_a_font_that_has_it() -> None:
    svg = speaking_time_chart([("中华人民共和国", 90)])
    root = parse(svg)

    assert "中华人民共和国" in texts(root)
    families = [family.strip(" '") for family in root.get("font-family", "").split(",")]
    assert "Noto Sans CJK SC" in families and families[-1] == "sans-serif"


# ---- one vote ----


def test_vote_bar_puts_the_threshold_line_at_required_yes_of_the_base() -> None:
    root = parse(vote_bar(40, 30, 10, 5, required_yes=51, base_size=100))

    background = elements(root, "rect", fill="#e9edf2")[0]
    left, room = float(background.get("x", "")), float(background.get("width", ""))
    (line,) = elements(root, "line")
    assert float(line.get("x1", "")) == pytest.approx(left + room * 0.51, abs=0.01)
    assert line.get("x1") == line.get("x2")
    yes = elements(root, "rect", fill=COLOURS["yes"])[0]
    no = elements(root, "rect", fill=COLOURS["no"])[0]
    assert float(yes.get("width", "")) == pytest.approx(room * 0.40, abs=0.01)
    assert float(no.get("x", "")) == pytest.approx(left + room * 0.40, abs=0.01)
    assert float(no.get("width", "")) == pytest.approx(room * 0.30, abs=0.01)


@pytest.mark.parametrize(("yes", "no", "passes"), [(8, 7, True), (7, 8, False)])
def test_yes_reaches_the_line_exactly_when_enough_under_a_present_and_voting_base(
    yes: int, no: int, passes: bool
) -> None:
    # Three abstentions are outside the base of 15 present and voting: the bar still shows them.
    root = parse(vote_bar(yes, no, 3, required_yes=8, base_size=15))

    yes_rect = elements(root, "rect", fill=COLOURS["yes"])[0]
    yes_end = float(yes_rect.get("x", "")) + float(yes_rect.get("width", ""))
    line_x = float(elements(root, "line")[0].get("x1", ""))
    assert (yes_end >= line_x - 0.01) is passes
    assert elements(root, "rect", fill=COLOURS["abstain"])


def test_vote_bar_legend_gives_the_counts_and_the_yes_needed() -> None:
    root = parse(vote_bar(12, 3, 2, 1, required_yes=9, base_size=18))

    words = texts(root)
    assert words[:4] == ["Yes 12", "No 3", "Abstain 2", "did not vote 1"]
    assert "9 Yes needed of 18" in words
    assert titles(root) == ["Yes 12, No 3, Abstain 2, did not vote 1; 9 Yes needed of 18"]


def test_vote_bar_without_labels_is_the_bar_alone() -> None:
    root = parse(vote_bar(12, 3, required_yes=9, base_size=18, labels=False))

    assert texts(root) == []
    assert float(root.get("height", "")) < 60


def test_an_empty_vote_draws_the_line_at_the_start() -> None:
    root = parse(vote_bar(0, 0, required_yes=0, base_size=0))

    assert elements(root, "line")[0].get("x1") == "8"


# ---- the roll-call grid ----


def test_vote_grid_colours_each_cell_by_the_choice() -> None:
    questions = [("q1", "Draft resolution 1.1"), ("q2", "Amendment 2")]
    choices = {
        (0, "q1"): "yes",
        (1, "q1"): "no",
        (2, "q1"): "abstain",
        (3, "q1"): "not_voting",
        (0, "q2"): "yes_with_rights",
        (1, "q2"): "no_with_rights",
    }
    root = parse(vote_grid(delegations(5), questions, choices))

    first_row = min(
        float(node.get("y", ""))
        for node in root.iter(f"{SVG}text")
        if node.text == "Delegation 000"
    )
    cells = [
        node
        for node in elements(root, "rect", width="10")
        if float(node.get("y", "")) > first_row - 10
    ]
    fills = [node.get("fill") for node in cells]
    assert fills.count(COLOURS["yes"]) == 2 and fills.count(COLOURS["no"]) == 2
    assert fills.count(COLOURS["abstain"]) == 1 and fills.count(COLOURS["not_voting"]) == 1
    assert len(cells) == 6  # the four not in the electorate are left empty
    words = texts(root)
    for word in ("Yes", "No", "Abstain", "did not vote", "not in the electorate"):
        assert word in words


def test_vote_grid_turns_its_column_labels() -> None:
    root = parse(vote_grid(delegations(2), [("q1", "Draft resolution 1.1")], {}))

    (label,) = [node for node in root.iter(f"{SVG}text") if node.text == "Draft resolution 1.1"]
    assert label.get("transform", "").endswith("rotate(-45)")


def test_vote_grid_refuses_an_unknown_choice() -> None:
    with pytest.raises(ValueError):
        vote_grid(delegations(1), [("q1", "Q")], {(0, "q1"): "maybe"})


def test_vote_grid_keeps_193_rows_readable() -> None:
    questions = [(f"q{index}", f"Draft resolution 1.{index}") for index in range(12)]
    choices = {(key, "q0"): "yes" for key, _ in delegations(193)}
    root = parse(vote_grid(delegations(193), questions, choices))

    labels = [text for text in texts(root) if text.startswith("Delegation ")]
    assert len(labels) == 193
    assert float(root.get("height", "")) >= 193 * 13  # rows keep their height
    assert root.get("font-size") == "9"
    ys = [float(node.get("y", "")) for node in elements(root, "rect", fill=COLOURS["yes"])]
    assert len(ys) == 193 + 1  # one per row, and the legend's swatch
    assert {round(b - a, 2) for a, b in zip(ys[1:], ys[2:], strict=False)} == {13}


# ---- language and determinism ----


def test_chart_words_are_chinese_under_a_chinese_reader() -> None:
    with translation.override("zh-hans"):
        speaking = parse(speaking_time_chart([("中华人民共和国", 90)]))
        bar = parse(vote_bar(12, 3, 2, 1, required_yes=9, base_size=18))
        grid = parse(vote_grid(delegations(1), [("q1", "Q")], {}))

    assert "发言时间" in texts(speaking)
    assert texts(bar)[:4] == ["赞成 12", "反对 3", "弃权 2", "未投票 1"]
    assert {"赞成", "反对", "弃权", "未投票", "无表决权"} <= set(texts(grid))


def test_charts_are_drawn_in_the_language_active_when_drawn() -> None:
    with translation.override("zh-hans"):
        chinese = vote_bar(1, 0, required_yes=1, base_size=1)
    english = vote_bar(1, 0, required_yes=1, base_size=1)

    assert chinese != english
    assert "Yes 1" in texts(parse(english))


def test_the_same_input_always_gives_the_same_bytes() -> None:
    rows = [("France", 600.25), ("Chad", 150), ("Brazil", 150)]
    questions = [("q1", "Draft resolution 1.1")]
    choices = {(0, "q1"): "yes", (1, "q1"): "no"}

    assert speaking_time_chart(rows) == speaking_time_chart(list(reversed(rows)))
    assert vote_bar(5, 4, 3, 2, required_yes=6, base_size=14) == vote_bar(
        5, 4, 3, 2, required_yes=6, base_size=14
    )
    assert vote_grid(delegations(3), questions, choices) == vote_grid(
        delegations(3), questions, dict(reversed(choices.items()))
    )
