"""A delegate on a phone: join with a code or the QR link, read the guide, switch language.

Each test joins as its own delegation, and every browser context is its own client address,
so wrong codes typed here lock out only the phone that typed them.
"""

import re

from playwright.sync_api import expect

from tests.browser.helpers import ContextFactory, join_as, read_access_codes, type_code


def test_delegate_joins_with_a_code_typed_in_lower_case(
    new_context: ContextFactory, phone: ContextFactory, live_server_url: str
) -> None:
    code = read_access_codes(new_context, live_server_url)["China"]
    page = phone().new_page()

    # Printed "ABCD EFGH"; typed the way a hurried delegate does.
    type_code(page, live_server_url, f" {code.lower()} ")

    expect(page).to_have_url(re.compile(r"/d/c34/$"))
    expect(page.get_by_test_id("delegation-name")).to_have_text("China")
    expect(page.get_by_text("Welcome, delegation of China.")).to_be_visible()


def test_delegate_joins_with_the_qr_link(
    new_context: ContextFactory, phone: ContextFactory, live_server_url: str
) -> None:
    code = read_access_codes(new_context, live_server_url)["France"]
    page = phone().new_page()

    page.goto(f"{live_server_url}/join/{code.replace(' ', '')}/")
    confirm = page.get_by_test_id("join-confirm")
    expect(confirm).to_have_text("Join as France")
    confirm.tap()

    expect(page).to_have_url(re.compile(r"/d/c34/$"))
    expect(page.get_by_test_id("delegation-name")).to_have_text("France")


def test_delegate_reads_and_searches_the_background_guide(
    new_context: ContextFactory, phone: ContextFactory, live_server_url: str
) -> None:
    code = read_access_codes(new_context, live_server_url)["Canada"]
    page = phone().new_page()
    join_as(page, live_server_url, "Canada", code)

    page.get_by_role("link", name="Background Guide").tap()
    expect(page).to_have_url(re.compile(r"/d/c34/documents/background-guide/"))
    contents = page.get_by_test_id("guide-toc")
    contents.get_by_text("Contents", exact=True).tap()
    expect(contents.get_by_role("link", name=re.compile("UNPROFOR"))).to_be_visible()
    expect(contents.get_by_role("link", name="Possible Solutions")).to_be_visible()

    page.get_by_role("searchbox").fill("UNPROFOR")
    page.get_by_role("searchbox").press("Enter")
    results = page.get_by_test_id("search-results")
    expect(results.get_by_role("heading")).to_have_text(re.compile(r"\d+ matches for “UNPROFOR”"))
    marks = results.locator("mark", has_text=re.compile("^UNPROFOR$", re.IGNORECASE))
    expect(marks.first).to_be_visible()
    assert marks.count() > 1, "the guide mentions UNPROFOR many times"


def test_delegate_switches_the_language_to_chinese(
    new_context: ContextFactory, phone: ContextFactory, live_server_url: str
) -> None:
    code = read_access_codes(new_context, live_server_url)["Denmark"]
    page = phone().new_page()
    join_as(page, live_server_url, "Denmark", code)
    expect(page.locator("html")).to_have_attribute("lang", "en")

    page.get_by_role("button", name="简体中文").tap()

    expect(page.locator("html")).to_have_attribute("lang", "zh-Hans")
    expect(page).to_have_url(re.compile(r"/d/c34/$"))
    expect(page.get_by_role("button", name="简体中文")).to_have_attribute("aria-current", "true")
    english = page.locator('.language-switcher button[lang="en"]')
    expect(english).not_to_have_attribute("aria-current", "true")
    # The delegation's own name is shown as the committee's Chinese roster has it.
    expect(page.get_by_test_id("delegation-name")).to_have_text("丹麦")


def test_a_wrong_code_is_refused_with_a_reason(phone: ContextFactory, live_server_url: str) -> None:
    page = phone().new_page()

    type_code(page, live_server_url, "AAAA AAAA")

    expect(page.get_by_role("alert")).to_have_text("This code is not valid. Check the card.")
    expect(page).to_have_url(re.compile(r"/join/$"))


# The server keeps the wait for 60 s, but only for this phone's address (each browser context
# has its own), so the other tests may run before or after this one.
def test_too_many_wrong_codes_make_the_phone_wait(
    new_context: ContextFactory, phone: ContextFactory, live_server_url: str
) -> None:
    code = read_access_codes(new_context, live_server_url)["Argentina"]
    page = phone().new_page()

    for _attempt in range(4):
        type_code(page, live_server_url, "AAAA AAAA")
        expect(page.get_by_role("alert")).to_have_text("This code is not valid. Check the card.")
    # A wrong QR link counts as a wrong code too: the fifth failure starts the wait.
    page.goto(f"{live_server_url}/join/AAAAAAAA/")
    expect(page.get_by_role("heading", name="This code does not work")).to_be_visible()
    expect(page.get_by_role("alert")).to_have_text(re.compile(r"Try again in \d+ s"))

    # While it waits, even the right code is refused.
    type_code(page, live_server_url, code)
    expect(page.get_by_role("alert")).to_have_text(re.compile(r"Try again in \d+ s"))
    expect(page).to_have_url(re.compile(r"/join/$"))
