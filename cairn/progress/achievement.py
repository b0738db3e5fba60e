"""A goal's achievement status, derived from its ratings (CLINICAL.md).

- achieved when the latest rating is 10, or the latest measure value reaches the target;
- sustaining when it was already achieved at the check-in before and still is;
- improving when the latest rating is at least 3 above the first;
- worsening when at least 3 below; no change otherwise;
- in progress until there are two ratings to compare.
The codes are FHIR's goal-achievement codes.
"""

from collections.abc import Sequence
from decimal import Decimal

RELIABLE_CHANGE = 3


def measure_reached(value: Decimal | None, target: Decimal | None, direction: str) -> bool:
    if value is None or target is None:
        return False
    return value <= target if direction == "down" else value >= target


def _achieved_at(
    ratings: Sequence[int | None],
    values: Sequence[Decimal | None],
    index: int,
    target: Decimal | None,
    direction: str,
) -> bool:
    rating = ratings[index] if index < len(ratings) else None
    value = values[index] if index < len(values) else None
    return rating == 10 or measure_reached(value, target, direction)


def derive_status(
    ratings: Sequence[int | None],
    values: Sequence[Decimal | None] = (),
    *,
    target: Decimal | None = None,
    direction: str = "up",
) -> str:
    """`ratings` and `values` are per check-in, oldest first (None where not given)."""
    count = max(len(ratings), len(values))
    if count == 0:
        return "in-progress"
    last = count - 1
    if _achieved_at(ratings, values, last, target, direction):
        if last > 0 and _achieved_at(ratings, values, last - 1, target, direction):
            return "sustaining"
        return "achieved"
    given = [r for r in ratings if r is not None]
    if len(given) < 2:
        return "in-progress"
    change = given[-1] - given[0]
    if change >= RELIABLE_CHANGE:
        return "improving"
    if change <= -RELIABLE_CHANGE:
        return "worsening"
    return "no-change"
