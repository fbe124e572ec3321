"""The live floor on four screens at once: the chair's laptop, the projector and two phones.

Each test sets up a committee of its own through the secretariat's pages (a five-member roster
and one observer, the demo chair on its dais), so no test depends on the floor another left.
Every change is checked on the screens that must show it, without a reload.
"""

import re
from collections.abc import Callable

from playwright.sync_api import Page, WebSocketRoute, expect

from tests.browser.helpers import (
    OFFLINE,
    ONLINE,
    SECRETARIAT,
    ContextFactory,
    Screens,
    add_to_speakers_list,
    assert_not_reloaded,
    create_committee,
    mark_not_reloaded,
    open_screens,
    raise_moderated_caucus,
    roster_row,
    take_roll_call,
    timer_seconds,
)

A, B, C = "Canada", "Japan", "Egypt"

# True once the [data-timer] element shows fewer seconds than the bound (m:ss, as live.js).
SHOWS_LESS_THAN = """([el, bound]) => {
    const [m, s] = el.textContent.trim().split(":");
    return Number(m) * 60 + Number(s) < bound;
}"""


def _numbers_everywhere(screens: Screens, present: int, total: int, quorum: str) -> None:
    """The present count and quorum as the dais, the projector and every phone show them."""
    dais, projector = screens.dais, screens.projector
    expect(dais.get_by_test_id("present-count")).to_have_text(str(present))
    expect(dais.get_by_test_id("quorum")).to_contain_text(quorum)
    projector_quorum = "quorum met" if quorum == "met" else "no quorum"
    expect(projector.get_by_test_id("projector-numbers")).to_contain_text(
        f"{present} present · {projector_quorum}"
    )
    expect(projector.get_by_test_id("projector-present")).to_have_text(
        f"{present} of {total} present"
    )
    for page in screens.phones.values():
        expect(page.get_by_test_id("phone-numbers")).to_have_text(
            f"{present} present · {projector_quorum}"
        )


def test_opening_roll_call_reaches_every_screen_and_the_secretariat(
    new_context: ContextFactory, phone: ContextFactory, live_server_url: str
) -> None:
    committee = create_committee(new_context, live_server_url)
    screens = open_screens(new_context, phone, live_server_url, committee, [A, B])
    dais, projector = screens.dais, screens.projector
    phone_a, phone_b = screens.phones[A], screens.phones[B]

    # Flow 5: the secretariat watches every committee from its dashboard.
    secretariat = new_context(signed_in_as=SECRETARIAT).new_page()
    secretariat.goto(f"{live_server_url}/secretariat/")
    expect(secretariat.get_by_test_id("connection")).to_have_class(ONLINE)
    summary = secretariat.locator(f'tr[data-committee="{committee.slug}"]')
    expect(summary).to_have_attribute("data-phase", "not_started")
    expect(summary.get_by_test_id("summary-state")).to_have_text("Not in session")
    mark_not_reloaded(*screens.all(), secretariat)

    expect(phone_a.locator("#phone-now")).to_contain_text("The session has not started yet.")
    dais.get_by_role("button", name="Open a session").click()
    dais.get_by_test_id("roll-call-start").click()
    expect(dais.get_by_test_id("phase")).to_have_text("Roll call")
    expect(summary).to_have_attribute("data-phase", "roll_call")
    expect(summary.get_by_test_id("summary-state")).to_contain_text("Session 1")
    _numbers_everywhere(screens, 0, 6, "not met")

    phone_a.get_by_test_id("answer-present-and-voting").tap()
    expect(phone_a.get_by_test_id("own-status")).to_have_text("Status: Present and voting")
    expect(roster_row(dais, A)).to_have_attribute("data-status", "present_and_voting")
    _numbers_everywhere(screens, 1, 6, "not met")

    phone_b.get_by_test_id("answer-present").tap()
    expect(phone_b.get_by_test_id("own-status")).to_have_text("Status: Present")
    expect(roster_row(dais, B)).to_have_attribute("data-status", "present")
    # Two of five members: enough to debate (a third), not to decide (a half).
    _numbers_everywhere(screens, 2, 6, "debate only")

    # A delegation without a phone answers aloud; the chair marks it from the roster.
    roster_row(dais, C).get_by_test_id("mark-present").click()
    expect(roster_row(dais, C)).to_have_attribute("data-status", "present")
    _numbers_everywhere(screens, 3, 6, "met")
    expect(dais.get_by_test_id("quorum")).to_contain_text("3/3")
    expect(summary.get_by_test_id("summary-attendance")).to_contain_text(
        "3 / 6 present · quorum met"
    )

    dais.get_by_test_id("roll-call-close").click()
    expect(dais.get_by_test_id("roll-call-start")).to_be_visible()
    expect(dais.get_by_test_id("phase")).to_have_text("General speakers' list")
    for page in (phone_a, phone_b):
        expect(page.get_by_test_id("answer-present")).to_have_count(0)
        expect(page.get_by_test_id("phone-phase")).to_have_text("General speakers' list")
    expect(projector.get_by_test_id("projector-present")).to_have_count(0)
    expect(projector.get_by_test_id("projector-numbers")).to_contain_text("3 present · quorum met")
    expect(summary).to_have_attribute("data-phase", "gsl")
    assert_not_reloaded(*screens.all(), secretariat)


def test_a_speaker_yields_and_the_other_delegate_accepts_on_its_phone(
    new_context: ContextFactory, phone: ContextFactory, live_server_url: str
) -> None:
    committee = create_committee(new_context, live_server_url)
    screens = open_screens(new_context, phone, live_server_url, committee, [A, B])
    dais, projector = screens.dais, screens.projector
    phone_a, phone_b = screens.phones[A], screens.phones[B]
    take_roll_call(screens, marked_by_dais=[C])
    mark_not_reloaded(*screens.all())

    speakers = dais.locator("#speakers")
    add_to_speakers_list(dais, A)
    add_to_speakers_list(dais, B)
    expect(projector.get_by_test_id("projector-speaker")).to_have_count(0)
    expect(phone_a.get_by_test_id("phone-next-speakers")).to_contain_text(f"{A} {B}")

    speakers.get_by_test_id("speakers-next").click()
    expect(speakers.get_by_test_id("speakers-holder")).to_have_text(A)
    expect(projector.get_by_test_id("projector-speaker")).to_have_text(A)
    expect(phone_a.get_by_test_id("phone-has-floor")).to_be_visible()
    expect(phone_b.get_by_test_id("phone-position")).to_have_text(
        "You are next on the speakers' list."
    )
    timer = speakers.locator("[data-timer]")
    expect(timer).to_have_attribute("data-running", "true")
    expect(timer).to_have_attribute("data-duration-ms", "90000")
    # Let the clock run a little, so that a reset would show.
    dais.wait_for_function(SHOWS_LESS_THAN, arg=[timer.element_handle(), 88], timeout=10_000)

    yield_form = speakers.locator("form", has=dais.get_by_role("button", name="to this delegate"))
    yield_form.get_by_label("Delegate to yield to").select_option(label=B)
    yield_form.get_by_role("button", name="to this delegate").click()
    expect(speakers.get_by_test_id("speakers-stage")).to_have_text(
        f"Yielded to {B}: waiting for the answer (clock stopped)"
    )
    expect(timer).to_have_attribute("data-running", "false")
    left_at_yield = int(timer.get_attribute("data-remaining-ms") or "0")
    assert 0 < left_at_yield < 88_000, left_at_yield

    offer = phone_b.get_by_test_id("phone-yield-offer")
    expect(offer).to_contain_text(f"{A} yields the remaining time to you.")
    offer.get_by_test_id("yield-accept").tap()

    expect(offer).to_have_count(0)
    expect(phone_b.get_by_test_id("phone-has-floor")).to_be_visible()
    expect(speakers.get_by_test_id("speakers-holder")).to_have_text(B)
    expect(speakers.get_by_test_id("speakers-current")).to_contain_text(f"yielded by {A}")
    expect(projector.get_by_test_id("projector-speaker")).to_have_text(B)
    expect(projector.get_by_test_id("projector-stage")).to_have_text(
        f"Yielded by {A} · Speaking on the yielded time"
    )
    expect(phone_a.get_by_test_id("phone-speaker")).to_contain_text(f"{B} (yielded by {A})")

    # The time carries over: the clock runs on from where it stopped, it is not reset.
    expect(timer).to_have_attribute("data-running", "true")
    left_after = int(timer.get_attribute("data-remaining-ms") or "0")
    assert abs(left_after - left_at_yield) < 1_000, (left_at_yield, left_after)
    expect(timer).to_have_attribute("data-duration-ms", "90000")
    projector_timer = projector.locator("#projector-main [data-timer]")
    expect(projector_timer).to_have_attribute("data-running", "true")
    for page, element in ((dais, timer), (projector, projector_timer)):
        page.wait_for_function(
            SHOWS_LESS_THAN, arg=[element.element_handle(), left_at_yield // 1000], timeout=10_000
        )
    assert timer_seconds(projector_timer.inner_text()) <= left_at_yield // 1000
    assert_not_reloaded(*screens.all())


def test_a_moderated_caucus_moved_on_a_phone_is_voted_on_and_runs_on_every_screen(
    new_context: ContextFactory, phone: ContextFactory, live_server_url: str
) -> None:
    committee = create_committee(new_context, live_server_url)
    screens = open_screens(new_context, phone, live_server_url, committee, [A, B])
    dais, projector = screens.dais, screens.projector
    phone_a, phone_b = screens.phones[A], screens.phones[B]
    take_roll_call(screens, marked_by_dais=[C])
    mark_not_reloaded(*screens.all())
    topic = "Rapid deployment of troops"

    # B moves first, so that the order of the queue shows precedence, not arrival.
    raise_moderated_caucus(phone_b, minutes=5, seconds=60, topic="Safety of peacekeepers")
    raise_moderated_caucus(phone_a, minutes=10, seconds=60, topic=topic)
    # Each needs a second: each phone seconds the other's motion.
    phone_b.get_by_test_id("phone-second").filter(has_text=topic).get_by_test_id(
        "motion-second"
    ).tap()
    phone_a.get_by_test_id("phone-second").filter(has_text="Safety").get_by_test_id(
        "motion-second"
    ).tap()

    queue = dais.get_by_test_id("motion-queue").locator("li[data-motion]")
    expect(queue).to_have_count(2)
    expect(queue.get_by_text("needs a second")).to_have_count(0)
    # Precedence: the more disruptive motion (the longer caucus) comes first.
    expect(queue.nth(0)).to_contain_text("10:00 total · 1:00 per speaker")
    expect(queue.nth(0)).to_contain_text(f"Moved by {A} · seconded by {B}")
    expect(queue.nth(1)).to_contain_text("5:00 total · 1:00 per speaker")
    expect(queue.nth(1)).to_contain_text(f"Moved by {B} · seconded by {A}")
    expect(projector.get_by_test_id("projector-queue").locator("li")).to_have_count(2)
    expect(projector.get_by_test_id("projector-queue").locator("li").first).to_contain_text(topic)

    queue.nth(0).get_by_test_id("motion-vote-phone").click()
    expect(dais.get_by_test_id("motion-vote")).to_contain_text("Voting on: Moderated caucus")
    expect(projector.get_by_test_id("projector-motion")).to_have_text("Moderated caucus")
    for page in (phone_a, phone_b):
        page.get_by_test_id("ballot-yes").tap()
        expect(page.get_by_test_id("ballot-yes")).to_have_attribute("aria-pressed", "true")
    expect(dais.get_by_test_id("motion-tally")).to_contain_text("Yes 2 No 0 2 of 3 voted")
    expect(projector.get_by_test_id("projector-tally")).to_have_text("Yes 2 No 0")

    # Egypt (marked present, no phone) has not voted: the chair is asked before closing.
    questions: list[str] = []
    dais.once("dialog", lambda dialog: (questions.append(dialog.message), dialog.accept()))
    dais.get_by_test_id("motion-vote-close").click()
    expect(dais.get_by_test_id("motion-result")).to_contain_text("Moderated caucus: carried")
    assert questions == ["1 vote is missing. Close the vote anyway?"]

    # The caucus runs on every screen, with its topic.
    expect(dais.get_by_test_id("caucus-topic")).to_have_text(f"“{topic}”")
    expect(projector.get_by_test_id("projector-caucus-topic")).to_have_text(f"“{topic}”")
    for page in (phone_a, phone_b):
        expect(page.get_by_test_id("phone-caucus-topic")).to_have_text(f"“{topic}”")
        expect(page.get_by_test_id("phone-phase")).to_have_text("Moderated caucus")

    # B's smaller motion fell with the vote: superseded, never voted on.
    history = dais.get_by_test_id("motion-history")
    expect(history.locator("li[data-status=superseded]")).to_contain_text("Safety of peacekeepers")
    expect(history.locator("li[data-status=carried]")).to_contain_text(topic)
    expect(phone_b.get_by_test_id("phone-own-motion")).to_have_count(0)
    expect(dais.get_by_test_id("motion-queue").locator("li[data-motion]")).to_have_count(0)

    # A delegate raises its placard on the phone; the chair recognises it.
    phone_b.get_by_test_id("caucus-raise").tap()
    expect(phone_b.get_by_test_id("caucus-placard-raised")).to_contain_text("number 1")
    dais.get_by_test_id("caucus-queue").get_by_role("button", name=f"Recognise {B}").click()
    expect(dais.get_by_test_id("caucus-speaker")).to_contain_text(B)
    expect(projector.get_by_test_id("projector-caucus-speaker")).to_have_text(B)
    expect(phone_b.get_by_test_id("caucus-recognised")).to_be_visible()
    expect(phone_a.get_by_test_id("phone-caucus-speaker")).to_contain_text(f"Speaking: {B}")

    # One deadline from the server, counted down by each screen: the clocks agree.
    totals = {
        "dais": dais.locator("#caucus .caucus__clock").first.locator("[data-timer]"),
        "projector": projector.locator("#projector-main > .projector__body > [data-timer]"),
        "phone": phone_a.get_by_test_id("phone-caucus").locator("[data-timer]").first,
    }
    for timer in totals.values():
        expect(timer).to_have_attribute("data-running", "true")
        expect(timer).to_have_attribute("data-duration-ms", "600000")
    deadlines = {name: timer.get_attribute("data-deadline-ms") for name, timer in totals.items()}
    assert len(set(deadlines.values())) == 1, deadlines
    # Counting, not frozen at 10:00.
    dais.wait_for_function(
        SHOWS_LESS_THAN, arg=[totals["dais"].element_handle(), 600], timeout=10_000
    )
    shown = {name: timer_seconds(timer.inner_text()) for name, timer in totals.items()}
    assert max(shown.values()) - min(shown.values()) <= 1, shown
    assert 580 <= min(shown.values()) < 600, shown
    assert_not_reloaded(*screens.all())


def _network(page: Page) -> Callable[[bool], None]:
    """Put the phone's websockets through a switch that can cut them as lost wifi would.

    Headless Chromium keeps open websockets alive when the context goes offline
    (`set_offline` only stops new requests), so the connection is cut here: the open socket
    is closed with 1006 (abnormal closure, what a dropped connection gives), and while the
    network is down every new attempt fails the same way. The page's own code (the htmx ws
    extension and live.js) is left as it is and must reconnect by itself.
    """
    state: dict[str, object] = {"up": True, "open": []}

    def route(ws: WebSocketRoute) -> None:
        if not state["up"]:
            ws.close(code=1006, reason="network down")
            return
        state["open"].append((ws, ws.connect_to_server()))  # type: ignore[union-attr]

    page.route_web_socket(re.compile(r"/ws/"), route)

    def switch(up: bool) -> None:
        state["up"] = up
        page.context.set_offline(not up)
        if not up:
            for ws, server in state["open"]:  # type: ignore[union-attr]
                ws.close(code=1006, reason="network down")
                # The server would notice the dead connection by itself, later.
                server.close()
            state["open"] = []

    return switch


def test_a_phone_that_lost_its_connection_catches_up_without_a_reload(
    new_context: ContextFactory, phone: ContextFactory, live_server_url: str
) -> None:
    committee = create_committee(new_context, live_server_url)
    switches: dict[str, Callable[[bool], None]] = {}

    def prepare(page: Page) -> None:
        switches.setdefault("first", _network(page))

    screens = open_screens(
        new_context, phone, live_server_url, committee, [A], prepare_phone=prepare
    )
    dais, handset = screens.dais, screens.phones[A]
    network = switches["first"]
    take_roll_call(screens)
    expect(handset.get_by_test_id("phone-numbers")).to_have_text("1 present · no quorum")
    mark_not_reloaded(handset)

    network(False)
    connection = handset.get_by_test_id("connection")
    expect(connection).to_have_class(OFFLINE)
    expect(connection).to_have_text("Reconnecting…")
    expect(roster_row(dais, A)).to_have_attribute("data-online", "false")

    # Meanwhile the chair marks two delegations present and puts one on the speakers' list.
    for name in (B, C):
        roster_row(dais, name).get_by_test_id("mark-present").click()
        expect(roster_row(dais, name)).to_have_attribute("data-status", "present")
    add_to_speakers_list(dais, B)
    expect(dais.get_by_test_id("present-count")).to_have_text("3")
    # The phone missed all of it.
    expect(handset.get_by_test_id("phone-numbers")).to_have_text("1 present · no quorum")

    network(True)
    # The extension retries with a growing random delay; the snapshot sent on connect
    # brings the phone up to date.
    expect(connection).to_have_class(ONLINE, timeout=20_000)
    expect(connection).to_have_text("Live")
    expect(handset.get_by_test_id("phone-numbers")).to_have_text("3 present · quorum met")
    expect(handset.get_by_test_id("phone-next-speakers")).to_contain_text(B)
    expect(roster_row(dais, A)).to_have_attribute("data-online", "true")
    assert_not_reloaded(handset)
