"""Presence: which delegations have a phone connected right now."""

from django.db import transaction

from committee import realtime
from committee.models import Delegation, LiveConnection

# Two delegates with a phone and a laptop each, plus a spare tab. Beyond that the oldest socket
# is closed, so a phone opening sockets in a loop cannot pile up work for the server.
MAX_LIVE_CONNECTIONS_PER_DELEGATION = 6


def _lock_delegation(delegation_id: int) -> None:
    # Sockets of one delegation opening and closing at once must agree on whether it has just
    # come online or gone offline, so they take turns.
    Delegation.objects.select_for_update().filter(pk=delegation_id).values_list("pk").first()


@transaction.atomic
def live_connection_open(*, delegation: Delegation, channel_name: str) -> None:
    _lock_delegation(delegation.pk)
    open_connections = LiveConnection.objects.filter(delegation=delegation)
    was_online = open_connections.exists()
    LiveConnection.objects.get_or_create(
        channel_name=channel_name, defaults={"delegation": delegation}
    )
    oldest_first = list(
        open_connections.order_by("connected_at", "pk").values_list("pk", "channel_name")
    )
    superseded = oldest_first[: max(0, len(oldest_first) - MAX_LIVE_CONNECTIONS_PER_DELEGATION)]
    if superseded:
        LiveConnection.objects.filter(pk__in=[pk for pk, _name in superseded]).delete()
        realtime.close_superseded_screens([name for _pk, name in superseded])
    if not was_online:
        realtime.broadcast_roster(delegation.committee)


@transaction.atomic
def live_connection_close(*, channel_name: str) -> None:
    connection = (
        LiveConnection.objects.select_related("delegation__committee")
        .filter(channel_name=channel_name)
        .first()
    )
    if connection is None:
        return  # already closed as superseded, or cleared at server start
    _lock_delegation(connection.delegation_id)
    deleted, _details = LiveConnection.objects.filter(pk=connection.pk).delete()
    still_online = LiveConnection.objects.filter(delegation_id=connection.delegation_id).exists()
    if deleted and not still_online:
        realtime.broadcast_roster(connection.delegation.committee)


def live_connections_clear() -> int:
    """At server start no phone is connected yet; rows left by a crash would say otherwise."""
    deleted, _details = LiveConnection.objects.all().delete()
    return deleted
