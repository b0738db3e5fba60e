"""Progress charts, drawn on the server as SVG with matplotlib, and their words.

Every chart comes with a text alternative (`describe_*`) and the page shows the
same numbers as a table. Gaps in check-ins are drawn as gaps; a dip stays a dip.
"""

import itertools
import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import TYPE_CHECKING

from cairn.core.charts import (
    INK,
    SOFT,
    WARM,
    as_svg,
    date_number,
    date_numbers,
    draw_values,
    empty_chart,
    legend_above,
    new_figure,
)
from cairn.core.numbers import plain_number

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

# Consecutive check-ins further apart than this are drawn with a gap between them.
GAP = timedelta(days=3)


def _with_gaps(
    points: Sequence[tuple[date, float | Decimal]],
) -> tuple[list[float], list[float]]:
    """Day numbers (matplotlib's) and values, with a NaN wherever check-ins break off."""
    days: list[date] = []
    values: list[float] = []
    for day, value in points:
        if days and day - days[-1] > GAP:
            days.append(days[-1] + (day - days[-1]) / 2)
            values.append(math.nan)
        days.append(day)
        values.append(float(value))
    return date_numbers(days), values


def _trend(points: Sequence[tuple[date, float]]) -> tuple[list[float], list[float]] | None:
    """A least-squares line through the points, to show the direction under the noise."""
    if len(points) < 3:
        return None
    xs = [(day - points[0][0]).days for day, _ in points]
    ys = [float(value) for _, value in points]
    n = len(xs)
    mean_x, mean_y = sum(xs) / n, sum(ys) / n
    spread = sum((x - mean_x) ** 2 for x in xs)
    if spread == 0:
        return None
    slope = sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys, strict=True)) / spread
    start = mean_y - slope * mean_x
    return date_numbers([points[0][0], points[-1][0]]), [
        start,
        start + slope * xs[-1],
    ]


# A chart of one value (or a few on close days) spans at least this, centred on them.
LEAST_SPAN = timedelta(days=14)


def _sensible_range(axes: "Axes", days: Sequence[date]) -> None:
    """Dates close together (one check-in, say) get a fortnight's axis, not five years."""
    first, last = min(days), max(days)
    if last - first < LEAST_SPAN:
        middle = first + (last - first) / 2
        axes.set_xlim(date_number(middle - LEAST_SPAN / 2), date_number(middle + LEAST_SPAN / 2))


def _values_over_time(
    points: Sequence[tuple[date, float | Decimal]], *, phone: bool, label: str | None = None
) -> "tuple[Figure, Axes]":
    """A chart with the values drawn on it, broken where check-ins break off."""
    figure, axes = new_figure(phone=phone)
    _sensible_range(axes, [day for day, _ in points])
    draw_values(axes, *_with_gaps(points), label=label)
    return figure, axes


def _plain(text: str) -> str:
    """Text as text: matplotlib reads $…$ as mathematics."""
    return text.replace("$", r"\$")


def rating_chart(
    points: Sequence[tuple[date, int]],
    milestones: Sequence[tuple[date, str]] = (),
    target_steps: Sequence[tuple[date, Decimal | None]] = (),
    *,
    phone: bool = False,
) -> str:
    if not points:
        return empty_chart("No ratings yet: they'll appear after your first check-in.", phone=phone)
    figure, axes = _values_over_time(points, phone=phone, label="Rating")
    trend = _trend(points)
    if trend:
        axes.plot(*trend, color=WARM, linewidth=1.5, linestyle="--", label="Trend")
    for day, _title in milestones:
        if points[0][0] <= day <= points[-1][0]:
            axes.axvline(date_number(day), color=SOFT, linewidth=1, linestyle=":")
            axes.plot([date_number(day)], [10], marker="v", color=INK, markersize=7, clip_on=False)
    # The agreed "reached" mark, where it is below 10 or has changed.
    if any(value is not None and value != 10 for _, value in target_steps):
        _target_line(axes, target_steps, until=points[-1][0], label="Reached at (as agreed then)")
    axes.set_ylim(0, 10.4)
    axes.set_yticks([0, 5, 10], ["0 none", "5 half way", "10 reached"])
    legend_above(axes, ncols=2, phone=phone)
    return as_svg(figure)


def _target_line(
    axes: "Axes",
    steps: Sequence[tuple[date, Decimal | None]],
    *,
    until: date,
    label: str,
) -> None:
    """The target as it was at each date: a step where an agreed change moved it."""
    known = [(day, value) for day, value in steps if value is not None]
    if not known:
        return
    days = [day for day, _ in known] + [max(until, known[-1][0])]
    values = [float(value) for _, value in known] + [float(known[-1][1])]
    axes.step(
        date_numbers(days),
        values,
        where="post",
        color=WARM,
        linestyle="--",
        linewidth=1.2,
        label=label,
    )


@dataclass(frozen=True)
class MeasureScale:
    """What a goal's own measure is read against, in its chart and in its words: the
    unit, where it started, and the target with the dates agreed changes moved it."""

    unit: str
    baseline: Decimal | None
    target: Decimal | None
    target_steps: Sequence[tuple[date, Decimal | None]] = ()


def measure_chart(
    points: Sequence[tuple[date, Decimal]], scale: MeasureScale, *, phone: bool = False
) -> str:
    if not points:
        return empty_chart("No values yet: add them in your check-ins.", phone=phone)
    figure, axes = _values_over_time(points, phone=phone, label=_plain(scale.unit) or "Value")
    if scale.baseline is not None:
        axes.axhline(
            float(scale.baseline),
            color=SOFT,
            linestyle=":",
            linewidth=1.2,
            label="Where you started",
        )
    if len({value for _, value in scale.target_steps}) > 1:
        _target_line(
            axes, scale.target_steps, until=points[-1][0], label="Your target (as agreed then)"
        )
    elif scale.target is not None:
        axes.axhline(
            float(scale.target), color=WARM, linestyle="--", linewidth=1.2, label="Your target"
        )
    legend_above(axes, ncols=1 if phone else 3, phone=phone)
    return as_svg(figure)


def mood_chart(points: Sequence[tuple[date, int]], *, phone: bool = False) -> str:
    if not points:
        return empty_chart("No moods yet.", phone=phone)
    figure, axes = _values_over_time(points, phone=phone)
    axes.set_ylim(0.8, 5.2)
    axes.set_yticks([1, 3, 5], ["very low", "okay", "very good"])
    return as_svg(figure)


def _on(day: date) -> str:
    return f"{day.day} {day:%B}"


@dataclass(frozen=True)
class RatingSummary:
    """What the words under a rating chart say, whatever the length of the history."""

    count: int
    first: tuple[date, int]
    last: tuple[date, int]
    highest: int
    lowest: int
    setbacks: int  # a rating two or more below the one before
    gaps: int  # more than GAP between two check-ins


def summarise(points: Sequence[tuple[date, int]]) -> RatingSummary | None:
    if not points:
        return None
    values = [v for _, v in points]
    return RatingSummary(
        count=len(points),
        first=points[0],
        last=points[-1],
        highest=max(values),
        lowest=min(values),
        setbacks=sum(1 for (_, a), (_, b) in itertools.pairwise(points) if b <= a - 2),
        gaps=sum(1 for (a, _), (b, _) in itertools.pairwise(points) if b - a > GAP),
    )


def describe_ratings(points: Sequence[tuple[date, int]]) -> str:
    return describe_rating_summary(summarise(points))


def describe_rating_summary(summary: RatingSummary | None) -> str:
    if summary is None:
        return "No ratings yet."
    first, last, count = summary.first, summary.last, summary.count
    words = [
        f"{count} rating{'s' if count != 1 else ''} from {_on(first[0])} to {_on(last[0])}.",
        f"It started at {first[1]} out of 10 and is now {last[1]}.",
    ]
    if count > 2:
        words.append(f"The highest was {summary.highest} and the lowest {summary.lowest}.")
    setbacks = summary.setbacks
    if setbacks:
        words.append(
            f"There {'was a harder stretch' if setbacks == 1 else f'were {setbacks} harder stretches'} along the way; "
            "progress is rarely a straight line."
        )
    gaps = summary.gaps
    if gaps:
        words.append(
            f"There {'is a break' if gaps == 1 else f'are {gaps} breaks'} between check-ins, shown as gaps."
        )
    return " ".join(words)


def amount(value: Decimal, unit: str) -> str:
    """ "1 night", "2 nights", "7.5 hours": the number as written, the unit agreeing."""
    number = plain_number(value)
    if not unit:
        return number
    if number == "1":
        if unit.endswith(("sses", "xes", "ches", "shes")):
            unit = unit[:-2]
        elif unit.endswith("s") and not unit.endswith("ss"):
            unit = unit[:-1]
    return f"{number} {unit}"


def describe_measure(
    points: Sequence[tuple[date, Decimal]], scale: MeasureScale, *, count: int | None = None
) -> str:
    """`points` may be the latest values only; `count` is then how many there are."""
    if not points:
        return "No values yet."
    unit, baseline, target = scale.unit, scale.baseline, scale.target
    count = len(points) if count is None else count
    words = [
        f"{count} value{'s' if count != 1 else ''}; the latest is {amount(points[-1][1], unit)} on {_on(points[-1][0])}."
    ]
    if baseline is not None:
        words.append(f"It started at {amount(baseline, unit)}.")
    if target is not None:
        words.append(f"The target is {amount(target, unit)}.")
    for (_, before), (day, after) in itertools.pairwise(scale.target_steps):
        if before is not None and after is not None and before != after:
            words.append(
                f"It was {amount(before, unit)} until {_on(day)}, "
                f"when you agreed {amount(after, unit)}."
            )
    return " ".join(words)


def describe_moods(points: Sequence[tuple[date, int]]) -> str:
    if not points:
        return "No moods recorded yet."
    labels = {1: "very low", 2: "low", 3: "okay", 4: "good", 5: "very good"}
    average = sum(v for _, v in points) / len(points)
    return (
        f"{len(points)} moods from {_on(points[0][0])} to {_on(points[-1][0])}. "
        f"The latest was {labels[points[-1][1]]}; on average, about {labels[round(average)]}."
    )
