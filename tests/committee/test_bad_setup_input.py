"""Set-up pages refuse what the database cannot keep, with a message, never a 500.

Roster lines with a NUL character or an over-long sort key are reported by line number like
every other roster problem; rule overrides nested a hundred thousand deep, or with NaN, are
"not valid JSON". Run on SQLite and on PostgreSQL (which refuses NUL characters outright).
"""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from committee.models import Committee, Conference
from committee.roster import parse_roster
from tests import factories
from tests.committee.test_secretariat_views import committee_data

HEADER = "name,iso_code,kind,name_zh,sort_key\n"


def test_an_over_long_sort_key_is_reported_with_its_line():
    over_long = f"Ghana,GH,member,,{'k' * 121}\n"
    parsed = parse_roster(HEADER + "China,CN,member,中国,China\n" + over_long)
    assert [(e.line, e.message) for e in parsed.errors] == [
        (3, "The sort key is longer than 120 characters.")
    ]


def test_a_nul_character_in_any_cell_is_reported_with_its_line():
    parsed = parse_roster(HEADER + "China,CN,member,中国,China\nGha\x00na,GH,member,,\n")
    assert [(e.line, e.message) for e in parsed.errors] == [
        (3, "This line contains a NUL character.")
    ]


def test_a_cell_too_large_for_the_csv_reader_is_reported_not_raised():
    parsed = parse_roster(HEADER + "China,CN,member,中国,China\n" + '"' + "x" * 200_000 + '"\n')
    assert not parsed.is_valid
    assert [(e.line, e.message) for e in parsed.errors] == [(3, "This line cannot be read as CSV.")]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("line", "message"),
    [
        (f"Ghana,GH,member,,{'k' * 121}", "The sort key is longer than 120 characters."),
        ("Gha\x00na,GH,member,,", "This line contains a NUL character."),
        ("Ghana,GH,member,加\x00纳,", "This line contains a NUL character."),
    ],
)
def test_the_roster_page_refuses_the_file_and_imports_nothing(
    secretariat_client, committee_x, line, message
):
    url = reverse("roster_import", args=[committee_x.slug])
    body = (HEADER + "China,CN,member,中国,China\n" + line + "\n").encode()
    upload = SimpleUploadedFile("roster.csv", body, content_type="text/csv")

    response = secretariat_client.post(url, {"file": upload})

    assert response.status_code == 400
    html = response.content.decode()
    assert "Line 3" in html and message in html
    assert not committee_x.delegations.exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ("[" * 100_000, "Keep the overrides to 10000 characters."),
        ("[" * 5_000, "This is not valid JSON."),
        ('{"gsl_speaking_time": NaN}', "This is not valid JSON."),
        ('{"gsl_speaking_time": ' + "9" * 5000 + "}", "This is not valid JSON."),
        ('{"gsl_speaking_time": [[[[1]]]]}', "The overrides are nested too deeply."),
        ('{"gsl_speaking_time": "\\u0000"}', "is not allowed"),
    ],
)
def test_unreadable_overrides_are_refused_as_a_form_error(secretariat_client, overrides, message):
    data = committee_data(factories.conference(), rules_overrides=overrides)

    response = secretariat_client.post(reverse("committee_create"), data)

    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Committee.objects.filter(slug="unsc").exists()


@pytest.mark.django_db
@pytest.mark.parametrize("field", ["name", "name_zh", "acronym", "topic", "topic_zh"])
def test_a_nul_character_in_the_committee_form_is_refused(secretariat_client, field):
    data = committee_data(factories.conference(), **{field: "Security\x00Council"})

    response = secretariat_client.post(reverse("committee_create"), data)

    assert response.status_code == 400
    assert not Committee.objects.filter(slug="unsc").exists()


@pytest.mark.django_db
@pytest.mark.parametrize("field", ["name", "name_zh", "slug"])
def test_a_nul_character_in_the_conference_form_is_refused(secretariat_client, field):
    data = {"name": "Conference", "slug": "conf", "starts_on": "2025-05-01"}
    data["ends_on"] = "2025-05-03"
    data[field] = "Con\x00ference"

    response = secretariat_client.post(reverse("conference_create"), data)

    assert response.status_code == 400
    assert not Conference.objects.filter(name__startswith="Con").exists()
