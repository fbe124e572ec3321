"""What the browser tests share: demo accounts, screen sizes, and the steps people take."""

import re
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
