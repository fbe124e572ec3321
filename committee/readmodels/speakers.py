"""What the speakers panel shows."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from committee.selectors import FloorView


class SpeakersPanel:
    def __init__(self, view: FloorView) -> None:
        self.view = view
