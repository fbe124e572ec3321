"""Create the secretariat's account for a real conference, with a password only you know.

Asks for the password twice. For scripts: `--no-input` takes it from the environment
variable BIMUN_SECRETARIAT_PASSWORD instead (never from the command line, where other users
of the computer could read it).
"""

import getpass
import os
from typing import Any

from django.contrib.auth import get_user_model, password_validation
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from committee.services import setup

PASSWORD_VARIABLE = "BIMUN_SECRETARIAT_PASSWORD"


class Command(BaseCommand):
    help = "Create a secretariat account (also the superuser of /admin/)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--username", default="secretariat", help="default: secretariat")
        parser.add_argument(
            "--no-input",
            action="store_false",
            dest="interactive",
            help=f"Do not ask: read the password from the {PASSWORD_VARIABLE} variable.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        username = options["username"].strip()
        user_model = get_user_model()
        if not username:
            raise CommandError("The username is empty.")
        if user_model.objects.filter(username__iexact=username).exists():
            raise CommandError(
                f"The account “{username}” exists already; choose another --username, or "
                "sign in as it and change its password on the Password page."
            )
        password = self._ask() if options["interactive"] else self._from_environment()
        try:
            password_validation.validate_password(password, user_model(username=username))
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        setup.secretariat_create(username=username, password=password)
        self.stdout.write(self.style.SUCCESS(f"Secretariat account “{username}” created."))

    def _ask(self) -> str:
        password = getpass.getpass("Password: ")
        if getpass.getpass("Password (again): ") != password:
            raise CommandError("The two passwords differ.")
        return password

    def _from_environment(self) -> str:
        password = os.environ.get(PASSWORD_VARIABLE, "")
        if not password:
            raise CommandError(f"Set {PASSWORD_VARIABLE} to the password, or leave out --no-input.")
        return password
