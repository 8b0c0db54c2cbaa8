"""GOV.UK date formatting and the calendar helpers behind the rules."""

import re
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sendcase.timescales import add_days, add_weeks, format_date, last_day_of_period
from sendcase.timescales.dates import days_between, plural_days

MONTHS = [
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
]


@pytest.mark.parametrize(
    ("day", "text"),
    [
        (date(2025, 3, 3), "3 March 2025"),
        (date(2025, 1, 6), "6 January 2025"),
        (date(1999, 12, 31), "31 December 1999"),
        (date(2024, 2, 29), "29 February 2024"),
    ],
)
def test_format_date_is_govuk_style(day: date, text: str) -> None:
    assert format_date(day) == text


@given(st.dates(min_value=date(1000, 1, 1)))
def test_format_date_never_has_a_leading_zero_and_reads_back(day: date) -> None:
    text = format_date(day)
    match = re.fullmatch(r"([1-9][0-9]?) ([A-Z][a-z]+) ([0-9]{4})", text)
    assert match is not None
    assert int(match.group(1)) == day.day
    assert MONTHS.index(match.group(2)) + 1 == day.month
    assert int(match.group(3)) == day.year


def test_add_weeks_counts_the_start_as_day_0() -> None:
    assert add_weeks(date(2025, 1, 6), 6) == date(2025, 2, 17)
    assert add_weeks(date(2025, 1, 6), 0) == date(2025, 1, 6)


def test_add_days() -> None:
    assert add_days(date(2025, 2, 28), 1) == date(2025, 3, 1)
    assert add_days(date(2024, 2, 28), 1) == date(2024, 2, 29)


def test_a_period_beginning_with_a_day_counts_that_day_as_day_1() -> None:
    assert last_day_of_period(date(2025, 3, 3), 1) == date(2025, 3, 3)
    assert last_day_of_period(date(2025, 3, 3), 15) == date(2025, 3, 17)


def test_a_period_must_last_at_least_a_day() -> None:
    with pytest.raises(ValueError, match="at least 1 day"):
        last_day_of_period(date(2025, 3, 3), 0)


def test_days_between_and_plural_days() -> None:
    assert days_between(date(2025, 3, 2), date(2025, 3, 14)) == 12
    assert days_between(date(2025, 3, 14), date(2025, 3, 2)) == -12
    assert plural_days(1) == "1 day"
    assert plural_days(0) == "0 days"
    assert plural_days(12) == "12 days"
