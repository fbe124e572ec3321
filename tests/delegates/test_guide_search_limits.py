"""Searching the guide costs one phone about what reading it costs, whatever it types."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.test import Client

from committee.models import Committee
from delegates import reference
from tests.delegates.test_guide_views import GUIDE_URL, bound_client

# The guide itself is about 300 kB; a search adds its results and a few marks, not a copy.
EXTRA_BYTES_ALLOWED = 40_000


@pytest.fixture
def china(db) -> Client:
    call_command("seed_demo", stdout=StringIO())
    return bound_client(Committee.objects.get(slug="c34").delegations.get(name="China"))


def page_bytes(client: Client, query: str | None = None) -> int:
    response = client.get(GUIDE_URL, {"q": query} if query is not None else {})
    assert response.status_code == 200
    return len(response.content)


def test_one_letter_words_are_not_searched_and_the_page_says_so(china: Client) -> None:
    response = china.get(GUIDE_URL, {"q": "a e i o u t n s"})

    assert response.status_code == 200
    assert len(response.content) < page_bytes(china) + EXTRA_BYTES_ALLOWED
    result = response.context["result"]
    assert result.terms == () and result.hits == ()
    assert result.ignored == ("a", "e", "i", "o", "u", "t", "n", "s")
    html = response.content.decode()
    assert "<mark>" not in html
    assert "Not searched: a e i o u t n s." in html


def test_a_common_search_shows_a_bounded_number_of_hits_and_marks(china: Client) -> None:
    response = china.get(GUIDE_URL, {"q": "th an re on"})

    result = response.context["result"]
    assert result.total > reference.MAX_HITS  # nearly every paragraph matches
    assert len(result.hits) == reference.MAX_HITS
    assert result.truncated
    html = response.content.decode()
    body = html[html.index('<div class="reader-text">') :]
    assert 0 < body.count("<mark>") <= reference.MAX_BODY_MARKS
    assert len(response.content) < page_bytes(china) + EXTRA_BYTES_ALLOWED


def test_only_the_first_words_of_a_long_query_are_searched(china: Client) -> None:
    query = " ".join(f"word{number}" for number in range(50)) + " x" * 100

    response = china.get(GUIDE_URL, {"q": query})

    result = response.context["result"]
    assert result.terms == ("word0", "word1", "word2", "word3")
    assert len(response.context["query"]) == reference.MAX_QUERY_CHARS


def test_real_words_are_still_found_and_their_paragraphs_marked(china: Client) -> None:
    response = china.get(GUIDE_URL, {"q": "UNPROFOR"})

    result = response.context["result"]
    assert result.total > 5
    html = response.content.decode()
    body = html[html.index('<div class="reader-text">') :]
    first = result.hits[0]
    paragraph = body[body.index(f'id="{first.anchor}"') :]
    assert "<mark>UNPROFOR</mark>" in paragraph[: paragraph.index("</p>")]


@pytest.mark.parametrize("query", ["维和", "联合国"])
def test_two_character_chinese_words_are_searched(china: Client, query: str) -> None:
    result = china.get(GUIDE_URL, {"q": query}).context["result"]
    assert result.terms == (query,)
    assert result.total > 0


def test_the_document_is_parsed_and_rendered_once_for_many_searches() -> None:
    text = "Intro\n\n" + "\n\n".join(f"Paragraph {n} about peacekeeping." for n in range(50))
    document = reference.parse_document(text)

    first = reference.render_sections(document)
    reference.search(document, "peacekeeping")

    assert reference.parse_document(text) is document
    assert reference.render_sections(document) is first
    searched = reference.render_sections(document, ("Paragraph 7 ",), anchors={"p8"})
    untouched = [s for s, plain in zip(searched, first, strict=True) if s is plain]
    assert len(untouched) == len(first) - 1
