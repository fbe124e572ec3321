"""What cannot be taken back asks first, and a replaced projector link says so on the screen."""

import re
from collections.abc import Callable

from playwright.sync_api import Dialog, Page, expect

from tests.browser.helpers import (
    ContextFactory,
    assert_not_reloaded,
    create_committee,
    mark_not_reloaded,
    open_dais,
    open_projector,
)


def _answer_next_dialog(page: Page, *, accept: bool) -> list[str]:
    questions: list[str] = []

    def answer(dialog: Dialog) -> None:
        questions.append(dialog.message)
        if accept:
            dialog.accept()
        else:
            dialog.dismiss()

    page.once("dialog", answer)
    return questions


def _wait_until(page: Page, done: Callable[[], bool]) -> None:
    for _ in range(50):
        if done():
            return
        page.wait_for_timeout(100)


def test_a_new_projector_link_is_confirmed_first_and_the_old_projector_says_it_was_replaced(
    new_context: ContextFactory, live_server_url: str
) -> None:
    committee = create_committee(new_context, live_server_url)
    dais = open_dais(new_context, live_server_url, committee.slug)
    projector = open_projector(new_context, dais)
    mark_not_reloaded(projector)
    old_link = dais.get_by_test_id("projector-link").get_attribute("href")
    new_link = dais.get_by_role("button", name="New projector link")
    replaced = projector.get_by_test_id("link-replaced")

    questions = _answer_next_dialog(dais, accept=False)
    new_link.click()
    expect(dais.get_by_test_id("projector-link")).to_have_attribute("href", old_link or "")
    assert questions == [
        "Make a new projector link? The screen open with the old link stops and must be "
        "opened again."
    ]
    expect(replaced).to_be_hidden()

    questions = _answer_next_dialog(dais, accept=True)
    new_link.click()
    expect(
        dais.get_by_text("New projector link made. The old link no longer works.")
    ).to_be_visible()
    assert len(questions) == 1

    # The old projector shows, large and in both languages, why it stopped; no bare error page.
    expect(replaced).to_be_visible()
    expect(replaced).to_contain_text("This projector link was replaced.")
    expect(replaced).to_contain_text("此投影链接已被更换。")
    expect(projector.locator("#projector-main")).to_be_hidden()
    font_size = replaced.locator(".link-replaced__title").first.evaluate(
        "title => parseFloat(getComputedStyle(title).fontSize)"
    )
    assert font_size >= 60, font_size
    assert_not_reloaded(projector)
    assert projector.url == old_link


def test_the_roll_call_key_asks_before_starting_a_new_roll_call(
    new_context: ContextFactory, live_server_url: str
) -> None:
    committee = create_committee(new_context, live_server_url)
    dais = open_dais(new_context, live_server_url, committee.slug)
    dais.get_by_role("button", name="Open a session").click()
    expect(dais.get_by_test_id("roll-call-start")).to_be_visible()
    started: list[str] = []
    dais.on(
        "request",
        lambda request: started.append(request.url) if "roll-call" in request.url else None,
    )
    dais.locator("h1").click()  # the keys are the page's, not a focused button's

    questions = _answer_next_dialog(dais, accept=False)
    dais.keyboard.press("r")
    _wait_until(dais, lambda: bool(questions))
    assert questions == ["Start a new roll call? Every delegation answers again."]
    assert started == []
    expect(dais.get_by_test_id("roll-call-start")).to_be_visible()

    questions = _answer_next_dialog(dais, accept=True)
    dais.keyboard.press("r")
    expect(dais.get_by_test_id("roll-call-close")).to_be_visible()
    expect(dais.get_by_test_id("phase")).to_have_text(re.compile("Roll call"))
    assert len(questions) == 1
