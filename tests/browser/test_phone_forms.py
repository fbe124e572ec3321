"""The phone keeps what the delegate chose, and says why it was signed out."""

import re

from playwright.sync_api import expect

from tests.browser.helpers import (
    ContextFactory,
    create_committee,
    join_as,
    open_dais,
    open_screens,
    raise_moderated_caucus,
    roster_row,
    take_roll_call,
)

A = "Argentina"


def test_after_raising_a_motion_the_phone_form_keeps_the_motion_the_delegate_chose(
    new_context: ContextFactory, phone: ContextFactory, live_server_url: str
) -> None:
    committee = create_committee(new_context, live_server_url)
    screens = open_screens(new_context, phone, live_server_url, committee, [A])
    take_roll_call(screens)
    handset = screens.phones[A]

    raise_moderated_caucus(handset, minutes=10, seconds=60, topic="Rapid deployment")

    form = handset.get_by_test_id("motion-raise-form")
    expect(form.get_by_test_id("motion-code")).to_have_value("moderated_caucus")
    details = handset.locator("details.motion-raise")
    if details.get_attribute("open") is None:
        details.locator("summary").tap()
    # The chosen motion's own fields, empty for the next one.
    expect(form.get_by_label("Topic")).to_have_value("")
    expect(form.get_by_label("Speaking time (seconds)")).to_be_visible()


def test_a_phone_signed_out_by_a_new_code_is_told_why_on_the_join_page(
    new_context: ContextFactory, phone: ContextFactory, live_server_url: str
) -> None:
    committee = create_committee(new_context, live_server_url)
    handset = phone().new_page()
    join_as(handset, live_server_url, A, committee.codes[A])
    dais = open_dais(new_context, live_server_url, committee.slug)
    row = roster_row(dais, A)
    expect(row).to_have_attribute("data-online", "true")

    dais.once("dialog", lambda dialog: dialog.accept())
    row.get_by_test_id("regenerate-code").click()

    expect(handset).to_have_url(re.compile(r"/join/\?signed_out=1$"))
    expect(handset.get_by_test_id("signed-out")).to_have_text(
        "This phone was signed out because the delegation's code was changed. "
        "Ask the dais for the new code."
    )
    # Typing a code again is the way back; the explanation is not kept forever.
    handset.goto(f"{live_server_url}/join/")
    expect(handset.get_by_test_id("signed-out")).to_have_count(0)
