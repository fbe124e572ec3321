"""What the browser tests share: demo accounts, screen sizes, and the steps people take."""

import re
import secrets
from collections.abc import Callable
from pathlib import Path

from playwright.sync_api import BrowserContext, Page, expect

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts"

# The demo accounts and committee made by `manage.py seed_demo`.
SECRETARIAT = ("secretariat", "bimun-secretariat")
CHAIR = ("chair", "bimun-chair")
COCHAIR = ("cochair", "bimun-cochair")
DEMO_COMMITTEE = "c34"

DESKTOP = {"width": 1366, "height": 768}
PHONE = {
    "viewport": {"width": 390, "height": 844},
    "device_scale_factor": 3,
    "is_mobile": True,
    "has_touch": True,
}

ContextFactory = Callable[..., BrowserContext]


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
    page.goto(f"{base_url}/secretariat/c/{slug}/access-sheet/")
    cards = page.get_by_test_id("access-card")
    expect(cards.first).to_be_visible()
    codes = cards.evaluate_all(
        """cards => cards.map(card => [
            card.dataset.delegation,
            (card.querySelector('[data-testid=access-code]')?.textContent || '').trim(),
        ])"""
    )
    page.context.close()
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
) -> str:
    """Set up a committee through the secretariat's pages, as flow 1 does; returns its slug.

    The committee gets its own roster and the given account as its chair, so a test that
    runs its floor shares no state with any other test.
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
    # Both forms on this page render their role field as id="id_role", so the label of this
    # one points at the other form's select: pick it by name inside its own form.
    assign.locator("select[name=role]").select_option("chair")
    assign.get_by_role("button", name="Add to the dais").click()
    expect(page.get_by_test_id("dais-table")).to_contain_text(f"({dais[0]})")
    page.context.close()
    return slug
