"""Each scorecard table as CSV or as an XLSX workbook (openpyxl).

Both have one header row, then a row per table row. In the workbook the cells are typed:
counts are whole numbers, averages have one decimal place, percentages are fractions with a %
number format (so 93.3% is stored as 0.933), months are dates shown as "Jan 2025". The sheet
is named after the table; an "About" sheet says whose figures they are, for which period and
when they were counted. A percentage with nothing to divide by is an empty cell, never 0.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterable
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from sendcase.scorecard.cells import AVERAGE, COUNT, MONTH, PERCENT, Cell, Table
from sendcase.scorecard.periods import month_key

CSV_CONTENT_TYPE = "text/csv; charset=utf-8"
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# A spreadsheet runs text beginning with one of these as a formula (CSV injection).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")

About = Iterable[tuple[str, str | dt.date]]


def _csv_value(cell: Cell) -> str | int | float:
    if cell.value is None:
        return ""
    if cell.kind == MONTH and isinstance(cell.value, dt.date):
        return month_key(cell.value)
    if cell.kind in (COUNT, AVERAGE, PERCENT):
        return cell.value  # type: ignore[return-value]
    text = str(cell.value)
    return "'" + text if text.startswith(_FORMULA_START) else text


def table_csv(table: Table) -> bytes:
    """The table as CSV in UTF-8 with a byte order mark, which Excel needs to read it as UTF-8."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(table.columns)
    for row in table.rows:
        writer.writerow([_csv_value(cell) for cell in row])
    return out.getvalue().encode("utf-8-sig")


def _write_cell(ws: object, row: int, column: int, cell: Cell) -> None:
    target = ws.cell(row=row, column=column)  # type: ignore[attr-defined]
    value = cell.value
    if value is None:
        return
    if cell.kind == PERCENT:
        # Divided as a decimal, so 91.3% is stored as 0.913, not 0.9129999999999999.
        target.value = float(Decimal(str(value)) / 100)
        target.number_format = "0.0%"
    elif cell.kind == AVERAGE:
        target.value = float(value)  # type: ignore[arg-type]
        target.number_format = "#,##0.0"
    elif cell.kind == COUNT:
        target.value = int(value)  # type: ignore[arg-type]
        target.number_format = "#,##0"
    elif cell.kind == MONTH and isinstance(value, dt.date):
        target.value = value
        target.number_format = "mmm yyyy"
    else:
        target.value = str(value)
        target.data_type = "s"  # never a formula, whatever the text begins with


def table_xlsx(table: Table, *, about: About = ()) -> bytes:
    """The table as a one-table workbook, plus an "About" sheet with `about` and the table's notes."""
    workbook = Workbook()
    ws = workbook.active
    ws.title = table.sheet
    for column, label in enumerate(table.columns, start=1):
        header = ws.cell(row=1, column=column, value=label)
        header.font = Font(bold=True)
        header.alignment = Alignment(wrap_text=True, vertical="top")
        ws.column_dimensions[get_column_letter(column)].width = 44 if column == 1 else 16
    for r, row in enumerate(table.rows, start=2):
        for c, cell in enumerate(row, start=1):
            _write_cell(ws, r, c, cell)
    ws.freeze_panes = "B2"

    info = workbook.create_sheet("About")
    info.column_dimensions["A"].width = 24
    info.column_dimensions["B"].width = 90
    lines: list[tuple[str, str | dt.date]] = [("Table", table.title), *about]
    lines += [("Note", note) for note in table.notes]
    for r, (label, value) in enumerate(lines, start=1):
        info.cell(row=r, column=1, value=label).font = Font(bold=True)
        target = info.cell(row=r, column=2, value=value)
        if isinstance(value, dt.date):
            target.number_format = "d mmmm yyyy"
        else:
            target.data_type = "s"
            target.alignment = Alignment(wrap_text=True, vertical="top")
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
