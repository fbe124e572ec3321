"""Voting procedure on the screens of a live committee, from closure to an adopted resolution:
the chair's laptop, the projector and three phones.

Eleven members answer the roll call: Argentina, Canada and Egypt on their phones, the others
marked present by the dais (they may abstain; the phones answered present and voting). DR 1.1
(with Japan's unfriendly amendment to strike its third clause) and DR 1.2 are prepared in the
server's database, and the dais introduces them. Then, on the screens: closure is carried; a
division of the question and a roll-call vote are moved on phones and carried; the amendment
is voted on the phones, with Japan's vote entered by the dais; the divided clause by
placards; DR 1.1 by roll call with a pass and a "yes with rights"; DR 1.1 is adopted with the
amendment applied.
"""

import json
import re

from playwright.sync_api import Locator, Page, expect

from tests.browser.helpers import (
    ContextFactory,
    add_to_speakers_list,
    assert_not_reloaded,
    create_committee,
    mark_not_reloaded,
    open_screens,
    take_roll_call,
)
from tests.browser.test_papers_flow import ELEVEN_MEMBERS
from tests.browser.voting_setup import LIVE_SERVER_SCRIPT
from tests.live_server import finish, python

A, B, C = "Argentina", "Canada", "Egypt"
OTHERS = ("Brazil", "France", "Ghana", "India", "Japan", "Kenya", "Mexico", "Norway")
CALL_ORDER = (
    "Argentina",
    "Brazil",
    "Canada",
    "Egypt",
    "France",
    "Ghana",
    "India",
    "Japan",
    "Kenya",
    "Mexico",
    "Norway",
)


def prepare_papers(env: dict[str, str], slug: str) -> dict[str, int]:
    output = finish(python(env, "-c", LIVE_SERVER_SCRIPT, slug))
    return json.loads(output.strip().splitlines()[-1])


def confirm_next_dialog(page: Page) -> None:
    page.once("dialog", lambda dialog: dialog.accept())


def open_raise_form(page: Page, code: str) -> Locator:
    details = page.locator("details.motion-raise")
    if details.get_attribute("open") is None:
        details.locator("summary").tap()
    page.get_by_test_id("motion-raise-form").get_by_test_id("motion-code").select_option(code)
    # Choosing the motion asks the server for its fields: the form is replaced.
    return page.get_by_test_id("motion-raise-form")


def raise_division(page: Page, draft: str, clauses: list[str]) -> None:
    """On a phone: move to divide the question, naming the draft and its clauses by number."""
    form = open_raise_form(page, "divide_question")
    form.get_by_test_id("motion-target").select_option(label=draft)
    form = page.get_by_test_id("motion-raise-form")
    for number in clauses:
        form.get_by_role("checkbox", name=re.compile(rf"^{number} — ")).check()
    form.get_by_test_id("motion-raise").tap()
    expect(page.get_by_test_id("phone-own-motion").filter(has_text="Divide")).to_have_count(1)


def raise_roll_call(page: Page, draft: str) -> None:
    form = open_raise_form(page, "roll_call_vote")
    form.get_by_test_id("motion-target").select_option(label=draft)
    page.get_by_test_id("motion-raise-form").get_by_test_id("motion-raise").tap()
    expect(page.get_by_test_id("phone-own-motion").filter(has_text="Roll-call")).to_have_count(1)


def second(phone: Page, motion: str) -> None:
    phone.get_by_test_id("phone-second").filter(has_text=motion).get_by_test_id(
        "motion-second"
    ).tap()


def carry_by_placard(dais: Page, motion: str, yes: int, no: int) -> None:
    queue = dais.get_by_test_id("motion-queue").locator("li[data-motion]")
    item = queue.filter(has_text=motion)
    expect(item.get_by_text("needs a second")).to_have_count(0)
    item.get_by_test_id("motion-vote-placard").click()
    form = dais.get_by_test_id("motion-count-form")
    form.get_by_label("Yes").fill(str(yes))
    form.get_by_label("No").fill(str(no))
    form.get_by_test_id("motion-vote-close").click()
    expect(dais.get_by_test_id("motion-result")).to_contain_text("carried")


def tally(page: Page) -> Locator:
    return page.get_by_test_id("vote-tally")


def expect_tally(pages: list[Page], yes: int, no: int, abstain: int, missing: int) -> None:
    """Every screen shows the same live tally."""
    for page in pages:
        shown = tally(page)
        expect(shown).to_have_attribute("data-yes", str(yes))
        expect(shown).to_have_attribute("data-no", str(no))
        expect(shown).to_have_attribute("data-abstain", str(abstain))
        expect(shown).to_have_attribute("data-missing", str(missing))


def answer_roll(dais: Page, delegation: str, choice: str) -> None:
    called = dais.get_by_test_id("roll-call-next")
    expect(called).to_contain_text(delegation)
    called.get_by_test_id(f"roll-answer-{choice}").click()
    expect(
        dais.get_by_test_id("roll-call-table").locator("tr").filter(has_text=delegation)
    ).to_contain_text(re.compile(r"\S"))


def test_voting_procedure_from_closure_to_an_adopted_resolution(
    new_context: ContextFactory,
    phone: ContextFactory,
    live_server_url: str,
    live_server_env: dict[str, str],
) -> None:
    committee = create_committee(new_context, live_server_url, roster=ELEVEN_MEMBERS)
    slug = committee.slug
    screens = open_screens(new_context, phone, live_server_url, committee, [A, B, C])
    take_roll_call(screens, marked_by_dais=OTHERS)
    dais, projector = screens.dais, screens.projector
    phone_a, phone_b, phone_c = (screens.phones[name] for name in (A, B, C))
    papers = prepare_papers(live_server_env, slug)
    everyone = [dais, projector, phone_a, phone_b, phone_c]

    # The papers were made behind the screens' backs: the next push (the dais adds a speaker
    # to the list) brings every screen up to date, and the dais introduces them.
    add_to_speakers_list(dais, "Brazil")
    for document in (papers["dr1"], papers["dr2"]):
        listed = dais.get_by_test_id("documents-public").locator(f'li[data-document="{document}"]')
        listed.get_by_test_id("document-introduce").click()
        expect(listed).to_contain_text("introduced")

    # Closure of debate, moved on A's phone and seconded on B's, is carried by placard: the
    # doors close and the order of voting appears on the dais.
    open_raise_form(phone_a, "close_debate").get_by_test_id("motion-raise").tap()
    second(phone_b, "Closure of debate")
    carry_by_placard(dais, "Closure of debate", yes=10, no=1)
    order = dais.get_by_test_id("voting-order")
    expect(order.locator("li")).to_have_count(3)
    expect(order.locator("li").nth(0)).to_contain_text("Amendment 1 to DR 1.1")
    expect(dais.get_by_test_id("voting-doors")).to_contain_text("11 delegations admitted")
    for page in (phone_a, phone_b, phone_c):
        expect(page.get_by_test_id("phone-phase")).to_have_text("Voting procedure")

    # A division of the question (clause 2 of DR 1.1) and a roll-call vote on DR 1.1 are
    # moved on phones, seconded, and carried before the first substantive vote.
    raise_division(phone_c, "DR 1.1", ["2"])
    second(phone_a, "Divide the question")
    carry_by_placard(dais, "Divide the question", yes=8, no=3)
    raise_roll_call(phone_b, "DR 1.1")
    second(phone_c, "Roll-call vote")
    carry_by_placard(dais, "Roll-call vote", yes=7, no=4)
    expect(order.locator("li")).to_have_count(4)
    expect(order.locator("li").nth(1)).to_contain_text("Operative clause 2 of DR 1.1")

    # The amendment, voted on the phones: the same live tally on every screen; the dais
    # enters Japan's vote, given aloud.
    dais.get_by_test_id("voting-open-phones").click()
    expect(projector.get_by_test_id("projector-vote-item")).to_have_text("Amendment 1 to DR 1.1")
    mark_not_reloaded(*everyone)
    phone_a.get_by_test_id("phone-vote-ballot").get_by_test_id("vote-no").tap()
    expect_tally(everyone, yes=0, no=1, abstain=0, missing=10)
    phone_b.get_by_test_id("phone-vote-ballot").get_by_test_id("vote-yes").tap()
    phone_c.get_by_test_id("phone-vote-ballot").get_by_test_id("vote-yes").tap()
    japan = dais.get_by_test_id("voting-not-voted").locator('li[data-delegation="Japan"]')
    japan.get_by_test_id("voting-enter-yes").click()
    expect_tally(everyone, yes=3, no=1, abstain=0, missing=7)
    expect(dais.get_by_test_id("voting-entered-by-dais")).to_contain_text("1 vote entered")
    expect(phone_a.get_by_test_id("phone-vote-ballot")).to_have_attribute("data-choice", "no")
    assert_not_reloaded(*everyone)
    confirm_next_dialog(dais)
    dais.get_by_test_id("voting-close").click()
    result = dais.get_by_test_id("voting-result")
    expect(result).to_contain_text("Amendment 1 to DR 1.1")
    expect(result).to_contain_text("adopted")
    expect(result).to_contain_text("Yes 3, No 1, Abstain 0, did not vote 7")
    expect(projector.get_by_test_id("projector-vote-result")).to_have_text("adopted")
    expect(phone_b.get_by_test_id("phone-vote-result")).to_contain_text("adopted")

    # The divided clause, by placards: kept.
    dais.get_by_test_id("voting-open-placards").click()
    form = dais.get_by_test_id("voting-count-form")
    form.get_by_label("Yes").fill("8")
    form.get_by_label("No").fill("2")
    form.get_by_label("Abstain").fill("1")
    form.get_by_test_id("voting-close").click()
    expect(result).to_contain_text("Operative clause 2 of DR 1.1")
    expect(result).to_contain_text("adopted")

    # DR 1.1 by roll call: one key or click per answer; Brazil passes, Canada votes yes with
    # rights; Canada's phone says when it is called; Brazil answers in round 2.
    expect(dais.get_by_test_id("voting-open-placards")).to_have_count(0)
    dais.get_by_test_id("voting-open-roll_call").click()
    roll = dais.get_by_test_id("roll-call")
    expect(roll.get_by_test_id("roll-call-next")).to_contain_text(A)
    expect(phone_a.get_by_test_id("phone-roll-you-are-next")).to_be_visible()
    dais.keyboard.press("1")  # Argentina: Yes, by its key
    answer_roll(dais, "Brazil", "pass")
    expect(phone_b.get_by_test_id("phone-roll-you-are-next")).to_be_visible()
    expect(phone_a.get_by_test_id("phone-roll-you-are-next")).to_have_count(0)
    answer_roll(dais, "Canada", "yes_with_rights")
    for name in CALL_ORDER[3:-1]:
        answer_roll(dais, name, "yes")
    answer_roll(dais, "Norway", "no")
    expect_tally(everyone, yes=9, no=1, abstain=0, missing=0)
    dais.get_by_test_id("roll-call-round-two").click()
    answer_roll(dais, "Brazil", "yes")
    expect_tally(everyone, yes=10, no=1, abstain=0, missing=0)
    roll.get_by_test_id("voting-close").click()
    expect(result).to_contain_text("DR 1.1")
    expect(result).to_contain_text("adopted")
    expect(result).to_contain_text("Yes 10, No 1, Abstain 0, did not vote 0")
    expect(dais.get_by_test_id("voting-rights")).to_contain_text("Canada")
    expect(projector.get_by_test_id("projector-vote-result")).to_have_text("adopted")

    # The adopted text: the third clause struck, the rest renumbered, on the paper's page.
    phone_a.goto(f"/d/{slug}/papers/{papers['dr1']}/")
    text = phone_a.locator(f"#document-{papers['dr1']}")
    expect(text).not_to_contain_text("Invites regional organizations")
    expect(text).to_contain_text("3. Decides to remain seized of the matter.")
    expect(text).to_contain_text("adopted")
