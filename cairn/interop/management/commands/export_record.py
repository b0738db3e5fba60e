import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from cairn.accounts.models import User
from cairn.care.access import standing_of
from cairn.care.audit import audit_client_data
from cairn.core.audit import Action


class Command(BaseCommand):
    help = (
        "Exports a client's record: --format fhir prints the FHIR R4 Bundle's JSON; "
        "--format zip writes the full download (HTML, CSV, JSON, FHIR) to --output or standard output."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("email")
        parser.add_argument("--format", choices=["fhir", "zip"], required=True)
        parser.add_argument(
            "--journal", action="store_true", help="include the journal (only if the client asks)"
        )
        parser.add_argument("--output", help="a file for the ZIP (default: standard output)")

    def handle(self, *args: Any, **options: Any) -> None:
        client = User.objects.with_email(options["email"].strip()).first()
        if client is None or not standing_of(client).is_client:
            raise CommandError(f"No client has the email address {options['email']}.")
        # From the shell there is no signed-in person: the event names none.
        audit_client_data(
            actor=None,  # type: ignore[arg-type]
            action=Action.READ,
            object_type=f"export_{options['format']}",
            object_id=client.pk,
            client=client,
        )
        if options["format"] == "fhir":
            from cairn.interop.fhir import bundle_json

            self.stdout.write(bundle_json(client, include_journal=options["journal"]))
            return
        from cairn.interop.export import export_zip

        data = export_zip(client, include_journal=options["journal"])
        if options["output"]:
            with open(options["output"], "wb") as out:
                out.write(data)
        else:
            sys.stdout.buffer.write(data)
