"""The bench's state, made through the project's own services in a process of its own.

The load generator never imports Django: it reaches the app only over HTTP and websockets.
This module runs with the server's environment (same database, same channel layer):

    python -m bench.prepare setup --out plan.json [--conference 20 --conference-phones 38]
    python -m bench.prepare ballots --slug bench-vote --out count.json

`setup` migrates, collects static files, checks the worker count as `make serve` does, and
creates the committees, with every delegation present (and a speech under way, or a phone vote
open), a chair account, and one signed-in phone session per delegation (binding phones over
HTTP would trip the access-code throttle).
`ballots` reads back the ballots stored for a committee's vote and its floor's sequence number.
"""

import argparse
import contextlib
import io
import json
import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

CHAIR_USERNAME = "bench-chair"
FULL_COMMITTEE_SIZE = 193
FANOUT_SLUG = "bench-fanout"
VOTE_SLUG = "bench-vote"
CONFERENCE_SLUG = "bench-conf-{:02d}"
PHONE_USER_AGENT = "bimun-bench"


def _setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bimun.settings")
    import django

    django.setup()


@contextlib.contextmanager
def _without_pushes() -> Iterator[None]:
    """One transaction whose after-commit pushes are dropped.

    No screen is connected while the bench sets up, and rendering a 193-delegation floor for
    each of the roll call's actions would take most of the set-up time.
    """
    from django.db import transaction

    with transaction.atomic():
        yield
        transaction.get_connection().run_on_commit.clear()


def _roster(size: int) -> list[Any]:
    """Real country names, codes (flags) and Chinese names, as a General Assembly's roster."""
    from django.utils import translation
    from django_countries import countries

    from committee.roster import RosterRow

    codes = [code for code, _name in countries][:size]
    with translation.override("en"):
        names = {code: str(countries.name(code)) for code in codes}
    with translation.override("zh-hans"):
        names_zh = {code: str(countries.name(code)) for code in codes}
    return [
        RosterRow(
            line=line,
            name=names[code],
            iso_code=code,
            kind="member",
            name_zh=names_zh[code],
            sort_key=names[code],
        )
        for line, code in enumerate(codes, start=2)
    ]


def _committee(conference: Any, slug: str, name: str, size: int) -> Any:
    from committee.models import Committee
    from committee.services import setup

    committee = Committee(conference=conference, name=name, acronym=slug.upper()[:20], slug=slug)
    setup.committee_save(committee=committee, topic_title=f"The topic of {name}")
    setup.roster_import(committee=committee, rows=_roster(size))
    return committee


def _in_session_all_present(committee: Any, chair: Any) -> list[Any]:
    from committee.services import floor

    delegations = list(committee.delegations.order_by("sort_key"))
    with _without_pushes():
        floor.session_open(committee=committee, user=chair)
        floor.roll_call_start(committee=committee, user=chair)
        for delegation in delegations:
            floor.attendance_set(
                committee=committee, delegation_id=delegation.pk, status="present", user=chair
            )
        floor.roll_call_close(committee=committee, user=chair)
    return delegations


def _speech_under_way(committee: Any, chair: Any, speaker: Any) -> None:
    """A delegation holds the floor, its clock paused, so the list of who speaks next shows on
    the dais, the projector and every phone: adding or removing a speaker changes them all."""
    from committee.services import floor, speakers

    with _without_pushes():
        speakers.speaker_add(committee=committee, delegation_id=speaker.pk, user=chair)
        speakers.speaker_next(committee=committee, user=chair)
        floor.speech_timer_control(committee=committee, user=chair, command="pause")


def _phone_vote_open(committee: Any, chair: Any, delegations: list[Any]) -> str:
    """A motion to suspend the meeting, raised, seconded and put to a phone vote."""
    from committee.models import Motion
    from committee.services import motions

    mover, seconder = delegations[0], delegations[1]
    with _without_pushes():
        motions.motion_raise(
            committee=committee, code="suspend_meeting", mover_id=mover.pk, delegation=mover
        )
        motion_id = Motion.objects.filter(committee=committee).latest("pk").floor_id
        motions.motion_second(
            committee=committee, motion_id=motion_id, seconder_id=seconder.pk, delegation=seconder
        )
        motions.motion_vote_open(
            committee=committee, user=chair, motion_id=motion_id, by_phone=True
        )
    return motion_id


def _phone_sessions(delegations: list[Any]) -> list[dict[str, Any]]:
    """A browser session bound to each delegation, as after typing its code on the phone."""
    from django.contrib.sessions.backends.db import SessionStore
    from django.db import transaction

    from committee.access import bind_session
    from committee.models import DelegationAccess
    from committee.services import credentials

    phones = []
    with transaction.atomic():
        accesses = DelegationAccess.objects.filter(delegation__in=delegations)
        by_delegation = {access.delegation_id: access for access in accesses}
        for delegation in delegations:
            access = by_delegation[delegation.pk]
            session = SessionStore()
            bind_session(session, access)
            session.save()
            credentials.device_bind(
                access=access, session_key=session.session_key, user_agent=PHONE_USER_AGENT
            )
            phones.append({"delegation": delegation.pk, "sessionid": session.session_key})
    return phones


def _urls(committee: Any) -> dict[str, str]:
    """Where the screens and the actions are, so the load generator needs no Django."""
    from django.urls import reverse

    slug = committee.slug
    token = committee.projector_token
    return {
        "dais": reverse("dais_floor", args=[slug]),
        "projector": reverse("projector", args=[slug, token]),
        "phone": reverse("delegate_home", args=[slug]),
        # committee/routing.py: the dais's and the phones' socket, and the projector's.
        "ws": f"/ws/c/{slug}/",
        "ws_projector": f"/ws/c/{slug}/projector/{token}/",
        "speakers_add": reverse("floor_speakers_add", args=[slug]),
        "speakers_remove": reverse("floor_speakers_remove", args=[slug]),
        "vote": reverse("delegate_motions_vote", args=[slug]),
    }


def _described(committee: Any, delegations: list[Any], **extra: Any) -> dict[str, Any]:
    return {
        "slug": committee.slug,
        "urls": _urls(committee),
        "delegations": [delegation.pk for delegation in delegations],
        "phones": _phone_sessions(delegations),
        **extra,
    }


def setup_all(args: argparse.Namespace) -> dict[str, Any]:
    from django.contrib.auth import get_user_model
    from django.core.cache import cache
    from django.core.management import call_command
    from django.urls import reverse

    from committee.models import Conference, DaisMembership
    from committee.services import setup

    quiet = io.StringIO()
    call_command("migrate", "--no-input", verbosity=0, stdout=quiet)
    call_command("collectstatic", "--no-input", verbosity=0, stdout=quiet)
    call_command("check_workers", stdout=quiet)
    call_command("clear_live_connections", stdout=quiet)
    cache.clear()  # the access-code throttle and anything else a former run left

    conference = setup.conference_save(conference=Conference(name="Bench", slug="bench"))
    fanout = _committee(conference, FANOUT_SLUG, "Bench General Assembly", FULL_COMMITTEE_SIZE)
    membership = setup.dais_account_create(
        committee=fanout,
        username=CHAIR_USERNAME,
        password=args.password,
        full_name="Bench Chair",
        role=DaisMembership.Role.CHAIR,
    )
    chair = get_user_model().objects.get(pk=membership.user_id)
    committees: dict[str, Any] = {}
    fanout_delegations = _in_session_all_present(fanout, chair)
    _speech_under_way(fanout, chair, fanout_delegations[-1])
    committees["fanout"] = _described(fanout, fanout_delegations)

    vote = _committee(conference, VOTE_SLUG, "Bench Vote", FULL_COMMITTEE_SIZE)
    setup.dais_assign(committee=vote, user=chair, role=DaisMembership.Role.CHAIR)
    vote_delegations = _in_session_all_present(vote, chair)
    motion_id = _phone_vote_open(vote, chair, vote_delegations)
    committees["vote"] = _described(vote, vote_delegations, motion_id=motion_id)

    conference_committees = []
    for number in range(1, args.conference + 1):
        slug = CONFERENCE_SLUG.format(number)
        committee = _committee(conference, slug, f"Bench Committee {number}", args.phones)
        setup.dais_assign(committee=committee, user=chair, role=DaisMembership.Role.CHAIR)
        delegations = _in_session_all_present(committee, chair)
        _speech_under_way(committee, chair, delegations[-1])
        conference_committees.append(_described(committee, delegations))
    committees["conference"] = conference_committees
    urls = {"login": reverse("login")}
    return {"chair": {"username": CHAIR_USERNAME}, "urls": urls, "committees": committees}


def ballots(args: argparse.Namespace) -> dict[str, Any]:
    from committee.models import Ballot, Floor

    stored = Ballot.objects.filter(question__committee__slug=args.slug)
    choices = list(stored.values_list("choice", flat=True))
    seq = Floor.objects.get(committee__slug=args.slug).seq
    return {
        "ballots": len(choices),
        "yes": choices.count("yes"),
        "no": choices.count("no"),
        "floor_seq": seq,
    }


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.prepare")
    commands = parser.add_subparsers(dest="command", required=True)
    make = commands.add_parser("setup", help="migrate and create the bench's committees")
    make.add_argument("--out", type=Path, required=True)
    make.add_argument("--password", required=True, help="the chair account's password")
    make.add_argument("--conference", type=int, default=20, help="committees of the conference")
    make.add_argument("--phones", type=int, default=38, help="delegations per such committee")
    count = commands.add_parser("ballots", help="count the ballots stored for a committee")
    count.add_argument("--slug", required=True)
    count.add_argument("--out", type=Path, required=True)
    args = parser.parse_args(argv)

    _setup_django()
    result = setup_all(args) if args.command == "setup" else ballots(args)
    args.out.write_text(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
