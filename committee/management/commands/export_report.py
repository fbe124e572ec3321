"""Export a committee's record: `manage.py export_report c34 --format csv --output c34.zip`."""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import translation

from committee.models import Committee
from committee.report.tables import record_tables

# The formats that exist, and those the final report will add.
FORMATS = ("csv",)
COMING = ("pdf", "docx", "json")
ZIP_DATE = (1980, 1, 1, 0, 0, 0)


class Command(BaseCommand):
    help = (
        "Export a committee's record. Formats available: csv (a .zip with attendance.csv, "
        "speeches.csv, motions.csv and ballots.csv). Not available yet: pdf, docx, json."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("slug", help="The committee's short name in links, e.g. c34.")
        parser.add_argument(
            "--format",
            default="csv",
            help="csv (a .zip of CSV files). pdf, docx and json are not available yet.",
        )
        parser.add_argument(
            "--language",
            default="en",
            choices=[code for code, _name in settings.LANGUAGES],
            help="The language of headers and words; delegations by their name in it.",
        )
        parser.add_argument("--output", required=True, help="Where to write the file.")

    def handle(self, *args: Any, **options: Any) -> None:
        kind = options["format"]
        if kind in COMING:
            raise CommandError(
                f"The {kind} format is not available yet; available: {', '.join(FORMATS)}."
            )
        if kind not in FORMATS:
            raise CommandError(f"Unknown format {kind!r}; available: {', '.join(FORMATS)}.")
        committee = Committee.objects.filter(slug=options["slug"]).first()
        if committee is None:
            raise CommandError(f"No committee has the short name {options['slug']!r}.")
        output = Path(options["output"])
        with translation.override(options["language"]):
            tables = record_tables(committee)
        with zipfile.ZipFile(output, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            for table in tables:
                # A fixed date inside the zip: the same record gives the same bytes.
                member = zipfile.ZipInfo(f"{table.name}.csv", date_time=ZIP_DATE)
                member.compress_type = zipfile.ZIP_DEFLATED
                archive.writestr(member, table.to_csv())
        rows = sum(len(table.rows) for table in tables)
        self.stdout.write(
            f"Wrote {len(tables)} tables ({rows} rows) of {committee.slug} to {output}."
        )
