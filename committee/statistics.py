"""What each delegation did in a committee, counted from the record: one query per figure.

Speeches are turns at the microphone of their own (speakers' list, caucus slots, rights of
reply); speaking time also counts time another delegation yielded to it. Motions count by their
mover; points by the delegation that raised them, from the typed log (an undone point does not
count). The report and the secretariat's screens read these.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Count, Q, Sum

from committee.models import Committee, FloorEvent, Motion, Speech
from committee.procedure.facts import EventKind
from committee.procedure.motions import MotionStatus

SPEECH_KINDS = (Speech.Kind.GSL, Speech.Kind.CAUCUS, Speech.Kind.REPLY)
SPEAKING_KINDS = (*SPEECH_KINDS, Speech.Kind.YIELDED)


@dataclass
class DelegationStatistics:
    speeches: int = 0
    speaking_seconds: int = 0
    motions_raised: int = 0
    motions_carried: int = 0
    points_raised: int = 0


def delegation_statistics(committee: Committee) -> dict[int, DelegationStatistics]:
    """By delegation id; delegations that did none of these are left out."""
    statistics: dict[int, DelegationStatistics] = defaultdict(DelegationStatistics)
    speaking = (
        Speech.objects.filter(committee=committee, kind__in=SPEAKING_KINDS)
        .values("delegation")
        .annotate(
            speeches=Count("pk", filter=Q(kind__in=SPEECH_KINDS)),
            seconds=Sum("seconds"),
        )
    )
    for row in speaking:
        statistics[row["delegation"]].speeches = row["speeches"]
        statistics[row["delegation"]].speaking_seconds = row["seconds"]
    moved = (
        Motion.objects.filter(committee=committee, mover__isnull=False)
        .values("mover")
        .annotate(raised=Count("pk"), carried=Count("pk", filter=Q(status=MotionStatus.CARRIED)))
    )
    for row in moved:
        statistics[row["mover"]].motions_raised = row["raised"]
        statistics[row["mover"]].motions_carried = row["carried"]
    points = (
        FloorEvent.objects.filter(
            committee=committee,
            kind=EventKind.POINT_RAISED,
            actor_delegation__isnull=False,
            undone_by__isnull=True,
        )
        .values("actor_delegation")
        .annotate(raised=Count("pk"))
    )
    for row in points:
        statistics[row["actor_delegation"]].points_raised = row["raised"]
    return dict(statistics)
