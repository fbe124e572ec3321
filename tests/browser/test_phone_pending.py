"""On a small phone, what the delegate must answer is at the top, stays there, and buzzes."""

from playwright.sync_api import BrowserContext, Page, expect

from tests.browser.helpers import (
    SMALL_PHONE,
    ContextFactory,
    create_committee,
    open_phone_vote,
    open_screens,
    take_roll_call,
)

A, B = "Argentina", "Canada"

# Every navigator.vibrate() call, kept where the test can read it.
RECORD_BUZZES = """
window.bimunBuzzes = [];
navigator.vibrate = pattern => { window.bimunBuzzes.push(pattern); return true; };
"""

# How often the name shows, in visible text laid out above the given y (page coordinates).
NAME_ABOVE = """([name, bottom]) => {
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    let count = 0;
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const element = node.parentElement;
        if (!node.textContent.includes(name) || !element.checkVisibility()) continue;
        const range = document.createRange();
        range.selectNodeContents(node);
        const rect = range.getBoundingClientRect();
        if (rect.height > 0 && rect.bottom + window.scrollY <= bottom) {
            count += node.textContent.split(name).length - 1;
        }
    }
    return count;
}"""


def buzzes(page: Page) -> int:
    return page.evaluate("window.bimunBuzzes.length")


def test_at_360_px_the_vote_is_in_the_first_screen_stays_on_top_when_scrolled_and_buzzes(
    new_context: ContextFactory, live_server_url: str
) -> None:
    def small_phone(**options: object) -> BrowserContext:
        return new_context(**{**SMALL_PHONE, **options})

    committee = create_committee(new_context, live_server_url)
    screens = open_screens(
        new_context,
        small_phone,
        live_server_url,
        committee,
        [A, B],
        prepare_phone=lambda page: page.add_init_script(RECORD_BUZZES),
    )
    handset = screens.phones[A]
    # The welcome goes away by itself: it must not keep pushing the floor down.
    expect(handset.get_by_test_id("messages")).to_be_hidden()

    take_roll_call(screens)
    before_vote = buzzes(handset)
    open_phone_vote(screens, A, B, topic="Protection of civilians")

    pending = handset.get_by_test_id("pending-actions")
    yes = pending.get_by_test_id("ballot-yes")
    expect(yes).to_be_visible()
    expect(yes).to_be_in_viewport()
    expect(pending.get_by_test_id("ballot-no")).to_be_in_viewport()
    handset.wait_for_function("n => window.bimunBuzzes.length > n", arg=before_vote)

    top = yes.evaluate("button => button.getBoundingClientRect().top + window.scrollY")
    assert handset.evaluate(NAME_ABOVE, [A, top]) == 1

    handset.evaluate("window.scrollTo(0, document.body.scrollHeight)")
    handset.wait_for_function("window.scrollY > 200")
    expect(yes).to_be_in_viewport()
    yes.tap()
    expect(yes).to_have_attribute("aria-pressed", "true")
