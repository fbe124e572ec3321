"""What the live screens show, drawn once: only what changed, only in languages being read.

A committee's screens are grouped by audience (dais, projector, phones) and language; each
phone also has a fragment of its own (`phone-self`). For every group with a screen in it the
renderer keeps what it sent last: each region's HTML and the fingerprint of the inputs it was
drawn from (`ScreenState`, in the "screens" cache: Redis when several server processes share
the work, so any of them may push any committee).

A refresh reads the floor once, fingerprints every region, draws only the regions whose
fingerprint changed, in the languages someone is reading, and returns what came out different.
A phone's own fragment is fingerprinted from a small value (its status, its buttons, what is
pending for it), so an action draws only the phones it changed; a region of rows (the roster)
sends only the rows that changed.

Refreshes of one committee take turns (a lock in the cache), so "changed" always means changed
since the fragments the screens were last sent. Sends may still overtake each other on the way,
so every fragment's root element carries the floor's sequence number and a render stamp that
only grows, and a screen ignores a fragment older than the one it shows (static/js/live.js).

A screen that connects gets the kept state: a lookup, no query and no drawing. If the floor has
moved on since, the push on its way brings the screen up to date: a screen joins its groups
before it asks, and a refresh asks who watches inside the lock. A group nobody watched at the
last refresh is brought up to date first.
"""

from __future__ import annotations

import hashlib
import re
import time
import uuid
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.core.cache import caches
from django.template.loader import render_to_string
from django.utils import timezone, translation

from committee.models import Committee, Delegation
from committee.selectors import FloorView

DAIS = "dais"
PROJECTOR = "projector"
DELEGATES = "delegates"
SECRETARIAT = "secretariat"
AUDIENCES = (DAIS, PROJECTOR, DELEGATES)

# The regions of each audience's screen; region name = partial name = DOM id.
REGIONS: dict[str, tuple[str, ...]] = {
    DAIS: (
        "floor-status",
        "roster",
        "speakers",
        "timer",
        "motions",
        "caucus",
        "points",
        "log",
        "present-options",
        "documents",
        "voting",
    ),
    PROJECTOR: ("projector-main", "projector-document"),
    DELEGATES: ("phone-now", "reply-candidates", "phone-papers"),
    # The secretariat's dashboard shows one summary row per committee.
    SECRETARIAT: ("committee-summary",),
}
# What only one delegation sees: its own status and the actions open to it.
OWN_REGION = "phone-self"

META_ID = "live-meta"

# Regions drawn from a few parts of the floor only; every other region is drawn again after
# any change of the floor (and sent only if it came out different). A running timer comes out
# different at every drawing (its time left), so its region must not be drawn for nothing.
TIMER_INPUTS = ("speech",)
REPLY_INPUTS = ("attendance", "speech")  # who is present, and who spoke last
# Regions made of rows that change one at a time, by the DOM id prefix of their rows: when the
# region around them is as it was, only the rows that changed are drawn and sent (an answer
# at roll call sends one row of the roster, not 193).
ROW_REGIONS = {"roster": "roster-row-"}
ROW_TEMPLATES = {"roster": "committee/regions/_roster_row.html"}
# Regions drawn from the documents' rows (and the projector's choice of one), not the floor:
# drawn again when an event about documents is logged.
DOCUMENT_REGIONS = frozenset({"documents", "projector-document", "phone-papers"})
# Regions that show a phone vote's tally, kept in Ballot rows rather than on the floor.
TALLY_REGIONS = frozenset({"motions", "voting", "projector-main", "phone-now"})

LOCK_SECONDS = 10.0
LOCK_POLL_SECONDS = 0.002
STATE_SECONDS = 24 * 60 * 60


def template_for(region: str) -> str:
    return f"committee/regions/_{region.replace('-', '_')}.html"


def languages() -> list[str]:
    return [code for code, _label in settings.LANGUAGES]


def _cache() -> Any:
    return caches["screens"]


# ---- fingerprints --------------------------------------------------------------------------


def _digest(*parts: Any) -> str:
    return hashlib.blake2b(repr(parts).encode(), digest_size=16).hexdigest()


class Fingerprints:
    """The inputs of every region of one floor view, hashed; computed at most once each."""

    def __init__(self, view: FloorView, state: dict[str, Any]) -> None:
        self.view = view
        self.state = state
        self._cache: dict[str, str] = {}
        self._rows: dict[str, dict[str, str]] = {}
        # Names, kinds and order of the delegations, the committee's settings and topics:
        # every region shows some of them.
        self.committee = _digest(
            [
                (d.pk, d.name, d.name_zh, d.kind, d.sort_key, str(d.country))
                for d in view.delegations
            ],
            [(t.pk, t.title, t.title_zh) for t in view.topics],
            view.params,
            view.committee.name,
            view.committee.name_zh,
            view.committee.acronym,
        )

    def region(self, name: str) -> str:
        if name not in self._cache:
            self._cache[name] = self._compute(name)
        return self._cache[name]

    def _compute(self, name: str) -> str:
        view = self.view
        if name == "roster":
            # The region around the rows: the rows themselves are fingerprinted one by one.
            return _digest(self.committee, view.in_session)
        if name == "present-options":
            return _digest(self.committee, self.state.get("attendance"))
        if name in DOCUMENT_REGIONS:
            return _digest(self.committee, view.documents_seq)
        if name == "timer":
            return _digest(self.committee, [self.state.get(key) for key in TIMER_INPUTS])
        if name == "reply-candidates":
            return _digest(self.committee, [self.state.get(key) for key in REPLY_INPUTS])
        extra: Any = None
        if name == "log":
            extra = view.seq  # a new entry with every event
        elif name == "speakers":
            undoable = view.undoable_event  # its Undo button
            extra = undoable.seq if undoable is not None else None
        elif name in ("motions", "voting"):
            # Its raise form offers the papers a motion may name, and the order of voting
            # names them: read from the documents.
            extra = (view.tally_inputs, view.documents_seq)
        elif name in TALLY_REGIONS:
            extra = view.tally_inputs
        return _digest(self.committee, self.floor, extra)

    def rows(self, name: str) -> dict[str, str]:
        """The fingerprint of each row of a ROW_REGIONS region, by the row's DOM id."""
        if name not in self._rows:
            prefix = ROW_REGIONS[name]
            self._rows[name] = {
                f"{prefix}{row.delegation.pk}": _digest(
                    row.status, row.held_at_door, row.online, self.view.in_session
                )
                for row in self.view.attendance
            }
        return self._rows[name]

    @property
    def floor(self) -> str:
        if "floor" not in self._cache:
            self._cache["floor"] = _digest(self.state)
        return self._cache["floor"]

    def own(self, delegation: Delegation) -> str:
        key = f"own:{delegation.pk}"  # the same in every language
        if key not in self._cache:
            inputs = self.view.phone_inputs(str(delegation.pk))
            self._cache[key] = _digest(self.committee, inputs)
        return self._cache[key]


# ---- what is kept ----------------------------------------------------------------------------


@dataclass
class Fragment:
    fingerprint: str
    html: str
    # A region made of rows (ROW_REGIONS) keeps each row, and the region around them, apart.
    rows: dict[str, Fragment] | None = None
    head: str = ""
    tail: str = ""


@dataclass
class ScreenState:
    """What the screens of one audience in one language were last sent."""

    seq: int
    stamp: int
    regions: dict[str, Fragment] = field(default_factory=dict)

    def html(self, names: Iterable[str]) -> str:
        return "".join(self.regions[name].html for name in names if name in self.regions)


def state_key(committee_id: int, audience: str, language: str) -> str:
    return f"screens:{committee_id}:{audience}:{language}"


def own_key(committee_id: int, delegation_id: int, language: str) -> str:
    return f"screens:{committee_id}:own:{delegation_id}:{language}"


def _stamp_key(committee_id: int) -> str:
    return f"screens:{committee_id}:stamp"


def _lock_key(committee_id: int) -> str:
    return f"screens:{committee_id}:lock"


class RefreshBusy(Exception):
    """Another refresh of the committee held its lock for too long."""


@contextmanager
def committee_lock(committee_id: int) -> Iterator[None]:
    """One refresh of a committee at a time, across every server process."""
    cache = _cache()
    token = uuid.uuid4().hex
    deadline = time.monotonic() + LOCK_SECONDS
    while not cache.add(_lock_key(committee_id), token, timeout=LOCK_SECONDS):
        if time.monotonic() > deadline:
            raise RefreshBusy(committee_id)
        time.sleep(LOCK_POLL_SECONDS)
    try:
        yield
    finally:
        if cache.get(_lock_key(committee_id)) == token:
            cache.delete(_lock_key(committee_id))


def _next_stamp(committee_id: int) -> int:
    """A number larger than any earlier render of the committee, even one kept by a process
    that has since restarted: microseconds of the clock, and one more than the last."""
    cache = _cache()
    last = cache.get(_stamp_key(committee_id)) or 0
    stamp = max(last + 1, time.time_ns() // 1000)
    cache.set(_stamp_key(committee_id), stamp, timeout=None)
    return stamp


# ---- drawing ---------------------------------------------------------------------------------

_ROOT_ID = re.compile(r'\bid="([A-Za-z0-9_-]+)"')


def stamped(html: str, seq: int, stamp: int) -> str:
    """The fragment with the floor's seq and the render stamp on its root element."""
    match = _ROOT_ID.search(html)
    if match is None:
        raise ValueError("a region's root element needs an id")
    at = match.end()
    return f'{html[:at]} data-seq="{seq}" data-render="{stamp}"{html[at:]}'


def stamped_for_reader(html: str) -> str:
    """A fragment outside the committee's kept regions (an open document) with a render
    stamp that only grows, so an older push never replaces a newer one on screen."""
    match = _ROOT_ID.search(html)
    if match is None:
        raise ValueError("a region's root element needs an id")
    at = match.end()
    return f'{html[:at]} data-render="{time.time_ns() // 1000}"{html[at:]}'


def draw(view: FloorView, name: str, *, delegation: Delegation | None = None) -> str:
    """One region in the active language, as an out-of-band swap."""
    context = {
        "committee": view.committee,
        "view": view,
        "delegation": delegation,
        "own": view.own_state(delegation) if delegation is not None else None,
        "oob": True,
    }
    return render_to_string(template_for(name), context)


def draw_row(view: FloorView, name: str, row_id: str) -> str:
    """One row of a ROW_REGIONS region, as an out-of-band swap of its own."""
    row = view.attendance_row(row_id.removeprefix(ROW_REGIONS[name]))
    context = {"committee": view.committee, "view": view, "row": row, "oob": True}
    return render_to_string(ROW_TEMPLATES[name], context)


def split_rows(html: str, prefix: str) -> tuple[str, dict[str, str], str]:
    """A drawn region of rows as the part before the rows, each row by id, the part after.
    Rows are <li> elements without nested lists."""
    starts = list(re.finditer(rf'<li id="({re.escape(prefix)}[^"]+)"', html))
    if not starts:
        return html, {}, ""
    rows = {}
    end = 0
    for match in starts:
        end = html.index("</li>", match.start()) + len("</li>")
        rows[match.group(1)] = html[match.start() : end]
    return html[: starts[0].start()], rows, html[end:]


def meta(seq: int, *, heartbeat: bool = False) -> str:
    """The floor's seq and the server's clock: screens spot missed pushes and count timers
    down in step with the server."""
    now_ms = int(timezone.now().timestamp() * 1000)
    beat = ' data-heartbeat="true"' if heartbeat else ""
    return (
        f'<div id="{META_ID}" hidden{beat} data-seq="{seq}" data-server-now="{now_ms}" '
        'hx-swap-oob="true"></div>'
    )


# ---- refreshing --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Watched:
    """Who watches a committee: (audience, language) groups and (delegation id, language)
    phones with a screen in them."""

    groups: frozenset[tuple[str, str]] = frozenset()
    phones: frozenset[tuple[int, str]] = frozenset()

    def __or__(self, other: Watched) -> Watched:
        return Watched(self.groups | other.groups, self.phones | other.phones)

    def __contains__(self, other: Watched) -> bool:
        return other.groups <= self.groups and other.phones <= self.phones


@dataclass
class Outgoing:
    """What a refresh found changed: HTML for (audience, language) groups and for phones."""

    groups: list[tuple[str, str, str]] = field(default_factory=list)  # audience, language, html
    phones: list[tuple[int, str, str]] = field(default_factory=list)  # delegation, language, html


def _watched_key(committee_id: int) -> str:
    return f"screens:{committee_id}:watched"


def refresh(
    committee_id: int,
    watching: Callable[[], Watched],
    deliver: Callable[[Outgoing], None] | None = None,
) -> Outgoing:
    """Bring what the watched screens were sent up to date with the floor; what changed.

    `watching` says who watches now. It is asked inside the lock: a screen joins its group
    before it asks for its snapshot, so either this refresh sees it or its snapshot (which
    takes the same lock) comes after this refresh and sees what it kept. With `deliver`, what
    every screen of a group shares is handed to it as soon as it is drawn, before the phones'
    own fragments are worked out: most screens are up to date that much sooner.
    """
    with committee_lock(committee_id):
        return _refresh(committee_id, watching(), deliver)


def screen(
    committee_id: int,
    audience: str,
    language: str,
    watching: Callable[[], Watched],
    delegation_id: int | None = None,
) -> tuple[ScreenState, Fragment | None, Outgoing]:
    """What a screen that has just (re)connected is shown, and anything to send its group.

    Kept states of watched groups are up to date, or a refresh is on its way for them: the
    screen gets the kept state as it is. A group nobody watched at the last refresh is
    brought up to date first (only what changed is drawn), and that is sent to its group.
    """
    wanted = Watched(
        frozenset({(audience, language)}),
        frozenset({(delegation_id, language)}) if delegation_id is not None else frozenset(),
    )
    cache = _cache()
    state_at = state_key(committee_id, audience, language)
    own_at = own_key(committee_id, delegation_id, language) if delegation_id else None
    # The common case, in one read and without the lock: no refresh is under way, and the
    # last one kept this screen's groups. A refresh that starts later sees the screen (it
    # joined its groups before asking), and one that ended earlier left its state here.
    kept = cache.get_many(
        [_lock_key(committee_id), _watched_key(committee_id), state_at, own_at or state_at]
    )
    if (
        _lock_key(committee_id) not in kept
        and wanted in kept.get(_watched_key(committee_id), Watched())
        and state_at in kept
        and (own_at is None or own_at in kept)
    ):
        return kept[state_at], kept.get(own_at) if own_at else None, Outgoing()
    with committee_lock(committee_id):
        outgoing = Outgoing()
        kept = cache.get_many([_watched_key(committee_id), state_at, own_at or state_at])
        lost_own = own_at is not None and own_at not in kept
        if wanted not in kept.get(_watched_key(committee_id), Watched()) or (
            state_at not in kept or lost_own
        ):
            if lost_own:
                _forget_own(committee_id, delegation_id, language)
            outgoing = _refresh(committee_id, watching() | wanted)
            # Nobody else in this screen's groups was watching at the last refresh (anyone
            # who joined since asks for a snapshot after this one): the snapshot is enough.
            outgoing.groups = [
                (group_audience, group_language, html)
                for group_audience, group_language, html in outgoing.groups
                if (group_audience, group_language) != (audience, language)
            ]
            outgoing.phones = [
                (phone, phone_language, html)
                for phone, phone_language, html in outgoing.phones
                if (phone, phone_language) != (delegation_id, language)
            ]
            kept = cache.get_many([state_at, own_at or state_at])
    own = kept.get(own_at) if own_at is not None else None
    return kept[state_at], own, outgoing


def _forget_own(committee_id: int, delegation_id: int, language: str) -> None:
    """Drop a phone's own fingerprint, so the next refresh draws its fragment again."""
    key = _own_prints_key(committee_id, language)
    kept = _cache().get(key)
    if kept and delegation_id in kept:
        _cache().set(key, {d: p for d, p in kept.items() if d != delegation_id}, STATE_SECONDS)


def _refresh(
    committee_id: int, watched: Watched, deliver: Callable[[Outgoing], None] | None = None
) -> Outgoing:
    committee = Committee.objects.select_related("conference").get(pk=committee_id)
    view = FloorView(committee)
    prints = Fingerprints(view, view.raw_state)
    stamp = _next_stamp(committee_id)
    cache = _cache()
    languages_read = sorted({language for _delegation, language in watched.phones})
    keys = [state_key(committee_id, audience, language) for audience, language in watched.groups]
    keys += [_own_prints_key(committee_id, language) for language in languages_read]
    kept = cache.get_many(keys)
    outgoing = Outgoing()
    to_store: dict[str, Any] = {}
    for audience, language in sorted(watched.groups):
        key = state_key(committee_id, audience, language)
        new_state, fragments = _refresh_group(
            view, prints, kept.get(key), audience, language, stamp
        )
        if new_state is not None:
            to_store[key] = new_state
        if fragments is not None:
            outgoing.groups.append((audience, language, fragments))
    if deliver is not None and outgoing.groups:
        deliver(Outgoing(groups=outgoing.groups))
        outgoing = Outgoing()
    for language in languages_read:
        phones = sorted(d for d, phone_language in watched.phones if phone_language == language)
        outgoing.phones += _refresh_phones(
            view,
            prints,
            kept.get(_own_prints_key(committee_id, language), {}),
            phones,
            language,
            stamp,
            to_store,
        )
    # Kept states of groups nobody watches now are not kept up to date: a screen that joins
    # one later has it refreshed first (see `screen`).
    to_store[_watched_key(committee_id)] = watched
    cache.set_many(to_store, timeout=STATE_SECONDS)
    return outgoing


def _own_prints_key(committee_id: int, language: str) -> str:
    """The fingerprints of every phone's own fragment in one language, in one entry: a
    refresh reads one entry, not one per phone, to find the few phones that changed."""
    return f"screens:{committee_id}:own-prints:{language}"


def _refresh_phones(
    view: FloorView,
    prints: Fingerprints,
    kept_prints: dict[int, str],
    phones: list[int],
    language: str,
    stamp: int,
    to_store: dict[str, Any],
) -> list[tuple[int, str, str]]:
    """The phones' own fragments in one language whose inputs changed, drawn again; the
    ones that came out different, to send. What is kept goes into `to_store`."""
    committee_id = view.committee.pk
    new_prints = dict(kept_prints)
    changed = []
    for delegation_id in phones:
        delegation = view.by_id.get(str(delegation_id))
        if delegation is None:
            continue
        fingerprint = prints.own(delegation)
        if kept_prints.get(delegation_id) != fingerprint:
            new_prints[delegation_id] = fingerprint
            changed.append(delegation)
    if not changed:
        return []
    old_fragments = _cache().get_many(
        [own_key(committee_id, delegation.pk, language) for delegation in changed]
    )
    sent = []
    with translation.override(language):
        for delegation in changed:
            key = own_key(committee_id, delegation.pk, language)
            html = draw(view, OWN_REGION, delegation=delegation)
            old = old_fragments.get(key)
            if old is not None and _same(old.html, html):
                continue
            fragment = Fragment(new_prints[delegation.pk], stamped(html, view.seq, stamp))
            to_store[key] = fragment
            sent.append((delegation.pk, language, fragment.html + meta(view.seq)))
    to_store[_own_prints_key(committee_id, language)] = new_prints
    return sent


def _same(kept_html: str, html: str) -> bool:
    """Whether a kept fragment shows the same as a new drawing (the stamps aside)."""
    return _ROOT_STAMPS.sub("", kept_html, count=1) == html


_ROOT_STAMPS = re.compile(r' data-seq="\d+" data-render="\d+"')


def _refresh_group(
    view: FloorView,
    prints: Fingerprints,
    kept: ScreenState | None,
    audience: str,
    language: str,
    stamp: int,
) -> tuple[ScreenState | None, str | None]:
    """The group's state to keep (None: unchanged) and the fragments to send (None: none).

    A region whose inputs changed is drawn again; if it comes out as it was, only its
    fingerprint is kept. The state's seq is that of the last message its screens were sent,
    which the heartbeat repeats so that a screen can tell it missed one.
    """
    regions = dict(kept.regions) if kept is not None else {}
    sent: list[str] = []
    touched = False
    with translation.override(language):
        for name in REGIONS[audience]:
            fingerprint = prints.region(name)
            old = regions.get(name)
            if name in ROW_REGIONS:
                fragment, rows_sent = _refresh_rows(view, prints, old, name, fingerprint, stamp)
                if fragment is not None:
                    touched = True
                    regions[name] = fragment
                    sent.extend(rows_sent)
                continue
            if old is not None and old.fingerprint == fingerprint:
                continue
            touched = True
            html = draw(view, name)
            if old is not None and _same(old.html, html):
                regions[name] = Fragment(fingerprint, old.html)
                continue
            regions[name] = Fragment(fingerprint, stamped(html, view.seq, stamp))
            sent.append(regions[name].html)
    if not sent:
        if kept is None or not touched:
            return None, None
        return ScreenState(kept.seq, kept.stamp, regions), None
    return ScreenState(view.seq, stamp, regions), "".join(sent) + meta(view.seq)


def _refresh_rows(
    view: FloorView,
    prints: Fingerprints,
    old: Fragment | None,
    name: str,
    fingerprint: str,
    stamp: int,
) -> tuple[Fragment | None, list[str]]:
    """A region of rows brought up to date: the fragment to keep (None: unchanged) and what
    to send, the whole region if the part around the rows changed, else the changed rows."""
    rows = prints.rows(name)
    if old is not None and old.rows is not None and old.fingerprint == fingerprint:
        changed = [
            row_id for row_id, print_ in rows.items() if old.rows[row_id].fingerprint != print_
        ]
        if not changed:
            return None, []
        kept_rows = dict(old.rows)
        for row_id in changed:
            html = stamped(draw_row(view, name, row_id), view.seq, stamp)
            kept_rows[row_id] = Fragment(rows[row_id], html)
        joined = old.head + "".join(row.html for row in kept_rows.values()) + old.tail
        return Fragment(fingerprint, joined, kept_rows, old.head, old.tail), [
            kept_rows[row_id].html for row_id in changed
        ]
    head, drawn_rows, tail = split_rows(draw(view, name), ROW_REGIONS[name])
    head = stamped(head, view.seq, stamp)
    kept_rows = {
        row_id: Fragment(rows[row_id], stamped(html, view.seq, stamp))
        for row_id, html in drawn_rows.items()
    }
    joined = head + "".join(row.html for row in kept_rows.values()) + tail
    return Fragment(fingerprint, joined, kept_rows, head, tail), [joined]


def kept_state(committee_id: int, audience: str, language: str) -> ScreenState | None:
    """What the screens of one audience in one language were last sent, if it is kept."""
    return _cache().get(state_key(committee_id, audience, language))


def kept_watched(committee_id: int) -> Watched:
    """Who watched the committee at its last refresh."""
    return _cache().get(_watched_key(committee_id)) or Watched()
