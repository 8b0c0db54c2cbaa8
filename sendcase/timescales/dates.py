"""Date helpers for statutory timescales.

The SEND Regulations 2014 count in calendar weeks and calendar days: there is no working-day or
bank-holiday adjustment anywhere in the EHC needs assessment timetable, so none is made here.
"""

from __future__ import annotations

import calendar
from datetime import date, timedelta

# Spelled out rather than taken from strftime("%B"), which follows the process locale and would
# print "März" on a server configured for German.
_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def month_name(month: int) -> str:
    """The English name of month 1 to 12, whatever the server's locale."""
    return _MONTHS[month - 1]


def format_date(d: date) -> str:
    """Return a date in GOV.UK style, like "3 March 2025" (no leading zero, no weekday)."""
    # "%-d" would drop the leading zero on Linux but fails on Windows, so build the string.
    return f"{d.day} {_MONTHS[d.month - 1]} {d.year}"


def add_days(start: date, days: int) -> date:
    """Return the date a number of calendar days after ``start``."""
    return start + timedelta(days=days)


def add_weeks(start: date, weeks: int) -> date:
    """Return the date a number of calendar weeks after ``start``.

    The day the clock starts is day 0, so a limit of "within 6 weeks" of 6 January 2025 ends on
    17 February 2025, the same weekday six weeks later.
    """
    return start + timedelta(weeks=weeks)


def add_months(d: date, months: int) -> date:
    """Return the date a number of calendar months after ``d`` (before it, if ``months`` < 0).

    The day of the month stays the same ("the corresponding date"). When the target month is too
    short for it, the result is that month's last day: 31 January plus 1 month is 28 February (29
    in a leap year), and 31 July minus 5 months is 28 or 29 February. Raises ``ValueError`` if
    the result would fall outside the years 1 to 9999.
    """
    year, month_index = divmod(d.year * 12 + d.month - 1 + months, 12)
    if not 1 <= year <= 9999:
        raise ValueError(f"{d} plus {months} months is outside the years 1 to 9999")
    month = month_index + 1
    return date(year, month, min(d.day, calendar.monthrange(year, month)[1]))


def last_day_of_period(first_day: date, days: int) -> date:
    """Return the last day of a period of ``days`` days "beginning with" ``first_day``.

    Legislation that says "beginning with the day" counts that day as day 1, so a 15-day period
    beginning on 3 March ends on 17 March.
    """
    if days < 1:
        raise ValueError(f"A period must last at least 1 day, not {days}")
    return first_day + timedelta(days=days - 1)


def days_between(earlier: date, later: date) -> int:
    """Return the number of days from ``earlier`` to ``later`` (negative if reversed)."""
    return (later - earlier).days


def plural_days(days: int) -> str:
    """Return "1 day" or "N days"."""
    return "1 day" if days == 1 else f"{days} days"
