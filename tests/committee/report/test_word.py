"""The Word files of the final report (word.py), read back with python-docx and checked against
the rows of the demo day they were made from."""

import io
import re
import zipfile
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime
from typing import Any

import pytest
from django.db.models import Sum
from django.utils import translation
from django.utils.translation import gettext, pgettext
from docx import Document as read_docx
from docx.document import Document as WordDocument
from docx.oxml.ns import qn
from docx.table import Table

from committee.models import Committee, Delegation, Document, Floor, Motion, Question, Speech
from committee.readmodels.voting import decode_electorate
from committee.report.export import ZIP_DATE, export
from committee.report.record import DocumentRecord, resolution_code
from committee.report.word import resolution_docx
from committee.resolutions.layout import clause_text, lay_out
from committee.wording import format_duration, join_names
from tests import factories

pytestmark = pytest.mark.django_db

GENERATED_AT = datetime(2024, 12, 8, 18, 0, tzinfo=UTC)
SECTIONS = (
    "Attendance",
    "Resolutions adopted",
    "Draft resolutions and amendments not adopted",
    "Votes",
    "Motions",
    "Speakers",
    "Delegations",
    "The log",
)
SPEAKING_KINDS = ("gsl", "caucus", "reply", "yielded")


def word_files(
    committee: Committee, language: str, generated_at: datetime = GENERATED_AT
) -> dict[str, bytes]:
    exported = export(committee, "docx", language=language, generated_at=generated_at)
    assert exported.content_type == "application/zip"
    assert exported.filename == f"{committee.slug}-{language}-word.zip"
    with zipfile.ZipFile(io.BytesIO(exported.content)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def opened(content: bytes) -> WordDocument:
    return read_docx(io.BytesIO(content))


def texts(document: WordDocument, style: str | None = None) -> list[str]:
    return [p.text for p in document.paragraphs if style is None or p.style.name == style]


def rows(table: Table) -> list[list[str]]:
    return [[cell.text for cell in row.cells] for row in table.rows]


def tables_headed(document: WordDocument, first_row: list[str]) -> list[Table]:
    return [table for table in document.tables if rows(table)[0] == first_row]


def raw_clauses(clauses: Iterable[dict[str, Any]]) -> Iterator[str]:
    """The delegates' own words of each clause, in the order of the text, as stored."""
    for clause in clauses:
        yield clause_text(clause["text"])
        yield from raw_clauses(clause.get("children") or ())


def in_order(wanted: list[str], paragraphs: list[str]) -> bool:
    """Each wanted text is in a paragraph after the one holding the text before it."""
    position = 0
    for text in wanted:
        found = next((i for i in range(position, len(paragraphs)) if text in paragraphs[i]), None)
        if found is None:
            return False
        position = found + 1
    return True


def adopted_documents(committee: Committee) -> list[Document]:
    return list(
        Document.objects.filter(committee=committee, status="adopted").order_by("resolution_number")
    )


def file_name(document: Document) -> str:
    return "resolutions/" + re.sub(r"[ /]+", "-", resolution_code(document)) + ".docx"


def test_the_word_report_and_resolutions_say_what_the_rows_say_in_both_languages(demo_day):
    committee = demo_day
    for language in ("en", "zh-hans"):
        with translation.override(language):
            check_the_word_files(committee, language)


def check_the_word_files(committee: Committee, language: str) -> None:
    adopted = adopted_documents(committee)
    assert len(adopted) == 2
    files = word_files(committee, language)
    assert sorted(files) == sorted(["report.docx", *(file_name(d) for d in adopted)])
    report = opened(files["report.docx"])
    paragraphs = texts(report)

    # The sections, in the report's language, listed in the contents and linked to.
    sections = [gettext(heading) for heading in SECTIONS]
    if language == "zh-hans":
        assert all(re.search(r"[\u4e00-\u9fff]", heading) for heading in sections)
    assert texts(report, "Heading 1") == [gettext("Contents"), *sections]
    links = [link for p in report.paragraphs for link in p.hyperlinks]
    bookmarks = report.element.body.xpath(".//w:bookmarkStart/@w:name")
    assert [link.text for link in links] == sections
    assert [link.fragment for link in links] == bookmarks
    assert gettext("Report of the %(committee)s") % {
        "committee": committee.display_name()
    } in texts(report, "Title")

    # Every clause of every resolution adopted, as the current version holds it.
    for document in adopted:
        body = document.versions.get(number=document.version).body
        clauses = list(raw_clauses([*body["preambular"], *body["operative"]]))
        assert in_order(clauses, paragraphs)
        code = resolution_code(document)
        assert any(heading.startswith(code) for heading in texts(report, "Heading 2"))

    # DR 1.1's vote by roll call: its counts, and a line for each delegation that could vote.
    question = Question.objects.get(committee=committee, kind="dr", document__dr_number=1)
    assert question.method == Question.Method.ROLL_CALL
    counts = pgettext(
        "report vote", "Yes %(yes)s, No %(no)s, Abstain %(abstain)s, did not vote %(nv)s"
    ) % {"yes": question.yes, "no": question.no, "abstain": question.abstain, "nv": 0}
    assert any(p.startswith(counts) for p in paragraphs)
    needed = pgettext("report vote", "%(required)s Yes needed of %(base)s") % {
        "required": question.required_yes,
        "base": question.base_size,
    }
    assert any(needed in p for p in paragraphs)
    roll_header = [
        gettext("Delegation"),
        gettext("First round"),
        gettext("Second round"),
        gettext("Explanation of vote"),
    ]
    roll_calls = tables_headed(report, roll_header)
    assert len(roll_calls) == 2  # under DR 1.1, and again among all the votes
    electorate = decode_electorate(question.electorate).ids
    voters = Delegation.objects.filter(pk__in=[int(key) for key in electorate])
    for table in roll_calls:
        assert len(table.rows) - 1 == len(electorate)
        assert sorted(row[0] for row in rows(table)[1:]) == sorted(d.display_name() for d in voters)

    # Every speech and motion is a row; each delegation's speaking time is its speeches' sum.
    speakers = tables_headed(report, [gettext("Session"), gettext("Time"), *_speaker_columns()])
    assert len(speakers) == 1
    assert len(speakers[0].rows) - 1 == Speech.objects.filter(committee=committee).count()
    motions = [t for t in report.tables if rows(t)[0][:3] == _motion_columns()]
    assert len(motions) == 1
    assert len(motions[0].rows) - 1 == Motion.objects.filter(committee=committee).count()
    statistics = tables_headed(report, _delegation_columns())
    assert len(statistics) == 1
    by_name = {row[0]: row for row in rows(statistics[0])[1:]}
    delegations = Delegation.objects.filter(committee=committee)
    assert len(by_name) == delegations.count()
    spoke = 0
    for delegation in delegations:
        name = delegation.display_name()
        if delegation.kind == Delegation.Kind.OBSERVER:
            name += f" ({delegation.get_kind_display()})"
        seconds = Speech.objects.filter(delegation=delegation, kind__in=SPEAKING_KINDS).aggregate(
            total=Sum("seconds")
        )["total"]
        assert by_name[name][3] == format_duration(seconds or 0)
        spoke += bool(seconds)
    assert spoke > 5

    # The log's final hash, alone on its line.
    assert Floor.objects.get(committee=committee).last_hash in paragraphs

    # Tables keep their header on every page and never split a row.
    for table in report.tables:
        assert table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
        assert all(row._tr.trPr.find(qn("w:cantSplit")) is not None for row in table.rows)
    check_the_page_and_fonts(report)

    for document in adopted:
        check_the_resolution_file(opened(files[file_name(document)]), document)


def _speaker_columns() -> list[str]:
    return [
        gettext("Delegation"),
        gettext("Kind"),
        gettext("Spoke for"),
        gettext("Yielded to"),
    ]


def _motion_columns() -> list[str]:
    return [gettext("Number"), gettext("Session"), gettext("Motion")]


def _delegation_columns() -> list[str]:
    return [
        gettext("Delegation"),
        gettext("Sessions present"),
        gettext("Speeches"),
        gettext("Speaking time"),
        gettext("Motions raised"),
        gettext("Motions carried"),
        gettext("Points"),
        gettext("Sponsored"),
        gettext("Signed"),
        gettext("Amendments"),
        gettext("Amendments adopted"),
    ]


def check_the_page_and_fonts(document: WordDocument) -> None:
    section = document.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    footer = section.footer._element.xpath(".//w:instrText/text()")
    assert [code.strip() for code in footer] == ["PAGE", "NUMPAGES"]
    styles = document.styles.element
    defaults = styles.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    normal = document.styles["Normal"].element.rPr
    for fonts in (defaults.find(qn("w:rFonts")), normal.find(qn("w:rFonts"))):
        assert fonts.get(qn("w:eastAsia")) == "Noto Sans CJK SC"
        assert fonts.get(qn("w:ascii")) == "Noto Sans"
        assert fonts.get(qn("w:eastAsiaTheme")) is None  # the theme's font would win
    properties = document.core_properties
    assert properties.created is None and properties.modified is None
    assert properties.last_modified_by == "" and properties.revision == 1


def check_the_resolution_file(document: WordDocument, row: Document) -> None:
    """One resolution alone: its heading, then the UN format."""
    assert texts(document, "Title") == [resolution_code(row)]
    sponsors = row.signatures.filter(role="sponsor", signed_at__isnull=False, ended="")
    names = join_names(s.delegation for s in sponsors.order_by("signed_at", "pk"))
    assert any(p.endswith(names) and p.startswith(gettext("Sponsors")) for p in texts(document))
    body = row.versions.get(number=row.version).body
    paragraphs = document.paragraphs

    preambular = [clause_text(clause["text"]) for clause in body["preambular"]]
    found = [p for p in paragraphs if any(p.text.startswith(text) for text in preambular)]
    assert len(found) == len(preambular)
    for paragraph in found:
        opening = paragraph.runs[0]
        assert opening.italic and opening.text.strip() and not paragraph.runs[1].italic

    operative = [clause_text(clause["text"]) for clause in body["operative"]]
    numbered = [p for p in paragraphs if re.match(r"\d+\.\t", p.text)]
    assert [p.runs[0].text for p in numbered] == [f"{n}.\t" for n in range(1, len(operative) + 1)]
    for paragraph, text in zip(numbered, operative, strict=True):
        verb = paragraph.runs[1]
        assert verb.underline and text.startswith(verb.text) and len(verb.text) >= 2
        assert paragraph.text.startswith(f"{paragraph.runs[0].text}{text}")
    last = numbered[-1].text
    assert last.endswith((".", "。"))


def test_the_same_record_gives_the_same_word_files(demo_day):
    committee = demo_day
    first = export(committee, "docx", language="en", generated_at=GENERATED_AT)
    second = export(committee, "docx", language="en", generated_at=GENERATED_AT)
    assert first.content == second.content

    # python-docx dates each member of a .docx when it saves it: they are packed again.
    files = word_files(committee, "en")
    for content in files.values():
        with zipfile.ZipFile(io.BytesIO(content)) as docx:
            assert {member.date_time for member in docx.infolist()} == {ZIP_DATE}

    # A later export differs only by its generation time, on the cover.
    later = word_files(committee, "en", datetime(2025, 1, 2, 3, 4, tzinfo=UTC))
    assert [name for name in files if files[name] != later[name]] == ["report.docx"]
    before, after = texts(opened(files["report.docx"])), texts(opened(later["report.docx"]))
    changed = [(old, new) for old, new in zip(before, after, strict=True) if old != new]
    assert len(changed) == 1 and changed[0][0].startswith("Generated")


def test_the_word_report_of_an_empty_committee_says_so():
    committee = factories.committee(name="Committee of A & B")
    factories.delegation(committee, name="<Atlantis>")
    files = word_files(committee, "en")
    assert list(files) == ["report.docx"]
    report = opened(files["report.docx"])
    paragraphs = texts(report)
    for words in (
        "No session was held.",
        "The committee adopted no resolution.",
        "No vote was taken.",
        "No motion was raised.",
        "Nobody spoke.",
    ):
        assert words in paragraphs
    assert "Report of the Committee of A & B" in texts(report, "Title")
    statistics = tables_headed(report, _delegation_columns())
    assert rows(statistics[0])[1][:3] == ["<Atlantis>", "0", "0"]


def test_a_chinese_resolution_keeps_its_marks_in_word():
    body = {
        "preambular": [{"id": "p1", "text": "回顾大会以往的各项决议", "children": []}],
        "operative": [
            {
                "id": "o1",
                "text": "请秘书长",
                "children": [
                    {"id": "a", "text": "编写培训材料", "children": []},
                    {"id": "b", "text": "支持各国培训中心", "children": []},
                ],
            },
            {"id": "o2", "text": "决定继续处理此问题", "children": []},
        ],
    }
    record = DocumentRecord(
        id=1,
        code="决议草案 1.1",
        resolution="决议 1/1",
        title="维和人员的安全",
        topic="联合国维和行动改革",
        status="adopted",
        outcome="通过",
        sponsors=["加拿大", "荷兰"],
        signatories=[],
        layout=lay_out(body, language="zh-hans"),
        amendments=[],
        votes=[],
        decided="",
        committee="维持和平行动特别委员会",
    )
    with translation.override("zh-hans"):
        document = opened(resolution_docx(record, conference="北京国际模拟联合国大会"))
    lines = {p.text: p for p in document.paragraphs}
    assert "维持和平行动特别委员会，" in lines
    preamble = lines["回顾大会以往的各项决议，"]
    assert [(run.text, bool(run.italic)) for run in preamble.runs] == [
        ("回顾", True),
        ("大会以往的各项决议，", False),
    ]
    first = lines["1.\t请秘书长："]
    assert [(run.text, bool(run.underline)) for run in first.runs] == [
        ("1.\t", False),
        ("请", True),
        ("秘书长：", False),
    ]
    assert "（a）\t编写培训材料；" in lines and "（b）\t支持各国培训中心；" in lines
    assert (
        lines["（a）\t编写培训材料；"].paragraph_format.left_indent
        > first.paragraph_format.left_indent
    )
    assert lines["2.\t决定继续处理此问题。"].runs[1].underline
    assert document.core_properties.language == "zh-hans"
