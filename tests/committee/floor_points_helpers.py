"""Shared set-up for the points tests: a committee in formal debate, a clock, a speaker."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils import timezone

from committee.floor import decode
from committee.models import Committee, Delegation, Floor, FloorEvent
from committee.procedure.floor import FloorDoc
from committee.selectors import FloorView
from committee.services import floor as floor_services
from committee.services import speakers
from tests import factories
from tests.regions import render_regions


@dataclass
class World:
    committee: Committee
    chair: object
    france: Delegation
    china: Delegation
    brazil: Delegation
    kenya: Delegation  # absent


def in_debate(profile: str = "cn_common", **overrides: object) -> World:
    """Formal debate under `profile`: France, China and Brazil present, Kenya absent."""
    committee = factories.committee(rules_profile=profile, rules_overrides=overrides)
    brazil, china, france, kenya = factories.delegations(
        committee, ["Brazil", "China", "France", "Kenya"]
    )
    chair = factories.dais_user(committee)
    floor_services.session_open(committee=committee, user=chair)
    floor_services.roll_call_start(committee=committee, user=chair)
    for delegation in (france, china, brazil):
        floor_services.attendance_set(
            committee=committee, delegation_id=delegation.pk, status="present", user=chair
        )
    floor_services.roll_call_close(committee=committee, user=chair)
    return World(committee, chair, france, china, brazil, kenya)


def give_floor(world: World, delegation: Delegation) -> None:
    """The delegation speaks from the general speakers' list."""
    speakers.speaker_add(committee=world.committee, delegation_id=delegation.pk, user=world.chair)
    speakers.speaker_next(committee=world.committee, user=world.chair)


def end_speech(world: World) -> None:
    speakers.speech_end(committee=world.committee, user=world.chair)


def into_voting_procedure(world: World) -> None:
    """The list runs out after one speaker and debate closes (§2.2, cn_common)."""
    give_floor(world, world.france)
    end_speech(world)


def doc_of(committee: Committee) -> FloorDoc:
    return decode(Floor.objects.get(pk=committee.pk).state)


def last_event(committee: Committee) -> FloorEvent:
    return FloorEvent.objects.filter(committee=committee).order_by("-seq").first()


def dais_panel(committee: Committee) -> str:
    return render_regions(FloorView(committee), ("points",))["en"]


def phone_of(committee: Committee, delegation: Delegation) -> str:
    view = FloorView(committee)
    html = render_regions(view, ("phone-self",), delegation=view.by_id[str(delegation.pk)])
    return html["en"]


def remaining_seconds(committee: Committee) -> float:
    speech = doc_of(committee).speech
    assert speech is not None
    timer = speech.timer
    left = timer.remaining if timer.deadline is None else timer.deadline - timezone.now()
    return left.total_seconds()
