"""Export a committee's record: `manage.py export_report c34 --format pdf --output c34.pdf`."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from committee.models import Committee
from committee.report.export import FORMATS, export


class Command(BaseCommand):
    help = (
        "Export a committee's record: pdf (the final report, A4), docx (a .zip of the report "
        "and of each adopted resolution as Word files), csv (a .zip of attendance, speeches, "
        "motions and ballots) or json (the whole committee, for import_committee)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("slug", help="The committee's short name in links, e.g. c34.")
        parser.add_argument("--format", default="pdf", choices=FORMATS, help="What to write.")
        parser.add_argument(
            "--language",
            default="en",
            choices=[code for code, _name in settings.LANGUAGES],
            help="The language of the report's words; delegates' own text stays as written.",
        )
        parser.add_argument("--output", required=True, help="Where to write the file.")

    def handle(self, *args: Any, **options: Any) -> None:
        committee = Committee.objects.filter(slug=options["slug"]).first()
        if committee is None:
            raise CommandError(f"No committee has the short name {options['slug']!r}.")
        output = Path(options["output"])
        exported = export(committee, options["format"], language=options["language"])
        output.write_bytes(exported.content)
        self.stdout.write(
            f"Wrote the {options['format']} export of {committee.slug} "
            f"({len(exported.content):,} bytes) to {output}."
        )
