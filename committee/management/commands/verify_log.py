"""Check that a committee's log has not been changed behind the app's back.

    manage.py verify_log c34

Recomputes the hash chain over every event and replays every event's change from an empty
floor; the result must be the floor stored now. Exits 0 when everything adds up, and 1 naming
the first event that does not.
"""

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from committee.log import chain
from committee.models import Committee


class Command(BaseCommand):
    help = "Check a committee's log: its hash chain, and that replaying it gives today's floor."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("committee", help="the committee's short name in links, e.g. c34")

    def handle(self, *args: Any, **options: Any) -> None:
        committee = Committee.objects.filter(slug=options["committee"]).first()
        if committee is None:
            raise CommandError(f"No committee is called {options['committee']!r}.")
        checked, problem = chain.verify(committee)
        if problem is None:
            last_hash = committee.floor.last_hash if checked else chain.GENESIS
            self.stdout.write(
                f"{committee.slug}: {checked} events, chain intact, replay gives today's floor. "
                f"Final hash: {last_hash}"
            )
            return
        where = f"event {problem.seq}" if problem.seq is not None else "the floor"
        raise CommandError(f"{committee.slug}: {where} does not add up: {problem.reason}.")
