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

from sendcase.scorecard.periods import month_label

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
            return f"{self.value:.0f}%"
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

    @property
    def wide(self) -> bool:
        """Too many columns to share the width with a chart: the chart goes underneath instead."""
        return len(self.columns) > 4

    @property
    def headers(self) -> list[tuple[str, bool]]:
        """(label, whether the column holds numbers), so numbers line up under their heading."""
        numeric = [cell.numeric for cell in self.rows[0]] if self.rows else [False] * len(self.columns)
        return list(zip(self.columns, numeric, strict=True))
