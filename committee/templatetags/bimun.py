"""Small template helpers for the floor's templates."""

from typing import Any

from django import template

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
