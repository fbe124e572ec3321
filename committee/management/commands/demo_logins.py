"""Print how to sign in to the demo, for `make run`."""

from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.urls import reverse

from committee.management.commands import seed_demo
from committee.models import Committee


class Command(BaseCommand):
    help = "Print the demo accounts and the links a newcomer needs."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--url", default="http://127.0.0.1:8000", help="Where bimun is served")

    def handle(self, *args: Any, **options: Any) -> None:
        base = options["url"].rstrip("/")
        committee = Committee.objects.filter(slug="c34").first()
        lines = [
            "",
            f"bimun is starting on {base}/",
            "",
            "Sign in at " + base + reverse("login"),
            f"  secretariat  {seed_demo.SECRETARIAT_USERNAME} / {seed_demo.SECRETARIAT_PASSWORD}",
            f"  chair        {seed_demo.CHAIR_USERNAME} / {seed_demo.CHAIR_PASSWORD}",
            f"  co-chair     {seed_demo.COCHAIR_USERNAME} / {seed_demo.COCHAIR_PASSWORD}",
            "(passwords are the demo's defaults unless someone has changed them)",
        ]
        if committee is not None:
            sheet = base + reverse("access_sheet", kwargs={"slug": committee.slug})
            lines += [
                "",
                f"Delegate access sheet (print it, sign in as secretariat first): {sheet}",
                f"Delegates join at {base}{reverse('delegate_join')} with a code from the sheet.",
            ]
        lines.append("")
        self.stdout.write("\n".join(lines))
