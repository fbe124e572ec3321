"""Screens that get only what changed still show exactly what a fresh page would.

The C34 demo morning (two sessions, 38 delegations, every kind of floor action) is played with
every group of screens watched: the dais, the projector and every phone, in English and Chinese.
Each action's push is applied to simulated screens the way static/js/live.js applies it (a region
is swapped in unless the one on screen has a later render stamp). Along the way and at the end,
every region of every screen must equal the region drawn afresh from the floor, so a fingerprint
that missed an input shows up here as a stale region.
"""

import re
from collections import Counter
from html.parser import HTMLParser

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.utils import translation

from committee import realtime, rendering
from committee.demo import day, papers
from committee.models import Committee
from committee.selectors import FloorView
from committee.services import speakers
from tests.committee.test_query_budgets import committee_in_session

pytestmark = pytest.mark.django_db

CHECK_EVERY = 40  # pushes between two full comparisons

_STAMPS = re.compile(r' data-seq="\d+" data-render="(\d+)"')
# A running timer's time left depends on the moment it is drawn; screens count it down from
# the deadline, which is compared.
_TIME_LEFT = re.compile(r'data-remaining-ms="\d+"|(role="timer" aria-label="[^"]*">)[^<]*')


def comparable(html: str) -> str:
    """The HTML without render stamps, a timer's time left or the whitespace between tags
    (a region assembled from rows sent one by one has none between its rows)."""
    html = _TIME_LEFT.sub(lambda match: match.group(1) or "", _STAMPS.sub("", html))
    return re.sub(r">\s+<", "><", html).strip()


class Screens:
    """What every simulated screen shows, per group: each region by id with its render stamp,
    and each row of a region of rows (the roster's) by id, as live.js keeps them: the newest
    of what came alone and what came inside its region."""

    def __init__(self) -> None:
        self.shown: dict[str, dict[str, tuple[int, str]]] = {}
        self.rows: dict[str, dict[str, tuple[int, str]]] = {}
        self.regions_sent: Counter[str] = Counter()

    def apply(self, group: str, text: str) -> None:
        screen = self.shown.setdefault(group, {})
        rows = self.rows.setdefault(group, {})
        for name, stamp, html in fragments(text):
            if name.startswith(ROW_PREFIX):
                self.regions_sent["roster-row"] += 1
                keep_newest(rows, name, stamp, html)
                continue
            self.regions_sent[name] += 1
            if name in screen and screen[name][0] > stamp:
                continue
            screen[name] = (stamp, html)
            for row_id, row_stamp, row_html in inner_rows(html):
                keep_newest(rows, row_id, row_stamp, row_html)

    def region(self, group: str, name: str) -> str:
        """A region as the screen shows it, each row in its newest version."""
        html = self.shown[group][name][1]
        for row_id, _stamp, row_html in inner_rows(html):
            html = html.replace(row_html, self.rows[group][row_id][1])
        return html


ROW_PREFIX = rendering.ROW_REGIONS["roster"]


def keep_newest(kept: dict[str, tuple[int, str]], key: str, stamp: int, html: str) -> None:
    if key not in kept or kept[key][0] <= stamp:
        kept[key] = (stamp, html)


def inner_rows(html: str) -> list[tuple[str, int, str]]:
    _head, rows, _tail = rendering.split_rows(html, ROW_PREFIX)
    return [(row_id, int(_STAMPS.search(row).group(1)), row) for row_id, row in rows.items()]


class TopLevel(HTMLParser):
    """Where each top-level element of a message starts and ends."""

    VOID = frozenset({"br", "img", "input", "meta", "link", "hr", "source", "wbr", "col"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.depth = 0
        self.spans: list[tuple[int, int]] = []
        self._start = 0

    def position(self) -> int:
        line, column = self.getpos()
        return self.line_starts[line - 1] + column

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if self.depth == 0:
            self._start = self.position()
        if tag not in self.VOID:
            self.depth += 1

    def handle_endtag(self, tag: str) -> None:
        self.depth -= 1
        if self.depth == 0:
            self.spans.append((self._start, self.position() + len(f"</{tag}>")))


def fragments(text: str) -> list[tuple[str, int, str]]:
    """The stamped top-level elements of a pushed message, each with its render stamp."""
    parser = TopLevel()
    parser.line_starts = [0] + [i + 1 for i, char in enumerate(text) if char == "\n"]
    parser.feed(text)
    found = []
    for start, end in parser.spans:
        element = text[start:end]
        match = re.match(r'<\w+ id="([\w-]+)"' + _STAMPS.pattern, element)
        if match is not None:
            found.append((match.group(1), int(match.group(2)), element))
    return found


def fresh(committee: Committee, screens: Screens) -> None:
    """Every region of every screen equals a fresh drawing of the floor."""
    view = FloorView(committee)
    for group, shown in screens.shown.items():
        parts = group.split(".")
        language = parts[-1]
        with translation.override(language):
            for name in shown:
                html = screens.region(group, name)
                if parts[0] == "delegation":
                    delegation = view.by_id[parts[1]]
                    drawn = rendering.draw(view, rendering.OWN_REGION, delegation=delegation)
                elif parts[0] == "secretariat":  # one row per committee, by committee id
                    drawn = rendering.draw(view, "committee-summary")
                else:
                    drawn = rendering.draw(view, name)
                assert comparable(html) == comparable(drawn), f"{name} is stale on {group}"


def test_a_morning_of_pushes_leaves_every_screen_as_a_fresh_page_would(monkeypatch):
    call_command("seed_demo", verbosity=0)
    committee = Committee.objects.get(slug="c34")
    screens = Screens()
    pushes = []

    def push_at_once(pushed: Committee) -> None:
        # Inside the morning's one transaction: push right after each action, as the server
        # would after each commit.
        pushes.append(pushed.pk)
        realtime.push_floor_now(pushed)
        if len(pushes) % CHECK_EVERY == 0:
            fresh(pushed, screens)

    # Every group of screens is watched; what is sent is shown on the simulated screens.
    monkeypatch.setattr(realtime, "groups_with_screens", lambda names: set(names))
    monkeypatch.setattr(
        realtime, "send_to_group", lambda group, msg: screens.apply(group, msg["text"])
    )
    realtime.push_floor_now(committee)  # every screen connects before the morning
    monkeypatch.setattr(realtime, "broadcast_floor", push_at_once)
    day.play_c34_morning(committee, day_chair())
    fresh(committee, screens)

    phones = committee.delegations.count()
    assert len(pushes) >= 150
    # Only what changed went out: a phone's own fragment far less often than once per push,
    # and the attendance roster (193 rows in a plenary) only when marks or phones changed
    # (the two roll calls), in each of the two languages.
    sent_per_language = {name: count / 2 for name, count in screens.regions_sent.items()}
    assert sent_per_language[rendering.OWN_REGION] < len(pushes) * phones / 2
    # The roster went out whole when a session opened or closed, else row by row.
    assert sent_per_language["roster"] <= 6
    assert sent_per_language["roster-row"] < len(pushes) * 2


def test_papers_and_amendments_leave_every_screen_as_a_fresh_page_would(monkeypatch):
    """The demo's two papers after the morning: invitations, signatures, approvals, a friendly
    amendment applied and an unfriendly one signed, each pushed to every watched screen."""
    call_command("seed_demo", verbosity=0)
    committee = Committee.objects.get(slug="c34")
    screens = Screens()
    monkeypatch.setattr(realtime, "groups_with_screens", lambda names: set(names))
    monkeypatch.setattr(
        realtime, "send_to_group", lambda group, msg: screens.apply(group, msg["text"])
    )
    summary = day.play_c34_morning(committee, day_chair())
    realtime.push_floor_now(committee)  # every screen connects after the morning
    pushes = []

    def push_at_once(pushed: Committee) -> None:
        pushes.append(pushed.pk)
        realtime.push_floor_now(pushed)
        if len(pushes) % 10 == 0:
            fresh(pushed, screens)

    monkeypatch.setattr(realtime, "broadcast_floor", push_at_once)
    papers.play_c34_papers(committee, day_chair(), start=summary.finished_at)
    fresh(committee, screens)
    assert len(pushes) >= 40
    # The documents' regions went out as the papers moved, and the phones' own fragments
    # only to the delegations asked something.
    for region in ("documents", "phone-papers"):
        assert screens.regions_sent[region] > 0


def day_chair():
    user, _created = get_user_model().objects.get_or_create(username="day-chair-for-screens")
    return user


def test_taking_a_speaker_off_the_list_redraws_that_delegations_phone_only(broadcasts):
    committee, delegations, chair = committee_in_session(40)  # everyone is on the list
    realtime.push_floor_now(committee)  # every screen is up to date
    broadcasts.clear()
    last = delegations[-1]
    speakers.speaker_remove(committee=committee, delegation_id=last.pk, user=chair)
    realtime.push_floor_now(committee)
    phones = {group for group, _message in broadcasts if group.startswith("delegation.")}
    assert phones == {realtime.phone_group(last.pk, language) for language in ("en", "zh-hans")}
    dais = dict(broadcasts)[realtime.committee_group(committee.pk, realtime.DAIS, "en")]["text"]
    assert [name for name, _stamp, _html in fragments(dais)] == ["speakers", "log"]
    # A push that changed nothing sends nothing.
    broadcasts.clear()
    realtime.push_floor_now(committee)
    assert broadcasts == []
