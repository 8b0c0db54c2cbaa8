"""The months a scorecard covers, and the calendar years its averages compare.

SENDcase reports by calendar year, as the table Dorset's councillors received does ("2020 (year
to date), average per month" beside "2019 (full year), average per month") and as the DfE's SEN2
return and EHC plan statistics count activity. docs/scorecard.md says why.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

from sendcase.timescales import add_months, month_name

# Councillors see at most three years side by side; a longer range is an analyst's extract.
MAX_MONTHS = 36

_MONTH = re.compile(r"^(?P<y>\d{4})-(?P<m>\d{2})$")


def month_start(day: dt.date) -> dt.date:
    return day.replace(day=1)


def month_end(day: dt.date) -> dt.date:
    return day.replace(day=calendar.monthrange(day.year, day.month)[1])


def month_key(first: dt.date) -> str:
    """A month as "2025-03": how months are written in JSON, CSV and URLs."""
    return f"{first.year:04d}-{first.month:02d}"


def month_label(first: dt.date, *, short: bool = False) -> str:
    """ "March 2025", or "Mar 2025" where space is tight (chart axes)."""
    name = month_name(first.month)
    return f"{name[:3] if short else name} {first.year}"


def parse_month(text: str) -> dt.date:
    """The first day of the month written "YYYY-MM"; ValueError naming the mistake otherwise."""
    match = _MONTH.match(text.strip())
    if not match:
        raise ValueError(f"{text!r} is not a month written as YYYY-MM, like 2025-03")
    year, month = int(match["y"]), int(match["m"])
    if not 1 <= month <= 12:
        raise ValueError(f"{text!r} has no month {month}: use 01 to 12")
    return dt.date(year, month, 1)


@dataclass(frozen=True)
class Period:
    """Whole calendar months from `first` to `last` (both the first day of their month)."""

    first: dt.date
    last: dt.date

    def __post_init__(self) -> None:
        if self.first.day != 1 or self.last.day != 1:
            raise ValueError("A period runs between first days of months")
        if self.last < self.first:
            raise ValueError("The period must end in or after the month it starts")

    @classmethod
    def year_to_date(cls, today: dt.date) -> Period:
        """January of this year to this month: the councillors' table."""
        return cls(dt.date(today.year, 1, 1), month_start(today))

    @property
    def months(self) -> list[dt.date]:
        count = (self.last.year - self.first.year) * 12 + self.last.month - self.first.month + 1
        return [add_months(self.first, n) for n in range(count)]

    @property
    def end(self) -> dt.date:
        """The last day of the period."""
        return month_end(self.last)

    def as_dict(self) -> dict[str, str]:
        return {"from": month_key(self.first), "to": month_key(self.last)}


def check_period(period: Period, *, today: dt.date) -> dict[str, str]:
    """Problems with a period someone asked for, by field ("from", "to"); empty if it is fine."""
    problems: dict[str, str] = {}
    if period.last > month_start(today):
        problems["to"] = f"The period must end in or before {month_label(month_start(today))}"
    elif len(period.months) > MAX_MONTHS:
        problems["from"] = f"The period can be at most {MAX_MONTHS} months long"
    return problems


def is_complete(first: dt.date, *, today: dt.date) -> bool:
    """True when the whole month is over, so its figures can no longer grow."""
    return month_end(first) < today


def year_to_date_months(period: Period, *, today: dt.date) -> list[dt.date]:
    """January of the period's last year up to its last month, complete months only.

    The month in progress is left out: a half-counted month would pull the average per month
    down and make every week of the year look worse than the last.
    """
    start = dt.date(period.last.year, 1, 1)
    return [m for m in Period(start, period.last).months if is_complete(m, today=today)]


def previous_year_months(period: Period) -> list[dt.date]:
    """The whole calendar year before the period's last year."""
    year = period.last.year - 1
    return Period(dt.date(year, 1, 1), dt.date(year, 12, 1)).months
