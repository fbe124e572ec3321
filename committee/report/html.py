"""The final report as one HTML page: the browser view, and what the PDF is typeset from."""

from collections.abc import Iterable, Mapping

from django.template.loader import render_to_string

from committee.report.record import Report


def report_html(
    report: Report, *, web: bool = False, links: Iterable[Mapping[str, str]] = ()
) -> str:
    """``web`` links the stylesheet and shows ``links`` (url, label) above the report."""
    return render_to_string(
        "committee/report/report.html", {"report": report, "web": web, "links": list(links)}
    )
