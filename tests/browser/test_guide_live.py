"""A delegate reading the documents stays on the floor: online for the dais, and told at once
when something needs an answer."""

import re

from playwright.sync_api import expect

from tests.browser.helpers import (
    CHAIR,
    DEMO_COMMITTEE,
    ONLINE,
    ContextFactory,
    create_committee,
    join_as,
    open_screens,
    raise_moderated_caucus,
    read_access_codes,
    roster_row,
    second_and_open_phone_vote,
    take_roll_call,
)

A, B = "Argentina", "Canada"


def test_a_phone_reading_the_background_guide_stays_online_on_the_dais(
    new_context: ContextFactory, phone: ContextFactory, live_server_url: str
) -> None:
    code = read_access_codes(new_context, live_server_url)["Mexico"]
    handset = phone().new_page()
    join_as(handset, live_server_url, "Mexico", code)
    dais = new_context(signed_in_as=CHAIR).new_page()
    dais.goto(f"{live_server_url}/c/{DEMO_COMMITTEE}/dais/")

    handset.get_by_role("link", name="Background Guide").tap()
    expect(handset).to_have_url(re.compile(r"/documents/background-guide/"))
    expect(handset.get_by_test_id("connection")).to_have_class(ONLINE)
    expect(roster_row(dais, "Mexico")).to_have_attribute("data-online", "true")


def test_a_vote_opened_while_a_phone_reads_the_documents_is_shown_and_answered_there(
    new_context: ContextFactory, phone: ContextFactory, live_server_url: str
) -> None:
    committee = create_committee(new_context, live_server_url)
    screens = open_screens(new_context, phone, live_server_url, committee, [A, B])
    take_roll_call(screens)
    topic = "Protection of civilians"
    raise_moderated_caucus(screens.phones[A], minutes=10, seconds=60, topic=topic)

    reader = screens.phones[A]
    reader.goto(f"{live_server_url}/d/{committee.slug}/documents/")
    expect(reader.get_by_test_id("connection")).to_have_class(ONLINE)
    pending = reader.get_by_test_id("pending-actions")
    expect(pending).to_be_hidden()
    expect(roster_row(screens.dais, A)).to_have_attribute("data-online", "true")

    second_and_open_phone_vote(screens, B, topic)

    expect(pending).to_be_visible()
    expect(pending).to_contain_text("The floor needs your answer.")
    expect(pending).to_contain_text("Vote on: Moderated caucus")
    pending.get_by_test_id("ballot-yes").tap()
    expect(pending.get_by_test_id("ballot-yes")).to_have_attribute("aria-pressed", "true")
    expect(screens.dais.get_by_test_id("motion-tally")).to_contain_text("Yes 1 No 0")

    pending.get_by_test_id("pending-back").tap()
    expect(reader).to_have_url(re.compile(rf"/d/{committee.slug}/$"))
