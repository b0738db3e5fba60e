"""What every Cairn chart shares: matplotlib drawing SVG, the palette, the desktop
and phone sizes, an empty chart that says why, the policy charts are served with, and
the cache that spares drawing an unchanged chart again.

The charts themselves live with their data (progress/charts.py, measures/charts.py);
both draw on these so that every chart looks and reads alike. No models here.
"""

import functools
import hashlib
import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from django.core.cache import cache
from django.http import HttpRequest, HttpResponse

from cairn.core import one_commit

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

INK = "#1f2a30"
SOFT = "#46545c"
ACCENT = "#2f6f6a"
WARM = "#8a4f22"
LINE = "#d9d4cb"
# Charts are images with their own policy: matplotlib styles its SVG inline, and an
# image can run no script whatever its policy says.
CHART_POLICY = {
    "default-src": ["'none'"],
    "style-src": ["'unsafe-inline'"],
    "frame-ancestors": ["'self'"],
}


# How long a drawn chart is kept: its key changes with its data, so this only bounds
# what charts nobody opens again take up.
CACHE_SECONDS = 60 * 60 * 24


def cached_svg_response(key_parts: Sequence[object], draw: Callable[[], str]) -> HttpResponse:
    """The chart `draw` makes, cached by a key that changes with the data it draws (a
    one-row summary of it), so an unchanged chart is neither read nor drawn again."""
    key = "chart:" + hashlib.sha256(repr(list(key_parts)).encode()).hexdigest()
    svg = cache.get(key)
    if svg is None:
        svg = draw()
        # With the database cache this is a write: it joins the request's one commit.
        if not one_commit.defer(lambda: cache.set(key, svg, CACHE_SECONDS)):
            cache.set(key, svg, CACHE_SECONDS)
    return HttpResponse(svg, content_type="image/svg+xml")


# Desktop charts are drawn 640 px wide and shown at up to that; a phone shows a chart
# about 360 px wide, so it gets its own narrower drawing whose text stays at 12 px or
# more on screen instead of shrinking to 6 px.
@dataclass(frozen=True)
class Layout:
    figsize: tuple[float, float]
    font: int
    legend: int
    ticks: int


DESKTOP = Layout(figsize=(6.4, 2.6), font=10, legend=8, ticks=7)
PHONE = Layout(figsize=(3.6, 2.9), font=10, legend=9, ticks=4)


def phone_size_asked(request: HttpRequest) -> bool:
    """The narrow drawing, for a phone: the page showing a chart asks for it with
    ?size=phone (in a <source media=…> of its <picture>)."""
    return request.GET.get("size") == "phone"


def layout_for(phone: bool) -> Layout:
    return PHONE if phone else DESKTOP


@functools.cache
def _matplotlib_for_svg() -> None:
    """matplotlib takes seconds to import, and every start of Cairn (each manage.py
    command loads the URLs, so the views) would pay for it: it is set up on the
    first chart drawn instead."""
    import matplotlib

    matplotlib.use("svg")
    matplotlib.rcParams.update(
        {
            "svg.fonttype": "none",  # text stays text: selectable and readable by tools
            "svg.hashsalt": "cairn",  # the same data draws the same file
            "font.family": "sans-serif",
            "font.size": 10,
        }
    )


def date_numbers(days: Sequence[date]) -> list[float]:
    """The days as matplotlib's day numbers, for a chart's x axis."""
    _matplotlib_for_svg()
    from matplotlib.dates import date2num

    return [float(d) for d in date2num(list(days))]


def date_number(day: date) -> float:
    return date_numbers([day])[0]


def new_figure(*, dates: bool = True, phone: bool = False) -> "tuple[Figure, Axes]":
    _matplotlib_for_svg()
    from matplotlib.dates import AutoDateLocator, ConciseDateFormatter
    from matplotlib.figure import Figure

    layout = layout_for(phone)
    figure = Figure(figsize=layout.figsize, dpi=100, layout="constrained")
    axes = figure.add_subplot()
    axes.tick_params(labelsize=layout.font)
    axes.spines[["top", "right"]].set_visible(False)
    axes.spines[["left", "bottom"]].set_color(SOFT)
    axes.tick_params(colors=SOFT)
    axes.grid(axis="y", color=LINE, linewidth=0.8)
    if dates:
        locator = AutoDateLocator(minticks=2, maxticks=layout.ticks)
        axes.xaxis.set_major_locator(locator)
        # Dates as people write them: "8", "Nov", "November 2026"; no "08" or "2026-Nov".
        axes.xaxis.set_major_formatter(
            ConciseDateFormatter(
                locator,
                formats=["%Y", "%b", "%-d", "%H:%M", "%H:%M", "%S"],
                zero_formats=["", "%Y", "%b", "%-d %b", "%H:%M", "%H:%M"],
                offset_formats=["", "%Y", "%B %Y", "%-d %B %Y", "%-d %B %Y", "%-d %B %Y"],
            )
        )
    return figure, axes


def draw_values(
    axes: "Axes", days: Sequence[float], values: Sequence[float], *, label: str | None = None
) -> None:
    """A person's values over time: one line of small dots, drawn alike in every chart."""
    axes.plot(days, values, color=ACCENT, linewidth=2, marker="o", markersize=3, label=label)


def legend_above(axes: "Axes", *, ncols: int, phone: bool = False) -> None:
    """The legend in a row above the drawing, where it covers no point."""
    axes.legend(
        loc="lower center",
        bbox_to_anchor=(0.5, 1.0),
        ncols=ncols,
        frameon=False,
        fontsize=layout_for(phone).legend,
    )


def as_svg(figure: "Figure") -> str:
    buffer = io.StringIO()
    figure.savefig(buffer, format="svg", metadata={"Date": None, "Creator": "Cairn"})
    return buffer.getvalue()


def empty_chart(message: str, *, phone: bool = False) -> str:
    """A chart with nothing to draw yet says so, in the chart's own place."""
    figure, axes = new_figure(dates=False, phone=phone)
    axes.text(
        0.5,
        0.5,
        message,
        ha="center",
        va="center",
        transform=axes.transAxes,
        color=SOFT,
        wrap=True,
        fontsize=layout_for(phone).font,
    )
    axes.set_xticks([])
    axes.set_yticks([])
    return as_svg(figure)
