"""Shared builders for the engine tests (plain functions: no fixtures, no Django)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from committee.procedure.attendance import Attendee, DelegationKind, RollStatus
from committee.procedure.parameters import Parameters
from committee.procedure.profiles import resolve_parameters

T0 = datetime(2024, 5, 23, 9, 0, tzinfo=UTC)


def at(seconds: float) -> datetime:
    return T0 + timedelta(seconds=seconds)


def params(profile: str = "cn_common", **overrides: object) -> Parameters:
    return resolve_parameters(profile, overrides)


def member(name: str, status: RollStatus = RollStatus.PRESENT) -> Attendee:
    return Attendee(name, DelegationKind.MEMBER, status, T0)


def observer(name: str, status: RollStatus = RollStatus.PRESENT) -> Attendee:
    return Attendee(name, DelegationKind.OBSERVER, status, T0)


def c34_attendance(present: int = 30, pv: int = 0, observers: int = 0) -> list[Attendee]:
    """34 members, ``present`` of them in the room (the first ``pv`` P&V), plus observers."""
    people = []
    for i in range(34):
        if i < pv:
            status = RollStatus.PRESENT_AND_VOTING
        elif i < present:
            status = RollStatus.PRESENT
        else:
            status = RollStatus.ABSENT
        people.append(member(f"M{i:02d}", status))
    people += [observer(f"O{i:02d}") for i in range(observers)]
    return people
