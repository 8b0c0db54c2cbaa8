"""Reading a published 'Education, health and care plans' release zip (Explore Education Statistics).

The zip holds one CSV per topic under data/ (requests.csv, timeliness_20_week.csv, ...), each in
the EES tidy format: the columns time_period, time_identifier, geographic_level, country_*,
region_code, region_name, new_la_code, old_la_code, la_name, breakdown_topic, breakdown, then one
column per variable. SENDcase keeps each file's headline rows (breakdown equal to
breakdown_topic, e.g. "All EHC plans") at national, regional and council level. A cell is a
number or a marker (x unavailable, z not applicable, c confidential, : not available).

Everything is checked before anything is written: a bad file is refused whole, with the file,
line and column of the first problems.
"""

from __future__ import annotations

import csv
import hashlib
import io
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Final

from sendcase.core.errors import ValidationFailed
from sendcase.statistics import dfe

ID_COLUMNS: Final = (
    "time_period",
    "time_identifier",
    "geographic_level",
    "country_code",
    "country_name",
    "region_code",
    "region_name",
    "new_la_code",
    "old_la_code",
    "la_name",
    "breakdown_topic",
    "breakdown",
)
REQUIRED_COLUMNS: Final = ("time_period", "geographic_level", "breakdown_topic", "breakdown")
LEVELS: Final = ("National", "Regional", "Local authority")
MAX_PROBLEMS: Final = 10
MAX_ZIP_BYTES: Final = 200 * 1024 * 1024


@dataclass(frozen=True)
class FigureRow:
    dataset: str
    time_period: str
    year: int
    geographic_level: str
    region_code: str
    region_name: str
    la_code: str
    new_la_code: str
    la_name: str
    variable: str
    value: Decimal | None
    marker: str


@dataclass(frozen=True)
class ParsedRelease:
    file_name: str
    sha256: str
    datasets: tuple[str, ...]
    rows: tuple[FigureRow, ...]


class _Problems:
    def __init__(self) -> None:
        self.messages: list[str] = []

    def add(self, message: str) -> None:
        if len(self.messages) < MAX_PROBLEMS:
            self.messages.append(message)

    def raise_if_any(self, file_name: str) -> None:
        if self.messages:
            raise ValidationFailed(
                f"{file_name} is not a release SENDcase can load; nothing was loaded",
                field_errors={f"problem_{i}": message for i, message in enumerate(self.messages, 1)},
            )


def read_release(path: Path) -> ParsedRelease:
    """Parse and check every data file of the release zip at ``path``; raise ValidationFailed if bad."""
    name = path.name
    try:
        content = path.read_bytes()
    except OSError as exc:
        raise ValidationFailed(f"Cannot read {path}: {exc.strerror}", field_errors={"path": str(exc)}) from exc
    if len(content) > MAX_ZIP_BYTES:
        raise ValidationFailed(f"{name} is larger than {MAX_ZIP_BYTES // 1024 // 1024} MB", field_errors={})
    try:
        archive = zipfile.ZipFile(io.BytesIO(content))
    except zipfile.BadZipFile as exc:
        raise ValidationFailed(
            f"{name} is not a zip file", field_errors={"path": "Expected the release's .zip"}
        ) from exc
    problems = _Problems()
    rows: list[FigureRow] = []
    datasets: list[str] = []
    with archive:
        members = sorted(
            info.filename
            for info in archive.infolist()
            if info.filename.startswith("data/") and info.filename.endswith(".csv") and "/" not in info.filename[5:]
        )
        if not members:
            problems.add("The zip has no data/*.csv files: is this the release's 'all files' download?")
        for member in members:
            dataset = member[len("data/") : -len(".csv")]
            before = len(problems.messages)
            found = list(_read_csv(archive, member, dataset, problems))
            if len(problems.messages) == before and found:
                datasets.append(dataset)
                rows.extend(found)
    _check_unique(rows, problems)
    if not rows and not problems.messages:
        problems.add("No headline rows at national, regional or council level were found in data/*.csv")
    problems.raise_if_any(name)
    return ParsedRelease(
        file_name=name, sha256=hashlib.sha256(content).hexdigest(), datasets=tuple(datasets), rows=tuple(rows)
    )


def _read_csv(archive: zipfile.ZipFile, member: str, dataset: str, problems: _Problems) -> Iterator[FigureRow]:
    try:
        text = archive.read(member).decode("utf-8-sig")
    except UnicodeDecodeError:
        problems.add(f"{member} is not UTF-8 text")
        return
    except (zipfile.BadZipFile, OSError) as exc:
        problems.add(f"{member} cannot be read from the zip: {exc}")
        return
    reader = csv.reader(io.StringIO(text, newline=""))
    header = next(reader, None)
    if header is None:
        problems.add(f"{member} is empty")
        return
    missing = [column for column in REQUIRED_COLUMNS if column not in header]
    if missing:
        problems.add(f"{member} has no {', '.join(missing)} column: expected the EES format")
        return
    position = {}
    for index, column in enumerate(header):
        # annual_reviews.csv repeats review_meeting_prior_24 with the same values; keep the first.
        position.setdefault(column.strip(), index)
    variables = [column for column in position if column not in ID_COLUMNS and column]

    def cell(row: list[str], column: str) -> str:
        index = position.get(column)
        return row[index].strip() if index is not None and index < len(row) else ""

    for line, row in enumerate(reader, start=2):
        if not row:
            continue
        if len(row) != len(header):
            problems.add(f"{member} line {line}: {len(row)} cells, but the header has {len(header)}")
            continue
        level = cell(row, "geographic_level")
        if level not in LEVELS or cell(row, "breakdown") != cell(row, "breakdown_topic"):
            continue
        time_period = cell(row, "time_period")
        try:
            year = dfe.activity_year(time_period)
        except ValueError:
            problems.add(f"{member} line {line}: time_period {time_period!r} is not a year like 2024 or 202425")
            continue
        la_code = cell(row, "old_la_code")
        if level == "Local authority" and not (len(la_code) == 3 and la_code.isdigit()):
            problems.add(f"{member} line {line}: old_la_code {la_code!r} is not a 3-digit DfE LA number")
            continue
        if level == "Regional" and not cell(row, "region_code"):
            problems.add(f"{member} line {line}: a regional row with no region_code")
            continue
        for variable in variables:
            raw = cell(row, variable)
            value, marker = _parse_value(raw)
            if value is None and marker is None:
                problems.add(f"{member} line {line}, column {variable}: {raw!r} is neither a number nor a marker")
                continue
            yield FigureRow(
                dataset=dataset,
                time_period=time_period,
                year=year,
                geographic_level=level,
                region_code=cell(row, "region_code") if level != "National" else "",
                region_name=cell(row, "region_name") if level != "National" else "",
                la_code=la_code if level == "Local authority" else "",
                new_la_code=cell(row, "new_la_code") if level == "Local authority" else "",
                la_name=cell(row, "la_name") if level == "Local authority" else "",
                variable=variable,
                value=value,
                marker=marker or "",
            )


def _parse_value(raw: str) -> tuple[Decimal | None, str | None]:
    """(number, None) for a number; (None, marker) for a marker or an empty cell; (None, None) if neither."""
    if raw == "" or raw.lower() in dfe.MARKERS:
        return None, raw.lower()
    try:
        number = Decimal(raw.replace(",", ""))
    except InvalidOperation:
        return None, None
    if not number.is_finite() or abs(number) >= 10**10:
        return None, None
    return number, None


def _check_unique(rows: list[FigureRow], problems: _Problems) -> None:
    seen: set[tuple[str, ...]] = set()
    for row in rows:
        key = (row.dataset, row.time_period, row.geographic_level, row.region_code, row.la_code, row.variable)
        if key in seen:
            where = row.la_name or row.region_name or "England"
            problems.add(f"data/{row.dataset}.csv has two headline rows for {where}, {row.time_period}")
            return
        seen.add(key)
