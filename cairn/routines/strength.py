"""Habit strength, 0 to 1, as an exponential moving average of days the target was met.

The method is the one the open-source Loop Habit Tracker describes (CLINICAL.md);
this is Cairn's own writing of it. For a habit expected f times a day (3 a week is
3/7), each day the score moves towards v by a factor that depends on f:

    m = 0.5 ** (sqrt(f) / 13)
    score = score * m + v * (1 - m)

v is 1 on a day whose target is met and 0 otherwise. For habits less often than
daily, v is the share of the expected count done over the recent window (one
period long), capped at 1. Paused days and skipped days leave the score as it was,
so a holiday or an illness costs nothing: they are taken out of the timeline, so
that the recent window is the last period's worth of days that count. A skipped
day neither moves the score on that day nor dilutes the window afterwards; the
score is exactly what it would be had the day not been on the calendar.

The day still under way (today) is not a miss yet: it counts only once something
was done on it. Without this, marking today "skipped" would lift the score (the
open day stops counting as a 0), which CLINICAL.md rules out.
"""

import math
from collections import deque
from collections.abc import Iterable
from datetime import date, timedelta


def multiplier(per_day: float) -> float:
    return 0.5 ** (math.sqrt(per_day) / 13)


def strength(
    *,
    per_day: float,
    period_days: int,
    times: int,
    done: Iterable[date],
    skipped: Iterable[date] = (),
    paused: Iterable[date] = (),
    start: date,
    end: date,
    open_day: date | None = None,
) -> float:
    """The score at the end of `end`, starting from 0 on `start`.

    `open_day` is the day still under way; it counts only if done on it.
    """
    done_days, resting = set(done), set(skipped) | set(paused)
    if open_day is not None and open_day not in done_days:
        resting.add(open_day)
    m = multiplier(per_day)
    score = 0.0
    window: deque[bool] = deque(maxlen=period_days)  # the last days that count: done?
    day = start
    while day <= end:
        if day not in resting:
            window.append(day in done_days)
            value = min(1.0, sum(window) / times) if period_days > 1 else float(window[-1])
            score = score * m + value * (1 - m)
        day += timedelta(days=1)
    return score
