"""Every event kind's sentence, gathered from the areas of the floor."""

from __future__ import annotations

from committee.log.sentences import (
    caucus,
    documents,
    motions,
    points,
    session,
    speakers,
    voting,
)

SENTENCES = {
    **session.SENTENCES,
    **caucus.SENTENCES,
    **points.SENTENCES,
    **speakers.SENTENCES,
    **motions.SENTENCES,
    **documents.SENTENCES,
    **voting.SENTENCES,
}
