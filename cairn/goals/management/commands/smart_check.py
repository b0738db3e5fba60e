import json
from argparse import ArgumentTypeError
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from cairn.goals.smart import LETTER_NAMES, LETTERS, as_json, check_goal


def _date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError as error:
        raise ArgumentTypeError(f"must look like 2027-03-31, not {value!r}") from error


def _decimal(value: str) -> Decimal:
    try:
        number = Decimal(value)
    except InvalidOperation as error:
        raise ArgumentTypeError(f"must be a number, not {value!r}") from error
    if not number.is_finite():
        raise ArgumentTypeError(f"must be a number, not {value!r}")
    return number


class Command(BaseCommand):
    help = "Checks a goal against the SMART rules, as the coach in the goal form does."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("text", help="The goal, in the client's words.")
        parser.add_argument("--json", action="store_true", help="Print JSON.")
        parser.add_argument("--why", help="Why it matters.")
        parser.add_argument("--confidence", type=int, help="Confidence, 0 to 10.")
        parser.add_argument("--target-date", type=_date, help="YYYY-MM-DD")
        parser.add_argument("--measure-target", type=_decimal, help="The measure's target value.")

    def handle(self, *args: Any, **options: Any) -> None:
        confidence = options["confidence"]
        if confidence is not None and not 0 <= confidence <= 10:
            raise CommandError("--confidence must be between 0 and 10.")
        findings = check_goal(
            text=options["text"],
            why=options["why"],
            confidence=confidence,
            target_date=options["target_date"],
            measure_target=options["measure_target"],
            today=timezone.localdate(),
        )
        if options["json"]:
            self.stdout.write(json.dumps(as_json(findings)))
            return
        for letter in LETTERS:
            finding = findings[letter]
            mark = {True: "met", False: "not yet", None: "can't tell yet"}[finding.met]
            line = f"{LETTER_NAMES[letter]}: {mark}"
            if finding.suggestion:
                line += f" — {finding.suggestion}"
            self.stdout.write(line)
