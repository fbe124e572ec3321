"""Restore a committee from its JSON archive on another server (a backup, a laptop's
committee moved to the server, last year's committee):

    manage.py export_report c34 --format json --output c34.json    (where it is)
    manage.py import_committee c34.json                             (where it goes)

Every row keeps its id, so the log's hash chain checks out as it did; the import refuses,
writing nothing, if any of those ids or the committee's short name is taken here. Passwords
and access codes never travel: the dais's accounts arrive without a password, and the
delegations get new access codes.
"""

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.urls import reverse

from committee.models import FloorEvent
from committee.report.archive import ArchiveError, import_archive


class Command(BaseCommand):
    help = (
        "Import a committee from the JSON archive that `export_report --format json` writes, "
        "keeping every id, and check its log."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", help="The archive, e.g. c34-archive.json.")

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["path"])
        try:
            data = json.loads(path.read_bytes())
        except OSError as error:
            raise CommandError(f"Cannot read {path}: {error.strerror}.") from error
        except (UnicodeDecodeError, json.JSONDecodeError) as error:
            raise CommandError(f"{path} is not a JSON file: {error}.") from error
        try:
            committee = import_archive(data)
        except ArchiveError as error:
            raise CommandError(f"{path} was not imported: {error}. Nothing was written.") from error
        newest = FloorEvent.objects.filter(committee=committee).order_by("-seq").first()
        events = newest.seq if newest else 0
        last_hash = newest.hash if newest else "none"
        self.stdout.write(
            f"Imported {committee.slug}: {events} events, chain intact, last hash {last_hash}."
        )
        self.stdout.write(
            "Passwords and access codes are not in the archive. Dais accounts new to this "
            "server have no password yet: the secretariat sets them at "
            f"{reverse('dais_accounts', kwargs={'slug': committee.slug})} "
            "(a secretariat account comes from `manage.py create_secretariat`). The delegations "
            "have new access codes: print the access sheet at "
            f"{reverse('access_sheet', kwargs={'slug': committee.slug})}."
        )
