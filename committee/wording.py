"""How the screens write durations and lists, in the language being rendered.

- Limits and settings (speaking time, the longest extension, a motion's caps) are kept in
  seconds, but "1200 s" is hard to read from the back of a room: they are written "20 min",
  "45 s" or "1 min 30 s". Running clocks are shown as m:ss by the timers instead.
- The punctuation between the parts of a line is the language's own: Chinese writes it full
  width with no space after it ("已发言：尼日利亚、法国"), so it is translated like any word.
- Names entered in two languages (delegations, committees, topics) are chosen by
  `in_language`, the one place that asks whether the active language is Chinese.
"""

from collections.abc import Iterable
from contextlib import nullcontext
from typing import Any

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext, pgettext_lazy

SECONDS_PER_MINUTE = 60

SEPARATORS = {
    "label": pgettext_lazy("separator after a label, before its value", ": "),
    "names": pgettext_lazy("separator between the names of a list", ", "),
    "clauses": pgettext_lazy("separator between the clauses of a sentence", "; "),
}


def format_duration(seconds: int | float, language: str | None = None) -> str:
    """Seconds as whole minutes, seconds, or both; in `language`, else the active language."""
    whole = int(seconds)
    minutes, rest = divmod(abs(whole), SECONDS_PER_MINUTE)
    sign = "-" if whole < 0 else ""
    with translation.override(language) if language else nullcontext():
        if not minutes:
            text = gettext("%(seconds)d s") % {"seconds": rest}
        elif not rest:
            text = gettext("%(minutes)d min") % {"minutes": minutes}
        else:
            text = gettext("%(minutes)d min %(seconds)d s") % {"minutes": minutes, "seconds": rest}
    return sign + text


def language_is_chinese() -> bool:
    """Whether the page is being rendered in Chinese (any zh-* language code)."""
    return (translation.get_language() or "").startswith("zh")


def language_tag() -> str:
    """The active language as an HTML lang attribute ("en", "zh-Hans")."""
    code = translation.get_language() or settings.LANGUAGE_CODE
    return translation.to_locale(code).replace("_", "-")


def in_language(name: str, name_zh: str) -> str:
    """The Chinese name when the page is in Chinese and one was entered, else the name."""
    return name_zh if name_zh and language_is_chinese() else name


def separator(kind: str) -> str:
    """The punctuation after a label ("label"), between names ("names") or between clauses
    ("clauses")."""
    return str(SEPARATORS[kind])


def join_names(items: Iterable[Any]) -> str:
    """Names (or delegations, by their name in the page's language) as the language lists
    them: "Nigeria, France" / "尼日利亚、法国"."""
    names = [item.display_name() if hasattr(item, "display_name") else str(item) for item in items]
    return separator("names").join(names)


def join_clauses(clauses: Iterable[str]) -> str:
    """Clauses of one sentence: "missing column(s): x; unknown column(s): y"."""
    return separator("clauses").join(clauses)
