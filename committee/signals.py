"""Screens close as soon as the rights behind them go, however that happens.

A sign-out closes the screens of that browser; a new password or a deactivated account
closes every screen of the user, whether it was changed on a page, in the admin or by a
management command.
"""

import weakref
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_out
from django.db.models.signals import post_save, pre_save
from django.dispatch import receiver
from django.http import HttpRequest

from committee import realtime

User = get_user_model()


@receiver(user_logged_out)
def close_screens_of_signed_out_session(
    sender: Any, request: HttpRequest | None, **kwargs: Any
) -> None:
    session_key = request.session.session_key if request is not None else None
    if session_key:
        realtime.revoke_session_screens(session_key)


# Users whose password or active flag the save in progress changes; read back after the save.
_credentials_changing: "weakref.WeakSet[Any]" = weakref.WeakSet()


@receiver(pre_save, sender=User)
def note_credentials_change(
    sender: Any, instance: Any, update_fields: frozenset[str] | None = None, **kwargs: Any
) -> None:
    if instance.pk is None:
        return
    if update_fields is not None and not {"password", "is_active"} & set(update_fields):
        return  # e.g. the last_login stamp written at every sign-in
    stored = User.objects.filter(pk=instance.pk).values("password", "is_active").first()
    if stored is None:
        return
    if stored["password"] != instance.password or (stored["is_active"] and not instance.is_active):
        _credentials_changing.add(instance)


@receiver(post_save, sender=User)
def close_screens_after_credentials_change(sender: Any, instance: Any, **kwargs: Any) -> None:
    # After the save, so a screen that reconnects at once is checked against the new password.
    if instance in _credentials_changing:
        _credentials_changing.discard(instance)
        realtime.revoke_user_screens(instance.pk)
