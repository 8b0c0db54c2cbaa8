"""Each statistics table as a scorecard Table, so it downloads as CSV and XLSX the scorecard's way.

The CSV and the workbook are written by `sendcase.scorecard.exports` (`table_csv`, `table_xlsx`):
counts are whole numbers, percentages numbers with a % format, text is never a formula. A
published marker ("x", "z", "c", ":") is kept as the text the release prints, so a reader sees
why a figure is missing; a SENDcase percentage with no denominator is an empty cell.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sendcase.scorecard.cells import AVERAGE, COUNT, PERCENT, TEXT, Cell, Table
from sendcase.statistics.ehcp import Figure
from sendcase.statistics.selectors import Comparison, MeasureTable, Series
from sendcase.statistics.templatetags.statistics_tags import MARKER_WORDS

MARKER_NOTE = "Where the DfE published no figure, the cell holds its marker: " + ", ".join(
    f"{marker} {words}" for marker, words in MARKER_WORDS.items() if marker
)


def _figure(value: Figure, *, percent: bool, marker: str) -> Cell:
    if value is None:
        return Cell(marker, TEXT) if marker else Cell(None, PERCENT if percent else COUNT)
    if percent:
        return Cell(float(value), PERCENT)
    if isinstance(value, Decimal) and value != value.to_integral_value():
        return Cell(float(value), AVERAGE)
    return Cell(int(value), COUNT)


def _row(series: Series, years: tuple[int, ...], *, percent: bool) -> list[Cell]:
    cells = [Cell(series.area), Cell(series.source)]
    cells += [_figure(series.values.get(y), percent=percent, marker=series.markers.get(y, "")) for y in years]
    return cells


def measure_table(table: MeasureTable) -> Table:
    """One measure's table on the statistics page: a row per area and source, a column per year."""
    measure = table.measure
    percent = measure.is_percentage
    return Table(
        slug=measure.slug,
        title=measure.title,
        sheet=measure.sheet,
        columns=[measure.title + (" (%)" if percent else ""), "Source", *(str(y) for y in table.years)],
        rows=[_row(series, table.years, percent=percent) for series in table.series],
        notes=[
            measure.explanation,
            "SENDcase records: counted from the council's own records the way the DfE counts the SEN2 return "
            "(docs/statistics-methodology.md). DfE published: the Education, health and care plans release.",
            MARKER_NOTE + ".",
        ],
    )


def about(comparison: Comparison, *, today: dt.date) -> list[tuple[str, str | dt.date]]:
    """The workbook's "About" lines: whose figures, beside whom, and when they were taken."""
    comparators = ", ".join(c.name for c in comparison.comparators) or "None"
    return [
        ("Council", f"{comparison.council.name} (LA {comparison.council.code})"),
        ("Region", comparison.region_name or "Not known"),
        ("Comparator councils", comparators),
        ("Downloaded on", today),
    ]
