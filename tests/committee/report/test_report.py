"""The final report (record.py) as a PDF and in the browser, checked against the rows of the
demo day it was made from."""

import io
import re
from datetime import UTC, datetime

import pytest
from django.db.models import Sum
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext, pgettext
from pypdf import PdfReader

from committee.models import (
    Committee,
    Delegation,
    Document,
    Floor,
    Motion,
    Question,
    Session,
    Signature,
    Speech,
)
from committee.report.export import export
from committee.report.html import report_html
from committee.report.record import build_report, resolution_code
from committee.resolutions.layout import guess_language, lay_out
from committee.wording import format_duration
from tests import factories

pytestmark = pytest.mark.django_db

GENERATED_AT = datetime(2024, 12, 8, 18, 0, tzinfo=UTC)


def flat(text: str) -> str:
    """PDF text with every run of white space made one space."""
    return re.sub(r"\s+", " ", text)


def pdf_text(content: bytes) -> tuple[str, int]:
    reader = PdfReader(io.BytesIO(content))
    return flat(" ".join(page.extract_text() for page in reader.pages)), len(reader.pages)


def first_words(text: str, count: int = 6) -> str:
    return " ".join(text.split()[:count])


def test_the_demo_days_report_says_what_the_rows_say_in_pdf_in_both_languages(demo_day):
    first_pdf = check_the_pdf(demo_day)
    check_every_figure(demo_day)
    check_the_same_record_gives_the_same_report(demo_day, first_pdf)


def check_the_pdf(committee: Committee) -> bytes:
    adopted = list(Document.objects.filter(committee=committee, status="adopted"))
    assert len(adopted) == 2
    dr_vote = Question.objects.get(
        committee=committee, kind=Question.Kind.DR, method=Question.Method.ROLL_CALL
    )
    last_hash = Floor.objects.get(committee=committee).last_hash

    exported = export(committee, "pdf", language="en", generated_at=GENERATED_AT)
    assert exported.content_type == "application/pdf"
    assert exported.filename == "c34-en-report.pdf"
    text, pages = pdf_text(exported.content)
    assert "Report of the Special Committee on Peacekeeping Operations" in text
    numbered = [int(n) for n in re.findall(rf"Page (\d+) of {pages}\b", text)]
    assert numbered == list(range(1, pages + 1))
    for heading in ("Attendance", "Resolutions adopted", "Motions", "Speakers", "The log"):
        assert heading in text
    for document in adopted:
        with translation.override("en"):
            assert resolution_code(document) in text
        body = document.versions.get(number=document.version).body
        layout = lay_out(body, language=guess_language(body))
        for clause in (*layout.preambular, *layout.operative):
            assert first_words(clause.text) in text
        sponsors = Signature.objects.filter(
            document=document, role="sponsor", signed_at__isnull=False, ended=""
        )
        for signature in sponsors:
            assert signature.delegation.name in text
    counts = f"Yes {dr_vote.yes}, No {dr_vote.no}, Abstain {dr_vote.abstain}"
    assert counts in text
    assert f"{dr_vote.required_yes} Yes needed of {dr_vote.base_size}" in text
    assert "adopted without a vote" in text  # DR 1.2, by consensus
    assert last_hash in text.replace(" ", "")
    assert "The hash chain was checked when this report was made: every event is as it was" in text

    chinese = export(committee, "pdf", language="zh-hans", generated_at=GENERATED_AT)
    text_zh, pages_zh = pdf_text(chinese.content)
    with translation.override("zh-hans"):
        expected = [
            gettext("Report of the %(committee)s") % {"committee": committee.name_zh},
            gettext("Resolutions adopted"),
            gettext("Attendance"),
            resolution_code(adopted[0]),
            pgettext("report page footer", "Page %(page)s of %(pages)s")
            % {"page": 2, "pages": pages_zh},
        ]
    assert all(re.search(r"[\u4e00-\u9fff]", words) for words in expected[:3])
    for words in expected:
        assert flat(words).replace(" ", "") in text_zh.replace(" ", "")
    assert last_hash in text_zh.replace(" ", "")
    return exported.content


def check_every_figure(committee: Committee) -> None:
    """Every figure of the report comes from the rows."""
    with translation.override("en"):
        report = build_report(committee, generated_at=GENERATED_AT)
    by_name = {line.delegation: line for line in report.delegations}
    for delegation in Delegation.objects.filter(committee=committee):
        line = by_name[delegation.name]
        speeches = Speech.objects.filter(
            delegation=delegation, kind__in=("gsl", "caucus", "reply", "yielded")
        )
        seconds = speeches.aggregate(total=Sum("seconds"))["total"] or 0
        assert line.speaking_seconds == seconds
        with translation.override("en"):
            assert line.speaking_time == format_duration(seconds)
        assert line.motions_raised == Motion.objects.filter(mover=delegation).count()
        assert line.sessions_present == (delegation.attendance.exclude(status="absent").count())
        assert (
            line.sponsored
            == Signature.objects.filter(
                delegation=delegation, role="sponsor", signed_at__isnull=False, ended=""
            ).count()
        )
    assert len(report.speeches) == Speech.objects.filter(committee=committee).count()
    assert len(report.motions) == Motion.objects.filter(committee=committee).count()
    assert [s.number for s in report.sessions] == list(
        Session.objects.filter(committee=committee)
        .order_by("number")
        .values_list("number", flat=True)
    )
    decided = Question.objects.filter(committee=committee, passed__isnull=False)
    assert len(report.votes) == decided.count()
    roll_call = next(vote for vote in report.votes if vote.roll_call)
    question = Question.objects.get(pk=roll_call.id)
    assert len(roll_call.roll_call) == question.ballots.filter(round=1).count()
    assert report.speaking_charts and report.vote_grids
    assert report.seal is not None and report.seal.intact
    assert report.seal.last_hash == Floor.objects.get(committee=committee).last_hash


def check_the_same_record_gives_the_same_report(committee: Committee, first_pdf: bytes) -> None:
    """Exported twice with nothing new, the report is the same apart from its generation time."""
    with translation.override("en"):
        report = build_report(committee, generated_at=GENERATED_AT)
        again = build_report(committee, generated_at=GENERATED_AT)
        later = build_report(committee, generated_at=datetime(2025, 1, 2, 3, 4, tzinfo=UTC))
        html = report_html(report)
        assert report_html(again) == html
        changed = [
            (old, new)
            for old, new in zip(html.splitlines(), report_html(later).splitlines(), strict=True)
            if old != new
        ]
    assert len(changed) == 1 and 'data-testid="generated-at"' in changed[0][0]
    again_pdf = export(committee, "pdf", language="en", generated_at=GENERATED_AT)
    assert again_pdf.content == first_pdf


def test_the_report_of_an_empty_committee_says_so_and_escapes_what_delegates_typed(
    secretariat_client,
):
    committee = factories.committee()
    factories.delegation(committee, name="<script>alert(1)</script>")
    with translation.override("en"):
        report = build_report(committee, generated_at=GENERATED_AT)
        html = report_html(report)
    assert "No session was held." in html
    assert "The committee adopted no resolution." in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html and "<script>" not in html
    text, _pages = pdf_text(export(committee, "pdf", language="en").content)
    assert "No motion was raised." in text


def test_the_secretariat_reads_the_report_in_the_browser_in_either_language(
    secretariat_client, client, dais_x_client, committee_x
):
    url = reverse("report_web", args=[committee_x.slug])
    response = secretariat_client.get(url, {"language": "zh-hans"})
    assert response.status_code == 200
    html = response.content.decode()
    assert 'lang="zh-hans"' in html and 'href="/static/css/report.css"' in html
    with translation.override("zh-hans"):
        assert gettext("Attendance") in html
    assert f'{url}?language=en"' in html
    english = secretariat_client.get(url, {"language": "xx"})  # unknown: the page's language
    assert english.status_code == 200 and "Attendance" in english.content.decode()
    assert dais_x_client.get(url).status_code == 403
    assert client.get(url).status_code == 302
