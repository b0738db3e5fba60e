from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from cairn.home.demo import DEMO_PASSWORD, DEMO_TOTP_SECRET, seed_demo


class Command(BaseCommand):
    help = "Creates the demo practice and its invented people. Safe to run again."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--clients",
            type=int,
            default=0,
            help="Add this many more demo clients (for benchmarks).",
        )

    def handle(self, *args: Any, clients: int, **options: Any) -> None:
        if clients < 0:
            self.stderr.write("--clients must be 0 or more.")
            raise SystemExit(2)
        seed_demo(extra_clients=clients)
        self.stdout.write(
            "Demo data is ready. Sign in with any of these (password "
            f"{DEMO_PASSWORD}):\n"
            "  admin@example.org       practice admin  (authenticator secret below)\n"
            "  therapist@example.org   therapist       (authenticator secret below)\n"
            "  therapist2@example.org  therapist       (authenticator secret below)\n"
            "  client@example.org      client\n"
            "  client2@example.org     client\n"
            "  client3@example.org     client\n"
            "  client4@example.org     client in maintenance after therapy\n"
            "  supporter@example.org   supporter of client@example.org\n"
            f"Authenticator secret for the admin and therapists: {DEMO_TOTP_SECRET}\n"
            "(add it to any authenticator app, or run: make totp)"
        )
