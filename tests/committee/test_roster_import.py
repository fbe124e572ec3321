"""Roster CSV: the whole file is checked first; a bad file imports nothing; re-import is a no-op."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from committee.models import Delegation, DelegationAccess
from committee.roster import parse_roster
from committee.services import setup

VALID = """name,iso_code,kind,name_zh,sort_key
China,CN,member,中国,China
Zaire,CD,member,扎伊尔,Zaire
Ghana,GH,observer,加纳,Ghana
"""

INVALID = """name,iso_code,kind,name_zh,sort_key
China,CN,member,中国,China
Atlantis,XX,member,,
,FR,member,,
Ghana,GH,spectator,,
China,CN,member,,
"""


def test_valid_file_parses_every_row():
    parsed = parse_roster(VALID)
    assert parsed.is_valid
    assert [(row.line, row.name, row.iso_code, row.kind) for row in parsed.rows] == [
        (2, "China", "CN", "member"),
        (3, "Zaire", "CD", "member"),
        (4, "Ghana", "GH", "observer"),
    ]
    assert parsed.rows[1].name_zh == "扎伊尔"


def test_every_bad_line_is_reported_with_its_number_and_reason():
    parsed = parse_roster(INVALID)
    assert not parsed.is_valid
    problems = {(error.line, error.message) for error in parsed.errors}
    assert (3, "“XX” is not an ISO 3166 country code.") in problems
    assert (4, "The name is empty.") in problems
    assert (5, "Kind “spectator” is not one of: member, observer.") in problems
    assert (6, "“China” is already on line 2.") in problems
    assert {error.line for error in parsed.errors} == {3, 4, 5, 6}


def test_unknown_and_missing_columns_are_named():
    parsed = parse_roster("country,flag\nChina,CN\n")
    assert [error.line for error in parsed.errors] == [1]
    message = parsed.errors[0].message
    assert "missing column(s): name" in message
    assert "unknown column(s): country, flag" in message


def test_columns_may_come_in_any_order_and_optional_ones_may_be_absent():
    parsed = parse_roster("ISO_CODE,Name\nfr,France\n")
    assert parsed.is_valid
    row = parsed.rows[0]
    assert (row.name, row.iso_code, row.kind, row.sort_key) == ("France", "FR", "member", "France")


def test_empty_file_and_header_only_file_are_refused():
    assert parse_roster("").errors[0].message == "The file is empty."
    assert not parse_roster("name\n").is_valid


def test_a_line_with_more_cells_than_columns_is_refused():
    parsed = parse_roster("name,iso_code\nChina,CN,extra\n")
    assert parsed.errors[0].line == 2


@pytest.mark.django_db
def test_import_twice_changes_nothing(committee_x):
    rows = parse_roster(VALID).rows
    first = setup.roster_import(committee=committee_x, rows=rows)
    assert (first.created, first.updated, first.unchanged) == (3, 0, 0)
    codes = dict(DelegationAccess.objects.values_list("delegation__name", "code"))
    second = setup.roster_import(committee=committee_x, rows=rows)
    assert (second.created, second.updated, second.unchanged) == (0, 0, 3)
    assert dict(DelegationAccess.objects.values_list("delegation__name", "code")) == codes


@pytest.mark.django_db
def test_changed_rows_are_updated_and_missing_ones_kept(committee_x):
    setup.roster_import(committee=committee_x, rows=parse_roster(VALID).rows)
    edited = "name,iso_code,kind,name_zh\nChina,CN,member,中华人民共和国\n"
    result = setup.roster_import(committee=committee_x, rows=parse_roster(edited).rows)
    assert (result.created, result.updated, result.unchanged) == (0, 1, 0)
    assert result.not_in_file == ["Ghana", "Zaire"]
    assert Delegation.objects.get(committee=committee_x, name="China").name_zh == "中华人民共和国"
    assert committee_x.delegations.count() == 3


@pytest.mark.django_db
def test_page_refuses_a_bad_file_and_imports_nothing(secretariat_client, committee_x):
    url = reverse("roster_import", args=[committee_x.slug])
    upload = SimpleUploadedFile("roster.csv", INVALID.encode(), content_type="text/csv")
    response = secretariat_client.post(url, {"file": upload})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Nothing was imported" in html
    assert "Line 3" in html and "Line 5" in html
    assert not committee_x.delegations.exists()


@pytest.mark.django_db
def test_page_imports_a_valid_file_in_gb18030(secretariat_client, committee_x):
    url = reverse("roster_import", args=[committee_x.slug])
    upload = SimpleUploadedFile("roster.csv", VALID.encode("gb18030"), content_type="text/csv")
    response = secretariat_client.post(url, {"file": upload})
    assert response.status_code == 200
    assert "3 new, 0 updated, 0 unchanged" in response.content.decode()
    assert committee_x.delegations.get(name="Zaire").name_zh == "扎伊尔"


@pytest.mark.django_db
def test_page_accepts_pasted_csv(secretariat_client, committee_x):
    url = reverse("roster_import", args=[committee_x.slug])
    response = secretariat_client.post(url, {"text": VALID})
    assert response.status_code == 200
    assert committee_x.delegations.count() == 3


@pytest.mark.django_db
def test_page_asks_for_a_file_when_given_nothing(secretariat_client, committee_x):
    url = reverse("roster_import", args=[committee_x.slug])
    response = secretariat_client.post(url, {})
    assert "Choose a CSV file or paste its contents." in response.content.decode()
