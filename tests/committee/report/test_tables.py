"""The CSV exports of a committee's record (`manage.py export_report … --format csv`)."""

import csv
import io
import zipfile
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import translation

from committee.models import Ballot, Delegation, Motion, Question, Session, Speech
from committee.report.tables import record_tables, safe_cell
from committee.services import floor
from tests import factories

pytestmark = pytest.mark.django_db

HOSTILE = '=HYPERLINK("http://x","y")'
MEMBERS = ["attendance.csv", "speeches.csv", "motions.csv", "ballots.csv"]


def export(slug: str, path, language: str = "en") -> dict[str, list[list[str]]]:
    """Run the command and read each CSV of the zip back with the csv module."""
    call_command(
        "export_report",
        slug,
        "--format",
        "csv",
        "--language",
        language,
        "--output",
        str(path),
        stdout=StringIO(),
    )
    with zipfile.ZipFile(path) as archive:
        raw = {name: archive.read(name) for name in archive.namelist()}
    assert all(data.startswith("\ufeff".encode()) for data in raw.values())
    return {
        name.removesuffix(".csv"): list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
        for name, data in raw.items()
    }


def test_a_cell_that_could_start_a_formula_gets_an_apostrophe_and_numbers_stay_numbers():
    for text in ("=1+1", "+33", "-2", "@SUM(A1)", "\tx", "\rx"):
        assert safe_cell(text) == "'" + text
    assert safe_cell("France") == "France"
    assert safe_cell("") == ""
    assert safe_cell(None) == ""
    assert safe_cell(-3) == -3
    assert safe_cell(2.5) == 2.5


def test_a_hostile_delegation_name_is_neutralised_in_every_table_it_appears(tmp_path):
    committee = factories.committee()
    hostile, france = factories.delegations(committee, [HOSTILE, "France"])
    chair = factories.dais_user(committee)
    floor.session_open(committee=committee, user=chair)
    floor.roll_call_start(committee=committee, user=chair)
    floor.attendance_set(
        committee=committee, delegation_id=hostile.pk, status="present", user=chair
    )
    floor.roll_call_close(committee=committee, user=chair)

    tables = export(committee.slug, tmp_path / "record.zip")

    header, *rows = tables["attendance"]
    assert header == ["Session", "Delegation", "Status at roll call", "Since"]
    by_name = {row[1]: row for row in rows}
    assert set(by_name) == {"'" + HOSTILE, "France"}
    assert by_name["'" + HOSTILE][:3] == ["1", "'" + HOSTILE, "present"]
    assert by_name["France"][:3] == ["1", "France", "absent"]
    assert not any(cell.startswith(("=", "+", "-", "@")) for row in rows for cell in row)


def test_the_zip_holds_one_csv_per_table_with_a_bom_and_the_same_bytes_twice(tmp_path):
    committee = factories.committee()
    factories.delegations(committee, ["France"])
    first, second = tmp_path / "a.zip", tmp_path / "b.zip"
    tables = export(committee.slug, first)
    export(committee.slug, second)
    with zipfile.ZipFile(first) as archive:
        assert archive.namelist() == MEMBERS
    assert first.read_bytes() == second.read_bytes()
    assert tables["speeches"] == [
        ["Session", "Delegation", "Kind", "Started", "Ended", "Seconds", "Yielded to"]
    ]


def test_the_command_refuses_an_unknown_committee_and_an_unknown_format(tmp_path):
    committee = factories.committee()
    with pytest.raises(CommandError, match="No committee has the short name 'nowhere'"):
        call_command("export_report", "nowhere", "--output", str(tmp_path / "x.zip"))
    with pytest.raises(CommandError, match="invalid choice: 'xlsx'"):
        call_command(
            "export_report", committee.slug, "--format", "xlsx", "--output", str(tmp_path / "x")
        )
    assert not (tmp_path / "x").exists()


def test_the_demo_day_exports_every_row_of_its_record_in_english_and_chinese(tmp_path, demo_day):
    tables = export("c34", tmp_path / "c34.zip")

    # Every session × every delegation; every speech, motion and ballot once.
    sessions = Session.objects.filter(committee__slug="c34").count()
    delegations = Delegation.objects.filter(committee__slug="c34").count()
    assert len(tables["attendance"]) - 1 == sessions * delegations
    assert len(tables["speeches"]) - 1 == Speech.objects.filter(committee__slug="c34").count()
    assert len(tables["motions"]) - 1 == Motion.objects.filter(committee__slug="c34").count()
    assert len(tables["ballots"]) - 1 == (
        Ballot.objects.filter(question__committee__slug="c34").count()
    )

    # A known speech: the United States yields its time to Japan.
    yielded = Speech.objects.get(committee__slug="c34", yielded_to_delegation__name="Japan")
    speech_rows = [row for row in tables["speeches"][1:] if row[6] == "Japan"]
    assert len(speech_rows) == 1
    assert speech_rows[0][1] == yielded.delegation.name
    assert speech_rows[0][2] == "speakers' list"
    assert speech_rows[0][5] == str(yielded.seconds)
    assert speech_rows[0][3].endswith("+08:00")  # in the conference's time zone

    # DR 1.1 by roll call: every delegation called, China passes in round 1 then votes yes.
    question = Question.objects.get(committee__slug="c34", kind="dr", document__dr_number=1)
    roll_call = [row for row in tables["ballots"][1:] if row[0] == str(question.pk)]
    assert {row[1] for row in roll_call} == {"DR 1.1"}
    assert {row[2] for row in roll_call} == {"roll call"}
    china = [row[4:6] for row in roll_call if row[3] == "China"]
    assert china == [["1", "Pass"], ["2", "Yes"]]
    assert len(roll_call) == question.ballots.count()

    # In Chinese: headers, words and names.
    chinese = export("c34", tmp_path / "c34-zh.zip", language="zh-hans")
    assert chinese["attendance"][0] == ["会期", "代表团", "点名状态", "起始时间"]
    with translation.override("zh-hans"):
        china_zh = Delegation.objects.get(committee__slug="c34", name="China").display_name()
    zh_roll_call = [row for row in chinese["ballots"][1:] if row[0] == str(question.pk)]
    assert [row[4:6] for row in zh_roll_call if row[3] == china_zh] == [["1", "过"], ["2", "赞成"]]


def test_the_demo_day_record_is_read_with_a_fixed_number_of_queries(
    django_assert_num_queries, demo_day
):
    with django_assert_num_queries(9):
        tables = record_tables(demo_day)
    introduced = [row[6] for row in tables[2].rows if row[2] == "Introduce a draft resolution"]
    assert introduced == ["document: DR 1.1", "document: DR 1.2"]
