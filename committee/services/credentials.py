"""Credentials: delegations' access codes, the phones bound with them, the projector link."""

from django.contrib.sessions.models import Session as BrowserSession
from django.db import transaction
from django.utils import timezone

from committee import realtime
from committee.models import (
    BoundDevice,
    Committee,
    Delegation,
    DelegationAccess,
    new_access_code,
    new_projector_token,
)


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
    """The phone left its delegation: its open delegate screens stop at once, too."""
    BoundDevice.objects.filter(session_key=session_key).delete()
    realtime.revoke_session_screens(session_key, audience=realtime.DELEGATES)


@transaction.atomic
def projector_link_regenerate(*, committee: Committee) -> Committee:
    locked = Committee.objects.select_for_update().get(pk=committee.pk)
    locked.projector_token = new_projector_token()
    locked.save(update_fields=["projector_token"])
    realtime.revoke_projector_screens(locked)
    return locked
