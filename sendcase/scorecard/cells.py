"""The building blocks of a scorecard table: typed cells, the table, and the chart beside it.

One Table feeds the page (an HTML table), its chart, and its CSV and XLSX downloads, so the
three can never disagree. Cells carry their type (count, average, percentage, month, text) so a
spreadsheet gets numbers as numbers and percentages with a % format, and an empty percentage
says why it is empty ("no decisions") instead of showing 0.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from sendcase.scorecard.periods import month_label, parse_month
from sendcase.statistics.dfe import percentage_text

Figures = dict[str, Any]

TEXT, COUNT, AVERAGE, PERCENT, MONTH = "text", "count", "average", "percent", "month"


@dataclass(frozen=True)
class Cell:
    value: int | float | str | dt.date | None
    kind: str = TEXT
    empty: str = ""  # what the page shows when there is no value, e.g. "no decisions"
    href: str = ""
    partial_to: dt.date | None = None  # a month still in progress, counted up to this day

    @property
    def numeric(self) -> bool:
        return self.kind in (COUNT, AVERAGE, PERCENT)

    def display(self) -> str:
        if self.value is None:
            return self.empty
        if self.kind == PERCENT:
            return percentage_text(self.value)  # type: ignore[arg-type]
        if self.kind == AVERAGE:
            return f"{self.value:,.1f}"
        if self.kind == COUNT:
            return f"{self.value:,}"
        if self.kind == MONTH and isinstance(self.value, dt.date):
            label = month_label(self.value)
            if self.partial_to:
                return f"{label} (to {self.partial_to.day} {month_label(self.partial_to).split()[0]})"
            return label
        return str(self.value)


@dataclass(frozen=True)
class Series:
    label: str
    values: list[float | None]


@dataclass(frozen=True)
class Chart:
    kind: str  # "columns" (months), "lines" (percentages by month) or "bars" (one per row, horizontal)
    title: str
    description: str
    categories: list[str]
    series: list[Series]
    axis_label: str
    percent: bool = False
    references: list[tuple[str, float]] = field(default_factory=list)  # labelled horizontal lines


@dataclass(frozen=True)
class Table:
    slug: str
    title: str
    sheet: str  # the XLSX sheet name, after the title: at most 31 characters
    columns: list[str]
    rows: list[list[Cell]]
    notes: list[str] = field(default_factory=list)
    chart: Chart | None = None
    empty_message: str = ""
    section: str = ""  # "" for the scorecard's main tables; "reviews" for the annual reviews section

    @property
    def wide(self) -> bool:
        """Too many columns to share the width with a chart: the chart goes underneath instead."""
        return len(self.columns) > 4

    @property
    def headers(self) -> list[tuple[str, bool]]:
        """(label, whether the column holds numbers), so numbers line up under their heading."""
        numeric = [cell.numeric for cell in self.rows[0]] if self.rows else [False] * len(self.columns)
        return list(zip(self.columns, numeric, strict=True))


def month_cell(key: str, month: Figures, as_of: dt.date) -> Cell:
    """A month of a figures document ("2025-03") as a cell, marked "to <day>" while still in progress."""
    return Cell(parse_month(key), MONTH, partial_to=None if month["complete"] else as_of)


def short_month(month: Figures) -> str:
    """A month's label on a chart axis or in a column heading: "Mar 2025", or "Mar 2025 (to date)"."""
    label = month_label(parse_month(month["month"]), short=True)
    return label if month["complete"] else f"{label} (to date)"


def describe_percent(months: list[Figures], series: list[Series]) -> str:
    """A line chart's description: each series' highest and lowest month, and what the gaps mean."""
    parts = []
    for s in series:
        known = [(m, v) for m, v in zip(months, s.values, strict=True) if v is not None]
        if not known:
            parts.append(f"{s.label}: no figures in the period.")
            continue
        best = max(known, key=lambda pair: pair[1])
        worst = min(known, key=lambda pair: pair[1])
        parts.append(
            f"{s.label}: highest {percentage_text(best[1])} in {month_label(parse_month(best[0]['month']))}, "
            f"lowest {percentage_text(worst[1])} in {month_label(parse_month(worst[0]['month']))}."
        )
    gaps = "Months with nothing to count are left as gaps, not shown as 0%."
    return " ".join([*parts, gaps, "The table with this chart has every figure."])
