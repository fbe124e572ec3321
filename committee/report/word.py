"""The final report and each adopted resolution as Word files, written with python-docx.

These are the files a secretariat edits and files: `report_docx()` draws the same `Report` as
the web view and the PDF (record.py), section by section with the same headings, and
`resolution_docx()` one adopted resolution on its own, in the UN format (procedure.md §5.3):
preambular opening phrases in italics, operative clauses numbered with their opening verbs
underlined, sub-clauses (a) and (i) indented.

Pages are A4 with "page n of m" at the foot. Latin text is set in Noto Sans and Chinese in
Noto Sans CJK SC, named on the default fonts themselves so that Word and LibreOffice do not
fall back on the template's Japanese theme font. Tables repeat their header row on every page
and never split a row across two.

The charts of the web view and the PDF (speaking time, the bar of each vote, the grid of
recorded votes) are SVG pictures, which python-docx cannot embed: the Word report leaves them
out, and every number they draw is in its tables.

The same record gives the same bytes, apart from the generation time printed on the cover. The
files carry no dates of their own: python-docx's template brings the dates it was itself made
on into the core properties, which are dropped, and python-docx stamps every member of the
.docx zip with the time of writing, so each .docx is packed again with `zip_files`' fixed
dates.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterable, Sequence
from typing import NamedTuple

from django.utils.translation import gettext, pgettext
from docx import Document as new_document
from docx.document import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor
from docx.table import _Row
from docx.text.paragraph import Paragraph

from committee.report.export import zip_files
from committee.report.record import (
    AmendmentRecord,
    DocumentRecord,
    LogSeal,
    Report,
    VoteRecord,
)
from committee.resolutions.layout import LaidClause, Layout
from committee.wording import join_names, separator

LATIN_FONT = "Noto Sans"
CHINESE_FONT = "Noto Sans CJK SC"
CODE_FONT = "Courier New"
MUTED = RGBColor(0x5A, 0x66, 0x75)
LINK = RGBColor(0x1F, 0x4E, 0x8C)
BODY_SIZE = Pt(10)
TABLE_SIZE = Pt(8)
# A clause's marker hangs in the margin of its text; each level of sub-clause steps in once.
CLAUSE_INDENT = Mm(10)
AMENDMENT_WEIGHTS = (2, 1.6, 4.5, 1.4, 2.2)
# Sections whose tables are too wide for a portrait page.
LANDSCAPE_SECTIONS = frozenset({"motions", "delegations"})
PAGE_PLACEHOLDER = re.compile(r"%\((page|pages)\)s")
STYLED = ("Normal", "Title", "Heading 1", "Heading 2", "Heading 3", "Heading 4")


class Span(NamedTuple):
    """A piece of a table cell with its own look."""

    text: str
    bold: bool = False
    muted: bool = False


# Plain text (a lazy translation will do), or pieces of different looks.
Cell = str | list[Span]


# ---- the file -----------------------------------------------------------------------------------


def _fonts(properties) -> None:
    """Name the fonts outright on a run-properties element, dropping the theme's."""
    fonts = properties.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        properties.insert(0, fonts)
    for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(theme), None)
    for script in ("w:ascii", "w:hAnsi", "w:cs"):
        fonts.set(qn(script), LATIN_FONT)
    fonts.set(qn("w:eastAsia"), CHINESE_FONT)


def _new(*, title: str, author: str, language: str, header: str = "") -> Document:
    document = new_document()
    defaults = document.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault"))
    _fonts(defaults.find(qn("w:rPr")))
    languages = defaults.find(qn("w:rPr")).find(qn("w:lang"))
    languages.set(qn("w:val"), "zh-CN" if language.startswith("zh") else "en-GB")
    languages.set(qn("w:eastAsia"), "zh-CN")
    for name in STYLED:
        _fonts(document.styles[name].element.get_or_add_rPr())
    normal = document.styles["Normal"]
    normal.font.size = BODY_SIZE
    normal.paragraph_format.space_after = Pt(4)
    normal.paragraph_format.line_spacing = 1.15

    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(20), Mm(18)
    section.left_margin = section.right_margin = Mm(16)
    if header:
        # The cover carries no running header.
        section.different_first_page_header_footer = True
        section.first_page_header.is_linked_to_previous = False
        _small(section.header.paragraphs[0].add_run(header))
        _page_numbers(section.first_page_footer.paragraphs[0])
    _page_numbers(section.footer.paragraphs[0])

    properties = document.core_properties
    properties.title = title
    properties.author = author
    properties.comments = ""
    properties.last_modified_by = ""
    properties.revision = 1
    properties.language = language
    _drop_dates_and_thumbnail(document)
    return document


def _drop_dates_and_thumbnail(document: Document) -> None:
    """The template's core properties carry the dates it was made on, and a thumbnail of an
    empty page: neither is this file's."""
    core = document.core_properties._element
    for name in ("dcterms:created", "dcterms:modified"):
        for element in core.findall(qn(name)):
            core.remove(element)
    package = document.part.package
    for key, relationship in list(package.rels.items()):
        if relationship.reltype == RELATIONSHIP_TYPE.THUMBNAIL:
            del package.rels[key]


def _turn_pages(document: Document, *, landscape: bool) -> None:
    """Go on in a new section, on pages turned as asked; header and footer go on too."""
    section = document.add_section(WD_SECTION.NEW_PAGE)
    section.different_first_page_header_footer = False
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    long, short = Mm(297), Mm(210)
    section.page_width, section.page_height = (long, short) if landscape else (short, long)


def _small(run) -> None:
    """The small grey type of the running header, the footer and the notes."""
    run.font.size = Pt(8)
    run.font.color.rgb = MUTED


def _field_mark(paragraph: Paragraph, kind: str) -> None:
    run = paragraph.add_run()
    _small(run)
    mark = OxmlElement("w:fldChar")
    mark.set(qn("w:fldCharType"), kind)
    run._r.append(mark)


def _field(paragraph: Paragraph, instruction: str, shown: str) -> None:
    """A Word field (PAGE, NUMPAGES) with the value shown until the reader's program updates it."""
    _field_mark(paragraph, "begin")
    run = paragraph.add_run()
    _small(run)
    code = OxmlElement("w:instrText")
    code.set(qn("xml:space"), "preserve")
    code.text = f" {instruction} "
    run._r.append(code)
    _field_mark(paragraph, "separate")
    _small(paragraph.add_run(shown))
    _field_mark(paragraph, "end")


def _page_numbers(paragraph: Paragraph) -> None:
    """ "Page %(page)s of %(pages)s" in the active language, its numbers as fields."""
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    words = pgettext("report page footer", "Page %(page)s of %(pages)s")
    for index, piece in enumerate(PAGE_PLACEHOLDER.split(words)):
        if index % 2:
            _field(paragraph, "PAGE" if piece == "page" else "NUMPAGES", "1")
        elif piece:
            _small(paragraph.add_run(piece))


def _docx_bytes(document: Document) -> bytes:
    """The saved file, packed again with fixed dates: python-docx dates each member now."""
    saved = io.BytesIO()
    document.save(saved)
    with zipfile.ZipFile(saved) as written:
        return zip_files((name, written.read(name)) for name in written.namelist())


# ---- blocks -------------------------------------------------------------------------------------


def _bookmark(paragraph: Paragraph, name: str, number: int) -> None:
    start = OxmlElement("w:bookmarkStart")
    start.set(qn("w:id"), str(number))
    start.set(qn("w:name"), name)
    end = OxmlElement("w:bookmarkEnd")
    end.set(qn("w:id"), str(number))
    paragraph._p.insert(1 if paragraph._p.pPr is not None else 0, start)
    paragraph._p.append(end)


def _link(paragraph: Paragraph, text: str, anchor: str) -> None:
    """A link to a bookmark of the same file."""
    link = OxmlElement("w:hyperlink")
    link.set(qn("w:anchor"), anchor)
    run = paragraph.add_run(text)
    run.font.color.rgb = LINK
    run.font.underline = True
    link.append(run._r)
    paragraph._p.append(link)


def _facts(document: Document, facts: Iterable[tuple[str, str]]) -> None:
    """Label and value, one a line, as the HTML's definition lists."""
    for name, value in facts:
        paragraph = document.add_paragraph()
        paragraph.paragraph_format.space_after = Pt(2)
        paragraph.add_run(f"{name}{separator('label')}").bold = True
        paragraph.add_run(value or "—")


def _note(document: Document, text: str) -> None:
    _small(document.add_paragraph().add_run(text))


def _keep_whole(row: _Row) -> None:
    row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))


def _repeat_as_header(row: _Row) -> None:
    """After `_keep_whole`: w:trPr wants w:cantSplit before w:tblHeader."""
    row._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))


def _fill(cell, value: Cell, *, bold: bool = False, right: bool = False) -> None:
    paragraph = cell.paragraphs[0]
    if right:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    spans = value if isinstance(value, list) else [Span(str(value))]
    for index, span in enumerate(spans):
        run = paragraph.add_run(f" {span.text}" if index else span.text)
        run.font.size = TABLE_SIZE
        if bold or span.bold:
            run.bold = True
        if span.muted:
            run.font.color.rgb = MUTED


def _table(
    document: Document,
    headers: Sequence[str],
    rows: Iterable[Sequence[Cell]],
    *,
    weights: Sequence[float],
    numeric: frozenset[int] = frozenset(),
) -> None:
    """A table whose header row comes back on every page and whose rows never split; its
    columns share the width of the page by ``weights``."""
    table = document.add_table(rows=1, cols=len(headers))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    section = document.sections[-1]
    usable = section.page_width - section.left_margin - section.right_margin
    header = table.rows[0]
    # New rows take their cells' widths from the columns'.
    for column, cell, weight in zip(table.columns, header.cells, weights, strict=True):
        column.width = cell.width = int(usable * weight / sum(weights))
    _keep_whole(header)
    _repeat_as_header(header)
    for index, (cell, text) in enumerate(zip(header.cells, headers, strict=True)):
        _fill(cell, text, bold=True, right=index in numeric)
    for values in rows:
        row = table.add_row()
        _keep_whole(row)
        for index, (cell, value) in enumerate(zip(row.cells, values, strict=True)):
            _fill(cell, value, right=index in numeric)
    document.add_paragraph().paragraph_format.space_after = Pt(2)


# ---- a resolution in the UN format -------------------------------------------------------------


def _clause(document: Document, clause: LaidClause, *, preambular: bool) -> None:
    paragraph = document.add_paragraph()
    layout = paragraph.paragraph_format
    layout.space_after = Pt(6)
    if clause.label:
        # The marker hangs at the left; the text starts at one tab stop, a level further in.
        layout.left_indent = CLAUSE_INDENT * clause.depth
        layout.first_line_indent = -CLAUSE_INDENT
        layout.tab_stops.add_tab_stop(CLAUSE_INDENT * clause.depth)
        paragraph.add_run(f"{clause.label}\t")
    else:
        layout.first_line_indent = CLAUSE_INDENT
    if clause.opening:
        opening = paragraph.add_run(clause.opening)
        if preambular:
            opening.italic = True
        else:
            opening.underline = True
    paragraph.add_run(f"{clause.rest}{clause.ending}")
    for child in clause.children:
        _clause(document, child, preambular=preambular)


def _resolution_text(document: Document, layout: Layout, committee: str) -> None:
    """The subject of the one long sentence, then its preambular and operative clauses."""
    subject = document.add_paragraph(f"{committee}{layout.marks.comma}")
    subject.paragraph_format.space_before = Pt(6)
    subject.paragraph_format.space_after = Pt(6)
    for part in (layout.preambular, layout.operative):
        for clause in part:
            _clause(document, clause, preambular=part is layout.preambular)


# ---- the report's parts -------------------------------------------------------------------------


def _vote(document: Document, vote: VoteRecord) -> None:
    head = document.add_paragraph()
    head.paragraph_format.keep_with_next = True
    head.add_run(vote.subject).bold = True
    if vote.session:
        head.add_run(" · " + gettext("session %(number)s") % {"number": vote.session})
    head.add_run(f" · {vote.method} · ")
    head.add_run(vote.outcome).bold = True
    if vote.counts:
        needed = vote.needed
        if needed and vote.threshold:
            needed += f" ({vote.threshold})"
        counts = document.add_paragraph(" · ".join(filter(None, (vote.counts, needed))))
        counts.paragraph_format.keep_with_next = bool(vote.roll_call)
    if vote.roll_call:
        _table(
            document,
            [
                gettext("Delegation"),
                gettext("First round"),
                gettext("Second round"),
                gettext("Explanation of vote"),
            ],
            (
                [
                    answer.delegation,
                    [
                        Span(answer.first or "—"),
                        *(
                            [Span(gettext("(entered by the dais)"), muted=True)]
                            if answer.entered_by_dais
                            else []
                        ),
                    ],
                    answer.second,
                    gettext("asked") if answer.rights else "",
                ]
                for answer in vote.roll_call
            ),
            weights=(3, 2, 2, 2),
        )


def _amendment_change(amendment: AmendmentRecord) -> str:
    change = amendment.action
    if amendment.target:
        change += f" {amendment.target}"
    if amendment.text:
        change += f": {amendment.text}"
    return change


def _amendment_headers() -> list[str]:
    return [
        gettext("Amendment"),
        gettext("Submitted by"),
        gettext("Change"),
        gettext("Outcome"),
        gettext("Vote"),
    ]


def _document_record(document: Document, record: DocumentRecord) -> None:
    """Sponsors, amendments and votes of one draft resolution (_document_record.html)."""
    outcome = f"{record.outcome} {record.decided}" if record.decided else record.outcome
    _facts(
        document,
        [
            (gettext("Topic"), record.topic),
            (gettext("Sponsors"), join_names(record.sponsors)),
            (gettext("Signatories"), join_names(record.signatories)),
            (gettext("Outcome"), outcome),
        ],
    )
    if record.amendments:
        document.add_heading(gettext("Amendments"), level=4)
        rows = []
        for amendment in record.amendments:
            vote = ""
            if amendment.vote:
                vote = amendment.vote.outcome
                if amendment.vote.counts:
                    vote += f": {amendment.vote.counts}"
            rows.append(
                [
                    amendment.code,
                    amendment.submitter,
                    _amendment_change(amendment),
                    amendment.outcome,
                    vote,
                ]
            )
        _table(document, _amendment_headers(), rows, weights=AMENDMENT_WEIGHTS)
    for vote in record.votes:
        _vote(document, vote)


def _sections() -> list[tuple[str, str]]:
    """(bookmark, heading) of each section, in order: the contents and the headings agree."""
    return [
        ("attendance", gettext("Attendance")),
        ("resolutions", gettext("Resolutions adopted")),
        ("not-adopted", gettext("Draft resolutions and amendments not adopted")),
        ("votes", gettext("Votes")),
        ("motions", gettext("Motions")),
        ("speakers", gettext("Speakers")),
        ("delegations", gettext("Delegations")),
        ("log", gettext("The log")),
    ]


def _cover(document: Document, report: Report) -> None:
    cover = report.cover
    document.add_paragraph(cover.conference)
    document.add_heading(report.title, level=0)
    dais = join_names([f"{name} ({role})" for role, name in cover.dais])
    delegations = gettext("%(total)s: %(members)s Member States, %(observers)s observers") % {
        "total": cover.delegations,
        "members": cover.members,
        "observers": cover.observers,
    }
    _facts(
        document,
        [
            (gettext("Committee"), f"{cover.committee} ({cover.acronym})"),
            *((gettext("Topics"), topic) for topic in cover.topics),
            (gettext("Dates"), cover.dates),
            (gettext("Dais"), dais),
            (gettext("Rules of procedure"), cover.rules),
            (gettext("Delegations"), delegations),
            (gettext("Resolutions adopted"), str(len(report.adopted))),
            (gettext("Generated"), report.generated_at),
        ],
    )
    if report.seal:
        words = gettext(
            "Drawn from the committee's log of %(events)s events, whose final hash is"
        ) % {"events": report.seal.events}
        seal = document.add_paragraph(f"{words} ")
        seal.add_run(report.seal.last_hash).font.name = CODE_FONT


def _contents(document: Document, sections: list[tuple[str, str]]) -> None:
    heading = document.add_heading(gettext("Contents"), level=1)
    heading.paragraph_format.page_break_before = True
    for number, (anchor, title) in enumerate(sections, start=1):
        line = document.add_paragraph(f"{number}.\t")
        line.paragraph_format.left_indent = CLAUSE_INDENT
        line.paragraph_format.first_line_indent = -CLAUSE_INDENT
        _link(line, title, anchor)


def _quorum(met: bool, required: int) -> str:
    if met:
        return gettext("met (%(required)s needed)") % {"required": required}
    return gettext("not met (%(required)s needed)") % {"required": required}


def _attendance(document: Document, report: Report) -> None:
    if not report.sessions:
        document.add_paragraph(gettext("No session was held."))
        return
    _table(
        document,
        [
            gettext("Session"),
            gettext("Opened"),
            gettext("Closed"),
            gettext("Member States present"),
            gettext("Observers present"),
            gettext("Absent"),
            gettext("Late"),
            gettext("Quorum for decisions"),
        ],
        (
            [
                str(session.number),
                session.opened,
                session.closed or "—",
                str(session.members_present),
                str(session.observers_present),
                str(session.absent),
                str(session.late),
                _quorum(session.quorum_met, session.decision_quorum),
            ]
            for session in report.sessions
        ),
        weights=(0.9, 2, 2, 1.4, 1.4, 1, 1, 1.8),
        numeric=frozenset({3, 4, 5, 6}),
    )
    document.add_heading(gettext("Each delegation at roll call"), level=2)
    _note(
        document,
        gettext(
            "The status each delegation ended the session with, and the time it was marked; "
            "“late” marks a delegation that arrived after the roll call."
        ),
    )
    _table(
        document,
        [
            gettext("Delegation"),
            *(gettext("Session %(number)s") % {"number": s.number} for s in report.sessions),
        ],
        (
            [
                name,
                *(
                    [
                        Span(line.status),
                        *([Span(line.since, muted=True)] if line.since else []),
                        *([Span(gettext("late"), bold=True)] if line.late else []),
                    ]
                    for line in lines
                ),
            ]
            for name, lines in report.attendance_rows
        ),
        weights=(3, *(2 for _session in report.sessions)),
    )


def _adopted(document: Document, report: Report) -> None:
    if not report.adopted:
        document.add_paragraph(gettext("The committee adopted no resolution."))
    for record in report.adopted:
        title = f"{record.resolution} ({record.code})"
        document.add_heading(f"{title}: {record.title}" if record.title else title, level=2)
        if record.layout:
            _resolution_text(document, record.layout, record.committee)
        _document_record(document, record)


def _not_adopted(document: Document, report: Report) -> None:
    if not report.not_adopted:
        document.add_paragraph(gettext("Every draft resolution put to the committee was adopted."))
    for record in report.not_adopted:
        title = f"{record.code}: {record.title}" if record.title else record.code
        document.add_heading(f"{title} — {record.outcome}", level=2)
        _document_record(document, record)
    if report.failed_amendments:
        document.add_heading(gettext("Amendments not adopted"), level=2)
        _table(
            document,
            _amendment_headers(),
            (
                [
                    amendment.code,
                    amendment.submitter,
                    _amendment_change(amendment),
                    amendment.outcome,
                    amendment.vote.counts if amendment.vote else "",
                ]
                for amendment in report.failed_amendments
            ),
            weights=AMENDMENT_WEIGHTS,
        )


def _votes(document: Document, report: Report) -> None:
    if not report.votes:
        document.add_paragraph(gettext("No vote was taken."))
        return
    _note(document, gettext("Every question put to the committee, in the order put."))
    for vote in report.votes:
        _vote(document, vote)


def _motions(document: Document, report: Report) -> None:
    if not report.motions:
        document.add_paragraph(gettext("No motion was raised."))
        return
    _table(
        document,
        [
            gettext("Number"),
            gettext("Session"),
            gettext("Motion"),
            gettext("Mover"),
            gettext("Seconder"),
            gettext("Values"),
            gettext("Ruling"),
            gettext("Vote"),
            gettext("Outcome"),
        ],
        (
            [
                str(motion.number),
                str(motion.session),
                motion.motion,
                motion.mover,
                motion.seconder,
                motion.values,
                motion.ruling,
                motion.vote,
                motion.outcome,
            ]
            for motion in report.motions
        ),
        weights=(1, 0.8, 2.2, 1.8, 1.8, 4.5, 1.4, 1, 1.4),
        numeric=frozenset({7}),
    )


def _speakers(document: Document, report: Report) -> None:
    if not report.speeches:
        document.add_paragraph(gettext("Nobody spoke."))
        return
    _table(
        document,
        [
            gettext("Session"),
            gettext("Time"),
            gettext("Delegation"),
            gettext("Kind"),
            gettext("Spoke for"),
            gettext("Yielded to"),
        ],
        (
            [
                str(speech.session),
                speech.started,
                speech.delegation,
                speech.kind,
                speech.duration,
                speech.yielded_to,
            ]
            for speech in report.speeches
        ),
        weights=(0.8, 0.8, 2.5, 2, 1.3, 2),
        numeric=frozenset({4}),
    )


def _delegations(document: Document, report: Report) -> None:
    _note(
        document,
        gettext(
            "Speaking time counts time at the microphone, pauses excluded, and time yielded by "
            "another delegation; points are those not undone; amendments adopted include "
            "friendly ones applied."
        ),
    )
    _table(
        document,
        [
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
        ],
        (
            [
                [
                    Span(line.delegation),
                    *([Span(f"({line.kind})", muted=True)] if line.kind_is_observer else []),
                ],
                str(line.sessions_present),
                str(line.speeches),
                line.speaking_time,
                str(line.motions_raised),
                str(line.motions_carried),
                str(line.points_raised),
                str(line.sponsored),
                str(line.signed),
                str(line.amendments_submitted),
                str(line.amendments_adopted),
            ]
            for line in report.delegations
        ),
        weights=(3.5, 1.2, 1.2, 1.4, 1.2, 1.2, 1, 1.2, 1, 1.4, 1.4),
        numeric=frozenset(range(1, 11)),
    )


def _log(document: Document, seal: LogSeal | None) -> None:
    if seal is None:
        return
    document.add_paragraph(
        gettext(
            "Everything in this report was read from the committee's records and its log of "
            "%(events)s events. Each event is chained to the one before it by a SHA-256 hash, "
            "so a change to any of them changes the final hash:"
        )
        % {"events": seal.events}
    )
    document.add_paragraph().add_run(seal.last_hash).font.name = CODE_FONT
    if seal.intact:
        document.add_paragraph(
            gettext(
                "The hash chain was checked when this report was made: every event is as it "
                "was written."
            )
        )
    else:
        document.add_paragraph().add_run(
            gettext("The chain did not add up when this report was made: %(problem)s.")
            % {"problem": seal.problem}
        ).bold = True
    _note(
        document,
        gettext(
            "To check a printed copy later, run “manage.py verify_log” on the server: it "
            "checks the chain again, replays every event, and prints the final hash to compare "
            "with the one above."
        ),
    )


SECTION_WRITERS = {
    "attendance": _attendance,
    "resolutions": _adopted,
    "not-adopted": _not_adopted,
    "votes": _votes,
    "motions": _motions,
    "speakers": _speakers,
    "delegations": _delegations,
    "log": lambda document, report: _log(document, report.seal),
}


# ---- the files ----------------------------------------------------------------------------------


def report_docx(report: Report) -> bytes:
    """The whole report as one Word file, in the language it was built in."""
    document = _new(
        title=report.title,
        author=report.cover.conference,
        language=report.language,
        header=f"{report.cover.acronym} · {report.cover.conference}",
    )
    _cover(document, report)
    sections = _sections()
    _contents(document, sections)
    landscape = False
    for number, (anchor, title) in enumerate(sections, start=1):
        turned = (anchor in LANDSCAPE_SECTIONS) != landscape
        if turned:
            landscape = not landscape
            _turn_pages(document, landscape=landscape)
        heading = document.add_heading(title, level=1)
        heading.paragraph_format.page_break_before = not turned
        _bookmark(heading, anchor, number)
        SECTION_WRITERS[anchor](document, report)
    return _docx_bytes(document)


def resolution_docx(record: DocumentRecord, *, conference: str) -> bytes:
    """One adopted resolution on its own, with its heading: what the secretariat files."""
    document = _new(
        title=f"{record.resolution}: {record.title}" if record.title else record.resolution,
        author=conference,
        language=record.layout.language if record.layout else "en",
    )
    document.add_paragraph(conference)
    document.add_heading(record.resolution or record.code, level=0)
    if record.title:
        document.add_heading(record.title, level=2)
    _facts(
        document,
        [
            (gettext("Draft resolution"), record.code),
            (gettext("Committee"), record.committee),
            (gettext("Topic"), record.topic),
            (gettext("Sponsors"), join_names(record.sponsors)),
            (gettext("Signatories"), join_names(record.signatories)),
        ],
    )
    if record.layout:
        _resolution_text(document, record.layout, record.committee)
    return _docx_bytes(document)


def resolution_filename(record: DocumentRecord) -> str:
    """ "Resolution 1/2" → "Resolution-1-2.docx": letters and digits of any script kept."""
    stem = re.sub(r"[^\w.]+", "-", record.resolution or record.code).strip("-.")
    return f"{stem or record.id}.docx"


def report_docx_zip(report: Report) -> bytes:
    """report.docx and resolutions/<code>.docx for each resolution adopted, in one zip."""
    members = [("report.docx", report_docx(report))]
    taken: set[str] = set()
    for record in report.adopted:
        name = resolution_filename(record)
        if name in taken:
            name = f"{name.removesuffix('.docx')}-{record.id}.docx"
        taken.add(name)
        members.append(
            (f"resolutions/{name}", resolution_docx(record, conference=report.cover.conference))
        )
    return zip_files(members)
