"""The demo day, for the report's tests: seeded once per test worker, then restored from its
JSON archive for each test that reads it (a restore takes a fraction of a seed's time, and the
archive's own tests show that a restore gives back the same rows)."""

import json
from io import StringIO

import pytest
from django.core.management import call_command

from committee.models import Committee
from committee.report.archive import archive_bytes, import_archive


@pytest.fixture
def demo_day(db, tmp_path_factory) -> Committee:
    archive = tmp_path_factory.getbasetemp() / "demo-day-archive.json"
    if archive.exists():
        return import_archive(json.loads(archive.read_bytes()))
    call_command("seed_demo", "--day", stdout=StringIO())
    committee = Committee.objects.get(slug="c34")
    archive.write_bytes(archive_bytes(committee))
    return committee
