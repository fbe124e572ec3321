"""Screenshots of voting procedure for the README: the dais, the projector and a phone while an
amendment is voted on the phones, in English and in Chinese.

Each language gets a committee of its own, set up as tests/browser/test_voting_flow.py sets
it up (two draft resolutions prepared in the server's database, introduced by the dais,
closure carried); then the amendment is put to the phones, two phones vote and the dais enters
a vote given aloud. The PNGs go where test_screenshots.py puts its own.
"""

from dataclasses import dataclass

from playwright.sync_api import Page, expect

from tests.browser.helpers import (
    ONLINE,
    ContextFactory,
    add_to_speakers_list,
    create_committee,
    in_language,
    open_screens,
    save_screenshot,
    screenshot_dir,
    take_roll_call,
    use_language,
)
from tests.browser.test_papers_flow import ELEVEN_MEMBERS
from tests.browser.test_voting_flow import (
    OTHERS,
    A,
    B,
    C,
    carry_by_placard,
    open_raise_form,
    prepare_papers,
    second,
)


@dataclass(frozen=True)
class Language:
    code: str  # as the language cookie names it
    suffix: str  # of the PNG files
    item: str  # the amendment, as the order of voting names it
    phone_title: str  # the ballot's heading on the phone


ENGLISH = Language("en", "en", "Amendment 1 to DR 1.1", "Your vote on Amendment 1 to DR 1.1")
CHINESE = Language("zh-hans", "zh", "决议草案 1.1 修正案 1", "你对 决议草案 1.1 修正案 1 的投票")


def _in(page: Page, base_url: str, language: Language) -> None:
    use_language(page, base_url, language.code)
    page.reload()
    in_language(page, language.code)
    expect(page.get_by_test_id("connection")).to_have_class(ONLINE)


def _voting_of_one_committee(
    new_context: ContextFactory,
    phone: ContextFactory,
    base_url: str,
    env: dict[str, str],
    language: Language,
) -> None:
    committee = create_committee(new_context, base_url, roster=ELEVEN_MEMBERS)
    screens = open_screens(
        new_context, lambda: phone(device_scale_factor=2), base_url, committee, [A, B, C]
    )
    take_roll_call(screens, marked_by_dais=OTHERS)
    dais, projector = screens.dais, screens.projector
    phone_a, phone_b = screens.phones[A], screens.phones[B]
    papers = prepare_papers(env, committee.slug)
    add_to_speakers_list(dais, "Brazil")
    for document in (papers["dr1"], papers["dr2"]):
        listed = dais.get_by_test_id("documents-public").locator(f'li[data-document="{document}"]')
        listed.get_by_test_id("document-introduce").click()
        expect(listed).to_contain_text("introduced")
    open_raise_form(phone_a, "close_debate").get_by_test_id("motion-raise").tap()
    second(phone_b, "Closure of debate")
    carry_by_placard(dais, "Closure of debate", yes=10, no=1)

    for page in (dais, projector, phone_a):
        _in(page, base_url, language)
    dais.get_by_test_id("voting-open-phones").click()
    phone_a.get_by_test_id("phone-vote-ballot").get_by_test_id("vote-yes").tap()
    phone_b.get_by_test_id("phone-vote-ballot").get_by_test_id("vote-no").tap()
    japan = dais.get_by_test_id("voting-not-voted").locator('li[data-delegation="Japan"]')
    japan.get_by_test_id("voting-enter-yes").click()
    for page in (dais, projector, phone_a):
        expect(page.get_by_test_id("vote-tally")).to_have_attribute("data-yes", "2")
        expect(page.get_by_test_id("vote-tally")).to_have_attribute("data-no", "1")
    expect(dais.get_by_test_id("voting-question")).to_contain_text(language.item)
    expect(projector.get_by_test_id("projector-vote-item")).to_have_text(language.item)
    expect(phone_a.get_by_test_id("phone-vote-ballot")).to_contain_text(language.phone_title)

    dais.locator("#voting").scroll_into_view_if_needed()
    save_screenshot(dais, screenshot_dir() / f"dais-voting-{language.suffix}.png")
    save_screenshot(projector, screenshot_dir() / f"projector-voting-{language.suffix}.png")
    phone_a.get_by_test_id("phone-vote-ballot").scroll_into_view_if_needed()
    save_screenshot(phone_a, screenshot_dir() / f"phone-voting-{language.suffix}.png")


def test_screenshots_of_a_phone_vote_in_english(
    new_context: ContextFactory,
    phone: ContextFactory,
    live_server_url: str,
    live_server_env: dict[str, str],
) -> None:
    _voting_of_one_committee(new_context, phone, live_server_url, live_server_env, ENGLISH)


def test_screenshots_of_a_phone_vote_in_chinese(
    new_context: ContextFactory,
    phone: ContextFactory,
    live_server_url: str,
    live_server_env: dict[str, str],
) -> None:
    _voting_of_one_committee(new_context, phone, live_server_url, live_server_env, CHINESE)
