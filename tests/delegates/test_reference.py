"""Splitting the background guide into sections and searching it (no database)."""

import re
from pathlib import Path

import pytest

import committee.demo
from delegates import reference

GUIDE_TEXT = (
    Path(committee.demo.__file__).parent / "bimun2024-c34-background-guide.txt"
).read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def guide() -> reference.Document:
    return reference.parse_document(GUIDE_TEXT)


def contents_entries(text: str) -> list[str]:
    """The guide's own contents list, read independently of the parser: one entry per line
    between the "Contents" line and the body's first heading."""
    lines = text.splitlines()
    start = lines.index("Contents") + 1
    end = lines.index("Welcome Letter", start)
    return [line for line in lines[start:end] if line.strip()]


def section(document: reference.Document, title: str) -> reference.Section:
    return next(s for s in document.sections if s.title == title)


def section_of_block(document: reference.Document, anchor: str) -> reference.Section:
    return next(
        s
        for s in document.sections
        if s.anchor == anchor or any(b.anchor == anchor for b in s.blocks)
    )


def test_every_contents_entry_becomes_a_section(guide: reference.Document) -> None:
    entries = contents_entries(GUIDE_TEXT)
    assert len(entries) == 51
    assert guide.has_contents
    assert len(guide.toc) == len(entries)


@pytest.mark.parametrize(
    "title",
    [
        "Welcome Letter",
        "Country Positions",
        "Permanent Members of UNSC",  # the contents list has leader dots: "UNSC....."
        "China",
        "Germany",
        "a. UNPROFOR",
        "b. Reaffirming the Perception of Force Intervention",  # the body has "b.Reaffirming"
        "e. Guiding and Regulating World Public Opinion",  # both have "e.Guiding"
        "References",
    ],
)
def test_known_headings_are_found(guide: reference.Document, title: str) -> None:
    assert title in [s.title for s in guide.toc]


def test_lettered_headings_are_one_level_down(guide: reference.Document) -> None:
    assert section(guide, "a. UNPROFOR").level == 2
    assert section(guide, "Reflection of Past Efforts").level == 1


def test_sections_hold_their_own_text(guide: reference.Document) -> None:
    china = section(guide, "China")
    assert "China" in china.blocks[0].text
    unamir = section(guide, "c. UNAMIR")
    assert unamir.blocks[0].text.startswith("UNAMIR is an operation")


def test_the_contents_list_is_not_repeated_in_the_text(guide: reference.Document) -> None:
    start = guide.sections[0]
    assert start.title == ""
    assert all("Contents" not in block.plain_text for block in start.blocks)
    assert "Beijing International Model United Nations 2024" in [b.text for b in start.blocks]


def test_anchors_are_unique_and_stable(guide: reference.Document) -> None:
    anchors = [s.anchor for s in guide.sections] + [
        b.anchor for s in guide.sections for b in s.blocks
    ]
    assert len(anchors) == len(set(anchors))
    reference.parse_document.cache_clear()
    again = reference.parse_document(GUIDE_TEXT)
    assert [s.anchor for s in again.sections] == [s.anchor for s in guide.sections]
    assert section(guide, "Country Positions").anchor == "sec-country-positions"


def test_footnotes_tables_and_lists_are_told_apart(guide: reference.Document) -> None:
    blocks = [b for s in guide.sections for b in s.blocks]

    def kind_of(start: str) -> str:
        return next(b.kind for b in blocks if b.text.startswith(start))

    assert kind_of("¹ UN,") == reference.FOOTNOTE  # superscript number
    assert kind_of("50 鲁广锦") == reference.FOOTNOTE  # plain number and a citation
    assert kind_of("1. Consent of the parties") != reference.FOOTNOTE  # a numbered point
    veto_table = next(b for b in blocks if b.kind == reference.TABLE and len(b.rows) > 10)
    assert veto_table.rows[0][0] == "Date"
    references = section(guide, "References")
    assert all(b.kind == reference.LIST for b in references.blocks)
    assert not any("*" in b.plain_text for b in references.blocks)  # emphasis markers dropped


def test_search_finds_unprofor_in_the_right_sections(guide: reference.Document) -> None:
    result = reference.search(guide, "UNPROFOR")
    assert result.total == len(result.hits) > 5
    titles = {hit.section_title for hit in result.hits}
    assert {"a. UNPROFOR", "Welcome Letter"} <= titles
    for hit in result.hits:
        assert hit.spans
        for start, end in hit.spans:
            assert hit.text[start:end].casefold() == "unprofor"
        # The section a hit names is the section its anchor is in.
        assert section_of_block(guide, hit.anchor).anchor == hit.section_anchor


def test_search_is_case_insensitive(guide: reference.Document) -> None:
    assert reference.search(guide, "unprofor").total == reference.search(guide, "UNPROFOR").total


def test_search_works_for_chinese(guide: reference.Document) -> None:
    result = reference.search(guide, "维和")
    assert result.total > 0
    for hit in result.hits:
        assert [hit.text[start:end] for start, end in hit.spans] == ["维和"] * len(hit.spans)


def test_full_width_letters_in_the_query_match_ascii_text(guide: reference.Document) -> None:
    assert reference.query_terms("ＵＮＰＲＯＦＯＲ") == ("UNPROFOR",)
    assert (
        reference.search(guide, "ＵＮＰＲＯＦＯＲ").total
        == reference.search(guide, "UNPROFOR").total
    )


def test_every_word_must_occur_and_phrases_stay_whole(guide: reference.Document) -> None:
    both = reference.search(guide, "UNPROFOR Yugoslavia")
    assert 0 < both.total < reference.search(guide, "UNPROFOR").total
    assert reference.query_terms('"Country Positions" china') == ("Country Positions", "china")
    phrase = reference.search(guide, '"Country Positions"')
    assert phrase.hits[0].anchor == "sec-country-positions"


def test_long_paragraphs_are_cut_around_the_match(guide: reference.Document) -> None:
    result = reference.search(guide, "Srebrenica")
    long_hits = [hit for hit in result.hits if hit.clipped_start or hit.clipped_end]
    assert long_hits
    for hit in long_hits:
        assert len(hit.text) <= reference.EXCERPT_CHARS
        assert any(hit.text[s:e] == "Srebrenica" for s, e in hit.spans)


def test_highlighting_escapes_text_and_query() -> None:
    document = reference.parse_document("Intro\n\nA note about <script>alert(1)</script> & more.")
    result = reference.search(document, "<script>")
    assert result.total == 1
    html = str(result.hits[0].html)
    assert "<script>" not in html
    assert "<mark>&lt;script&gt;</mark>alert(1)&lt;/script&gt; &amp; more." in html


def test_no_terms_means_no_search(guide: reference.Document) -> None:
    result = reference.search(guide, "   ")
    assert result.total == 0 and result.terms == ()


def test_markdown_headings_are_used_without_a_contents_list() -> None:
    text = "# Rules\n\nSome text.\n\n## Motions\n\nMore text.\n\n## Voting\n\nLast."
    document = reference.parse_document(text)
    assert not document.has_contents
    assert [(s.title, s.level) for s in document.toc] == [
        ("Rules", 1),
        ("Motions", 2),
        ("Voting", 2),
    ]
    assert section(document, "Voting").blocks[0].text == "Last."


def test_standalone_short_lines_before_paragraphs_are_headings_without_a_contents_list() -> None:
    paragraph = "The committee met in closed session to discuss the item. " * 5
    text = f"Opening Remarks\n\n{paragraph}\n\nSecond Part\n\n{paragraph}\n\nA short closing line."
    document = reference.parse_document(text)
    assert [s.title for s in document.toc] == ["Opening Remarks", "Second Part"]


def test_plain_text_without_headings_is_one_section() -> None:
    document = reference.parse_document("Just one line.\n\nAnd another one, also short.")
    assert document.toc == ()
    assert len(document.sections) == 1
    assert [b.text for b in document.sections[0].blocks] == [
        "Just one line.",
        "And another one, also short.",
    ]


def test_hard_wrapped_lines_join_into_one_paragraph() -> None:
    document = reference.parse_document("Intro\n\nThis paragraph was\nwrapped by hand\nat 20.")
    texts = [b.text for s in document.sections for b in s.blocks]
    assert "This paragraph was wrapped by hand at 20." in texts


def test_rendered_sections_mark_every_occurrence_in_the_body(guide: reference.Document) -> None:
    rendered = reference.render_sections(guide, ("UNPROFOR",))
    html = "".join(str(b.html) for s in rendered for b in s.blocks)
    marks = re.findall(r"<mark>(.*?)</mark>", html)
    assert marks and {m.casefold() for m in marks} == {"unprofor"}
    plain = reference.render_sections(guide)
    assert "<mark>" not in "".join(str(b.html) for s in plain for b in s.blocks)
