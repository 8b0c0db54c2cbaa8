"""Which collection a SEN2 return belongs to: its census date and the activity period it covers.

A return for collection year Y reports the activity of calendar year Y-1 (requests, decisions,
new and ceased plans) and the plans active on the census date, the third Thursday of January
of year Y (shared/domain/sen2-return.md A.2 [CONFIRMED], census dates from S6).

SENDcase writes and reads one format, the 2025 one (sendcase/sen2/schema/sen2-2025.xsd), for
every collection year from 2025 on. **[UNCONFIRMED]** for 2026 and later: sen2-return.md A.5
found no change in 2026 beyond a field list matching 2025 (S9), and nothing at all about 2027 or
later. Replace the schema when a year's DfE technical specification says otherwise.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

# DfE SEN2 census dates (sen2-return.md A.2, source S6) [CONFIRMED].
CENSUS_DATES: dict[int, dt.date] = {
    2023: dt.date(2023, 1, 19),
    2024: dt.date(2024, 1, 18),
    2025: dt.date(2025, 1, 16),
    2026: dt.date(2026, 1, 15),
    2027: dt.date(2027, 1, 21),
}

# The first year of the 2025 format, which has the 2025 items (RequestSource, the review and
# phase-transfer dates, DS) that earlier years lack.
FIRST_YEAR = 2025


class UnknownCollectionYear(ValueError):
    pass


def third_thursday_of_january(year: int) -> dt.date:
    first = dt.date(year, 1, 1)
    return first + dt.timedelta(days=(3 - first.weekday()) % 7 + 14)


def census_date(year: int) -> dt.date:
    """The census date of collection `year`: the published one, else the third Thursday of January.

    Every published date from 2015 to 2027 is the third Thursday but 2021's (the second), so a
    year after the list is taken to keep to the rule. [UNCONFIRMED for years after 2027: check
    the year's DfE guide; sendcase.statistics.dfe.census_date makes the same assumption.]
    """
    return CENSUS_DATES.get(year) or third_thursday_of_january(year)


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
    def census_published(self) -> bool:
        """Whether the census date is one the sources give, not worked out by the rule."""
        return self.year in CENSUS_DATES

    @property
    def label(self) -> str:
        return f"{self.year} (census {self.census:%-d %B %Y}, activity in {self.period_start.year})"


def collection_for(year: int) -> Collection:
    """The collection for `year`, or UnknownCollectionYear with a message fit to show."""
    if year < FIRST_YEAR or year > dt.MAXYEAR:
        raise UnknownCollectionYear(
            f"SENDcase can write and read the SEN2 return for {FIRST_YEAR} onwards, not for {year}"
        )
    return Collection(
        year=year,
        census=census_date(year),
        period_start=dt.date(year - 1, 1, 1),
        period_end=dt.date(year - 1, 12, 31),
    )


def current_year(today: dt.date) -> int:
    """The return staff are working towards on `today`.

    Returns are usually submitted in the spring after the census, so until the end of March the
    return being prepared is this year's; from April it is next year's. [SENDcase's choice: the
    DfE submission window is not in the domain notes.] This holds after 2027 too: the 2028 return
    is prepared from April 2027 on, with its census date worked out by `census_date`, rather than
    the page falling back to a year whose return has already gone. Never earlier than 2025, the
    first year SENDcase writes.
    """
    return max(today.year if today.month <= 3 else today.year + 1, FIRST_YEAR)


def available_years(today: dt.date) -> list[int]:
    """The years the staff pages offer: from 2025 to the later of 2027 and the return being prepared."""
    return list(range(FIRST_YEAR, max(max(CENSUS_DATES), current_year(today)) + 1))
