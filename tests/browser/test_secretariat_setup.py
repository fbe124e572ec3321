"""Set-up flow: the secretariat makes a committee, imports its roster, prints the access sheet."""

import re
import secrets

from playwright.sync_api import Page, expect

from tests.browser.helpers import ARTIFACTS, SECRETARIAT, ContextFactory, login

# Line 3 has a bad ISO code and line 5 an unknown kind; the other lines are fine.
ROSTER_WITH_ERRORS = """name,iso_code,kind,name_zh,sort_key
Iceland,IS,member,冰岛,Iceland
Norway,ZZ,member,挪威,Norway
Switzerland,CH,observer,瑞士,Switzerland
Holy See,VA,delegate,教廷,Holy See
"""

ROSTER = """name,iso_code,kind,name_zh,sort_key
Iceland,IS,member,冰岛,Iceland
Norway,NO,member,挪威,Norway
Switzerland,CH,observer,瑞士,Switzerland
Holy See,VA,observer,教廷,Holy See
"""
ROSTER_NAMES = ["Holy See", "Iceland", "Norway", "Switzerland"]


def _create_committee(page: Page, base_url: str) -> str:
    slug = f"test-{secrets.token_hex(3)}"
    page.goto(f"{base_url}/secretariat/committees/new/")
    page.get_by_label("Conference").select_option(
        label="Beijing International Model United Nations 2024"
    )
    page.get_by_role("textbox", name="Name", exact=True).fill("Arctic Council Simulation")
    page.get_by_label("Acronym").fill("ACS")
    page.get_by_label("Short name in links").fill(slug)
    page.get_by_role("textbox", name="Topic", exact=True).fill("Search and rescue in the Arctic")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Committee “Arctic Council Simulation” saved.")).to_be_visible()
    return slug


def _upload(page: Page, csv_text: str) -> None:
    page.get_by_label("Roster CSV file").set_input_files(
        files=[{"name": "roster.csv", "mimeType": "text/csv", "buffer": csv_text.encode()}]
    )
    page.get_by_role("button", name="Check and import").click()


def test_secretariat_imports_a_roster_and_prints_the_access_sheet(
    new_context: ContextFactory, live_server_url: str
) -> None:
    page = new_context().new_page()
    login(page, live_server_url, *SECRETARIAT)
    slug = _create_committee(page, live_server_url)
    page.goto(f"{live_server_url}/secretariat/c/{slug}/roster/")
    table_rows = page.get_by_test_id("roster-table").locator("tbody tr")
    expect(table_rows).to_have_text(["No delegations yet."])

    # A file with errors: every problem is listed with its line, and nothing is imported.
    _upload(page, ROSTER_WITH_ERRORS)
    errors = page.get_by_test_id("roster-errors")
    expect(errors).to_contain_text("Nothing was imported: 2 problems found.")
    expect(errors.locator("li")).to_have_text(
        [
            re.compile(r"Line 3: .*“ZZ” is not an ISO 3166 country code"),
            re.compile(r"Line 5: .*Kind “delegate” is not one of: member, observer"),
        ]
    )
    expect(table_rows).to_have_text(["No delegations yet."])

    _upload(page, ROSTER)
    expect(page.get_by_text("Roster imported: 4 new, 0 updated, 0 unchanged.")).to_be_visible()
    expect(page.get_by_test_id("roster-errors")).to_have_count(0)
    expect(table_rows).to_have_count(4)
    for name in ROSTER_NAMES:
        expect(table_rows.filter(has_text=name)).to_have_count(1)

    # Importing the same file again changes nothing.
    _upload(page, ROSTER)
    expect(page.get_by_text("Roster imported: 0 new, 0 updated, 4 unchanged.")).to_be_visible()
    expect(table_rows).to_have_count(4)

    page.get_by_role("link", name="Access sheet").click()
    expect(page).to_have_url(re.compile(rf"/secretariat/c/{slug}/access-sheet/$"))
    cards = page.get_by_test_id("access-card")
    expect(cards).to_have_count(len(ROSTER_NAMES))
    for name in ROSTER_NAMES:
        card = page.locator(f'[data-testid="access-card"][data-delegation="{name}"]')
        expect(card.get_by_role("heading", name=name)).to_be_visible()
        # Printed as two groups of four: 8 characters to type.
        expect(card.get_by_test_id("access-code")).to_have_text(
            re.compile(r"^\s*[0-9A-Z]{4} [0-9A-Z]{4}\s*$")
        )
        expect(card.locator("svg")).to_have_count(1)
    codes = cards.get_by_test_id("access-code").all_inner_texts()
    assert len(set(codes)) == len(ROSTER_NAMES)

    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=ARTIFACTS / "access-sheet.png", full_page=True)
    page.pdf(path=ARTIFACTS / "access-sheet.pdf", format="A4", print_background=True)
    assert (ARTIFACTS / "access-sheet.pdf").read_bytes().startswith(b"%PDF")
