"""The JSON archive of a committee (`export_report --format json`) and `import_committee`."""

import json
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError
from django.core.management.color import no_style
from django.db import connection

from committee.models import (
    Ballot,
    Committee,
    Conference,
    Delegation,
    DelegationAccess,
    Document,
    FloorEvent,
    Motion,
    Speech,
)
from committee.report.archive import TABLES, archive_bytes, archive_data
from committee.services import floor, motions
from tests import factories

pytestmark = pytest.mark.django_db

User = get_user_model()
ARCHIVED_MODELS = [Conference, Committee, User, *(model for model, _path in TABLES)]


def export_json(slug: str, path: Path) -> dict[str, Any]:
    call_command(
        "export_report", slug, "--format", "json", "--output", str(path), stdout=StringIO()
    )
    return json.loads(path.read_bytes())


def import_file(path: Path) -> str:
    out = StringIO()
    call_command("import_committee", str(path), stdout=out)
    return out.getvalue()


def start_ids_afresh() -> None:
    """Ids as on a new server's database: each table's next id is one past its highest row
    (PostgreSQL's sequences; SQLite counts on its own)."""
    with connection.cursor() as cursor:
        for statement in connection.ops.sequence_reset_sql(no_style(), ARCHIVED_MODELS):
            cursor.execute(statement)


def empty_the_database() -> None:
    Document.objects.all().delete()  # a topic keeps its papers from going on their own
    Committee.objects.all().delete()
    Conference.objects.all().delete()
    User.objects.all().delete()
    start_ids_afresh()


def row_counts() -> dict[str, int]:
    return {model._meta.label_lower: model.objects.count() for model in ARCHIVED_MODELS} | {
        "committee.delegationaccess": DelegationAccess.objects.count()
    }


def record_counts(slug: str) -> dict[str, int]:
    return {
        "speeches": Speech.objects.filter(committee__slug=slug).count(),
        "motions": Motion.objects.filter(committee__slug=slug).count(),
        "ballots": Ballot.objects.filter(question__committee__slug=slug).count(),
        "events": FloorEvent.objects.filter(committee__slug=slug).count(),
    }


@pytest.fixture
def small_committee() -> Committee:
    """A committee in session after a roll call, where three delegations moved the same
    motion; its ids counted from 1 where the database allows it, so that an import into an
    empty database takes exactly the ids that would come next."""
    start_ids_afresh()
    committee, members, _chair = factories.plenary_in_session(3)
    for member in members:
        motions.motion_raise(
            committee=committee, code="suspend_meeting", mover_id=member.pk, delegation=member
        )
    return committee


def test_the_demo_day_goes_through_an_empty_database_and_comes_back_the_same(tmp_path, settings):
    settings.ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]"]  # as `make run` serves it
    call_command("seed_demo", "--day", "--demo-accounts", stdout=StringIO())
    committee = Committee.objects.get(slug="c34")
    old_token = committee.projector_token
    old_codes = set(DelegationAccess.objects.values_list("code", flat=True))
    before = export_json("c34", tmp_path / "c34.json")
    counts = record_counts("c34")
    assert counts["speeches"] and counts["motions"] and counts["ballots"] and counts["events"]
    assert before["log"]["events"] == counts["events"]

    empty_the_database()
    assert Committee.objects.count() == User.objects.count() == 0
    said = import_file(tmp_path / "c34.json")

    assert f"Imported c34: {counts['events']} events, chain intact" in said
    assert before["log"]["last_hash"] in said
    assert "/secretariat/c/c34/access-sheet/" in said
    verified = StringIO()
    call_command("verify_log", "c34", stdout=verified)
    assert "chain intact, replay gives today's floor" in verified.getvalue()
    assert f"Final hash: {before['log']['last_hash']}" in verified.getvalue()
    assert record_counts("c34") == counts
    again = export_json("c34", tmp_path / "again.json")
    for label, rows in before["tables"].items():
        assert again["tables"][label] == rows, label
    assert again == before
    assert (tmp_path / "again.json").read_bytes() == (tmp_path / "c34.json").read_bytes()

    # The secrets are new: no password, new access codes for all, a new projector link.
    imported = Committee.objects.get(slug="c34")
    assert imported.projector_token != old_token
    assert User.objects.count() == len(before["tables"]["auth.user"])
    assert not any(user.has_usable_password() for user in User.objects.all())
    codes = set(DelegationAccess.objects.values_list("code", flat=True))
    assert len(codes) == imported.delegations.count()
    assert not codes & old_codes


def test_the_archive_is_the_same_bytes_twice_and_holds_no_secret(small_committee):
    chair = small_committee.dais.get().user
    assert archive_bytes(small_committee) == archive_bytes(small_committee)
    content = archive_bytes(small_committee).decode()
    assert small_committee.projector_token not in content
    assert chair.password not in content
    assert "password" not in content
    for code in DelegationAccess.objects.values_list("code", flat=True):
        assert code not in content
    data = archive_data(small_committee)
    assert data["format"] == "bimun-committee-archive" and data["version"] == 1
    assert [row["username"] for row in data["tables"]["auth.user"]] == [chair.username]
    assert data["log"]["events"] == FloorEvent.objects.filter(committee=small_committee).count()
    assert len(data["tables"]["committee.motion_co_movers"]) == 2


def test_an_imported_committee_takes_new_rows_and_goes_on_with_its_log(tmp_path, small_committee):
    archive = export_json(small_committee.slug, tmp_path / "small.json")
    empty_the_database()
    import_file(tmp_path / "small.json")

    committee = Committee.objects.get(slug=small_committee.slug)
    archived_delegations = [row["id"] for row in archive["tables"]["committee.delegation"]]
    late = Delegation.objects.create(committee=committee, name="Latecomer", sort_key="Latecomer")
    assert late.pk > max(archived_delegations)
    member = committee.delegations.exclude(pk=late.pk).first()
    motions.motion_withdraw(
        committee=committee, motion_id=Motion.objects.get().floor_id, delegation=member
    )
    floor.session_close(committee=committee, user=committee.dais.get().user)
    call_command("verify_log", committee.slug, stdout=StringIO())
    assert committee.events.count() == archive["log"]["events"] + 2


def test_an_import_where_an_id_or_a_name_is_taken_is_refused_and_writes_nothing(
    tmp_path, small_committee
):
    path = tmp_path / "small.json"
    archive = export_json(small_committee.slug, path)

    before = row_counts()
    with pytest.raises(CommandError, match=f"a committee called '{small_committee.slug}' exists"):
        import_file(path)
    assert row_counts() == before

    # The conference and the chair's account stay: the import would take them as they are.
    Committee.objects.all().delete()
    other = factories.committee()
    squatted = archive["tables"]["committee.delegation"][1]["id"]
    Delegation.objects.create(pk=squatted, committee=other, name="Squatter", sort_key="Squatter")
    before = row_counts()
    with pytest.raises(CommandError, match=f"committee.delegation id {squatted} is already taken"):
        import_file(path)
    assert row_counts() == before

    Committee.objects.all().delete()
    chair = archive["tables"]["auth.user"][0]
    User.objects.filter(pk=chair["id"]).delete()
    factories.user(chair["username"])
    before = row_counts()
    with pytest.raises(CommandError, match=f"the user name '{chair['username']}' belongs to"):
        import_file(path)
    assert row_counts() == before


def test_an_archive_whose_log_was_changed_is_refused_and_nothing_stays(tmp_path, small_committee):
    archive = export_json(small_committee.slug, tmp_path / "small.json")
    events = archive["tables"]["committee.floorevent"]
    tampered = events[len(events) // 2]
    tampered["payload"]["tampered"] = True
    path = tmp_path / "tampered.json"
    path.write_text(json.dumps(archive))
    empty_the_database()
    before = row_counts()

    with pytest.raises(CommandError, match=f"event {tampered['seq']}: its content does not match"):
        import_file(path)
    assert row_counts() == before
    assert not Committee.objects.exists() and not User.objects.exists()


def test_an_archive_missing_a_row_that_others_name_is_refused(tmp_path, small_committee):
    archive = export_json(small_committee.slug, tmp_path / "small.json")
    del archive["tables"]["committee.delegation"][0]
    path = tmp_path / "holed.json"
    path.write_text(json.dumps(archive))
    empty_the_database()
    before = row_counts()

    with pytest.raises(CommandError, match="the archive does not fit this database"):
        import_file(path)
    assert row_counts() == before


def test_a_file_that_is_not_an_archive_is_refused_with_a_clear_message(tmp_path):
    not_json = tmp_path / "notes.json"
    not_json.write_text("minutes of the morning")
    with pytest.raises(CommandError, match="is not a JSON file"):
        import_file(not_json)

    other_json = tmp_path / "other.json"
    other_json.write_text(json.dumps({"model": "committee.delegation", "pk": 1}))
    with pytest.raises(CommandError, match="this is not a committee archive"):
        import_file(other_json)

    future = tmp_path / "future.json"
    future.write_text(json.dumps({"format": "bimun-committee-archive", "version": 99}))
    with pytest.raises(CommandError, match="archive version 99 is not one this server reads"):
        import_file(future)

    with pytest.raises(CommandError, match="Cannot read"):
        import_file(tmp_path / "missing.json")
    assert not Committee.objects.exists()
