"""Sentences for caucuses: speakers recognised, slots, pauses, the mover's choice, placards."""

from __future__ import annotations

from datetime import datetime

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from committee.log.describe import Names
from committee.procedure.caucuses import CaucusEndReason, CaucusKind
from committee.procedure.choices import MoverChoice
from committee.procedure.facts import EventKind
from committee.procedure.facts.caucus import (
    CaucusDelegation,
    CaucusEnded,
    CaucusMoverChose,
    CaucusSpeakerRecognised,
)

KIND_NAMES = {
    CaucusKind.MODERATED: gettext_lazy("Moderated caucus"),
    CaucusKind.UNMODERATED: gettext_lazy("Unmoderated caucus"),
    CaucusKind.ROUND_ROBIN: gettext_lazy("Round robin"),
}

END_REASONS = {
    CaucusEndReason.TIME_UP: gettext_lazy("time up"),
    CaucusEndReason.REMAINDER: gettext_lazy("less than one slot left"),
    CaucusEndReason.NO_SPEAKERS: gettext_lazy("no more speakers"),
    CaucusEndReason.CHAIR: gettext_lazy("ended by the chair"),
}

MOVER_CHOICES = {
    MoverChoice.FIRST: gettext_lazy("Caucus: %(name)s, the mover, speaks first"),
    MoverChoice.LAST: gettext_lazy("Caucus: %(name)s, the mover, speaks last"),
    MoverChoice.NOT_SPEAKING: gettext_lazy("Caucus: %(name)s, the mover, does not speak"),
}


def _clock_time(moment: datetime) -> str:
    """The time of day in the reader's time zone, worked out when the line is read. The log
    stores aware times; one without a zone is shown as it is rather than failing the log."""
    local = timezone.localtime(moment) if timezone.is_aware(moment) else moment
    return local.strftime("%H:%M:%S")


def _ended(facts: CaucusEnded, _names: Names) -> str:
    values = {
        "caucus": KIND_NAMES[facts.kind],
        "topic": facts.topic,
        "time": _clock_time(facts.ended_at),
        "reason": END_REASONS[facts.reason],
    }
    if not facts.topic:
        return _("%(caucus)s ended at %(time)s (%(reason)s)") % values
    return _("%(caucus)s on “%(topic)s” ended at %(time)s (%(reason)s)") % values


def _recognised(facts: CaucusSpeakerRecognised, names: Names) -> str:
    values = {"name": names(facts.delegation), "seconds": facts.slot_seconds}
    if facts.shortened:
        return _("Caucus: %(name)s recognised for %(seconds)s s (only what remains)") % values
    return _("Caucus: %(name)s recognised for %(seconds)s s") % values


def _slot_ended(facts: CaucusDelegation, names: Names) -> str:
    return _("Caucus: the slot of %(name)s ended") % {"name": names(facts.delegation)}


def _mover_chose(facts: CaucusMoverChose, names: Names) -> str:
    return str(MOVER_CHOICES[facts.choice]) % {"name": names(facts.delegation)}


def _placard_raised(facts: CaucusDelegation, names: Names) -> str:
    return _("%(name)s raised its placard") % {"name": names(facts.delegation)}


def _placard_lowered(facts: CaucusDelegation, names: Names) -> str:
    return _("%(name)s lowered its placard") % {"name": names(facts.delegation)}


SENTENCES = {
    EventKind.CAUCUS_SPEAKER_RECOGNISED: _recognised,
    EventKind.CAUCUS_SLOT_ENDED: _slot_ended,
    EventKind.CAUCUS_PAUSED: lambda _facts, _names: _("Caucus paused"),
    EventKind.CAUCUS_RESUMED: lambda _facts, _names: _("Caucus resumed"),
    EventKind.CAUCUS_ENDED: _ended,
    EventKind.CAUCUS_MOVER_CHOSE: _mover_chose,
    EventKind.CAUCUS_PLACARD_RAISED: _placard_raised,
    EventKind.CAUCUS_PLACARD_LOWERED: _placard_lowered,
}
