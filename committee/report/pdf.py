"""The final report as an A4 PDF, typeset by WeasyPrint from the report's HTML.

The HTML is the web view's (`templates/committee/report/report.html`); the PDF adds the page
rules: A4 margins, the committee as a running header with the section, and "page n of m" at the
foot, in the report's language. Chinese is set in Noto Sans CJK (Debian's fonts-noto-cjk). The
PDF fetches nothing: every picture is inline SVG and the stylesheet is read from disk, so an
export never reaches outside the machine.
"""

from __future__ import annotations

import re

from django.contrib.staticfiles import finders
from django.utils.translation import pgettext
from weasyprint import CSS, HTML
from weasyprint.urls import URLFetcher

from committee.report.html import report_html
from committee.report.record import Report

STYLESHEET = "css/report.css"
PAGE_FONTS = '"Noto Sans", "DejaVu Sans", "Noto Sans CJK SC", sans-serif'
_PLACEHOLDER = re.compile(r"%\((page|pages)\)s")


def _css_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _page_counter() -> str:
    """ "Page %(page)s of %(pages)s" in the active language as CSS generated content."""
    words = pgettext("report page footer", "Page %(page)s of %(pages)s")
    parts = []
    for index, piece in enumerate(_PLACEHOLDER.split(words)):
        if index % 2:
            parts.append(f"counter({piece})")
        elif piece:
            parts.append(_css_string(piece))
    return " ".join(parts)


def page_rules(report: Report) -> str:
    header = f"{report.cover.acronym} · {report.cover.conference}"
    return f"""
@page {{
  size: A4;
  margin: 20mm 16mm 18mm 16mm;
  font-family: {PAGE_FONTS};
  @top-left {{ content: {_css_string(header)}; font-size: 8pt; color: #5a6675; }}
  @top-right {{ content: string(section); font-size: 8pt; color: #5a6675; }}
  @bottom-center {{ content: {_page_counter()}; font-size: 8pt; color: #5a6675; }}
}}
@page wide {{
  size: A4 landscape;
}}
@page :first {{
  @top-left {{ content: none; }}
  @top-right {{ content: none; }}
}}
"""


def report_pdf(report: Report) -> bytes:
    stylesheet = finders.find(STYLESHEET)
    # Only files on this machine: the report never fetches anything from elsewhere.
    local_only = URLFetcher(allowed_protocols=("file", "data"))
    document = HTML(string=report_html(report), url_fetcher=local_only, base_url=".")
    return document.write_pdf(
        stylesheets=[CSS(filename=stylesheet), CSS(string=page_rules(report))],
    )
