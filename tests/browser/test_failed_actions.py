"""A tap on a phone ends either recorded or with a visible "not recorded" on what was tapped."""

import re

from playwright.sync_api import Page, Route, expect

from tests.browser.helpers import (
    NO_CONNECTION,
    NOT_RECORDED,
    ContextFactory,
    create_committee,
    open_phone_vote,
    open_screens,
    take_roll_call,
)

A, B = "Argentina", "Canada"
VOTE_URL = re.compile(r"/d/[^/]+/motions/vote/$")
FAILED = re.compile(r"\bis-failed\b")


def _vote_open_on_two_phones(
    new_context: ContextFactory, phone: ContextFactory, base_url: str
) -> tuple[Page, Page]:
    committee = create_committee(new_context, base_url)
    screens = open_screens(new_context, phone, base_url, committee, [A, B])
    take_roll_call(screens)
    open_phone_vote(screens, A, B, topic="Protection of civilians")
    return screens.phones[A], screens.dais


def test_a_vote_the_server_fails_to_record_is_marked_not_recorded_until_tapped_again(
    new_context: ContextFactory, phone: ContextFactory, live_server_url: str
) -> None:
    handset, dais = _vote_open_on_two_phones(new_context, phone, live_server_url)
    yes = handset.get_by_test_id("ballot-yes")
    notices = handset.locator("#notices")

    # A server error with no notice of its own.
    handset.route(VOTE_URL, lambda route: route.fulfill(status=500, body="Server Error"))
    yes.tap()
    expect(yes).to_have_class(FAILED)
    expect(yes.get_by_test_id("action-failed")).to_have_text(NOT_RECORDED)
    expect(notices.get_by_role("alert")).to_have_text(NOT_RECORDED)
    expect(yes).not_to_have_attribute("aria-pressed", "true")
    expect(yes).to_be_enabled()

    # The network fails on the way: the button says the connection is the trouble.
    handset.unroute(VOTE_URL)
    handset.route(VOTE_URL, lambda route: route.abort("internetdisconnected"))
    yes.tap()
    expect(yes.get_by_test_id("action-failed")).to_have_text(NO_CONNECTION)
    expect(notices.get_by_role("alert")).to_have_text(NO_CONNECTION)

    # A busy server that says so: its own notice is shown, and the button is marked.
    def busy(route: Route) -> None:
        notice = '<div class="notice notice--error" role="alert">The floor is busy.</div>'
        route.fulfill(
            status=503,
            headers={"HX-Retarget": "#notices", "HX-Reswap": "innerHTML"},
            content_type="text/html",
            body=notice,
        )

    handset.unroute(VOTE_URL)
    handset.route(VOTE_URL, busy)
    yes.tap()
    expect(notices.get_by_role("alert")).to_have_text("The floor is busy.")
    expect(yes.get_by_test_id("action-failed")).to_have_text(NOT_RECORDED)

    # Tapped again with the server answering: recorded, and nothing says otherwise.
    handset.unroute(VOTE_URL)
    yes.tap()
    expect(yes).to_have_attribute("aria-pressed", "true")
    expect(yes).not_to_have_class(FAILED)
    expect(yes.get_by_test_id("action-failed")).to_have_count(0)
    expect(dais.get_by_test_id("motion-tally")).to_contain_text("Yes 1 No 0")


def test_a_button_is_busy_while_its_request_is_on_the_way_and_a_second_tap_sends_nothing(
    new_context: ContextFactory, phone: ContextFactory, live_server_url: str
) -> None:
    handset, _dais = _vote_open_on_two_phones(new_context, phone, live_server_url)
    sent: list[str] = []
    handset.on(
        "request",
        lambda request: sent.append(request.url) if VOTE_URL.search(request.url) else None,
    )

    state = handset.get_by_test_id("ballot-no").evaluate(
        """button => {
            button.click();
            const busy = {
                disabled: button.disabled,
                request: button.classList.contains('htmx-request'),
            };
            button.click();
            return busy;
        }"""
    )

    assert state == {"disabled": True, "request": True}
    expect(handset.get_by_test_id("ballot-no")).to_have_attribute("aria-pressed", "true")
    assert len(sent) == 1, sent
    # A request with no answer gives up after 10 s and says so, rather than spinning on.
    assert handset.evaluate("htmx.config.timeout") == 10_000
