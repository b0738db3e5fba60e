"""The PHQ-9 or GAD-7 totals over time, drawn like every progress chart (on
cairn/core/charts.py: matplotlib SVG, its own response and CSP, words and a
table beside it), with the bands shaded and the reliable-change markers."""

from cairn.core.charts import (
    INK,
    SOFT,
    as_svg,
    date_numbers,
    draw_values,
    empty_chart,
    legend_above,
    new_figure,
)
from cairn.measures.selectors import History, Point

# Light, then darker with the band: the band's name is written on it too.
BAND_SHADES = {
    "minimal": "#eef5ef",
    "mild": "#f6f3e4",
    "moderate": "#f8ecdc",
    "moderately-severe": "#f6e1d6",
    "severe": "#f1d6d6",
}
MARKERS = {
    # code: (words, matplotlib marker, colour)
    "reliable_recovery": ("Reliable recovery", "*", "#1d6b3a"),
    "recovery": ("Recovery", "D", "#2f6f6a"),
    "reliable_improvement": ("Reliable improvement", "v", "#2f6f6a"),
    "reliable_deterioration": ("Reliable deterioration", "^", "#9b2c2c"),
}


def marker_of(point: Point) -> str:
    """The strongest finding for one total against the first: one marker a point."""
    return point.change.finding.replace(" ", "_")


def measure_chart(history: History) -> str:
    spec = history.measure
    if not history.points:
        return empty_chart(f"No {spec.name} answers yet.")
    figure, axes = new_figure()
    for band in spec.bands:
        axes.axhspan(
            band.low - 0.5, band.high + 0.5, color=BAND_SHADES[band.code], linewidth=0, zorder=0
        )
        axes.text(
            1.01,
            (band.low + band.high) / 2,
            band.label,
            transform=axes.get_yaxis_transform(),
            va="center",
            fontsize=8,
            color=SOFT,
        )
    days = date_numbers([p.response.date for p in history.points])
    totals = [p.total for p in history.points]
    draw_values(axes, days, totals, label="Total")
    for code, (words, shape, colour) in MARKERS.items():
        marked = [
            (d, p.total) for d, p in zip(days, history.points, strict=True) if marker_of(p) == code
        ]
        if marked:
            axes.plot(
                [d for d, _ in marked],
                [t for _, t in marked],
                linestyle="none",
                marker=shape,
                markersize=9,
                color=colour,
                markeredgecolor=INK,
                label=words,
            )
    axes.axhline(spec.caseness - 0.5, color=SOFT, linestyle=":", linewidth=1)
    axes.set_ylim(-0.5, spec.maximum + 0.5)
    axes.set_yticks([b.low for b in spec.bands] + [spec.maximum])
    axes.grid(False)
    legend_above(axes, ncols=3)
    return as_svg(figure)


def _on(day: object) -> str:
    return f"{day.day} {day:%B %Y}"  # type: ignore[attr-defined]


def describe(history: History) -> str:
    """The chart in words: its text alternative."""
    spec = history.measure
    first, latest = history.first, history.latest
    if first is None or latest is None:
        return f"No {spec.name} answers yet."
    words = [
        f"{spec.name}: {len(history.points)} total{'s' if len(history.points) != 1 else ''} "
        f"from {_on(first.response.date)} to {_on(latest.response.date)}, out of {spec.maximum}.",
        f"The first was {first.total} ({first.response.band_label}); "
        f"the latest is {latest.total} ({latest.response.band_label}), "
        f"a change of {latest.change.change:+d}.",
    ]
    seen = []
    for code, (label, _, _) in MARKERS.items():
        days = [p.response.date for p in history.points if marker_of(p) == code]
        if days:
            seen.append(
                f"{label.lower()} on {len(days)} occasion{'s' if len(days) != 1 else ''} (first {_on(days[0])})"
            )
    if seen:
        words.append("Against the first total: " + "; ".join(seen) + ".")
    words.append(
        f"Reliable change is {spec.reliable_change} points or more; "
        f"the dotted line is the clinical cut-off ({spec.caseness})."
    )
    return " ".join(words)
