"""The whole committee as one JSON file, and putting it back: `manage.py import_committee`.

The archive holds every row of the committee's record with its id, so the same rows always
give the same bytes. An import keeps every id, because the log's hash chain covers the ids of
the committee, its sessions, delegations and users (committee/log/chain.py): the imported log
must check out with `verify_log` exactly as it did where it was exported. So an import refuses
to run where any of those ids is taken, and writes nothing then.

Secrets and what belongs to one server stay out: password hashes (imported accounts cannot
sign in until the secretariat sets their passwords), delegations' access codes and the phones
bound with them, the projector link, open connections and guessing limits. An import makes new
access codes and a new projector link.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import date
from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.color import no_style
from django.db import IntegrityError, connection, models, transaction

from committee.log import chain
from committee.models import (
    Amendment,
    AmendmentSupport,
    Appeal,
    AttendanceRecord,
    Ballot,
    Committee,
    Conference,
    ConsensusObjection,
    DaisMembership,
    Delegation,
    Document,
    DocumentVersion,
    Floor,
    FloorEvent,
    Motion,
    Question,
    ReferenceDocument,
    Ruling,
    Session,
    Signature,
    Speech,
    Topic,
)
from committee.services.credentials import access_ensure

FORMAT = "bimun-committee-archive"
VERSION = 1

# The committee's tables, in an order each row's references come before it, with the path
# from the row to its committee. Undo names the co-movers' rows by id (an event's `rows`), so
# they are a table of their own.
TABLES: tuple[tuple[type[models.Model], str], ...] = (
    (Topic, "committee"),
    (Delegation, "committee"),
    (DaisMembership, "committee"),
    (ReferenceDocument, "committee"),
    (Session, "committee"),
    (AttendanceRecord, "session__committee"),
    (Motion, "committee"),
    (Motion.co_movers.through, "motion__committee"),
    (Ruling, "committee"),
    (Document, "committee"),
    (Amendment, "document__committee"),
    (DocumentVersion, "document__committee"),
    (Signature, "document__committee"),
    (AmendmentSupport, "amendment__document__committee"),
    (Question, "committee"),
    (Ballot, "question__committee"),
    (ConsensusObjection, "question__committee"),
    (Appeal, "ruling__committee"),
    (Speech, "committee"),
    (FloorEvent, "committee"),
    (Floor, "committee"),
)
# A secret: the link a projector opens without signing in. An import makes a new one.
COMMITTEE_SECRETS = frozenset({"projector_token"})
# What an account named in the record keeps: who it is, never its password.
USER_FIELDS = ("id", "username", "first_name", "last_name", "email", "is_active")
# Ids asked about in one query.
CHUNK = 500


class ArchiveError(Exception):
    """The archive cannot be imported here; nothing was written."""


def _user_model() -> type[models.Model]:
    return get_user_model()


def _label(model: type[models.Model]) -> str:
    return model._meta.label_lower


def _fields(model: type[models.Model]) -> list[models.Field]:
    if model is _user_model():
        return [model._meta.get_field(name) for name in USER_FIELDS]
    fields = model._meta.concrete_fields
    if model is Committee:
        return [field for field in fields if field.name not in COMMITTEE_SECRETS]
    return list(fields)


def _plain(value: Any) -> Any:
    # Full ISO times, microseconds included: the log's hashes cover them.
    return value.isoformat() if isinstance(value, date) else value


def _rows(model: type[models.Model], queryset: models.QuerySet) -> list[dict[str, Any]]:
    fields = _fields(model)
    values = queryset.order_by("pk").values_list(*(field.attname for field in fields))
    return [
        {field.name: _plain(value) for field, value in zip(fields, row, strict=True)}
        for row in values
    ]


def _user_ids(tables: dict[str, list[dict[str, Any]]]) -> set[int]:
    """Every account a row of the record names: the dais, actors in the log, authors."""
    user_model = _user_model()
    ids: set[int] = set()
    for model, _path in TABLES:
        for field in model._meta.concrete_fields:
            if field.is_relation and field.related_model is user_model:
                ids.update(row[field.name] for row in tables[_label(model)])
    ids.discard(None)
    return ids


def archive_data(committee: Committee) -> dict[str, Any]:
    """The committee's whole record as plain JSON values, every table ordered by id."""
    tables = {
        _label(model): _rows(model, model.objects.filter(**{path: committee}))
        for model, path in TABLES
    }
    user_model = _user_model()
    tables[_label(user_model)] = _rows(
        user_model, user_model.objects.filter(pk__in=_user_ids(tables))
    )
    events = tables[_label(FloorEvent)]
    newest = max(events, key=lambda event: event["seq"], default=None)
    return {
        "format": FORMAT,
        "version": VERSION,
        "conference": _rows(Conference, Conference.objects.filter(pk=committee.conference_id))[0],
        "committee": _rows(Committee, Committee.objects.filter(pk=committee.pk))[0],
        "tables": tables,
        "log": {
            "events": len(events),
            "last_hash": newest["hash"] if newest else chain.GENESIS,
        },
    }


def archive_bytes(committee: Committee) -> bytes:
    """The archive as UTF-8 JSON with sorted keys: the same record gives the same bytes."""
    text = json.dumps(archive_data(committee), sort_keys=True, indent=1, ensure_ascii=False)
    return (text + "\n").encode("utf-8")


def import_archive(data: Any) -> Committee:
    """Restore a committee from `archive_data()` with every id it had, in one transaction.

    Refuses, writing nothing, when the archive is not one, when an id or a short name is
    taken here, or when the imported log does not check out.
    """
    _check_header(data)
    try:
        with transaction.atomic():
            return _import(data)
    except IntegrityError as error:
        raise ArchiveError(f"the archive does not fit this database ({error})") from error


def _check_header(data: Any) -> None:
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ArchiveError(f"this is not a committee archive (no format {FORMAT!r})")
    if data.get("version") != VERSION:
        raise ArchiveError(
            f"archive version {data.get('version')!r} is not one this server reads "
            f"(it reads version {VERSION})"
        )
    for key in ("conference", "committee", "tables", "log"):
        if not isinstance(data.get(key), dict):
            raise ArchiveError(f"the archive has no {key!r} object")
    known = {_label(model) for model, _path in TABLES} | {_label(_user_model())}
    unknown = sorted(set(data["tables"]) - known)
    if unknown:
        raise ArchiveError(f"the archive has tables this server does not know: {unknown}")
    for label, rows in data["tables"].items():
        if not isinstance(rows, list) or not all(isinstance(row, dict) for row in rows):
            raise ArchiveError(f"table {label} is not a list of rows")


def _table(data: dict[str, Any], model: type[models.Model]) -> list[dict[str, Any]]:
    return data["tables"].get(_label(model), [])


def _import(data: dict[str, Any]) -> Committee:
    conference = _existing_conference(data["conference"])
    _check_committee_free(data["committee"])
    new_users = _users(_table(data, _user_model()))
    for model, _path in TABLES:
        _check_ids_free(model, _table(data, model))

    if conference is None:
        _instance(Conference, data["conference"]).save(force_insert=True)
    committee = _instance(Committee, data["committee"])
    committee.save(force_insert=True)
    _user_model().objects.bulk_create(new_users)
    for model, _path in TABLES:
        _insert(model, _table(data, model))
    for delegation in committee.delegations.all():
        access_ensure(delegation=delegation)

    inserted = [Conference, Committee, _user_model(), *(model for model, _path in TABLES)]
    _reset_sequences(inserted)
    connection.check_constraints(table_names=[model._meta.db_table for model in inserted])
    _check_log(committee, data["log"])
    return committee


def _existing_conference(row: dict[str, Any]) -> Conference | None:
    """The conference already here under the same id and short name, or None to create it."""
    by_pk = Conference.objects.filter(pk=row.get("id")).first()
    if by_pk is not None:
        if by_pk.slug == row.get("slug"):
            return by_pk
        raise ArchiveError(
            f"conference id {by_pk.pk} is taken here by {by_pk.slug!r}, "
            f"not the archive's {row.get('slug')!r}"
        )
    by_slug = Conference.objects.filter(slug=row.get("slug")).first()
    if by_slug is not None:
        raise ArchiveError(
            f"a conference called {by_slug.slug!r} exists here with id {by_slug.pk}, "
            f"the archive's has id {row.get('id')}"
        )
    return None


def _check_committee_free(row: dict[str, Any]) -> None:
    by_slug = Committee.objects.filter(slug=row.get("slug")).first()
    if by_slug is not None:
        raise ArchiveError(f"a committee called {by_slug.slug!r} exists here (id {by_slug.pk})")
    _check_ids_free(Committee, [row])


def _users(rows: list[dict[str, Any]]) -> list[models.Model]:
    """The accounts to create; one with the same id and user name is already the same one."""
    user_model = _user_model()
    new = []
    for row in sorted(rows, key=lambda row: row.get("id") or 0):
        by_pk = user_model.objects.filter(pk=row.get("id")).first()
        if by_pk is not None:
            if by_pk.get_username() == row.get("username"):
                continue
            raise ArchiveError(
                f"user id {by_pk.pk} is taken here by {by_pk.get_username()!r}, "
                f"not the archive's {row.get('username')!r}"
            )
        by_name = user_model.objects.filter(username=row.get("username")).first()
        if by_name is not None:
            raise ArchiveError(
                f"the user name {row.get('username')!r} belongs to user id {by_name.pk} here, "
                f"the archive's has id {row.get('id')}"
            )
        user = _instance(user_model, row)
        user.set_unusable_password()
        new.append(user)
    return new


def _check_ids_free(model: type[models.Model], rows: list[dict[str, Any]]) -> None:
    pk_name = model._meta.pk.name
    ids = sorted({row.get(pk_name) for row in rows} - {None})
    if len(ids) != len(rows):
        raise ArchiveError(f"table {_label(model)} has rows without an id or with the same id")
    for start in range(0, len(ids), CHUNK):
        taken = model.objects.filter(pk__in=ids[start : start + CHUNK]).order_by("pk").first()
        if taken is not None:
            raise ArchiveError(f"{_label(model)} id {taken.pk} is already taken here")


def _instance(model: type[models.Model], row: dict[str, Any]) -> models.Model:
    fields = {field.name: field for field in _fields(model)}
    unknown = sorted(set(row) - set(fields))
    if unknown:
        raise ArchiveError(f"{_label(model)} has fields this server does not know: {unknown}")
    values = {}
    for name, value in row.items():
        field = fields[name]
        try:
            values[field.attname] = (
                value if isinstance(field, models.JSONField) else field.to_python(value)
            )
        except ValidationError as error:
            raise ArchiveError(
                f"{_label(model)} id {row.get(model._meta.pk.name)}: {name} {value!r} "
                f"is not valid ({'; '.join(error.messages)})"
            ) from error
    return model(**values)


def _insert(model: type[models.Model], rows: list[dict[str, Any]]) -> None:
    instances = [_instance(model, row) for row in rows]
    # An insert stamps "auto_now" times with the time of the import: put the archive's back.
    stamped = [
        field.attname
        for field in model._meta.concrete_fields
        if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False)
    ]
    archived_times = {
        instance.pk: {name: getattr(instance, name) for name in stamped}
        for instance in (instances if stamped else ())
    }
    model.objects.bulk_create(instances)
    for pk, times in archived_times.items():
        model.objects.filter(pk=pk).update(**times)


def _reset_sequences(inserted: Iterable[type[models.Model]]) -> None:
    """Rows written with their ids leave PostgreSQL's id sequences behind: move them on, so
    the next row the app writes gets a free id. (SQLite needs nothing.)"""
    statements = connection.ops.sequence_reset_sql(no_style(), list(inserted))
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)


def _check_log(committee: Committee, log: dict[str, Any]) -> None:
    checked, problem = chain.verify(committee)
    if problem is not None:
        where = f"event {problem.seq}" if problem.seq is not None else "the floor"
        raise ArchiveError(f"the imported log does not add up at {where}: {problem.reason}")
    newest = committee.events.order_by("-seq").values_list("hash", flat=True).first()
    if checked != log.get("events") or (newest or chain.GENESIS) != log.get("last_hash"):
        raise ArchiveError(
            f"the archive announces {log.get('events')} events ending in "
            f"{log.get('last_hash')!r}, its log has {checked} ending in {newest!r}"
        )
