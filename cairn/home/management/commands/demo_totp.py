from typing import Any

from django.core.management.base import BaseCommand

from cairn.home.demo import demo_totp_code


class Command(BaseCommand):
    help = "Prints the current authenticator code for the demo admin and therapists."

    def handle(self, *args: Any, **options: Any) -> None:
        self.stdout.write(demo_totp_code())
