import json
import sys
from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from cairn.progress.achievement import FULL_MARK, achievement_of

USAGE = 'give ratings as "2026-10-01:3,2026-10-03:4,…" (ISO dates, whole numbers 0 to 10)'


class BadInput(ValueError):
    pass


def parse_ratings(text: str) -> list[tuple[date, int]]:
    ratings: dict[date, int] = {}
    for item in (part.strip() for part in text.split(",")):
        if not item:
            raise BadInput(f"an empty rating in the list: {USAGE}")
        day_text, colon, value_text = item.partition(":")
        if not colon:
            raise BadInput(f"{item!r} has no ':' between date and rating: {USAGE}")
        try:
            day = date.fromisoformat(day_text.strip())
        except ValueError:
            raise BadInput(f"{day_text.strip()!r} is not a date like 2026-10-01") from None
        value_text = value_text.strip()
        if not value_text.isdecimal() or not 0 <= int(value_text) <= 10:
            raise BadInput(
                f"the rating on {day} must be a whole number from 0 to 10, not {value_text!r}"
            )
        if day in ratings:
            raise BadInput(f"two ratings on {day}: give one per date")
        ratings[day] = int(value_text)
    return sorted(ratings.items())


def parse_target(text: str | None) -> int:
    if text is None:
        return FULL_MARK
    if not text.strip().isdecimal() or not 1 <= int(text) <= 10:
        raise BadInput(f"--target must be a whole number from 1 to 10, not {text!r}")
    return int(text)


class Command(BaseCommand):
    help = "A goal's achievement status from its ratings, by the rule every page uses."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("ratings", nargs="?", help='"2026-10-01:3,2026-10-03:4,…"')
        parser.add_argument("--json", action="store_true", help="Print JSON.")
        parser.add_argument("--target", help="The rating that means reached (1 to 10; 10).")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            if not options["ratings"]:
                raise BadInput(USAGE)
            ratings = parse_ratings(options["ratings"])
            target = parse_target(options["target"])
        except BadInput as error:
            # One line and exit status 2, as for any other misuse of a command.
            self.stderr.write(f"achievement_status: {error}")
            sys.exit(2)
        status = achievement_of(ratings, target=target)
        if options["json"]:
            self.stdout.write(json.dumps(status.as_json()))
            return
        self.stdout.write(
            f"{status.code} (first 3: {status.baseline}, last 3: {status.current}, "
            f"{status.ratings} ratings)"
        )
