"""Every write to the committee's state goes through a function here.

Each function takes keyword-only arguments, runs in one transaction, and asks
committee.realtime to push the screens that changed once the transaction has committed.
"""

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.sessions.models import Session as BrowserSession
from django.db import transaction
from django.utils import timezone

from committee import realtime
from committee.models import (
    BoundDevice,
    Committee,
    Conference,
    DaisMembership,
    Delegation,
    DelegationAccess,
    LiveConnection,
    Topic,
    new_access_code,
    new_projector_token,
)
from committee.roster import RosterRow

User = get_user_model()


@dataclass(frozen=True)
class RosterImportResult:
    created: int
    updated: int
    unchanged: int
    not_in_file: list[str]


def _unique_access_code() -> str:
    while True:
        code = new_access_code()
        if not DelegationAccess.objects.filter(code=code).exists():
            return code


def access_ensure(*, delegation: Delegation) -> DelegationAccess:
    access, _created = DelegationAccess.objects.get_or_create(
        delegation=delegation, defaults={"code": _unique_access_code()}
    )
    return access


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
def access_code_regenerate(*, delegation: Delegation) -> DelegationAccess:
    """A new code; the old one and every browser session bound with it stop working now."""
    access_ensure(delegation=delegation)
    access = DelegationAccess.objects.select_for_update().get(delegation=delegation)
    access.code = _unique_access_code()
    access.version += 1
    access.regenerated_at = timezone.now()
    access.save(update_fields=["code", "version", "regenerated_at"])
    session_keys = list(access.devices.values_list("session_key", flat=True))
    BrowserSession.objects.filter(session_key__in=session_keys).delete()
    access.devices.all().delete()
    realtime.revoke_delegation_screens(delegation)
    return access


@transaction.atomic
def device_bind(*, access: DelegationAccess, session_key: str, user_agent: str) -> BoundDevice:
    device, _created = BoundDevice.objects.update_or_create(
        session_key=session_key,
        defaults={
            "access": access,
            "access_version": access.version,
            "user_agent": user_agent[:300],
        },
    )
    return device


@transaction.atomic
def device_unbind(*, session_key: str) -> None:
    BoundDevice.objects.filter(session_key=session_key).delete()


@transaction.atomic
def projector_link_regenerate(*, committee: Committee) -> Committee:
    locked = Committee.objects.select_for_update().get(pk=committee.pk)
    locked.projector_token = new_projector_token()
    locked.save(update_fields=["projector_token"])
    realtime.revoke_projector_screens(locked)
    return locked


@transaction.atomic
def live_connection_open(*, delegation: Delegation, channel_name: str) -> None:
    _created = LiveConnection.objects.get_or_create(
        channel_name=channel_name, defaults={"delegation": delegation}
    )
    realtime.broadcast_roster(delegation.committee)


@transaction.atomic
def live_connection_close(*, channel_name: str) -> None:
    connection = (
        LiveConnection.objects.select_related("delegation__committee")
        .filter(channel_name=channel_name)
        .first()
    )
    if connection is None:
        return
    connection.delete()
    realtime.broadcast_roster(connection.delegation.committee)


def live_connections_clear() -> int:
    """At server start no phone is connected yet; rows left by a crash would say otherwise."""
    deleted, _details = LiveConnection.objects.all().delete()
    return deleted


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
