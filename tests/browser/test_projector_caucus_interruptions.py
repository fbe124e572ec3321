"""The projector during a moderated caucus: a slot that runs out turns red, and a right of reply
made between slots is on screen while the caucus clock stands still."""

import re

from playwright.sync_api import expect

from tests.browser.helpers import (
    ContextFactory,
    create_committee,
    open_screens,
    raise_moderated_caucus,
    take_roll_call,
)

A, B, C = "Canada", "Japan", "Egypt"
PROJECTOR_RED = "rgb(255, 122, 112)"  # .timer--projector.timer--expired in bimun.css


def test_the_projector_shows_an_expired_slot_in_red_and_a_reply_during_the_caucus(
    new_context: ContextFactory, phone: ContextFactory, live_server_url: str
) -> None:
    # Slots as short as the rules may be set, so that one runs out within seconds.
    committee = create_committee(
        new_context, live_server_url, rules_overrides='{"mod_speaker_min": 5}'
    )
    screens = open_screens(new_context, phone, live_server_url, committee, [A, B])
    dais, projector = screens.dais, screens.projector
    phone_a, phone_b = screens.phones[A], screens.phones[B]
    take_roll_call(screens, marked_by_dais=[C])

    # A moderated caucus with the shortest slots the rules allow, carried by phone.
    topic = "Rapid deployment of troops"
    raise_moderated_caucus(phone_a, minutes=10, seconds=5, topic=topic)
    phone_b.get_by_test_id("phone-second").filter(has_text=topic).get_by_test_id(
        "motion-second"
    ).tap()
    dais.get_by_test_id("motion-queue").locator("li[data-motion]").first.get_by_test_id(
        "motion-vote-phone"
    ).click()
    for page in (phone_a, phone_b):
        page.get_by_test_id("ballot-yes").tap()
    dais.once("dialog", lambda dialog: dialog.accept())  # Egypt has no phone to vote with
    dais.get_by_test_id("motion-vote-close").click()
    expect(projector.get_by_test_id("projector-caucus-topic")).to_have_text(f"“{topic}”")

    # Japan speaks; its slot runs out and turns red on the projector like every other clock.
    phone_b.get_by_test_id("caucus-raise").tap()
    dais.get_by_test_id("caucus-queue").get_by_role("button", name=f"Recognise {B}").click()
    expect(projector.get_by_test_id("projector-caucus-speaker")).to_have_text(B)
    slot = projector.locator(".caucus-projector__slot")
    expect(slot).to_have_class(re.compile(r"\btimer--projector\b"))
    expect(slot).to_have_class(re.compile(r"\btimer--expired\b"), timeout=15_000)
    expect(slot).to_have_css("color", PROJECTOR_RED)

    # Between slots Canada makes a right of reply: the room sees it, and the caucus waits.
    dais.get_by_test_id("caucus-slot-end").click()
    expect(projector.get_by_test_id("projector-caucus-speaker")).to_have_count(0)
    phone_a.locator("#reply-against").select_option(label=B)
    phone_a.get_by_test_id("reply-national_integrity").tap()
    dais.get_by_test_id("replies-requested").get_by_role("button", name="Grant").click()
    expect(projector.get_by_test_id("projector-caucus-reply")).to_have_text("Right of reply")
    expect(projector.get_by_test_id("projector-reply-speaker")).to_have_text(A)
    caucus_clock = projector.get_by_test_id("projector-caucus-time").locator("[data-timer]")
    expect(caucus_clock).to_have_attribute("data-running", "false")
    expect(dais.get_by_test_id("caucus-paused")).to_have_text("Paused for a right of reply")

    # The reply ends: the caucus clock runs again.
    dais.get_by_role("button", name="End the reply").click()
    expect(projector.get_by_test_id("projector-reply-speaker")).to_have_count(0)
    total = projector.locator("#projector-main > .projector__body > [data-timer]")
    expect(total).to_have_attribute("data-running", "true")
    expect(dais.get_by_test_id("caucus-paused")).to_have_count(0)
