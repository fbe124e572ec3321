"""The Simplified Chinese catalogue is complete, compiled, and keeps every placeholder.

A fresh machine has no GNU gettext, so the compiled django.mo is committed next to django.po;
these tests fail when either is out of step with the other or with the English strings.
"""

import gettext
import re
from collections import Counter
from collections.abc import Callable, Iterable
from pathlib import Path

import polib
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

CATALOGUE = polib.pofile(str(PO_FILE))
MESSAGES = [entry for entry in CATALOGUE if not entry.obsolete]

# Each check below reads one entry and names what is wrong with it; the tests run a check over
# the whole catalogue and report every bad entry at once, so one run lists all there is to fix.
Problems = Iterable[str]


def assert_every_entry(check: Callable[[polib.POEntry], Problems], entries=None) -> None:
    found = [
        f"line {entry.linenum}: {entry.msgid!r}: {problem}"
        for entry in (MESSAGES if entries is None else entries)
        for problem in check(entry)
    ]
    assert not found, f"{len(found)} bad entries:\n" + "\n".join(found)


def translations(entry: polib.POEntry) -> list[str]:
    if entry.msgid_plural:
        return [entry.msgstr_plural[index] for index in sorted(entry.msgstr_plural)]
    return [entry.msgstr]


def tokens(text: str) -> Counter[str]:
    return Counter(PRINTF_TOKEN.findall(text.replace("%%", "")) + BRACE_TOKEN.findall(text))


def format_arguments(text: str) -> dict[str, int] | tuple[int, ...]:
    names = re.findall(r"%\(([A-Za-z_]\w*)\)", text)
    if names:
        return dict.fromkeys(names, 1)
    return (1,) * len(PRINTF_TOKEN.findall(text.replace("%%", "")))


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


# (a) every entry translated, nothing fuzzy, a correct header


def test_catalogue_has_the_app_strings():
    assert len(MESSAGES) > 150
    assert "Sign in" in {entry.msgid for entry in MESSAGES}


def test_catalogue_keeps_no_obsolete_entries():
    assert [entry.msgid for entry in CATALOGUE.obsolete_entries()] == []


def test_header_declares_simplified_chinese_in_utf8_with_one_plural_form():
    assert not CATALOGUE.metadata_is_fuzzy
    assert CATALOGUE.metadata["Language"] == "zh_Hans"
    assert CATALOGUE.metadata["Content-Type"] == "text/plain; charset=UTF-8"
    assert CATALOGUE.metadata["Plural-Forms"].replace(" ", "") == "nplurals=1;plural=0;"


def test_msgids_are_unique():
    keys = Counter((entry.msgctxt, entry.msgid) for entry in MESSAGES)
    assert [key for key, count in keys.items() if count > 1] == []


def untranslated_or_fuzzy(entry: polib.POEntry) -> Problems:
    if "fuzzy" in entry.flags:
        yield "fuzzy"
    if entry.msgid_plural and sorted(entry.msgstr_plural) != [0]:
        yield "Chinese has one form, plural entries too"
    if not all(text.strip() for text in translations(entry)):
        yield "empty msgstr"


def test_every_entry_is_translated_and_not_fuzzy():
    assert_every_entry(untranslated_or_fuzzy)


def english_copy(entry: polib.POEntry) -> Problems:
    if entry.msgid in NO_CHINESE_NEEDED:
        return
    if not all(CHINESE.search(text) for text in translations(entry)):
        yield "translation has no Chinese"


def test_every_translation_is_chinese_not_a_copy_of_the_english():
    assert_every_entry(english_copy)


# (b) the committed .mo is the compiled form of this .po


def test_mo_holds_exactly_the_entries_of_the_po():
    assert len(polib.mofile(str(MO_FILE))) == len(MESSAGES)


def test_mo_is_compiled_from_the_same_header():
    assert load_mo().info()["plural-forms"].replace(" ", "") == "nplurals=1;plural=0;"


def test_mo_gives_the_po_translation_of_every_entry():
    compiled = load_mo()

    def differs_from_mo(entry: polib.POEntry) -> Problems:
        if not entry.msgid_plural:
            if entry.msgctxt is None:
                got = compiled.gettext(entry.msgid)
            else:
                got = compiled.pgettext(entry.msgctxt, entry.msgid)
            if got != entry.msgstr:
                yield f"django.mo gives {got!r}"
            return
        for n in (0, 1, 2, 5, 21):
            if entry.msgctxt is None:
                got = compiled.ngettext(entry.msgid, entry.msgid_plural, n)
            else:
                got = compiled.npgettext(entry.msgctxt, entry.msgid, entry.msgid_plural, n)
            if got != entry.msgstr_plural[0]:
                yield f"django.mo gives {got!r} for n={n}"

    assert_every_entry(differs_from_mo)


# (c) placeholders survive translation


def placeholder_mismatch(entry: polib.POEntry) -> Problems:
    source = entry.msgid_plural or entry.msgid
    for text in translations(entry):
        if tokens(text) != tokens(source):
            yield f"placeholders {dict(tokens(text))} instead of {dict(tokens(source))}"
    if entry.msgid_plural and not set(tokens(entry.msgid)) <= set(tokens(entry.msgstr_plural[0])):
        yield "the singular's placeholders are missing from the translation"


def test_placeholders_match_in_every_entry():
    assert_every_entry(placeholder_mismatch)


def python_format_failure(entry: polib.POEntry) -> Problems:
    if "python-format" not in entry.flags:
        return
    source = entry.msgid_plural or entry.msgid
    arguments = format_arguments(source)
    for text in [source, *translations(entry)]:
        try:
            text % arguments
        except (TypeError, ValueError, KeyError) as error:
            yield f"{text!r} does not format like the English: {error}"


def test_python_format_translations_format_like_the_english():
    assert any("python-format" in entry.flags for entry in MESSAGES)
    assert_every_entry(python_format_failure)


def test_placeholder_check_catches_a_dropped_or_renamed_placeholder():
    assert tokens("%(name)s 的身份") != tokens("身份")
    assert tokens("%(name)s 的身份") != tokens("%(nom)s 的身份")
    assert tokens("第 %d 行") != tokens("第 %s 行")
    assert tokens("{counter} 个") != tokens("{count} 个")
    assert tokens("100%% 完成") == Counter()


def test_catalogue_check_reports_an_entry_that_dropped_its_placeholder():
    dropped = polib.POEntry(msgid="%(name)s is speaking", msgstr="正在发言", linenum=7)
    kept = polib.POEntry(msgid="%(name)s is speaking", msgstr="%(name)s 正在发言", linenum=9)
    with pytest.raises(AssertionError) as failure:
        assert_every_entry(placeholder_mismatch, [dropped, kept])
    report = str(failure.value)
    assert report.startswith("1 bad entries:")
    assert "line 7: '%(name)s is speaking': placeholders {} instead of {'%(name)s': 1}" in report
    assert "line 9" not in report


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
