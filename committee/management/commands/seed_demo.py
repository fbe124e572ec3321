"""Seed the BIMUN 2024 C34 demo: conference, committee, delegations, background guide.

With --demo-accounts (what `make run` does) it also creates the secretariat, chair and co-chair
accounts whose passwords are printed in the README; it refuses to when the server answers to
any address other than this computer's own (BIMUN_ALLOWED_HOSTS), because anyone on the
network could then sign in with them. A real conference creates its accounts with
`manage.py create_secretariat` and the secretariat's dais page instead.

With --day it also plays a morning of the committee (committee/demo/day.py): two sessions of
roll calls, speeches, points, a right of reply, motions and caucuses, through the same services
the dais and the phones use, so the log and the statistics have something real to show. Over
lunch two papers follow (committee/demo/papers.py), through the document services: written,
signed, approved as DR 1.1 and DR 1.2, and amended. In the afternoon (committee/demo/voting.py)
a third session introduces them, closes debate and votes on them: an amendment on the phones,
a part of DR 1.1 and then DR 1.1 by roll call, DR 1.2 by consensus, both adopted. The demo
chair account acts for the dais if it exists; otherwise an inactive "demo-chair" account
without a password does. A committee that already has a session is left as it is.

Running it again changes nothing. Existing user accounts keep their passwords: a real
conference may have changed them, and a re-seed must never lock anyone out or reset a secret.
"""

import datetime
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import models, transaction

from committee.demo.c34_1995 import DELEGATIONS
from committee.demo.day import play_c34_morning
from committee.demo.papers import play_c34_papers
from committee.demo.voting import play_c34_voting
from committee.models import (
    Committee,
    Conference,
    DaisMembership,
    FloorEvent,
    ReferenceDocument,
    SecretariatMember,
    Topic,
)
from committee.roster import RosterRow
from committee.services import setup

# Published in the README and printed by `make run`; used only when the account is created.
SECRETARIAT_USERNAME = "secretariat"
SECRETARIAT_PASSWORD = "bimun-secretariat"
CHAIR_USERNAME = "chair"
CHAIR_PASSWORD = "bimun-chair"
COCHAIR_USERNAME = "cochair"
COCHAIR_PASSWORD = "bimun-cochair"
# Acts for the dais in the demo day when there is no demo chair: it cannot sign in.
DAY_CHAIR_USERNAME = "demo-chair"

# The names this server answers to when only this computer can reach it.
LOOPBACK_HOSTS = {"127.0.0.1", "localhost", "[::1]", "::1"}

GUIDE_FILE = Path(__file__).resolve().parents[2] / "demo" / "bimun2024-c34-background-guide.txt"

# The C34 overrides of procedure.md §7.1 (the rows marked **C34**).
C34_RULES_OVERRIDES = {
    "consensus_enabled": True,
    "chair_may_propose_consensus": True,
    "veto_members": [],
}


def _sync(model: type[models.Model], lookup: dict[str, Any], values: dict[str, Any]) -> Any:
    """Get or create a row and set `values`, saving only if something actually differs."""
    row, created = model.objects.get_or_create(**lookup, defaults=values)
    if not created:
        changed = [field for field, value in values.items() if getattr(row, field) != value]
        if changed:
            for field in changed:
                setattr(row, field, values[field])
            row.save(update_fields=changed)
    return row


class Command(BaseCommand):
    help = "Create the BIMUN 2024 C34 demo committee (idempotent)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--demo-accounts",
            action="store_true",
            help="Also create the demo accounts with the README's published passwords "
            "(only when BIMUN_ALLOWED_HOSTS names this computer alone).",
        )
        parser.add_argument(
            "--day",
            action="store_true",
            help="Also play a day of the committee (a morning of two sessions, its papers and "
            "an afternoon of voting on them) through the services, unless it already has a "
            "session.",
        )

    @transaction.atomic
    def handle(self, *args: Any, **options: Any) -> None:
        demo_accounts = options["demo_accounts"]
        if demo_accounts and not set(settings.ALLOWED_HOSTS) <= LOOPBACK_HOSTS:
            raise CommandError(
                "Refusing to create demo accounts with published passwords on a server that "
                f"answers to {', '.join(settings.ALLOWED_HOSTS)}. For a real conference run "
                "`manage.py create_secretariat` instead."
            )
        conference = _sync(
            Conference,
            {"slug": "bimun2024"},
            {
                "name": "Beijing International Model United Nations 2024",
                "name_zh": "2024北京国际模拟联合国大会",
                "starts_on": datetime.date(2024, 5, 23),
                "ends_on": datetime.date(2024, 5, 26),
            },
        )
        committee = _sync(
            Committee,
            {"slug": "c34"},
            {
                "conference": conference,
                "name": "Special Committee on Peacekeeping Operations",
                "name_zh": "维持和平行动特别委员会",
                "acronym": "C34",
                "rules_profile": "cn_common",
                "rules_overrides": C34_RULES_OVERRIDES,
            },
        )
        _sync(
            Topic,
            {"committee": committee, "number": 1},
            {
                "title": "Reform of UN Peacekeeping (1995)",
                "title_zh": "联合国维和行动改革（1995）",
            },
        )

        # The same path as a secretariat's CSV import, so access codes are made the same way.
        rows = [
            RosterRow(
                line=number,
                name=d.name,
                iso_code=d.iso_code,
                kind=d.kind,
                name_zh=d.name_zh,
                sort_key=d.sort_key,
            )
            for number, d in enumerate(DELEGATIONS, start=1)
        ]
        roster = setup.roster_import(committee=committee, rows=rows)

        created_users = []
        if demo_accounts:
            created_users = [
                name
                for name in (
                    self._secretariat(),
                    self._dais(committee, CHAIR_USERNAME, CHAIR_PASSWORD, "Chair", "chair"),
                    self._dais(
                        committee, COCHAIR_USERNAME, COCHAIR_PASSWORD, "Co-chair", "co_chair"
                    ),
                )
                if name
            ]

        _sync(
            ReferenceDocument,
            {"committee": committee, "slug": "background-guide"},
            {
                "title": "Background Guide",
                "body": GUIDE_FILE.read_text(encoding="utf-8"),
                "position": 0,
            },
        )

        day_report = self._day(committee) if options["day"] else ""

        members = committee.delegations.filter(kind="member").count()
        observers = committee.delegations.filter(kind="observer").count()
        self.stdout.write(f"{conference.name}: {committee.acronym} ({committee.slug})")
        self.stdout.write(
            f"  delegations: {members} members, {observers} observers "
            f"(created {roster.created}, updated {roster.updated}, unchanged {roster.unchanged})"
        )
        if not demo_accounts:
            self.stdout.write("  accounts: none (manage.py create_secretariat creates one)")
        elif created_users:
            self.stdout.write(f"  demo accounts created: {', '.join(created_users)}")
        else:
            self.stdout.write("  demo accounts: already present, passwords left unchanged")
        if day_report:
            self.stdout.write(day_report)
        self.stdout.write(self.style.SUCCESS("Demo data is in place."))

    def _user(self, username: str, password: str, first_name: str) -> tuple[Any, bool]:
        user_model = get_user_model()
        user = user_model.objects.filter(username=username).first()
        if user is not None:
            return user, False
        user = user_model.objects.create_user(
            username=username, password=password, first_name=first_name
        )
        demo_group, _created = Group.objects.get_or_create(name=setup.DEMO_ACCOUNTS_GROUP)
        user.groups.add(demo_group)
        return user, True

    def _secretariat(self) -> str:
        user, created = self._user(SECRETARIAT_USERNAME, SECRETARIAT_PASSWORD, "Secretariat")
        if created:  # the secretariat may use /admin/, as one made by create_secretariat can
            user.is_staff = user.is_superuser = True
            user.save(update_fields=["is_staff", "is_superuser"])
        SecretariatMember.objects.get_or_create(user=user, defaults={"title": "Secretariat"})
        return user.get_username() if created else ""

    def _dais(
        self, committee: Committee, username: str, password: str, first_name: str, role: str
    ) -> str:
        user, created = self._user(username, password, first_name)
        membership = committee.dais.filter(user=user).first()
        if membership is None or membership.role != role:
            setup.dais_assign(committee=committee, user=user, role=role)
        return user.get_username() if created else ""

    def _day(self, committee: Committee) -> str:
        """Play the demo morning, its papers and the afternoon's votes once; a committee with
        sessions already has its day."""
        if committee.sessions.exists():
            return "  demo day: already there (the committee has sessions), left unchanged"
        chair = self._day_chair(committee)
        summary = play_c34_morning(committee, chair)
        papers = play_c34_papers(committee, chair, start=summary.finished_at)
        afternoon = play_c34_voting(committee, chair, start=papers.finished_at)
        events = FloorEvent.objects.filter(committee=committee).count()
        sessions = committee.sessions.count()
        speeches = sum(row["speeches"] for row in summary.statistics.values())
        return (
            f"  demo day: {sessions} sessions played as {chair.get_username()}, "
            f"{speeches} speeches, {events} floor events\n"
            f"  {papers.line()}\n"
            f"  {afternoon.line()}"
        )

    def _day_chair(self, committee: Committee) -> Any:
        """The committee's demo chair, or an account that nobody can sign in with."""
        chair = (
            committee.dais.filter(user__username=CHAIR_USERNAME, role=DaisMembership.Role.CHAIR)
            .select_related("user")
            .first()
        )
        if chair is not None:
            return chair.user
        user_model = get_user_model()
        user = user_model.objects.filter(username=DAY_CHAIR_USERNAME).first()
        if user is None:
            user = user_model.objects.create_user(
                username=DAY_CHAIR_USERNAME, first_name="Demo chair", is_active=False
            )  # no password given: an unusable one
        return user
