"""The one way out to the screens.

This module alone builds group names and calls group_send. A change is pushed after its
transaction commits, as HTML fragments rendered once per audience and language; the
consumer forwards each screen the fragment in that screen's language. Every fragment's root
element carries the region's name as its DOM id and hx-swap-oob, so it lands where it belongs.
"""

import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation

from committee import selectors
from committee.models import Committee, Delegation

logger = logging.getLogger(__name__)

DAIS = "dais"
PROJECTOR = "projector"
DELEGATES = "delegates"
AUDIENCES = (DAIS, PROJECTOR, DELEGATES)

# Message types the consumer understands (Channels maps "push.fragments" to push_fragments).
PUSH_FRAGMENTS = "push.fragments"
ACCESS_REVOKED = "access.revoked"


def committee_group(committee_id: int, audience: str) -> str:
    if audience not in AUDIENCES:
        raise ValueError(f"unknown audience {audience!r}")
    return f"committee.{committee_id}.{audience}"


def delegation_group(delegation_id: int) -> str:
    return f"delegation.{delegation_id}"


@dataclass(frozen=True)
class Region:
    template: str
    context: Callable[[Committee], dict[str, Any]]


def _roster_context(committee: Committee) -> dict[str, Any]:
    return {"committee": committee, "roster": selectors.roster(committee)}


def _overview_context(committee: Committee) -> dict[str, Any]:
    return {"committee": committee, "topics": selectors.committee_topics(committee)}


# What each audience's screen is made of, by region name (= partial name = DOM id).
REGIONS: dict[str, dict[str, Region]] = {
    DAIS: {"roster": Region("committee/regions/_roster.html", _roster_context)},
    PROJECTOR: {
        "projector-main": Region("committee/regions/_projector_main.html", _overview_context)
    },
    DELEGATES: {"phone-now": Region("committee/regions/_phone_now.html", _overview_context)},
}


def render_region(committee: Committee, audience: str, name: str) -> dict[str, str]:
    """One region, rendered in every language the site offers."""
    region = REGIONS[audience][name]
    context = region.context(committee)
    rendered = {}
    for language, _label in settings.LANGUAGES:
        with translation.override(language):
            rendered[language] = render_to_string(region.template, {**context, "oob": True})
    return rendered


def snapshot(committee: Committee, audience: str) -> dict[str, str]:
    """Every region of an audience's screen, for a screen that has just (re)connected."""
    parts = [render_region(committee, audience, name) for name in REGIONS[audience]]
    return {
        language: "".join(part[language] for part in parts) for language, _ in settings.LANGUAGES
    }


def send_to_group(group: str, message: dict[str, Any]) -> None:
    layer = get_channel_layer()
    if layer is None:
        return
    async_to_sync(layer.group_send)(group, message)


def _push_after_commit(committee: Committee, audience: str, regions: list[str]) -> None:
    def push() -> None:
        parts = [render_region(committee, audience, name) for name in regions]
        html = {lang: "".join(part[lang] for part in parts) for lang, _ in settings.LANGUAGES}
        send_to_group(
            committee_group(committee.pk, audience), {"type": PUSH_FRAGMENTS, "html": html}
        )

    transaction.on_commit(push)


def broadcast_roster(committee: Committee) -> None:
    _push_after_commit(committee, DAIS, ["roster"])


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
