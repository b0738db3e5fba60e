from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from cairn.accounts.models import User
from cairn.api.models import DEFAULT_DAYS, Scope
from cairn.api.services import api_token_create


class Command(BaseCommand):
    help = "Makes a personal access token for a client or therapist and prints only the token."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("email")
        parser.add_argument("--name", required=True)
        parser.add_argument("--scope", choices=Scope.values, default=Scope.READ)
        parser.add_argument("--days", type=int, default=DEFAULT_DAYS)

    def handle(self, *args: Any, **options: Any) -> None:
        user = User.objects.with_email(options["email"].strip()).first()
        if user is None:
            raise CommandError(f"No one has the email address {options['email']}.")
        try:
            _, secret = api_token_create(
                user=user, name=options["name"], scope=options["scope"], days=options["days"]
            )
        except PermissionDenied:
            raise CommandError(
                "Only clients, and therapists with an authenticator app, have an API."
            ) from None
        except ValidationError as error:
            # The service checks the options (days between 1 and MAX_DAYS): its words,
            # named for the option.
            raise CommandError(
                " ".join(
                    f"--{option} {message}."
                    for option, messages in error.message_dict.items()
                    for message in messages
                )
            ) from None
        self.stdout.write(secret)
