"""A phone vote in a room where some delegations have no working phone: the dais enters theirs."""

from playwright.sync_api import expect

from tests.browser.helpers import (
    ContextFactory,
    create_committee,
    open_screens,
    raise_moderated_caucus,
    take_roll_call,
)

WITH_PHONES = ["Canada", "Japan"]
WITHOUT_PHONES = ["Argentina", "Egypt", "Norway"]


def test_the_dais_enters_the_votes_of_delegations_without_phones_and_the_motion_carries(
    new_context: ContextFactory, phone: ContextFactory, live_server_url: str
) -> None:
    committee = create_committee(new_context, live_server_url)
    screens = open_screens(new_context, phone, live_server_url, committee, WITH_PHONES)
    dais = screens.dais
    canada, japan = screens.phones["Canada"], screens.phones["Japan"]
    take_roll_call(screens, marked_by_dais=WITHOUT_PHONES)

    topic = "Safety of peacekeepers"
    raise_moderated_caucus(canada, minutes=10, seconds=60, topic=topic)
    japan.get_by_test_id("phone-second").filter(has_text=topic).get_by_test_id(
        "motion-second"
    ).tap()
    dais.get_by_test_id("motion-queue").locator("li[data-motion]").first.get_by_test_id(
        "motion-vote-phone"
    ).click()

    canada.get_by_test_id("ballot-yes").tap()
    japan.get_by_test_id("ballot-no").tap()
    tally = dais.get_by_test_id("motion-tally")
    expect(tally).to_contain_text("Yes 1 No 1 2 of 5 voted")

    # The dais sees who has not voted, and enters what each says aloud.
    not_voted = dais.get_by_test_id("motion-not-voted").locator("li[data-delegation]")
    expect(not_voted).to_have_count(3)
    for name, choice in (("Argentina", "yes"), ("Egypt", "yes"), ("Norway", "no")):
        row = not_voted.and_(dais.locator(f'[data-delegation="{name}"]'))
        row.get_by_test_id(f"ballot-enter-{choice}").click()
        expect(row).to_have_count(0)
    expect(tally).to_contain_text("Yes 3 No 2 5 of 5 voted")
    expect(dais.get_by_test_id("motion-not-voted")).to_have_count(0)
    expect(dais.get_by_test_id("motion-entered-by-dais")).to_have_text(
        "3 votes entered by the dais"
    )

    # Nobody is missing: the chair closes the vote without being asked to confirm.
    questions: list[str] = []
    dais.on("dialog", lambda dialog: (questions.append(dialog.message), dialog.accept()))
    dais.get_by_test_id("motion-vote-close").click()
    result = dais.get_by_test_id("motion-result")
    expect(result).to_contain_text("Moderated caucus: carried")
    expect(result).to_contain_text("Yes 3, No 2, did not vote 0")
    assert questions == []
    expect(dais.locator("#log")).to_contain_text("Egypt voted Yes (entered by the dais)")
    expect(canada.get_by_test_id("phone-caucus-topic")).to_have_text(f"“{topic}”")
