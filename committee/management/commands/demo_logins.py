"""Print how to sign in to the demo, for `make run`."""

from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandParser
from django.urls import reverse

from committee.management.commands import seed_demo
from committee.models import Committee
from committee.services.setup import DEMO_ACCOUNTS_GROUP

DEMO_LOGINS = [
    ("secretariat", seed_demo.SECRETARIAT_USERNAME, seed_demo.SECRETARIAT_PASSWORD),
    ("chair", seed_demo.CHAIR_USERNAME, seed_demo.CHAIR_PASSWORD),
    ("co-chair", seed_demo.COCHAIR_USERNAME, seed_demo.COCHAIR_PASSWORD),
]


class Command(BaseCommand):
    help = "Print the demo accounts and the links a newcomer needs."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--url", default="http://127.0.0.1:8000", help="Where bimun is served")

    def handle(self, *args: Any, **options: Any) -> None:
        base = options["url"].rstrip("/")
        committee = Committee.objects.filter(slug="c34").first()
        # Only accounts still on their published password: a changed one is nobody's business.
        still_demo = set(
            get_user_model()
            .objects.filter(groups__name=DEMO_ACCOUNTS_GROUP)
            .values_list("username", flat=True)
        )
        lines = ["", f"bimun is starting on {base}/ (demo: for this computer only)", ""]
        logins = [login for login in DEMO_LOGINS if login[1] in still_demo]
        if logins:
            lines.append("Sign in at " + base + reverse("login") + " with a demo account:")
            lines += [f"  {who:<12} {username} / {password}" for who, username, password in logins]
        else:
            lines.append("Sign in at " + base + reverse("login") + " (no demo passwords left).")
        if committee is not None:
            sheet = base + reverse("access_sheet", kwargs={"slug": committee.slug})
            lines += [
                "",
                f"Delegate access sheet (print it, sign in as secretariat first): {sheet}",
                f"Delegates join at {base}{reverse('delegate_join')} with a code from the sheet.",
            ]
        lines.append("")
        self.stdout.write("\n".join(lines))
