"""The secretariat's export page: a format and a language, the export running in a thread of
its own while its line on the page shows the progress, then the file to download."""

import csv
import io
import threading
import zipfile
from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from committee.models import EXPORT_SILENT_LIMIT, Committee, ExportJob
from committee.report.export import (
    CSV,
    DOCX,
    FORMAT_LABELS,
    FORMATS,
    JSON,
    PDF,
    READING,
    ExportFile,
)
from committee.services import exports, floor
from tests import factories
from tests.conftest import delegate_client, user_client

# What each format's download is: its type, and its name for committee "cx" in English.
FILES = {
    PDF: ("application/pdf", "cx-en-report.pdf"),
    DOCX: ("application/zip", "cx-en-word.zip"),
    CSV: ("application/zip", "cx-en-tables.zip"),
    JSON: ("application/json", "cx-archive.json"),
}
CSV_MEMBERS = ["attendance.csv", "speeches.csv", "motions.csv", "ballots.csv"]
HTMX = {"HTTP_HX_REQUEST": "true"}
Status = ExportJob.Status


def start_url(committee: Committee) -> str:
    return reverse("export_start", args=[committee.slug])


def progress_url(job: ExportJob) -> str:
    return reverse("export_progress", args=[job.committee.slug, job.pk])


def download_url(job: ExportJob) -> str:
    return reverse("export_download", args=[job.committee.slug, job.pk])


def export_threads() -> list[threading.Thread]:
    return [thread for thread in threading.enumerate() if thread.name.startswith("bimun-export-")]


def wait_for_export(job: ExportJob) -> ExportJob:
    """Join the job's thread (if it has not ended already) and read its row again."""
    for thread in threading.enumerate():
        if thread.name == exports.export_thread_name(job.pk):
            thread.join(timeout=30)
            assert not thread.is_alive(), "the export thread did not end"
    job.refresh_from_db()
    return job


def started_job(client: Client, committee: Committee, **data: str) -> ExportJob:
    response = client.post(start_url(committee), {"kind": CSV, "language": "en"} | data, **HTMX)
    assert response.status_code == 200, response.content.decode()
    job = ExportJob.objects.get(committee=committee)
    assert f'<li id="export-job-{job.pk}"' in response.content.decode()
    return job


@pytest.fixture
def committee_with_record(committee_x: Committee) -> Committee:
    """Committee X after one roll call: the record has rows in it."""
    france, _germany = factories.delegations(committee_x, ["France", "Germany"])
    chair = factories.dais_user(committee_x)
    floor.session_open(committee=committee_x, user=chair)
    floor.roll_call_start(committee=committee_x, user=chair)
    floor.attendance_set(
        committee=committee_x, delegation_id=france.pk, status="present", user=chair
    )
    floor.roll_call_close(committee=committee_x, user=chair)
    return committee_x


@pytest.fixture
def blocking_export(monkeypatch):
    """An export that reports its first step, then waits for the test to let it finish."""
    reported, release = threading.Event(), threading.Event()

    def export(committee, kind, *, language, progress):
        progress(1, 3, READING)
        reported.set()
        release.wait(timeout=30)
        return ExportFile("cx-en-tables.zip", "application/zip", b"PK\x05\x06" + bytes(18))

    monkeypatch.setattr(exports, "export", export)
    yield reported
    release.set()  # whatever the test did, its thread ends before the next test
    for thread in export_threads():
        thread.join(timeout=30)


# ---- the page ---------------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_the_page_offers_every_format_and_language_in_the_readers_language(
    secretariat_client, committee_x, language
):
    response = secretariat_client.get(
        reverse("export_page", args=[committee_x.slug]), HTTP_ACCEPT_LANGUAGE=language
    )
    assert response.status_code == 200
    html = response.content.decode()
    with translation.override(language):
        labels = [str(label) for label in FORMAT_LABELS.values()]
    for kind, label in zip(FORMAT_LABELS, labels, strict=True):
        assert f'type="radio" name="kind" value="{kind}"' in html
        assert label in html
    # Both languages are offered in their own names; the reader's own is chosen to begin with.
    assert 'type="radio" name="language" value="en"' in html and "English" in html
    assert 'type="radio" name="language" value="zh-hans"' in html and "简体中文" in html
    assert response.context["form"]["language"].value() == language
    assert response.context["form"]["kind"].value() == PDF
    if language == "zh-hans":
        assert "PDF 报告（A4，供打印）" in html
    assert 'id="export-none"' in html  # no exports yet


@pytest.mark.django_db
def test_the_page_lists_this_committees_jobs_newest_first_with_their_downloads(
    secretariat_client, committee_x, committee_y
):
    older = ExportJob.objects.create(
        committee=committee_x, kind=CSV, language="en", status=Status.FAILED, error="boom"
    )
    newer = ExportJob.objects.create(
        committee=committee_x,
        kind=CSV,
        language="zh-hans",
        status=Status.DONE,
        filename="cx-zh-hans-tables.zip",
        content_type="application/zip",
        content=b"zip",
    )
    other = ExportJob.objects.create(committee=committee_y, kind=CSV, language="en")
    response = secretariat_client.get(reverse("export_page", args=[committee_x.slug]))
    assert [line.job.pk for line in response.context["lines"]] == [newer.pk, older.pk]
    html = response.content.decode()
    assert download_url(newer) in html
    assert f'id="export-job-{other.pk}"' not in html
    assert 'id="export-none"' not in html


@pytest.mark.django_db
def test_the_dashboard_links_each_committee_to_its_export_page(secretariat_client, committee_x):
    response = secretariat_client.get(reverse("secretariat_dashboard"))
    assert reverse("export_page", args=[committee_x.slug]) in response.content.decode()


# ---- an export from start to download ---------------------------------------------------------


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("kind", FORMATS)
def test_an_export_runs_in_the_background_and_its_line_ends_with_the_download(
    secretariat_client, committee_with_record, kind
):
    response = secretariat_client.post(
        start_url(committee_with_record), {"kind": kind, "language": "en"}, **HTMX
    )
    assert response.status_code == 200
    job = ExportJob.objects.get(committee=committee_with_record)
    started = response.content.decode()
    assert f'<li id="export-job-{job.pk}"' in started
    # The new line polls itself, and the "no exports yet" line goes.
    assert f'hx-get="{progress_url(job)}"' in started
    assert 'hx-trigger="every 1s"' in started
    assert '<li id="export-none" hx-swap-oob="delete">' in started

    job = wait_for_export(job)
    assert job.status == Status.DONE, job.error
    assert job.requested_by == response.wsgi_request.user
    assert job.finished_at is not None
    assert job.done == job.total > 0

    line = secretariat_client.get(progress_url(job), **HTMX)
    html = line.content.decode()
    assert 'data-status="done"' in html
    assert download_url(job) in html
    assert "hx-trigger" not in html  # done: the line stops polling

    download = secretariat_client.get(download_url(job))
    content_type, filename = FILES[kind]
    assert download.status_code == 200
    assert download["Content-Type"] == content_type
    assert download["Content-Disposition"] == f'attachment; filename="{filename}"'
    assert download.content == bytes(job.content)


@pytest.mark.django_db(transaction=True)
def test_the_csv_download_is_the_zip_of_the_four_tables(secretariat_client, committee_with_record):
    job = wait_for_export(started_job(secretariat_client, committee_with_record))
    download = secretariat_client.get(download_url(job))
    with zipfile.ZipFile(io.BytesIO(download.content)) as archive:
        assert archive.namelist() == CSV_MEMBERS
        attendance = archive.read("attendance.csv").decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(attendance)))
    assert rows[0] == ["Session", "Delegation", "Status at roll call", "Since"]
    assert {row[1]: row[2] for row in rows[1:]} == {"France": "present", "Germany": "absent"}


@pytest.mark.django_db(transaction=True)
def test_the_file_is_in_the_language_chosen_whatever_the_pages(
    secretariat_client, committee_with_record
):
    job = wait_for_export(
        started_job(secretariat_client, committee_with_record, language="zh-hans")
    )
    assert job.language == "zh-hans"
    download = secretariat_client.get(download_url(job))
    assert download["Content-Disposition"] == 'attachment; filename="cx-zh-hans-tables.zip"'
    with zipfile.ZipFile(io.BytesIO(download.content)) as archive:
        attendance = archive.read("attendance.csv").decode("utf-8-sig")
    assert next(csv.reader(io.StringIO(attendance))) == ["会期", "代表团", "点名状态", "起始时间"]


@pytest.mark.django_db(transaction=True)
def test_while_it_runs_the_line_shows_the_step_and_keeps_polling(
    secretariat_client, committee_x, blocking_export
):
    job = started_job(secretariat_client, committee_x)
    assert blocking_export.wait(timeout=30)

    html = secretariat_client.get(progress_url(job), **HTMX).content.decode()
    assert 'data-status="running"' in html
    assert '<progress class="export-job__progress" max="3" value="1"' in html
    assert "Step 1 of 3" in html
    assert "Reading the record" in html
    assert 'hx-trigger="every 1s"' in html
    assert download_url(job) not in html
    assert secretariat_client.get(download_url(job)).status_code == 404


@pytest.mark.django_db(transaction=True)
def test_without_htmx_starting_an_export_comes_back_to_the_page(secretariat_client, committee_x):
    page = reverse("export_page", args=[committee_x.slug])
    response = secretariat_client.post(start_url(committee_x), {"kind": CSV, "language": "en"})
    assert response.status_code == 302
    assert response["Location"] == page
    job = wait_for_export(ExportJob.objects.get(committee=committee_x))
    assert job.status == Status.DONE
    assert download_url(job) in secretariat_client.get(page).content.decode()


# ---- what goes wrong --------------------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_a_failing_export_is_marked_failed_and_says_so(
    secretariat_client, committee_x, monkeypatch, caplog
):
    def export(committee, kind, *, language, progress):
        progress(0, 2, READING)
        raise RuntimeError("the typesetter fell over")

    monkeypatch.setattr(exports, "export", export)
    job = wait_for_export(started_job(secretariat_client, committee_x))

    assert job.status == Status.FAILED
    assert job.error == "RuntimeError: the typesetter fell over"
    assert job.finished_at is not None
    assert job.content is None
    logged = [record for record in caplog.records if record.name == exports.__name__]
    assert logged and logged[0].exc_info is not None  # the traceback is in the server's log

    html = secretariat_client.get(progress_url(job), **HTMX).content.decode()
    assert 'data-status="failed"' in html
    assert "The export failed." in html
    assert "the typesetter fell over" in html
    assert "hx-trigger" not in html
    assert secretariat_client.get(download_url(job)).status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"kind": "xlsx", "language": "en"}, "Choose one of the formats."),
        ({"language": "en"}, "Choose one of the formats."),
        ({"kind": CSV, "language": "fr"}, "Choose the language of the file."),
        ({"kind": CSV}, "Choose the language of the file."),
    ],
)
def test_bad_input_is_refused_with_the_fields_message_and_starts_nothing(
    secretariat_client, committee_x, data, message
):
    response = secretariat_client.post(start_url(committee_x), data, **HTMX)
    assert response.status_code == 400
    assert response["HX-Retarget"] == "#notices"
    assert message in response.content.decode()

    response = secretariat_client.post(start_url(committee_x), data)
    assert response.status_code == 400
    assert message in response.content.decode()

    assert not ExportJob.objects.exists()
    assert not export_threads()


@pytest.mark.django_db
def test_a_job_is_reached_only_through_its_own_committee(
    secretariat_client, committee_x, committee_y
):
    job_of_y = ExportJob.objects.create(
        committee=committee_y,
        kind=CSV,
        language="en",
        status=Status.DONE,
        filename="cy-en-tables.zip",
        content_type="application/zip",
        content=b"zip",
    )
    for name in ("export_progress", "export_download"):
        url = reverse(name, args=[committee_x.slug, job_of_y.pk])
        assert secretariat_client.get(url).status_code == 404
    assert secretariat_client.get(download_url(job_of_y)).status_code == 200


@pytest.mark.django_db
def test_a_job_whose_thread_fell_silent_is_shown_stopped_and_no_longer_polls(
    secretariat_client, committee_x
):
    job = ExportJob.objects.create(
        committee=committee_x,
        kind=CSV,
        language="en",
        status=Status.RUNNING,
        done=1,
        total=2,
        updated_at=timezone.now() - EXPORT_SILENT_LIMIT - timedelta(minutes=1),
    )
    html = secretariat_client.get(progress_url(job), **HTMX).content.decode()
    assert 'data-status="lost"' in html
    assert "The export stopped before it finished" in html
    assert "hx-trigger" not in html


@pytest.mark.django_db
def test_only_the_secretariat_may_export(committee_x, delegation_a):
    job = ExportJob.objects.create(
        committee=committee_x,
        kind=CSV,
        language="en",
        status=Status.DONE,
        filename="cx-en-tables.zip",
        content_type="application/zip",
        content=b"zip",
    )
    anonymous = Client()
    dais = user_client(factories.dais_user(committee_x))
    delegate = delegate_client(delegation_a)
    data = {"kind": CSV, "language": "en"}
    for url in (progress_url(job), download_url(job)):
        assert dais.get(url).status_code == 403
        assert anonymous.get(url)["Location"].startswith(reverse("login"))
        assert delegate.get(url)["Location"].startswith(reverse("login"))
    assert dais.post(start_url(committee_x), data).status_code == 403
    assert anonymous.post(start_url(committee_x), data)["Location"].startswith(reverse("login"))
    assert ExportJob.objects.count() == 1
    assert not export_threads()


# ---- keeping the table small ------------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_starting_an_export_keeps_the_newest_jobs_and_those_still_running(committee_x):
    now = timezone.now()

    def job(minutes_ago: int, status: str, *, silent: bool = False) -> ExportJob:
        at = now - timedelta(minutes=minutes_ago)
        return ExportJob.objects.create(
            committee=committee_x,
            kind=CSV,
            language="en",
            status=status,
            created_at=at,
            updated_at=at - EXPORT_SILENT_LIMIT if silent else now,
        )

    still_running = job(120, Status.RUNNING)
    lost = job(110, Status.RUNNING, silent=True)
    finished = [job(100 - n, Status.FAILED if n % 3 else Status.DONE) for n in range(12)]
    other_committee = ExportJob.objects.create(
        committee=factories.committee(), kind=CSV, language="en", status=Status.DONE
    )

    new = exports.export_start(
        committee=committee_x, user=factories.secretariat_user(), kind=CSV, language="en"
    )
    wait_for_export(new)

    # The new job and the 9 newest finished make 10; the older finished and the lost job go.
    kept = set(ExportJob.objects.filter(committee=committee_x).values_list("pk", flat=True))
    assert kept == {new.pk, still_running.pk, *(j.pk for j in finished[-9:])}
    assert not ExportJob.objects.filter(pk=lost.pk).exists()
    assert ExportJob.objects.filter(pk=other_committee.pk).exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("kind", "language"), [("xlsx", "en"), (CSV, "fr")], ids=["format", "language"]
)
def test_the_service_refuses_an_unknown_format_or_language(committee_x, kind, language):
    with pytest.raises(ValueError):
        exports.export_start(committee=committee_x, user=None, kind=kind, language=language)
    assert not ExportJob.objects.exists()
