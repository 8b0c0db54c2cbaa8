"""The published DfE release, read straight from the zip in shared/data with the csv module.

Tests take their expected figures from here, never from numbers typed into the test.
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Callable
from functools import cache
from pathlib import Path

RELEASE_ZIP = Path("/work/shared/data/dfe-ehcp-statistics-2025/education-health-and-care-plans_2025.zip")


@cache
def _headline_rows(dataset: str) -> dict[tuple[str, str, str], dict[str, str]]:
    """Headline rows of data/<dataset>.csv keyed by (time_period, geographic_level, la_code or region_code)."""
    with zipfile.ZipFile(RELEASE_ZIP) as archive:
        text = archive.read(f"data/{dataset}.csv").decode("utf-8-sig")
    rows = {}
    for row in csv.DictReader(io.StringIO(text, newline="")):
        if row["breakdown"] != row["breakdown_topic"]:
            continue
        level = row["geographic_level"]
        area = row["old_la_code"] if level == "Local authority" else row["region_code"]
        rows[(row["time_period"], level, area)] = row
    return rows


def council_row(dataset: str, time_period: str, la_code: str) -> dict[str, str]:
    return _headline_rows(dataset)[(time_period, "Local authority", la_code)]


def area_row(dataset: str, time_period: str, level: str, code: str = "") -> dict[str, str]:
    return _headline_rows(dataset)[(time_period, level, code)]


def count(row: dict[str, str], variable: str) -> int:
    return int(row[variable])


def write_release_zip(
    path: Path,
    columns: dict[str, list[str] | None],
    *,
    cell: Callable[[str, dict[str, str], str], str] | None = None,
    keep_row: Callable[[dict[str, str]], bool] | None = None,
) -> Path:
    """A smaller release zip made from the published one: the given files, with only the given
    variable columns (None keeps them all), every row kept; ``cell(dataset, row, variable)``
    may replace a value (to make markers or a bad cell) and ``keep_row`` drop rows."""
    with zipfile.ZipFile(RELEASE_ZIP) as source, zipfile.ZipFile(path, "w") as target:
        for dataset, variables in columns.items():
            text = source.read(f"data/{dataset}.csv").decode("utf-8-sig")
            reader = csv.DictReader(io.StringIO(text, newline=""))
            fieldnames = list(reader.fieldnames or [])
            ids = fieldnames[: fieldnames.index("breakdown") + 1]
            keep = ids + (variables if variables is not None else list(dict.fromkeys(fieldnames[len(ids) :])))
            out = io.StringIO()
            writer = csv.DictWriter(out, fieldnames=keep, extrasaction="ignore", lineterminator="\n")
            writer.writeheader()
            for row in reader:
                if keep_row is not None and not keep_row(row):
                    continue
                if cell is not None:
                    row = {**row, **{v: cell(dataset, row, v) for v in keep[len(ids) :]}}
                writer.writerow(row)
            target.writestr(f"data/{dataset}.csv", "\ufeff" + out.getvalue())
        target.writestr("data-guidance/data-guidance.txt", source.read("data-guidance/data-guidance.txt"))
    return path
