"""A new code from the dais signs the delegation's phones out at once."""

import re

from playwright.sync_api import Dialog, expect

from tests.browser.helpers import (
    CHAIR,
    DEMO_COMMITTEE,
    ContextFactory,
    join_as,
    read_access_codes,
    type_code,
)


def test_new_code_signs_the_phone_out_and_the_old_code_stops_working(
    new_context: ContextFactory, phone: ContextFactory, live_server_url: str
) -> None:
    old_code = read_access_codes(new_context, live_server_url)["Egypt"]
    handset = phone().new_page()
    join_as(handset, live_server_url, "Egypt", old_code)

    dais = new_context(signed_in_as=CHAIR).new_page()
    dais.goto(f"{live_server_url}/c/{DEMO_COMMITTEE}/dais/")
    egypt = dais.locator('li[data-delegation="Egypt"]')
    expect(egypt).to_have_attribute("data-online", "true")

    questions: list[str] = []

    def accept(dialog: Dialog) -> None:
        questions.append(dialog.message)
        dialog.accept()

    dais.once("dialog", accept)
    egypt.get_by_test_id("regenerate-code").click()

    # The dais is told the new code; nobody touches the phone, yet it ends up signed out.
    expect(
        dais.get_by_text(re.compile(r"New code for Egypt: [0-9A-Z]{4} [0-9A-Z]{4}\."))
    ).to_be_visible()
    assert questions and "Egypt" in questions[0]
    expect(handset).to_have_url(re.compile(r"/join/\?signed_out=1$"))
    expect(handset.get_by_role("heading", name="Join your delegation")).to_be_visible()
    expect(egypt).to_have_attribute("data-online", "false")

    type_code(handset, live_server_url, old_code)
    expect(handset.get_by_role("alert")).to_have_text("This code is not valid. Check the card.")
    expect(handset).to_have_url(re.compile(r"/join/$"))

    new_code = read_access_codes(new_context, live_server_url)["Egypt"]
    assert new_code != old_code
    join_as(handset, live_server_url, "Egypt", new_code)
