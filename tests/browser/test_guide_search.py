"""Searching the background guide on a phone after jumping through its contents."""

import re

from playwright.sync_api import expect

from tests.browser.helpers import ContextFactory, join_as, read_access_codes


def test_a_search_after_a_contents_jump_shows_the_results_not_the_old_section(
    new_context: ContextFactory, phone: ContextFactory, live_server_url: str
) -> None:
    code = read_access_codes(new_context, live_server_url)["Brazil"]
    page = phone().new_page()
    join_as(page, live_server_url, "Brazil", code)
    page.get_by_role("link", name="Background Guide").tap()

    contents = page.get_by_test_id("guide-toc")
    contents.get_by_text("Contents", exact=True).tap()
    contents.get_by_role("link", name="Possible Solutions").tap()
    expect(page).to_have_url(re.compile(r"#sec-possible-solutions$"))
    assert page.evaluate("window.scrollY") > 0, "the jump scrolled down to the section"

    page.get_by_role("searchbox").fill("UNPROFOR")
    page.get_by_role("searchbox").press("Enter")

    results = page.get_by_test_id("search-results")
    expect(results.get_by_role("heading")).to_have_text(re.compile(r"\d+ matches for “UNPROFOR”"))
    expect(page).to_have_url(re.compile(r"\?q=UNPROFOR$"))
    expect(results).to_be_in_viewport()
    expect(page.locator("#sec-possible-solutions h2")).not_to_be_in_viewport()
