"""What the browser tests share: demo accounts, screen sizes, and the steps people take."""

import os
import re
import secrets
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from playwright.sync_api import BrowserContext, Locator, Page, expect

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts"

# The demo accounts and committee made by `manage.py seed_demo`.
SECRETARIAT = ("secretariat", "bimun-secretariat")
CHAIR = ("chair", "bimun-chair")
COCHAIR = ("cochair", "bimun-cochair")
DEMO_COMMITTEE = "c34"

DESKTOP = {"width": 1366, "height": 768}
PROJECTOR = {"width": 1920, "height": 1080}
PHONE = {
    "viewport": {"width": 390, "height": 844},
    "device_scale_factor": 3,
    "is_mobile": True,
    "has_touch": True,
}

ContextFactory = Callable[..., BrowserContext]

ONLINE = re.compile(r"\bconnection--online\b")
OFFLINE = re.compile(r"\bconnection--offline\b")


def login(page: Page, base_url: str, username: str, password: str) -> None:
    page.goto(f"{base_url}/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in", exact=True).click()
    expect(page).not_to_have_url(re.compile(r"/login/"))


def read_access_codes(
    new_context: ContextFactory, base_url: str, slug: str = DEMO_COMMITTEE
) -> dict[str, str]:
    """{delegation name: code as printed}, read from the access sheet by the secretariat."""
    page = new_context(signed_in_as=SECRETARIAT).new_page()
    codes = _codes_on_access_sheet(page, base_url, slug)
    page.context.close()
    return codes


def _codes_on_access_sheet(page: Page, base_url: str, slug: str) -> dict[str, str]:
    page.goto(f"{base_url}/secretariat/c/{slug}/access-sheet/")
    cards = page.get_by_test_id("access-card")
    expect(cards.first).to_be_visible()
    codes = cards.evaluate_all(
        """cards => cards.map(card => [
            card.dataset.delegation,
            (card.querySelector('[data-testid=access-code]')?.textContent || '').trim(),
        ])"""
    )
    return dict(codes)


def type_code(page: Page, base_url: str, typed: str) -> None:
    """Type a code on the join page as a delegate would; the caller checks the outcome."""
    page.goto(f"{base_url}/join/")
    page.get_by_label("Access code").fill(typed)
    page.get_by_role("button", name="Join", exact=True).click()


def join_as(page: Page, base_url: str, delegation: str, code: str) -> None:
    """Join with the code and wait for the delegation's phone page to be live."""
    type_code(page, base_url, code)
    expect(page.get_by_test_id("delegation-name")).to_have_text(delegation)
    expect(page.get_by_test_id("connection")).to_have_class(re.compile(r"connection--online"))


# A committee of a test's own ------------------------------------------------------------------

# Five members and an observer: quorum for decisions is 3 members (half of 5, rounded up).
SMALL_ROSTER = """name,iso_code,kind,name_zh,sort_key
Argentina,AR,member,阿根廷,Argentina
Canada,CA,member,加拿大,Canada
Egypt,EG,member,埃及,Egypt
Japan,JP,member,日本,Japan
Norway,NO,member,挪威,Norway
Switzerland,CH,observer,瑞士,Switzerland
"""


def create_committee(
    new_context: ContextFactory,
    base_url: str,
    *,
    name: str = "Special Committee on Peacekeeping Operations",
    name_zh: str = "维持和平行动特别委员会",
    acronym: str = "C34",
    topic: str = "Reform of UN Peacekeeping",
    topic_zh: str = "联合国维和行动改革",
    roster: str = SMALL_ROSTER,
    dais: tuple[str, str] = CHAIR,
    rules_overrides: str = "",
) -> "Committee":
    """Set up a committee through the secretariat's pages, as flow 1 does.

    The committee gets its own roster and the given account as its chair, so a test that
    runs its floor shares no state with any other test. The access codes are read from the
    printed access sheet.
    """
    page = new_context(signed_in_as=SECRETARIAT).new_page()
    slug = f"t{secrets.token_hex(4)}"
    page.goto(f"{base_url}/secretariat/committees/new/")
    page.get_by_label("Conference").select_option(
        label="Beijing International Model United Nations 2024"
    )
    page.get_by_role("textbox", name="Name", exact=True).fill(name)
    page.get_by_role("textbox", name="Chinese name", exact=True).fill(name_zh)
    page.get_by_label("Acronym").fill(acronym)
    page.get_by_label("Short name in links").fill(slug)
    page.get_by_role("textbox", name="Topic", exact=True).fill(topic)
    page.get_by_role("textbox", name="Topic in Chinese", exact=True).fill(topic_zh)
    if rules_overrides:
        page.get_by_label("Rule overrides (JSON)").fill(rules_overrides)
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text(f"Committee “{name}” saved.")).to_be_visible()

    page.goto(f"{base_url}/secretariat/c/{slug}/roster/")
    page.get_by_label("Roster CSV file").set_input_files(
        files=[{"name": "roster.csv", "mimeType": "text/csv", "buffer": roster.encode()}]
    )
    page.get_by_role("button", name="Check and import").click()
    expect(page.get_by_text(re.compile(r"Roster imported: \d+ new"))).to_be_visible()

    page.goto(f"{base_url}/secretariat/c/{slug}/dais/")
    assign = page.locator("form", has=page.get_by_role("button", name="Add to the dais"))
    assign.get_by_label("Existing account").select_option(label=dais[0])
    assign.get_by_label("Role").select_option("chair")
    assign.get_by_role("button", name="Add to the dais").click()
    expect(page.get_by_test_id("dais-table")).to_contain_text(f"({dais[0]})")
    codes = _codes_on_access_sheet(page, base_url, slug)
    page.context.close()
    return Committee(slug, codes)


@dataclass(frozen=True)
class Committee:
    slug: str
    codes: dict[str, str]


# The screens of a live committee --------------------------------------------------------------


@dataclass
class Screens:
    """The dais laptop, the projector and some phones of one committee, all live."""

    slug: str
    dais: Page
    projector: Page
    phones: dict[str, Page] = field(default_factory=dict)

    def all(self) -> list[Page]:
        return [self.dais, self.projector, *self.phones.values()]


def open_dais(new_context: ContextFactory, base_url: str, slug: str, **options: Any) -> Page:
    page = new_context(signed_in_as=CHAIR, **options).new_page()
    page.goto(f"{base_url}/c/{slug}/dais/")
    expect(page.get_by_test_id("connection")).to_have_class(ONLINE)
    return page


def open_projector(new_context: ContextFactory, dais: Page, **options: Any) -> Page:
    """The projector, opened by following the dais's secret link (nobody signs in on it)."""
    link = dais.get_by_test_id("projector-link").get_attribute("href")
    assert link, "the dais shows the projector link"
    page = new_context(viewport=PROJECTOR, **options).new_page()
    page.goto(link)
    expect(page.locator("#projector-main")).to_be_visible()
    expect(page.get_by_test_id("connection")).to_have_class(ONLINE)
    return page


def open_screens(
    new_context: ContextFactory,
    phone: ContextFactory,
    base_url: str,
    committee: Committee,
    delegations: Sequence[str],
    *,
    prepare_phone: Callable[[Page], None] | None = None,
) -> Screens:
    """Four (or more) browsers at once: the chair's laptop, the projector, one phone each."""
    codes = committee.codes
    dais = open_dais(new_context, base_url, committee.slug)
    screens = Screens(committee.slug, dais, open_projector(new_context, dais))
    for name in delegations:
        page = phone().new_page()
        if prepare_phone is not None:
            prepare_phone(page)
        join_as(page, base_url, name, codes[name])
        screens.phones[name] = page
    return screens


def roster_row(dais: Page, delegation: str) -> Locator:
    return dais.get_by_test_id("roster").locator(f'li[data-delegation="{delegation}"]')


def take_roll_call(screens: Screens, *, marked_by_dais: Sequence[str] = ()) -> None:
    """Open a session; every phone answers Present and voting; the dais marks the others."""
    dais = screens.dais
    dais.get_by_role("button", name="Open a session").click()
    dais.get_by_test_id("roll-call-start").click()
    expect(dais.get_by_test_id("roll-call-close")).to_be_visible()
    for name, page in screens.phones.items():
        page.get_by_test_id("answer-present-and-voting").tap()
        expect(roster_row(dais, name)).to_have_attribute("data-status", "present_and_voting")
    for name in marked_by_dais:
        roster_row(dais, name).get_by_test_id("mark-present").click()
        expect(roster_row(dais, name)).to_have_attribute("data-status", "present")
    dais.get_by_test_id("roll-call-close").click()
    expect(dais.get_by_test_id("roll-call-start")).to_be_visible()
    expect(dais.get_by_test_id("phase")).to_have_text("General speakers' list")


def mark_not_reloaded(*pages: Page) -> None:
    """A reload would drop this flag: proof that later changes arrived over the websocket."""
    for page in pages:
        page.evaluate("window.bimunNotReloaded = true")


def assert_not_reloaded(*pages: Page) -> None:
    for page in pages:
        assert page.evaluate("window.bimunNotReloaded === true"), f"{page.url} was reloaded"


def timer_seconds(text: str) -> int:
    """ "9:58" -> 598: a timer's text as live.js writes it (m:ss)."""
    match = re.fullmatch(r"\s*(\d+):(\d\d)\s*", text)
    assert match, f"not a timer: {text!r}"
    return int(match[1]) * 60 + int(match[2])


def add_to_speakers_list(dais: Page, delegation: str) -> None:
    speakers = dais.locator("#speakers")
    speakers.get_by_test_id("speakers-add-select").select_option(label=delegation)
    speakers.get_by_role("button", name="Add to the list").click()
    entry = speakers.get_by_test_id("speakers-list").locator(
        f'li[data-delegation]:has-text("{delegation}")'
    )
    expect(entry).to_have_count(1)


def raise_moderated_caucus(phone_page: Page, *, minutes: int, seconds: int, topic: str) -> None:
    """On a phone: open "Raise a motion", choose a moderated caucus, fill it in, raise it."""
    details = phone_page.locator("details.motion-raise")
    if details.get_attribute("open") is None:
        details.locator("summary").tap()
    form = phone_page.get_by_test_id("motion-raise-form")
    # Choosing the motion asks the server for its fields: the form is replaced.
    form.get_by_test_id("motion-code").select_option("moderated_caucus")
    form = phone_page.get_by_test_id("motion-raise-form")
    form.get_by_label("Total time (minutes)").fill(str(minutes))
    form.get_by_label("Speaking time (seconds)").fill(str(seconds))
    form.get_by_label("Topic").fill(topic)
    form.get_by_test_id("motion-raise").tap()
    own = phone_page.get_by_test_id("phone-own-motion").filter(has_text=topic)
    expect(own).to_have_count(1)


# Phones in a hurry ----------------------------------------------------------------------------

SMALL_PHONE = {**PHONE, "viewport": {"width": 360, "height": 740}}

NOT_RECORDED = "Not recorded — tap to try again"
NO_CONNECTION = "No connection — not recorded. Tap to try again"


def open_phone_vote(screens: Screens, mover: str, seconder: str, topic: str) -> None:
    """A moderated caucus moved on one phone, seconded on another, put to a vote by phone."""
    raise_moderated_caucus(screens.phones[mover], minutes=10, seconds=60, topic=topic)
    second_and_open_phone_vote(screens, seconder, topic)


def second_and_open_phone_vote(screens: Screens, seconder: str, topic: str) -> None:
    """The motion about `topic` seconded on a phone, then put to a vote by phone."""
    screens.phones[seconder].get_by_test_id("phone-second").filter(has_text=topic).get_by_test_id(
        "motion-second"
    ).tap()
    queue = screens.dais.get_by_test_id("motion-queue").locator("li[data-motion]")
    expect(queue.get_by_text("needs a second")).to_have_count(0)
    queue.filter(has_text=topic).get_by_test_id("motion-vote-phone").click()
    expect(screens.dais.get_by_test_id("motion-vote")).to_contain_text("Voting on:")


# Screenshots for the README ---------------------------------------------------------------------

SCREENSHOT_MAX_BYTES = 400_000


def screenshot_dir() -> Path:
    """test-artifacts/screenshots/, or docs/screenshots/ (committed) with
    BIMUN_WRITE_SCREENSHOTS=1, so an ordinary test run never rewrites the README's images."""
    if os.environ.get("BIMUN_WRITE_SCREENSHOTS") == "1":
        folder = ROOT / "docs" / "screenshots"
    else:
        folder = ARTIFACTS / "screenshots"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def use_language(page: Page, base_url: str, language: str) -> None:
    """The language switch's cookie: the pages opened (or reloaded) next are in `language`."""
    page.context.add_cookies([{"name": "django_language", "value": language, "url": base_url}])


def in_language(page: Page, language: str) -> None:
    expect(page.locator("html")).to_have_attribute(
        "lang", "zh-Hans" if language == "zh-hans" else "en"
    )


def save_screenshot(page: Page, path: Path) -> None:
    page.screenshot(path=path, animations="disabled", caret="initial")
    size = path.stat().st_size
    assert 0 < size < SCREENSHOT_MAX_BYTES, f"{path.name} is {size} bytes"
