"""Charts as inline SVG drawn on the server: no JavaScript, readable on a 320px screen.

Every chart is an <svg role="img"> named by its <title> and described by its <desc>; each bar and
point has its own <title> with its value. The table beside each chart is the accessible
alternative and holds every figure, so the chart only has to show the shape.

The drawing is 320 units wide and scales to its container (the stylesheet caps it), so at
320px the 12-unit text is 12px. Series differ by shape and dash pattern as well as colour,
and every colour has at least 3:1 contrast with white (WCAG 1.4.11).
"""

from __future__ import annotations

import math
from collections.abc import Iterable

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from sendcase.scorecard.cells import Chart
from sendcase.statistics.dfe import percentage_text

WIDTH = 320
FONT = 12
SMALL = 11
INK = "#0b0c0c"
GRID = "#b1b4b6"
COLOURS = ("#1d70b8", "#d4351c", "#4c2c92", "#00703c")
DASHES = ("", "6 3", "2 3", "8 3 2 3")
REFERENCE_DASHES = ("6 4", "2 3")
REFERENCE_COLOURS = ("#505a5f", INK)
LEFT, RIGHT = 40, 10
LEGEND_LINE = 18


def render(chart: Chart, chart_id: str) -> SafeString:
    """The chart as an inline <svg> element; `chart_id` makes its title and desc ids unique."""
    draw = {"columns": _columns, "lines": _lines, "bars": _bars}[chart.kind]
    height, body = draw(chart)
    head = (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="sc-chart" viewBox="0 0 {WIDTH} {height}" '
        f'width="100%" role="img" aria-labelledby="{chart_id}-title {chart_id}-desc" focusable="false" '
        f'font-family="&quot;GDS Transport&quot;, arial, sans-serif" font-size="{FONT}" fill="{INK}">'
        f'<title id="{chart_id}-title">{escape(chart.title)}</title>'
        f'<desc id="{chart_id}-desc">{escape(chart.description)}</desc>'
    )
    return mark_safe(head + "".join(body) + "</svg>")  # noqa: S308 - every text above is escaped


def _n(value: float) -> str:
    """Coordinates with at most one decimal place keep the markup short."""
    return f"{value:.1f}".rstrip("0").rstrip(".")


def _nice_max(values: Iterable[float | None]) -> float:
    """A round top for the axis (1, 2, 2.5 or 5 times a power of ten) at or above every value."""
    top = max((v for v in values if v is not None), default=0.0)
    if top <= 0:
        return 4.0
    step = 10 ** math.floor(math.log10(top / 4))
    for factor in (1, 2, 2.5, 5, 10):
        if top <= 4 * step * factor:
            return 4 * step * factor
    return 4 * step * 10


def _fmt(value: float, percent: bool) -> str:
    if percent:
        return percentage_text(value)
    return f"{value:,.1f}".rstrip("0").rstrip(".") if value % 1 else f"{value:,.0f}"


def _legend(items: list[tuple[str, str]], top: float) -> tuple[float, list[str]]:
    """One legend entry per line (a 320px screen has room for little else): (height, elements)."""
    out = []
    for i, (label, swatch) in enumerate(items):
        y = top + i * LEGEND_LINE
        out.append(f'<g transform="translate({LEFT},{_n(y)})">{swatch}<text x="28" y="10">{escape(label)}</text></g>')
    return len(items) * LEGEND_LINE, out


def _line_swatch(colour: str, dash: str, marker: str) -> str:
    dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
    return f'<line x1="0" y1="6" x2="22" y2="6" stroke="{colour}" stroke-width="2"{dash_attr}/>{marker}'


def _marker(index: int, x: float, y: float, colour: str) -> str:
    shape = index % 3
    if shape == 0:
        return f'<circle cx="{_n(x)}" cy="{_n(y)}" r="3.5" fill="{colour}"/>'
    if shape == 1:
        return f'<rect x="{_n(x - 3.5)}" y="{_n(y - 3.5)}" width="7" height="7" fill="{colour}"/>'
    return (
        f'<path d="M{_n(x)} {_n(y - 4.5)}L{_n(x + 4.5)} {_n(y + 3.5)}L{_n(x - 4.5)} {_n(y + 3.5)}Z" fill="{colour}"/>'
    )


def _y_axis(top: float, plot_h: float, y_max: float, percent: bool, label: str) -> list[str]:
    out = [f'<text x="{LEFT}" y="{_n(top - 8)}" font-weight="bold">{escape(label)}</text>']
    for i in range(5):
        value = y_max * i / 4
        y = top + plot_h - plot_h * i / 4
        out.append(
            f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{_n(y)}" y2="{_n(y)}" stroke="{GRID}" stroke-width="1"/>'
            f'<text x="{LEFT - 4}" y="{_n(y + 4)}" text-anchor="end" font-size="{SMALL}">{_fmt(value, percent)}</text>'
        )
    return out


def _x_labels(categories: list[str], top: float, slot: float) -> list[str]:
    """Month labels under the axis: "Jan" on one line, and the year under the first of each year."""
    every = max(1, math.ceil(26 / slot))
    out = []
    last_year = ""
    for i, name in enumerate(categories):
        if i % every:
            continue
        x = LEFT + slot * (i + 0.5)
        month, _, rest = name.partition(" ")
        year = rest.split(" ", 1)[0]
        out.append(
            f'<text x="{_n(x)}" y="{_n(top + 14)}" text-anchor="middle" font-size="{SMALL}">{escape(month)}</text>'
        )
        if year != last_year:
            out.append(
                f'<text x="{_n(x)}" y="{_n(top + 27)}" text-anchor="middle" font-size="{SMALL}">{escape(year)}</text>'
            )
            last_year = year
    return out


def _columns(chart: Chart) -> tuple[float, list[str]]:
    values = chart.series[0].values
    legend_items = [(chart.series[0].label, f'<rect width="22" height="12" fill="{COLOURS[0]}"/>')]
    for i, (label, value) in enumerate(chart.references):
        legend_items.append(
            (
                f"{label}: {_fmt(value, chart.percent)}",
                _line_swatch(REFERENCE_COLOURS[i % 2], REFERENCE_DASHES[i % 2], ""),
            )
        )
    legend_h, legend = _legend(legend_items, 4)
    top, plot_h = legend_h + 26, 150
    plot_w = WIDTH - LEFT - RIGHT
    y_max = _nice_max([*values, *(v for _, v in chart.references)])
    slot = plot_w / max(1, len(values))
    body = [*legend, *_y_axis(top, plot_h, y_max, chart.percent, chart.axis_label)]
    for i, (name, value) in enumerate(zip(chart.categories, values, strict=True)):
        if value is None:
            continue
        h = plot_h * value / y_max
        x = LEFT + slot * i + slot * 0.15
        body.append(
            f'<rect x="{_n(x)}" y="{_n(top + plot_h - h)}" width="{_n(slot * 0.7)}" height="{_n(h)}" '
            f'fill="{COLOURS[0]}"><title>{escape(name)}: {_fmt(value, chart.percent)}</title></rect>'
        )
    for i, (label, value) in enumerate(chart.references):
        y = top + plot_h - plot_h * value / y_max
        body.append(
            f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{_n(y)}" y2="{_n(y)}" stroke="{REFERENCE_COLOURS[i % 2]}" '
            f'stroke-width="2" stroke-dasharray="{REFERENCE_DASHES[i % 2]}"><title>{escape(label)}: '
            f"{_fmt(value, chart.percent)}</title></line>"
        )
    body.append(_baseline(top + plot_h))
    body.extend(_x_labels(chart.categories, top + plot_h, slot))
    return top + plot_h + 34, body


def _baseline(y: float) -> str:
    return f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{_n(y)}" y2="{_n(y)}" stroke="{INK}" stroke-width="1"/>'


def _lines(chart: Chart) -> tuple[float, list[str]]:
    legend_items = [
        (s.label, _line_swatch(COLOURS[i], DASHES[i], _marker(i, 11, 6, COLOURS[i])))
        for i, s in enumerate(chart.series)
    ]
    legend_h, legend = _legend(legend_items, 4)
    top, plot_h = legend_h + 26, 150
    plot_w = WIDTH - LEFT - RIGHT
    y_max = 100.0 if chart.percent else _nice_max(v for s in chart.series for v in s.values)
    slot = plot_w / max(1, len(chart.categories))
    body = [*legend, *_y_axis(top, plot_h, y_max, chart.percent, chart.axis_label)]
    for index, series in enumerate(chart.series):
        colour, dash = COLOURS[index], DASHES[index]
        points = [
            (LEFT + slot * (i + 0.5), top + plot_h - plot_h * (v or 0) / y_max, name, v)
            for i, (name, v) in enumerate(zip(chart.categories, series.values, strict=True))
        ]
        # A month with nothing to count breaks the line: a gap, never a drop to 0%.
        runs: list[list[tuple[float, float]]] = [[]]
        for x, y, _, v in points:
            if v is None:
                runs.append([])
            else:
                runs[-1].append((x, y))
        dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
        for run in runs:
            if len(run) > 1:
                d = "M" + "L".join(f"{_n(x)} {_n(y)}" for x, y in run)
                body.append(f'<path d="{d}" fill="none" stroke="{colour}" stroke-width="2"{dash_attr}/>')
        for x, y, name, v in points:
            if v is not None:
                body.append(
                    f"<g>{_marker(index, x, y, colour)}<title>{escape(name)}, {escape(series.label)}: "
                    f"{_fmt(v, chart.percent)}</title></g>"
                )
    body.append(_baseline(top + plot_h))
    body.extend(_x_labels(chart.categories, top + plot_h, slot))
    return top + plot_h + 34, body


def _bars(chart: Chart) -> tuple[float, list[str]]:
    """Horizontal bars, one group per row: the row's name on its own line, then its bars."""
    legend_items = [
        (s.label, f'<rect width="22" height="12" fill="{COLOURS[i]}"/>') for i, s in enumerate(chart.series)
    ]
    legend_h, legend = _legend(legend_items, 4) if len(chart.series) > 1 else (0, [])
    top = legend_h + 22
    left, label_room = 4, 44
    plot_w = WIDTH - left - RIGHT - label_room
    # No axis here: each bar is labelled with its value, so the longest bar can fill the width.
    x_max = 100.0 if chart.percent else max((v for s in chart.series for v in s.values if v), default=1.0)
    bar_h, gap = 12, 3
    group_h = 16 + len(chart.series) * (bar_h + gap) + 8
    body = [*legend, f'<text x="{left}" y="{_n(top - 8)}" font-weight="bold">{escape(chart.axis_label)}</text>']
    if not chart.categories:
        body.append(f'<text x="{left}" y="{_n(top + 14)}">Nothing to show.</text>')
        return top + 24, body
    for row, name in enumerate(chart.categories):
        y0 = top + row * group_h
        shown = name if len(name) <= 46 else name[:45] + "…"
        body.append(f'<text x="{left}" y="{_n(y0 + 12)}">{escape(shown)}<title>{escape(name)}</title></text>')
        for index, series in enumerate(chart.series):
            value = series.values[row]
            y = y0 + 16 + index * (bar_h + gap)
            tooltip = f"<title>{escape(name)}, {escape(series.label)}: "
            if value is None:
                body.append(f'<text x="{left}" y="{_n(y + 10)}" font-size="{SMALL}">No figure yet</text>')
                continue
            w = plot_w * value / x_max if x_max else 0
            body.append(
                f'<rect x="{left}" y="{_n(y)}" width="{_n(max(w, 0.5))}" height="{bar_h}" fill="{COLOURS[index]}">'
                f"{tooltip}{_fmt(value, chart.percent)}</title></rect>"
                f'<text x="{_n(left + w + 4)}" y="{_n(y + 10)}" font-size="{SMALL}">{_fmt(value, chart.percent)}</text>'
            )
    return top + len(chart.categories) * group_h + 4, body
