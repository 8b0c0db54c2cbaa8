"""Geometry for the hand-drawn SVG line charts beside each statistics table.

The chart is decoration for sighted readers: the table next to it holds the same numbers and
is the accessible alternative, so the SVG carries a title and a one-line description only.
Lines differ by dash pattern and marker as well as colour, so they can be told apart without
colour.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from decimal import Decimal
from typing import Final

from sendcase.statistics.selectors import MeasureTable

WIDTH: Final = 440
HEIGHT: Final = 280
LEFT: Final = 72
RIGHT: Final = 16
TOP: Final = 16
BOTTOM: Final = 48

# GOV.UK colour palette; every line also has its own dash pattern.
STYLES: Final = {
    "own": {"colour": "#1d70b8", "dash": "", "width": 3, "marker": "circle", "legend": "SENDcase records"},
    "own_published": {"colour": "#003078", "dash": "8 4", "width": 2, "marker": "square", "legend": "DfE published"},
    "england": {"colour": "#d4351c", "dash": "2 3", "width": 2, "marker": "circle", "legend": "England"},
    "region": {"colour": "#00703c", "dash": "10 3 2 3", "width": 2, "marker": "square", "legend": "Region"},
    "comparator": {"colour": "#6f777b", "dash": "", "width": 1, "marker": "", "legend": "Comparator councils"},
}


@dataclass(frozen=True)
class Point:
    x: float
    y: float

    @property
    def square_x(self) -> float:
        return round(self.x - 3.5, 1)

    @property
    def square_y(self) -> float:
        return round(self.y - 3.5, 1)


@dataclass(frozen=True)
class Line:
    kind: str
    label: str
    colour: str
    dash: str
    width: int
    marker: str
    paths: tuple[str, ...]
    points: tuple[Point, ...]


@dataclass(frozen=True)
class Tick:
    position: float
    label: str


@dataclass(frozen=True)
class Chart:
    id: str
    title: str
    description: str
    width: int
    height: int
    plot_left: int
    plot_right: int
    plot_top: int
    plot_bottom: int
    x_ticks: tuple[Tick, ...]
    y_ticks: tuple[Tick, ...]
    y_label: str
    y_label_y: float
    lines: tuple[Line, ...]
    legend: tuple[Line, ...]
    empty: bool


def nice_ceiling(value: float) -> float:
    """A round number at least ``value`` for the top of the y axis: 1, 2, 2.5 or 5 times a power of 10."""
    if value <= 0:
        return 1
    power = 10 ** math.floor(math.log10(value))
    for step in (1, 2, 2.5, 5, 10):
        if step * power >= value:
            return step * power
    return 10 * power


def _label(value: float, percent: bool) -> str:
    text = f"{value:,.0f}" if value == int(value) else f"{value:,.1f}"
    return f"{text}%" if percent else text


def line_chart(table: MeasureTable, *, include_totals: bool) -> Chart:
    """The chart for one measure; ``include_totals`` False leaves out England and the region (counts)."""
    measure = table.measure
    kinds = {"own", "own_published", "comparator"} | ({"england", "region"} if include_totals else set())
    series = [s for s in table.series if s.kind in kinds]
    years = table.years
    values = [float(v) for s in series for v in s.values.values() if isinstance(v, int | Decimal)]
    top = 100.0 if measure.is_percentage else nice_ceiling(max(values, default=0))
    plot_right, plot_bottom = WIDTH - RIGHT, HEIGHT - BOTTOM
    span_x = plot_right - LEFT
    step = span_x / (len(years) - 1) if len(years) > 1 else 0

    def x_of(index: int) -> float:
        return round(LEFT + (index * step if len(years) > 1 else span_x / 2), 1)

    def y_of(value: float) -> float:
        return round(plot_bottom - (value / top) * (plot_bottom - TOP), 1)

    lines = []
    for s in series:
        style = STYLES[s.kind]
        points: list[Point] = []
        paths: list[str] = []
        run: list[Point] = []
        for index, year in enumerate(years):
            value = s.values.get(year)
            if isinstance(value, int | Decimal):
                point = Point(x_of(index), y_of(float(value)))
                run.append(point)
                points.append(point)
            elif run:
                paths.append(_path(run))
                run = []
        if run:
            paths.append(_path(run))
        label = f"{s.area} ({s.source})" if s.kind in ("own", "own_published") else s.area
        lines.append(
            Line(
                s.kind,
                label,
                style["colour"],
                style["dash"],
                style["width"],
                style["marker"],
                tuple(paths),
                tuple(points),
            )  # type: ignore[arg-type]
        )
    # Comparators are drawn first and thin, so the council's own lines sit on top.
    lines.sort(key=lambda line: line.kind != "comparator")
    legend: list[Line] = []
    for kind in ("own", "own_published", "england", "region", "comparator"):
        match = next((line for line in lines if line.kind == kind), None)
        if match is not None:
            legend.append(
                match if kind != "comparator" else Line(kind, STYLES[kind]["legend"], match.colour, "", 1, "", (), ())
            )  # type: ignore[arg-type]
    described = "England, the region and " if include_totals else ""
    return Chart(
        id=f"chart-{measure.slug}",
        title=f"{measure.title}, by year",
        description=(
            f"Line chart of {measure.title.lower()} for {described}the council and its comparators, "
            f"{years[0] if years else ''} to {years[-1] if years else ''}. The table gives every figure."
        ),
        width=WIDTH,
        height=HEIGHT,
        plot_left=LEFT,
        plot_right=plot_right,
        plot_top=TOP,
        plot_bottom=plot_bottom,
        x_ticks=tuple(Tick(x_of(i), str(year)) for i, year in enumerate(years)),
        y_ticks=tuple(Tick(y_of(top * i / 4), _label(top * i / 4, measure.is_percentage)) for i in range(5)),
        y_label="Per cent" if measure.is_percentage else "Number",
        y_label_y=round((TOP + plot_bottom) / 2, 1),
        lines=tuple(lines),
        legend=tuple(legend),
        empty=not values,
    )


def _path(points: list[Point]) -> str:
    if len(points) == 1:
        # A lone year still shows: a zero-length line with round caps draws a dot.
        p = points[0]
        return f"M{p.x} {p.y} L{p.x} {p.y}"
    return "M" + " L".join(f"{p.x} {p.y}" for p in points)
