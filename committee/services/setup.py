"""Setting a conference up: conferences, committees, rosters and dais accounts."""

from dataclasses import dataclass
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction

from committee import realtime
from committee.access import may_run_floor
from committee.models import (
    Committee,
    Conference,
    DaisMembership,
    Delegation,
    SecretariatMember,
    Topic,
)
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
    """The member leaves the dais; their open dais screens of this committee close at once."""
    committee, user = membership.committee, membership.user
    membership.delete()
    if not may_run_floor(user, committee):
        realtime.revoke_user_screens(user.pk, committee_id=committee.pk)


# Accounts made by `seed_demo --demo-accounts` have passwords printed in the README; while
# any of them keeps its published password the sign-in and secretariat pages say "Demo".
DEMO_ACCOUNTS_GROUP = "bimun-demo-accounts"


@transaction.atomic
def secretariat_create(*, username: str, password: str) -> Any:
    """A secretariat account for a real conference; also the superuser of /admin/.

    /admin/ is the secretariat's fallback for fixes its own pages do not offer, so the one
    account that sets the conference up is the one that may use it.
    """
    user = User.objects.create_superuser(username=username, password=password)
    SecretariatMember.objects.create(user=user, title="Secretariat")
    return user


@transaction.atomic
def account_password_set(*, user: Any, password: str) -> None:
    """A new password (the user's own change, or the secretariat's for a dais account).

    Other signed-in browsers of the user are signed out by Django (the session hash changes);
    their open live screens are closed here, and a demo account stops being a demo one.
    """
    user.set_password(password)
    user.save(update_fields=["password"])
    user.groups.remove(*Group.objects.filter(name=DEMO_ACCOUNTS_GROUP))
    realtime.revoke_user_screens(user.pk)
