"""Drawing live regions in tests, the way committee.rendering draws them for the screens."""

from django.utils import translation

from committee import rendering
from committee.models import Delegation
from committee.selectors import FloorView


def render_regions(
    view: FloorView, names: tuple[str, ...], *, delegation: Delegation | None = None
) -> dict[str, str]:
    """The regions, drawn in every language the site offers, by language."""
    drawn = {}
    for language in rendering.languages():
        with translation.override(language):
            drawn[language] = "".join(
                rendering.draw(view, name, delegation=delegation) for name in names
            )
    return drawn
