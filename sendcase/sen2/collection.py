"""Which collection a SEN2 return belongs to: its census date and the activity period it covers.

A return for collection year Y reports the activity of calendar year Y-1 (requests, decisions,
new and ceased plans) and the plans active on the census date, the third Thursday of January
of year Y (shared/domain/sen2-return.md A.2 [CONFIRMED], census dates from S6).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

# DfE SEN2 census dates (sen2-return.md A.2, source S6). A year not listed has no return yet.
CENSUS_DATES: dict[int, dt.date] = {
    2023: dt.date(2023, 1, 19),
    2024: dt.date(2024, 1, 18),
    2025: dt.date(2025, 1, 16),
    2026: dt.date(2026, 1, 15),
    2027: dt.date(2027, 1, 21),
}

# SENDcase writes and reads the 2025 format (sendcase/sen2/schema/sen2-2025.xsd): it has the
# 2025 items (RequestSource, review and phase-transfer dates, DS) that earlier years lack.
FIRST_YEAR = 2025


class UnknownCollectionYear(ValueError):
    pass


@dataclass(frozen=True)
class Collection:
    """One SEN2 collection: its year, census date and the calendar year of activity it reports."""

    year: int
    census: dt.date
    period_start: dt.date
    period_end: dt.date

    def in_period(self, day: dt.date | None) -> bool:
        return day is not None and self.period_start <= day <= self.period_end

    @property
    def label(self) -> str:
        return f"{self.year} (census {self.census:%-d %B %Y}, activity in {self.period_start.year})"


def collection_for(year: int) -> Collection:
    """The collection for `year`, or UnknownCollectionYear with a message fit to show."""
    if year not in CENSUS_DATES or year < FIRST_YEAR:
        known = ", ".join(str(y) for y in sorted(CENSUS_DATES) if y >= FIRST_YEAR)
        raise UnknownCollectionYear(f"SENDcase can write and read the SEN2 return for {known}, not for {year}")
    return Collection(
        year=year,
        census=CENSUS_DATES[year],
        period_start=dt.date(year - 1, 1, 1),
        period_end=dt.date(year - 1, 12, 31),
    )


def available_years() -> list[int]:
    return [y for y in sorted(CENSUS_DATES) if y >= FIRST_YEAR]


def current_year(today: dt.date) -> int:
    """The return staff are working towards on `today`.

    Returns are usually submitted in the spring after the census, so until the end of March the
    return being prepared is this year's; from April it is next year's. [SENDcase's choice: the
    DfE submission window is not in the domain notes.] Falls back to the latest year known.
    """
    wanted = today.year if today.month <= 3 else today.year + 1
    years = available_years()
    return wanted if wanted in years else years[-1] if wanted > years[-1] else years[0]
