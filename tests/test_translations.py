"""The Simplified Chinese catalogue is complete, compiled, and keeps every placeholder.

A fresh machine has no GNU gettext, so the compiled django.mo is committed next to django.po;
these tests fail when either is out of step with the other or with the English strings.
"""

import ast
import gettext
import re
import struct
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation

LOCALE_DIR = Path(settings.LOCALE_PATHS[0]) / "zh_Hans" / "LC_MESSAGES"
PO_FILE = LOCALE_DIR / "django.po"
MO_FILE = LOCALE_DIR / "django.mo"

# %(name)s, %s, %d, %.1f … (but not the literal %%), and str.format's {name}.
PRINTF_TOKEN = re.compile(r"%(?:\([A-Za-z_]\w*\))?[#0\- +]*\d*(?:\.\d+)?[diouxXeEfFgGcrsa]")
BRACE_TOKEN = re.compile(r"\{[A-Za-z_]\w*\}")
CHINESE = re.compile(r"[\u4e00-\u9fff]")
# Entries whose right translation has no Chinese character (a brand name, a bare code, the
# punctuation between parts of a line, which Chinese writes full width: "：", "、", "；").
NO_CHINESE_NEEDED: frozenset[str] = frozenset({": ", ", ", "; "})


@dataclass
class Entry:
    line: int
    msgid: str = ""
    msgid_plural: str | None = None
    msgctxt: str | None = None
    msgstr: dict[int, str] = field(default_factory=dict)
    flags: set[str] = field(default_factory=set)

    @property
    def name(self) -> str:
        return f"line {self.line}: {self.msgid!r}"

    @property
    def translations(self) -> list[str]:
        return [self.msgstr[index] for index in sorted(self.msgstr)]


def parse_po(text: str) -> list[Entry]:
    """Read a .po file: comments, flags, msgctxt, msgid(_plural), msgstr and msgstr[n]."""
    entries: list[Entry] = []
    entry: Entry | None = None
    keyword = ""
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line:
            entry = None
            continue
        if line.startswith("#~"):
            raise AssertionError(f"line {number}: obsolete entry left in the catalogue")
        if entry is None:
            entry = Entry(line=number)
            entries.append(entry)
        if line.startswith("#,"):
            entry.flags.update(flag.strip() for flag in line[2:].split(",") if flag.strip())
            continue
        if line.startswith("#"):
            continue
        if line.startswith('"'):
            value = ast.literal_eval(line)
        else:
            keyword, _, literal = line.partition(" ")
            value = ast.literal_eval(literal)
            if keyword == "msgid_plural":
                entry.msgid_plural = ""
            elif keyword == "msgctxt":
                entry.msgctxt = ""
        if keyword == "msgid":
            entry.msgid += value
        elif keyword == "msgid_plural":
            entry.msgid_plural = (entry.msgid_plural or "") + value
        elif keyword == "msgctxt":
            entry.msgctxt = (entry.msgctxt or "") + value
        elif keyword == "msgstr":
            entry.msgstr[0] = entry.msgstr.get(0, "") + value
        elif match := re.fullmatch(r"msgstr\[(\d+)\]", keyword):
            index = int(match.group(1))
            entry.msgstr[index] = entry.msgstr.get(index, "") + value
        else:
            raise AssertionError(f"line {number}: cannot read {raw!r}")
    return entries


PO_ENTRIES = parse_po(PO_FILE.read_text(encoding="utf-8"))
HEADER = next(entry for entry in PO_ENTRIES if entry.msgid == "" and entry.msgctxt is None)
MESSAGES = [entry for entry in PO_ENTRIES if entry is not HEADER]
HEADER_FIELDS = dict(line.split(": ", 1) for line in HEADER.msgstr[0].splitlines() if ": " in line)


def tokens(text: str) -> Counter[str]:
    return Counter(PRINTF_TOKEN.findall(text.replace("%%", "")) + BRACE_TOKEN.findall(text))


def format_arguments(text: str) -> dict[str, int] | tuple[int, ...]:
    names = re.findall(r"%\(([A-Za-z_]\w*)\)", text)
    if names:
        return dict.fromkeys(names, 1)
    return (1,) * len(PRINTF_TOKEN.findall(text.replace("%%", "")))


def by_name(entry: Entry) -> str:
    return entry.name


class _Missing(gettext.NullTranslations):
    """Fallback that marks a message absent from the .mo instead of echoing the English."""

    MARK = "<missing from django.mo>"

    def gettext(self, message: str) -> str:
        return self.MARK

    def ngettext(self, msgid1: str, msgid2: str, n: int) -> str:
        return self.MARK

    def pgettext(self, context: str, message: str) -> str:
        return self.MARK

    def npgettext(self, context: str, msgid1: str, msgid2: str, n: int) -> str:
        return self.MARK


def load_mo() -> gettext.GNUTranslations:
    with MO_FILE.open("rb") as handle:
        compiled = gettext.GNUTranslations(handle)
    compiled.add_fallback(_Missing())
    return compiled


def mo_string_count() -> int:
    data = MO_FILE.read_bytes()
    magic = struct.unpack("<I", data[:4])[0]
    order = "<" if magic == 0x950412DE else ">"
    return struct.unpack(f"{order}I", data[8:12])[0]


# (a) every entry translated, nothing fuzzy, a correct header


def test_catalogue_has_the_app_strings():
    assert len(MESSAGES) > 150
    assert "Sign in" in {entry.msgid for entry in MESSAGES}


def test_header_declares_simplified_chinese_in_utf8_with_one_plural_form():
    assert "fuzzy" not in HEADER.flags
    assert HEADER_FIELDS["Language"] == "zh_Hans"
    assert HEADER_FIELDS["Content-Type"] == "text/plain; charset=UTF-8"
    assert HEADER_FIELDS["Plural-Forms"].replace(" ", "") == "nplurals=1;plural=0;"


def test_msgids_are_unique():
    keys = Counter((entry.msgctxt, entry.msgid) for entry in MESSAGES)
    assert [key for key, count in keys.items() if count > 1] == []


@pytest.mark.parametrize("entry", MESSAGES, ids=by_name)
def test_entry_is_translated_and_not_fuzzy(entry: Entry):
    assert "fuzzy" not in entry.flags
    assert sorted(entry.msgstr) == [0], "Chinese has one form, plural entries too"
    assert all(text.strip() for text in entry.translations), "empty msgstr"


@pytest.mark.parametrize("entry", MESSAGES, ids=by_name)
def test_translation_is_chinese_not_a_copy_of_the_english(entry: Entry):
    if entry.msgid in NO_CHINESE_NEEDED:
        return
    assert all(CHINESE.search(text) for text in entry.translations)


# (b) the committed .mo is the compiled form of this .po


def test_mo_holds_exactly_the_entries_of_the_po():
    assert mo_string_count() == len(MESSAGES) + 1  # + the header


def test_mo_is_compiled_from_the_same_header():
    assert load_mo().info()["plural-forms"].replace(" ", "") == "nplurals=1;plural=0;"


@pytest.mark.parametrize("entry", MESSAGES, ids=by_name)
def test_mo_gives_the_po_translation(entry: Entry):
    compiled = load_mo()
    if entry.msgid_plural is None:
        if entry.msgctxt is None:
            assert compiled.gettext(entry.msgid) == entry.msgstr[0]
        else:
            assert compiled.pgettext(entry.msgctxt, entry.msgid) == entry.msgstr[0]
        return
    for n in (0, 1, 2, 5, 21):
        if entry.msgctxt is None:
            got = compiled.ngettext(entry.msgid, entry.msgid_plural, n)
        else:
            got = compiled.npgettext(entry.msgctxt, entry.msgid, entry.msgid_plural, n)
        assert got == entry.msgstr[0], f"n={n}"


# (c) placeholders survive translation


@pytest.mark.parametrize("entry", MESSAGES, ids=by_name)
def test_placeholders_match(entry: Entry):
    source = entry.msgid if entry.msgid_plural is None else entry.msgid_plural
    for text in entry.translations:
        assert tokens(text) == tokens(source)
    if entry.msgid_plural is not None:
        assert set(tokens(entry.msgid)) <= set(tokens(entry.msgstr[0]))


@pytest.mark.parametrize(
    "entry", [entry for entry in MESSAGES if "python-format" in entry.flags], ids=by_name
)
def test_python_format_translation_formats_like_the_english(entry: Entry):
    source = entry.msgid if entry.msgid_plural is None else entry.msgid_plural
    arguments = format_arguments(source)
    assert isinstance(source % arguments, str)
    for text in entry.translations:
        assert isinstance(text % arguments, str)


def test_placeholder_check_catches_a_dropped_or_renamed_placeholder():
    assert tokens("%(name)s 的身份") != tokens("身份")
    assert tokens("%(name)s 的身份") != tokens("%(nom)s 的身份")
    assert tokens("第 %d 行") != tokens("第 %s 行")
    assert tokens("{counter} 个") != tokens("{count} 个")
    assert tokens("100%% 完成") == Counter()


# (d) Django serves the Chinese


@pytest.mark.parametrize(
    ("english", "chinese"),
    [
        ("Sign in", "登录"),
        ("Sign out", "退出登录"),
        ("Dais", "主席团"),
        ("Secretariat", "秘书处"),
        ("Member State", "成员国"),
        ("Observer", "观察员"),
        ("Access code", "登录码"),
        ("Rapporteur", "报告员"),
    ],
)
def test_django_serves_the_chinese_for_key_strings(english: str, chinese: str):
    with translation.override("zh-hans"):
        assert translation.gettext(english) == chinese
    with translation.override("en"):
        assert translation.gettext(english) == english


def test_django_serves_the_chinese_plural():
    # Passed as variables so that makemessages does not collect this test as a source.
    singular, plural = "%(counter)s delegation", "%(counter)s delegations"
    with translation.override("zh-hans"):
        for n in (1, 3):
            text = translation.ngettext(singular, plural, n)
            assert text % {"counter": n} == f"{n} 个代表团"


def test_templates_render_in_chinese():
    with translation.override("zh-hans"):
        html = render_to_string("committee/regions/_phone_now.html", {})
        indicator = render_to_string("live_indicator.html", {})
    assert "会期尚未开始" in html
    assert "The session" not in html
    assert "正在连接" in indicator
