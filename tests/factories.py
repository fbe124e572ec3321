"""Small factories for test rows. State beyond plain rows is made by calling the services."""

import itertools

from django.contrib.auth import get_user_model

from committee.models import (
    Committee,
    Conference,
    DaisMembership,
    Delegation,
    DelegationAccess,
    SecretariatMember,
)
from committee.roster import RosterRow
from committee.services import floor, setup

User = get_user_model()
_sequence = itertools.count(1)

PASSWORD = "correct-horse-battery"


def conference(**fields: object) -> Conference:
    n = next(_sequence)
    values = {"name": f"Conference {n}", "slug": f"conf-{n}"} | fields
    return Conference.objects.create(**values)


def committee(**fields: object) -> Committee:
    n = next(_sequence)
    values = {"name": f"Committee {n}", "acronym": f"C{n}", "slug": f"committee-{n}"} | fields
    if "conference" not in values:
        values["conference"] = conference()
    created = Committee.objects.create(**values)
    setup.committee_save(committee=created, topic_title=f"Topic of committee {n}")
    return created


def delegations(committee: Committee, names: list[str], kind: str = "member") -> list[Delegation]:
    """Delegations created the way a roster import creates them (with access codes)."""
    rows = [
        RosterRow(line=i + 2, name=name, iso_code="", kind=kind, name_zh="", sort_key=name)
        for i, name in enumerate(names)
    ]
    setup.roster_import(committee=committee, rows=rows)
    return list(committee.delegations.filter(name__in=names).order_by("sort_key"))


def delegation(committee: Committee, name: str | None = None, kind: str = "member") -> Delegation:
    return delegations(committee, [name or f"Delegation {next(_sequence)}"], kind=kind)[0]


def user(username: str | None = None, **fields: object):
    return User.objects.create_user(
        username=username or f"user{next(_sequence)}", password=PASSWORD, **fields
    )


def secretariat_user(username: str | None = None):
    person = user(username)
    SecretariatMember.objects.create(user=person)
    return person


def dais_user(committee: Committee, role: str = DaisMembership.Role.CHAIR, username=None):
    person = user(username)
    DaisMembership.objects.create(user=person, committee=committee, role=role)
    return person


def access_of(delegation: Delegation) -> DelegationAccess:
    return DelegationAccess.objects.get(delegation=delegation)


def plenary_in_session(size: int, prefix: str = "State"):
    """A committee of `size` members, in session after a roll call that found all present:
    (committee, delegations, chair)."""
    made = committee()
    members = delegations(made, [f"{prefix} {n:03d}" for n in range(size)])
    chair = dais_user(made)
    floor.session_open(committee=made, user=chair)
    floor.roll_call_start(committee=made, user=chair)
    for member in members:
        floor.attendance_set(committee=made, delegation_id=member.pk, status="present", user=chair)
    floor.roll_call_close(committee=made, user=chair)
    return made, members, chair
