"""Calendar arithmetic that the standard library leaves to the caller."""

from datetime import date


def years_after[Day: date](moment: Day, years: int) -> Day:
    """The same day `years` later (earlier when negative); 29 February becomes the 28th.
    `Day` is a date or a datetime, and the answer is the same kind."""
    try:
        return moment.replace(year=moment.year + years)
    except ValueError:  # 29 February
        return moment.replace(year=moment.year + years, day=28)
