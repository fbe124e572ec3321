"""Reads for pages and broadcasts, each a fixed number of queries whatever the committee size."""

from dataclasses import dataclass

from django.db.models import Exists, OuterRef, QuerySet

from committee.models import Committee, Delegation, LiveConnection


@dataclass(frozen=True)
class RosterEntry:
    delegation: Delegation
    online: bool


def roster(committee: Committee) -> list[RosterEntry]:
    """Delegations in roll-call order, each marked online when a phone of theirs is connected."""
    delegations: QuerySet[Delegation] = committee.delegations.annotate(
        online=Exists(LiveConnection.objects.filter(delegation=OuterRef("pk")))
    ).order_by("sort_key", "name")
    return [RosterEntry(delegation=d, online=d.online) for d in delegations]


def committees_overview() -> QuerySet[Committee]:
    return Committee.objects.select_related("conference").prefetch_related("topics")


def committee_topics(committee: Committee) -> list[str]:
    return [topic.display_title() for topic in committee.topics.all()]
