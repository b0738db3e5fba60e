import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from cairn.measures.scoring import (
    ScoringError,
    as_json,
    change_between,
    measure_named,
    parse_answers,
    score,
)


class Command(BaseCommand):
    help = (
        "Scores PHQ-9 or GAD-7 answers as Cairn does: "
        "score_measure phq9 --json 1,2,0,3,1,1,2,2,1 [--baseline 3,3,2,3,2,2,3,2,0]"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        # Checked in handle(), not by argparse, so that every mistake is one line.
        parser.add_argument("measure", help="phq9 or gad7")
        parser.add_argument(
            "--json", dest="answers", default=None, help="The answers, 0 to 3, comma-separated."
        )
        parser.add_argument("--baseline", default=None, help="The first answers, to compare.")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            measure = measure_named(options["measure"])
            if options["answers"] is None:
                raise ScoringError("give the answers with --json, e.g. --json 1,2,0,3,1,1,2,2,1")
            result = score(measure, parse_answers(measure, options["answers"]))
            change = None
            if options["baseline"] is not None:
                try:
                    baseline = score(measure, parse_answers(measure, options["baseline"]))
                except ScoringError as error:
                    raise ScoringError(f"--baseline: {error}") from None
                change = change_between(measure, baseline=baseline.total, current=result.total)
        except ScoringError as error:
            raise CommandError(str(error), returncode=2) from None
        self.stdout.write(json.dumps(as_json(result, change)))
