"""The one way out to the screens.

This module alone builds group names and calls group_send. A change is pushed after its
transaction commits, as HTML fragments rendered once per audience and language (plus a small
per-delegation fragment for what only one delegation sees); the consumer forwards each screen
the fragment in that screen's language. Every fragment's root element carries the region's name
as its DOM id and hx-swap-oob, so it lands where it belongs. Each audience message also carries
the floor's sequence number and the server's clock, so a screen can spot a missed update and
count timers down in step with the server.
"""

import logging
from typing import Any

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation

from committee.models import Committee, Delegation, LiveConnection
from committee.selectors import FloorView

logger = logging.getLogger(__name__)

DAIS = "dais"
PROJECTOR = "projector"
DELEGATES = "delegates"
AUDIENCES = (DAIS, PROJECTOR, DELEGATES)

# Message types the consumer understands (Channels maps "push.fragments" to push_fragments).
PUSH_FRAGMENTS = "push.fragments"
ACCESS_REVOKED = "access.revoked"

# The regions of each audience's screen; region name = partial name = DOM id.
REGIONS: dict[str, tuple[str, ...]] = {
    DAIS: ("floor-status", "roster", "speakers", "timer", "motions", "caucus", "points", "log"),
    PROJECTOR: ("projector-main",),
    DELEGATES: ("phone-now",),
}
# What only one delegation sees: its own status and the actions open to it.
DELEGATION_REGIONS: tuple[str, ...] = ("phone-self",)
META_TEMPLATE = "committee/regions/_live_meta.html"


def committee_group(committee_id: int, audience: str) -> str:
    if audience not in AUDIENCES:
        raise ValueError(f"unknown audience {audience!r}")
    return f"committee.{committee_id}.{audience}"


def delegation_group(delegation_id: int) -> str:
    return f"delegation.{delegation_id}"


# The secretariat's dashboard watches every committee at once.
SECRETARIAT_GROUP = "secretariat"
SUMMARY_REGION = "committee-summary"


def template_for(region: str) -> str:
    return f"committee/regions/_{region.replace('-', '_')}.html"


def _languages() -> list[str]:
    return [code for code, _label in settings.LANGUAGES]


def render_regions(
    view: FloorView,
    regions: tuple[str, ...],
    *,
    delegation: Delegation | None = None,
    with_meta: bool = True,
) -> dict[str, str]:
    """The regions, in every language the site offers, with the floor's seq and clock."""
    context: dict[str, Any] = {
        "committee": view.committee,
        "view": view,
        "delegation": delegation,
        "own": view.own_state(delegation) if delegation is not None else None,
        "oob": True,
    }
    rendered = {}
    for language in _languages():
        with translation.override(language):
            parts = [render_to_string(template_for(name), context) for name in regions]
            if with_meta and delegation is None:
                parts.append(render_to_string(META_TEMPLATE, context))
            rendered[language] = "".join(parts)
    return rendered


def snapshot(committee: Committee, audience: str, delegation: Delegation | None = None) -> dict:
    """Every region of a screen, for a screen that has just (re)connected."""
    view = FloorView(committee)
    html = render_regions(view, REGIONS[audience])
    if delegation is not None:
        own = render_regions(view, DELEGATION_REGIONS, delegation=view.by_id[str(delegation.pk)])
        html = {language: html[language] + own[language] for language in html}
    return html


def secretariat_snapshot() -> dict[str, str]:
    """One summary row per committee, for a dashboard that has just (re)connected."""
    parts = [
        render_regions(FloorView(committee), (SUMMARY_REGION,), with_meta=False)
        for committee in Committee.objects.select_related("conference")
    ]
    return {language: "".join(part[language] for part in parts) for language in _languages()}


def send_to_group(group: str, message: dict[str, Any]) -> None:
    layer = get_channel_layer()
    if layer is None:
        return
    async_to_sync(layer.group_send)(group, message)


def _push(group: str, html: dict[str, str]) -> None:
    send_to_group(group, {"type": PUSH_FRAGMENTS, "html": html})


def push_floor_now(committee: Committee) -> None:
    """Render the floor once and send it to every audience and every connected delegation."""
    view = FloorView(committee)
    for audience in AUDIENCES:
        _push(committee_group(committee.pk, audience), render_regions(view, REGIONS[audience]))
    connected = set(
        LiveConnection.objects.filter(delegation__committee=committee).values_list(
            "delegation_id", flat=True
        )
    )
    summary = render_regions(view, (SUMMARY_REGION,), with_meta=False)
    _push(SECRETARIAT_GROUP, summary)
    for delegation_id in sorted(connected):
        delegation = view.by_id.get(str(delegation_id))
        if delegation is not None:
            html = render_regions(view, DELEGATION_REGIONS, delegation=delegation)
            _push(delegation_group(delegation_id), html)


def broadcast_floor(committee: Committee) -> None:
    """After the current transaction commits, bring every screen of the committee up to date."""
    transaction.on_commit(lambda: push_floor_now(committee))


def broadcast_roster(committee: Committee) -> None:
    """Only the dais roster changed (a phone came or went, or the roster was imported)."""

    def push() -> None:
        view = FloorView(committee)
        _push(committee_group(committee.pk, DAIS), render_regions(view, ("roster",)))

    transaction.on_commit(push)


def revoke_delegation_screens(delegation: Delegation) -> None:
    """Tell the delegation's open phones that their code was regenerated."""

    def push() -> None:
        send_to_group(delegation_group(delegation.pk), {"type": ACCESS_REVOKED})

    transaction.on_commit(push)


def revoke_projector_screens(committee: Committee) -> None:
    """A regenerated projector link: screens opened with the old one must stop."""

    def push() -> None:
        send_to_group(
            committee_group(committee.pk, PROJECTOR),
            {"type": ACCESS_REVOKED, "projector_token": committee.projector_token},
        )

    transaction.on_commit(push)
