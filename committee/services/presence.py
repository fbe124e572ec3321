"""Presence: which delegations have a phone connected right now."""

from django.db import transaction

from committee import realtime
from committee.models import Delegation, LiveConnection


@transaction.atomic
def live_connection_open(*, delegation: Delegation, channel_name: str) -> None:
    _created = LiveConnection.objects.get_or_create(
        channel_name=channel_name, defaults={"delegation": delegation}
    )
    realtime.broadcast_roster(delegation.committee)


@transaction.atomic
def live_connection_close(*, channel_name: str) -> None:
    connection = (
        LiveConnection.objects.select_related("delegation__committee")
        .filter(channel_name=channel_name)
        .first()
    )
    if connection is None:
        return
    connection.delete()
    realtime.broadcast_roster(connection.delegation.committee)


def live_connections_clear() -> int:
    """At server start no phone is connected yet; rows left by a crash would say otherwise."""
    deleted, _details = LiveConnection.objects.all().delete()
    return deleted
