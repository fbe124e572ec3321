"""The dais sees phones come and go, live, without reloading."""

import re

from playwright.sync_api import Page, expect

from tests.browser.helpers import (
    CHAIR,
    DEMO_COMMITTEE,
    ContextFactory,
    join_as,
    login,
    read_access_codes,
)

ONLINE = re.compile(r"\bconnection--online\b")


def _mark_page(page: Page) -> None:
    # A reload would drop this flag: proof that the change arrived over the websocket.
    page.evaluate("window.bimunNotReloaded = true")


def _not_reloaded(page: Page) -> bool:
    return page.evaluate("window.bimunNotReloaded === true")


def test_dais_sees_a_phone_come_online_and_go_offline(
    new_context: ContextFactory, phone: ContextFactory, live_server_url: str
) -> None:
    code = read_access_codes(new_context, live_server_url)["Japan"]
    dais = new_context().new_page()
    login(dais, live_server_url, *CHAIR)
    dais.goto(f"{live_server_url}/c/{DEMO_COMMITTEE}/dais/")

    roster = dais.get_by_test_id("roster")
    expect(roster.locator("li[data-delegation]")).not_to_have_count(0)
    for name in ("China", "France", "United States of America"):
        expect(roster.locator(f'li[data-delegation="{name}"]')).to_be_visible()
    japan = roster.locator('li[data-delegation="Japan"]')
    expect(japan).to_have_attribute("data-online", "false")
    expect(dais.get_by_test_id("connection")).to_have_class(ONLINE)
    expect(dais.get_by_test_id("connection")).to_have_text("Live")
    _mark_page(dais)

    handset = phone()
    phone_page = handset.new_page()
    join_as(phone_page, live_server_url, "Japan", code)
    expect(phone_page.get_by_test_id("connection")).to_have_class(ONLINE)
    expect(phone_page.get_by_test_id("connection")).to_have_text("Live")

    expect(japan).to_have_attribute("data-online", "true")
    expect(japan.get_by_role("img", name="online")).to_be_visible()

    handset.close()

    expect(japan).to_have_attribute("data-online", "false")
    expect(japan.get_by_role("img", name="offline")).to_be_visible()
    assert _not_reloaded(dais)


def test_the_chair_switches_the_time_up_sound_on_and_it_stays_on(
    new_context: ContextFactory, live_server_url: str
) -> None:
    dais = new_context().new_page()
    login(dais, live_server_url, *CHAIR)
    dais.goto(f"{live_server_url}/c/{DEMO_COMMITTEE}/dais/")
    switch = dais.locator("#sound-switch")
    expect(switch).to_have_attribute("aria-pressed", "false")  # off by default
    switch.click()
    expect(switch).to_have_attribute("aria-pressed", "true")
    expect(switch).to_have_text("Sound at time-up: on")
    dais.reload()
    expect(dais.locator("#sound-switch")).to_have_attribute("aria-pressed", "true")
