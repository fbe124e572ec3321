"""A delegate writes a working paper on a 360-px phone: clauses added and typed are saved by
the autosave, with their ids kept from one save to the next; a pasted text is split, checked
and confirmed."""

import re

from playwright.sync_api import Locator, Page, expect

from tests.browser.helpers import SMALL_PHONE, ContextFactory, create_committee, join_as

A = "Argentina"

PASTED = """The Special Committee on Peacekeeping Operations,

Recalling its resolution 49/37 of 9 December 1994,

1. Requests the Secretary-General to report on rapid deployment capacities;
2. Decides to remain seized of the matter.
Please project this after the break
"""


def clauses(page: Page, part: str) -> Locator:
    return page.get_by_test_id(f"editor-{part}").locator(":scope > li")


def tools(clause: Locator) -> Locator:
    return clause.locator(":scope > .editor-clause__tools")


def text_box(clause: Locator) -> Locator:
    return clause.locator(":scope > textarea")


def label(clause: Locator) -> Locator:
    return clause.locator(":scope > .editor-clause__head [data-label]")


def fits_the_screen(page: Page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def open_new_paper(phone: ContextFactory, new_context: ContextFactory, base_url: str) -> Page:
    committee = create_committee(new_context, base_url)
    page = phone(viewport=SMALL_PHONE["viewport"]).new_page()
    join_as(page, base_url, A, committee.codes[A])
    page.goto(f"{base_url}/d/{committee.slug}/papers/write/new/")
    expect(page.get_by_test_id("paper-topic")).to_contain_text("Reform of UN Peacekeeping")
    return page


def test_clauses_written_on_a_phone_are_autosaved_with_their_ids_kept(
    new_context: ContextFactory, phone: ContextFactory, live_server_url: str
) -> None:
    page = open_new_paper(phone, new_context, live_server_url)
    page.get_by_label("Title").fill("Rapid deployment")
    text_box(clauses(page, "preambular").first).fill("Recalling its resolution 49/37")
    text_box(clauses(page, "operative").first).fill("Requests a report on rapid deployment")
    page.get_by_test_id("paper-create").tap()
    expect(page).to_have_url(re.compile(r"/papers/write/\d+/$"))
    status = page.get_by_test_id("editor-status")
    expect(status).to_have_text("Version 1, saved.")
    assert fits_the_screen(page)

    first = clauses(page, "operative").first
    tools(first).get_by_role("button", name="Add a clause after this one").tap()
    second = clauses(page, "operative").nth(1)
    expect(label(second)).to_have_text("2")
    tools(second).get_by_role("button", name="Add a sub-clause").tap()
    sub = second.locator(":scope > ol > li").first
    expect(label(sub)).to_have_text("2(a)")
    text_box(second).fill("Urges troop-contributing countries")
    text_box(sub).fill("to train personnel before deployment")

    # No Save pressed: the autosave sends it, and the new clauses learn their ids.
    expect(status).to_contain_text("Saved as version 2 at")
    expect(second).to_have_attribute("data-clause-id", re.compile(r"^c\d+$"))
    expect(sub).to_have_attribute("data-clause-id", re.compile(r"^c\d+$"))
    ids = [first.get_attribute("data-clause-id"), second.get_attribute("data-clause-id")]
    sub_id = sub.get_attribute("data-clause-id")
    assert fits_the_screen(page)

    text_box(sub).fill("to train all personnel before deployment")
    expect(status).to_contain_text("Saved as version 3 at")

    # What is stored, drawn again from the server: the tree, its labels and the same ids.
    page.reload()
    expect(page.get_by_test_id("editor-status")).to_have_text("Version 3, saved.")
    operative = clauses(page, "operative")
    expect(operative).to_have_count(2)
    expect(text_box(operative.nth(1))).to_have_value("Urges troop-contributing countries")
    stored_sub = operative.nth(1).locator(":scope > ol > li")
    expect(stored_sub).to_have_count(1)
    expect(label(stored_sub)).to_have_text("2(a)")
    expect(text_box(stored_sub)).to_have_value("to train all personnel before deployment")
    assert [
        operative.nth(0).get_attribute("data-clause-id"),
        operative.nth(1).get_attribute("data-clause-id"),
    ] == ids
    assert stored_sub.get_attribute("data-clause-id") == sub_id


def test_a_pasted_text_is_split_checked_and_confirmed_on_a_phone(
    new_context: ContextFactory, phone: ContextFactory, live_server_url: str
) -> None:
    page = open_new_paper(phone, new_context, live_server_url)
    page.get_by_label("Title").fill("Imported paper")
    page.get_by_test_id("editor-paste").locator("summary").tap()
    page.get_by_test_id("paste-text").fill(PASTED)
    page.get_by_test_id("paste-split").tap()

    preview = page.get_by_test_id("paste-preview")
    expect(preview.get_by_test_id("paste-counts")).to_have_text(
        "1 preambular clause · 2 operative clauses"
    )
    tree = preview.get_by_test_id("paste-tree")
    expect(tree).to_contain_text("PP1 Recalling its resolution 49/37 of 9 December 1994")
    expect(tree).to_contain_text("2 Decides to remain seized of the matter")
    expect(preview.get_by_test_id("paste-unplaced")).to_contain_text(
        "Please project this after the break"
    )
    assert fits_the_screen(page)
    preview.get_by_test_id("paste-confirm").tap()

    expect(page).to_have_url(re.compile(r"/papers/write/\d+/$"))
    expect(page.get_by_test_id("editor-status")).to_have_text("Version 1, saved.")
    expect(page.get_by_label("Title")).to_have_value("Imported paper")
    expect(clauses(page, "preambular")).to_have_count(1)
    operative = clauses(page, "operative")
    expect(operative).to_have_count(2)
    expect(text_box(operative.first)).to_have_value(
        "Requests the Secretary-General to report on rapid deployment capacities"
    )
    expect(label(operative.nth(1))).to_have_text("2")


def test_two_phones_saving_at_once_see_both_texts_and_can_load_theirs(
    new_context: ContextFactory, phone: ContextFactory, live_server_url: str
) -> None:
    page = open_new_paper(phone, new_context, live_server_url)
    # A paper without a preamble yet: its empty clause is removed.
    tools(clauses(page, "preambular").first).get_by_role("button", name="Remove this clause").tap()
    text_box(clauses(page, "operative").first).fill("Requests a report")
    page.get_by_test_id("paper-create").tap()
    expect(page).to_have_url(re.compile(r"/papers/write/\d+/$"))
    # The delegation's second delegate opens the same paper on a second phone.
    other = page.context.new_page()
    other.goto(page.url)
    text_box(clauses(other, "operative").first).fill("Requests a report by June")
    other.get_by_test_id("editor-save").tap()
    expect(other.get_by_test_id("editor-status")).to_contain_text("Saved as version 2 at")

    text_box(clauses(page, "operative").first).fill("Requests a yearly report")
    page.get_by_test_id("editor-save").tap()

    conflict = page.get_by_test_id("editor-conflict")
    expect(conflict.get_by_test_id("conflict-theirs")).to_contain_text("Requests a report by June")
    expect(conflict.get_by_test_id("conflict-yours")).to_contain_text("Requests a yearly report")
    expect(page.get_by_test_id("editor-status")).to_contain_text("Not saved")
    assert fits_the_screen(page)

    conflict.get_by_test_id("conflict-load-theirs").tap()
    expect(text_box(clauses(page, "operative").first)).to_have_value("Requests a report by June")
    expect(conflict.get_by_test_id("conflict-loaded")).to_be_visible()
    # Their text is the base now: what is typed next saves as version 3.
    expect(conflict.get_by_test_id("conflict-yours")).to_contain_text("Requests a yearly report")
    text_box(clauses(page, "operative").first).fill("Requests a report by June every year")
    expect(page.get_by_test_id("editor-status")).to_contain_text("Saved as version 3 at")
