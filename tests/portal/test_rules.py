"""When a child becomes a young person (over compulsory school age): the last Friday in June rule."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sendcase.portal.rules import is_young_person, last_friday_of_june, school_leaving_date


@pytest.mark.parametrize(
    ("born", "leaves"),
    [
        # 16 on 31 August 2024, the last day of the school year: leaves on 28 June 2024, before the birthday.
        (dt.date(2008, 8, 31), dt.date(2024, 6, 28)),
        # 16 on 1 September 2024, the first day of the next school year: leaves on 27 June 2025.
        (dt.date(2008, 9, 1), dt.date(2025, 6, 27)),
        (dt.date(2009, 1, 15), dt.date(2025, 6, 27)),
        # A leap-day birthday reaches 16 on 1 March 2024's school year all the same.
        (dt.date(2008, 2, 29), dt.date(2024, 6, 28)),
    ],
)
def test_the_school_leaving_date_is_the_last_friday_in_june_of_the_school_year_of_the_16th_birthday(born, leaves):
    assert school_leaving_date(born) == leaves


def test_a_young_person_from_the_day_after_the_leaving_date_until_25():
    born = dt.date(2008, 8, 31)
    assert not is_young_person(born, dt.date(2024, 6, 28))
    assert is_young_person(born, dt.date(2024, 6, 29))
    assert is_young_person(born, dt.date(2033, 8, 30))
    assert not is_young_person(born, dt.date(2033, 8, 31))


@given(st.integers(min_value=1990, max_value=2100))
def test_the_last_friday_of_june_is_a_friday_in_its_last_week(year):
    day = last_friday_of_june(year)
    assert day.weekday() == 4 and day.month == 6 and day.day >= 24


@given(st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2030, 12, 31)))
def test_nobody_leaves_school_before_15_or_after_16_and_a_school_year(born):
    leaves = school_leaving_date(born)
    age_days = (leaves - born).days
    assert 15 * 365 < age_days < 17 * 366
