"""Small template helpers for the floor's templates."""

from collections.abc import Iterable
from typing import Any

from django import template

from committee import wording
from committee.log.describe import describe_event

register = template.Library()


@register.filter
def lookup(mapping: Any, key: Any) -> Any:
    """mapping[str(key)], or None: floor documents key delegations by their id as text."""
    if mapping is None:
        return None
    try:
        return mapping.get(str(key))
    except AttributeError:
        return None


@register.filter
def duration(seconds: Any) -> str:
    """A limit or a setting in seconds as people read it: "20 min", "45 s", "1 min 30 s"."""
    if seconds is None or seconds == "":
        return ""
    return wording.format_duration(int(seconds))


@register.simple_tag
def separator(kind: str) -> str:
    """The punctuation after a label ("label"), between names ("names") or between clauses
    ("clauses"), in the language being rendered."""
    return wording.separator(kind)


@register.simple_tag
def language_tag() -> str:
    """The page's language for the lang attribute: "en", "zh-Hans"."""
    return wording.language_tag()


@register.filter
def join_names(items: Iterable[Any] | None) -> str:
    """Names or delegations joined as the page's language lists them."""
    return wording.join_names(items or ())


@register.simple_tag
def event_sentence(event: Any, names: Any) -> str:
    """A log event's sentence in the page's language (committee/log/describe.py)."""
    return describe_event(event, names=names)
