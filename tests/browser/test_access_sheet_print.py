"""The printed access sheet: every card whole, on one page, with a QR code a phone can read.

The sheet is printed to an A4 PDF by Chromium, as the secretariat prints it. Each PDF page is
then read back twice, with the tools a reader would trust: its text (`pdftotext`) and its QR
codes (`zbarimg` on the page rendered by `pdftoppm`). A card cut at its bottom loses the lower
part of its QR code and its last line; a card split across two pages has its name on one page
and its QR code on the next. Both show up as a page whose codes, hints and QR codes disagree.
"""

import re
import secrets
import shutil
import subprocess
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Page, expect

from tests.browser.helpers import DEMO_COMMITTEE, SECRETARIAT, ContextFactory

# The last words of every card: cut or pushed to another page, they go missing.
HINT_END = "and type the code."

# A sheet of 193 cards makes 193 QR codes: on a busy machine it takes longer than a live page.
SHEET_LOAD_TIMEOUT_MS = 60_000

# An A4 page less the sheet's 10 mm margins, in CSS pixels (96 per inch).
A4_PRINTABLE = {"width": round(190 / 25.4 * 96), "height": round(277 / 25.4 * 96)}

# A plenary of 193 with names as long as the UN's longest, so that every line of a card wraps
# as far as it can.
LONG_NAMES = [
    ("United Kingdom of Great Britain and Northern Ireland", "大不列颠及北爱尔兰联合王国", "GB"),
    ("Democratic Republic of the Congo", "刚果民主共和国", "CD"),
    ("Saint Vincent and the Grenadines", "圣文森特和格林纳丁斯", "VC"),
    ("Lao People's Democratic Republic", "老挝人民民主共和国", "LA"),
    ("Bolivia (Plurinational State of)", "多民族玻利维亚国", "BO"),
]
PLENARY_ROSTER = "name,iso_code,kind,name_zh,sort_key\n" + "".join(
    f'"{name} {number:03d}",{iso},member,{name_zh}{number:03d},{number:03d}\n'
    for number in range(1, 194)
    for name, name_zh, iso in [LONG_NAMES[number % len(LONG_NAMES)]]
)


def _tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        pytest.fail(
            f"{name} is needed to read the printed sheet back "
            "(apt-get install poppler-utils zbar-tools)",
            pytrace=False,
        )
    return path


def _run(*command: str) -> str:
    return subprocess.run(command, check=True, capture_output=True, text=True).stdout


def _cards_fit_in_print_layout(page: Page) -> list[str]:
    """Names of the cards whose content overflows their box when laid out for print."""
    page.set_viewport_size(A4_PRINTABLE)
    page.emulate_media(media="print")
    return page.get_by_test_id("access-card").evaluate_all(
        """cards => cards.filter(card => {
            const box = card.getBoundingClientRect();
            const qr = card.querySelector('svg').getBoundingClientRect();
            return card.scrollHeight > card.clientHeight
                || card.scrollWidth > card.clientWidth
                || qr.bottom > box.bottom || qr.right > box.right;
        }).map(card => card.dataset.delegation)"""
    )


def _read_back_pages(pdf: Path) -> list[tuple[str, list[str]]]:
    """(text, decoded QR codes) of each page of the PDF."""
    pdfinfo = _run(_tool("pdfinfo"), str(pdf))
    pages = int(re.search(r"^Pages:\s+(\d+)$", pdfinfo, re.MULTILINE)[1])
    zbarimg = _tool("zbarimg")
    read: list[tuple[str, list[str]]] = []
    for number in range(1, pages + 1):
        text = _run(_tool("pdftotext"), "-f", str(number), "-l", str(number), str(pdf), "-")
        prefix = pdf.with_name(f"page-{number}")
        _run(
            _tool("pdftoppm"),
            "-f",
            str(number),
            "-l",
            str(number),
            "-r",
            "150",
            "-gray",
            "-png",
            "-singlefile",
            str(pdf),
            str(prefix),
        )
        # zbarimg exits with 4 when a page has no QR code at all: that is an answer too.
        decoded = subprocess.run(
            [zbarimg, "--quiet", "--raw", "-Sdisable", "-Sqrcode.enable", f"{prefix}.png"],
            capture_output=True,
            text=True,
        )
        assert decoded.returncode in {0, 4}, decoded.stderr
        read.append((" ".join(text.split()), decoded.stdout.split()))
    return read


def _print_and_check(page: Page, base_url: str, slug: str, tmp_path: Path) -> int:
    page.goto(f"{base_url}/secretariat/c/{slug}/access-sheet/", timeout=SHEET_LOAD_TIMEOUT_MS)
    cards = page.get_by_test_id("access-card")
    expect(cards.first).to_be_visible()
    printed = dict(
        cards.evaluate_all(
            """cards => cards.map(card => [
                card.querySelector('[data-testid=access-code]').textContent.trim(),
                card.dataset.delegation,
            ])"""
        )
    )

    assert _cards_fit_in_print_layout(page) == []

    pdf = tmp_path / "access-sheet.pdf"
    page.pdf(path=str(pdf), format="A4")
    seen: list[str] = []
    for number, (text, qr_links) in enumerate(_read_back_pages(pdf), start=1):
        codes_here = [code for code in printed if code in text]
        # The QR code carries the code without its space: /join/<code>/.
        qr_codes = sorted(urlsplit(link).path.rstrip("/").rsplit("/", 1)[1] for link in qr_links)
        where = f"page {number}"
        assert sorted(code.replace(" ", "") for code in codes_here) == qr_codes, where
        assert text.count(HINT_END) == len(codes_here), where
        for code in codes_here:
            assert printed[code] in text, f"{printed[code]} is not on the page of its code"
        seen += codes_here
    assert sorted(seen) == sorted(printed)
    return len(printed)


def test_printed_sheet_of_the_demo_committee_has_every_card_whole(
    new_context: ContextFactory, live_server_url: str, tmp_path: Path
) -> None:
    page = new_context(signed_in_as=SECRETARIAT).new_page()
    assert _print_and_check(page, live_server_url, DEMO_COMMITTEE, tmp_path) == 38


def _plenary(page: Page, base_url: str) -> str:
    """A committee of 193 made by the secretariat: the form, then the roster import."""
    slug = f"plenary-{secrets.token_hex(3)}"
    page.goto(f"{base_url}/secretariat/committees/new/")
    page.get_by_label("Conference").select_option(
        label="Beijing International Model United Nations 2024"
    )
    page.get_by_role("textbox", name="Name", exact=True).fill("General Assembly Plenary")
    page.get_by_label("Acronym").fill("GA")
    page.get_by_label("Short name in links").fill(slug)
    page.get_by_role("textbox", name="Topic", exact=True).fill("Peacekeeping")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Committee “General Assembly Plenary” saved.")).to_be_visible()
    page.goto(f"{base_url}/secretariat/c/{slug}/roster/")
    page.get_by_label("Roster CSV file").set_input_files(
        files=[{"name": "roster.csv", "mimeType": "text/csv", "buffer": PLENARY_ROSTER.encode()}]
    )
    page.get_by_role("button", name="Check and import").click()
    expect(page.get_by_text("Roster imported: 193 new")).to_be_visible()
    return slug


def test_printed_sheet_of_a_plenary_of_193_has_every_card_whole(
    new_context: ContextFactory, live_server_url: str, tmp_path: Path
) -> None:
    page = new_context(signed_in_as=SECRETARIAT).new_page()
    slug = _plenary(page, live_server_url)
    assert _print_and_check(page, live_server_url, slug, tmp_path) == 193
