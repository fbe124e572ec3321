"""Shared set-up for the speakers tests: a committee in session on its speakers' list.

The floor is put into each state by calling the services, as the dais and the phones do.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from committee.log.describe import describe_event
from committee.models import Committee, Delegation, FloorEvent
from committee.procedure.floor import FloorDoc
from committee.selectors import FloorView
from committee.services import floor
from tests import factories
from tests.conftest import delegate_client, user_client
from tests.regions import render_regions

NAMES = ["Argentina", "Brazil", "China", "Denmark", "Egypt"]
PRESENT = ["Argentina", "Brazil", "China", "Egypt"]  # Denmark stays absent


class Clock:
    """The server's clock, moved by the test (every service and FloorView read timezone.now)."""

    def __init__(self) -> None:
        self.now = datetime(2024, 5, 23, 9, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += timedelta(seconds=seconds)


def install_clock(monkeypatch: pytest.MonkeyPatch) -> Clock:
    fake = Clock()
    monkeypatch.setattr(timezone, "now", fake)
    return fake


@dataclass
class Room:
    committee: Committee
    chair: Any
    by_name: dict[str, Delegation]

    def id(self, name: str) -> int:
        return self.by_name[name].pk

    def key(self, name: str) -> str:
        return str(self.by_name[name].pk)

    def dais(self) -> Client:
        return user_client(self.chair)

    def phone(self, name: str) -> Client:
        return delegate_client(self.by_name[name])

    def url(self, name: str) -> str:
        return reverse(name, kwargs={"slug": self.committee.slug})

    def view(self) -> FloorView:
        return FloorView(self.committee)

    def doc(self) -> FloorDoc:
        return self.view().doc

    def region(self, region: str = "speakers", language: str = "en") -> str:
        return render_regions(self.view(), (region,))[language]

    def phone_region(self, name: str, language: str = "en") -> str:
        view = self.view()
        delegation = view.by_id[self.key(name)]
        return render_regions(view, ("phone-self",), delegation=delegation)[language]

    def event(self, kind: str) -> FloorEvent:
        """The latest event of this kind."""
        return FloorEvent.objects.filter(committee=self.committee, kind=kind).latest("seq")

    def log_line(self, kind: str, language: str = "en") -> str:
        """The action log's sentence for the latest event of this kind."""
        return describe_event(self.event(kind), language)


def open_room(**committee_fields: object) -> Room:
    """A committee in session, roll call taken (Denmark absent), on the speakers' list."""
    committee = factories.committee(**committee_fields)
    delegations = factories.delegations(committee, NAMES)
    chair = factories.dais_user(committee)
    floor.session_open(committee=committee, user=chair)
    floor.roll_call_start(committee=committee, user=chair)
    by_name = {d.name: d for d in delegations}
    for name in PRESENT:
        floor.attendance_set(
            committee=committee, delegation_id=by_name[name].pk, status="present", user=chair
        )
    floor.roll_call_close(committee=committee, user=chair)
    return Room(committee=committee, chair=chair, by_name=by_name)


def notice(response: Any) -> str:
    """The refusal a 409/400 answer carries to the page's notice area."""
    return response.content.decode()
