"""Setting a conference up: conferences, committees, rosters and dais accounts."""

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db import transaction

from committee import realtime
from committee.models import Committee, Conference, DaisMembership, Delegation, Topic
from committee.roster import RosterRow
from committee.services.credentials import access_ensure

User = get_user_model()


@dataclass(frozen=True)
class RosterImportResult:
    created: int
    updated: int
    unchanged: int
    not_in_file: list[str]


@transaction.atomic
def roster_import(*, committee: Committee, rows: list[RosterRow]) -> RosterImportResult:
    """Create or update the delegations of a validated roster; importing twice changes nothing.

    Delegations missing from the file are kept (they may hold votes and codes) and reported.
    """
    Committee.objects.select_for_update().get(pk=committee.pk)
    existing = {d.name.casefold(): d for d in committee.delegations.all()}
    created = updated = unchanged = 0
    for row in rows:
        fields = {
            "name": row.name,
            "country": row.iso_code,
            "kind": row.kind,
            "name_zh": row.name_zh,
            "sort_key": row.sort_key,
        }
        delegation = existing.pop(row.name.casefold(), None)
        if delegation is None:
            delegation = Delegation.objects.create(committee=committee, **fields)
            created += 1
        elif any(getattr(delegation, field) != value for field, value in fields.items()):
            for field, value in fields.items():
                setattr(delegation, field, value)
            delegation.save()
            updated += 1
        else:
            unchanged += 1
        access_ensure(delegation=delegation)
    if created or updated:
        realtime.broadcast_roster(committee)
    return RosterImportResult(
        created=created,
        updated=updated,
        unchanged=unchanged,
        not_in_file=sorted(d.name for d in existing.values()),
    )


@transaction.atomic
def conference_save(*, conference: Conference) -> Conference:
    conference.full_clean()
    conference.save()
    return conference


@transaction.atomic
def committee_save(
    *, committee: Committee, topic_title: str, topic_title_zh: str = ""
) -> Committee:
    """Create or update a committee and its (first) topic."""
    committee.full_clean()
    committee.save()
    Topic.objects.update_or_create(
        committee=committee, number=1, defaults={"title": topic_title, "title_zh": topic_title_zh}
    )
    return committee


@transaction.atomic
def dais_account_create(
    *,
    committee: Committee,
    username: str,
    password: str,
    full_name: str,
    role: str,
) -> DaisMembership:
    first_name, _space, last_name = full_name.strip().partition(" ")
    user = User.objects.create_user(
        username=username, password=password, first_name=first_name, last_name=last_name
    )
    return DaisMembership.objects.create(user=user, committee=committee, role=role)


@transaction.atomic
def dais_assign(*, committee: Committee, user: object, role: str) -> DaisMembership:
    membership, _created = DaisMembership.objects.update_or_create(
        user=user, committee=committee, defaults={"role": role}
    )
    return membership


@transaction.atomic
def dais_remove(*, membership: DaisMembership) -> None:
    membership.delete()
