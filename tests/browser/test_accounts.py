"""Accounts: the secretariat sets a dais password, the chair changes it from the header.

The flow makes its own dais account, so the demo accounts other tests sign in with keep
their passwords.
"""

import re
import secrets

from playwright.sync_api import expect

from tests.browser.helpers import DEMO_COMMITTEE, SECRETARIAT, ContextFactory, login

NEW_PASSWORD = re.compile(r"^New password(?! confirmation)")


def test_secretariat_sets_a_dais_password_and_the_chair_changes_it(
    new_context: ContextFactory, live_server_url: str
) -> None:
    username = f"chair-{secrets.token_hex(3)}"
    secretariat = new_context(signed_in_as=SECRETARIAT).new_page()
    secretariat.goto(f"{live_server_url}/secretariat/c/{DEMO_COMMITTEE}/dais/")
    # The demo accounts' passwords are published: the page says so.
    expect(secretariat.get_by_test_id("demo-notice")).to_be_visible()
    secretariat.get_by_label("Full name").fill("Li Hua")
    secretariat.get_by_label("Username").fill(username)
    secretariat.locator("#new_password").fill("first-password-1995")
    secretariat.get_by_role("button", name="Create account").click()
    expect(secretariat.get_by_text(f"Account “{username}” created.")).to_be_visible()

    row = secretariat.get_by_test_id("dais-table").locator("tr", has_text=username)
    row.get_by_text("Set a new password").click()
    row.get_by_label(NEW_PASSWORD).fill("second-password-1995")
    row.get_by_label("New password confirmation").fill("second-password-1995")
    row.get_by_role("button", name="Set password").click()
    expect(secretariat.get_by_text(f"New password set for “{username}”.")).to_be_visible()

    chair = new_context().new_page()
    login(chair, live_server_url, username, "second-password-1995")
    chair.get_by_test_id("password-link").click()
    expect(chair.get_by_role("heading", name="Change password")).to_be_visible()
    chair.get_by_label("Old password").fill("second-password-1995")
    chair.get_by_label(NEW_PASSWORD).fill("third-password-1995")
    chair.get_by_label("New password confirmation").fill("third-password-1995")
    chair.get_by_role("button", name="Change password").click()
    expect(chair.get_by_text("Your password has been changed.")).to_be_visible()
    expect(chair).to_have_url(re.compile(rf"/c/{DEMO_COMMITTEE}/dais/"))

    later = new_context().new_page()
    login(later, live_server_url, username, "third-password-1995")
    expect(later).to_have_url(re.compile(rf"/c/{DEMO_COMMITTEE}/dais/"))
