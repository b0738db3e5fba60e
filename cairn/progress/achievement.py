"""A goal's achievement status, derived from its 0–10 ratings (CLINICAL.md).

Cairn collects ratings far more often than the GBO's start-and-review pair, so one
noisy day must never flip a status. With the ratings sorted by date, one per day,
and `target` 10 unless client and therapist agreed a lower mark for this goal:

1. achieved when there are at least 3 ratings and the last 3 all reach the target;
2. otherwise, with fewer than 6 ratings, in-progress (too early to say);
3. otherwise baseline = median of the first 3, current = median of the last 3:
   improving when current − baseline ≥ 3, worsening when ≤ −3;
4. otherwise no-progress when current ≤ 3 and the first and last ratings are at
   six weeks apart (STUCK_FOR) (stuck low: the therapist should know);
5. otherwise no-change.

This is the one rule: check-ins, the caseload, the supporter's view and
`manage.py achievement_status` all come through `achievement_of`. The codes are
FHIR's goal-achievement codes.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from statistics import median_low

from cairn.goals.achievement_window import STUCK_FOR, TOO_EARLY_BELOW, WINDOW

RELIABLE_CHANGE = 3
STUCK_AT_OR_BELOW = 3
FULL_MARK = 10


@dataclass(frozen=True)
class Status:
    code: str
    # Medians of the first and last 3 ratings; None while there are fewer than 3.
    baseline: int | None
    current: int | None
    ratings: int

    def as_json(self) -> dict[str, object]:
        return {
            "status": self.code,
            "baseline": self.baseline,
            "current": self.current,
            "ratings": self.ratings,
        }


def achievement_of(ratings: Sequence[tuple[date, int]], *, target: int = FULL_MARK) -> Status:
    """`ratings` are (day, rating 0–10), at most one per day, in any order."""
    values = [rating for _, rating in sorted(ratings)]
    days = sorted(day for day, _ in ratings)
    count = len(values)
    if count < WINDOW:
        return Status("in-progress", None, None, count)
    # Three values: the median is one of them, so it stays a whole rating.
    baseline = int(median_low(values[:WINDOW]))
    current = int(median_low(values[-WINDOW:]))

    def status(code: str) -> Status:
        return Status(code, baseline, current, count)

    if all(value >= target for value in values[-WINDOW:]):
        return status("achieved")
    if count < TOO_EARLY_BELOW:
        return status("in-progress")
    change = current - baseline
    if change >= RELIABLE_CHANGE:
        return status("improving")
    if change <= -RELIABLE_CHANGE:
        return status("worsening")
    if current <= STUCK_AT_OR_BELOW and days[-1] - days[0] >= STUCK_FOR:
        return status("no-progress")
    return status("no-change")
