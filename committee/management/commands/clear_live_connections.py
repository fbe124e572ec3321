"""Forget phones recorded as connected: run when the servers start, before any connects."""

from typing import Any

from django.core.management.base import BaseCommand

from committee.services import presence


class Command(BaseCommand):
    help = "Clear the record of connected phones (stale after a crash or a restart)."

    def handle(self, *args: Any, **options: Any) -> None:
        cleared = presence.live_connections_clear()
        self.stdout.write(f"Cleared {cleared} stale live connection(s).")
