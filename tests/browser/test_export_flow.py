"""The secretariat exports the committee's report: from the dashboard to the export page, a PDF
in Chinese started, its progress followed, the file downloaded and read back; then the report
in the browser."""

import io
import re
from pathlib import Path

from playwright.sync_api import expect
from pypdf import PdfReader

from tests.browser.helpers import DEMO_COMMITTEE, SECRETARIAT, ContextFactory


def test_the_secretariat_exports_a_chinese_pdf_and_reads_the_report_in_the_browser(
    new_context: ContextFactory, live_server_url: str
) -> None:
    page = new_context(signed_in_as=SECRETARIAT).new_page()
    page.goto(f"{live_server_url}/secretariat/")
    page.locator(f'a[href="/secretariat/c/{DEMO_COMMITTEE}/export/"]').click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Export")

    page.get_by_label("PDF report (A4, to print)").check()
    page.get_by_label("简体中文").check()
    page.get_by_role("button", name="Start the export").click()

    # The new line shows its progress, then polls itself until the file is there.
    job = page.get_by_test_id("export-job").first
    expect(job).to_be_visible()
    expect(job).to_have_attribute("data-status", "done", timeout=60_000)
    with page.expect_download() as download_info:
        job.get_by_test_id("export-download").click()
    download = download_info.value
    assert download.suggested_filename == f"{DEMO_COMMITTEE}-zh-hans-report.pdf"
    reader = PdfReader(io.BytesIO(Path(download.path()).read_bytes()))
    text = re.sub(r"\s+", "", "".join(p.extract_text() for p in reader.pages))
    assert "维持和平行动特别委员会报告" in text
    assert f"第1页，共{len(reader.pages)}页" in text

    # The same report in the browser, in the language chosen there.
    page.get_by_test_id("report-web-link").filter(has_text="English").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Report of the Special Committee on Peacekeeping Operations"
    )
    expect(page.locator("#log code")).to_have_text(re.compile(r"^[0-9a-f]{64}$"))
    page.get_by_role("link", name="简体中文").click()
    expect(page.get_by_role("heading", level=2, name="出席情况")).to_be_visible()
