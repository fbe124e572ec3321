"""Refuse to serve with several processes that cannot reach each other's screens."""

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

# Layers whose groups live in one process's memory.
IN_MEMORY_LAYERS = {"channels.layers.InMemoryChannelLayer", "committee.layers.LocalChannelLayer"}


class Command(BaseCommand):
    help = "Check that the number of server processes (BIMUN_WORKERS) suits the channel layer."

    def handle(self, *args: Any, **options: Any) -> None:
        workers = settings.WORKERS
        if workers > 1 and settings.CHANNEL_LAYERS["default"]["BACKEND"] in IN_MEMORY_LAYERS:
            # Each process would keep its own groups: a push reaches only the screens that
            # happen to be connected to the process that saved the action.
            raise CommandError(
                f"WORKERS={workers} needs Redis so that every process reaches every screen. "
                "Set REDIS_URL (e.g. REDIS_URL=redis://127.0.0.1:6379/0), or use WORKERS=1."
            )
        self.stdout.write(f"{workers} server process(es): the channel layer suits them.")
